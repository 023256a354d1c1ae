"""What a paragraph inherits: bullets, levels and run formatting, resolved as PowerPoint does.

A paragraph's own properties win; then its shape's list styles; for a
placeholder, the matching placeholder on the slide's layout, then on its
master, then the master's text styles (titles from `titleStyle`, body and
subtitle placeholders from `bodyStyle`, the rest from `otherStyle`); a text box
falls back to the presentation's `defaultTextStyle`. Each list style has one
entry per level (`a:lvl1pPr` ... `a:lvl9pPr`) whose `a:defRPr` holds the run
defaults. This is why a bullet the trainer never typed is a bullet: it comes
from the master's body style.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from pptx.oxml.ns import qn

BULLET_TAGS = {qn("a:buNone"): "none", qn("a:buChar"): "char", qn("a:buAutoNum"): "number",
               qn("a:buBlip"): "char"}
TITLE_TYPES = {"title", "ctrTitle"}
BODY_TYPES = {"body", "obj", "subTitle", None}
_RUN_FLAGS = ("b", "i", "u", "strike", "baseline")


@dataclass(frozen=True)
class Bullet:
    kind: str  # none | char | number
    scheme: str = ""  # number: DrawingML's autonumber type, e.g. arabicPeriod
    start: Optional[int] = None  # number: startAt, when given


def placeholder_of(element):
    """The `p:ph` of a shape element, or None."""
    for tag in ("p:nvSpPr", "p:nvPicPr", "p:nvGraphicFramePr", "p:nvGrpSpPr", "p:nvCxnSpPr"):
        nv = element.find(qn(tag))
        if nv is not None:
            nv_pr = nv.find(qn("p:nvPr"))
            return None if nv_pr is None else nv_pr.find(qn("p:ph"))
    return None


def ph_type(ph) -> Optional[str]:
    return ph.get("type") if ph is not None else None


def ph_idx(ph) -> int:
    try:
        return int(ph.get("idx", "0"))
    except ValueError:
        return 0


def _placeholders(tree):
    for sp in tree.iter(qn("p:sp")):
        ph = placeholder_of(sp)
        if ph is not None:
            yield sp, ph


def find_layout_placeholder(layout_element, ph):
    """The layout's placeholder a slide placeholder inherits from: same idx, else same type."""
    kind, idx = ph_type(ph), ph_idx(ph)
    candidates = list(_placeholders(layout_element))
    for sp, other in candidates:
        if other.get("idx") is not None and ph_idx(other) == idx and (
                idx != 0 or _same_family(ph_type(other), kind)):
            return sp
    for sp, other in candidates:
        if _same_family(ph_type(other), kind) and ph_type(other) == kind:
            return sp
    for sp, other in candidates:
        if _same_family(ph_type(other), kind):
            return sp
    return None


def find_master_placeholder(master_element, kind: Optional[str]):
    """The master's placeholder of the same kind (masters hold one of each)."""
    family = _family(kind)
    for sp, other in _placeholders(master_element):
        if _family(ph_type(other)) == family:
            return sp
    return None


def _family(kind: Optional[str]) -> str:
    if kind in TITLE_TYPES:
        return "title"
    if kind in BODY_TYPES:
        return "body"
    return kind


def _same_family(a, b) -> bool:
    return _family(a) == _family(b)


def master_style_name(kind: Optional[str]) -> str:
    family = _family(kind)
    return {"title": "p:titleStyle", "body": "p:bodyStyle"}.get(family, "p:otherStyle")


class StyleChain:
    """The list styles one text frame inherits from, nearest first."""

    def __init__(self, styles: List):
        self.styles = [s for s in styles if s is not None]

    def level(self, level: int) -> list:
        tag = qn(f"a:lvl{min(max(level, 0), 8) + 1}pPr")
        return [found for style in self.styles for found in [style.find(tag)] if found is not None]

    def bullet(self, ppr, level: int) -> Bullet:
        for props in ([ppr] if ppr is not None else []) + self.level(level):
            for child in props:
                kind = BULLET_TAGS.get(child.tag)
                if kind is None:
                    continue
                if kind != "number":
                    return Bullet(kind)
                start = child.get("startAt")
                return Bullet("number", child.get("type", "arabicPeriod"),
                              int(start) if start and start.isdigit() else None)
        return Bullet("none")

    def margins(self, ppr, level: int) -> Tuple[int, int]:
        """marL and indent of a paragraph, in EMU: its own, else its level's in the chain."""
        found = []
        for name in ("marL", "indent"):
            value = next((props.get(name) for props in ([ppr] if ppr is not None else [])
                          + self.level(level) if props.get(name) is not None), "0")
            try:
                found.append(int(value))
            except ValueError:
                found.append(0)
        return found[0], found[1]

    def run_default(self, level: int, name: str) -> Optional[str]:
        """An attribute (b, i, u, strike, baseline) of the level's run defaults."""
        for props in self.level(level):
            defaults = props.find(qn("a:defRPr"))
            if defaults is not None and defaults.get(name) is not None:
                return defaults.get(name)
        return None

    def typeface(self, level: int) -> Optional[str]:
        for props in self.level(level):
            defaults = props.find(qn("a:defRPr"))
            latin = defaults.find(qn("a:latin")) if defaults is not None else None
            if latin is not None and latin.get("typeface"):
                return latin.get("typeface")
        return None


class Inheritance:
    """Builds the style chain of any text frame on a slide."""

    def __init__(self, prs):
        self.default = prs.part._element.find(qn("p:defaultTextStyle"))

    def chain(self, element, slide, in_group: bool = False) -> StyleChain:
        own = _list_style(element)
        ph = None if in_group else placeholder_of(element)
        if ph is None:
            return StyleChain([own, self.default])
        layout = slide.slide_layout
        master = layout.slide_master
        styles = [own]
        layout_sp = find_layout_placeholder(layout._element, ph)
        kind = ph_type(ph)
        if layout_sp is not None:
            styles.append(_list_style(layout_sp))
            kind = ph_type(placeholder_of(layout_sp)) if kind is None else kind
        master_sp = find_master_placeholder(master._element, kind)
        if master_sp is not None:
            styles.append(_list_style(master_sp))
        tx_styles = master._element.find(qn("p:txStyles"))
        if tx_styles is not None:
            styles.append(tx_styles.find(qn(master_style_name(kind))))
        styles.append(self.default)
        return StyleChain(styles)


def _list_style(element):
    tx_body = element.find(qn("p:txBody"))
    if tx_body is None:
        tx_body = element.find(qn("a:txBody"))
    return tx_body.find(qn("a:lstStyle")) if tx_body is not None else None
