"""The PDF as a document: paper, margins, running footer, page X of Y, bookmarks, metadata.

The footer needs the page count before the last page exists, so the story is laid
out twice: once to count pages (miniatures, which have a fixed size, are not
drawn), once for real. `invariant=1` keeps dates and ids out of the file, so the
same input gives the same bytes.
"""
from __future__ import annotations

import io
from typing import Callable, List, Optional, Sequence, Tuple

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ...model import Deck, Layout, plain
from .fonts import FontSet
from .styles import Styles

PAPER = {"letter": LETTER, "a4": A4}
# Binary (compressed) PDF streams: reportlab's default also wraps each in ASCII85,
# a text encoding for 7-bit channels that makes the file larger and the build slower.
rl_config.useA85 = 0
SIDE = 0.75 * inch
TOP = 0.7 * inch
BOTTOM = 0.9 * inch
FOOTER_BASELINE = 0.5 * inch


class Bookmarks:
    """Hands out unique destination keys, in story order (so builds are reproducible)."""

    def __init__(self):
        self.count = 0

    def key(self) -> str:
        self.count += 1
        return f"d{self.count}"


# An outline entry: (title, key, level, closed)
Entry = Tuple[str, str, int, bool]


def add_entries(canvas: Canvas, entries: Sequence[Entry], top: float) -> None:
    """Bind `entries` to the current page at height `top` (absolute) and list them."""
    for title, key, level, closed in entries:
        canvas.bookmarkHorizontalAbsolute(key, top)
        canvas.addOutlineEntry(title, key, level=level, closed=closed or None)


class Bookmark(Flowable):
    """An invisible flowable: an outline entry pointing where it lands."""

    def __init__(self, title: str, key: str, level: int = 0, closed: bool = False):
        super().__init__()
        self.entry = (title, key, level, closed)
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        _, top = self.canv.absolutePosition(0, 0)
        add_entries(self.canv, [self.entry], top + 4)


class HandoutDocument:
    """Page furniture for one handout; `build` turns a story maker into PDF bytes."""

    def __init__(self, deck: Deck, paper: str, fonts: FontSet, styles: Styles):
        self.deck = deck
        self.pagesize = PAPER[paper]
        self.fonts = fonts
        self.styles = styles
        self.width = self.pagesize[0] - 2 * SIDE
        self.height = self.pagesize[1] - TOP - BOTTOM
        self.total: Optional[int] = None
        self.drawing = True  # False while counting pages: miniatures skip their drawing

    # -- metadata

    def metadata(self) -> dict:
        meta, deck = self.deck.meta, self.deck
        region = deck.region.name if deck.region else ""
        organization = meta.organization or (deck.region.organization.name
                                             if deck.region and deck.region.organization
                                             else "")
        keywords = list(meta.keywords)
        if not keywords:
            keywords = [plain(s.title) for s in deck.slides
                        if s.layout is Layout.SECTION and plain(s.title)]
            keywords += [region] if region else []
        subject = meta.subject or meta.description or meta.subtitle
        title = meta.title or deck.name
        return dict(
            title=title, author="; ".join(meta.authors) or organization,
            subject=subject or f"Handout for the training '{title}'",
            keywords=", ".join(dict.fromkeys(k for k in keywords if k)),
            creator="deckbuild", producer="deckbuild", lang=meta.lang)

    # -- building

    def build(self, make_story: Callable[[], List]) -> bytes:
        """Lay the story out twice: the first pass counts pages for 'page X of Y'."""
        self.drawing, self.total = False, None
        self.total = self._build(make_story(), io.BytesIO())
        self.drawing = True
        out = io.BytesIO()
        self._build(make_story(), out)
        return out.getvalue()

    def _build(self, story: List, out) -> int:
        """Lay out and write `story`; the number of pages."""
        doc = BaseDocTemplate(
            out, pagesize=self.pagesize, leftMargin=SIDE, rightMargin=SIDE, topMargin=TOP,
            bottomMargin=BOTTOM, invariant=1, displayDocTitle=1, **self.metadata())
        frame = dict(x1=SIDE, y1=BOTTOM, width=self.width, height=self.height, leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [Frame(id="page", **frame)],
                                           onPage=self._page)])
        doc.build(story)
        return doc.page

    def _page(self, canvas: Canvas, doc) -> None:
        """The running footer: a rule, the title and region, 'Page X of Y'."""
        if doc.page == 1:
            canvas.showOutline()  # open with the bookmarks showing
        canvas.saveState()
        styles = self.styles
        canvas.setStrokeColor(styles.accent)
        canvas.setLineWidth(0.7)
        right = self.pagesize[0] - SIDE
        canvas.line(SIDE, FOOTER_BASELINE + 12, right, FOOTER_BASELINE + 12)
        canvas.setFillColor(styles.muted)
        number = f"Page {doc.page} of {self.total}" if self.total else f"Page {doc.page}"
        canvas.setFont("Helvetica", 8.5)
        canvas.drawRightString(right, FOOTER_BASELINE, number)
        room = self.width - canvas.stringWidth(number, "Helvetica", 8.5) - 24
        draw_fitted(canvas, self.fonts, SIDE, FOOTER_BASELINE, self.footer_text(), "Helvetica",
                    8.5, room)
        canvas.restoreState()

    def footer_text(self) -> str:
        deck = self.deck
        parts = [deck.meta.title or deck.name]
        if deck.region:
            parts.append(deck.region.name)
        return " \u2013 ".join(p for p in parts if p)


def draw_fitted(canvas: Canvas, fonts: FontSet, x: float, y: float, text: str, font: str,
                size: float, room: float) -> None:
    """One line of text, fallback fonts where needed, shortened with '...' to fit `room`."""
    if fonts.width(text, font, size) > room:
        while text and fonts.width(text + "\u2026", font, size) > room:
            text = text[:-1]
        text = text.rstrip() + "\u2026"
    for name, piece in fonts.split(text, font):
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += canvas.stringWidth(piece, name, size)
