"""A slide's shapes as a reader meets them: in reading order, groups opened, each with its box.

Reading order is top to bottom, then left to right (shapes whose tops are
close read as one row), and a group is read as one piece at its place, its
own shapes in the same order inside it. Positions are in slide coordinates
(a group's child coordinates are mapped through its transform); a placeholder
without a position of its own takes its layout's, then its master's.
Footer, date and slide-number placeholders and shapes marked decorative are
theme, not content, and are left out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from pptx.oxml.ns import qn

from .styles import find_layout_placeholder, find_master_placeholder, ph_type, placeholder_of

THEME_TYPES = {"dt", "ftr", "sldNum", "hdr"}
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ROW_TOLERANCE = 0.04  # of the slide's height: tops closer than this read as one row


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre_x(self) -> float:
        return self.x + self.w / 2


@dataclass
class Item:
    """One shape to read: kind is text | picture | table | graphic | media | other."""

    kind: str
    element: object
    box: Box
    placeholder: object = None  # its p:ph, for placeholders on the slide itself
    in_group: bool = False
    order: int = 0  # its place in the shape tree (z-order), for ties
    replaces: Optional[str] = None  # a fallback picture: what the deck shows in its place


def shape_items(slide, slide_height: int) -> List[Item]:
    """The slide's content shapes in reading order, groups opened."""
    tree = slide.shapes._spTree
    items = _children(tree, slide, _identity, False, [0])
    return reading_order(items, slide_height)


def _identity(box: Box) -> Box:
    return box


def _children(tree, slide, transform, in_group: bool, counter: List[int]) -> List:
    """The shapes of one tree (the slide's or a group's), as (item or group list)."""
    out = []
    for element in tree:
        tag = element.tag
        replaces = None
        if tag == f"{{{MC}}}AlternateContent":
            chosen, replaces = _alternate(element)
            if chosen is None:
                continue
            element, tag = chosen, chosen.tag
        counter[0] += 1
        if tag == qn("p:grpSp"):
            if _decorative(element):
                continue
            inner = _group_transform(element, transform)
            children = _children(element, slide, inner, True, counter)
            if not children:
                continue
            box = _union([c.box for c in _leaves(children)]) or transform(_own_box(element))
            out.append(_Group(box, children, counter[0]))
            continue
        kind = _kind(element)
        if kind is None or _decorative(element):
            continue
        ph = None if in_group else placeholder_of(element)
        if ph is not None and ph_type(ph) in THEME_TYPES:
            continue
        box = _own_box(element)
        if box is None and ph is not None:
            box = _inherited_box(slide, ph)
        box = transform(box) if box is not None else Box(0, 0, 0, 0)
        out.append(Item(kind, element, box, ph, in_group, counter[0], replaces))
    return out


@dataclass
class _Group:
    box: Box
    children: list
    order: int


def _leaves(children) -> List[Item]:
    out = []
    for child in children:
        if isinstance(child, _Group):
            out.extend(_leaves(child.children))
        else:
            out.append(child)
    return out


def reading_order(children, slide_height: int) -> List[Item]:
    """Top to bottom, left to right; a group in one piece, its shapes in the same order."""
    tolerance = slide_height * ROW_TOLERANCE
    ordered = sorted(children, key=lambda c: (c.box.y, c.box.x, c.order))
    rows: List[list] = []
    for child in ordered:
        if rows and abs(child.box.y - rows[-1][0].box.y) <= tolerance:
            rows[-1].append(child)
        else:
            rows.append([child])
    placed = [child for row in rows
              for child in sorted(row, key=lambda c: (c.box.x, c.box.y, c.order))]
    # Shapes on top of each other (a table where the text placeholder also stands, as
    # pandoc places them) are read in the order they were added.
    changed = True
    while changed:
        changed = False
        for index in range(len(placed) - 1):
            a, b = placed[index], placed[index + 1]
            if b.order < a.order and _overlap(a.box, b.box) > 0.5:
                placed[index], placed[index + 1] = b, a
                changed = True
    out: List[Item] = []
    for child in placed:
        if isinstance(child, _Group):
            out.extend(reading_order(child.children, slide_height))
        else:
            out.append(child)
    return out


def _overlap(a: Box, b: Box) -> float:
    """How much of the smaller box the two share (0 to 1)."""
    width = min(a.right, b.right) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min(a.w * a.h, b.w * b.h)
    return width * height / smaller if smaller > 0 else 0.0


