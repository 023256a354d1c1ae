"""A slide drawn small, as vectors and real text, from the same plan the deck is built from.

Every box comes from `layout.plan.plan_slide` and every line break from
`layout.linebreak`, exactly as the PowerPoint renderer sets them, so a miniature
is the slide: same words on the same lines, bullets and indents, quotes, tables
and pictures in their places, the accent stripe and the section colour.

With an organization's template the boxes and slide size are the template's,
and so is the design: its backgrounds, shapes and pictures and its text colours
(see design/look.py) instead of our accent stripe and section colour.

Coordinates inside are the slide's own points (960 x 540 for our design, y down
from the top); `draw` scales them onto the page.
"""
from __future__ import annotations

from typing import Optional, Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ...design.box import Box
from ...design.look import LayoutLook, TextLook, template_looks
from ...layout.geometry import ACCENT_BAR, SLIDE_HEIGHT, Geometry, geometry_for
from ...layout.measure import LINE
from ...layout.paragraphs import TextPara, bold
from ...layout.plan import plan_slide
from ...media import load_picture
from ...model import Callout, Deck, Image, Layout, Run, Slide, Table
from .document import Entry, add_entries
from .fonts import FontSet
from .slide_shapes import draw_image, draw_shape, fill_box
from .slide_text import TextPainter
from .slide_visuals import draw_callout, draw_picture, draw_table
from .styles import colour

TITLE_STRIPE = Box(0, 0, 36, SLIDE_HEIGHT)  # the title slide's wide stripe
TITLE_RULE = Box(72, 276, 160, 4)  # the short rule under the deck's title
NUMBER_INSET = 7.2  # the slide number keeps PowerPoint's default text inset
QUOTE_MARK_SIZE = 120.0  # the decorative mark on quote slides, as the deck sets it
QUOTE_MARK_OFFSET = (20.0, 30.0)  # up and left of the quote's box


