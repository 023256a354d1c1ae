"""Where each part of one slide goes: text boxes, pictures, tables, captions.

`plan_slide` is the single answer both renderers use, so the handout's
miniature puts every picture and paragraph where the deck does. Parts keep the
order they were written in (`SlidePlan.parts`), which is the order the deck's
shapes are written and a screen reader reads them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import List, Optional, Sequence, Tuple

from ..model import (Callout, Columns, Heading, Image, Layout, Pause, Slide, Table, Text, on_slide,
                     plain, split_at_visual)
from .callout import callout_height
from .math import formula_size
from .geometry import CAPTION_HEIGHT, SLIDE_HEIGHT, Box, Geometry
from .linebreak import breaks_words, wrap
from .measure import LINE, para_breaks_words, text_height
from .paragraphs import TextPara, bold, paragraphs_for
from .table import table_height

GAP = 14.0
MIN_PICTURE = 72.0  # a picture smaller than an inch does not fit: the text is set smaller
AREA_PARTS = {"quote": "body"}  # a text area -> the part (placeholder) that holds it


def part_of(area: "TextArea") -> str:
    """The part of the layout (its placeholder) a text area is set in."""
    return AREA_PARTS.get(area.name, area.name)


@dataclass(frozen=True)
class TextArea:
    name: str  # the placeholder it fills: body | left | right | left_heading | ... | quote
    box: Box
    paras: Tuple[TextPara, ...]
    size: float
    limit: float = SLIDE_HEIGHT  # the bottom of the area it was placed in
    order: int = 0  # reading order among the slide's areas and visuals
    font: str = "Helvetica"  # the family it is measured in

    @property
    def height(self) -> float:
        return text_height(self.paras, self.box.w, self.size, self.font)

    @property
    def smallest(self) -> float:
        """Its smallest text's size (the contrast the area needs follows it)."""
        return min((self.size * p.scale for p in self.paras), default=self.size)

    @property
    def fits(self) -> bool:
        return self.height <= self.box.h + 0.5 and self.box.y + self.box.h <= self.limit + 0.5

    @property
    def whole_words(self) -> bool:
        """No word is cut between letters (only one wider than the box would be)."""
        return not any(para_breaks_words(p, self.box.w, self.size, self.font)
                       for p in self.paras)


@dataclass(frozen=True)
class Visual:
    block: object  # Image | Table | Callout
    box: Box  # for an image: the picture itself, aspect kept
    caption: Optional[Box] = None
    size: float = 18.0  # table and callout text size
    limit: float = SLIDE_HEIGHT  # the bottom of the area it was placed in
    order: int = 0  # reading order among the slide's areas and visuals
    pause: bool = False  # a `. . .` comes before it: it appears on a later click

    @property
    def fits(self) -> bool:
        bottom = (self.caption or self.box)
        if isinstance(self.block, Callout):
            return callout_height(self.block, self.box.w, self.size) <= self.box.h + 0.5 and \
                self.box.y + self.box.h <= self.limit + 0.5
        return self.box.h >= 24 and bottom.y + bottom.h <= self.limit + 0.5


@dataclass(frozen=True)
class SlidePlan:
    title_box: Optional[Box]
    title_size: float
    areas: Tuple[TextArea, ...]
    visuals: Tuple[Visual, ...]
    title_caps: bool = False  # the layout draws the title in capitals
    title_font: str = "Helvetica"  # the family the title is measured in
    title_bold: bool = True  # the title is set bold (ours; a template's placeholder says)

    @property
    def fits(self) -> bool:
        return all(a.fits for a in self.areas) and all(v.fits for v in self.visuals)

    @property
    def whole_words(self) -> bool:
        return all(a.whole_words for a in self.areas)

    @property
    def parts(self) -> list:
        """Areas and visuals in reading order: the order a screen reader (and pandoc) uses."""
        return sorted(self.areas + self.visuals, key=lambda part: part.order)


def _is_visual(block) -> bool:
    return isinstance(block, (Image, Table, Callout))


def _flatten_columns(blocks) -> list:
    flat = []
    for block in blocks:
        if isinstance(block, Columns):
            for column in block.columns:
                flat.extend(column)
        else:
            flat.append(block)
    return flat


def title_text(title: Text, bold_title: bool) -> Text:
    """The title's runs as set: all bold (ours), else as written (a template's weight)."""
    return bold(title) if bold_title else tuple(title)


