"""An organization's PowerPoint template, read once: its layouts, boxes and colours.

With `theme.template`, slides are laid out in the template's own placeholders,
so fitting, the deck and the handout's miniatures must all use the template's
boxes and slide size. This module reads the template with python-pptx (cached
per file and modification time) and answers, for each of our layouts, which
template layout holds it, which placeholder holds which part, and where.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..design.box import Box, logo_box
from ..design.template import Placeholder, template_at
from ..model import Layout

# What each of our layouts asks the template for: the layout's usual name, the
# `type` PowerPoint gives it (templates in other languages rename layouts but keep
# the type), and what to use instead when the template lacks it, in order.
LAYOUT_NAMES: Dict[Layout, str] = {
    Layout.TITLE: "Title Slide",
    Layout.SECTION: "Section Header",
    Layout.CONTENT: "Title and Content",
    Layout.RESOURCES: "Title and Content",
    Layout.QUOTE: "Title and Content",
    Layout.TWO_CONTENT: "Two Content",
    Layout.COMPARISON: "Comparison",
    Layout.TITLE_ONLY: "Title Only",
    Layout.BLANK: "Blank",
}
LAYOUT_TYPES = {
    "Title Slide": "title", "Section Header": "secHead", "Title and Content": "obj",
    "Two Content": "twoObj", "Comparison": "twoTxTwoObj", "Title Only": "titleOnly",
    "Blank": "blank",
}
FALLBACKS = {
    "Title Slide": ("Section Header", "Title Only", "Title and Content", "Blank"),
    "Section Header": ("Title Only", "Title and Content", "Title Slide", "Blank"),
    "Title and Content": ("Two Content", "Title Only", "Blank"),
    "Two Content": ("Comparison", "Title and Content", "Title Only", "Blank"),
    "Comparison": ("Two Content", "Title and Content", "Title Only", "Blank"),
    "Title Only": ("Title and Content", "Blank"),
    "Blank": ("Title Only", "Title and Content"),
}



@functools.lru_cache(maxsize=None)
def _kinds() -> Dict[str, frozenset]:
    """Placeholder types (python-pptx's PP_PLACEHOLDER) by the part they can hold.

    (Imported when a template is read: python-pptx is not needed to lay out our design.)
    """
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    return {"title": frozenset({P.TITLE, P.CENTER_TITLE}), "subtitle": frozenset({P.SUBTITLE}),
            "body": frozenset({P.BODY, P.OBJECT}), "number": frozenset({P.SLIDE_NUMBER}),
            "date": frozenset({P.DATE})}

COMPARISON_HEADING = 44.0


@dataclass(frozen=True)
class ChosenLayout:
    """The template layout one of our layouts is drawn on."""

    name: str  # the template's name for it
    master: int  # which slide master (index) ...
    index: int  # ... and which of its layouts
    placeholders: Dict[str, int]  # part (title, body, left, ...) -> placeholder idx
    wanted: str  # the layout asked for
    fell_back: bool = False  # the template has no such layout; `name` stands in for it


@dataclass(frozen=True)
class TemplateInfo:
    path: str
    width: float  # points
    height: float
    layouts: Dict[str, ChosenLayout]  # Layout.value -> the template layout used
    boxes: Dict[str, Dict[str, Box]]  # Layout.value -> part -> box, for `Geometry`
    accent: Optional[str] = None  # the theme's accent 1, hex without '#'
    fonts: Tuple[str, str] = ("", "")  # the theme's heading and body typefaces
    slide_count: int = 0  # slides the template itself holds (removed when building)
    missing: Tuple[str, ...] = field(default=())  # layouts asked for but not found


def read_template(path: str) -> TemplateInfo:
    """The template at `path`; DeckError (naming the file) when it cannot be used."""
    return _chosen(template_at(path))


@functools.lru_cache(maxsize=16)
def _chosen(template) -> TemplateInfo:
    width, height = template.width, template.height
    chosen: Dict[str, ChosenLayout] = {}
    boxes: Dict[str, Dict[str, Box]] = {}
    missing: List[str] = []
    # Title and Content first: the other layouts borrow its title and body boxes when
    # the layout they fall back to lacks them.
    order = [Layout.CONTENT] + [k for k in Layout if k is not Layout.CONTENT]
    base: Dict[str, Box] = {}
    for kind in order:
        wanted = LAYOUT_NAMES[kind]
        layout, fell_back = _pick(template.layouts, wanted)
        if fell_back and wanted not in missing:
            missing.append(wanted)
        roles, parts = _parts(kind, layout.placeholders, width, height, base)
        if kind is Layout.CONTENT:
            base = parts
        chosen[kind.value] = ChosenLayout(layout.name, layout.master, layout.index, roles,
                                          wanted, fell_back)
        boxes[kind.value] = parts
    return TemplateInfo(template.path, width, height, chosen, boxes, template.accent,
                        template.fonts, template.slide_count, tuple(missing))


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _pick(layouts, wanted: str):
    """The template layout for `wanted`: by name, by type, then its fallbacks in order.

    Returns (layout, whether it is a fallback).
    """
    for candidate in (wanted,) + FALLBACKS[wanted]:
        for layout in layouts:
            if _normal(layout.name) == _normal(candidate):
                return layout, candidate != wanted
        for layout in layouts:
            if layout.type and layout.type == LAYOUT_TYPES[candidate]:
                return layout, candidate != wanted
    return layouts[0], True


def _parts(kind: Layout, placeholders, width: float, height: float, base: Dict[str, Box]):
    """Which placeholder holds which part of a slide, and every part's box.

    A part the chosen layout has no placeholder for still gets a box (borrowed
    from Title and Content, or proportional to the slide), and the renderer puts
    a text box there.
    """
    margin = width * 0.05
    kinds = _kinds()
    title_ph = _first(placeholders, kinds["title"])
    subtitle_ph = _first(placeholders, kinds["subtitle"])
    number_ph = _first(placeholders, kinds["number"])
    bodies = sorted((p for p in placeholders if p.kind in kinds["body"]),
                    key=lambda p: -(p.box.w * p.box.h))
    default_title = base.get("title") or Box(margin, height * 0.05, width - 2 * margin,
                                              height * 0.17)
    default_body = base.get("body") or Box(margin, height * 0.25, width - 2 * margin,
                                            height * 0.63)
    roles: Dict[str, int] = {}
    parts: Dict[str, Box] = {}

    def put(role: str, ph: Optional[Placeholder], fallback: Optional[Box]) -> None:
        if ph is not None:
            roles[role] = ph.idx
            parts[role] = ph.box
        elif fallback is not None:
            parts[role] = fallback

    if kind is not Layout.BLANK:
        put("title", title_ph, default_title)
    if kind is Layout.TITLE:
        subtitle = subtitle_ph or (bodies[0] if bodies else None)
        title_box = parts["title"]
        below = Box(title_box.x, title_box.y + title_box.h + 12, title_box.w,
                    max(height - (title_box.y + title_box.h + 12) - height * 0.08, 40))
        put("subtitle", subtitle, below)
        date = _first(placeholders, kinds["date"])
        if date is not None:  # without one the date is the byline's last line
            parts["date"] = date.box
    elif kind is Layout.SECTION:
        put("body", bodies[0] if bodies else None, _below(parts["title"], height))
    elif kind in (Layout.CONTENT, Layout.RESOURCES, Layout.QUOTE):
        put("body", bodies[0] if bodies else None, default_body)
        if kind is Layout.QUOTE:
            body = parts["body"]
            inset = 72.0 if body.w > 400 else 0.0
            parts["body"] = Box(body.x + inset, body.y + 10, body.w - 2 * inset,
                                max(body.h - 70, 40))
            parts["attribution"] = Box(body.x + inset, body.y + body.h - 56, body.w - 2 * inset, 50)
    elif kind is Layout.TWO_CONTENT:
        _columns(bodies, default_body, put)
    elif kind is Layout.COMPARISON:
        _comparison(bodies, default_body, width, put, parts)
    if kind is Layout.TITLE_ONLY and "title" not in roles:
        parts["title"] = default_title
    if kind is not Layout.TITLE:
        put("number", number_ph, Box(width - margin - 72, height - 34, 72, 24))
    if kind is Layout.TITLE:
        parts["logo"] = logo_box(width, height, [parts["title"], parts["subtitle"]])
    return roles, parts


def _below(box: Box, height: float) -> Box:
    top = box.y + box.h + 8
    return Box(box.x, top, box.w, max(height - top - height * 0.08, 40))


def _first(placeholders, kinds) -> Optional[Placeholder]:
    for ph in placeholders:
        if ph.kind in kinds:
            return ph
    return None


def _columns(bodies, default_body: Box, put) -> None:
    if len(bodies) >= 2:
        left, right = sorted(bodies[:2], key=lambda p: p.box.x)
        put("left", left, None)
        put("right", right, None)
    elif bodies:
        left, right = bodies[0].box.split_columns()
        put("left", Placeholder(bodies[0].idx, bodies[0].kind, left), None)
        put("right", None, right)
    else:
        left, right = default_body.split_columns()
        put("left", None, left)
        put("right", None, right)


def _comparison(bodies, default_body: Box, width: float, put, parts) -> None:
    """Two columns, each a heading over its content."""
    if len(bodies) >= 4:
        middle = width / 2
        left = sorted((p for p in bodies if p.box.x + p.box.w / 2 < middle), key=lambda p: p.box.y)
        right = sorted((p for p in bodies if p.box.x + p.box.w / 2 >= middle),
                       key=lambda p: p.box.y)
        if len(left) >= 2 and len(right) >= 2:
            put("left_heading", left[0], None)
            put("left", left[-1], None)
            put("right_heading", right[0], None)
            put("right", right[-1], None)
            return
    _columns(bodies, default_body, put)
    for side in ("left", "right"):
        column = parts[side]
        parts[f"{side}_heading"] = Box(column.x, column.y, column.w, COMPARISON_HEADING)
        parts[side] = column.below(COMPARISON_HEADING, 6)


def display_path(path: str) -> str:
    """A path as a trainer would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def warn_fallbacks(deck, geometry, findings) -> None:
    """A warning for each layout the deck needs and the template lacks, naming both."""
    info = geometry.template
    if info is None:
        return
    counts: Dict[Tuple[str, str], int] = {}
    for slide in deck.slides:
        chosen = info.layouts[slide.layout.value]
        if chosen.fell_back:
            key = (chosen.wanted, chosen.name)
            counts[key] = counts.get(key, 0) + 1
    for (wanted, name), count in counts.items():
        slides = "1 slide uses" if count == 1 else f"{count} slides use"
        findings.warn(f"the template has no layout '{wanted}'; {slides} its '{name}' layout"
                      " instead", display_path(info.path), rule="template-layout")