class Palette:
    """The colours of one slide: ours, or its template layout's where it has them."""

    def __init__(self, theme, look: Optional[LayoutLook]):
        self.theme, self.look = theme, look

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

    def muted(self) -> str:
        """Captions: the template's text colour, else our muted grey."""
        return self.text_colour() if self.look else self.theme.muted


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

    def draw(self, canvas: Canvas, slide: Slide, number: int, x: float, y: float,
             width: float, links: bool = True) -> None:
        """Draw `slide` with its bottom-left corner at (x, y), `width` points wide."""
        scale = width / self.width
        self.canvas = canvas
        self.look = self.looks.get(slide.layout.value) if self.looks else None
        self.palette = Palette(self.theme, self.look)
        self.painter = TextPainter(canvas, self.fonts, self.theme.font, self.palette, links)
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
        caption, muted = self.sizes.caption, self.palette.muted()
        for visual in plan.visuals:
            if isinstance(visual.block, Image):
                draw_picture(canvas, self.painter, visual, caption, muted)
            elif isinstance(visual.block, Table):
                draw_table(canvas, self.painter, visual, self.palette.bullet_colour(),
                           self.palette.text_colour(), caption, muted)
            elif isinstance(visual.block, Callout):
                draw_callout(canvas, self.painter, visual, self.theme.text)
        if slide.layout is not Layout.TITLE:
            self._number(slide.layout, number)
        canvas.restoreState()

    # -- the design behind the text

    def _background(self, slide: Slide) -> None:
        whole = Box(0, 0, self.width, self.height)
        if self.look:
            fill_box(self.canvas, whole, self.look.background or "FFFFFF")
            if self.look.background_picture:
                draw_image(self.canvas, self.look.background_picture, whole)
        else:
            fill_box(self.canvas, whole, self.theme.accent if slide.layout is Layout.SECTION
                     else self.theme.background)
        if slide.background:
            draw_image(self.canvas, load_picture(slide.background).data, whole)
        elif slide.background_colour:
            fill_box(self.canvas, whole, slide.background_colour)

    def _decor(self, layout: Layout) -> None:
        """The shapes the slide's layout carries: the template's, or ours (see
        render/pptx/template.py)."""
        if self.look:
            for shape in self.look.shapes:
                draw_shape(self.canvas, shape)
            return
        if layout is Layout.TITLE:
            fill_box(self.canvas, TITLE_STRIPE, self.theme.accent)
            fill_box(self.canvas, TITLE_RULE, self.theme.accent)
        elif layout not in (Layout.SECTION, Layout.BLANK):
            fill_box(self.canvas, ACCENT_BAR, self.theme.accent)

    def _logo(self) -> None:
        """The organization's logo in its corner of the title slide, as the deck has it."""
        box = self.geometry.box(Layout.TITLE, "logo")
        if not self.theme.logo or box is None:
            return
        picture = load_picture(self.theme.logo)
        draw_image(self.canvas, picture.data, box.fit_right(picture.width, picture.height))

    # -- titles and text areas

    def _title(self, slide: Slide, plan) -> None:
        if not slide.title or slide.layout is Layout.BLANK:
            return
        box = plan.title_box
        if box is None:
            return
        anchor = "b" if slide.layout is Layout.TITLE else "ctr"
        align = "center" if slide.layout is Layout.TITLE_ONLY else "left"  # closing slides
        if self.look:
            # The template's title placeholder keeps its own colour, anchoring and alignment.
            look = self.palette.part("title")
            fill, upper = self.palette.text_colour("title"), look.caps
            anchor, align = look.anchor or "t", look.align or "left"
        else:
            fill = self.theme.on_accent if slide.layout is Layout.SECTION else self.theme.text
            upper = plan.title_caps  # our section layout sets capitals
        # Lines break where the deck measured them (in capitals for section titles).
        para = TextPara(bold(slide.title), align=align, caps=plan.title_caps)
        self.painter.text(box, [(para, plan.title_size, fill)], anchor, upper=upper)

    def _title_slide(self, plan) -> None:
        """Subtitle and byline (authors, organization, date), as the plan sets them."""
        main, byline = self.theme.text, self.theme.muted
        for date in (a for a in plan.areas if a.name == "date"):  # the layout's date place
            colour = self.palette.text_colour("subtitle") if self.look else byline
            self.painter.text(date.box, [(p, date.size, colour) for p in date.paras], "t")
        area = next((a for a in plan.areas if a.name == "subtitle"), None)
        if area is None or area.box is None:
            return
        anchor, align = "t", None
        if self.look:
            look = self.palette.part("subtitle")
            main = byline = self.palette.text_colour("subtitle")
            anchor, align = look.anchor or "t", look.align
        items = [(para, area.size, byline if para.kind == "byline" else main)
                 for para in area.paras]
        self.painter.text(area.box, items, anchor, [align] * len(items) if align else None)

    def _areas(self, slide: Slide, plan) -> None:
        """The text areas, as the deck writes them (render/pptx/slide.py: `_area`)."""
        for area in plan.areas:
            if area.name == "quote":
                items = [(p, area.size, self.palette.text_colour()) for p in area.paras]
                aligns = ["center"] * len(items)
                last = area.paras[-1] if area.paras else None
                if (last is not None and len(area.paras) > 1
                        and last.runs and last.runs[0].text.startswith("\u2014 ")):
                    aligns[-1] = "right"  # the attribution, as the deck sets it
                self.painter.text(area.box, items, "ctr", aligns)
                self._quote_mark(area.box)
                continue
            fill = None
            if slide.layout is Layout.SECTION:  # a line under a section's title
                fill = self.palette.text_colour("body") if self.look else self.theme.on_accent
            # A comparison's text above its pictures and tables sits on their top edge.
            anchor = "b" if area.name.endswith("_heading") else "t"
            self.painter.text(area.box, [(p, area.size, fill) for p in area.paras], anchor,
                              default=self.palette.text_colour(area.name))

    def _quote_mark(self, box: Box) -> None:
        """The large accent-coloured opening quotation mark of quote slides."""
        mark = TextPara((Run("\u201c", bold=True),))
        self.painter.text(Box(box.x - QUOTE_MARK_OFFSET[0], box.y - QUOTE_MARK_OFFSET[1], 100,
                              QUOTE_MARK_SIZE * LINE),
                          [(mark, QUOTE_MARK_SIZE, self.theme.accent)], "t")

    def _number(self, layout: Layout, number: int) -> None:
        box = self.geometry.box(layout, "number") or self.geometry.box(Layout.CONTENT, "number")
        size = self.sizes.slide_number
        if self.look:
            shade = self.palette.text_colour("number")
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
