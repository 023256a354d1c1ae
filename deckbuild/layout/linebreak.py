"""Line breaking as PowerPoint and LibreOffice do it.

At spaces, after a hyphen between letters, and inside a word only when the word
alone is wider than the line. Those breaks inside long words (web addresses,
e-mail addresses) are chosen here, after "/", "." and the like where possible,
and the deck renderer writes a zero-width space at each of them
(`runs_to_write`), so every program breaks the word at the same places this
module measured.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, replace
from typing import Dict, List, Tuple

from ..model import Run, Text
from .math import formula_size
from .metrics import ZERO_WIDTH_SPACE, font_for, run_size, small_caps_width, text_width

Segment = Tuple[Run, str]
# LibreOffice lays text out at a reference resolution, so its lines come out up
# to about 1.5 % wider or narrower than the font's metrics say (measured at 10 to
# 48 pt); lines are filled only to this share of a box so they fit there too.
WIDTH_SHARE = 0.985
_WINDOW = 32  # the fewest characters summed at a time when cutting a long word
SOFT_BREAK = ZERO_WIDTH_SPACE  # a break opportunity nobody sees
WORD_JOINER = "\u2060"  # zero width and no break opportunity
BREAK_SPACES = " \t\u3000"
URL_BREAK_AFTER = "/.-?&=_@#:;,+~"
HYPHENS_AFTER = "\u2013\u2014"
_TOKEN = re.compile(f"(?P<newline>\n)|(?P<space>[{BREAK_SPACES}]+)|(?P<word>[^\n{BREAK_SPACES}]+)")
# After a hyphen between letters or digits, or after an en or em dash inside a word.
# Where a long word may be cut: after address punctuation followed by a letter or digit.
_URL_CUT = re.compile(f"(?<=[{re.escape(URL_BREAK_AFTER)}])(?=[^\\W_])")
_HYPHEN_CUT = re.compile(r"(?<=[^\W_]-)(?=[^\W_])|(?<=.[\u2013\u2014])(?=\S)")


@dataclass(slots=True)
class _Piece:
    """A stretch no program breaks inside: (run index, start, end) parts, maybe several runs."""

    parts: List[Tuple[int, int, int]]
    width: float
    soft_end: bool = False  # the break after it is one we insert (a zero-width space)


class LineBreaker:
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
        self.broken = False  # a word was cut between two letters (it is wider than a line)
        self._used = 0.0
        self._pending: List[Tuple[int, int, int]] = []  # spaces waiting for the next word
        self._pending_w = 0.0
        self._fresh = False  # the next piece starts a line (after a link cut into lines)
        self._fonts = [(font_for(run, font), run_size(run, size)) for run in runs]
        self._widths: Dict[int, Dict[str, float]] = {}  # run index -> character -> width
        self._run()

    def _part_width(self, index: int, start: int, end: int) -> float:
        run = self.runs[index]
        if run.math is not None:  # a formula: one piece, as wide as it is set
            return formula_size(run.math, self._fonts[index][1])[0]
        text = run.text[start:end]
        if self.caps:
            text = capitals(text)
        if run.small_caps:
            return small_caps_width(text, *self._fonts[index])
        return text_width(text, *self._fonts[index])

    def _run(self) -> None:
        word: List[Tuple[int, int, int]] = []
        for index, run in enumerate(self.runs):
            if run.math is not None or (run.link and "\n" not in run.text):
                # No break inside a formula, nor before what touches it. A link is one
                # run, which LibreOffice draws as one field: it moves to the next line
                # whole, and only a link longer than a line is broken inside.
                word.append((index, 0, len(run.text)))
                continue
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
        if any(self.runs[index].math is not None for index, _, _ in parts):
            self._place(self._piece(parts))  # a formula and what touches it stay whole
            return
        if any(self.runs[index].link for index, _, _ in parts):
            self._link(parts)
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

    def _link(self, parts) -> None:
        """A link as LibreOffice draws it (one field): whole on one line when it fits,
        else from the start of a line, cut between letters, and what follows it starts
        a new line. PowerPoint wraps it at our breaks too: never more lines than this."""
        piece = self._piece(parts)
        if piece.width <= self.width:
            self._place(piece)
            return
        if self.lines[-1]:
            self._newline()
        chunks = self._split_chars(parts)
        for number, chunk in enumerate(chunks):
            self._place(chunk)
            if number < len(chunks) - 1:
                index, _, end = chunk.parts[-1]
                self.cuts.setdefault(index, []).append(end)
                self.soft.setdefault(index, []).append(end)
        self._fresh = True

    def _pieces(self, parts) -> List[_Piece]:
        """The word cut after hyphens between letters or digits, where every program may."""
        text = "".join(self.runs[i].text[s:e] for i, s, e in parts)
        if ("-" not in text and "\u2013" not in text and "\u2014" not in text) \
                or any(self.runs[i].link for i, _, _ in parts):
            return [self._piece(parts)]
        cuts = [m.start() for m in _HYPHEN_CUT.finditer(text)]
        return [self._piece(chunk) for chunk in _cut_parts(parts, cuts)]

    def _piece(self, parts, soft_end: bool = False) -> _Piece:
        return _Piece(list(parts), sum(self._part_width(*p) for p in parts), soft_end)

    def _split_long(self, piece: _Piece) -> List[_Piece]:
        """A piece wider than the line: cut after address punctuation, else between letters."""
        text = "".join(self.runs[i].text[s:e] for i, s, e in piece.parts)
        cuts = [m.start() for m in _URL_CUT.finditer(text)]
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
        """Cut between characters where the line is full.

        A 1,000,000-letter word took seconds at every size: each character was
        measured, and added in a Python loop. Here each distinct character is
        measured once, and the running width of a window of characters is summed
        by `itertools.accumulate` (in the same order, so to the same last bit as
        adding one at a time), the place where it passes the line found by bisection.
        """
        chunks, current, used, limit = [], [], 0.0, self.width
        for index, start, end in parts:
            widths = self._char_widths(index, start, end)
            begun, at = start, 0  # the chunk's stretch of this run begins at `begun`
            span = _WINDOW  # characters summed at a time: about two lines' worth
            while at < len(widths):
                window = widths[at:at + span]
                sums = list(itertools.accumulate(window, initial=used))
                empty = not current and start + at == begun
                # sums[j + 1] is the width with character `at + j` added; a character
                # that would start an empty chunk is never cut off.
                j = bisect.bisect_right(sums, limit, lo=2 if empty else 1) - 1
                if j >= len(window):
                    used, at, span = sums[-1], at + len(window), span * 2
                    continue
                cut = start + at + j
                if cut > begun:
                    current.append((index, begun, cut))
                chunks.append(self._piece(_merge(current), soft_end=True))
                current, used, begun, at = [], 0.0, cut, at + j
                span = max(_WINDOW, 2 * j)
            if end > begun:
                current.append((index, begun, end))
        if current:
            chunks.append(self._piece(_merge(current), soft_end=True))
        self.broken = self.broken or len(chunks) > 1
        return chunks

    def _char_widths(self, index: int, start: int, end: int) -> List[float]:
        """`_part_width` of each character of run `index` from `start` to `end`."""
        text = self.runs[index].text[start:end]
        known = self._widths.setdefault(index, {})
        for char in set(text).difference(known):
            offset = start + text.index(char)
            known[char] = self._part_width(index, offset, offset + 1)
        return list(map(known.__getitem__, text))

    # -- pieces into lines

    def _space(self, index: int, start: int, end: int) -> None:
        if self.lines[-1] or self._pending:
            self._pending.append((index, start, end))
            self._pending_w += self._part_width(index, start, end)

    def _place(self, piece: _Piece) -> None:
        line = self.lines[-1]
        if line and (self._fresh or self._used + self._pending_w + piece.width > self.width):
            self.lines.append([])
            self._used = 0.0
            line = self.lines[-1]
        elif line:
            line.extend(self._pending)
            self._used += self._pending_w
        self._pending, self._pending_w, self._fresh = [], 0.0, False
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
def _broken(runs: Text, width: float, size: float, font: str, caps: bool) -> LineBreaker:
    """One paragraph's layout, kept: fitting tries sizes again and the renderer asks again."""
    return LineBreaker(runs, width, size, font, caps)


