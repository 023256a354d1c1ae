"""Pictures and tables on a miniature, in the boxes the plan gave them."""
from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader

from ...design.colour import tint
from ...layout.callout import callout_layout
from ...layout.paragraphs import TextPara
from ...layout.plan import Visual
from ...layout.table import table_layout
from ...media import load_picture
from ...model import Image, Run, Table
from .shapes import fill_box
from .text import TextPainter
from .marks import marked
from .shapes import colour

TABLE_RULE = 1.0  # white lines between cells (the default table style)


def draw_picture(canvas, painter: TextPainter, visual: Visual, caption_size: float,
                 caption_colour: str, tags=None) -> None:
    image: Image = visual.block
    box = visual.box
    picture = load_picture(image.path)
    with marked(canvas, tags and tags.figure(image.alt)):
        canvas.drawImage(ImageReader(io.BytesIO(picture.data)), box.x, -(box.y + box.h),
                         box.w, box.h, mask="auto")
    if visual.caption is not None and image.caption_text:
        para = TextPara((Run(image.caption_text, italic=True),))
        painter.text(visual.caption, [(para, caption_size, caption_colour)], "t", ["center"],
                     tag=tags and tags.block("Caption"))


def draw_table(canvas, painter: TextPainter, visual: Visual, accent: str, text_colour: str,
               caption_size: float, caption_colour: str, tags=None) -> None:
    """The deck's table in python-pptx's default style (Medium Style 2, accent 1); tagged,
    a Table of rows (TR) of header (TH) and data (TD) cells."""
    table: Table = visual.block
    if not table.header and not table.rows:
        return
    laid = table_layout(table, visual.box, visual.size)
    element = tags and tags.block("Table")
    rows: dict = {}
    for cell in laid.cells:
        band = cell.row - (1 if table.header else 0)
        fill = accent if cell.header else tint(accent, 0.4 if band % 2 == 0 else 0.2)
        fill_box(canvas, cell.box, fill)
        tag = None
        if element is not None:
            row = rows.get(cell.row) or rows.setdefault(cell.row, element.add("TR"))
            tag = row.add("TH", attributes={"O": "Table", "Scope": "Column"}) \
                if cell.header else row.add("TD")
        painter.text(cell.inner, [(cell.para, visual.size,
                                   "FFFFFF" if cell.header else text_colour)], "t", tag=tag)
    box = laid.box
    bottom = laid.cells[-1].box.y + laid.heights[-1]
    canvas.setStrokeColor(colour("FFFFFF"))
    canvas.setLineWidth(TABLE_RULE)
    for c in range(1, laid.columns):
        x = laid.column_x(c)
        canvas.line(x, -box.y, x, -bottom)
    for cell in laid.cells:
        if cell.row and cell.column == 0:
            canvas.line(box.x, -cell.box.y, box.x + box.w, -cell.box.y)
    if laid.caption is not None:
        painter.text(laid.caption, [(TextPara(table.caption), caption_size, caption_colour)],
                     "t", tag=tags and tags.block("Caption"))


def draw_callout(canvas, painter: TextPainter, visual: Visual, text_colour: str,
                 tags=None) -> None:
    """A callout as the deck draws it: tinted box, coloured bar, title line, text (tagged,
    a Div of paragraphs)."""
    laid = callout_layout(visual.block, visual.box, visual.size)
    fill_box(canvas, laid.box, laid.fill)
    fill_box(canvas, laid.bar, laid.colour)
    items = [(para, visual.size, laid.colour if index == 0 else text_colour)
             for index, para in enumerate(laid.paras)]
    division = tags and tags.block("Div")
    painter.text(laid.text, items, "t",
                 tag=division and (lambda para: tags.para(para, division)))
