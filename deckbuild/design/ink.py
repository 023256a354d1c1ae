"""The colours deckbuild adds to a template's slide, each readable on what it is drawn on.

The template decides its text colours. What deckbuild draws itself (bullets,
links, the quote mark) starts from the template's own choice (accent 1 for
bullets and the mark, the hyperlink colour for links) and, where that would be
hard to read on the ground under it (a dark background, a coloured bar, a
photo), takes the template's next scheme colour that is readable, else black or
white: at least 4.5:1 for link text, 3:1 for bullets and the large mark (WCAG 2
AA for large text and graphics).

The template's own text colours are kept, except on a picture where they cannot
be read on some part under the text (see `ink_for`).

The deck writes the choice as a scheme colour where it is one (so it follows
the theme when an organization changes it), the handout draws the same colours,
and `check` measures the same pairs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from .box import Box
from .colour import LARGE_TEXT_MINIMUM, TEXT_MINIMUM, contrast
from .look import Ground, LayoutLook, ground

Colour = Tuple[str, str]  # ("scheme", "accent2") or ("rgb", "1F6F8B"), as the deck writes it
ACCENTS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
BULLETS = ACCENTS + ("tx1", "tx2")
LINKS = ("hlink",) + ACCENTS + ("tx1", "tx2")
TEXT_COLOURS = ("tx1", "tx2", "bg1", "bg2") + ACCENTS


@dataclass(frozen=True)
class Ink:
    ground: str  # RRGGBB under the text: the part its colour is least readable on
    text: str  # the text's own colour (the template's)
    readable_text: Colour  # that colour, or one readable on the ground (for our slide numbers)
    readable_text_rgb: str
    bullet: Colour
    bullet_rgb: str
    link: Colour
    link_rgb: str
    quote_mark: str  # RRGGBB
    grounds: Ground = Ground(("FFFFFF",))  # what the text is drawn on (the backing, if any)
    under: Ground = Ground(("FFFFFF",))  # what is under the box on the template's slide
    shown: Optional[Colour] = None  # the text's colour where the template's is not kept
    backing: Optional[str] = None  # RRGGBB: a fill deckbuild puts behind the text box

    @property
    def shown_rgb(self) -> str:
        """The colour the text is drawn in."""
        return self.readable_text_rgb if self.shown is not None else self.text

    def on(self, colour: str) -> str:
        """The part of what is drawn under the text `colour` is least readable on."""
        return self.grounds.worst(colour)


def readable(look: LayoutLook, on: Ground, names: Sequence[str], minimum: float) -> \
        Tuple[Colour, str]:
    """The first scheme colour of `names` readable on all of `on`; else black or white."""
    for name in names:
        value = look.colour(name)
        if value and on.contrast(value) >= minimum:
            return ("scheme", name), value
    best = max(("000000", "FFFFFF"), key=on.contrast)
    return ("rgb", best), best


def ink_for(look: LayoutLook, box: Box, size: Tuple[float, float],
            text: Optional[str] = None, fills: Sequence[Tuple[Box, str]] = (),
            minimum: float = TEXT_MINIMUM) -> Ink:
    """The colours for text in `box` on a slide `size` big with this look; `fills` are the
    slide's own filled boxes under the text (a title bar), `text` its colour, `minimum`
    the contrast it needs (3:1 when it is large).

    The template's text colour is kept, except on a picture where it cannot be read on
    some part under the box (a black title on a photo's dark band): there the text takes
    the template's first scheme colour readable on every part; where none is, the box gets
    a backing in the picture's part most unlike the text (`backing`), and the text keeps
    its colour on it (or black or white, if even that is too faint)."""
    under = ground(look, box, size, tuple(fills))
    own = text or look.text or "000000"
    if under.contrast(own) >= TEXT_MINIMUM:
        kept = ("rgb", own), own
    else:
        kept = readable(look, under, TEXT_COLOURS, TEXT_MINIMUM)
    on, shown, backing = under, None, None
    if under.picture and under.contrast(own) < minimum:
        shown, value = readable(look, under, TEXT_COLOURS, minimum)
        if under.contrast(value) < minimum:
            backing = max(under.colours, key=lambda part: contrast(own, part))
            on = Ground((backing,))
            shown = None if contrast(own, backing) >= minimum else readable(
                look, on, (), minimum)[0]
    if shown is not None:
        kept = shown, shown[1] if shown[0] == "rgb" else look.colour(shown[1])
    bullet = readable(look, on, BULLETS, LARGE_TEXT_MINIMUM)
    link = readable(look, on, LINKS, TEXT_MINIMUM)
    mark = readable(look, on, BULLETS, LARGE_TEXT_MINIMUM)[1]
    drawn = kept[1] if shown is not None else own
    return Ink(on.worst(drawn), own, kept[0], kept[1], bullet[0], bullet[1], link[0], link[1],
               mark, on, under, shown, backing)


SMALL_PRINT_MINIMUM = 7.0  # WCAG's enhanced contrast: for text a few points tall on paper


def small_print(look: LayoutLook, ink: Ink) -> str:
    """The colour for `ink`'s text drawn a few points tall (a miniature's slide number):
    its readable colour where that has 7:1 on the ground, else the template's first colour
    that has, else black or white. Tiny glyphs blur into their ground on paper and on
    screen, so 4.5:1 is not enough there."""
    if ink.under.contrast(ink.readable_text_rgb) >= SMALL_PRINT_MINIMUM:
        return ink.readable_text_rgb
    return readable(look, ink.under, TEXT_COLOURS, SMALL_PRINT_MINIMUM)[1]
