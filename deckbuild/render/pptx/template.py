"""The deck's design: ours, or the organization's own PowerPoint template.

Without a template, python-pptx's default template becomes a 16:9 theme: the
slide master and its layouts carry the design (accent colour, fonts, where the
title and body go, the accent stripe, section slides in the accent colour), so a
trainer who adds a slide in PowerPoint gets the same look. Placeholders are
moved to the boxes of `layout.geometry`, which the handout uses too.

With a template (`theme.template`), the template is opened as it is: its
masters, layouts, fonts and colours stay untouched, our decorations are not
added, and the slides it already holds are removed. Which template layout and
placeholder holds each part was decided once in `layout.template_geometry`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Tuple

from lxml import etree
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ...design.box import EMU_PER_POINT, Box
from ...design.package import open_presentation
from ...layout.geometry import ACCENT_BAR, SLIDE_HEIGHT, SLIDE_WIDTH, Geometry
from ...layout.template_layouts import LAYOUT_NAMES
from ...model import Layout, Theme

# Which placeholder (by idx in the default template) sits in which geometry box.
PLACEHOLDER_BOXES = {
    "Title Slide": {0: "title", 1: "subtitle"},
    "Section Header": {0: "title", 1: "body"},
    "Title and Content": {0: "title", 1: "body"},
    "Two Content": {0: "title", 1: "left", 2: "right"},
    "Comparison": {0: "title", 1: "left_heading", 2: "left", 3: "right_heading", 4: "right"},
    "Title Only": {0: "title"},
    "Blank": {},
}
GEOMETRY_LAYOUT = {
    "Title Slide": Layout.TITLE, "Section Header": Layout.SECTION,
    "Title and Content": Layout.CONTENT, "Two Content": Layout.TWO_CONTENT,
    "Comparison": Layout.COMPARISON, "Title Only": Layout.TITLE_ONLY, "Blank": Layout.CONTENT,
}


P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"



def new_presentation(theme: Theme, geometry: Geometry):
    """A presentation whose master and layouts carry the theme (or the template)."""
    if geometry.template is not None:
        prs = open_template(geometry.template.path)
        declare_slide_size(prs)
        return prs
    prs = Presentation()
    prs.slide_width = int(SLIDE_WIDTH * EMU_PER_POINT)
    prs.slide_height = int(SLIDE_HEIGHT * EMU_PER_POINT)
    declare_slide_size(prs)
    _theme_part(prs, theme)
    _master(prs, theme, geometry)
    for layout in prs.slide_layouts:
        if layout.name in PLACEHOLDER_BOXES:
            _layout(layout, theme, geometry)
    return prs


# The screen sizes PowerPoint names (ST_SlideSizeType), in EMU; any other size is
# "custom", which PowerPoint writes by leaving `type` out (its 16:9 widescreen, 13.33 x
# 7.5 in, is custom too).
SCREEN_SIZES = {
    (9144000, 6858000): "screen4x3", (9144000, 5143500): "screen16x9",
    (9144000, 5715000): "screen16x10",
}


def declare_slide_size(prs) -> None:
    """`p:sldSz type` true to the slide's real size: python-pptx's default deck says
    4:3 whatever the size, and a template may too. Other named types are kept."""
    size = prs.part._element.find(qn("p:sldSz"))
    if size is None or size.get("type") not in SCREEN_SIZES.values():
        return
    kind = SCREEN_SIZES.get((int(size.get("cx")), int(size.get("cy"))))
    if kind is None:
        size.attrib.pop("type", None)
    elif kind != size.get("type"):
        size.set("type", kind)


def layouts_by_name(prs) -> dict:
    return {layout.name: layout for layout in prs.slide_layouts}


def open_template(path: str):
    """The organization's template, emptied of its own slides."""
    prs = open_presentation(path)
    remove_slides(prs)
    return prs


def remove_slides(prs) -> None:
    """Remove every slide: the list entry, the relationship and so the slide's parts.

    A slide part (with its notes and the pictures only it uses) is saved only while
    a relationship reaches it, so dropping the relationship drops the parts.
    Sections and custom shows that name the slides are removed as well, or
    PowerPoint would offer to repair the file.
    """
    presentation = prs.part._element
    shows = presentation.find(qn("p:custShowLst"))
    if shows is not None:
        presentation.remove(shows)
    # Sections list the template's slides, and PowerPoint wants every slide in one:
    # the template's sections go with its slides.
    for sections in list(presentation.iter(f"{{{P14}}}sectionLst")):
        ext = sections.getparent()
        ext_list = ext.getparent()
        ext_list.remove(ext)
        if not len(ext_list):
            ext_list.getparent().remove(ext_list)
    id_list = presentation.find(qn("p:sldIdLst"))
    if id_list is None:
        return
    for entry in list(id_list):
        rid = entry.get(qn("r:id"))
        id_list.remove(entry)
        prs.part.drop_rel(rid)


