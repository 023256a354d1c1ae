"""Stage 3, Render: the deck model as a PowerPoint file (python-pptx).

Reads only the model and the shared layout: every slide's boxes and sizes come
from `layout.plan`, so the deck shows what the fitting step measured and the
handout's miniatures match it. Text goes into real placeholders, so trainers
can still edit every word in PowerPoint.
"""
from __future__ import annotations

import functools
import io
from typing import Dict

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn as _qn
from pptx.util import Emu

from ...layout.geometry import Box, Geometry, geometry_for
from ...layout.measure import LINE, TextPara
from ...layout.plan import (CAPTION_HEIGHT, CELL_MARGIN, SlidePlan, TextArea, plan_slide,
                            table_row_height)
from ...media import load_picture
from ...model import Deck, Image, Layout, Run, Slide, Table
from .animation import add_paragraph_builds, click_groups
from .package import (build_date, package_bytes, set_core_properties,
                      set_custom_properties)
from .parts import PartAllocator, incremental_parts
from .template import layout_for, new_presentation
from .text import TextWriter

# qn() spells the same namespaced tags thousands of times a deck: remember them.
qn = functools.lru_cache(maxsize=None)(_qn)

NOTES_SIZE = 12.0


def render_pptx(deck: Deck, geometry: Geometry = None) -> bytes:
    """The finished .pptx file as bytes (written to disk by `build`)."""
    geometry = geometry or geometry_for(deck.theme)
    prs = new_presentation(deck.theme, geometry)
    number_shapes: Dict[str, object] = {}  # layout part name -> its slide number shape
    layouts: Dict[Layout, tuple] = {}  # our layout -> (slide layout, slots), looked up once
    with incremental_parts(prs.part.package) as parts:
        for slide in deck.slides:
            _SlideWriter(prs, deck, geometry, parts, number_shapes, layouts).write(slide)
    when = build_date(deck.meta)
    set_core_properties(prs, deck.meta, when)
    set_custom_properties(prs, deck.meta.custom)
    return package_bytes(prs, when)


