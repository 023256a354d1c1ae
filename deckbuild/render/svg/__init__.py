"""Slides as SVG, drawn from the same layout plan as the deck and the handout's miniatures.

`SvgSlides(deck).slide(slide, number)` gives one slide as an SVG document. The
slide is painted by the shared slide drawer (render/slide) onto `canvas.SvgCanvas`, so every
box, line break, size, colour, picture and table is the one the plan and the
measurement gave the deck (see render/slide/drawer.py).

Fonts are the files the text was measured with (design/fonts): by default
embedded as data: URLs so an SVG stands alone; the preview passes `font_url`
to serve them instead. Pictures likewise (`picture_url`).
"""
from __future__ import annotations

import base64
from typing import Callable, Dict, List, Optional

from ...model import Deck, Slide, plain
from ..fonts import FontSet
from ..slide.drawer import SlideDrawer
from .canvas import SvgCanvas, data_url


def font_data_url(path: str) -> str:
    with open(path, "rb") as file:
        return "data:font/ttf;base64," + base64.b64encode(file.read()).decode("ascii")


class SvgSlides:
    """Draws the slides of one deck as SVG documents."""

    def __init__(self, deck: Deck, font_url: Optional[Callable[[str], str]] = font_data_url,
                 picture_url: Optional[Callable[[bytes], str]] = None):
        self.deck = deck
        self.font_url, self.picture_url = font_url, picture_url or data_url
        self.drawer = SlideDrawer(deck, FontSet(deck.theme.font_files))
        self.fonts: Dict[str, str] = {}  # CSS family -> file, of every slide drawn so far

    @property
    def size(self):
        return self.drawer.width, self.drawer.height

    def slide(self, slide: Slide, number: int) -> str:
        """Slide `number` (from 1) as an SVG document."""
        width, height = self.size
        canvas = SvgCanvas(width, height, prefix=f"s{number}", picture_url=self.picture_url)
        self.drawer.draw(canvas, slide, number, 0, 0, width, links=True)
        self.fonts.update(canvas.fonts)
        return canvas.svg(self.font_url, title=_title(slide, number))

    def all(self) -> List[str]:
        return [self.slide(slide, number) for number, slide in enumerate(self.deck.slides, 1)]


def _title(slide: Slide, number: int) -> str:
    title = plain(slide.title) if slide.title else ""
    return f"Slide {number}" + (f": {title}" if title else "")
