"""One slide of the deck: its layout's placeholders filled, in reading order.

Every box and size comes from `layout.plan`, so the deck shows what the fitting
step measured and the handout's miniatures match it. Text goes into real
placeholders, so trainers can still edit every word in PowerPoint. In a
template's placeholders the template's own margins, anchoring, alignment and
autofit are kept (`TextStyle.templated`); the colours deckbuild adds (bullets,
links, the quote mark) are chosen readable on the slide (`design.ink`).
"""
from __future__ import annotations

from typing import Dict

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.dml.color import RGBColor
from pptx.util import Emu

from ...design.box import EMU_PER_POINT, Box
from ...layout.geometry import Geometry
from ...layout.paragraphs import TextPara, resource_notes
from ...layout.plan import SlidePlan, TextArea, part_of, plan_slide, title_text
from ...layout.template_ink import part_ink
from ...model import Callout, Deck, Image, Layout, Slide
from .animation import SlideBuilds, add_paragraph_builds
from .numbers import SlideNumbers, date_shape, next_shape_id
from .parts import PartAllocator
from .omml import has_math, wrap_for_equations
from .shapes import (add_callout, add_logo, add_picture, add_quote_mark, add_text_box, emu_box,
                     set_background_colour, set_background_picture)
from .table import add_table
from .template import Slots, layout_for
from .text import TextWriter, qn

NOTES_SIZE = 12.0
NOTES_SPACE_BEFORE = "600"  # 6 pt between paragraphs of the speaker notes


