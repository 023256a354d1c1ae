"""An organization's template as our layouts see it: which placeholder holds each part, where.

With `theme.template`, slides are laid out in the template's own placeholders,
so fitting, the deck and the handout's miniatures use the template's boxes,
slide size and text settings. For each of our layouts this answers (once per
template file) which template layout holds it (`template_layouts`), which of
its placeholders holds which part, the box text is set in (the placeholder less
its own margins) and how the part sets its text (`TextStyle`).

Placeholders are named by their position in the layout, not their idx (a
template saved by LibreOffice numbers every one 0). A placeholder that grows
with its text (Google Slides makes them one line tall, with "resize shape to
fit text") gets the room it would grow into: down to the next shape below it,
or the slide's lower margin. A layout without a title placeholder still gets a
title placeholder on each slide (in the master's title box and style).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..design.box import Box, logo_box
from ..design.fonts import coverage
from ..design.template import Placeholder, Template, TemplateLayout, template_at
from ..model import Layout
from .style import LINE, QUOTE_MARK_CLEARANCE, Sizes, TextStyle
from .template_layouts import LAYOUT_NAMES, choose, column_groups, normal

COMPARISON_HEADING = 44.0
GROW_GAP = 6.0  # between a grown placeholder and the shape below it
LOWER_MARGIN = 0.05  # of the slide's height: where a grown placeholder stops at the latest
SIZES = Sizes()  # a grown placeholder holds a line (titles) or two at the smallest size
ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "left", "dist": "left"}
TEXT_TYPES = ("body", "obj", "subTitle")


@dataclass(frozen=True)
class ChosenLayout:
    """The template layout one of our layouts is drawn on."""

    name: str  # the template's name for it
    master: int  # which slide master (index) ...
    index: int  # ... and which of its layouts
    placeholders: Dict[str, int]  # part (title, body, left, ...) -> placeholder order
    wanted: str  # the layout asked for
    fell_back: bool = False  # the template has no such layout; `name` stands in for it
    new_title: bool = False  # the layout has no title placeholder: the slide gets one
    layout: Optional[TemplateLayout] = None  # the template's facts about it


@dataclass(frozen=True)
class TemplateInfo:
    path: str
    width: float  # points
    height: float
    layouts: Dict[str, ChosenLayout]  # Layout.value -> the template layout used
    boxes: Dict[str, Dict[str, Box]]  # Layout.value -> part -> box text is set in
    styles: Dict[str, Dict[str, TextStyle]] = field(default_factory=dict)
    accent: Optional[str] = None  # the theme's accent 1, hex without '#'
    fonts: Tuple[str, str] = ("", "")  # the theme's heading and body typefaces
    slide_count: int = 0  # slides the template itself holds (removed when building)
    missing: Tuple[str, ...] = field(default=())  # layouts asked for but not found
    template: Optional[Template] = None
    grown: Tuple[Tuple[str, str], ...] = ()  # (layout name, part) given the room they grow to

    def named(self, name: str, kind: Layout) -> Optional[Tuple[ChosenLayout, dict, dict]]:
        """The template layout called `name` set up for a slide of `kind`; None if none."""
        return _named(self.template, normal(name), kind)


def read_template(path: str) -> TemplateInfo:
    """The template at `path`; DeckError (naming the file) when it cannot be used."""
    return _chosen(template_at(path))


@functools.lru_cache(maxsize=16)
def _chosen(template: Template) -> TemplateInfo:
    chosen: Dict[str, ChosenLayout] = {}
    boxes: Dict[str, Dict[str, Box]] = {}
    styles: Dict[str, Dict[str, TextStyle]] = {}
    missing: List[str] = []
    grown: List[Tuple[str, str]] = []
    # Title and Content first: the other layouts borrow its title and body boxes when
    # the layout they fall back to lacks them; the title slide before the section
    # header, which prefers another layout when it has to fall back to a title layout.
    order = [Layout.CONTENT, Layout.TITLE] + [k for k in Layout
                                              if k not in (Layout.CONTENT, Layout.TITLE)]
    base: Dict[str, Box] = {}
    for kind in order:
        wanted = LAYOUT_NAMES[kind]
        avoid = [chosen[Layout.TITLE.value].layout] if kind is Layout.SECTION else []
        layout, fell_back = choose(template, wanted, avoid)
        if fell_back and wanted not in missing:
            missing.append(wanted)
        parts = _Parts(kind, layout, template, base)
        if kind is Layout.CONTENT:
            base = parts.boxes
        chosen[kind.value] = parts.chosen(wanted, fell_back)
        boxes[kind.value] = parts.boxes
        styles[kind.value] = parts.styles
        grown += [(layout.name, part) for part in parts.grown if (layout.name, part) not in grown]
    return TemplateInfo(template.path, template.width, template.height, chosen, boxes, styles,
                        template.accent, template.fonts, template.slide_count, tuple(missing),
                        template, tuple(grown))


@functools.lru_cache(maxsize=64)
def _named(template: Template, name: str, kind: Layout):
    for layout in template.layouts:
        if normal(layout.name) == name:
            base = _chosen(template).boxes[Layout.CONTENT.value]
            parts = _Parts(kind, layout, template, base, in_order=True)
            return parts.chosen(layout.name, False), parts.boxes, parts.styles
    return None


class _Parts:
    """Which placeholder holds each part of a slide of `kind` on `layout`, and where.

    A part the layout has no placeholder for still gets a box (the master's, one
    borrowed from Title and Content, or proportional to the slide); the renderer
    puts a text box there (a title placeholder for the title).
    """

    def __init__(self, kind: Layout, layout: TemplateLayout, template: Template,
                 base: Dict[str, Box], in_order: bool = False):
        self.kind, self.layout, self.template = kind, layout, template
        self.width, self.height = template.width, template.height
        self.master = template.masters[layout.master] if template.masters else None
        self.roles: Dict[str, int] = {}
        self.boxes: Dict[str, Box] = {}
        self.styles: Dict[str, TextStyle] = {}
        self.grown: List[str] = []
        self.new_title = False
        text = [p for p in layout.placeholders if p.cloned and not p.text.vertical]
        self.titles = [p for p in text if p.type in ("title", "ctrTitle")]
        # The largest text placeholders first; for a layout the slide names, the first in
        # reading order (top to bottom, left to right): its placeholders are filled in order.
        self.bodies = sorted((p for p in text if p.type in TEXT_TYPES),
                             key=(lambda p: (round(p.box.y), p.box.x)) if in_order else
                             (lambda p: -(p.box.w * p.box.h)))
        margin = self.width * 0.05
        self.default_title = base.get("title") or self._master_inner("title") or Box(
            margin, self.height * 0.05, self.width - 2 * margin, self.height * 0.17)
        self.default_body = base.get("body") or self._master_inner("body") or Box(
            margin, self.height * 0.25, self.width - 2 * margin, self.height * 0.63)
        self._place_all()

    def chosen(self, wanted: str, fell_back: bool) -> ChosenLayout:
        layout = self.layout
        return ChosenLayout(layout.name, layout.master, layout.index, dict(self.roles), wanted,
                            fell_back, self.new_title, layout)

    # -- placing parts

    def _place_all(self) -> None:
        kind = self.kind
        if kind is not Layout.BLANK:
            self._title()
        if kind is Layout.TITLE:
            self._title_slide()
        elif kind is Layout.SECTION:
            body = next((p for p in self.bodies if p.box.y >= self.boxes["title"].y), None)
            self.put("body", body, _below(self.boxes["title"], self.height))
        elif kind in (Layout.CONTENT, Layout.RESOURCES, Layout.QUOTE):
            self.put("body", self.bodies[0] if self.bodies else None, self.default_body)
            if kind is Layout.QUOTE:
                self._quote()
        elif kind is Layout.TWO_CONTENT:
            self._columns()
        elif kind is Layout.COMPARISON:
            self._comparison()
        if kind is not Layout.TITLE:
            number = self.layout.first("sldNum")
            self.boxes["number"] = number.box if number is not None else Box(
                self.width - self.width * 0.05 - 72, self.height - 34, 72, 24)
            if number is not None:
                self.styles["number"] = TextStyle(font=number.text.font or "Helvetica",
                                                  colour=number.text.colour,
                                                  autofit=number.text.autofit)
        else:
            self.boxes["logo"] = logo_box(self.width, self.height, [
                self.boxes.get("title"), self.boxes.get("subtitle"), self.boxes.get("byline")])

    def put(self, part: str, ph: Optional[Placeholder], fallback: Optional[Box],
            box: Optional[Box] = None) -> None:
        """`part` in placeholder `ph` (in `box`, else its own, grown if it grows), or in a
        text box at `fallback` when `ph` is None."""
        if ph is None:
            if fallback is not None:
                self.text_box(part, fallback)
            return
        self.roles[part] = ph.order
        self._set(part, box or self._grown(ph, part), ph.text, ph.fill)

    def text_box(self, part: str, box: Box) -> None:
        """A part without a placeholder: a text box of ours (no margins) in the theme's font."""
        self.boxes[part] = box
        self.styles[part] = TextStyle(font=self._theme_font(part))

    def _set(self, part: str, outer: Box, props, fill: Optional[str]) -> None:
        left, top, right, bottom = props.inset
        self.boxes[part] = Box(outer.x + left, outer.y + top, max(outer.w - left - right, 10),
                               max(outer.h - top - bottom, 10))
        self.styles[part] = TextStyle(font=props.font or self._theme_font(part),
                                      bold=bool(props.bold) if part == "title" else None,
                                      caps=props.caps, inset=props.inset, anchor=props.anchor,
                                      align=ALIGN.get(props.align or ""),
                                      autofit=props.autofit, colour=props.colour, fill=fill)

    def _theme_font(self, part: str) -> str:
        fonts = self.master.fonts if self.master is not None else self.template.fonts
        return (fonts[0] if part == "title" else fonts[1]) or "Helvetica"

    def _master_inner(self, part: str) -> Optional[Box]:
        """The master's title or body placeholder, less its margins."""
        ph = getattr(self.master, part, None) if self.master is not None else None
        if ph is None:
            return None
        left, top, right, bottom = ph.text.inset
        box = ph.box
        return Box(box.x + left, box.y + top, box.w - left - right, box.h - top - bottom)

    def _title(self) -> None:
        wanted = "ctrTitle" if self.kind is Layout.TITLE else "title"
        ph = next((p for p in self.titles if p.type == wanted), None) or \
            (self.titles[0] if self.titles else None)
        if ph is not None:
            self.put("title", ph, None)
            return
        # No title placeholder: the slide gets one, in the master's title box and style.
        self.new_title = True
        master = self.master.title if self.master is not None else None
        if master is not None:
            self._set("title", master.box, master.text, master.fill)
        else:
            self.text_box("title", self.default_title)

    def _title_slide(self) -> None:
        """Subtitle in the subtitle placeholder (else the first text placeholder below the
        title); the byline (authors, organization, date) in the text placeholders left."""
        title = self.boxes["title"]
        # Below the title, or beside it (a title slide with the title on the left).
        below = sorted((p for p in self.bodies if p.box.y + p.box.h / 2 > title.y),
                       key=lambda p: (round(p.box.y), p.box.x))
        subtitle = next((p for p in below if p.type == "subTitle"), None) or \
            (below[0] if below else None)
        rest = [p for p in below if p is not subtitle]
        top = title.y + title.h + 12
        self.put("subtitle", subtitle, Box(title.x, top, title.w,
                                           max(self.height - top - self.height * 0.08, 40)))
        if rest:
            left = min(p.box.x for p in rest)
            union = Box(left, rest[0].box.y, max(p.box.x + p.box.w for p in rest) - left,
                        max(p.box.y + p.box.h for p in rest) - rest[0].box.y)
            self.put("byline", rest[0], None, box=union)
        date = self.layout.first("dt")
        if date is not None:  # the date in it (as pandoc sets it); else the byline's last line
            self.boxes["date"] = date.box
            self.styles["date"] = TextStyle(font=date.text.font or self._theme_font("date"),
                                            colour=date.text.colour)

    def _quote(self) -> None:
        body = self.boxes["body"]
        inset = 72.0 if body.w > 400 else 0.0
        left = max(body.x + inset, QUOTE_MARK_CLEARANCE)  # room for the mark at its left
        width = max(body.x + body.w - inset - left, 40)
        self.boxes["body"] = Box(left, body.y + 10, width, max(body.h - 70, 40))
        self.boxes["attribution"] = Box(left, body.y + body.h - 56, width, 50)

    def _columns(self) -> None:
        bodies = self.bodies
        if len(bodies) >= 2:
            left, right = sorted(bodies[:2], key=lambda p: p.box.x)
            self.put("left", left, None)
            self.put("right", right, None)
        elif bodies:
            # One body placeholder: the left column in its left half, a text box beside it.
            left, right = self._grown(bodies[0], "body").split_columns()
            self.put("left", bodies[0], None, box=left)
            inset = bodies[0].text.inset
            self.text_box("right", Box(right.x + inset[0], right.y + inset[1],
                                       max(right.w - inset[0] - inset[2], 10),
                                       max(right.h - inset[1] - inset[3], 10)))
        else:
            left, right = self.default_body.split_columns()
            self.text_box("left", left)
            self.text_box("right", right)

    def _comparison(self) -> None:
        """Two columns, each a heading over its content."""
        columns = column_groups(self.bodies)
        if len(columns) == 2 and all(len(c) >= 2 for c in columns):
            for side, column in zip(("left", "right"), columns):
                column = sorted(column, key=lambda p: p.box.y)
                self.put(f"{side}_heading", column[0], None)
                self.put(side, column[-1], None)
            return
        self._columns()
        for side in ("left", "right"):
            column = self.boxes[side]
            self.boxes[f"{side}_heading"] = Box(column.x, column.y, column.w, COMPARISON_HEADING)
            self.styles[f"{side}_heading"] = self.styles[side]
            self.boxes[side] = column.below(COMPARISON_HEADING, 6)

    # -- placeholders that grow with their text

    def _grown(self, ph: Placeholder, part: str) -> Box:
        """The placeholder's box, or the room it grows into when it grows with its text."""
        box = ph.box
        top, bottom = ph.text.inset[1], ph.text.inset[3]
        floor = SIZES.title_floor if part == "title" else SIZES.body_floor
        lines = 1 if part == "title" else 2
        if ph.text.autofit != "shape" and box.h - top - bottom >= lines * floor * LINE:
            return box
        limit = self.height * (1 - LOWER_MARGIN)
        for other in self._obstacles(ph):
            if other.y >= box.y + box.h - 0.5 and other.x < box.x + box.w and \
                    box.x < other.x + other.w:
                limit = min(limit, other.y - GROW_GAP)
        if limit <= box.y + box.h:
            return box
        self.grown.append(part)
        return Box(box.x, box.y, box.w, limit - box.y)

    def _obstacles(self, ph: Placeholder) -> List[Box]:
        """What a growing placeholder stops at: the layout's other placeholders and the
        design's shapes (not those behind the whole slide)."""
        boxes = [p.box for p in self.layout.placeholders if p is not ph]
        whole = self.width * self.height
        boxes += [s.box for s in self.layout.shapes if s.box.w * s.box.h < whole * 0.5]
        return boxes


