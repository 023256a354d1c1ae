"""Stage 3, Render: the deck model as a printable PDF handout (reportlab).

Made for paper and for later: a cover, the training's content in reading order,
the key quotes, and every resource with its full address printed (paper cannot
be clicked), clickable in the PDF, and a QR code a phone can read.
"""
from __future__ import annotations

import io
from typing import List

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, Image as RLImage,
                                KeepTogether, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                TableStyle)

from ...layout.measure import display_url
from ...media import load_picture
from ...model import (CodeBlock, Columns, Deck, Heading, Image, Layout, ListBlock, Paragraph as
                      ParagraphBlock, Quote, ResourceList, Run, Table as TableBlock, plain)
from .markup import esc, markup

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 0.75 * inch


def render_handout(deck: Deck, paper: str = "letter", layout: str = None) -> bytes:
    """The finished handout PDF as bytes."""
    return _Handout(deck, PAPER[paper]).build()


class _Styles:
    def __init__(self, accent: str, text: str, muted: str):
        self.accent = colors.HexColor("#" + accent)
        self.text = colors.HexColor("#" + text)
        self.muted = colors.HexColor("#" + muted)
        self.link = "#" + accent
        base = dict(fontName="Helvetica", textColor=self.text, alignment=TA_LEFT)
        self.body = ParagraphStyle("body", fontSize=11, leading=15, spaceBefore=3, **base)
        self.cover_title = ParagraphStyle("cover_title", fontName="Helvetica-Bold", fontSize=34,
                                          leading=40, textColor=self.text, spaceAfter=10)
        self.cover_subtitle = ParagraphStyle("cover_subtitle", fontSize=18, leading=23,
                                             textColor=self.text, fontName="Helvetica",
                                             spaceAfter=24)
        self.cover_line = ParagraphStyle("cover_line", fontSize=12, leading=17,
                                         textColor=self.muted, fontName="Helvetica")
        self.h1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=20, leading=25,
                                 textColor=self.accent, spaceBefore=14, spaceAfter=8)
        self.h2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=14, leading=18,
                                 textColor=self.text, spaceBefore=12, spaceAfter=3)
        self.h3 = ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=12, leading=16,
                                 textColor=self.text, spaceBefore=6)
        self.quote = ParagraphStyle("quote", fontName="Helvetica-Oblique", fontSize=12,
                                    leading=17, leftIndent=18, textColor=self.text, spaceBefore=4)
        self.key_quote = ParagraphStyle("key_quote", fontName="Helvetica-Oblique", fontSize=20,
                                        leading=27, leftIndent=18, textColor=self.text,
                                        spaceBefore=14)
        self.source = ParagraphStyle("source", fontSize=10, leading=14, leftIndent=18,
                                     textColor=self.muted, fontName="Helvetica", spaceAfter=6)
        self.code = ParagraphStyle("code", fontName="Courier", fontSize=9.5, leading=12,
                                   leftIndent=12, textColor=self.text)
        self.small = ParagraphStyle("small", fontSize=9, leading=12, textColor=self.muted,
                                    fontName="Helvetica")
        self.resource_name = ParagraphStyle("resource_name", fontName="Helvetica-Bold",
                                            fontSize=12, leading=16, textColor=self.text)
        self.resource_text = ParagraphStyle("resource_text", fontSize=10.5, leading=14,
                                            textColor=self.text, fontName="Helvetica")
        self.address = ParagraphStyle("address", fontName="Courier", fontSize=9.5, leading=12.5,
                                      textColor=self.text, splitLongWords=1)