def _segments(blocks: Sequence) -> List[tuple]:
    """Runs of text blocks as paragraphs, and each picture or table, in reading order."""
    segments: List[tuple] = []
    paused = False
    for block in blocks:
        if isinstance(block, Pause):
            paused = True
            continue
        if _is_visual(block):
            segments.append(("pause-visual" if paused else "visual", block))
            paused = False
            continue
        paras = paragraphs_for([block])
        if not paras:
            continue
        if paused:
            paras[0] = replace(paras[0], pause=True)
            paused = False
        for para in paras:
            if para.kind == "math":
                # A display formula is a text box of its own: LibreOffice shows an equation
                # only when it is all its box holds (PowerPoint either way).
                segments.append(("formula", (para,)))
            elif segments and segments[-1][0] == "text":
                segments[-1] = ("text", segments[-1][1] + (para,))
            else:
                segments.append(("text", (para,)))
    return segments


def compose(name: str, box: Box, blocks: Sequence, size: float, order: int = 0,
            font: str = "Helvetica") -> Tuple[List[TextArea], List[Visual]]:
    """Text, pictures and tables of one area, in reading order.

    Text followed only by pictures on a wide area puts the pictures beside the text
    (pandoc's "Content with Caption"); anything else is stacked top to bottom in the
    order written: text and tables take the height they need, pictures share the rest.
    """
    segments = _segments(_flatten_columns(blocks))
    formulas = any(kind == "formula" for kind, _ in segments)
    paused = {index for index, (kind, _) in enumerate(segments) if kind == "pause-visual"}
    segments = [({"pause-visual": "visual", "formula": "text"}.get(kind, kind), block)
                for kind, block in segments]
    limit = box.y + box.h
    if not formulas and not any(kind == "visual" for kind, _ in segments):
        paras = tuple(p for _, ps in segments for p in ps)
        return ([TextArea(name, box, paras, size, limit, order, font)] if paras else []), []
    areas: List[TextArea] = []
    placed: List[Visual] = []
    if box.w > 500 and len(segments) >= 2 and segments[0][0] == "text" and all(
            kind == "visual" and isinstance(block, Image) for kind, block in segments[1:]):
        text_w = box.w * 0.55
        areas.append(TextArea(name, Box(box.x, box.y, text_w, box.h), segments[0][1], size,
                              limit, order, font))
        room = Box(box.x + text_w + GAP * 2, box.y, box.w - text_w - GAP * 2, box.h)
        heights = _share(room.h, [None] * (len(segments) - 1))
        y = room.y
        for number, ((kind, block), height) in enumerate(zip(segments[1:], heights), 1):
            order += 1
            placed.append(_place_image(block, Box(room.x, y, room.w, height), limit, order,
                                       number in paused))
            y += height + GAP
        return areas, placed
    needed = []
    for kind, content in segments:
        if kind == "text":
            needed.append(text_height(content, box.w, size, font) + 4)
        elif isinstance(content, Table):
            needed.append(table_height(content, box.w, size * 0.8))
        elif isinstance(content, Callout):
            needed.append(callout_height(content, box.w, size))
        else:
            needed.append(None)
    y = box.y
    for number, ((kind, content), height) in enumerate(zip(segments, _share(box.h, needed))):
        slot = Box(box.x, y, box.w, height)
        pause = number in paused
        if kind == "text" and len(content) == 1 and content[0].kind == "math":
            areas.append(TextArea(name, _formula_slot(slot, content[0], size), content, size,
                                  limit, order, font))
        elif kind == "text":
            areas.append(TextArea(name, slot, content, size, limit, order, font))
        elif isinstance(content, Table):
            placed.append(Visual(content, slot, size=size * 0.8, limit=limit, order=order,
                                 pause=pause))
        elif isinstance(content, Callout):
            placed.append(Visual(content, slot, size=size, limit=limit, order=order,
                                 pause=pause))
        else:
            placed.append(_place_image(content, slot, limit, order, pause))
        order += 1
        y += height + GAP
    return areas, placed


def _formula_slot(slot: Box, para: TextPara, size: float) -> Box:
    """A display formula's box: as wide as the formula, centred (LibreOffice stretches an
    equation to its box)."""
    width = sum(formula_size(run.math, size * para.scale)[0] for run in para.runs
                if run.math is not None)
    w = min(slot.w, width * 1.1 + 12)
    return Box(slot.x + (slot.w - w) / 2, slot.y, w, slot.h)