def _below(box: Box, height: float) -> Box:
    top = box.y + box.h + 8
    return Box(box.x, top, box.w, max(height - top - height * 0.08, 40))


def display_path(path: str) -> str:
    """A path as a trainer would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def warn_fallbacks(deck, geometry, findings) -> None:
    """Warnings about what the template lacks for this deck: a layout it needs (naming
    both), and a font deckbuild cannot measure (once per font)."""
    info = geometry.template
    if info is None:
        return
    counts: Dict[Tuple[str, str], int] = {}
    fonts: List[str] = []
    for slide in deck.slides:
        chosen = info.layouts[slide.layout.value]
        if chosen.fell_back:
            key = (chosen.wanted, chosen.name)
            counts[key] = counts.get(key, 0) + 1
        for style in geometry.for_slide(slide).styles.get(slide.layout.value, {}).values():
            if style.font not in fonts:
                fonts.append(style.font)
    where = display_path(info.path)
    for (wanted, name), count in counts.items():
        slides = "1 slide uses" if count == 1 else f"{count} slides use"
        findings.warn(f"the template has no layout '{wanted}'; {slides} its '{name}' layout"
                      " instead", where, rule="template-layout")
    for family in fonts:
        known = coverage(family)
        if not known.exact:
            findings.warn(f"the template's font '{family}' is not on this computer and deckbuild"
                          f" has no metrics for it; text is measured as if set in"
                          f" {known.measured_as}, which is wider, so it fits but may be set"
                          " smaller than it could be. Install the font to measure it exactly",
                          where, rule="template-font")
