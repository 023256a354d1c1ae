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
from .colour import contrast, luminance
from .template import Shape, TemplateLayout

__all__ = ["Ground", "LayoutLook", "Shape", "ground", "look_of", "template_looks",
           "picture_parts"]

PART = 12.0  # points: a picture under text is judged in parts about this big
LIGHTNESS_STEPS = 100  # parts this close in lightness count as one


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


@dataclass(frozen=True)
class Ground:
    """What text in a box is drawn on: one colour, or a picture's parts under the box
    (`picture`), darkest first. Text is as readable as on its worst part."""

    colours: Tuple[str, ...]
    picture: bool = False

    def worst(self, colour: str) -> str:
        """The part of the ground `colour` is least readable on."""
        return min(self.colours, key=lambda part: contrast(colour, part))

    def contrast(self, colour: str) -> float:
        return min(contrast(colour, part) for part in self.colours)


def ground(look: LayoutLook, box: Box, size: Tuple[float, float],
           below: Tuple[Tuple[Box, str], ...] = ()) -> Ground:
    """What text in `box` is drawn on: the topmost filled shape behind most of it
    (`below`: the slide's own fills, e.g. a title bar, on top), else the background,
    else white. A picture counts as its parts under the box (`picture_parts`): text on
    a photo's dark band and pale sea is judged on both."""
    for shape_box, fill in reversed(below):
        if _covers(shape_box, box):
            return Ground((fill,))
    for shape in reversed(look.shapes):
        if _covers(shape.box, box):
            if shape.kind == "picture" and shape.picture:
                parts = picture_parts(shape.picture, _within(box, shape.box), _cells(box))
                if parts:
                    return Ground(parts, True)
            elif shape.fill:
                return Ground((shape.fill,))
    if look.background_picture:
        parts = picture_parts(look.background_picture, _within(box, Box(0, 0, *size)),
                              _cells(box))
        if parts:
            return Ground(parts, True)
    return Ground((look.background or "FFFFFF",))


def _cells(box: Box) -> Tuple[int, int]:
    """How many parts across and down a picture is judged in under `box`: about one a
    letter of large text (PART points square)."""
    return max(1, min(64, round(box.w / PART))), max(1, min(32, round(box.h / PART)))


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


@functools.lru_cache(maxsize=256)
def picture_parts(data: bytes, part: Tuple[float, float, float, float],
                  cells: Tuple[int, int]) -> Tuple[str, ...]:
    """The colours of a picture's part (fractions left, top, right, bottom) cut into
    `cells` (across, down) and averaged in each: one a step of lightness, darkest first.
    () for a picture there is nothing to measure in (EMF, SVG, damaged)."""
    try:
        from PIL import Image
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            w, h = image.size
            left, top, right, bottom = part
            image = image.crop((int(left * w), int(top * h), max(int(right * w), 1),
                                max(int(bottom * h), 1)))
            data = image.resize(cells, Image.Resampling.BOX).tobytes()
            pixels = zip(data[0::3], data[1::3], data[2::3])
    except Exception:  # an EMF, SVG or damaged picture: nothing to measure
        return ()
    steps: Dict[int, str] = {}
    for r, g, b in pixels:
        colour = f"{r:02X}{g:02X}{b:02X}"
        steps.setdefault(round(luminance(colour) * LIGHTNESS_STEPS), colour)
    return tuple(steps[key] for key in sorted(steps))
