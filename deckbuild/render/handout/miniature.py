"""A slide drawn small, as vectors and real text, from the same plan the deck is built from.

Every box comes from `layout.plan.plan_slide` and every line break from
`layout.measure`, exactly as the PowerPoint renderer sets them, so a miniature is
the slide: same words on the same lines, bullets and indents, quotes, tables and
pictures in their places, the accent stripe and the section colour. Text stays
text (selectable, searchable, sharp on paper); links stay clickable.

With an organization's template the boxes and slide size are the template's,
and so is the design: its backgrounds, shapes and pictures and its text colours
(see template_look.py) instead of our accent stripe and section colour.

Coordinates inside are the slide's own points (960 x 540 for our design, y down
from the top); `draw` scales them onto the page.
"""
from __future__ import annotations

import io
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ...layout.geometry import ACCENT_BAR, SLIDE_HEIGHT, Box, Geometry, geometry_for
from ...layout.measure import (LINE, WIDTH_SHARE, TextPara, bullet_for, capitals, font_for,
                               wrap)
from ...layout.plan import CELL_MARGIN, Visual, plan_slide, table_row_height
from ...media import load_picture
from ...model import Deck, Image, Layout, Run, Slide, Table, Text
from .document import Entry, add_entries
from .fonts import FontSet, standard_shows
from .styles import colour
from .template_look import LayoutLook, TextLook, template_looks

TITLE_STRIPE = Box(0, 0, 36, SLIDE_HEIGHT)  # the title slide's wide stripe
TITLE_RULE = Box(72, 276, 160, 4)  # the short rule under the deck's title
NUMBER_INSET = 7.2  # the slide number keeps PowerPoint's default text inset
TABLE_MARGIN_Y = 3.0
TABLE_RULE = 1.0  # white lines between cells (the default table style)
QUOTE_MARK_SIZE = 120.0  # the decorative mark on quote slides, as the deck sets it
QUOTE_MARK_OFFSET = (20.0, 30.0)  # up and left of the quote's box
SUPERSCRIPT_RISE = 0.3
SUBSCRIPT_DROP = 0.25

# One paragraph to set: the paragraph, its box's body size, its colour (None = the
# deck's default: text colour, links and bullets in the accent).
Item = Tuple[TextPara, float, Optional[str]]


def _bold(run: Run) -> Run:
    return replace(run, bold=True)


def _italic(run: Run) -> Run:
    return replace(run, italic=True)