def _alternate(element):
    """What to read of markup-compatibility content, and what it stands for.

    The fallback is what every reader knows (often a picture of a chart, an
    equation or a newer kind of object); the choice is read only when there is
    no fallback, as PowerPoint 2007 would.
    """
    fallback = element.find(f"{{{MC}}}Fallback")
    choice = element.find(f"{{{MC}}}Choice")
    wanted = choice[0] if choice is not None and len(choice) else None
    if fallback is not None and len(fallback):
        chosen = fallback[0]
        if wanted is not None and _kind(wanted) != _kind(chosen):
            return chosen, describe_object(wanted)
        return chosen, None
    return wanted, None


def describe_object(element) -> str:
    """What a shape is, in a trainer's words: a chart, a SmartArt graphic, an equation..."""
    data = element.find(f".//{qn('a:graphicData')}")
    uri = data.get("uri", "") if data is not None else ""
    if "chart" in uri:
        return "a chart"
    if uri.endswith("/diagram"):
        return "a SmartArt graphic"
    if uri.endswith("/ole"):
        return "an embedded object"
    if element.tag == qn("p:contentPart"):
        return "ink (drawing with a pen)"
    if b"officeDocument/2006/math" in _tostring(element):
        return "an equation"
    return "an object"


def _kind(element) -> Optional[str]:
    tag = element.tag
    if tag == qn("p:sp"):
        return "text" if element.find(qn("p:txBody")) is not None else "other"
    if tag == qn("p:pic"):
        nv_pr = element.find(qn("p:nvPicPr")).find(qn("p:nvPr"))
        if nv_pr is not None and any(child.tag in (qn("a:videoFile"), qn("a:audioFile"),
                                                    qn("a:quickTimeFile"), qn("a:wavAudioFile"))
                                     or child.tag.endswith("}extLst") and b"media" in
                                     _tostring(child) for child in nv_pr):
            return "media"
        return "picture"
    if tag == qn("p:graphicFrame"):
        data = element.find(f".//{qn('a:graphicData')}")
        uri = data.get("uri", "") if data is not None else ""
        if uri.endswith("/table"):
            return "table"
        return "graphic"
    if tag == qn("p:contentPart"):
        return "ink"
    return None  # connectors and anything else drawn between shapes


def _tostring(element) -> bytes:
    from lxml import etree
    return etree.tostring(element)


def _decorative(element) -> bool:
    for c_nv_pr in element.iter(qn("p:cNvPr")):
        for ext in c_nv_pr.iter(qn("a:ext")):
            if ext.get("uri") == DECORATIVE_URI:
                for child in ext:
                    if child.get("val") in ("1", "true"):
                        return True
        return False  # only the shape's own properties, not its children's
    return False


def _xfrm(element):
    for tag in ("p:spPr", "p:grpSpPr"):
        props = element.find(qn(tag))
        if props is not None:
            return props.find(qn("a:xfrm"))
    return element.find(qn("p:xfrm"))  # graphic frames


def _own_box(element) -> Optional[Box]:
    xfrm = _xfrm(element)
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    return Box(_num(off.get("x")), _num(off.get("y")), _num(ext.get("cx")), _num(ext.get("cy")))


def _inherited_box(slide, ph) -> Optional[Box]:
    layout = slide.slide_layout
    layout_sp = find_layout_placeholder(layout._element, ph)
    if layout_sp is not None:
        box = _own_box(layout_sp)
        if box is not None:
            return box
        ph = placeholder_of(layout_sp)
    master_sp = find_master_placeholder(layout.slide_master._element, ph_type(ph))
    return _own_box(master_sp) if master_sp is not None else None


def _group_transform(group, outer):
    xfrm = _xfrm(group)
    if xfrm is None:
        return outer
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
    if None in (off, ext, ch_off, ch_ext):
        return outer
    ox, oy = _num(off.get("x")), _num(off.get("y"))
    cx, cy = _num(ch_off.get("x")), _num(ch_off.get("y"))
    sx = _num(ext.get("cx")) / _num(ch_ext.get("cx")) if _num(ch_ext.get("cx")) else 1.0
    sy = _num(ext.get("cy")) / _num(ch_ext.get("cy")) if _num(ch_ext.get("cy")) else 1.0

    def transform(box: Box) -> Box:
        return outer(Box(ox + (box.x - cx) * sx, oy + (box.y - cy) * sy, box.w * sx, box.h * sy))
    return transform


def _union(boxes) -> Optional[Box]:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    x, y = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
