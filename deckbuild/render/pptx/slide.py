"""One slide of the deck: its layout's placeholders filled, in reading order.

Every box and size comes from `layout.plan`, so the deck shows what the fitting
step measured and the handout's miniatures match it. Text goes into real
placeholders, so trainers can still edit every word in PowerPoint.
"""
from __future__ import annotations

from typing import Dict

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from ...layout.geometry import Geometry
from ...layout.paragraphs import TextPara, bold
from ...layout.plan import SlidePlan, TextArea, plan_slide
from ...model import Callout, Deck, Image, Layout, Slide
from .animation import SlideBuilds, add_paragraph_builds
from .numbers import SlideNumbers, date_shape, next_shape_id
from .parts import PartAllocator
from .omml import has_math, wrap_for_equations
from .shapes import (add_callout, add_logo, add_picture, add_quote_mark, add_text_box, emu_box,
                     set_background_colour, set_background_picture)
from .table import add_table
from .template import layout_for
from .text import TextWriter, qn

NOTES_SIZE = 12.0
NOTES_SPACE_BEFORE = "600"  # 6 pt between paragraphs of the speaker notes


class SlideWriter:
    """Writes one slide; `layouts` and `numbers` are shared by the whole deck."""

    def __init__(self, prs, deck: Deck, geometry: Geometry, parts: PartAllocator,
                 numbers: SlideNumbers, layouts: Dict[Layout, tuple]):
        self.prs = prs
        self.parts = parts
        self.numbers = numbers
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
        self.builds = SlideBuilds()  # what appears on each click: incremental lists, pauses
        self.text = TextWriter(self._link, self.deck.meta.lang)
        plan = plan_slide(model, self.geometry)
        # Keyed by the idx python-pptx's default template uses for each part; a
        # template placeholder that holds no part gets a key no part uses.
        placeholders = {slots.get(idx, 1000 + idx): ph
                        for idx, ph in self.parts.placeholders(slide).items()}
        used = set()
        self._title(model, plan, placeholders, used)
        if model.layout is Layout.TITLE:
            self._title_slide(plan, placeholders, used)
            self._date(plan, layout)
            box = self.geometry.box(Layout.TITLE, "logo")
            if self.theme.logo and box is not None:
                add_logo(slide, self.theme.logo, box)
        else:
            self._parts(model, plan, placeholders, used)
        for idx, ph in placeholders.items():
            if idx not in used:
                ph._element.getparent().remove(ph._element)
        if model.layout is not Layout.TITLE:
            self.numbers.add(slide, layout, len(self.prs.slides._sldIdLst))
        if model.background:
            set_background_picture(slide, model.background)
        elif model.background_colour:
            set_background_colour(slide, model.background_colour)
        if model.notes:
            self._notes(model.notes)
        if self.builds:
            add_paragraph_builds(slide, self.builds)
        self._equations()

    # -- parts of a slide

    def _title(self, model: Slide, plan: SlidePlan, placeholders, used) -> None:
        if not model.title or (0 not in placeholders and plan.title_box is None):
            return
        if 0 in placeholders:
            frame = placeholders[0].text_frame
            used.add(0)
        else:
            frame = add_text_box(self.slide, plan.title_box)
        self.text.body_properties(frame, "b" if model.layout is Layout.TITLE else "ctr")
        centred = model.layout is Layout.TITLE_ONLY
        paras = [TextPara(bold(model.title), align="center" if centred else "left",
                          caps=plan.title_caps)]
        title_colour = self.theme.on_accent if model.layout is Layout.SECTION else None
        self.text.fill(frame, paras, plan.title_size,
                       colour=self.colour(title_colour or self.theme.text),
                       width=plan.title_box.w if plan.title_box else None)
        if 0 in used:
            self._template_alignment(frame)

    def _title_slide(self, plan: SlidePlan, placeholders, used) -> None:
        area = next((a for a in plan.areas if a.name == "subtitle"), None)
        if area is None or (1 not in placeholders and area.box is None):
            return
        frame = placeholders[1].text_frame if 1 in placeholders else \
            add_text_box(self.slide, area.box)
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

    def _date(self, plan: SlidePlan, layout) -> None:
        """The title slide's date in a copy of the layout's date placeholder (pandoc's way)."""
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
        slots = {"body": 1, "quote": 1, "left": 1, "right": 2}
        if model.layout is Layout.COMPARISON:
            slots = {"left_heading": 1, "left": 2, "right_heading": 3, "right": 4}
        tree = self.slide.shapes._spTree
        caption, muted = self.geometry.sizes.caption, self.colour(self.theme.muted)
        for part in plan.parts:
            if isinstance(part, TextArea):
                shapes = [self._area(part, slots, placeholders, used,
                                     on_accent=model.layout is Layout.SECTION)]
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

    def _area(self, area: TextArea, slots, placeholders, used, on_accent: bool = False):
        idx = slots.get(area.name)
        ph = placeholders.get(idx)
        if ph is None or idx in used:
            shape = self.slide.shapes.add_textbox(*emu_box(area.box))
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
            _attribution_right(frame)
            add_quote_mark(self.slide, self.text, area.box, self.theme.accent)
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
