"""Small PowerPoint templates for the tests, made with python-pptx (no binary files in git).

`make_template` starts from python-pptx's default template (4:3, Calibri) and
gives it what an organization's template has: its own accent colour and fonts,
renamed or missing layouts, a different slide size, and a sample slide (with
notes, a picture and a section) that a build must remove.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Dict, Sequence

from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SAMPLE_TEXT = "TEMPLATE SAMPLE SLIDE"


def make_template(path: Path, *, width_in: float = 10.0, height_in: float = 7.5,
                  drop: Sequence[str] = ("Two Content",),
                  rename: Dict[str, str] = None, accent: str = "C0392B",
                  font: str = "Georgia", sample_slides: int = 1) -> Path:
    rename = {"Comparison": "Vergleich"} if rename is None else rename
    prs = Presentation()
    prs.slide_width = Emu(int(width_in * 914400))
    prs.slide_height = Emu(int(height_in * 914400))
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name in drop:
            master.slide_layouts.remove(layout)
        elif layout.name in rename:
            layout._element.cSld.set("name", rename[layout.name])
    theme_part = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    slot = root.find(f".//{{{A}}}clrScheme/{{{A}}}accent1")
    for child in list(slot):
        slot.remove(child)
    etree.SubElement(slot, f"{{{A}}}srgbClr").set("val", accent)
    for kind in ("majorFont", "minorFont"):
        root.find(f".//{{{A}}}fontScheme/{{{A}}}{kind}/{{{A}}}latin").set("typeface", font)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    ids = []
    for number in range(sample_slides):
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = f"{SAMPLE_TEXT} {number + 1}"
        slide.notes_slide.notes_text_frame.text = "template speaker notes"
        picture = io.BytesIO()
        PILImage.new("RGB", (40, 30), "#123456").save(picture, "PNG")
        slide.shapes.add_picture(picture, Pt(10), Pt(10))
        ids.append(slide.slide_id)
    if ids:
        _add_section(prs, ids)
    prs.save(str(path))
    return Path(path)


def _add_section(prs, slide_ids) -> None:
    """A PowerPoint 2010 section naming the sample slides, as real templates often have."""
    presentation = prs.part._element
    ext_list = presentation.find(f"{{{P}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(presentation, f"{{{P}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{P}}}ext")
    ext.set("uri", "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}")
    sections = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    section = etree.SubElement(sections, f"{{{P14}}}section")
    section.set("name", "Sample")
    section.set("id", "{6A0D3F58-3D5C-4C61-9E0A-3B1B2B6E8F11}")
    id_list = etree.SubElement(section, f"{{{P14}}}sldIdLst")
    for slide_id in slide_ids:
        etree.SubElement(id_list, f"{{{P14}}}sldId").set("id", str(slide_id))
