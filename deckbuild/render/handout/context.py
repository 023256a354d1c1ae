"""What every part of one handout shares: the deck, page, styles, fonts and bookmarks."""
from __future__ import annotations

import contextlib
import html
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Tuple

from reportlab.lib.fonts import ps2tt

from ...i18n import Words, words_for
from ...model import Deck, Layout, Slide, plain
from .document import Bookmark, Bookmarks, HandoutDocument
from ..slide.marks import Entry
from ..fonts import FontSet
from .markup import markup, text_markup
from ..slide.drawer import SlideDrawer
from .styles import Styles
from ..slide.marks import Element, link_description
from .tagging import Marked, TaggedParagraph

LINK_TAG = re.compile(r"""<a href=("[^"]*"|'[^']*')[^>]*>(.*?)</a>""", re.S)
TAG = re.compile(r"<[^>]+>")


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
    container: Optional[Element] = field(default=None)  # where new elements go

    def __post_init__(self):
        if self.container is None:
            self.container = self.document.structure.root

    # -- the structure tree, built with the story in reading order

    @contextlib.contextmanager
    def inside(self, role: Optional[str], **options) -> Iterator[Element]:
        """New elements go into a new `role` element (a group when None) in the block."""
        element = self.container.add(role, **options)
        saved, self.container = self.container, element
        try:
            yield element
        finally:
            self.container = saved

    @contextlib.contextmanager
    def within(self, element: Element) -> Iterator[Element]:
        """New elements go into `element` (made earlier) in the block."""
        saved, self.container = self.container, element
        try:
            yield element
        finally:
            self.container = saved

    def paragraph(self, text: str, style, role: str = "P", **options) -> TaggedParagraph:
        """A paragraph of markup `text`, the content of a new `role` element here."""
        return TaggedParagraph(text, style, element=self.container.add(role, **options),
                               targets=link_targets(text))

    def paragraph_of(self, element: Element, text: str, style) -> TaggedParagraph:
        """A paragraph whose text goes into `element` (one of several paragraphs)."""
        return TaggedParagraph(text, style, element=element, targets=link_targets(text))

    def list_item(self, text: str, style, bullet: str) -> TaggedParagraph:
        """A list item (here, inside an L): its bullet the label, its text the body."""
        item = self.container.add("LI")
        label, body = item.add("Lbl"), item.add("LBody")
        return TaggedParagraph(text, style, bulletText=bullet, element=body, label=label,
                               targets=link_targets(text))

    def figure(self, flowable, alt: str) -> Marked:
        """A picture or QR code with its alternative text."""
        return Marked(flowable, self.container.add("Figure", alt=alt))

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
        level below (closed), and every slide is listed under its section.
        """
        in_section = False
        for number, slide in enumerate(self.deck.slides, 1):
            entries: List[Entry] = []
            if number == 1:
                entries.append(self.entry(self.words.text("Slides"), 0))
            title = plain(slide.title)
            if slide.layout is Layout.SECTION:
                entries.append(self.entry(title or self.words.text("Section (slide {number})",
                                                                  number=number), 1, closed=True))
                in_section = True
            else:
                label = f"{number}. {title}" if title else \
                    f"{number}. " + self.words.text("(slide without a title)")
                entries.append(self.entry(label, 2 if in_section else 1))
            yield number, slide, entries


def link_targets(markup_text: str) -> List[Tuple[str, str]]:
    """(address, description) of each link in paragraph markup, in order: the description
    is the link's text, with the address when the text does not show it."""
    out = []
    for match in LINK_TAG.finditer(markup_text):
        url = html.unescape(match.group(1)[1:-1]).strip()
        text = html.unescape(TAG.sub("", match.group(2).replace("<br/>", "")))
        out.append((url, link_description(url, text)))
    return out