class _SlideWriter:
    def __init__(self, prs, deck: Deck, geometry: Geometry, parts: PartAllocator,
                 number_shapes: Dict[str, object], layouts: Dict[Layout, tuple]):
        self.prs = prs
        self.parts = parts
        self.number_shapes = number_shapes
        self.layouts = layouts
        self.deck = deck
        self.theme = deck.theme
        self.geometry = geometry
        self.links: Dict[str, str] = {}
        # A template brings its own colours: text then inherits them from its layouts.
        self.templated = geometry.template is not None

    def colour(self, value: str):
        return None if self.templated else value

    def write(self, model: Slide) -> None:
        if model.layout not in self.layouts:
            self.layouts[model.layout] = layout_for(self.prs, self.geometry, model.layout)
        layout, slots = self.layouts[model.layout]
        self.slide = slide = self.parts.add_slide(self.prs.slides, layout)
        self.builds = []  # (shape id, paragraphs shown per click) of incremental lists
        self.text = TextWriter(self._link, self.deck.meta.lang)
        plan = plan_slide(model, self.geometry)
        # Keyed by the idx python-pptx's default template uses for each part; a
        # template placeholder that holds no part gets a key no part uses.
        placeholders = {slots.get(idx, 1000 + idx): ph
                        for idx, ph in self.parts.placeholders(slide).items()}
        used = set()

        title_colour = self.theme.on_accent if model.layout is Layout.SECTION else None
        if model.title and (0 in placeholders or plan.title_box is not None):
            if 0 in placeholders:
                frame = placeholders[0].text_frame
                used.add(0)
            else:
                frame = self._text_box(plan.title_box)
            self.text.body_properties(frame, "b" if model.layout is Layout.TITLE else "ctr")
            centred = model.layout is Layout.TITLE_ONLY
            paras = [TextPara(tuple(_bold(r) for r in model.title),
                              align="center" if centred else "left", caps=plan.title_caps)]
            self.text.fill(frame, paras, plan.title_size,
                           colour=self.colour(title_colour or self.theme.text),
                           width=plan.title_box.w if plan.title_box else None)
            if 0 in used:
                self._template_alignment(frame)

        if model.layout is Layout.TITLE:
            self._title_slide(plan, placeholders, used)
            self._logo()
        else:
            self._parts(model, plan, placeholders, used)

        for idx, ph in placeholders.items():
            if idx not in used:
                ph._element.getparent().remove(ph._element)
        if model.layout is not Layout.TITLE:
            self._slide_number(layout)
        if model.background:
            self._background(model.background)
        if model.notes:
            self._notes(model.notes)
        if self.builds:
            add_paragraph_builds(slide, self.builds)

    # -- parts of a slide

    def _title_slide(self, plan: SlidePlan, placeholders, used) -> None:
        if not plan.areas or (1 not in placeholders and plan.areas[0].box is None):
            return
        area = plan.areas[0]
        frame = placeholders[1].text_frame if 1 in placeholders else self._text_box(area.box)
        self.text.body_properties(frame)
        tx = frame._txBody
        for p in tx.findall(qn("a:p")):
            tx.remove(p)
        for index, para in enumerate(area.paras):
            colour = self.theme.muted if para.kind == "byline" else self.theme.text
            tx.append(self.text.paragraph(para, area.size, index == 0, self.colour(colour), None,
                                          area.box.w))
        if 1 in placeholders:
            self._template_alignment(frame)
        used.add(1)

    def _template_alignment(self, frame) -> None:
        """In a template's title placeholders, its own alignment and anchoring win."""
        if not self.templated:
            return
        tx_body = frame._txBody
        tx_body.bodyPr.attrib.pop("anchor", None)
        for ppr in tx_body.iter(qn("a:pPr")):
            ppr.attrib.pop("algn", None)

    def _text_box(self, box):
        """A text box where the layout has no placeholder for a part."""
        return self.slide.shapes.add_textbox(*[Emu(v) for v in box.emu()]).text_frame

    def _logo(self) -> None:
        """The organization's logo, small in its corner of the title slide.

        Marked decorative (Office's adec:decorative), so screen readers skip it: the
        organization's name is in the text already.
        """
        box = self.geometry.box(Layout.TITLE, "logo")
        if not self.theme.logo or box is None:
            return
        picture = load_picture(self.theme.logo)
        shape = self.slide.shapes.add_picture(
            io.BytesIO(picture.data),
            *[Emu(v) for v in box.fit_right(picture.width, picture.height).emu()])
        c_nv_pr = shape._element.nvPicPr.cNvPr
        c_nv_pr.set("name", "Logo")
        c_nv_pr.attrib.pop("descr", None)
        mark_decorative(shape)

    def _parts(self, model: Slide, plan: SlidePlan, placeholders, used) -> None:
        """Text areas, pictures and tables, written (and kept in the shape tree) in reading
        order, so that PowerPoint's reading order and a screen reader follow the deck."""
        slots = {"body": 1, "quote": 1, "left": 1, "right": 2}
        if model.layout is Layout.COMPARISON:
            slots = {"left_heading": 1, "left": 2, "right_heading": 3, "right": 4}
        tree = self.slide.shapes._spTree
        for part in plan.parts:
            if isinstance(part, TextArea):
                shapes = [self._area(part, slots, placeholders, used,
                                     on_accent=model.layout is Layout.SECTION)]
            elif isinstance(part.block, Image):
                shapes = self._picture(part)
            else:
                shapes = self._table(part)
            for shape in shapes:
                tree.remove(shape._element)
                tree.append(shape._element)

    def _area(self, area: TextArea, slots, placeholders, used, on_accent: bool = False):
        idx = slots.get(area.name)
        ph = placeholders.get(idx)
        if ph is None or idx in used:
            shape = self.slide.shapes.add_textbox(*[Emu(v) for v in area.box.emu()])
        else:
            ph.left, ph.top, ph.width, ph.height = [Emu(v) for v in area.box.emu()]
            shape = ph
            used.add(idx)
        frame = shape.text_frame
        quote = area.name == "quote"
        heading = area.name.endswith("_heading")
        colour = self.colour(self.theme.text) if quote else None
        if on_accent:  # text on a section slide's accent background
            colour = self.colour(self.theme.on_accent)
        self.text.body_properties(frame, "ctr" if quote else "b" if heading else "t")
        self.text.fill(frame, area.paras, area.size, colour=colour,
                       align="center" if quote else None, width=area.box.w)
        if quote:
            self._attribution_right(frame)
            self._quote_mark(area.box)
        clicks = click_groups(area.paras)
        if clicks:
            self.builds.append((shape.shape_id, clicks))
        return shape

    def _attribution_right(self, frame) -> None:
        paras = frame._txBody.findall(qn("a:p"))
        for p in paras:
            ppr = p.find(qn("a:pPr"))
            text = "".join(t.text or "" for t in p.iter(qn("a:t")))
            if text.startswith("\u2014 ") and p is paras[-1] and len(paras) > 1:
                ppr.set("algn", "r")

    def _quote_mark(self, box) -> None:
        """A large opening quotation mark in the accent colour: decoration, not content."""
        size = 120.0
        frame = self.slide.shapes.add_textbox(
            *[Emu(v) for v in Box(box.x - 20, box.y - 30, 100, size * LINE).emu()])
        frame.name = "Quotation mark"
        mark_decorative(frame)
        self.text.body_properties(frame.text_frame, autofit=False)
        self.text.fill(frame.text_frame, [TextPara((Run("\u201c", bold=True),))], size,
                       colour=self.theme.accent)

    def _picture(self, visual) -> list:
        image: Image = visual.block
        picture = load_picture(image.path)
        shape = self.slide.shapes.add_picture(io.BytesIO(picture.data),
                                              *[Emu(v) for v in visual.box.emu()])
        c_nv_pr = shape._element.nvPicPr.cNvPr
        c_nv_pr.set("descr", image.alt)
        c_nv_pr.set("name", f"Picture {c_nv_pr.get('id')}")
        shapes = [shape]
        if visual.caption is not None and image.alt:
            frame = self.slide.shapes.add_textbox(*[Emu(v) for v in visual.caption.emu()])
            frame.name = f"Caption {frame.shape_id}"
            self.text.body_properties(frame.text_frame, autofit=False)
            self.text.fill(frame.text_frame, [TextPara((Run(image.alt, italic=True),))],
                           self.geometry.sizes.caption, colour=self.colour(self.theme.muted),
                           align="center", width=visual.caption.w)
            shapes.append(frame)
        return shapes

    def _table(self, visual) -> list:
        table_model: Table = visual.block
        rows = ([table_model.header] if table_model.header else []) + list(table_model.rows)
        columns = max(len(r) for r in rows) if rows else 1
        box = visual.box
        if table_model.caption:
            box = Box(box.x, box.y, box.w, max(box.h - CAPTION_HEIGHT, 12))
        frame = self.slide.shapes.add_table(max(len(rows), 1), columns,
                                            *[Emu(v) for v in box.emu()])
        table = frame.table
        table.first_row = bool(table_model.header)
        aligns = list(table_model.aligns) + [""] * columns
        column_width = box.w / columns
        for r, row in enumerate(rows):
            # Each row as tall as the plan measured it, so the table ends where planned.
            table.rows[r].height = Emu(int(round(
                table_row_height(row, column_width, visual.size) * 12700)))
            for c in range(columns):
                cell = table.cell(r, c)
                text = row[c] if c < len(row) else ()
                runs = tuple(_bold(x) for x in text) if (r == 0 and table_model.header) else text
                cell.margin_left = cell.margin_right = Emu(int(CELL_MARGIN * 12700))
                cell.margin_top = cell.margin_bottom = Emu(3 * 12700)
                tf = cell.text_frame
                tf.word_wrap = True
                self.text.fill(tf, [TextPara(runs or (Run(""),), align=aligns[c] or "left")],
                               visual.size, width=column_width - 2 * CELL_MARGIN)
        shapes = [frame]
        if table_model.caption:
            cap_box = Box(box.x, box.y + box.h + 2, box.w, CAPTION_HEIGHT - 2)
            tb = self.slide.shapes.add_textbox(*[Emu(v) for v in cap_box.emu()])
            tb.name = f"Caption {tb.shape_id}"
            self.text.body_properties(tb.text_frame, autofit=False)
            self.text.fill(tb.text_frame, [TextPara(table_model.caption)],
                           self.geometry.sizes.caption, colour=self.colour(self.theme.muted),
                           width=cap_box.w)
            shapes.append(tb)
        return shapes

    def _slide_number(self, layout) -> None:
        key = str(layout.part.partname)
        if key not in self.number_shapes:
            self.number_shapes[key] = self._slide_number_shape(layout)
        shape = self.number_shapes[key]
        if shape is None:
            return
        sp = _copy(shape)
        sp.find(f".//{qn('a:fld')}/{qn('a:t')}").text = str(len(self.prs.slides._sldIdLst))
        sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(self._next_shape_id()))
        self.slide.shapes._spTree.append(sp)

    def _slide_number_shape(self, layout):
        """The layout's slide number placeholder as a slide shape (made once per layout)."""
        for ph in layout.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                sp = _copy(ph._element)
                tx = sp.find(qn("p:txBody"))
                for p in tx.findall(qn("a:p")):
                    tx.remove(p)
                p = etree.SubElement(tx, qn("a:p"))
                ppr = etree.SubElement(p, qn("a:pPr"))
                ppr.set("algn", "r")
                fld = etree.SubElement(p, qn("a:fld"))
                fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
                fld.set("type", "slidenum")
                rpr = etree.SubElement(fld, qn("a:rPr"))
                rpr.set("lang", self.deck.meta.lang)
                rpr.set("sz", str(int(self.geometry.sizes.slide_number * 100)))
                if not self.templated:
                    fill = etree.SubElement(rpr, qn("a:solidFill"))
                    colour = self.theme.on_accent if layout.name == "Section Header" else \
                        self.theme.muted
                    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour)
                etree.SubElement(fld, qn("a:t"))
                # Keep only the placeholder reference; position comes from the layout.
                sp_pr = sp.find(qn("p:spPr"))
                for child in list(sp_pr):
                    sp_pr.remove(child)
                return sp
        return None

    def _next_shape_id(self) -> int:
        ids = [int(x) for x in self.slide.shapes._spTree.xpath("//@id") if str(x).isdigit()]
        return max(ids + [1]) + 1

    def _background(self, path: str) -> None:
        picture = load_picture(path)
        _, rid = self.slide.part.get_or_add_image_part(io.BytesIO(picture.data))
        c_sld = self.slide._element.find(qn("p:cSld"))
        old = c_sld.find(qn("p:bg"))
        if old is not None:
            c_sld.remove(old)
        bg = etree.Element(qn("p:bg"))
        bg_pr = etree.SubElement(bg, qn("p:bgPr"))
        fill = etree.SubElement(bg_pr, qn("a:blipFill"))
        fill.set("dpi", "0")
        fill.set("rotWithShape", "1")
        etree.SubElement(fill, qn("a:blip")).set(qn("r:embed"), rid)
        etree.SubElement(fill, qn("a:srcRect"))
        etree.SubElement(etree.SubElement(fill, qn("a:stretch")), qn("a:fillRect"))
        etree.SubElement(bg_pr, qn("a:effectLst"))
        c_sld.insert(0, bg)

    def _notes(self, notes) -> None:
        self.notes_slide, frame = self.parts.notes_page(self.slide)
        writer = TextWriter(self._notes_link, self.deck.meta.lang)
        writer.fill(frame, [TextPara(text) for text in notes], NOTES_SIZE)
        for p in frame._txBody.findall(qn("a:p")):
            before = p.find(qn("a:pPr")).find(qn("a:spcBef"))
            before[0].set("val", "600")

    def _notes_link(self, url: str) -> str:
        return self.notes_slide.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def _link(self, url: str) -> str:
        if url not in self.links:
            self.links[url] = self.slide.part.relate_to(url, RT.HYPERLINK, is_external=True)
        return self.links[url]


_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def mark_decorative(shape) -> None:
    """PowerPoint's "Mark as decorative": screen readers skip the shape."""
    c_nv_pr = shape._element.xpath("./*[1]/p:cNvPr")[0]
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", _DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}).set("val", "1")


def _bold(run: Run) -> Run:
    return Run(**{**run.__dict__, "bold": True})


def _copy(element):
    from copy import deepcopy
    return deepcopy(element)
