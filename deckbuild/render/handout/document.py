"""The PDF as a document: paper, margins, running footer, page X of Y, bookmarks, metadata.

The footer needs the page count before the last page exists. Rather than lay the
story out twice, each page only refers to its footer, a PDF form XObject, and the
footers are drawn when the canvas is saved, once the count is known (PDF lets a
page use a form defined later in the file). `invariant=1` keeps the clock and
random ids out of the file, and the date written is the build's date
(`render/dates.py`), so the same input gives the same bytes.
"""
from __future__ import annotations

import io
from typing import Callable, List, Optional, Tuple

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ...i18n import words_for
from ...model import Deck, Layout, plain
from ..dates import build_date
from ..fonts import FontSet, handout_font
from ..slide.marks import add_entries
from .styles import Styles
from .tagging import Structure, TaggingCanvas

PAPER = {"letter": LETTER, "a4": A4}
# Binary (compressed) PDF streams: reportlab's default also wraps each in ASCII85,
# a text encoding for 7-bit channels that makes the file larger and the build slower.
rl_config.useA85 = 0
SIDE = 0.75 * inch
TOP = 0.7 * inch
BOTTOM = 0.9 * inch
FOOTER_BASELINE = 0.5 * inch
HEADER_RAISE = 20.0  # the running header's baseline, above the text's top


class Bookmarks:
    """Hands out unique destination keys, in story order (so builds are reproducible)."""

    def __init__(self):
        self.count = 0

    def key(self) -> str:
        self.count += 1
        return f"d{self.count}"


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


