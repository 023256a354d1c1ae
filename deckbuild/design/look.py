"""What a template layout makes a slide look like: its background, its design, its colours.

The facts come from `design.template` (read once per file); this is the view
the handout's miniatures draw and `design.ink` measures contrast on: the
background colour or picture, the shapes and pictures of the design behind the
text, and the scheme colours text, bullets and links start from.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from .box import Box
from .template import Shape, TemplateLayout

__all__ = ["LayoutLook", "Shape", "ground", "look_of", "template_looks", "picture_colour"]


@dataclass(frozen=True)
class LayoutLook:
    background: Optional[str] = None
    background_picture: Optional[bytes] = None
    shapes: Tuple[Shape, ...] = ()
    accent: Optional[str] = None  # the template's accent 1: bullets
    link: Optional[str] = None  # the template's hyperlink colour
    text: Optional[str] = None  # body text
    colours: Tuple[Tuple[str, str], ...] = ()  # every scheme colour, as the layout maps them

    def colour(self, name: str) -> Optional[str]:
        return dict(self.colours).get(name)


def look_of(layout: TemplateLayout) -> LayoutLook:
    return LayoutLook(layout.background, layout.background_picture, layout.shapes,
                      layout.colour("accent1"), layout.colour("hlink"), layout.body_colour,
                      layout.colours)


def template_looks(info) -> Dict[str, LayoutLook]:
    """Layout.value -> its look, for the template `info` (a TemplateInfo)."""
    return {kind: look_of(chosen.layout) for kind, chosen in info.layouts.items()
            if chosen.layout is not None}


def ground(look: LayoutLook, box: Box, size: Tuple[float, float],
           below: Tuple[Tuple[Box, str], ...] = ()) -> str:
    """The colour text in `box` is drawn on: the topmost filled shape behind most of it
    (`below`: the slide's own fills, e.g. a title bar, on top), else the background
    (a picture counts as its average colour there), else white."""
    for shape_box, fill in reversed(below):
        if _covers(shape_box, box):
            return fill
    for shape in reversed(look.shapes):
        if _covers(shape.box, box):
            if shape.kind == "picture" and shape.picture:
                colour = picture_colour(shape.picture, _within(box, shape.box))
                if colour:
                    return colour
            elif shape.fill:
                return shape.fill
    if look.background_picture:
        colour = picture_colour(look.background_picture, _within(box, Box(0, 0, *size)))
        if colour:
            return colour
    return look.background or "FFFFFF"


def _covers(outer: Box, inner: Box) -> bool:
    """Whether `outer` is behind most of `inner` (its centre, and half its area or more)."""
    x = max(0.0, min(outer.x + outer.w, inner.x + inner.w) - max(outer.x, inner.x))
    y = max(0.0, min(outer.y + outer.h, inner.y + inner.h) - max(outer.y, inner.y))
    return x * y >= 0.5 * inner.w * inner.h > 0


def _within(box: Box, frame: Box) -> Tuple[float, float, float, float]:
    """`box` as fractions (left, top, right, bottom) of `frame`."""
    return (max(0.0, (box.x - frame.x) / frame.w), max(0.0, (box.y - frame.y) / frame.h),
            min(1.0, (box.x + box.w - frame.x) / frame.w),
            min(1.0, (box.y + box.h - frame.y) / frame.h))


@functools.lru_cache(maxsize=64)
def picture_colour(data: bytes, part: Optional[Tuple[float, float, float, float]]) -> \
        Optional[str]:
    """The average colour of a picture (or of the part of it given as fractions)."""
    try:
        from PIL import Image
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            if part is not None:
                w, h = image.size
                left, top, right, bottom = part
                image = image.crop((int(left * w), int(top * h), max(int(right * w), 1),
                                    max(int(bottom * h), 1)))
            r, g, b = image.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    except Exception:  # an EMF, SVG or damaged picture: nothing to measure
        return None
    return f"{r:02X}{g:02X}{b:02X}"
