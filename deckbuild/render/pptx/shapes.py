"""Shapes a slide gets besides its placeholders: text boxes, pictures, the logo, decorations."""
from __future__ import annotations

import io

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.util import Emu

from ...design.box import EMU_PER_POINT, Box
from ...layout.style import QUOTE_MARK_SIZE, quote_mark_box
from ...layout.paragraphs import TextPara
from ...media import load_picture
from ...model import Image, Run
from .text import TextWriter, qn

_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def emu_box(box: Box):
    """A box as python-pptx's (left, top, width, height)."""
    return [Emu(v) for v in box.emu()]


def mark_decorative(shape) -> None:
    """PowerPoint's "Mark as decorative": screen readers skip the shape."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", _DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}).set("val", "1")


def add_text_box(slide, box: Box):
    """A text box where the layout has no placeholder for a part; its text frame."""
    return slide.shapes.add_textbox(*emu_box(box)).text_frame


def add_logo(slide, path: str, box: Box, alt: str = "") -> None:
    """The organization's logo, small in its corner of the title slide.

    Its alt text is what it says (the organization's name, or the region's
    `logo-alt:`); with none (`logo-alt: ""`) it is marked decorative (Office's
    adec:decorative), so screen readers skip it.
    """
    picture = load_picture(path)
    shape = slide.shapes.add_picture(io.BytesIO(picture.data),
                                     *emu_box(box.fit_right(picture.width, picture.height)))
    c_nv_pr = shape._element.nvPicPr.cNvPr
    c_nv_pr.set("name", "Logo")
    c_nv_pr.attrib.pop("descr", None)
    if alt:
        c_nv_pr.set("descr", alt)
    else:
        mark_decorative(shape)


def add_quote_mark(slide, text: TextWriter, box: Box, colour: str) -> None:
    """A large opening quotation mark left of a quote: decoration, not content."""
    frame = slide.shapes.add_textbox(*emu_box(quote_mark_box(box)))
    frame.name = "Quotation mark"
    mark_decorative(frame)
    text.body_properties(frame.text_frame, autofit=False)
    text.fill(frame.text_frame, [TextPara((Run("\u201c", bold=True),))], QUOTE_MARK_SIZE,
              colour=colour)


def add_caption(slide, text: TextWriter, box: Box, paras, size: float, colour, align=None):
    """A caption line under a picture or table, named so PowerPoint's selection pane says."""
    frame = slide.shapes.add_textbox(*emu_box(box))
    frame.name = f"Caption {frame.shape_id}"
    text.body_properties(frame.text_frame, autofit=False)
    text.fill(frame.text_frame, paras, size, colour=colour, align=align, width=box.w)
    return frame


def add_picture(slide, text: TextWriter, visual, caption_size: float, muted) -> list:
    """A picture with its alt text as description, and its caption below when it has one."""
    image: Image = visual.block
    picture = load_picture(image.path)
    shape = slide.shapes.add_picture(io.BytesIO(picture.data), *emu_box(visual.box))
    c_nv_pr = shape._element.nvPicPr.cNvPr
    c_nv_pr.set("descr", image.alt)
    c_nv_pr.set("name", f"Picture {c_nv_pr.get('id')}")
    shapes = [shape]
    if visual.caption is not None and image.caption_text:
        shapes.append(add_caption(slide, text, visual.caption,
                                  [TextPara((Run(image.caption_text, italic=True),))],
                                  caption_size, muted, align="center"))
    return shapes


def set_background_colour(slide, colour: str) -> None:
    """The slide's background in one colour (`background-color=`)."""
    fill = etree.SubElement(_new_background(slide), qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
    _end_background(fill)


def set_background_picture(slide, path: str) -> None:
    """The slide's background filled with a picture, stretched."""
    picture = load_picture(path)
    _, rid = slide.part.get_or_add_image_part(io.BytesIO(picture.data))
    fill = etree.SubElement(_new_background(slide), qn("a:blipFill"))
    fill.set("dpi", "0")
    fill.set("rotWithShape", "1")
    etree.SubElement(fill, qn("a:blip")).set(qn("r:embed"), rid)
    etree.SubElement(fill, qn("a:srcRect"))
    etree.SubElement(etree.SubElement(fill, qn("a:stretch")), qn("a:fillRect"))
    _end_background(fill)


def _new_background(slide):
    """The slide's own p:bg/p:bgPr (replacing any it had), first in p:cSld, for one fill."""
    c_sld = slide._element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = etree.Element(qn("p:bg"))
    c_sld.insert(0, bg)
    return etree.SubElement(bg, qn("p:bgPr"))


def _end_background(fill) -> None:
    """The effect list the schema wants after the fill."""
    etree.SubElement(fill.getparent(), qn("a:effectLst"))


def add_callout(slide, text: TextWriter, visual, text_colour: str) -> list:
    """A callout: a tinted box holding its title line (in its colour) and text, and the
    coloured bar on its left (decorative). The text stays editable in the box."""
    from pptx.enum.shapes import MSO_SHAPE

    from ...layout.callout import BAR, PAD, callout_layout

    laid = callout_layout(visual.block, visual.box, visual.size)
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu_box(laid.box))
    shape.name = f"Callout {shape.shape_id}"
    _solid(shape, laid.fill)
    frame = shape.text_frame
    text.body_properties(frame, autofit=False)
    body_pr = frame._txBody.bodyPr
    for attr, points in (("lIns", BAR + PAD), ("tIns", PAD), ("rIns", PAD), ("bIns", PAD)):
        body_pr.set(attr, str(int(round(points * EMU_PER_POINT))))
    tx = frame._txBody
    for p in tx.findall(qn("a:p")):
        tx.remove(p)
    for index, para in enumerate(laid.paras):
        tx.append(text.paragraph(para, visual.size, index == 0,
                                 laid.colour if index == 0 else text_colour, None,
                                 laid.text.w))
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu_box(laid.bar))
    bar.name = f"Callout bar {bar.shape_id}"
    _solid(bar, laid.colour)
    mark_decorative(bar)
    return [shape, bar]


def _solid(shape, colour: str) -> None:
    """A shape filled with one colour, without outline or shadow."""
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