class _Footers:
    """A canvas that draws the footers just before it writes the file, all pages known."""

    def __init__(self, draw_footers: Callable[[Canvas], None], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.draw_footers = draw_footers

    def save(self) -> None:
        self.draw_footers(self)
        super().save()


class FooterCanvas(_Footers, TaggingCanvas):
    """The tagged canvas (tagging.py) with the footers."""


class HandoutDocument:
    """Page furniture for one handout; `build` turns a story maker into PDF bytes."""

    def __init__(self, deck: Deck, paper: str, fonts: FontSet, styles: Styles, label: str = "",
                 header: Optional[Callable[[int], Tuple[str, str]]] = None):
        """`label` names another document made on this paper ("Facilitator guide": in its
        title and footer); `header(page)` gives that page's running header (left, right),
        drawn with the footer once every page is known (each an artifact). The PDF is
        tagged: the story tags what it draws (`tagging.py`)."""
        self.deck = deck
        self.label = label
        self.header = header
        self.pagesize = PAPER[paper]
        self.fonts = fonts
        self.styles = styles
        self.width = self.pagesize[0] - 2 * SIDE
        self.height = self.pagesize[1] - TOP - BOTTOM
        self._pages: List[int] = []  # the pages laid out so far, each to get its footer
        self.structure = Structure(deck.meta.lang or "en-US")

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
        if self.label:
            subject = f"{self.label} for the training '{title}'"
            title = f"{title} \u2013 {self.label}"
        return dict(
            title=title, author="; ".join(meta.authors) or organization,
            subject=subject or words_for(meta.lang).text("Handout for the training '{title}'",
                                                         title=title),
            keywords=", ".join(dict.fromkeys(k for k in keywords if k)),
            creator="deckbuild", producer="deckbuild", lang=meta.lang)

    # -- building

    def build(self, story: List) -> bytes:
        """Lay the story out once; the footers follow at save, when the page count is known."""
        out = io.BytesIO()
        doc = BaseDocTemplate(
            out, pagesize=self.pagesize, leftMargin=SIDE, rightMargin=SIDE, topMargin=TOP,
            bottomMargin=BOTTOM, invariant=1, displayDocTitle=1, **self.metadata())
        frame = dict(x1=SIDE, y1=BOTTOM, width=self.width, height=self.height, leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [Frame(id="page", **frame)],
                                           onPage=self._page)])
        self._pages = []
        when = build_date(self.deck.meta)
        metadata = self.metadata()
        self.structure.metadata = dict(
            title=metadata["title"], author=metadata["author"], subject=metadata["subject"],
            keywords=metadata["keywords"], creator=metadata["creator"],
            date=when.strftime("%Y-%m-%dT%H:%M:%SZ"))

        def make_canvas(*args, **kwargs) -> Canvas:
            kwargs["initialFontName"] = handout_font("Helvetica")  # no unembedded font at all
            return dated(FooterCanvas(self._footers, *args, structure=self.structure,
                                      **kwargs), when)

        doc.build(story, canvasmaker=make_canvas)
        return out.getvalue()

    def _page(self, canvas: Canvas, doc) -> None:
        """Each page shows its footer, a form drawn at save (see `_footer`)."""
        if doc.page == 1:
            canvas.showOutline()  # open with the bookmarks showing
        self._pages.append(doc.page)
        with canvas.artifact("Pagination", "Footer"):
            canvas.doForm(f"footer{doc.page}")
        if self.header is not None:
            with canvas.artifact("Pagination", "Header"):
                canvas.doForm(f"header{doc.page}")

    def _footers(self, canvas: Canvas) -> None:
        for page in self._pages:
            self._footer(canvas, page, len(self._pages))

    def _footer(self, canvas: Canvas, page: int, total: int) -> None:
        """Page `page`'s running footer as a form: a rule, the title and region, 'Page X of Y'."""
        canvas.beginForm(f"footer{page}")
        styles = self.styles
        canvas.setStrokeColor(styles.accent)
        canvas.setLineWidth(0.7)
        right = self.pagesize[0] - SIDE
        size = styles.footer_size
        canvas.line(SIDE, FOOTER_BASELINE + size + 2, right, FOOTER_BASELINE + size + 2)
        canvas.setFillColor(styles.muted)
        number = words_for(self.deck.meta.lang).text("Page {page} of {total}", page=page,
                                                       total=total)
        canvas.setFont(handout_font("Helvetica"), size)
        canvas.drawRightString(right, FOOTER_BASELINE, number)
        room = self.width - canvas.stringWidth(number, handout_font("Helvetica"), size) - 24
        draw_fitted(canvas, self.fonts, SIDE, FOOTER_BASELINE, self.footer_text(), "Helvetica",
                    size, room)
        canvas.endForm()
        if self.header is not None:
            canvas.beginForm(f"header{page}")
            self._header(canvas, *self.header(page))
            canvas.endForm()

    def _header(self, canvas: Canvas, left: str, right: str) -> None:
        """A running header above the text: `left` (shortened to fit) and `right`."""
        if not (left or right):
            return
        baseline = self.pagesize[1] - TOP + HEADER_RAISE
        page_right = self.pagesize[0] - SIDE
        canvas.setFillColor(self.styles.muted)
        canvas.setFont(handout_font("Helvetica"), self.styles.footer_size)
        canvas.drawRightString(page_right, baseline, right)
        room = self.width - canvas.stringWidth(right, handout_font("Helvetica"),
                                           self.styles.footer_size) - 24
        draw_fitted(canvas, self.fonts, SIDE, baseline, left, "Helvetica", self.styles.footer_size,
                    room)
        canvas.setStrokeColor(self.styles.rule)
        canvas.setLineWidth(0.5)
        canvas.line(SIDE, baseline - 5, page_right, baseline - 5)

    def footer_text(self) -> str:
        deck = self.deck
        parts = [deck.meta.title or deck.name, self.label]
        if deck.region:
            parts.append(deck.region.name)
        return " \u2013 ".join(p for p in parts if p)


def dated(canvas: Canvas, when) -> Canvas:
    """`canvas`, whose PDF carries the build's date: the one the deck carries too.

    reportlab's invariant mode alone writes SOURCE_DATE_EPOCH or 2000-01-01; the
    deck's own `date:` is the better fixed date when there is no SOURCE_DATE_EPOCH.
    """
    stamp = TimeStamp(invariant=1)
    stamp.t = when.timestamp()
    stamp.lt = when.utctimetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp
    return canvas


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
