"""Writes assets/example-template.pptx: the fictional Example County's PowerPoint template.

It stands in for an organization's own template, so `source/regions/example.yaml`
can show `theme.template` at work: a 16:9 design of its own (a dark title slide,
a purple title band with a gold edge on content slides, lavender section slides),
its own colours, and one sample slide that deckbuild removes when it builds.

Made with python-pptx from its default template, so it can be rebuilt and
reviewed as code:  .venv/bin/python tools/make_example_template.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckbuild.render.pptx.template import layout_rectangle

OUT = Path(__file__).resolve().parent.parent / "assets" / "example-template.pptx"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

WIDTH, HEIGHT = 960, 540
BAND = 104  # the title band of content slides, in points

COLOURS = {  # Example County's palette
    "dk1": "222222", "lt1": "FFFFFF", "dk2": "34184A", "lt2": "F3EDF7",
    "accent1": "7A3E9D", "accent2": "E0A526", "accent3": "2F7F6F", "accent4": "B5476B",
    "accent5": "4A6FA5", "accent6": "8C6D1F", "hlink": "6A2F8E", "folHlink": "4E2468",
}
FONT = "Arial"  # measured as Helvetica by deckbuild; Liberation Sans in LibreOffice

# Placeholder boxes (x, y, w, h in points) by layout and placeholder idx.
BOXES = {
    "Title Slide": {0: (72, 150, 740, 130), 1: (72, 304, 740, 150)},
    "Title and Content": {0: (48, 14, 864, 78), 1: (48, 128, 864, 360)},
    "Section Header": {0: (96, 176, 760, 120), 1: (96, 314, 760, 110)},
    "Two Content": {0: (48, 14, 864, 78), 1: (48, 128, 420, 360), 2: (492, 128, 420, 360)},
    "Comparison": {0: (48, 14, 864, 78), 1: (48, 128, 420, 40), 2: (48, 174, 420, 314),
                   3: (492, 128, 420, 40), 4: (492, 174, 420, 314)},
    "Title Only": {0: (48, 14, 864, 78)},
    "Blank": {},
}
NUMBER = (840, 500, 72, 24)
FOOTER = (48, 500, 560, 24)
KEEP = set(BOXES)


def main(out: Path = OUT) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(WIDTH), Pt(HEIGHT)
    master = prs.slide_master
    _theme(master)
    _master(master)
    for layout in list(master.slide_layouts):
        if layout.name not in KEEP:
            master.slide_layouts.remove(layout)
            continue
        _layout(layout)
    _sample_slide(prs)
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(out))
    return out


def _theme(master) -> None:
    part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", "Example County")
    for name, value in COLOURS.items():
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr").set("val", value)
    fonts = root.find(f".//{{{A}}}fontScheme")
    fonts.set("name", "Example County")
    for kind in ("majorFont", "minorFont"):
        fonts.find(f"{{{A}}}{kind}/{{{A}}}latin").set("typeface", FONT)
    root.set("name", "Example County")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master(master) -> None:
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    defaults = title.find(qn("a:defRPr"))
    defaults.set("sz", "3600")
    defaults.set("b", "1")
    _colour(defaults, "dk2")
    body = styles.find(qn("p:bodyStyle"))
    for level in body:
        rpr = level.find(qn("a:defRPr"))
        if rpr is not None:
            _colour(rpr, "tx1")
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        name = str(kind)
        if "SLIDE_NUMBER" in name:
            _place(ph, NUMBER)
        elif "FOOTER" in name:
            _place(ph, FOOTER)
        elif "DATE" in name:
            _place(ph, (48, 470, 200, 24))
        elif "TITLE" in name:
            _place(ph, BOXES["Title and Content"][0])
        elif "BODY" in name:
            _place(ph, BOXES["Title and Content"][1])


def _layout(layout) -> None:
    boxes = BOXES[layout.name]
    for ph in layout.placeholders:
        idx = ph.placeholder_format.idx
        if idx in boxes:
            _place(ph, boxes[idx])
        elif "SLIDE_NUMBER" in str(ph.placeholder_format.type):
            _place(ph, NUMBER)
    if layout.name == "Title Slide":
        _background(layout, "dk2")
        _shape(layout, (72, 290, 120, 6), "accent2")
        _shape(layout, (0, HEIGHT - 18, WIDTH, 18), "accent1")
        _text_style(layout, 0, "bg1", size=4400)
        _text_style(layout, 1, "bg2", size=2400)
    elif layout.name == "Section Header":
        _background(layout, "bg2")
        _shape(layout, (72, 196, 8, 80), "accent2")
        _text_style(layout, 0, "accent1", size=4000, anchor="ctr")
        _text_style(layout, 1, "tx2", size=2400)
    elif layout.name != "Blank":
        _shape(layout, (0, 0, WIDTH, BAND), "accent1")
        _shape(layout, (0, BAND, WIDTH, 5), "accent2")
        _text_style(layout, 0, "bg1", anchor="ctr")
        if layout.name == "Comparison":
            for idx in (1, 3):
                _text_style(layout, idx, "accent1", size=2400, bold=True)


def _background(layout, scheme: str) -> None:
    c_sld = layout._element.find(qn("p:cSld"))
    bg = etree.Element(qn("p:bg"))
    pr = etree.SubElement(bg, qn("p:bgPr"))
    fill = etree.SubElement(pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", scheme)
    etree.SubElement(pr, qn("a:effectLst"))
    c_sld.insert(0, bg)


def _shape(layout, box, scheme: str) -> None:
    """A filled rectangle on the layout, behind the placeholders: part of the design."""
    layout_rectangle(layout, tuple(int(Pt(v)) for v in box), scheme=scheme, name="Design")


def _text_style(layout, idx: int, scheme: str, size: int = None, bold: bool = None,
                anchor: str = None) -> None:
    ph = next(p for p in layout.placeholders if p.placeholder_format.idx == idx)
    tx_body = ph._element.find(qn("p:txBody"))
    if anchor:
        tx_body.find(qn("a:bodyPr")).set("anchor", anchor)
    lst = tx_body.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        tx_body.insert(1, lst)
    for child in list(lst):
        lst.remove(child)
    level = etree.SubElement(lst, qn("a:lvl1pPr"))
    level.set("marL", "0")
    level.set("indent", "0")
    level.set("algn", "l")
    etree.SubElement(level, qn("a:buNone"))
    rpr = etree.SubElement(level, qn("a:defRPr"))
    if size:
        rpr.set("sz", str(size))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    _colour(rpr, scheme)


def _colour(rpr, scheme: str) -> None:
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", scheme)
    rpr.insert(0, fill)


def _place(ph, box) -> None:
    ph.left, ph.top, ph.width, ph.height = (Pt(v) for v in box)


def _sample_slide(prs) -> None:
    """What template files usually hold: a slide about the template (removed by deckbuild)."""
    layout = next(l for l in prs.slide_layouts if l.name == "Title and Content")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "How to use the Example County template"
    slide.placeholders[1].text = "Pick a layout from Home > Layout. This slide is an example."


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
