"""How a part of a slide sets its text, as far as measuring, writing and drawing need it.

Our design sets every part itself (margins zero, titles bold, section titles in
capitals). A template's placeholders keep their own margins, anchoring,
alignment, weight, capitals, autofit and font: `TextStyle` carries them from
`template_geometry` to fitting, the deck and the handout.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from ..design.box import Box
from ..model import Layout

LINE = 1.2  # line height as a multiple of the font size, written into the deck exactly
QUOTE_MARK_SIZE = 120.0  # points: the decorative opening mark of quote slides
QUOTE_MARK_CLEARANCE = 72.0  # its box's left edge, left of the quote's (glyph ~0.5 em + inset)


def quote_mark_box(quote: Box) -> Box:
    """The quotation mark's box, up and left of the quote's: its glyph ends left of the
    quote's box, clear of a first line as wide as the box (deck and miniature)."""
    return Box(max(quote.x - QUOTE_MARK_CLEARANCE, 0.0), quote.y - 30.0, 100.0,
               QUOTE_MARK_SIZE * LINE)


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points: the size a slide starts at and the floor fitting stops at."""

    title: float = 36.0
    title_floor: float = 26.0
    body: float = 24.0
    body_floor: float = 18.0
    quote: float = 32.0
    quote_floor: float = 20.0
    section_title: float = 44.0
    deck_title: float = 48.0
    subtitle: float = 26.0
    byline: float = 18.0
    slide_number: float = 12.0
    caption: float = 14.0

    def title_for(self, layout: Layout) -> float:
        """The size a slide's title starts at, before fitting."""
        if layout is Layout.TITLE:
            return self.deck_title
        if layout in (Layout.SECTION, Layout.TITLE_ONLY):
            return self.section_title
        return self.title


@dataclass(frozen=True)
class TextStyle:
    font: str = "Helvetica"  # the family text is measured in (reportlab's name for ours)
    bold: Optional[bool] = None  # titles: None = ours (bold); else the placeholder's weight
    caps: bool = False  # drawn in capitals
    inset: Tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, top, right, bottom
    anchor: Optional[str] = None  # t | ctr | b; None: ours (the writer chooses)
    align: Optional[str] = None  # left | center | right; None: ours (the paragraph's own)
    autofit: Optional[str] = None  # none | norm | shape; None: ours (shrink on overflow)
    colour: Optional[str] = None  # the placeholder's text colour (RRGGBB), when a template's
    fill: Optional[str] = None  # the placeholder's own fill (a title bar), when a template's

    @property
    def templated(self) -> bool:
        """Whether a template's placeholder sets this part (its settings are kept)."""
        return self.autofit is not None

    def title_bold(self) -> bool:
        return True if self.bold is None else self.bold

    def outer(self, box: Box) -> Box:
        """The shape around text set in `box`: the box plus the placeholder's margins."""
        left, top, right, bottom = self.inset
        return Box(box.x - left, box.y - top, box.w + left + right, box.h + top + bottom)


OURS = TextStyle()
OUR_TITLE = TextStyle(bold=True)
OUR_SECTION_TITLE = TextStyle(bold=True, caps=True)
