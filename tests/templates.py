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
RT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
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


# ---------------------------------------------------------------- kinds of templates
#
# Each turns a template made by `make_template` into one of the kinds organizations
# bring (a Google Slides export, a dark theme, a LibreOffice save...), changing its
# XML the way those programs write it.

def _edit(path: Path, change) -> Path:
    """Open the template at `path`, let `change(prs)` edit it, save it in place."""
    prs = Presentation(str(path))
    change(prs)
    prs.save(str(path))
    return Path(path)


def _ph(element):
    return element.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")


def google_slides_like(path: Path) -> Path:
    """Placeholders one line tall (22 pt) with no margins, as Google Slides exports them:
    they grow with their text there."""
    def change(prs):
        for layout in prs.slide_layouts:
            for ph in layout.placeholders:
                kind = _ph(ph._element).get("type", "obj")
                if kind in ("title", "body", "obj", "ctrTitle", "subTitle"):
                    ph.left, ph.top, ph.width = ph.left, ph.top, ph.width  # explicit position
                    ph.height = Emu(277000)
                    body_pr = ph._element.find(f"{{{P}}}txBody/{{{A}}}bodyPr")
                    for attr in ("lIns", "tIns", "rIns", "bIns"):
                        body_pr.set(attr, "0")
                elif kind == "sldNum":  # 0.14 in wide, for a 7-pt number
                    right = ph.left + ph.width
                    ph.left, ph.top, ph.width, ph.height = right - 127001, ph.top, 127001, 127001
    return _edit(path, change)


def dark_inverted(path: Path, background: str = "2B3A42") -> Path:
    """A dark slate background through an inverted colour map (bg1=dk1, tx1=lt1), with
    the blue accent and link colours of Office's default theme (hard to read on it)."""
    def change(prs):
        master = prs.slide_master
        colour_map = master._element.find(f"{{{P}}}clrMap")
        colour_map.set("bg1", "dk1")
        colour_map.set("tx1", "lt1")
        colour_map.set("bg2", "dk2")
        colour_map.set("tx2", "lt2")
        theme_part = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(theme_part.blob)
        for slot, value in (("dk2", background), ("accent1", "4472C4"), ("hlink", "0563C1")):
            element = root.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}")
            for child in list(element):
                element.remove(child)
            etree.SubElement(element, f"{{{A}}}srgbClr").set("val", value)
        theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
        ref = etree.SubElement(_new_background(master), f"{{{P}}}bgRef")
        ref.set("idx", "1001")
        etree.SubElement(ref, f"{{{A}}}schemeClr").set("val", "bg2")
    return _edit(path, change)


def libreoffice_like(path: Path) -> Path:
    """Every placeholder without an idx (so all are idx 0) and the Title Slide typed `tx`,
    as LibreOffice saves a template."""
    def change(prs):
        for layout in prs.slide_layouts:
            if layout.name == "Title Slide":
                layout._element.set("type", "tx")
            for ph in layout.placeholders:
                element = _ph(ph._element)
                kind = element.get("type")
                if kind is None:
                    element.set("type", "body")
                element.attrib.pop("idx", None)
    return _edit(path, change)


def without_placeholders(path: Path) -> Path:
    """Layouts with no title or text placeholders (the look lives on example slides)."""
    def change(prs):
        for layout in prs.slide_layouts:
            for ph in list(layout.placeholders):
                if _ph(ph._element).get("type", "obj") in ("title", "ctrTitle", "body", "obj",
                                                           "subTitle"):
                    ph._element.getparent().remove(ph._element)
    return _edit(path, change)


def title_bars(path: Path, fill: str = "595959") -> Path:
    """Titles in grey filled bars with white text, set on the master's title placeholder."""
    def change(prs):
        master = prs.slide_master
        for ph in master.placeholders:
            if _ph(ph._element).get("type") == "title":
                sp_pr = ph._element.find(f"{{{P}}}spPr")
                solid = etree.SubElement(sp_pr, f"{{{A}}}solidFill")
                etree.SubElement(solid, f"{{{A}}}srgbClr").set("val", fill)
        level = master._element.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr")
        defaults = level.find(f"{{{A}}}defRPr")
        for old in defaults.findall(f"{{{A}}}solidFill"):
            defaults.remove(old)
        solid = etree.Element(f"{{{A}}}solidFill")
        etree.SubElement(solid, f"{{{A}}}srgbClr").set("val", "FFFFFF")
        defaults.insert(0, solid)
    return _edit(path, change)


def as_potx(path: Path, target: Path) -> Path:
    """The template as PowerPoint saves a template (.potx): another main content type."""
    import zipfile
    presentation = b"presentationml.presentation.main+xml"
    template = b"presentationml.template.main+xml"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(presentation, template)
            copy.writestr(info, data)
    return Path(target)


