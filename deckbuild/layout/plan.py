"""Where each part of one slide goes: text boxes, pictures, tables, captions.

`plan_slide` is the single answer both renderers use, so the handout's
miniature puts every picture and paragraph where the deck does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from ..model import Columns, Heading, Image, Layout, Slide, Table, Text, plain
from .geometry import Box, Geometry
from .measure import LINE, TextPara, paragraphs_for, text_height, title_lines, wrap

CAPTION_HEIGHT = 24.0
CAPS_TITLES = (Layout.SECTION,)  # the template's section layout sets its title in capitals
GAP = 14.0
CELL_MARGIN = 5.0  # left and right inside a table cell
CELL_PADDING = 10.0  # a cell's height beyond its lines: margins of 3 pt and room to spare


@dataclass(frozen=True)
class TextArea:
    name: str  # the placeholder it fills: body | left | right | quote
    box: Box
    paras: Tuple[TextPara, ...]
    size: float

    @property
    def height(self) -> float:
        return text_height(self.paras, self.box.w, self.size)

    @property
    def fits(self) -> bool:
        return self.height <= self.box.h + 0.5


@dataclass(frozen=True)
class Visual:
    block: object  # Image | Table
    box: Box  # for an image: the picture itself, aspect kept
    caption: Optional[Box] = None
    size: float = 18.0  # table text size
    limit: float = 540.0  # the bottom of the area it was placed in

    @property
    def fits(self) -> bool:
        bottom = (self.caption or self.box)
        return self.box.h >= 24 and bottom.y + bottom.h <= self.limit + 0.5


@dataclass(frozen=True)
class SlidePlan:
    title_box: Optional[Box]
    title_size: float
    areas: Tuple[TextArea, ...]
    visuals: Tuple[Visual, ...]
    headings: Tuple[Tuple[Box, Text], ...] = ()  # comparison column headings
    heading_size: float = 0.0  # the column headings' size (bold, one line each)
    title_caps: bool = False  # the layout draws the title in capitals

    @property
    def fits(self) -> bool:
        return (all(a.fits for a in self.areas) and all(v.fits for v in self.visuals)
                and all(title_fits(text, box, self.heading_size) for box, text in self.headings))


def table_row_height(row: Sequence[Text], column_width: float, size: float) -> float:
    width = max(column_width - 2 * CELL_MARGIN, 10)
    lines = max([len(wrap(cell or (), width, size)) for cell in row] + [1])
    return lines * size * LINE + CELL_PADDING


def table_height(table: Table, width: float, size: float) -> float:
    columns = max([len(table.header)] + [len(r) for r in table.rows] + [1])
    column_width = width / columns
    rows = ([table.header] if table.header else []) + list(table.rows)
    height = sum(table_row_height(r, column_width, size) for r in rows)
    if table.caption:
        height += CAPTION_HEIGHT
    return height


def _is_visual(block) -> bool:
    return isinstance(block, (Image, Table))


def _flatten_columns(blocks) -> list:
    flat = []
    for block in blocks:
        if isinstance(block, Columns):
            for column in block.columns:
                flat.extend(column)
        else:
            flat.append(block)
    return flat


def compose(name: str, box: Box, blocks: Sequence, size: float) -> Tuple[List[TextArea],
                                                                        List[Visual]]:
    """Text and visuals of one area: text first, pictures beside it, tables below it."""
    blocks = _flatten_columns(blocks)
    text_blocks = [b for b in blocks if not _is_visual(b)]
    visuals = [b for b in blocks if _is_visual(b)]
    paras = tuple(paragraphs_for(text_blocks))
    if not visuals:
        return [TextArea(name, box, paras, size)] if paras else [], []
    areas: List[TextArea] = []
    placed: List[Visual] = []
    tables = [v for v in visuals if isinstance(v, Table)]
    images = [v for v in visuals if isinstance(v, Image)]
    room = box
    if paras and images and not tables and box.w > 500:
        text_w = box.w * 0.55
        areas.append(TextArea(name, Box(box.x, box.y, text_w, box.h), paras, size))
        room = Box(box.x + text_w + GAP * 2, box.y, box.w - text_w - GAP * 2, box.h)
    elif paras:
        needed = text_height(paras, box.w, size) + 4
        share = max(min(needed, box.h * 0.6), size * LINE)
        areas.append(TextArea(name, Box(box.x, box.y, box.w, share), paras, size))
        room = box.below(share, GAP)
    slots = _stack(room, [table_height(t, room.w, size * 0.8) for t in tables], len(images))
    limit = box.y + box.h
    for block, slot in zip(tables + images, slots):
        if isinstance(block, Table):
            placed.append(Visual(block, slot, size=size * 0.8, limit=limit))
        else:
            placed.append(_place_image(block, slot, limit))
    return areas, placed


def _stack(room: Box, table_heights: List[float], image_count: int) -> List[Box]:
    """Divide `room` top to bottom: tables get what they need, pictures share the rest."""
    boxes = []
    y = room.y
    gaps = GAP * max(len(table_heights) + image_count - 1, 0)
    free = room.h - sum(table_heights) - gaps
    each_image = max(free / image_count, 40) if image_count else 0
    for height in table_heights:
        boxes.append(Box(room.x, y, room.w, height))
        y += height + GAP
    for _ in range(image_count):
        boxes.append(Box(room.x, y, room.w, each_image))
        y += each_image + GAP
    return boxes


def _place_image(image: Image, slot: Box, limit: float) -> Visual:
    caption = None
    room = slot
    if image.alt:
        room = Box(slot.x, slot.y, slot.w, max(slot.h - CAPTION_HEIGHT, 20))
    width, height = image.width_px or 4, image.height_px or 3
    scale = min(room.w / width, room.h / height)
    w, h = width * scale, height * scale
    box = Box(room.x + (room.w - w) / 2, room.y + (room.h - h) / 2, w, h)
    if image.alt:
        caption = Box(slot.x, box.y + h + 2, slot.w, CAPTION_HEIGHT - 2)
    return Visual(image, box, caption, limit=limit)


def plan_slide(slide: Slide, geometry: Geometry) -> SlidePlan:
    """The boxes of every part of `slide`, at the sizes the fitting step chose."""
    sizes = geometry.sizes
    layout = slide.layout
    title_box = geometry.box(layout, "title") if layout is not Layout.BLANK else None
    title_size = slide.title_size or sizes.title_for(layout)
    body = slide.body_size or body_start(layout, sizes)
    areas: List[TextArea] = []
    visuals: List[Visual] = []
    headings = []
    if layout in (Layout.TWO_CONTENT, Layout.COMPARISON):
        columns = slide.blocks[0].columns if slide.blocks and isinstance(
            slide.blocks[0], Columns) else (slide.blocks, ())
        for side, blocks in zip(("left", "right"), columns):
            a, v = compose(side, geometry.box(layout, side), blocks, body)
            areas += a
            visuals += v
        if layout is Layout.COMPARISON:
            for side, text in zip(("left_heading", "right_heading"), slide.column_headings):
                headings.append((geometry.box(layout, side), text))
    elif layout is Layout.TITLE:
        paras = title_slide_paras(slide, sizes)
        box = geometry.box(layout, "subtitle")
        if paras and box is not None:
            areas.append(TextArea("subtitle", box, paras, body))
    elif layout is Layout.QUOTE:
        box = geometry.box(layout, "body")
        areas.append(TextArea("quote", box, tuple(paragraphs_for(slide.blocks)), body))
    elif layout in (Layout.CONTENT, Layout.RESOURCES, Layout.SECTION):
        box = geometry.box(layout, "body")
        if slide.blocks and box is not None:
            a, v = compose("body", box, slide.blocks, body)
            areas += a
            visuals += v
    elif layout in (Layout.BLANK, Layout.TITLE_ONLY) and slide.blocks:
        box = geometry.box(Layout.CONTENT, "body")
        a, v = compose("body", box, slide.blocks, body)
        areas += a
        visuals += v
    return SlidePlan(title_box, title_size, tuple(areas), tuple(visuals), tuple(headings), body,
                     layout in CAPS_TITLES)


def body_start(layout: Layout, sizes) -> float:
    """The size a slide's body text starts at before fitting."""
    if layout is Layout.QUOTE:
        return sizes.quote
    if layout is Layout.TITLE:
        return sizes.subtitle
    return sizes.body


def title_slide_paras(slide: Slide, sizes) -> Tuple[TextPara, ...]:
    """The title slide's subtitle and byline (authors, organization, date), smaller."""
    paras = [TextPara(slide.subtitle)] if slide.subtitle else []
    paras += [TextPara(line, "byline", scale=sizes.byline / sizes.subtitle)
              for line in slide.byline]
    return tuple(paras)


def title_fits(title: Text, box: Box, size: float, caps: bool = False) -> bool:
    return len(title_lines(title, box.w, size, caps=caps)) * size * LINE <= box.h + 0.5


def describe_overflow(slide: Slide) -> str:
    return plain(slide.title) or "(untitled slide)"


def is_text_block(block) -> bool:
    return not _is_visual(block) and not isinstance(block, Heading)
