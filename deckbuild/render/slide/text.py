"""Text on a miniature: paragraphs set line by line as PowerPoint and LibreOffice set them.

Every line break comes from `layout.linebreak`, exactly as the deck's text is
broken, so a miniature shows the same words on the same lines. Text stays text
(selectable, searchable, sharp on paper); links stay clickable.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from ...design.box import Box
from ...layout.linebreak import WIDTH_SHARE, capitals, wrap
from ...layout.math import Glyph, formula_box
from ...layout.measure import baseline_offset, line_height
from ...layout.metrics import SMALL_CAPS, font_for, run_size
from ...layout.paragraphs import BALLOT_BOX, BALLOT_BOX_CHECKED, TextPara, bullet_for
from ...model import Run
from ..fonts import FontSet, handout_font, standard_shows
from .shapes import colour
from .marks import link as tagged_link, link_description, mark_text, marked

HIGHLIGHT = "FFF59D"  # `[text]{.mark}`, as in the deck
SUPERSCRIPT_RISE = 0.3
SUBSCRIPT_DROP = 0.25

# One paragraph to set: the paragraph, its box's body size, its colour (None = the
# deck's default: text colour, links and bullets in the accent).
Item = Tuple[TextPara, float, Optional[str]]


def lines_of(para: TextPara, width: float, size: float, font: str = "Helvetica"):
    """The lines of `para` in a box `width` wide, broken as the deck shows them.

    `linebreak.wrap` fills lines to WIDTH_SHARE of a box, a margin that makes sure
    what the fitting step accepts fits in every program; the deck itself carries
    no line breaks, and PowerPoint and LibreOffice fill lines to the box's width.
    So do the miniatures (compared with LibreOffice's rendering of the deck).
    """
    lines = wrap(para.runs or (Run(" "),), para.text_width(width) / WIDTH_SHARE,
                 size * para.scale, font=font, caps=para.caps)
    if para.kind == "code" and para.runs and lines and lines[0]:
        # A code line keeps its indentation, as the deck's text does.
        first = para.runs[0]
        indent = first.text[:len(first.text) - len(first.text.lstrip(" \t"))]
        if indent:
            lines[0] = [(first, indent.replace("\t", "    "))] + lines[0]
    return lines


class TextPainter:
    """Sets paragraphs on one canvas; `palette` gives the default colours of the slide
    (text, bullets, links); each `text` call may bring its own."""

    def __init__(self, canvas, fonts: FontSet, base_font: str, palette, links: bool = True):
        self.canvas = canvas
        self.fonts = fonts
        self.base_font = base_font
        self.palette = palette
        self.links = links
        self._links: dict = {}  # the paragraph being drawn: address -> (Link element, text)

    def text(self, box: Box, items: Sequence[Item], anchor: str,
             aligns: Optional[Sequence[str]] = None, upper: bool = False,
             default: Optional[str] = None, font: Optional[str] = None,
             palette=None, tag=None) -> None:
        """Set paragraphs in `box` as PowerPoint and LibreOffice do with exact spacing,
        measured and drawn in `font` (a template's family; ours by default). `tag` is
        the structure element of the text (tagged PDF), or a function of the paragraph
        that gives it; None draws an artifact.

        Each line is LINE x size high; its baseline sits one font size below the
        line's top (measured against LibreOffice's own PDF of the deck).
        """
        font = font or self.base_font
        saved = self.base_font, self.palette
        self.base_font, self.palette = font, palette or self.palette
        try:
            self._text(box, items, anchor, aligns, upper, default, tag)
        finally:
            self.base_font, self.palette = saved

    def _text(self, box: Box, items: Sequence[Item], anchor: str,
              aligns: Optional[Sequence[str]], upper: bool, default: Optional[str],
              tag=None) -> None:
        font = self.base_font
        laid = [(para, size, fill, lines_of(para, box.w, size, font))
                for para, size, fill in items]
        total = sum(len(lines) * line_height(para, size) + (para.space_before(size) if i else 0)
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
            step, drop = line_height(para, size), baseline_offset(para, size)
            align = (aligns[index] if aligns else None) or para.align
            if upper:
                lines = [[(run, capitals(text)) for run, text in line] for line in lines]
            element = tag(para) if callable(tag) else tag
            # A heading is one marked sequence, all its lines (its links beside it).
            whole = element is not None and (element.role or "").startswith("H")
            self._links = _link_texts(para, element.parent if whole else element) \
                if self.links else {}
            with marked(self.canvas, element if whole else None):
                for number, line in enumerate(lines):
                    baseline = y + drop
                    if number == 0 and para.kind in ("bullet", "number"):
                        self._bullet(para, box.x + para.left - para.hanging, baseline, own, fill)
                    width = self._line_width(line, own)
                    room = box.w - para.left
                    x = box.x + para.left
                    if align == "center":
                        x += (room - width) / 2
                    elif align == "right":
                        x += room - width
                    self._line(line, x, baseline, own, fill, default, element)
                    y += step

    def _bullet(self, para: TextPara, x: float, baseline: float, size: float,
                fill: Optional[str]) -> None:
        canvas = self.canvas
        shade = colour(fill or self.palette.bullet_colour())
        mark = bullet_for(para)
        if mark in (BALLOT_BOX, BALLOT_BOX_CHECKED):  # a task's box, drawn: no font has it
            canvas.setStrokeColor(shade)
            canvas.setLineWidth(size * 0.06)
            side = size * 0.62
            left, bottom = x + size * 0.02, -(baseline + size * 0.04)
            canvas.rect(left, bottom, side, side, stroke=1, fill=0)
            if mark == BALLOT_BOX_CHECKED:
                canvas.setLineWidth(size * 0.09)
                path = canvas.beginPath()
                path.moveTo(left + side * 0.18, bottom + side * 0.5)
                path.lineTo(left + side * 0.42, bottom + side * 0.2)
                path.lineTo(left + side * 0.85, bottom + side * 0.85)
                canvas.drawPath(path, stroke=1, fill=0)
            return
        if all(standard_shows(c) for c in mark):
            canvas.setFillColor(shade)
            canvas.setFont(handout_font("Helvetica"), size)
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
            if run.math is not None:
                width += formula_box(run.math, own).width
            elif run.small_caps:
                width += sum(self.fonts.width(piece, font, small, run.bold, run.italic)
                             for piece, small in _small_caps(text, own))
            else:
                width += self.fonts.width(text, font, own, run.bold, run.italic)
        return width

    def _line(self, line, x: float, baseline: float, size: float, fill: Optional[str],
              default: Optional[str] = None, element=None) -> None:
        """One line as one text object, so viewers and text extraction read it as words
        (and, tagged, as `element`'s content, its links their Link elements')."""
        canvas = self.canvas
        text = canvas.beginText()
        text.setTextOrigin(x, -baseline)
        mark_text(text, element)
        strokes: List[Tuple[str, float, float, float, float]] = []  # colour, x1, x2, y, width
        link_spans: List[Tuple[str, float, float]] = []
        formulas = []  # (x, formula, size, colour)
        marks = []  # highlighted stretches (x1, x2)
        for run, piece_text in line:
            font, own = self._segment_font(run, size)
            if run.math is not None:
                shade = fill or default or self.palette.text_colour()
                formulas.append((x, run.math, own, shade))
                x += formula_box(run.math, own).width
                text.setTextOrigin(x, -baseline)
                continue
            rise = size * SUPERSCRIPT_RISE if run.superscript else \
                -size * SUBSCRIPT_DROP if run.subscript else 0.0
            shade = fill or (self.palette.link_colour() if run.link else
                             default or self.palette.text_colour())
            text.setFillColor(colour(shade))
            text.setRise(rise)
            start = x
            link_element = self._links.get(run.link, (None,))[0] if run.link else None
            mark_text(text, link_element)
            for chunk, chunk_size in (_small_caps(piece_text, own) if run.small_caps
                                      else ((piece_text, own),)):
                for name, piece in self.fonts.split(chunk, font, run.bold, run.italic):
                    text.setFont(name, chunk_size)
                    text.textOut(piece)
                    x += canvas.stringWidth(piece, name, chunk_size)
            if link_element is not None:
                mark_text(text, element)
            if run.highlight:
                marks.append((start, x))
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
        for left, right in marks:
            canvas.setFillColor(colour(HIGHLIGHT))
            canvas.rect(left, -(baseline + size * 0.25), right - left, size * 1.15, stroke=0,
                        fill=1)
        canvas.drawText(text)
        for left, formula, own, shade in formulas:
            self._formula(formula, left, baseline, own, shade)
        for shade, left, right, y, width in strokes:
            canvas.setStrokeColor(colour(shade))
            canvas.setLineWidth(width)
            canvas.line(left, -y, right, -y)
        for url, left, right in link_spans:
            link_element, description = self._links.get(url, (None, ""))
            tagged_link(canvas, url, (left, -(baseline + size * 0.25), right, -(baseline - size)),
                        link_element, description)

    def _formula(self, formula, x: float, baseline: float, size: float, shade: str) -> None:
        """A formula's glyphs and rules, as `layout.math` set them."""
        canvas = self.canvas
        canvas.setFillColor(colour(shade))
        canvas.setStrokeColor(colour(shade))
        for item in formula_box(formula, size).items:
            if isinstance(item, Glyph):
                for name, piece in self.fonts.split(item.text, item.font):
                    canvas.setFont(name, item.size)
                    canvas.drawString(x + item.x, -(baseline - item.y), piece)
            else:
                canvas.setLineWidth(item.width)
                canvas.line(x + item.x1, -(baseline - item.y1), x + item.x2,
                            -(baseline - item.y2))


def _link_texts(para: TextPara, element) -> dict:
    """address -> (its Link element inside `element`, its description) for the links of
    a paragraph; {} when the paragraph is not tagged."""
    if element is None:
        return {}
    texts: dict = {}
    for run in para.runs:
        if run.link:
            texts[run.link] = texts.get(run.link, "") + run.text
    # A Link goes into the paragraph where its text is first drawn (`later`).
    return {url: (element.later("Link"), link_description(url, text))
            for url, text in texts.items()}


def _small_caps(text: str, size: float):
    """(text, size) pieces of `text` in small capitals: lower case as capitals at 80 %."""
    pieces = []
    for char in text:
        upper = char.upper() if len(char.upper()) == 1 else char
        own = size * SMALL_CAPS if upper != char else size
        if pieces and pieces[-1][1] == own:
            pieces[-1] = (pieces[-1][0] + upper, own)
        else:
            pieces.append((upper, own))
    return pieces
