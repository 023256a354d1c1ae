"""Text as it will be set: paragraphs, line wrapping and heights, with real font metrics.

Both renderers set body text from the same `TextPara` list with the same sizes,
spacing and indents, so what fits here fits in PowerPoint, LibreOffice and the
handout's miniatures. Widths come from reportlab's metrics for Helvetica, which
match Arial's (the deck's font) and Liberation Sans (LibreOffice's stand-in).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model import (CodeBlock, Heading, ListBlock, Paragraph, Quote, ResourceList, Run, Text,
                     plain)

LINE = 1.2  # line height as a multiple of the font size, written into the deck exactly
SPACE_BEFORE = 0.45  # space before a top-level paragraph, times its size
SPACE_BEFORE_NESTED = 0.2
INDENT = 30.0  # points per list level
HANGING = 22.0  # bullet to text
NUMBER_GAP = 8.0  # between a list number ("10.") and its text
NUMBER_BASIS = 24.0  # the largest size list numbers are set at (the body's starting size)


@dataclass(frozen=True)
class TextPara:
    """One paragraph of a text box, as both renderers set it."""

    runs: Text
    kind: str = "plain"  # plain|bullet|number|heading|quote|attribution|code|detail|byline
    level: int = 0
    number: int = 0
    scale: float = 1.0  # size relative to the box's body size
    align: str = "left"
    caps: bool = False  # drawn in capitals by the layout (section titles)
    incremental: bool = False  # a list item shown on a click
    numbering: Tuple[str, str] = ("decimal", "period")  # number: the list's style, delimiter
    label: str = ""  # number: as printed ("3.", "c)", "(iv)")
    widest: str = ""  # number: the widest number of its list as printed ("10.", "(viii)")

    @property
    def left(self) -> float:
        return INDENT * self.level + self.hanging

    @property
    def hanging(self) -> float:
        """Room for the bullet or number left of the text: the widest number of its list fits."""
        if self.kind == "number":
            sample = self.widest or self.label or f"{self.number}."
            label = stringWidth(sample, "Helvetica", NUMBER_BASIS)
            return max(HANGING, float(int(label + NUMBER_GAP + 0.999)))
        return HANGING if self.kind == "bullet" else 0.0

    def text_width(self, box_width: float) -> float:
        """The width its lines wrap in: the box less the indent."""
        return max(box_width - self.left, 20.0)

    def space_before(self, size: float) -> float:
        factor = SPACE_BEFORE if self.level == 0 else SPACE_BEFORE_NESTED
        if self.kind == "detail":
            factor = 0.1
        return factor * size * self.scale


BULLETS = ("\u2022", "\u2013", "\u25e6", "\u2022", "\u2013", "\u25e6")


def bullet_for(para: TextPara) -> str:
    if para.kind == "number":
        return para.label or f"{para.number}."
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


def _list_paras(block: ListBlock, level: int, incremental: bool = False) -> List[TextPara]:
    paras = []
    incremental = incremental or block.incremental
    labels = [block.label(index) for index in range(len(block.items))] if block.ordered else []
    widest = max(labels, key=lambda text: stringWidth(text, "Helvetica", NUMBER_BASIS),
                 default="")
    for index, item in enumerate(block.items):
        kind = "number" if block.ordered else "bullet"
        paras.append(TextPara(item.text, kind, level, block.start + index,
                              incremental=incremental,
                              numbering=(block.style, block.delimiter),
                              label=labels[index] if labels else "", widest=widest))
        for child in item.children:
            paras.extend(_list_paras(child, level + 1, incremental))
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


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _fallback_em(char: str) -> float:
    """Width in ems of a character the base font lacks (drawn from a fallback font).

    reportlab only knows the WinAnsi characters of its standard fonts; LibreOffice
    and PowerPoint draw the rest (Cyrillic, Chinese, emoji...) from other fonts.
    Wide East Asian characters and emoji take a full em or more; for the rest
    0.8 em is at least as wide as most letters of Arial's other scripts.
    """
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if ord(char) >= 0x1F000:
        return 1.25
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.8


@functools.lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    text = text.replace(SOFT_BREAK, "")
    if _cp1252(text):  # every character (the codec maps one character at a time)
        return stringWidth(text, font, size)
    width = 0.0
    for char in text:
        width += stringWidth(char, font, size) if _cp1252(char) else _fallback_em(char) * size
    return width


def run_size(run: Run, size: float) -> float:
    return size * 0.7 if (run.superscript or run.subscript) else size


# ---------------------------------------------------------------- wrapping
#
# Line breaking as PowerPoint and LibreOffice do it: at spaces, after a hyphen
# between letters, and inside a word only when the word alone is wider than the
# line. Those breaks inside long words (web addresses, e-mail addresses) are
# chosen here, after "/", "." and the like where possible, and the deck
# renderer writes a zero-width space at each of them (`runs_to_write`), so every
# program breaks the word at the same places this module measured.

Segment = Tuple[Run, str]
# LibreOffice lays text out at a reference resolution, so its lines come out up
# to about 1.5 % wider or narrower than the font's metrics say (measured at 10 to
# 48 pt); lines are filled only to this share of a box so they fit there too.
WIDTH_SHARE = 0.985
SOFT_BREAK = "\u200b"  # zero-width space: a break opportunity nobody sees
WORD_JOINER = "\u2060"  # zero width and no break opportunity
BREAK_SPACES = " \t\u3000"
URL_BREAK_AFTER = "/.-?&=_@#:;,+~"
HYPHENS_AFTER = "\u2013\u2014"
_TOKEN = re.compile(f"(?P<newline>\n)|(?P<space>[{BREAK_SPACES}]+)|(?P<word>[^\n{BREAK_SPACES}]+)")
# After a hyphen between letters or digits, or after an en or em dash inside a word.
_HYPHEN_CUT = re.compile(r"(?<=[^\W_]-)(?=[^\W_])|(?<=.[\u2013\u2014])(?=\S)")


@dataclass(slots=True)
class _Piece:
    """A stretch no program breaks inside: (run index, start, end) parts, maybe several runs."""

    parts: List[Tuple[int, int, int]]
    width: float
    soft_end: bool = False  # the break after it is one we insert (a zero-width space)


class _Layout:
    """One paragraph's runs broken into lines of a given width."""

    def __init__(self, runs: Text, width: float, size: float, font: str = "Helvetica",
                 caps: bool = False):
        self.runs = runs
        self.width = width * WIDTH_SHARE
        self.size = size
        self.font = font
        self.caps = caps
        self.lines: List[List[Tuple[int, int, int]]] = [[]]
        self.soft: Dict[int, List[int]] = {}  # run index -> offsets of inserted breaks
        self.cuts: Dict[int, List[int]] = {}  # run index -> offsets of every break inside a word
        self._used = 0.0
        self._pending: List[Tuple[int, int, int]] = []  # spaces waiting for the next word
        self._pending_w = 0.0
        self._fonts = [(font_for(run, font), run_size(run, size)) for run in runs]
        self._run()

    def _part_width(self, index: int, start: int, end: int) -> float:
        text = self.runs[index].text[start:end]
        if self.caps:
            text = capitals(text)
        return _width(text, *self._fonts[index])

    def _run(self) -> None:
        word: List[Tuple[int, int, int]] = []
        for index, run in enumerate(self.runs):
            for match in _TOKEN.finditer(run.text):
                start, end = match.span()
                kind = match.lastgroup
                if kind == "word":
                    word.append((index, start, end))
                    continue
                self._word(word)
                word = []
                if kind == "newline":
                    self._newline()
                else:
                    self._space(index, start, end)
        self._word(word)

    # -- words into pieces

    def _word(self, parts: List[Tuple[int, int, int]]) -> None:
        if not parts:
            return
        if len(parts) == 1:  # the common case: one run, most often no hyphen
            index, start, end = parts[0]
            text = self.runs[index].text[start:end]
            if "-" not in text and "\u2013" not in text and "\u2014" not in text:
                width = self._part_width(index, start, end)
                if width <= self.width:
                    self._place(_Piece(parts, width))
                    return
        pieces = []
        for piece in self._pieces(parts):
            pieces.extend(self._split_long(piece) if piece.width > self.width else [piece])
        for number, piece in enumerate(pieces):
            self._place(piece)
            if number < len(pieces) - 1:
                index, _, end = piece.parts[-1]
                self.cuts.setdefault(index, []).append(end)
                if piece.soft_end:
                    self.soft.setdefault(index, []).append(end)

    def _pieces(self, parts) -> List[_Piece]:
        """The word cut after hyphens between letters or digits, where every program may."""
        text = "".join(self.runs[i].text[s:e] for i, s, e in parts)
        if "-" not in text and "\u2013" not in text and "\u2014" not in text:
            return [self._piece(parts)]
        cuts = [m.start() for m in _HYPHEN_CUT.finditer(text)]
        return [self._piece(chunk) for chunk in _cut_parts(parts, cuts)]

    def _piece(self, parts, soft_end: bool = False) -> _Piece:
        return _Piece(list(parts), sum(self._part_width(*p) for p in parts), soft_end)

    def _split_long(self, piece: _Piece) -> List[_Piece]:
        """A piece wider than the line: cut after address punctuation, else between letters."""
        text = "".join(self.runs[i].text[s:e] for i, s, e in piece.parts)
        cuts = [k + 1 for k in range(len(text) - 1)
                if text[k] in URL_BREAK_AFTER and text[k + 1].isalnum()]
        chunks = []
        for parts in _cut_parts(piece.parts, cuts):
            chunk = self._piece(parts, soft_end=True)
            if chunk.width <= self.width:
                chunks.append(chunk)
                continue
            chunks.extend(self._split_chars(parts))
        if chunks:
            chunks[-1].soft_end = piece.soft_end
        return chunks

    def _split_chars(self, parts) -> List[_Piece]:
        chunks, current, used = [], [], 0.0
        for index, start, end in parts:
            for k in range(start, end):
                w = self._part_width(index, k, k + 1)
                if current and used + w > self.width:
                    chunks.append(self._piece(_merge(current), soft_end=True))
                    current, used = [], 0.0
                current.append((index, k, k + 1))
                used += w
        if current:
            chunks.append(self._piece(_merge(current), soft_end=True))
        return chunks

    # -- pieces into lines

    def _space(self, index: int, start: int, end: int) -> None:
        if self.lines[-1] or self._pending:
            self._pending.append((index, start, end))
            self._pending_w += self._part_width(index, start, end)

    def _place(self, piece: _Piece) -> None:
        line = self.lines[-1]
        if line and self._used + self._pending_w + piece.width > self.width:
            self.lines.append([])
            self._used = 0.0
            line = self.lines[-1]
        elif line:
            line.extend(self._pending)
            self._used += self._pending_w
        self._pending, self._pending_w = [], 0.0
        line.extend(piece.parts)
        self._used += piece.width

    def _newline(self) -> None:
        self.lines.append([])
        self._used = 0.0
        self._pending, self._pending_w = [], 0.0

    def segments(self) -> List[List[Segment]]:
        return [[(self.runs[i], self.runs[i].text[s:e]) for i, s, e in _merge(line)]
                for line in self.lines]


