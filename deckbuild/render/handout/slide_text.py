"""Text on a miniature: paragraphs set line by line as PowerPoint and LibreOffice set them.

Every line break comes from `layout.linebreak`, exactly as the deck's text is
broken, so a miniature shows the same words on the same lines. Text stays text
(selectable, searchable, sharp on paper); links stay clickable.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ...design.box import Box
from ...layout.linebreak import WIDTH_SHARE, capitals, wrap
from ...layout.measure import LINE
from ...layout.metrics import font_for, run_size
from ...layout.paragraphs import TextPara, bullet_for
from ...model import Run
from .fonts import FontSet, standard_shows
from .styles import colour

SUPERSCRIPT_RISE = 0.3
SUBSCRIPT_DROP = 0.25

# One paragraph to set: the paragraph, its box's body size, its colour (None = the
# deck's default: text colour, links and bullets in the accent).
Item = Tuple[TextPara, float, Optional[str]]


def lines_of(para: TextPara, width: float, size: float):
    """The lines of `para` in a box `width` wide, broken as the deck shows them.

    `linebreak.wrap` fills lines to WIDTH_SHARE of a box, a margin that makes sure
    what the fitting step accepts fits in every program; the deck itself carries
    no line breaks, and PowerPoint and LibreOffice fill lines to the box's width.
    So do the miniatures (compared with LibreOffice's rendering of the deck).
    """
    lines = wrap(para.runs or (Run(" "),), para.text_width(width) / WIDTH_SHARE,
                 size * para.scale, caps=para.caps)
    if para.kind == "code" and para.runs and lines and lines[0]:
        # A code line keeps its indentation, as the deck's text does.
        first = para.runs[0]
        indent = first.text[:len(first.text) - len(first.text.lstrip(" \t"))]
        if indent:
            lines[0] = [(first, indent.replace("\t", "    "))] + lines[0]
    return lines


class TextPainter:
    """Sets paragraphs on one canvas; `palette` gives the default colours of the slide."""

    def __init__(self, canvas, fonts: FontSet, base_font: str, palette, links: bool = True):
        self.canvas = canvas
        self.fonts = fonts
        self.base_font = base_font
        self.palette = palette
        self.links = links

    def text(self, box: Box, items: Sequence[Item], anchor: str,
             aligns: Optional[Sequence[str]] = None, upper: bool = False,
             default: Optional[str] = None) -> None:
        """Set paragraphs in `box` as PowerPoint and LibreOffice do with exact spacing.

        Each line is LINE x size high; its baseline sits one font size below the
        line's top (measured against LibreOffice's own PDF of the deck).
        """
        laid = [(para, size, fill, lines_of(para, box.w, size)) for para, size, fill in items]
        total = sum(len(lines) * size * para.scale * LINE + (para.space_before(size) if i else 0)
                    for i, (para, size, _, lines) in enumerate(laid))
        top = box.y
        if anchor == "ctr":
            top = box.y + (box.h - total) / 2
        elif anchor == "b":
            top = box.y + box.h - total
        y = top
        for index, (para, size, fill, lines) in enumerate(laid):
            if index:
                y += para.space_before(size)
            own = size * para.scale
            align = (aligns[index] if aligns else None) or para.align
            if upper:
                lines = [[(run, capitals(text)) for run, text in line] for line in lines]
            for number, line in enumerate(lines):
                baseline = y + own
                if number == 0 and para.kind in ("bullet", "number"):
                    self._bullet(para, box.x + para.left - para.hanging, baseline, own, fill)
                width = self._line_width(line, own)
                room = box.w - para.left
                x = box.x + para.left
                if align == "center":
                    x += (room - width) / 2
                elif align == "right":
                    x += room - width
                self._line(line, x, baseline, own, fill, default)
                y += own * LINE

    def _bullet(self, para: TextPara, x: float, baseline: float, size: float,
                fill: Optional[str]) -> None:
        canvas = self.canvas
        shade = colour(fill or self.palette.bullet_colour())
        mark = bullet_for(para)
        if all(standard_shows(c) for c in mark):
            canvas.setFillColor(shade)
            canvas.setFont("Helvetica", size)
            canvas.drawString(x, -baseline, mark)
            return
        # A hollow bullet (level 3) has no glyph in the PDF's standard fonts: draw it.
        canvas.setStrokeColor(shade)
        canvas.setLineWidth(size * 0.06)
        canvas.circle(x + size * 0.2, -(baseline - size * 0.32), size * 0.13, stroke=1, fill=0)

    def _segment_font(self, run: Run, size: float) -> Tuple[str, float]:
        return font_for(run, self.base_font), run_size(run, size)

    def _line_width(self, line, size: float) -> float:
        width = 0.0
        for run, text in line:
            font, own = self._segment_font(run, size)
            width += self.fonts.width(text, font, own, run.bold, run.italic)
        return width

    def _line(self, line, x: float, baseline: float, size: float, fill: Optional[str],
              default: Optional[str] = None) -> None:
        """One line as one text object, so viewers and text extraction read it as words."""
        canvas = self.canvas
        text = canvas.beginText()
        text.setTextOrigin(x, -baseline)
        strokes: List[Tuple[str, float, float, float, float]] = []  # colour, x1, x2, y, width
        link_spans: List[Tuple[str, float, float]] = []
        for run, piece_text in line:
            font, own = self._segment_font(run, size)
            rise = size * SUPERSCRIPT_RISE if run.superscript else \
                -size * SUBSCRIPT_DROP if run.subscript else 0.0
            shade = fill or (self.palette.link_colour() if run.link else
                             default or self.palette.text_colour())
            text.setFillColor(colour(shade))
            text.setRise(rise)
            start = x
            for name, piece in self.fonts.split(piece_text, font, run.bold, run.italic):
                text.setFont(name, own)
                text.textOut(piece)
                x += canvas.stringWidth(piece, name, own)
            if run.underline or run.link:
                strokes.append((shade, start, x, baseline + own * 0.12, own * 0.06))
            if run.strike:
                strokes.append((shade, start, x, baseline - own * 0.3, own * 0.06))
            if run.link and self.links:
                if link_spans and link_spans[-1][0] == run.link and \
                        abs(link_spans[-1][2] - start) < 0.01:
                    link_spans[-1] = (run.link, link_spans[-1][1], x)
                else:
                    link_spans.append((run.link, start, x))
        text.setRise(0)
        canvas.drawText(text)
        for shade, left, right, y, width in strokes:
            canvas.setStrokeColor(colour(shade))
            canvas.setLineWidth(width)
            canvas.line(left, -y, right, -y)
        for url, left, right in link_spans:
            canvas.linkURL(url, (left, -(baseline + size * 0.25), right, -(baseline - size)),
                           relative=1, thickness=0)
