"""How much room text takes: lines and heights of paragraphs, as every program sets them.

The paragraph model is `paragraphs`, widths come from `metrics`, line breaks
from `linebreak`; this puts them together into the heights fitting compares
with boxes.
"""
from __future__ import annotations

from typing import Sequence

from ..model import Run, Text
from .linebreak import runs_to_write, wrap
from .paragraphs import TextPara, bold

LINE = 1.2  # line height as a multiple of the font size, written into the deck exactly


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
    return wrap(bold(title), width, size, font=font, caps=caps)