def _cut_parts(parts, cuts) -> List[list]:
    """Parts (run, start, end) cut at character offsets of their joined text."""
    cuts = sorted(set(cuts))
    chunks, current, offset, next_cut = [], [], 0, 0
    for index, start, end in parts:
        length, k = end - start, start
        while next_cut < len(cuts) and cuts[next_cut] - offset < length:
            cut = start + cuts[next_cut] - offset
            next_cut += 1
            if cut > k:
                current.append((index, k, cut))
                k = cut
            if current:
                chunks.append(current)
                current = []
        if end > k:
            current.append((index, k, end))
        offset += length
    if current:
        chunks.append(current)
    return chunks


def _merge(parts) -> list:
    """Neighbouring parts of the same run joined."""
    merged = []
    for index, start, end in parts:
        if merged and merged[-1][0] == index and merged[-1][2] == start:
            merged[-1] = (index, merged[-1][1], end)
        else:
            merged.append((index, start, end))
    return merged


def capitals(text: str) -> str:
    """`text` as a layout with all capitals draws it, letter for letter (so ß stays ß)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


@functools.lru_cache(maxsize=32768)
def _layout(runs: Text, width: float, size: float, font: str, caps: bool) -> _Layout:
    """One paragraph's layout, kept: fitting tries sizes again and the renderer asks again."""
    return _Layout(runs, width, size, font, caps)


