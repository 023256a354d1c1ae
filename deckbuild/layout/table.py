"""Tables as both renderers set them: every row's height, every cell's box and text.

The deck writes each row as tall as measured here and the handout draws the
same cells, so a table ends where the plan placed it in both.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from ..model import Run, Table, Text
from .geometry import CAPTION_HEIGHT, Box
from .linebreak import wrap
from .measure import LINE
from .paragraphs import TextPara, bold

CELL_MARGIN_X = 5.0  # left and right inside a table cell
CELL_MARGIN_Y = 3.0  # top and bottom
CELL_PADDING = 10.0  # a cell's height beyond its lines: margins of 3 pt and room to spare


def table_row_height(row: Sequence[Text], column_width: float, size: float) -> float:
    width = max(column_width - 2 * CELL_MARGIN_X, 10)
    lines = max([len(wrap(cell or (), width, size)) for cell in row] + [1])
    return lines * size * LINE + CELL_PADDING


def table_height(table: Table, width: float, size: float) -> float:
    columns = max([len(table.header)] + [len(r) for r in table.rows] + [1])
    column_width = width / columns
    rows = ([table.header] if table.header else []) + list(table.rows)
    height = sum(table_row_height(r, column_width, size) for r in rows)
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
    column_width: float
    heights: Tuple[float, ...]  # every row's, as measured
    cells: Tuple[Cell, ...]  # row by row
    caption: Optional[Box]  # the caption line below the table


def table_layout(table: Table, planned: Box, size: float) -> TableLayout:
    """The cells of `table` set at `size` in the box the plan gave it (caption included)."""
    box = planned
    caption = None
    if table.caption:
        box = Box(box.x, box.y, box.w, max(box.h - CAPTION_HEIGHT, 12))
        caption = Box(box.x, box.y + box.h + 2, box.w, CAPTION_HEIGHT - 2)
    rows = ([table.header] if table.header else []) + list(table.rows)
    columns = max(len(r) for r in rows) if rows else 1
    column_width = box.w / columns
    heights = tuple(table_row_height(row, column_width, size) for row in rows)
    aligns = list(table.aligns) + [""] * columns
    cells = []
    for r, row in enumerate(rows):
        header = r == 0 and bool(table.header)
        top = box.y + sum(heights[:r])
        for c in range(columns):
            text = row[c] if c < len(row) else ()
            runs = bold(text) if header else tuple(text)
            para = TextPara(runs or (Run(""),), align=aligns[c] or "left")
            cells.append(Cell(r, c, Box(box.x + c * column_width, top, column_width, heights[r]),
                              para, header))
    return TableLayout(box, columns, column_width, heights, tuple(cells), caption)
