"""What every part of one handout shares: the deck, page, styles, fonts and bookmarks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional, Tuple

from reportlab.lib.fonts import ps2tt

from ...i18n import Words, words_for
from ...model import Deck, Layout, Slide, plain
from .document import Bookmark, Bookmarks, Entry, HandoutDocument
from .fonts import FontSet
from .markup import markup, text_markup
from .miniature import SlideDrawer
from .styles import Styles


@dataclass
class Handout:
    deck: Deck
    layout: str
    document: HandoutDocument
    styles: Styles
    fonts: FontSet
    drawer: SlideDrawer
    bookmarks: Bookmarks
    # How the trainer's blocks (activities, audience blocks...) are shown; None: as the
    # participants see them (`layouts.participant_blocks`). The facilitator guide shows all.
    trainer_blocks: Optional[Callable] = None

    @property
    def words(self) -> Words:
        """deckbuild's own words in the deck's language (see `deckbuild.i18n`)."""
        return words_for(self.deck.meta.lang)

    @property
    def width(self) -> float:
        return self.document.width

    @property
    def height(self) -> float:
        return self.document.height

    def tall_rows_split(self, table):
        """`table`, whose rows taller than a page (a huge cell, a very long description)
        continue on the next page instead of stopping the build; other rows still move
        to the next page whole."""
        table.wrap(self.width, self.height)
        if max(table._rowHeights or [0]) > self.height:
            table.splitInRow = 1
        return table

    def entry(self, title: str, level: int = 0, closed: bool = False) -> Entry:
        return (title, self.bookmarks.key(), level, closed)

    def bookmark(self, title: str, level: int = 0, closed: bool = False) -> Bookmark:
        return Bookmark(*self.entry(title, level, closed))

    def text(self, text, style=None) -> str:
        """Paragraph markup of model text (a tuple of runs) or a plain string.

        `style` tells whether the paragraph is bold or italic: reportlab applies
        that to the style's own font only, so a fallback font (Vietnamese in a
        heading) must be given its bold or italic face here.
        """
        bold = italic = False
        if style is not None:
            _, bold, italic = ps2tt(style.fontName)
        if isinstance(text, str):
            return text_markup(text, self.fonts, bold, italic)
        return markup(text, self.styles.link, self.fonts, bold, italic)

    def slides(self) -> Iterator[Tuple[int, Slide, List[Entry]]]:
        """Every slide with its number and the outline entries that start at it.

        The first slide opens "Slides"; each section slide opens a section one
        level below; the full layout (the trainer's copy) adds every slide under
        its section.
        """
        in_section = False
        for number, slide in enumerate(self.deck.slides, 1):
            entries: List[Entry] = []
            if number == 1:
                entries.append(self.entry(self.words.text("Slides"), 0))
            title = plain(slide.title)
            if slide.layout is Layout.SECTION:
                entries.append(self.entry(title or self.words.text("Section (slide {number})",
                                                                  number=number), 1,
                                          closed=self.layout == "full"))
                in_section = True
            elif self.layout == "full":
                label = f"{number}. {title}" if title else \
                    f"{number}. " + self.words.text("(slide without a title)")
                entries.append(self.entry(label, 2 if in_section else 1))
            yield number, slide, entries