def wrap(runs: Text, width: float, size: float, font: str = "Helvetica",
         caps: bool = False) -> List[List[Segment]]:
    """Lines of (run, text) that fit `width`; a word longer than a line is broken."""
    return _layout(tuple(runs), width, size, font, caps).segments()


def runs_to_write(runs: Text, width: float, size: float, font: str = "Helvetica",
                  caps: bool = False) -> Text:
    """The runs as the deck should carry them so every program breaks lines as measured.

    A zero-width space marks each break chosen inside a long word. Links are cut
    into one run per word, space and piece of a broken word: LibreOffice turns a
    link into one unbreakable field, so a link of several words would otherwise
    move to the next line whole.
    """
    layout = _layout(tuple(runs), width, size, font, caps)
    out: List[Run] = []
    for index, run in enumerate(runs):
        soft = set(layout.soft.get(index, ()))
        cuts = set(layout.cuts.get(index, ())) if run.link else soft
        if run.link:
            cuts |= {m.end() for m in re.finditer(f"[{BREAK_SPACES}]+", run.text)}
            cuts |= {m.start() for m in re.finditer(f"[{BREAK_SPACES}]+", run.text)}
        pieces, start = [], 0
        for cut in sorted(c for c in cuts if 0 < c < len(run.text)):
            pieces.append(run.text[start:cut] + (SOFT_BREAK if cut in soft else ""))
            start = cut
        pieces.append(run.text[start:])
        if not run.link:
            pieces = ["".join(pieces)]
        pieces = [piece for piece in pieces if piece]
        if run.link:
            # LibreOffice draws the last run of a link in the text colour; an invisible
            # word joiner (no width, no break) takes that place.
            pieces.append(WORD_JOINER)
        out.extend(replace(run, text=piece) if piece != run.text else run for piece in pieces)
    return tuple(out)


def para_lines(para: TextPara, width: float, size: float, font: str = "Helvetica"):
    """The lines `para` takes in a box `width` wide, its body size being `size`."""
    return wrap(para.runs or (Run(" "),), para.text_width(width), size * para.scale, font=font,
                caps=para.caps)


def para_runs_to_write(para: TextPara, width: float, size: float,
                       font: str = "Helvetica") -> Text:
    return runs_to_write(para.runs, para.text_width(width), size * para.scale, font=font,
                         caps=para.caps)


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


def title_lines(title: Text, width: float, size: float, font: str = "Helvetica",
                caps: bool = False):
    return wrap(tuple(_bold(r) for r in title), width, size, font=font, caps=caps)


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