def _share(height: float, needed: List[Optional[float]]) -> List[float]:
    """Heights top to bottom: a number is what that part needs, None a picture's share."""
    pictures = sum(1 for n in needed if n is None)
    free = height - sum(n for n in needed if n is not None) - GAP * max(len(needed) - 1, 0)
    each = max(free / pictures, MIN_PICTURE) if pictures else 0.0
    return [each if n is None else n for n in needed]


def _place_image(image: Image, slot: Box, limit: float, order: int = 0,
                 pause: bool = False) -> Visual:
    caption = None
    room = slot
    if image.caption_text:
        room = Box(slot.x, slot.y, slot.w, max(slot.h - CAPTION_HEIGHT, 20))
    width, height = image.width_px or 4, image.height_px or 3
    # `{width="40%"}`: at most that share of the width it could take.
    scale = min(room.w * (image.width or 1.0) / width, room.h / height)
    w, h = width * scale, height * scale
    box = Box(room.x + (room.w - w) / 2, room.y + (room.h - h) / 2, w, h)
    if image.caption_text:
        caption = Box(slot.x, box.y + h + 2, slot.w, CAPTION_HEIGHT - 2)
    return Visual(image, box, caption, limit=limit, order=order, pause=pause)


def _comparison(slide: Slide, geometry: Geometry, size: float):
    """pandoc's Comparison: each column's text before its first picture or table on top,
    level across both columns, and the pictures, tables and the rest below."""
    layout = Layout.COMPARISON
    columns = list(slide.blocks[0].columns[:2]) + [()] * 2
    parts = [split_at_visual(_flatten_columns(c)) for c in columns[:2]]
    boxes = []
    for side in ("left", "right"):
        top, body = geometry.box(layout, f"{side}_heading"), geometry.box(layout, side)
        boxes.append(Box(top.x, top.y, top.w, body.y + body.h - top.y))
    tops = [tuple(paragraphs_for(top)) for top, _ in parts]
    fonts = [geometry.style(layout, side).font for side in ("left", "right")]
    top_h = max([text_height(paras, box.w, size, font) + 4
                 for paras, box, font in zip(tops, boxes, fonts) if paras] + [0.0])
    top_h = min(top_h, boxes[0].h * 0.5) if top_h else 0.0
    areas: List[TextArea] = []
    visuals: List[Visual] = []
    order = 0
    for side, box, paras, (_, rest), font in zip(("left", "right"), boxes, tops, parts, fonts):
        limit = box.y + box.h
        if paras:
            areas.append(TextArea(f"{side}_heading", Box(box.x, box.y, box.w, top_h), paras,
                                  size, limit, order, font))
        order += 1
        a, v = compose(side, box.below(top_h, GAP) if top_h else box, rest, size, order, font)
        areas += a
        visuals += v
        order += len(a) + len(v) + 1
    return areas, visuals


def shown_slide(slide: Slide) -> Slide:
    """`slide` with only what it shows (`model.on_slide`): no audience blocks, materials,
    prep or debriefs; an activity as its box."""
    blocks = on_slide(slide.blocks)
    return slide if blocks is slide.blocks else replace(slide, blocks=blocks)


def plan_slide(slide: Slide, geometry: Geometry) -> SlidePlan:
    """The boxes of every part of `slide`, at the sizes the fitting step chose."""
    geometry = geometry.for_slide(slide)
    slide = shown_slide(slide)
    sizes = geometry.sizes
    layout = slide.layout
    title_box = geometry.box(layout, "title") if layout is not Layout.BLANK else None
    title_size = slide.title_size or sizes.title_for(layout)
    body = slide.body_size or body_start(layout, sizes)
    areas: List[TextArea] = []
    visuals: List[Visual] = []

    def font(part: str) -> str:
        return geometry.style(layout, part).font

    if layout is Layout.COMPARISON and slide.blocks and isinstance(slide.blocks[0], Columns):
        areas, visuals = _comparison(slide, geometry, body)
    elif layout in (Layout.TWO_CONTENT, Layout.COMPARISON):
        columns = slide.blocks[0].columns if slide.blocks and isinstance(
            slide.blocks[0], Columns) else (slide.blocks, ())
        widths = slide.blocks[0].widths if slide.blocks and isinstance(
            slide.blocks[0], Columns) else ()
        boxes = _column_boxes(geometry, widths)
        order = 0
        for side, blocks in zip(("left", "right"), columns):
            a, v = compose(side, boxes[side], blocks, body, order,
                           geometry.style(Layout.TWO_CONTENT, side).font)
            areas += a
            visuals += v
            order += len(a) + len(v)
    elif layout is Layout.TITLE:
        areas = _title_slide_areas(slide, geometry, body)
    elif layout is Layout.QUOTE:
        box = geometry.box(layout, "body")
        areas.append(TextArea("quote", box, tuple(paragraphs_for(slide.blocks)), body,
                              font=font("body")))
    elif layout in (Layout.CONTENT, Layout.RESOURCES, Layout.SECTION):
        box = geometry.box(layout, "body")
        if slide.blocks and box is not None:
            areas, visuals = compose("body", box, slide.blocks, body, font=font("body"))
    elif layout in (Layout.BLANK, Layout.TITLE_ONLY) and slide.blocks:
        box = geometry.box(Layout.CONTENT, "body")
        areas, visuals = compose("body", box, slide.blocks, body,
                                 font=geometry.style(Layout.CONTENT, "body").font)
    title = geometry.style(layout, "title")
    return SlidePlan(title_box, title_size, tuple(areas), tuple(visuals), title.caps,
                     title.font, title.title_bold())