class _Bookmark(Flowable):
    """An invisible flowable that adds a PDF bookmark where it lands."""

    def __init__(self, title: str, key: str, level: int = 0):
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def draw(self):
        canvas = self.canv
        canvas.bookmarkPage(self.key)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class _NumberedCanvas(Canvas):
    """Knows the page count when pages are written, for 'page X of Y'."""

    def __init__(self, *args, footer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved = []
        self._footer = footer

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            if self._footer:
                self._footer(self, self._pageNumber, total)
            super().showPage()
        super().save()


class _Handout:
    def __init__(self, deck: Deck, pagesize):
        self.deck = deck
        self.pagesize = pagesize
        theme = deck.theme
        self.styles = _Styles(theme.accent, theme.text, theme.muted)
        self.width = pagesize[0] - 2 * MARGIN
        self.bookmarks = 0

    # -- document

    def build(self) -> bytes:
        out = io.BytesIO()
        meta = self.deck.meta
        doc = BaseDocTemplate(
            out, pagesize=self.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN, title=meta.title or self.deck.name,
            author="; ".join(meta.authors) or meta.organization, subject=meta.subtitle,
            keywords=", ".join(meta.keywords), creator="deckbuild", producer="deckbuild",
            invariant=1, lang=meta.lang, displayDocTitle=1)
        frame = Frame(MARGIN, MARGIN, self.width, self.pagesize[1] - 2 * MARGIN, id="main",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [frame])])
        story = self.cover() + self.content() + self.quotes() + self.resources()
        doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=self.footer, **k))
        return out.getvalue()

    def footer(self, canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(self.styles.muted)
        region = self.deck.region.name if self.deck.region else ""
        left = " \u2013 ".join(x for x in (self.deck.meta.title or self.deck.name, region) if x)
        canvas.drawString(MARGIN, MARGIN / 2, _latin(left))
        canvas.drawRightString(self.pagesize[0] - MARGIN, MARGIN / 2,
                               f"Page {number} of {total}")
        canvas.setStrokeColor(self.styles.accent)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, MARGIN / 2 + 12, self.pagesize[0] - MARGIN, MARGIN / 2 + 12)
        canvas.restoreState()

    def bookmark(self, title: str, level: int = 0) -> _Bookmark:
        self.bookmarks += 1
        return _Bookmark(title, f"b{self.bookmarks}", level)

    # -- cover

    def cover(self) -> List:
        meta, s = self.deck.meta, self.styles
        story: List = [self.bookmark("Cover")]
        org = self.deck.region.organization if self.deck.region else None
        logo = self.deck.theme.logo
        if logo:
            picture = load_picture(logo)
            height = min(1.1 * inch, self.width * picture.height / max(picture.width, 1))
            story.append(RLImage(io.BytesIO(picture.data), width=height * picture.width /
                                 max(picture.height, 1), height=height, hAlign="LEFT"))
            story.append(Spacer(1, 0.4 * inch))
        else:
            story.append(Spacer(1, 1.2 * inch))
        story.append(Paragraph(esc(meta.title or self.deck.name), s.cover_title))
        if meta.subtitle:
            story.append(Paragraph(esc(meta.subtitle), s.cover_subtitle))
        lines = list(meta.authors)
        if meta.organization:
            lines.append(meta.organization)
        if org and org.name and org.name != meta.organization:
            lines.append(org.name)
        if self.deck.region:
            lines.append(f"Resources for {self.deck.region.name}")
        if meta.date:
            lines.append(meta.date)
        for line in lines:
            story.append(Paragraph(esc(line), s.cover_line))
        contact = self.contact()
        if contact:
            story.append(Spacer(1, 0.3 * inch))
            story.append(Paragraph("<b>Contact</b>", s.cover_line))
            for line in contact:
                story.append(Paragraph(line, s.cover_line))
        story.append(Spacer(1, 0.5 * inch))
        story.append(Paragraph(
            "This handout holds the training's slides, the key quotes and every resource with"
            " its full address and a QR code. Use the space on the slide pages for your notes.",
            s.body))
        story.append(PageBreak())
        return story

    def contact(self) -> List[str]:
        region = self.deck.region
        if region is None:
            return []
        lines = []
        variables = dict(region.variables)
        if variables.get("trainer"):
            lines.append(esc(f"Trainer: {variables['trainer']}"))
        org = region.organization
        if org:
            if org.phone:
                lines.append(esc(org.phone))
            if org.email:
                lines.append(f'<a href="mailto:{esc(org.email)}">{esc(org.email)}</a>')
            if org.website:
                lines.append(f'<a href="{esc(org.website)}">{esc(org.website)}</a>')
        return lines

    # -- content in reading order

    def content(self) -> List:
        s = self.styles
        story: List = [self.bookmark("Slides"), Paragraph("The training", s.h1)]
        section_level = 1
        for number, slide in enumerate(self.deck.slides, 1):
            if slide.layout in (Layout.TITLE, Layout.RESOURCES):
                continue
            title = plain(slide.title)
            if slide.layout is Layout.SECTION:
                story.append(CondPageBreak(2 * inch))
                if title:
                    story.append(self.bookmark(title, 1))
                story.append(Paragraph(esc(title), s.h1))
                story.extend(self.blocks(slide.blocks))
                continue
            head = [Paragraph(f"{esc(title) or '&nbsp;'} <font size=9 color='#{self.deck.theme.muted}'>"
                              f"&nbsp;&nbsp;slide {number}</font>", s.h2)]
            story.append(KeepTogether(head + self.blocks(slide.blocks)[:1]))
            story.extend(self.blocks(slide.blocks)[1:])
        return story

    def blocks(self, blocks) -> List:
        s = self.styles
        out: List = []
        for block in blocks:
            if isinstance(block, ParagraphBlock):
                out.append(Paragraph(markup(block.text, s.link), s.body))
            elif isinstance(block, Heading):
                out.append(Paragraph(markup(block.text, s.link), s.h3))
            elif isinstance(block, ListBlock):
                out.extend(self.list_items(block, 0))
            elif isinstance(block, Quote):
                for text in block.paragraphs:
                    out.append(Paragraph(markup(text, s.link), s.quote))
                if block.attribution:
                    out.append(Paragraph("\u2014 " + markup(block.attribution, s.link), s.source))
            elif isinstance(block, CodeBlock):
                for line in block.code.split("\n"):
                    out.append(Paragraph(esc(line) or "&nbsp;", s.code))
            elif isinstance(block, TableBlock):
                out.append(self.table(block))
            elif isinstance(block, Image):
                out.append(self.image(block))
            elif isinstance(block, Columns):
                for column in block.columns:
                    out.extend(self.blocks(column))
            elif isinstance(block, ResourceList):
                pass
        return out

    def list_items(self, block: ListBlock, level: int) -> List:
        s = self.styles
        out = []
        for index, item in enumerate(block.items):
            bullet = block.label(index) if block.ordered else "\u2022"
            style = ParagraphStyle(f"li{level}", parent=s.body, leftIndent=18 * (level + 1),
                                   bulletIndent=18 * level + 4, spaceBefore=2)
            out.append(Paragraph(markup(item.text, s.link), style, bulletText=bullet))
            for child in item.children:
                out.extend(self.list_items(child, level + 1))
        return out

    def table(self, block: TableBlock):
        s = self.styles
        rows = ([block.header] if block.header else []) + list(block.rows)
        data = [[Paragraph(markup(cell, s.link), s.resource_text) for cell in row] for row in rows]
        columns = max(len(r) for r in rows) if rows else 1
        table = Table(data, colWidths=[self.width / columns] * columns, hAlign="LEFT")
        style = [("GRID", (0, 0), (-1, -1), 0.5, s.muted), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        if block.header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF2F4")))
        table.setStyle(TableStyle(style))
        return table

    def image(self, block: Image):
        picture = load_picture(block.path)
        width = min(self.width * 0.5, 3.5 * inch)
        height = width * picture.height / max(picture.width, 1)
        if height > 3 * inch:
            width, height = width * 3 * inch / height, 3 * inch
        return RLImage(io.BytesIO(picture.data), width=width, height=height, hAlign="LEFT")

    # -- key quotes

    def quotes(self) -> List:
        refs = self.deck.quotes
        if not refs:
            return []
        s = self.styles
        story: List = [PageBreak(), self.bookmark("Key quotes"), Paragraph("Key quotes", s.h1)]
        for ref in refs:
            parts = [Paragraph(markup(text, s.link), s.key_quote) for text in ref.quote.paragraphs]
            attribution = ""
            if ref.quote.attribution:
                attribution = "\u2014 " + markup(ref.quote.attribution, s.link) + "<br/>"
            where = f"slide {ref.slide_number}"
            if ref.slide_title:
                where += f": {esc(ref.slide_title)}"
            parts.append(Paragraph(attribution + f"<font size=9>{where}</font>", s.source))
            story.append(KeepTogether(parts))
        return story

    # -- resources

    def resources(self) -> List:
        groups = self.deck.resource_groups
        if not groups:
            return []
        s = self.styles
        story: List = [PageBreak(), self.bookmark("Resources"), Paragraph("Resources", s.h1)]
        region = self.deck.region
        intro = f"Services and information for {esc(region.name)}."
        if region.verified:
            intro += f" This list was last verified in {esc(region.verified)}; check before use."
        story.append(Paragraph(intro, s.small))
        for group in groups:
            story.append(self.bookmark(group.title, 1))
            story.append(Paragraph(esc(group.title), s.h2))
            for resource in group.items:
                story.append(self.resource(resource))
        return story

    def resource(self, resource):
        s = self.styles
        text = [Paragraph(_link(resource.name, resource.url, s.link, bold=True), s.resource_name)]
        if resource.description:
            text.append(Paragraph(esc(resource.description), s.resource_text))
        details = []
        if resource.phone:
            details.append(f"Phone: {esc(resource.phone)}")
        if resource.hours:
            details.append(f"Hours: {esc(resource.hours)}")
        if details:
            text.append(Paragraph(" &nbsp;\u00b7&nbsp; ".join(details), s.resource_text))
        if resource.url:
            text.append(Paragraph(_link(resource.url, resource.url, s.link), s.address))
        qr = qr_drawing(resource.url, 0.95 * inch) if resource.url else Spacer(0.95 * inch, 1)
        row = Table([[text, qr]], colWidths=[self.width - 1.15 * inch, 1.15 * inch],
                    hAlign="LEFT")
        row.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#D5DCE0"))]))
        return row


def _link(text: str, url: str, colour: str, bold: bool = False) -> str:
    shown = esc(text)
    if bold:
        shown = f"<b>{shown}</b>"
    if not url:
        return shown
    return f'<a href="{esc(url)}" color="{colour}">{shown}</a>'


def qr_drawing(data: str, size: float) -> Drawing:
    """A QR code of `data`, drawn as vectors (sharp on paper)."""
    widget = QrCodeWidget(data, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    width, height = x2 - x1, y2 - y1
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing


def _latin(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")