class SlideWriter:
    """Writes one slide; `layouts` and `numbers` are shared by the whole deck."""

    def __init__(self, prs, deck: Deck, geometry: Geometry, parts: PartAllocator,
                 numbers: SlideNumbers, layouts: Dict[tuple, Slots]):
        self.prs = prs
        self.parts = parts
        self.numbers = numbers
        self.layouts = layouts
        self.deck = deck
        self.theme = deck.theme
        self.base_geometry = geometry
        self.links: Dict[str, str] = {}
        # A template brings its own colours: text then inherits them from its layouts.
        self.templated = geometry.template is not None

    def colour(self, value: str):
        return None if self.templated else value

    def write(self, model: Slide) -> None:
        self.geometry = geometry = self.base_geometry.for_slide(model)
        key = (model.layout, model.template_layout)
        if key not in self.layouts:
            self.layouts[key] = layout_for(self.prs, geometry, model.layout)
        slots = self.layouts[key]
        self.slide = slide = self.parts.add_slide(self.prs.slides, slots.layout)
        self.builds = SlideBuilds()  # what appears on each click: incremental lists, pauses
        self.text = TextWriter(self._link, self.deck.meta.lang)
        plan = plan_slide(model, geometry)
        placeholders, spare = self._placeholders(slots)
        used = set()
        self._title(model, plan, placeholders, used, slots)
        if model.layout is Layout.TITLE:
            self._title_slide(model, plan, placeholders, used)
            self._date(model, plan, slots.layout)
            box = geometry.box(Layout.TITLE, "logo")
            if self.theme.logo and box is not None:
                add_logo(slide, self.theme.logo, box, self.theme.logo_alt)
        else:
            self._parts(model, plan, placeholders, used)
        for part, ph in list(placeholders.items()) + spare:
            if part not in used:
                ph._element.getparent().remove(ph._element)
        if model.layout is not Layout.TITLE:
            self.numbers.add(slide, slots.layout, self.parts.slide_count,
                             self._number_colour(model))
        if model.background:
            set_background_picture(slide, model.background)
        elif model.background_colour:
            set_background_colour(slide, model.background_colour)
        notes = model.notes
        if model.layout is Layout.RESOURCES:
            notes += resource_notes(model.blocks)  # what to say about each service shown
        if notes:
            self._notes(notes)
        if self.builds:
            add_paragraph_builds(slide, self.builds)
        self._equations()

    def _number_colour(self, model: Slide):
        """On a template's slide, the number in a readable colour where the template's own
        is not (None: the template's)."""
        box = self.geometry.box(model.layout, "number")
        ink = part_ink(self.base_geometry, model, "number", box) if box else None
        if ink is None or ink.readable_text_rgb == ink.text:
            return None
        return ink.readable_text

    def _placeholders(self, slots: Slots):
        """({part: the slide's placeholder for it}, [(None, placeholders holding no part)])."""
        found = self.parts.placeholder_list(self.slide)
        if slots.by_position:
            keyed = dict(zip(slots.cloned, (ph for _, ph in found)))
        else:
            keyed = dict(found)
        parts = {part: keyed.pop(key) for part, key in slots.parts.items() if key in keyed}
        return parts, [(None, ph) for ph in keyed.values()]

    # -- parts of a slide

    def _title(self, model: Slide, plan: SlidePlan, placeholders, used, slots: Slots) -> None:
        if not model.title or ("title" not in placeholders and plan.title_box is None):
            return
        style = self.geometry.style(model.layout, "title")
        if "title" in placeholders:
            shape = placeholders["title"]
            used.add("title")
        elif slots.new_title:
            shape = self._new_title(style.outer(plan.title_box))
        else:
            shape = None
        frame = shape.text_frame if shape is not None else add_text_box(self.slide,
                                                                         plan.title_box)
        if shape is not None and slots.new_title and style.templated:
            self._explicit_insets(frame, style)
        elif not style.templated or shape is None:
            self.text.body_properties(frame, "b" if model.layout is Layout.TITLE else "ctr")
        centred = model.layout is Layout.TITLE_ONLY
        paras = [TextPara(title_text(model.title, plan.title_bold),
                          align="center" if centred else "left", caps=plan.title_caps)]
        title_colour = self.theme.on_accent if model.layout is Layout.SECTION else None
        readable = self._readable(model, "title", plan.title_box, frame, plan.title_size,
                                  plan.title_bold)
        self.text.fill(frame, paras, plan.title_size,
                       colour=readable or self.colour(title_colour or self.theme.text),
                       width=plan.title_box.w if plan.title_box else None,
                       font=plan.title_font, style=style if shape is not None else None)
        if shape is not None:
            self._template_alignment(frame)

    def _readable(self, model: Slide, part: str, box: Box, frame, size: float,
                  bold: bool = False):
        """On a template's picture where its text colour cannot be read, the colour to write
        (or a backing behind the box, `design.ink`); None: the template's own colour."""
        ink = part_ink(self.base_geometry, model, part, box, size, bold) if box else None
        if ink is None:
            return None
        if ink.backing is not None:
            shape = frame._parent
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(ink.backing)
        return ink.shown

    def _new_title(self, box: Box):
        """A title placeholder on a layout that has none: it takes the master's title style,
        and screen readers and the outline find the slide's title in it."""
        tree = self.slide.shapes._spTree
        ids = [int(x) for x in tree.xpath("//@id") if str(x).isdigit()]
        sp = CT_Shape.new_placeholder_sp(max(ids + [1]) + 1, "Title", PP_PLACEHOLDER.TITLE,
                                         "horz", "full", 0)
        tree.append(sp)
        shape = self.slide.shapes._shape_factory(sp)
        shape.left, shape.top, shape.width, shape.height = [Emu(v) for v in box.emu()]
        return shape

    def _explicit_insets(self, frame, style) -> None:
        """The margins measured, written out (a new placeholder inherits no layout's)."""
        body_pr = frame._txBody.bodyPr
        for attr, value in zip(("lIns", "tIns", "rIns", "bIns"), style.inset):
            body_pr.set(attr, str(int(round(value * EMU_PER_POINT))))

    def _title_slide(self, slide_model: Slide, plan: SlidePlan, placeholders, used) -> None:
        for area in plan.areas:
            part = area.name
            if part == "date" or (part not in placeholders and area.box is None):
                continue  # (the date goes in a copy of the layout's date placeholder)
            style = self.geometry.style(Layout.TITLE, part)
            ph = placeholders.get(part)
            frame = ph.text_frame if ph is not None else add_text_box(self.slide, area.box)
            if ph is None or not style.templated:
                self.text.body_properties(frame)
            else:  # the template's placeholder, where the geometry put it (grown, joined)
                ph.left, ph.top, ph.width, ph.height = emu_box(style.outer(area.box))
            tx = frame._txBody
            for p in tx.findall(qn("a:p")):
                tx.remove(p)
            keep = ph is not None and style.templated
            readable = self._readable(slide_model, part, area.box, frame,
                                      area.smallest)
            for index, para in enumerate(area.paras):
                colour = self.theme.muted if para.kind == "byline" else self.theme.text
                tx.append(self.text.paragraph(para, area.size, index == 0,
                                              readable or self.colour(colour), None, area.box.w,
                                              area.font, keep))
            if ph is not None:
                self._template_alignment(frame)
                used.add(part)

    def _date(self, model: Slide, plan: SlidePlan, layout) -> None:
        """The title slide's date in a copy of the layout's date placeholder (pandoc's way),
        in the template's date colour where that is readable (like the slide numbers)."""
        area = next((a for a in plan.areas if a.name == "date"), None)
        if area is None:
            return
        sp = date_shape(layout)
        if sp is None:
            return
        tx = sp.find(qn("p:txBody"))
        for p in tx.findall(qn("a:p")):
            tx.remove(p)
        body_pr = tx.find(qn("a:bodyPr"))
        for attr in ("lIns", "tIns", "rIns", "bIns"):  # the text where the plan measured it
            body_pr.set(attr, "0")
        body_pr.set("anchor", "t")
        colour = self.colour(self.theme.muted)
        ink = part_ink(self.base_geometry, model, "date", area.box)
        if ink is not None and ink.readable_text_rgb != ink.text:
            colour = ink.readable_text
        for index, para in enumerate(area.paras):
            tx.append(self.text.paragraph(para, area.size, index == 0, colour, None,
                                          area.box.w))
        sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(next_shape_id(self.slide)))
        self.slide.shapes._spTree.append(sp)

    def _template_alignment(self, frame) -> None:
        """In a template's title placeholders, its own alignment and anchoring win."""
        if not self.templated:
            return
        tx_body = frame._txBody
        tx_body.bodyPr.attrib.pop("anchor", None)
        for ppr in tx_body.iter(qn("a:pPr")):
            ppr.attrib.pop("algn", None)

    def _parts(self, model: Slide, plan: SlidePlan, placeholders, used) -> None:
        """Text areas, pictures and tables, written (and kept in the shape tree) in reading
        order, so that PowerPoint's reading order and a screen reader follow the deck."""
        tree = self.slide.shapes._spTree
        caption, muted = self.geometry.sizes.caption, self.colour(self.theme.muted)
        for part in plan.parts:
            if isinstance(part, TextArea):
                shapes = [self._area(model, part, placeholders, used)]
            elif isinstance(part.block, Image):
                shapes = add_picture(self.slide, self.text, part, caption, muted)
                self._build_whole(shapes, "pic", part.pause)
            elif isinstance(part.block, Callout):
                shapes = add_callout(self.slide, self.text, part, self.theme.text)
                self._build_whole(shapes, "sp", part.pause)
            else:
                shapes = add_table(self.slide, self.text, part, caption, muted)
                self._build_whole(shapes, "graphic", part.pause)
            for shape in shapes:
                tree.remove(shape._element)
                tree.append(shape._element)

    def _area(self, model: Slide, area: TextArea, placeholders, used):
        part = part_of(area)
        style = self.geometry.style(model.layout, part)
        ph = placeholders.get(part)
        if ph is None or part in used:
            shape = self.slide.shapes.add_textbox(*emu_box(area.box))
            style = None
        else:
            box = style.outer(area.box) if style.templated else area.box
            ph.left, ph.top, ph.width, ph.height = [Emu(v) for v in box.emu()]
            shape = ph
            used.add(part)
        frame = shape.text_frame
        # On a template's slide, bullets and links in colours readable on what is behind.
        self.text.ink = ink = part_ink(self.base_geometry, model, part, area.box,
                                       area.smallest)
        quote = area.name == "quote"
        heading = area.name.endswith("_heading")
        colour = self.colour(self.theme.text) if quote else None
        if model.layout is Layout.SECTION:  # text on a section slide's accent background
            colour = self.colour(self.theme.on_accent)
        colour = self._readable(model, part, area.box, frame, area.smallest) or colour
        self.text.body_properties(frame, "ctr" if quote else "b" if heading else "t",
                                  style=style)
        self.text.fill(frame, area.paras, area.size, colour=colour,
                       align="center" if quote else None, width=area.box.w, font=area.font,
                       style=style)
        if quote:
            _attribution_right(frame)
            mark = ink.quote_mark if ink else self.theme.accent
            add_quote_mark(self.slide, self.text, area.box, mark)
        self.builds.text(shape.shape_id, area.paras)
        return shape

    def _build_whole(self, shapes, kind: str, pause: bool) -> None:
        """A picture, table or callout (and its caption or bar) appears as one, on a click
        when a pause comes before it."""
        for number, shape in enumerate(shapes):
            self.builds.shape(shape.shape_id, kind if number == 0 else "sp",
                              pause and number == 0)

    def _equations(self) -> None:
        """Shapes holding equations go inside `mc:AlternateContent`, as PowerPoint writes them."""
        tree = self.slide.shapes._spTree
        for sp in list(tree.iterchildren(qn("p:sp"))):
            if has_math(sp):
                wrap_for_equations(sp)

    # -- notes and links

    def _notes(self, notes) -> None:
        self.notes_slide, frame = self.parts.notes_page(self.slide)
        writer = TextWriter(self._notes_link, self.deck.meta.lang)
        writer.fill(frame, [TextPara(text) for text in notes], NOTES_SIZE)
        for p in frame._txBody.findall(qn("a:p")):
            before = p.find(qn("a:pPr")).find(qn("a:spcBef"))
            before[0].set("val", NOTES_SPACE_BEFORE)

    def _notes_link(self, url: str) -> str:
        return self.notes_slide.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def _link(self, url: str) -> str:
        if url not in self.links:
            self.links[url] = self.slide.part.relate_to(url, RT.HYPERLINK, is_external=True)
        return self.links[url]


def _attribution_right(frame) -> None:
    """A quote's last paragraph, when it is the attribution ("— Name"), set flush right."""
    paras = frame._txBody.findall(qn("a:p"))
    for p in paras:
        ppr = p.find(qn("a:pPr"))
        text = "".join(t.text or "" for t in p.iter(qn("a:t")))
        if text.startswith("\u2014 ") and p is paras[-1] and len(paras) > 1:
            ppr.set("algn", "r")