def two_masters(path: Path, drop: Sequence[str] = ("Section Header",),
                names: Dict[str, str] = None) -> Path:
    """A second master, a copy of the first with its layouts renamed (Portuguese) and
    without `drop`, and the template's own first slide on its title layout: the main
    design is the second master's, as mecanon-ufrj's is."""
    from pptx.opc.packuri import PackURI
    from pptx.opc.package import Part
    from pptx.parts.slide import SlideLayoutPart, SlideMasterPart
    names = names or {"Title Slide": "Título da Apresentação", "Title and Content": "Conteúdo",
                      "Title Only": "Só Título", "Blank": "Vazio"}
    prs = Presentation(str(path))
    package, first = prs.part.package, prs.slide_master.part
    master = SlideMasterPart.load(PackURI("/ppt/slideMasters/slideMaster2.xml"),
                                  first.content_type, package, first.blob)
    theme = first.part_related_by(RT.THEME)
    master.relate_to(Part.load(PackURI("/ppt/theme/theme_m2.xml"), theme.content_type,
                               package, theme.blob), RT.THEME)
    ids = [int(e.get("id")) for e in prs.part._element.iter(f"{{{P}}}sldMasterId")]
    ids += [int(e.get("id")) for e in first._element.iter(f"{{{P}}}sldLayoutId")]
    next_id = max(ids) + 1
    id_list = master._element.find(f"{{{P}}}sldLayoutIdLst")
    for entry in list(id_list):
        id_list.remove(entry)
    copies = {}
    for n, layout in enumerate(prs.slide_master.slide_layouts):
        if layout.name in drop:
            continue
        part = SlideLayoutPart.load(PackURI(f"/ppt/slideLayouts/slideLayoutM2_{n + 1}.xml"),
                                    layout.part.content_type, package, layout.part.blob)
        part.relate_to(master, RT.SLIDE_MASTER)
        part._element.cSld.set("name", names.get(layout.name, f"2_{layout.name}"))
        entry = etree.SubElement(id_list, f"{{{P}}}sldLayoutId")
        entry.set("id", str(next_id))
        entry.set(f"{{{RT_NS}}}id", master.relate_to(part, RT.SLIDE_LAYOUT))
        next_id += 1
        copies[layout.name] = part
    entry = etree.SubElement(prs.part._element.find(f"{{{P}}}sldMasterIdLst"),
                             f"{{{P}}}sldMasterId")
    entry.set("id", str(next_id))
    entry.set(f"{{{RT_NS}}}id", prs.part.relate_to(master, RT.SLIDE_MASTER))
    for rel in prs.slides[0].part.rels.values():
        if rel.reltype == RT.SLIDE_LAYOUT:
            rel._target = copies["Title Slide"]
    prs.save(str(path))
    return Path(path)


def _new_background(master):
    """The master's `p:bg`, emptied (made first if it has none): the caller fills it in."""
    c_sld = master._element.find(f"{{{P}}}cSld")
    old = c_sld.find(f"{{{P}}}bg")
    if old is not None:
        c_sld.remove(old)
    bg = etree.Element(f"{{{P}}}bg")
    c_sld.insert(0, bg)
    return bg


def _background_fill(master, fill: str):
    """A `p:bgPr` background with an empty `a:FILL` (solidFill, blipFill...) to fill in."""
    pr = etree.SubElement(_new_background(master), f"{{{P}}}bgPr")
    element = etree.SubElement(pr, f"{{{A}}}{fill}")
    etree.SubElement(pr, f"{{{A}}}effectLst")
    return element


def _solid_background(master, value: str) -> None:
    fill = _background_fill(master, "solidFill")
    etree.SubElement(fill, f"{{{A}}}srgbClr").set("val", value)


def pale_date(path: Path, background: str = "EEECE1", date: str = "8D8D8D") -> Path:
    """A beige background and a pale grey date placeholder (2.8:1 on it), as uestc-zh's
    title slide has them."""
    def change(prs):
        master = prs.slide_master
        _solid_background(master, background)
        for ph in master.placeholders:
            if _ph(ph._element).get("type") == "dt":
                rpr = ph._element.find(f".//{{{A}}}lvl1pPr/{{{A}}}defRPr")
                for old in list(rpr):
                    rpr.remove(old)
                fill = etree.SubElement(rpr, f"{{{A}}}solidFill")
                etree.SubElement(fill, f"{{{A}}}srgbClr").set("val", date)
    return _edit(path, change)


def photo_band(path: Path, band: str = "014A84", sea: str = "A5E7EF",
               band_to: float = 0.15) -> Path:
    """A photo as the master's background, as open-boat-de-libreoffice has one: a dark
    band down to `band_to` of the slide's height, pale sea below; the titles stay black."""
    picture = PILImage.new("RGB", (192, 128), f"#{sea}")
    picture.paste(PILImage.new("RGB", (192, round(128 * band_to)), f"#{band}"), (0, 0))
    data = io.BytesIO()
    picture.save(data, "PNG")

    def change(prs):
        master = prs.slide_master
        _, r_id = master.part.get_or_add_image_part(io.BytesIO(data.getvalue()))
        fill = _background_fill(master, "blipFill")
        etree.SubElement(fill, f"{{{A}}}blip").set(f"{{{RT_NS}}}embed", r_id)
        etree.SubElement(etree.SubElement(fill, f"{{{A}}}stretch"), f"{{{A}}}fillRect")
    return _edit(path, change)
