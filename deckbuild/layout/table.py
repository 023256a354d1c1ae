"""Tables as both renderers set them: every row's height, every cell's box and text.

The deck writes each row as tall as measured here and the handout draws the
same cells, so a table ends where the plan placed it in both.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import accumulate
from typing import Optional, Sequence, Tuple

from ..model import Run, Table, Text
from .geometry import CAPTION_HEIGHT, Box
from .linebreak import wrap
from .measure import LINE
from .paragraphs import TextPara, bold

CELL_MARGIN_X = 5.0  # left and right inside a table cell
CELL_MARGIN_Y = 3.0  # top and bottom
CELL_PADDING = 10.0  # a cell's height beyond its lines: margins of 3 pt and room to spare


def table_row_height(row: Sequence[Text], column_width, size: float) -> float:
    """A row's height; `column_width` is one width for every column, or one per column."""
    widths = tuple(column_width) if isinstance(column_width, (tuple, list)) else \
        (column_width,) * len(row)
    return _row_height(tuple(row), widths, size)


@functools.lru_cache(maxsize=65536)
def _row_height(row: Tuple[Text, ...], widths: Tuple[float, ...], size: float) -> float:
    """Kept: fitting measures the same rows at the same sizes for every cut it tries."""
    lines = max([_cell_lines(cell, max(w - 2 * CELL_MARGIN_X, 10), size)
                 for cell, w in zip(row, widths)] + [1])
    return lines * size * LINE + CELL_PADDING


def _cell_lines(cell: Text, width: float, size: float) -> int:
    return len(wrap(cell or (), width, size))


def column_widths(table: Table, width: float, columns: int) -> Tuple[float, ...]:
    """Each column's width: the shares the source gave (multiline and grid tables), else
    equal."""
    shares = list(table.widths[:columns])
    if len(shares) < columns or not all(share > 0 for share in shares):
        return (width / columns,) * columns
    total = sum(shares)
    return tuple(width * share / total for share in shares)


def table_height(table: Table, width: float, size: float) -> float:
    columns = max([len(table.header)] + [len(r) for r in table.rows] + [1])
    widths = column_widths(table, width, columns)
    rows = ([table.header] if table.header else []) + list(table.rows)
    height = sum(table_row_height(r, widths, size) for r in rows)
    if table.caption:
        height += CAPTION_HEIGHT
    return height


@dataclass(frozen=True)
class Cell:
    row: int
    column: int
    box: Box  # the whole cell
    para: TextPara  # its text (bold in the header row), aligned as its column
    header: bool

    @property
    def inner(self) -> Box:
        """The cell less its margins: where its text goes."""
        box = self.box
        return Box(box.x + CELL_MARGIN_X, box.y + CELL_MARGIN_Y, box.w - 2 * CELL_MARGIN_X,
                   box.h - 2 * CELL_MARGIN_Y)


@dataclass(frozen=True)
class TableLayout:
    box: Box  # the table: the planned box less the caption line
    columns: int
    column_width: float  # the first column's (all of them, unless the source gave widths)
    heights: Tuple[float, ...]  # every row's, as measured
    cells: Tuple[Cell, ...]  # row by row
    caption: Optional[Box]  # the caption line below the table
    widths: Tuple[float, ...] = ()  # every column's

    def column_x(self, column: int) -> float:
        """Where column `column` starts."""
        if len(set(self.widths)) <= 1:
            return self.box.x + column * self.column_width
        return self.box.x + sum(self.widths[:column])


def table_layout(table: Table, planned: Box, size: float) -> TableLayout:
    """The cells of `table` set at `size` in the box the plan gave it (caption included)."""
    box = planned
    caption = None
    if table.caption:
        box = Box(box.x, box.y, box.w, max(box.h - CAPTION_HEIGHT, 12))
        caption = Box(box.x, box.y + box.h + 2, box.w, CAPTION_HEIGHT - 2)
    rows = ([table.header] if table.header else []) + list(table.rows)
    columns = max(len(r) for r in rows) if rows else 1
    widths = column_widths(table, box.w, columns)
    equal = len(set(widths)) == 1
    lefts = [box.x + (c * widths[0] if equal else sum(widths[:c])) for c in range(columns)]
    heights = tuple(table_row_height(row, widths, size) for row in rows)
    tops = [box.y + above for above in accumulate(heights[:-1], initial=0)]
    aligns = list(table.aligns) + [""] * columns
    cells = []
    for r, row in enumerate(rows):
        header = r == 0 and bool(table.header)
        for c in range(columns):
            text = row[c] if c < len(row) else ()
            runs = bold(text) if header else tuple(text)
            para = TextPara(runs or (Run(""),), align=aligns[c] or "left")
            cells.append(Cell(r, c, Box(lefts[c], tops[r], widths[c], heights[r]), para,
                              header))
    return TableLayout(box, columns, widths[0], heights, tuple(cells), caption, widths)