def wrap(runs: Text, width: float, size: float, font: str = "Helvetica",
         caps: bool = False) -> List[List[Segment]]:
    """Lines of (run, text) that fit `width`; a word longer than a line is broken."""
    return _broken(tuple(runs), width, size, font, caps).segments()


def breaks_words(runs: Text, width: float, size: float, font: str = "Helvetica",
                 caps: bool = False) -> bool:
    """Whether a word must be cut between letters to fit lines `width` wide."""
    return _broken(tuple(runs), width, size, font, caps).broken


def runs_to_write(runs: Text, width: float, size: float, font: str = "Helvetica",
                  caps: bool = False) -> Text:
    """The runs as the deck should carry them so every program breaks lines as measured.

    A zero-width space marks each break chosen inside a long word. A link stays one
    run, so a screen reader announces it once (PowerPoint wraps it between words as
    measured; LibreOffice 7 draws a link as one field and moves it to the next line
    whole when it does not fit where it starts).
    """
    layout = _broken(tuple(runs), width, size, font, caps)
    out: List[Run] = []
    for index, run in enumerate(runs):
        soft = sorted(c for c in layout.soft.get(index, ()) if 0 < c < len(run.text))
        if not soft:
            out.append(run)
            continue
        pieces, start = [], 0
        for cut in soft:
            pieces.append(run.text[start:cut] + SOFT_BREAK)
            start = cut
        pieces.append(run.text[start:])
        out.append(replace(run, text="".join(pieces)))
    return tuple(out)
