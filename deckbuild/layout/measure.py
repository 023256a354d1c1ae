"""Text as it will be set: paragraphs, line wrapping and heights, with real font metrics.

Both renderers set body text from the same `TextPara` list with the same sizes,
spacing and indents, so what fits here fits in PowerPoint, LibreOffice and the
handout's miniatures. Widths come from reportlab's metrics for Helvetica, which
match Arial's (the deck's font) and Liberation Sans (LibreOffice's stand-in).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model import (CodeBlock, Heading, ListBlock, Paragraph, Quote, ResourceList, Run, Text,
                     plain)

LINE = 1.2  # line height as a multiple of the font size, written into the deck exactly
SPACE_BEFORE = 0.45  # space before a top-level paragraph, times its size
SPACE_BEFORE_NESTED = 0.2
INDENT = 30.0  # points per list level
HANGING = 22.0  # bullet to text


@dataclass(frozen=True)
class TextPara:
    """One paragraph of a text box, as both renderers set it."""

    runs: Text
    kind: str = "plain"  # plain | bullet | number | heading | quote | attribution | code | detail
    level: int = 0
    number: int = 0
    scale: float = 1.0  # size relative to the box's body size
    align: str = "left"

    @property
    def left(self) -> float:
        if self.kind in ("bullet", "number"):
            return INDENT * self.level + HANGING
        return INDENT * self.level

    @property
    def hanging(self) -> float:
        return HANGING if self.kind in ("bullet", "number") else 0.0

    def space_before(self, size: float) -> float:
        factor = SPACE_BEFORE if self.level == 0 else SPACE_BEFORE_NESTED
        if self.kind == "detail":
            factor = 0.1
        return factor * size * self.scale


BULLETS = ("\u2022", "\u2013", "\u25e6", "\u2022", "\u2013", "\u25e6")


def bullet_for(para: TextPara) -> str:
    if para.kind == "number":
        return f"{para.number}."
    return BULLETS[para.level % len(BULLETS)]


# ---------------------------------------------------------------- blocks -> paragraphs


def paragraphs_for(blocks: Sequence) -> List[TextPara]:
    """The text blocks of a slide as paragraphs; pictures and tables are placed elsewhere."""
    paras: List[TextPara] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paras.append(TextPara(block.text))
        elif isinstance(block, Heading):
            paras.append(TextPara(tuple(_bold(r) for r in block.text), "heading"))
        elif isinstance(block, ListBlock):
            paras.extend(_list_paras(block, 0))
        elif isinstance(block, Quote):
            for text in block.paragraphs:
                paras.append(TextPara(tuple(_italic(r) for r in text), "quote"))
            if block.attribution:
                paras.append(TextPara((Run("\u2014 "),) + block.attribution, "attribution",
                                      scale=0.85))
        elif isinstance(block, CodeBlock):
            for line in block.code.split("\n") or [""]:
                paras.append(TextPara((Run(line or " ", code=True),), "code", scale=0.8))
        elif isinstance(block, ResourceList):
            for resource in block.items:
                paras.extend(resource_paras(resource))
    return paras


def resource_paras(resource) -> List[TextPara]:
    name = Run(resource.name, bold=True, link=resource.url or None)
    head: List[Run] = [name]
    if resource.description:
        head.append(Run(" \u2014 " + resource.description))
    details = [d for d in (resource.phone, resource.hours) if d]
    if resource.url and not resource.url.startswith("tel:"):
        details.append(display_url(resource.url))
    paras = [TextPara(tuple(head))]
    if details:
        paras.append(TextPara((Run("  \u00b7  ".join(details)),), "detail", scale=0.75))
    return paras


def display_url(url: str) -> str:
    """An address as printed: without the scheme for web addresses."""
    return re.sub(r"^(https?://|mailto:|tel:)", "", url).rstrip("/")


def _list_paras(block: ListBlock, level: int) -> List[TextPara]:
    paras = []
    for index, item in enumerate(block.items):
        kind = "number" if block.ordered else "bullet"
        paras.append(TextPara(item.text, kind, level, block.start + index))
        for child in item.children:
            paras.extend(_list_paras(child, level + 1))
    return paras


def _bold(run: Run) -> Run:
    return Run(**{**run.__dict__, "bold": True})


def _italic(run: Run) -> Run:
    return Run(**{**run.__dict__, "italic": True})


# ---------------------------------------------------------------- fonts and widths


def font_for(run: Run, base: str = "Helvetica") -> str:
    """The reportlab font that measures (and draws) a run."""
    if run.code:
        family = "Courier"
    else:
        family = base
    if family in ("Helvetica", "Courier", "Times-Roman"):
        stem = "Times" if family == "Times-Roman" else family
        if run.bold and run.italic:
            return f"{stem}-BoldOblique" if stem != "Times" else "Times-BoldItalic"
        if run.bold:
            return f"{stem}-Bold"
        if run.italic:
            return f"{stem}-Oblique" if stem != "Times" else "Times-Italic"
        return family
    return family


@functools.lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def run_size(run: Run, size: float) -> float:
    return size * 0.7 if (run.superscript or run.subscript) else size


# ---------------------------------------------------------------- wrapping

Segment = Tuple[Run, str]


def wrap(runs: Text, width: float, size: float, first_indent: float = 0.0,
         font: str = "Helvetica") -> List[List[Segment]]:
    """Lines of (run, text) that fit `width`; a word longer than a line is broken."""
    lines: List[List[Segment]] = [[]]
    used = first_indent
    for run in runs:
        if run.text == "\n":
            lines.append([])
            used = 0.0
            continue
        fname = font_for(run, font)
        rsize = run_size(run, size)
        for token in re.findall(r"\S+|\s+", run.text):
            if token.isspace():
                if lines[-1]:
                    token = " "
                    w = _width(token, fname, rsize)
                    lines[-1].append((run, token))
                    used += w
                continue
            w = _width(token, fname, rsize)
            if used + w <= width or (not lines[-1] and w <= width):
                lines[-1].append((run, token))
                used += w
                continue
            _trim(lines[-1])
            if lines[-1]:
                lines.append([])
                used = 0.0
            if w <= width:
                lines[-1].append((run, token))
                used = w
                continue
            # An unbreakable word (a long address): break it where the line ends.
            piece = ""
            for char in token:
                cw = _width(piece + char, fname, rsize)
                if cw > width - used and (piece or lines[-1]):
                    if piece:
                        lines[-1].append((run, piece))
                    lines.append([])
                    used, piece = 0.0, char
                else:
                    piece += char
            if piece:
                lines[-1].append((run, piece))
                used = _width(piece, fname, rsize)
    for line in lines:
        _trim(line)
    return lines


def _trim(line: List[Segment]) -> None:
    while line and line[-1][1].isspace():
        line.pop()


def para_lines(para: TextPara, width: float, size: float, font: str = "Helvetica"):
    return wrap(para.runs or (Run(" "),), max(width - para.left, 20.0), size * para.scale,
                font=font)


def para_height(para: TextPara, width: float, size: float, first: bool,
                font: str = "Helvetica") -> float:
    lines = para_lines(para, width, size, font)
    height = len(lines) * size * para.scale * LINE
    if not first:
        height += para.space_before(size)
    return height


def text_height(paras: Sequence[TextPara], width: float, size: float,
                font: str = "Helvetica") -> float:
    return sum(para_height(p, width, size, i == 0, font) for i, p in enumerate(paras))


def title_lines(title: Text, width: float, size: float, font: str = "Helvetica"):
    return wrap(tuple(_bold(r) for r in title), width, size, font=font)


def longest_word_fits(paras: Sequence[TextPara], width: float, size: float) -> Optional[str]:
    """The first word too wide for its line even alone, or None."""
    for para in paras:
        for run in para.runs:
            for word in run.text.split():
                if _width(word, font_for(run), size * para.scale) > width - para.left:
                    return word
    return None


def plain_text(paras: Sequence[TextPara]) -> str:
    return "\n".join(plain(p.runs) for p in paras)
