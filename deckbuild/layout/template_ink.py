"""The colours deckbuild adds on one slide made with a template (see `design.ink`).

Both renderers and `check` ask here, so the deck, the handout and the contrast
rule agree on every bullet, link and quote mark.
"""
from __future__ import annotations

from typing import Optional

from ..design.box import Box
from ..design.colour import text_minimum
from ..design.ink import Ink, ink_for
from ..design.look import LayoutLook, look_of
from ..model import Slide
from .geometry import Geometry


def slide_look(geometry: Geometry, slide: Slide) -> Optional[LayoutLook]:
    """The template layout's look for `slide`; None without a template."""
    if geometry.template is None:
        return None
    geometry = geometry.for_slide(slide)
    chosen = geometry.chosen or geometry.template.layouts[slide.layout.value]
    return look_of(chosen.layout) if chosen.layout is not None else None


def part_ink(geometry: Geometry, slide: Slide, part: str, box: Box,
             size: Optional[float] = None, bold: bool = False) -> Optional[Ink]:
    """The colours for text of `part` set in `box` on `slide` (at `size` points: large
    text needs less contrast); None without a template."""
    look = slide_look(geometry, slide)
    if look is None or box is None:
        return None
    geometry = geometry.for_slide(slide)
    style = geometry.style(slide.layout, part)
    fills = [(style.outer(box), style.fill)] if style.fill else []
    return ink_for(look, box, (geometry.width, geometry.height), style.colour, fills,
                   text_minimum(size, bold))