def _tint(hex_rgb: str, amount: float) -> str:
    """`hex_rgb` mixed with white: amount 1.0 is the colour, 0.2 a pale wash."""
    values = [int(hex_rgb[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * amount):02X}" for v in values)


def lines_of(para: TextPara, width: float, size: float):
    """The lines of `para` in a box `width` wide, broken as the deck shows them.

    `measure.wrap` fills lines to WIDTH_SHARE of a box, a margin that makes sure
    what the fitting step accepts fits in every program; the deck itself carries
    no line breaks, and PowerPoint and LibreOffice fill lines to the box's width.
    So do the miniatures (compared with LibreOffice's rendering of the deck).
    """
    lines = wrap(para.runs or (Run(" "),), para.text_width(width) / WIDTH_SHARE,
                 size * para.scale, caps=para.caps)
    if para.kind == "code" and para.runs and lines and lines[0]:
        # A code line keeps its indentation, as the deck's text does.
        first = para.runs[0]
        indent = first.text[:len(first.text) - len(first.text.lstrip(" \t"))]
        if indent:
            lines[0] = [(first, indent.replace("\t", "    "))] + lines[0]
    return lines


class SlideDrawer:
    """Draws any slide of one deck onto a reportlab canvas at any width."""

    def __init__(self, deck: Deck, fonts: FontSet, geometry: Geometry = None):
        self.deck = deck
        self.theme = deck.theme
        self.fonts = fonts
        self.geometry = geometry or geometry_for(deck.theme)
        self.sizes = self.geometry.sizes
        self.width, self.height = self.geometry.width, self.geometry.height
        template = self.geometry.template
        self.looks = template_looks(template) if template is not None else None
        self.look: Optional[LayoutLook] = None

    @property
    def aspect(self) -> float:
        """Height over width of a slide."""
        return self.height / self.width

    # -- colours: ours, or the template's where it has them

    def part(self, name: str) -> TextLook:
        return (self.look.parts.get(name) if self.look else None) or TextLook()

    def text_colour(self, part: str = "body") -> str:
        if self.look:
            return self.part(part).colour or self.look.text or self.theme.text
        return self.theme.text

    def bullet_colour(self) -> str:
        return (self.look.accent if self.look else None) or self.theme.accent

    def link_colour(self) -> str:
        return (self.look.link if self.look else None) or self.theme.accent

    # -- the whole slide

    def draw(self, canvas: Canvas, slide: Slide, number: int, x: float, y: float,
             width: float, links: bool = True) -> None:
        """Draw `slide` with its bottom-left corner at (x, y), `width` points wide."""
        scale = width / self.width
        self.canvas, self.links = canvas, links
        self.look = self.looks.get(slide.layout.value) if self.looks else None
        canvas.saveState()
        canvas.translate(x, y + self.height * scale)
        canvas.scale(scale, scale)
        path = canvas.beginPath()
        path.rect(0, -self.height, self.width, self.height)
        canvas.clipPath(path, stroke=0, fill=0)
        self._background(slide)
        self._decor(slide.layout)
        plan = plan_slide(slide, self.geometry)
        self._title(slide, plan)
        if slide.layout is Layout.TITLE:
            self._title_slide(plan)
            self._logo()
        else:
            self._areas(slide, plan)
        for visual in plan.visuals:
            if isinstance(visual.block, Image):
                self._picture(visual)
            elif isinstance(visual.block, Table):
                self._table(visual)
        if slide.layout is not Layout.TITLE:
            self._number(slide.layout, number)
        canvas.restoreState()

    def _rect(self, box: Box, fill: str) -> None:
        self.canvas.setFillColor(colour(fill))
        self.canvas.rect(box.x, -(box.y + box.h), box.w, box.h, stroke=0, fill=1)

    def _background(self, slide: Slide) -> None:
        whole = Box(0, 0, self.width, self.height)
        if self.look:
            self._rect(whole, self.look.background or "FFFFFF")
            if self.look.background_picture:
                self._image(self.look.background_picture, whole)
        else:
            self._rect(whole, self.theme.accent if slide.layout is Layout.SECTION
                       else self.theme.background)
        if slide.background:
            self._image(load_picture(slide.background).data, whole)

    def _image(self, data: bytes, box: Box) -> None:
        """A picture stretched over `box`; one reportlab cannot read is left out."""
        try:
            reader = ImageReader(io.BytesIO(data))
            reader.getSize()
        except Exception:  # a template's EMF or SVG: the rest of the slide still draws
            return
        self.canvas.drawImage(reader, box.x, -(box.y + box.h), box.w, box.h, mask="auto")

    def _decor(self, layout: Layout) -> None:
        """The shapes the slide's layout carries: the template's, or ours (see
        render/pptx/template.py)."""
        if self.look:
            for shape in self.look.shapes:
                self._shape(shape)
            return
        if layout is Layout.TITLE:
            self._rect(TITLE_STRIPE, self.theme.accent)
            self._rect(TITLE_RULE, self.theme.accent)
        elif layout not in (Layout.SECTION, Layout.BLANK):
            self._rect(ACCENT_BAR, self.theme.accent)

    def _shape(self, shape) -> None:
        box, canvas = shape.box, self.canvas
        if shape.kind == "picture":
            self._image(shape.picture, box)
            return
        canvas.setFillColor(colour(shape.fill))
        if shape.kind == "ellipse":
            canvas.ellipse(box.x, -(box.y + box.h), box.x + box.w, -box.y, stroke=0, fill=1)
        elif shape.kind == "round":
            canvas.roundRect(box.x, -(box.y + box.h), box.w, box.h,
                             min(box.w, box.h) * 0.1667, stroke=0, fill=1)
        else:
            canvas.rect(box.x, -(box.y + box.h), box.w, box.h, stroke=0, fill=1)

    def _logo(self) -> None:
        """The organization's logo in its corner of the title slide, as the deck has it."""
        box = self.geometry.box(Layout.TITLE, "logo")
        if not self.theme.logo or box is None:
            return
        picture = load_picture(self.theme.logo)
        self._image(picture.data, box.fit_right(picture.width, picture.height))

    # -- titles and text areas

    def _title(self, slide: Slide, plan) -> None:
        if not slide.title or slide.layout is Layout.BLANK:
            return
        box = plan.title_box
        if box is None:
            return
        runs = tuple(_bold(r) for r in slide.title)
        anchor = "b" if slide.layout is Layout.TITLE else "ctr"
        align = "center" if slide.layout is Layout.TITLE_ONLY else "left"  # closing slides
        if self.look:
            # The template's title placeholder keeps its own colour, anchoring and alignment.
            look = self.part("title")
            fill, upper = self.text_colour("title"), look.caps
            anchor, align = look.anchor or "t", look.align or "left"
        else:
            fill = self.theme.on_accent if slide.layout is Layout.SECTION else self.theme.text
            upper = plan.title_caps  # our section layout sets capitals
        # Lines break where the deck measured them (in capitals for section titles).
        para = TextPara(runs, align=align, caps=plan.title_caps)
        self._text(box, [(para, plan.title_size, fill)], anchor, upper=upper)

    def _title_slide(self, plan) -> None:
        """Subtitle and byline (authors, organization, date), as the plan sets them."""
        if not plan.areas or plan.areas[0].box is None:
            return
        area = plan.areas[0]
        anchor, align = "t", None
        main, byline = self.theme.text, self.theme.muted
        if self.look:
            look = self.part("subtitle")
            main = byline = self.text_colour("subtitle")
            anchor, align = look.anchor or "t", look.align
        items = [(para, area.size, byline if para.kind == "byline" else main)
                 for para in area.paras]
        self._text(area.box, items, anchor, [align] * len(items) if align else None)

    def _areas(self, slide: Slide, plan) -> None:
        """The text areas, as the deck writes them (render/pptx: `_area`)."""
        for area in plan.areas:
            if area.name == "quote":
                items = [(p, area.size, self.text_colour()) for p in area.paras]
                aligns = ["center"] * len(items)
                last = area.paras[-1] if area.paras else None
                if (last is not None and len(area.paras) > 1
                        and last.runs and last.runs[0].text.startswith("\u2014 ")):
                    aligns[-1] = "right"  # the attribution, as the deck sets it
                self._text(area.box, items, "ctr", aligns)
                self._quote_mark(area.box)
                continue
            fill = None
            if slide.layout is Layout.SECTION:  # a line under a section's title
                fill = self.text_colour("body") if self.look else self.theme.on_accent
            # A comparison's text above its pictures and tables sits on their top edge.
            anchor = "b" if area.name.endswith("_heading") else "t"
            self._text(area.box, [(p, area.size, fill) for p in area.paras], anchor,
                       default=self.text_colour(area.name))

    def _quote_mark(self, box: Box) -> None:
        """The large accent-coloured opening quotation mark of quote slides."""
        mark = TextPara((Run("\u201c", bold=True),))
        self._text(Box(box.x - QUOTE_MARK_OFFSET[0], box.y - QUOTE_MARK_OFFSET[1], 100,
                       QUOTE_MARK_SIZE * LINE),
                   [(mark, QUOTE_MARK_SIZE, self.theme.accent)], "t")

    def _text(self, box: Box, items: Sequence[Item], anchor: str,
              aligns: Optional[Sequence[str]] = None, upper: bool = False,
              default: Optional[str] = None) -> None:
        """Set paragraphs in `box` as PowerPoint and LibreOffice do with exact spacing.

        Each line is LINE x size high; its baseline sits one font size below the
        line's top (measured against LibreOffice's own PDF of the deck).
        """
        laid = [(para, size, fill, lines_of(para, box.w, size)) for para, size, fill in items]
        total = sum(len(lines) * size * para.scale * LINE + (para.space_before(size) if i else 0)
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
            align = (aligns[index] if aligns else None) or para.align
            if upper:
                lines = [[(run, capitals(text)) for run, text in line] for line in lines]
            for number, line in enumerate(lines):
                baseline = y + own
                if number == 0 and para.kind in ("bullet", "number"):
                    self._bullet(para, box.x + para.left - para.hanging, baseline, own, fill)
                width = self._line_width(line, own)
                room = box.w - para.left
                x = box.x + para.left
                if align == "center":
                    x += (room - width) / 2
                elif align == "right":
                    x += room - width
                self._line(line, x, baseline, own, fill, default)
                y += own * LINE

    def _bullet(self, para: TextPara, x: float, baseline: float, size: float,
                fill: Optional[str]) -> None:
        canvas = self.canvas
        shade = colour(fill or self.bullet_colour())
        mark = bullet_for(para)
        if all(standard_shows(c) for c in mark):
            canvas.setFillColor(shade)
            canvas.setFont("Helvetica", size)
            canvas.drawString(x, -baseline, mark)
            return
        # A hollow bullet (level 3) has no glyph in the PDF's standard fonts: draw it.
        canvas.setStrokeColor(shade)
        canvas.setLineWidth(size * 0.06)
        canvas.circle(x + size * 0.2, -(baseline - size * 0.32), size * 0.13, stroke=1, fill=0)

    def _segment_font(self, run: Run, size: float) -> Tuple[str, float]:
        own = size * 0.7 if (run.superscript or run.subscript) else size
        return font_for(run, self.theme.font), own

    def _line_width(self, line, size: float) -> float:
        width = 0.0
        for run, text in line:
            font, own = self._segment_font(run, size)
            width += self.fonts.width(text, font, own, run.bold, run.italic)
        return width

    def _line(self, line, x: float, baseline: float, size: float, fill: Optional[str],
              default: Optional[str] = None) -> None:
        """One line as one text object, so viewers and text extraction read it as words."""
        canvas = self.canvas
        text = canvas.beginText()
        text.setTextOrigin(x, -baseline)
        strokes: List[Tuple[str, float, float, float, float]] = []  # colour, x1, x2, y, width
        link_spans: List[Tuple[str, float, float]] = []
        for run, piece_text in line:
            font, own = self._segment_font(run, size)
            rise = size * SUPERSCRIPT_RISE if run.superscript else \
                -size * SUBSCRIPT_DROP if run.subscript else 0.0
            shade = fill or (self.link_colour() if run.link else default or self.text_colour())
            text.setFillColor(colour(shade))
            text.setRise(rise)
            start = x
            for name, piece in self.fonts.split(piece_text, font, run.bold, run.italic):
                text.setFont(name, own)
                text.textOut(piece)
                x += canvas.stringWidth(piece, name, own)
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
        canvas.drawText(text)
        for shade, left, right, y, width in strokes:
            canvas.setStrokeColor(colour(shade))
            canvas.setLineWidth(width)
            canvas.line(left, -y, right, -y)
        for url, left, right in link_spans:
            canvas.linkURL(url, (left, -(baseline + size * 0.25), right, -(baseline - size)),
                           relative=1, thickness=0)

    # -- pictures, tables, number

    def _picture(self, visual: Visual) -> None:
        image: Image = visual.block
        box = visual.box
        picture = load_picture(image.path)
        self.canvas.drawImage(ImageReader(io.BytesIO(picture.data)), box.x, -(box.y + box.h),
                              box.w, box.h, mask="auto")
        if visual.caption is not None and image.alt:
            para = TextPara((Run(image.alt, italic=True),))
            muted = self.text_colour() if self.look else self.theme.muted
            self._text(visual.caption, [(para, self.sizes.caption, muted)], "t",
                       ["center"])

    def _table(self, visual: Visual) -> None:
        """The deck's table in python-pptx's default style (Medium Style 2, accent 1)."""
        table: Table = visual.block
        rows: List[Tuple[Text, ...]] = ([table.header] if table.header else []) + \
            list(table.rows)
        if not rows:
            return
        columns = max(len(r) for r in rows)
        box = visual.box
        column_w = box.w / columns
        # Every row as tall as the plan measured it (the deck writes those heights).
        heights = [table_row_height(row, column_w, visual.size) for row in rows]
        tops = [box.y + sum(heights[:r]) for r in range(len(rows))]
        bottom = tops[-1] + heights[-1]
        aligns = list(table.aligns) + [""] * columns
        accent = self.bullet_colour()  # the table style's accent 1
        for r, row in enumerate(rows):
            header = r == 0 and bool(table.header)
            band = r - (1 if table.header else 0)
            fill = accent if header else _tint(accent, 0.4 if band % 2 == 0 else 0.2)
            for c in range(columns):
                cell = Box(box.x + c * column_w, tops[r], column_w, heights[r])
                self._rect(cell, fill)
                text = row[c] if c < len(row) else ()
                runs = tuple(_bold(x) for x in text) if header else tuple(text)
                inner = Box(cell.x + CELL_MARGIN, cell.y + TABLE_MARGIN_Y,
                            cell.w - 2 * CELL_MARGIN, cell.h - 2 * TABLE_MARGIN_Y)
                para = TextPara(runs or (Run(""),), align=aligns[c] or "left")
                self._text(inner, [(para, visual.size,
                                    "FFFFFF" if header else self.text_colour())], "t")
        canvas = self.canvas
        canvas.setStrokeColor(colour("FFFFFF"))
        canvas.setLineWidth(TABLE_RULE)
        for c in range(1, columns):
            x = box.x + c * column_w
            canvas.line(x, -box.y, x, -bottom)
        for top in tops[1:]:
            canvas.line(box.x, -top, box.x + box.w, -top)
        if table.caption:
            caption = box.below(box.h - 22)
            self._text(caption, [(TextPara(table.caption), self.sizes.caption,
                                  self.text_colour() if self.look else self.theme.muted)],
                       "t")

    def _number(self, layout: Layout, number: int) -> None:
        box = self.geometry.box(layout, "number") or self.geometry.box(Layout.CONTENT, "number")
        size = self.sizes.slide_number
        if self.look:
            shade = self.text_colour("number")
        else:
            shade = self.theme.on_accent if layout is Layout.SECTION else self.theme.muted
        self.canvas.setFillColor(colour(shade))
        self.canvas.setFont("Helvetica", size)
        baseline = box.y + box.h / 2 + 0.4 * size
        self.canvas.drawRightString(box.x + box.w - NUMBER_INSET, -baseline, str(number))


class Miniature(Flowable):
    """A slide as a flowable, framed by a hairline (white slides need an edge on paper)."""

    def __init__(self, drawer: SlideDrawer, slide: Slide, number: int, width: float,
                 entries: Sequence[Entry] = ()):
        super().__init__()
        self.drawer, self.slide, self.number = drawer, slide, number
        self.width = width
        self.height = width * drawer.aspect
        self.entries = entries

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        if self.entries:
            _, top = canvas.absolutePosition(0, self.height)
            add_entries(canvas, self.entries, top + 6)
        draw_framed(canvas, self.drawer, self.slide, self.number, 0, 0, self.width)


def draw_framed(canvas: Canvas, drawer: SlideDrawer, slide: Slide, number: int, x: float,
                y: float, width: float) -> None:
    drawer.draw(canvas, slide, number, x, y, width)
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#9AA6AE"))
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, width, width * drawer.aspect, stroke=1, fill=0)
    canvas.restoreState()
