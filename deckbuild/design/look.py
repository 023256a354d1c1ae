"""What an organization's template makes a slide look like, for the handout's miniatures.

With a template the deck's slides carry the template's design: its backgrounds,
the shapes and pictures on its masters and layouts, and the colours, alignment
and anchoring of its placeholders' text. This reads those (the common cases:
solid and picture backgrounds, rectangles, rounded rectangles, ellipses and
pictures, solid colours with their tints and shades) for the template layout
each of our layouts is drawn on, as `layout.template_geometry` chose it. (The handout's miniatures draw it.)
Anything rarer (gradients, other shapes, effects) is drawn plainly or left out:
the miniature stays recognisably the slide.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .box import EMU_PER_POINT, Box
from .colour import colour_in, local_name, mapped_colours, scheme_colours
from .package import open_presentation

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SHAPES = {"rect": "rect", "roundRect": "round", "ellipse": "ellipse",
          "snip1Rect": "rect", "snip2SameRect": "rect", "round1Rect": "round",
          "round2SameRect": "round"}
# Placeholder types by the part of our slides they hold.
PART_TYPES = {"title": ("title", "ctrTitle"), "subtitle": ("subTitle", "body"),
              "number": ("sldNum",)}


@dataclass(frozen=True)
class Shape:
    """A shape of the design: a filled figure or a picture, in slide points."""

    box: Box
    kind: str = "rect"  # rect | round | ellipse | picture
    fill: Optional[str] = None
    picture: Optional[bytes] = None


@dataclass(frozen=True)
class TextLook:
    """How a placeholder sets its text, where the template says so."""

    colour: Optional[str] = None
    anchor: Optional[str] = None  # t | ctr | b
    align: Optional[str] = None  # left | center | right
    caps: bool = False


@dataclass(frozen=True)
class LayoutLook:
    background: Optional[str] = None
    background_picture: Optional[bytes] = None
    shapes: Tuple[Shape, ...] = ()
    parts: Dict[str, TextLook] = field(default_factory=dict)  # title, subtitle, body, number
    accent: Optional[str] = None  # the template's accent 1: bullets
    link: Optional[str] = None  # the template's hyperlink colour
    text: Optional[str] = None  # body text


def template_looks(info) -> Dict[str, LayoutLook]:
    """Layout.value -> its look, for the template `info` (a TemplateInfo)."""
    stat = os.stat(info.path)
    return _looks(info.path, stat.st_mtime_ns, tuple(
        (kind, chosen.master, chosen.index, tuple(sorted(chosen.placeholders.items())))
        for kind, chosen in sorted(info.layouts.items())))


@functools.lru_cache(maxsize=8)
def _looks(path: str, mtime_ns: int, chosen) -> Dict[str, LayoutLook]:
    prs = open_presentation(path)
    looks = {}
    for kind, master_index, layout_index, placeholders in chosen:
        master = prs.slide_masters[master_index]
        layout = master.slide_layouts[layout_index]
        looks[kind] = _Reader(master, layout).look(dict(placeholders))
    return looks


class _Reader:
    def __init__(self, master, layout):
        self.master, self.layout = master, layout
        self.scheme = _scheme(master)

    # -- colours

    def colour(self, holder) -> Optional[str]:
        """The colour of a solidFill's child (srgbClr, schemeClr, sysClr, prstClr)."""
        return colour_in(holder, self.scheme)

    def fill(self, properties) -> Optional[str]:
        if properties is None:
            return None
        solid = properties.find("a:solidFill", NS)
        if solid is not None:
            return self.colour(solid)
        gradient = properties.find("a:gradFill/a:gsLst/a:gs", NS)
        if gradient is not None:
            return self.colour(gradient)  # a gradient drawn in its first colour
        return None

    # -- the look

    def look(self, placeholders: Dict[str, int]) -> LayoutLook:
        background, picture = self.background(self.layout)
        if background is None and picture is None:
            background, picture = self.background(self.master)
        shapes: List[Shape] = []
        if self.layout._element.get("showMasterSp", "1") not in ("0", "false"):
            shapes += self.shapes(self.master)
        shapes += self.shapes(self.layout)
        parts = {role: self.text_look(role, placeholders.get(role))
                 for role in ("title", "subtitle", "body", "left", "right", "left_heading",
                              "right_heading", "number")}
        body = self.master._element.find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr", NS)
        text = self.colour(body.find("a:solidFill", NS)) if body is not None else None
        return LayoutLook(background, picture, tuple(shapes), parts,
                          self.scheme.get("accent1"), self.scheme.get("hlink"),
                          text or self.scheme.get("tx1"))

    def background(self, holder) -> Tuple[Optional[str], Optional[bytes]]:
        bg = holder._element.find("p:cSld/p:bg", NS)
        if bg is None:
            return None, None
        properties = bg.find("p:bgPr", NS)
        if properties is not None:
            blip = properties.find("a:blipFill/a:blip", NS)
            if blip is not None:
                return None, _blob(holder.part, blip)
            return self.fill(properties), None
        reference = bg.find("p:bgRef", NS)
        return (self.colour(reference), None) if reference is not None else (None, None)

    def shapes(self, holder) -> List[Shape]:
        found = []
        tree = holder._element.find("p:cSld/p:spTree", NS)
        for element in tree:
            tag = local_name(element)
            if element.find(".//p:nvPr/p:ph", NS) is not None:
                continue  # placeholders hold the slide's own text
            box = _box(element.find("p:spPr/a:xfrm", NS))
            if box is None:
                continue
            if tag == "sp":
                geometry = element.find("p:spPr/a:prstGeom", NS)
                kind = SHAPES.get(geometry.get("prst")) if geometry is not None else None
                fill = self.fill(element.find("p:spPr", NS))
                if fill is None:
                    reference = element.find("p:style/a:fillRef", NS)
                    if reference is not None and element.find("p:spPr/a:noFill", NS) is None:
                        fill = self.colour(reference)
                if kind and fill:
                    found.append(Shape(box, kind, fill))
            elif tag == "pic":
                blip = element.find("p:blipFill/a:blip", NS)
                data = _blob(holder.part, blip) if blip is not None else None
                if data:
                    found.append(Shape(box, "picture", picture=data))
        return found

    def text_look(self, role: str, idx: Optional[int]) -> TextLook:
        """The placeholder's colour, anchoring, alignment and capitals, layout over master."""
        chain = [self._placeholder(self.layout, role, idx),
                 self._placeholder(self.master, role, None)]
        style = "p:titleStyle" if role == "title" else "p:bodyStyle"
        master_style = self.master._element.find(f"p:txStyles/{style}/a:lvl1pPr", NS)
        colour = anchor = align = None
        caps = False
        for element in chain:
            if element is None:
                continue
            level = element.find("p:txBody/a:lstStyle/a:lvl1pPr", NS)
            colour = colour or self._run_colour(level)
            align = align or (level.get("algn") if level is not None else None)
            caps = caps or _caps(level)
            body_pr = element.find("p:txBody/a:bodyPr", NS)
            anchor = anchor or (body_pr.get("anchor") if body_pr is not None else None)
        if master_style is not None:
            colour = colour or self._run_colour(master_style)
            align = align or master_style.get("algn")
            caps = caps or _caps(master_style)
        return TextLook(colour, anchor, {"l": "left", "ctr": "center", "r": "right",
                                         "just": "left"}.get(align or "", None), caps)

    def _run_colour(self, level) -> Optional[str]:
        if level is None:
            return None
        return self.colour(level.find("a:defRPr/a:solidFill", NS))

    def _placeholder(self, holder, role: str, idx: Optional[int]):
        types = PART_TYPES.get(role, ("body", "obj"))
        for element in holder._element.iterfind("p:cSld/p:spTree/p:sp", NS):
            ph = element.find("p:nvSpPr/p:nvPr/p:ph", NS)
            if ph is None:
                continue
            if idx is not None and int(ph.get("idx", "0")) == idx:
                return element
            if idx is None and ph.get("type", "body" if ph.get("idx") else "obj") in types:
                return element
        return None


def _scheme(master) -> Dict[str, str]:
    """Scheme colour names (dk1, accent1, and the mapped tx1, bg1...) -> hex."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    colours = scheme_colours(theme.find(".//a:clrScheme", NS))
    return mapped_colours(colours, master._element.find("p:clrMap", NS))


def _caps(level) -> bool:
    if level is None:
        return False
    defaults = level.find("a:defRPr", NS)
    return defaults is not None and defaults.get("cap") == "all"


def _box(xfrm) -> Optional[Box]:
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    if off is None or ext is None:
        return None
    x, y, w, h = (int(v) / EMU_PER_POINT for v in (off.get("x"), off.get("y"), ext.get("cx"),
                                                   ext.get("cy")))
    return Box(x, y, w, h) if w > 0 and h > 0 else None


def _blob(part, blip) -> Optional[bytes]:
    rid = blip.get(f"{{{NS['r']}}}embed")
    if not rid:
        return None
    try:
        return part.related_part(rid).blob
    except (KeyError, AttributeError):
        return None
