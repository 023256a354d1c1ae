"""The colours deckbuild adds to a template's slide, each readable on what it is drawn on.

The template decides its text colours. What deckbuild draws itself (bullets,
links, the quote mark) starts from the template's own choice (accent 1 for
bullets and the mark, the hyperlink colour for links) and, where that would be
hard to read on the ground under it (a dark background, a coloured bar, a
photo), takes the template's next scheme colour that is readable, else black or
white: at least 4.5:1 for link text, 3:1 for bullets and the large mark (WCAG 2
AA for large text and graphics).

The deck writes the choice as a scheme colour where it is one (so it follows
the theme when an organization changes it), the handout draws the same colours,
and `check` measures the same pairs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from .box import Box
from .colour import LARGE_TEXT_MINIMUM, TEXT_MINIMUM, contrast
from .look import LayoutLook, ground

Colour = Tuple[str, str]  # ("scheme", "accent2") or ("rgb", "1F6F8B"), as the deck writes it
ACCENTS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
BULLETS = ACCENTS + ("tx1", "tx2")
LINKS = ("hlink",) + ACCENTS + ("tx1", "tx2")


@dataclass(frozen=True)
class Ink:
    ground: str  # RRGGBB under the text
    text: str  # the text's own colour (the template's)
    readable_text: Colour  # that colour, or one readable on the ground (for our slide numbers)
    readable_text_rgb: str
    bullet: Colour
    bullet_rgb: str
    link: Colour
    link_rgb: str
    quote_mark: str  # RRGGBB


def readable(look: LayoutLook, on: str, names: Sequence[str], minimum: float) -> \
        Tuple[Colour, str]:
    """The first scheme colour of `names` readable on `on`; else black or white."""
    for name in names:
        value = look.colour(name)
        if value and contrast(value, on) >= minimum:
            return ("scheme", name), value
    best = max(("000000", "FFFFFF"), key=lambda c: contrast(c, on))
    return ("rgb", best), best


def ink_for(look: LayoutLook, box: Box, size: Tuple[float, float],
            text: Optional[str] = None, fills: Sequence[Tuple[Box, str]] = ()) -> Ink:
    """The colours for text in `box` on a slide `size` big with this look; `fills` are the
    slide's own filled boxes under the text (a title bar), `text` its colour."""
    on = ground(look, box, size, tuple(fills))
    own = text or look.text or "000000"
    bullet = readable(look, on, BULLETS, LARGE_TEXT_MINIMUM)
    link = readable(look, on, LINKS, TEXT_MINIMUM)
    mark = readable(look, on, BULLETS, LARGE_TEXT_MINIMUM)[1]
    if contrast(own, on) >= TEXT_MINIMUM:
        kept = ("rgb", own), own
    else:
        kept = readable(look, on, ("tx1", "tx2", "bg1", "bg2") + ACCENTS, TEXT_MINIMUM)
    return Ink(on, own, kept[0], kept[1], bullet[0], bullet[1], link[0], link[1], mark)
