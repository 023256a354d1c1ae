"""How much room text takes: lines and heights of paragraphs, as every program sets them.

The paragraph model is `paragraphs`, widths come from `metrics`, line breaks
from `linebreak`; this puts them together into the heights fitting compares
with boxes.
"""
from __future__ import annotations

from typing import Sequence

from ..model import Run, Text
from .linebreak import breaks_words, runs_to_write, wrap
from .math import formula_size
from .metrics import run_size
from .paragraphs import TextPara
from .style import LINE


def para_lines(para: TextPara, width: float, size: float, font: str = "Helvetica"):
    """The lines `para` takes in a box `width` wide, its body size being `size`."""
    return wrap(para.runs or (Run(" "),), para.text_width(width), size * para.scale, font=font,
                caps=para.caps)


def para_runs_to_write(para: TextPara, width: float, size: float,
                       font: str = "Helvetica") -> Text:
    return runs_to_write(para.runs, para.text_width(width), size * para.scale, font=font,
                         caps=para.caps)


def line_height(para: TextPara, size: float) -> float:
    """The height of each line of `para` (its body size being `size`), as the deck sets it:
    LINE x its size, or more when a formula in it is taller (a fraction, a sum)."""
    own = size * para.scale
    height = own * LINE
    for run in para.runs:
        if run.math is not None:
            _, ascent, descent = formula_size(run.math, run_size(run, own))
            height = max(height, (ascent + descent) * 1.1 + own * 0.25)
    return height


def baseline_offset(para: TextPara, size: float) -> float:
    """How far below a line's top its baseline sits: one font size, or a formula's ascent."""
    own = size * para.scale
    offset = own
    for run in para.runs:
        if run.math is not None:
            _, ascent, descent = formula_size(run.math, run_size(run, own))
            extra = line_height(para, size) - own * LINE
            offset = max(offset, own + extra * ascent / max(ascent + descent, 0.01))
    return offset


def para_height(para: TextPara, width: float, size: float, first: bool,
                font: str = "Helvetica") -> float:
    lines = para_lines(para, width, size, font)
    height = len(lines) * line_height(para, size)
    if not first:
        height += para.space_before(size)
    return height


def text_height(paras: Sequence[TextPara], width: float, size: float,
                font: str = "Helvetica") -> float:
    return sum(para_height(p, width, size, i == 0, font) for i, p in enumerate(paras))


def para_breaks_words(para: TextPara, width: float, size: float,
                      font: str = "Helvetica") -> bool:
    """Whether a word of `para` is cut between letters in a box `width` wide."""
    return breaks_words(para.runs or (Run(" "),), para.text_width(width), size * para.scale,
                        font=font, caps=para.caps)