@dataclass(frozen=True)
class Slots:
    """Where a slide's parts go on its layout: part -> placeholder, by idx (our design) or by
    the placeholder's position in the layout (a template: LibreOffice numbers all idx 0)."""

    layout: object  # the python-pptx slide layout
    parts: Dict[str, int]  # part (title, body, left...) -> idx, or position in the layout
    by_position: bool = False
    cloned: Tuple[int, ...] = ()  # by position: the positions a new slide gets copies of
    new_title: bool = False  # the layout has no title placeholder: the slide gets one


def layout_for(prs, geometry: Geometry, kind: Layout) -> Slots:
    """The slide layout for `kind` (or the template layout one slide names), and its slots."""
    info = geometry.template
    if info is None:
        layout = layouts_by_name(prs)[LAYOUT_NAMES[kind]]
        return Slots(layout, {part: idx for idx, part in PLACEHOLDER_BOXES[layout.name].items()})
    chosen = geometry.chosen or info.layouts[kind.value]
    layout = prs.slide_masters[chosen.master].slide_layouts[chosen.index]
    cloned = tuple(p.order for p in chosen.layout.placeholders if p.cloned) \
        if chosen.layout is not None else ()
    return Slots(layout, dict(chosen.placeholders), True, cloned, chosen.new_title)


def _theme_part(prs, theme: Theme) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    scheme = root.find(".//a:clrScheme", ns)
    scheme.set("name", "deckbuild")
    colours = {"dk1": theme.text, "lt1": theme.background, "dk2": theme.text,
               "lt2": "F2F4F5", "accent1": theme.accent, "hlink": theme.accent,
               "folHlink": theme.accent}
    for name, value in colours.items():
        slot = scheme.find(f"a:{name}", ns)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr")).set("val", value)
    fonts = root.find(".//a:fontScheme", ns)
    fonts.set("name", "deckbuild")
    for kind in ("majorFont", "minorFont"):
        latin = fonts.find(f"a:{kind}/a:latin", ns)
        latin.set("typeface", theme.pptx_font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master(prs, theme: Theme, geometry: Geometry) -> None:
    master = prs.slide_master
    styles = master._element.find(qn("p:txStyles"))
    title_style = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title_style.set("algn", "l")
    defaults = title_style.find(qn("a:defRPr"))
    defaults.set("sz", str(int(geometry.sizes.title * 100)))
    defaults.set("b", "1")
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            _place(ph, geometry.box(Layout.CONTENT, "title"))
        elif kind == PP_PLACEHOLDER.BODY:
            _place(ph, geometry.box(Layout.CONTENT, "body"))
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            _place(ph, geometry.box(Layout.CONTENT, "number"))
        elif kind in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER):
            _place(ph, Box(48, 506, 300, 24))


def _layout(layout, theme: Theme, geometry: Geometry) -> None:
    names = PLACEHOLDER_BOXES[layout.name]
    ours = GEOMETRY_LAYOUT[layout.name]
    for ph in layout.placeholders:
        idx = ph.placeholder_format.idx
        if idx in names:
            box = geometry.box(ours, names[idx])
            if box is not None:
                _place(ph, box)
        elif ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            box = geometry.box(ours, "number")
            if box is not None:
                _place(ph, box)
        elif ph.placeholder_format.type == PP_PLACEHOLDER.DATE:
            box = geometry.box(ours, "date")
            if box is not None:
                _place(ph, box)
    if layout.name == "Section Header":
        fill = layout.background.fill
        fill.solid()
        fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    elif layout.name == "Title Slide":
        _decor(layout, Box(0, 0, 36, SLIDE_HEIGHT), theme.accent)
        _decor(layout, Box(72, 276, 160, 4), theme.accent)
    elif layout.name != "Blank":
        _decor(layout, ACCENT_BAR, theme.accent)


def _decor(layout, box: Box, colour: str) -> None:
    layout_rectangle(layout, box.emu(), colour=colour)


def layout_rectangle(layout, emu: tuple, colour: str = None, scheme: str = None,
                     name: str = "Accent") -> None:
    """A filled rectangle on a layout, behind its placeholders: design, not slide content.

    `colour` is an RGB hex value; `scheme` a theme colour name (accent1, bg2...).
    """
    tree = layout.shapes._spTree
    ids = [int(x) for x in tree.xpath(".//@id") if str(x).isdigit()]
    sp = tree.add_autoshape(max(ids + [1]) + 1, name, "rect", *emu)
    sp_pr = sp.spPr
    fill = etree.SubElement(sp_pr, qn("a:solidFill"))
    if scheme:
        etree.SubElement(fill, qn("a:schemeClr")).set("val", scheme)
    else:
        etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    style = sp.find(qn("p:style"))
    if style is not None:
        sp.remove(style)
    tree.remove(sp)
    tree.insert(2, sp)  # behind the placeholders


def _place(ph, box: Box) -> None:
    ph.left, ph.top, ph.width, ph.height = box.emu()
