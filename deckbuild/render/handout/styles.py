"""The handout's type: paragraph styles in the deck's colours, sized for paper."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ...design.colour import contrast
from ...model import Theme
from ..fonts import handout_font as font
from ..slide.shapes import colour


MIN_TEXT = 10.0  # the handout's own text is never smaller (the miniatures are pictures)
FOOTER_SIZE = MIN_TEXT
RULE_COLOUR = "87939B"  # note lines, grids and separators: 3.15:1 on white (WCAG 1.4.11)
RULE_WIDTH = 0.75
# Large print (`--handout large-print`): nothing under 18 pt, titles larger, 1.5 line
# spacing, black text, headings and links at 7:1 or better (WCAG AAA).
LARGE_MIN = 18.0
LARGE_SIZES = {"h1": 30.0, "h2": 25.0, "h3": 21.0, "cover_title": 40.0, "cover_subtitle": 26.0,
               "key_quote": 26.0, "resource_name": 21.0}
LARGE_SPACING = 1.5
HIGH_CONTRAST = 7.0


class Styles:
    """Every paragraph style the handout uses; link colour is the deck's accent. `large`:
    the large-print handout's (LARGE_*)."""

    def __init__(self, theme: Theme, large: bool = False):
        self.large = large
        self.min_text = LARGE_MIN if large else MIN_TEXT
        self.footer_size = LARGE_MIN if large else FOOTER_SIZE
        self.list_indent = 16.0
        self.accent = colour(theme.accent)
        self.text = colour(theme.text)
        self.muted = colour(theme.muted)
        self.rule = colors.HexColor("#" + RULE_COLOUR)
        self.link = "#" + theme.accent
        # A table sets its cells' font even when they hold paragraphs: ours, embedded.
        self.table_font = ("FONTNAME", (0, 0), (-1, -1), font("Helvetica"))
        base = dict(fontName=font("Helvetica"), textColor=self.text, alignment=TA_LEFT)

        def style(name, **options):
            return ParagraphStyle(name, **{**base, **options})

        self.body = style("body", fontSize=11, leading=15, spaceBefore=4)
        self.cover_title = style("cover_title", fontName=font("Helvetica-Bold"), fontSize=32,
                                 leading=38, spaceAfter=8)
        self.cover_subtitle = style("cover_subtitle", fontSize=17, leading=22, spaceAfter=20)
        self.cover_line = style("cover_line", fontSize=12, leading=17, textColor=self.muted)
        self.cover_label = style("cover_label", fontName=font("Helvetica-Bold"), fontSize=10,
                                 leading=14, textColor=self.accent, spaceBefore=14)
        self.h1 = style("h1", fontName=font("Helvetica-Bold"), fontSize=20, leading=25,
                        textColor=self.accent, spaceBefore=6, spaceAfter=8)
        self.h2 = style("h2", fontName=font("Helvetica-Bold"), fontSize=14, leading=18, spaceBefore=14,
                        spaceAfter=2)
        self.h3 = style("h3", fontName=font("Helvetica-Bold"), fontSize=11.5, leading=15,
                        spaceBefore=6)
        self.quote = style("quote", fontName=font("Helvetica-Oblique"), fontSize=12, leading=17,
                           leftIndent=18, spaceBefore=4)
        self.attribution = style("attribution", fontSize=10, leading=14, leftIndent=18,
                                 textColor=self.muted, spaceAfter=4)
        self.key_quote = style("key_quote", fontName=font("Helvetica-Oblique"), fontSize=19,
                               leading=26, leftIndent=16, spaceBefore=16)
        self.key_source = style("key_source", fontSize=10.5, leading=14.5, leftIndent=16,
                                textColor=self.muted, spaceBefore=4)
        self.code = style("code", fontName=font("Courier"), fontSize=10, leading=12.5, leftIndent=12)
        self.small = style("small", fontSize=10, leading=13.5, textColor=self.muted)
        self.caption = style("caption", fontName=font("Helvetica-Oblique"), fontSize=10, leading=13,
                             textColor=self.muted)
        self.slide_label = style("slide_label", fontSize=10, leading=12.5, textColor=self.muted)
        self.qr_label = style("qr_label", fontSize=10, leading=12, textColor=self.muted,
                              alignment=TA_CENTER)
        self.notes_label = style("notes_label", fontName=font("Helvetica-Bold"), fontSize=10,
                                 leading=14, textColor=self.accent, spaceBefore=10,
                                 spaceAfter=2)
        self.notes = style("notes", fontSize=10.5, leading=14.5, spaceBefore=5)
        self.cell = style("cell", fontSize=10, leading=13)
        self.definition = style("definition", fontSize=11, leading=15, leftIndent=18,
                                spaceBefore=2)
        self.resource_name = style("resource_name", fontName=font("Helvetica-Bold"), fontSize=12,
                                   leading=16)
        self.resource_text = style("resource_text", fontSize=10.5, leading=14, spaceBefore=1)
        self.address = style("address", fontName=font("Courier"), fontSize=10.5, leading=13,
                             spaceBefore=3)
        if large:
            self._large_print(theme)

    def _large_print(self, theme: Theme) -> None:
        """Every style at 18 pt or more (titles larger), 1.5 line spacing, high contrast."""
        factor = LARGE_MIN / self.body.fontSize
        strong = dark_enough(theme.accent)
        self.accent, self.text, self.muted = colour(strong), colour("000000"), colour("000000")
        self.link = "#" + strong
        self.rule = colour("000000")
        self.list_indent *= factor
        for name, style in vars(self).items():
            if not isinstance(style, ParagraphStyle):
                continue
            style.fontSize = max(LARGE_SIZES.get(name, style.fontSize * factor), LARGE_MIN)
            style.leading = style.fontSize * LARGE_SPACING
            style.spaceBefore *= factor
            style.spaceAfter *= factor
            style.leftIndent *= factor
            accented = style.textColor == colour(theme.accent)
            style.textColor = self.accent if accented else self.text

    def list_item(self, level: int) -> ParagraphStyle:
        indent = self.list_indent
        return ParagraphStyle(f"li{level}", parent=self.body, leftIndent=indent * (level + 1),
                              bulletIndent=indent * level + 3, spaceBefore=2,
                              bulletFontName=font("Helvetica"), bulletColor=self.accent,
                              bulletFontSize=max(self.body.fontSize - 1, self.min_text))


def dark_enough(hex_rgb: str, minimum: float = HIGH_CONTRAST) -> str:
    """`hex_rgb`, darkened (towards black, same hue) until it has `minimum` contrast on
    white paper."""
    rgb = [int(hex_rgb[i:i + 2], 16) for i in (0, 2, 4)]
    while contrast("".join(f"{c:02X}" for c in rgb), "FFFFFF") < minimum:
        rgb = [int(c * 0.9) for c in rgb]
    return "".join(f"{c:02X}" for c in rgb)