def _title_slide_areas(slide: Slide, geometry: Geometry, size: float) -> List[TextArea]:
    """The subtitle and the byline: together under the title, or the byline in a
    placeholder of its own when the template has one; the date in the layout's date
    placeholder when it has one (as pandoc sets it), else as the byline's last line."""
    sizes = geometry.sizes
    date_box = geometry.box(Layout.TITLE, "date") if slide.date else None
    paras = title_slide_paras(slide, sizes, with_date=date_box is None)
    box = geometry.box(Layout.TITLE, "subtitle")
    byline_box = geometry.box(Layout.TITLE, "byline")
    font = geometry.style(Layout.TITLE, "subtitle").font
    areas = []
    if byline_box is None:
        if paras and box is not None:
            areas.append(TextArea("subtitle", box, paras, size, font=font))
    else:
        subtitle = tuple(p for p in paras if p.kind != "byline")
        byline = tuple(p for p in paras if p.kind == "byline")
        if subtitle and box is not None:
            areas.append(TextArea("subtitle", box, subtitle, size, font=font))
        if byline:
            areas.append(TextArea("byline", byline_box, byline, size, order=1,
                                  font=geometry.style(Layout.TITLE, "byline").font))
    if date_box is not None:
        areas.append(TextArea("date", date_box, (TextPara(slide.date, "byline"),), sizes.byline,
                              order=2, font=geometry.style(Layout.TITLE, "date").font))
    return areas


def _column_boxes(geometry: Geometry, widths: Sequence[float]) -> dict:
    """The two columns' boxes: the layout's, or shared as `{width="30%"}` asks (same gap)."""
    left, right = (geometry.box(Layout.TWO_CONTENT, side) for side in ("left", "right"))
    if len(widths) < 2 or not all(w > 0 for w in widths[:2]) or left is None or right is None:
        return {"left": left, "right": right}
    gap = right.x - (left.x + left.w)
    room = left.w + right.w
    first = room * widths[0] / (widths[0] + widths[1])
    return {"left": Box(left.x, left.y, first, left.h),
            "right": Box(left.x + first + gap, right.y, room - first, right.h)}


def body_start(layout: Layout, sizes) -> float:
    """The size a slide's body text starts at before fitting."""
    if layout is Layout.QUOTE:
        return sizes.quote
    if layout is Layout.TITLE:
        return sizes.subtitle
    return sizes.body


def title_slide_paras(slide: Slide, sizes, with_date: bool = True) -> Tuple[TextPara, ...]:
    """The title slide's subtitle and byline (authors, organization, and the date when the
    layout has no place of its own for it), smaller."""
    paras = [TextPara(slide.subtitle)] if slide.subtitle else []
    lines = slide.byline + ((slide.date,) if with_date and slide.date else ())
    paras += [TextPara(line, "byline", scale=sizes.byline / sizes.subtitle)
              for line in lines]
    return tuple(paras)


def title_fits(title: Text, box: Box, size: float, caps: bool = False,
               font: str = "Helvetica", bold_title: bool = True,
               whole_words: bool = False) -> bool:
    """Whether the title's lines fit the box's height (and, with `whole_words`, no word is
    cut between letters)."""
    runs = title_text(title, bold_title)
    if whole_words and breaks_words(runs, box.w, size, font=font, caps=caps):
        return False
    return len(wrap(runs, box.w, size, font=font, caps=caps)) * size * LINE <= box.h + 0.5


def describe_overflow(slide: Slide) -> str:
    return plain(slide.title) or "(untitled slide)"


def is_text_block(block) -> bool:
    return not _is_visual(block) and not isinstance(block, Heading)
