"""A table as a native PowerPoint table, its rows as tall as `layout.table` measured them."""
from __future__ import annotations

from pptx.table import _Cell
from pptx.util import Emu

from ...design.box import EMU_PER_POINT
from ...layout.paragraphs import TextPara
from ...layout.table import CELL_MARGIN_X, CELL_MARGIN_Y, table_layout
from ...model import Table
from .shapes import add_caption, emu_box
from .text import TextWriter


def add_table(slide, text: TextWriter, visual, caption_size: float, muted) -> list:
    """The table (and its caption) in the planned box; the shapes, in reading order."""
    model: Table = visual.block
    laid = table_layout(model, visual.box, visual.size)
    frame = slide.shapes.add_table(max(len(laid.heights), 1), laid.columns,
                                   *emu_box(laid.box))
    table = frame.table
    table.first_row = bool(model.header)
    for row, height in zip(table.rows, laid.heights):
        # Each row as tall as the plan measured it, so the table ends where planned.
        row.height = Emu(int(round(height * EMU_PER_POINT)))
    if len(set(laid.widths)) > 1:  # the widths the source gave (multiline and grid tables)
        for column, width in zip(table.columns, laid.widths):
            column.width = Emu(int(round(width * EMU_PER_POINT)))
    # One list of cells, read once: table.cell(r, c) searches the rows each time.
    cells = [_Cell(tc, table) for tr in table._tbl.tr_lst for tc in tr.tc_lst]
    for cell in laid.cells:
        shape = cells[cell.row * laid.columns + cell.column]
        shape.margin_left = shape.margin_right = Emu(int(CELL_MARGIN_X * EMU_PER_POINT))
        shape.margin_top = shape.margin_bottom = Emu(int(CELL_MARGIN_Y * EMU_PER_POINT))
        frame_text = shape.text_frame
        frame_text.word_wrap = True
        text.fill(frame_text, [cell.para], visual.size, width=cell.inner.w)
    shapes = [frame]
    if laid.caption is not None:
        shapes.append(add_caption(slide, text, laid.caption, [TextPara(model.caption)],
                                  caption_size, muted))
    return shapes
