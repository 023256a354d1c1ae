"""A slide drawn as vectors and real text, from the same plan the deck is built from: the
handout's and the guide's miniatures on a PDF page, the preview's slides in SVG.

Every box comes from `layout.plan.plan_slide` and every line break from
`layout.linebreak`, exactly as the PowerPoint renderer sets them, so a drawing
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
from ...design.ink import small_print
from ...design.look import LayoutLook
from ...layout.geometry import ACCENT_BAR, SLIDE_HEIGHT, Geometry, geometry_for
from ...layout.style import QUOTE_MARK_SIZE, quote_mark_box
from ...layout.paragraphs import TextPara
from ...layout.plan import part_of, plan_slide, title_text
from ...layout.template_ink import part_ink, slide_look
from ...media import load_picture
from ...model import Callout, Deck, Image, Layout, Run, Slide, Table
from .marks import Entry, add_entries
from ..fonts import FontSet, handout_font
from .tags import SlideTags
from .marks import Element, marked
from .shapes import draw_image, draw_shape, fill_box
from .text import TextPainter
from .visuals import draw_callout, draw_picture, draw_table
from .shapes import colour

TITLE_STRIPE = Box(0, 0, 36, SLIDE_HEIGHT)  # the title slide's wide stripe
TITLE_RULE = Box(72, 276, 160, 4)  # the short rule under the deck's title
NUMBER_INSET = 7.2  # the slide number keeps PowerPoint's default text inset
NUMBER_ON_PAPER = 4.5  # points: a template slide's number in a miniature, at the least


class Palette:
    """The colours of one slide (or one text area): ours, or its template's where it has
    them, with the bullets and links deckbuild chose readable there (`design.ink`)."""

    def __init__(self, theme, look: Optional[LayoutLook] = None, geometry=None, layout=None,
                 ink=None):
        self.theme, self.look, self.geometry, self.layout, self.ink = \
            theme, look, geometry, layout, ink

    def style(self, part: str):
        return self.geometry.style(self.layout, part)

    def text_colour(self, part: str = "body") -> str:
        if self.look:
            return self.style(part).colour or self.look.text or self.theme.text
        return self.theme.text

    def bullet_colour(self) -> str:
        if self.ink is not None:
            return self.ink.bullet_rgb
        return (self.look.accent if self.look else None) or self.theme.accent

    def link_colour(self) -> str:
        if self.ink is not None:
            return self.ink.link_rgb
        return (self.look.link if self.look else None) or self.theme.accent

    def muted(self) -> str:
        """Captions: the template's text colour, else our muted grey."""
        return self.text_colour() if self.look else self.theme.muted

    def for_area(self, ink) -> "Palette":
        return Palette(self.theme, self.look, self.geometry, self.layout, ink)


class SlideDrawer:
    """Draws any slide of one deck onto a reportlab canvas at any width."""

    def __init__(self, deck: Deck, fonts: FontSet, geometry: Geometry = None,
                 title_role: Optional[str] = None):
        """`title_role`: the tagged role of a slide's title (None: H1 on a section slide,
        else H2; the facilitator guide, whose own heading names the slide, says H3)."""
        self.deck = deck
        self.title_role = title_role
        self.theme = deck.theme
        self.fonts = fonts
        self.base_geometry = self.geometry = geometry or geometry_for(deck.theme)
        self.sizes = self.geometry.sizes
        self.width, self.height = self.geometry.width, self.geometry.height
        self.look: Optional[LayoutLook] = None

    @property
    def aspect(self) -> float:
        """Height over width of a slide."""
        return self.height / self.width

    def draw(self, canvas: Canvas, slide: Slide, number: int, x: float, y: float,
             width: float, links: bool = True, element: Optional[Element] = None) -> None:
        """Draw `slide` with its bottom-left corner at (x, y), `width` points wide; with
        `element` (a Sect), tagged: its text, pictures and tables become its kids."""
        self.scale = scale = width / self.width
        self.canvas, self.slide = canvas, slide
        self.tags = SlideTags(element, self.title_role) if element is not None else None
        self.geometry = self.base_geometry.for_slide(slide)
        self.look = slide_look(self.base_geometry, slide)
        self.palette = Palette(self.theme, self.look, self.geometry, slide.layout)
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
        self._fills(slide, plan)
        self._title(slide, plan)
        if slide.layout is Layout.TITLE:
            self._title_slide(slide, plan)
            self._logo()
        else:
            self._areas(slide, plan)
        caption, muted = self.sizes.caption, self.palette.muted()
        for visual in plan.visuals:
            if isinstance(visual.block, Image):
                draw_picture(canvas, self.painter, visual, caption, muted, self.tags)
            elif isinstance(visual.block, Table):
                draw_table(canvas, self.painter, visual, self.palette.bullet_colour(),
                           self.palette.text_colour(), caption, muted, self.tags)
            elif isinstance(visual.block, Callout):
                draw_callout(canvas, self.painter, visual, self.theme.text, self.tags)
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

    def _fills(self, slide: Slide, plan) -> None:
        """The fills of the template's placeholders the slide uses (a title bar), and the
        backings the deck puts behind text a picture would hide (`design.ink`)."""
        if not self.look:
            return
        parts = [("title", plan.title_box, plan.title_size, plan.title_bold)] \
            if slide.title and plan.title_box else []
        parts += [(part_of(a), a.box, a.smallest, False) for a in plan.areas if a.name != "date"]
        for part, box, size, bold in parts:
            if box is None:
                continue
            style = self.geometry.style(slide.layout, part)
            if style.fill:
                fill_box(self.canvas, style.outer(box), style.fill)
            ink = part_ink(self.base_geometry, slide, part, box, size, bold)
            if ink is not None and ink.backing is not None:
                fill_box(self.canvas, style.outer(box), ink.backing)

    def _logo(self) -> None:
        """The organization's logo in its corner of the title slide, as the deck has it."""
        box = self.geometry.box(Layout.TITLE, "logo")
        if not self.theme.logo or box is None:
            return
        picture = load_picture(self.theme.logo)
        with marked(self.canvas, self.tags and self.tags.figure(self.theme.logo_alt)):
            draw_image(self.canvas, picture.data, box.fit_right(picture.width, picture.height))

    # -- titles and text areas

    def _ink(self, slide: Slide, part: str, box: Box, size: Optional[float] = None,
             bold: bool = False) -> Palette:
        return self.palette.for_area(part_ink(self.base_geometry, slide, part, box, size, bold))

    @staticmethod
    def _shown(palette: Palette, colour: str) -> str:
        """The template's text colour, or the one the deck writes where a picture hides it."""
        ink = palette.ink
        return ink.shown_rgb if ink is not None and ink.shown is not None else colour

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
            style = self.geometry.style(slide.layout, "title")
            fill, upper = self.palette.text_colour("title"), style.caps
            anchor, align = style.anchor or "t", style.align or "left"
        else:
            fill = self.theme.on_accent if slide.layout is Layout.SECTION else self.theme.text
            upper = plan.title_caps  # our section layout sets capitals
        # Lines break where the deck measured them (in capitals for section titles).
        para = TextPara(title_text(slide.title, plan.title_bold), align=align,
                        caps=plan.title_caps)
        palette = self._ink(slide, "title", box, plan.title_size, plan.title_bold)
        fill = self._shown(palette, fill)
        self.painter.text(box, [(para, plan.title_size, fill)], anchor, upper=upper,
                          font=plan.title_font, palette=palette,
                          tag=self.tags and self.tags.heading(slide.layout))

    def _title_slide(self, slide: Slide, plan) -> None:
        """Subtitle and byline (authors, organization, date), as the plan sets them."""
        # The date first (in the layout's date placeholder), then subtitle and byline.
        for area in sorted(plan.areas, key=lambda a: a.name != "date"):
            if area.box is None:
                continue
            anchor, align = "t", None
            main, byline = self.theme.text, self.theme.muted
            if self.look:
                style = self.geometry.style(Layout.TITLE, area.name)
                main = byline = self.palette.text_colour(area.name)
                anchor, align = style.anchor or "t", style.align
            palette = self._ink(slide, area.name, area.box, area.smallest)
            if area.name == "date" and palette.ink is not None:  # ours: readable, as the deck
                main = byline = palette.ink.readable_text_rgb
            elif self.look:
                main = byline = self._shown(palette, main)
            items = [(para, area.size, byline if para.kind == "byline" else main)
                     for para in area.paras]
            self.painter.text(area.box, items, anchor, [align] * len(items) if align else None,
                              font=area.font, palette=palette,
                              tag=self._area_tag())

    def _areas(self, slide: Slide, plan) -> None:
        """The text areas, as the deck writes them (render/pptx/slide.py: `_area`)."""
        for area in plan.areas:
            part = part_of(area)
            style = self.geometry.style(slide.layout, part)
            palette = self._ink(slide, part, area.box, area.smallest)
            if area.name == "quote":
                shade = self._shown(palette, self.palette.text_colour())
                items = [(p, area.size, shade) for p in area.paras]
                aligns = ["center"] * len(items)
                last = area.paras[-1] if area.paras else None
                if (last is not None and len(area.paras) > 1
                        and last.runs and last.runs[0].text.startswith("\u2014 ")):
                    aligns[-1] = "right"  # the attribution, as the deck sets it
                quote = self.tags and self.tags.block("BlockQuote")
                self.painter.text(area.box, items, "ctr", aligns, font=area.font,
                                  palette=palette, tag=quote and (lambda _: quote.add("P")))
                self._quote_mark(area.box, palette)
                continue
            fill = None
            if slide.layout is Layout.SECTION:  # a line under a section's title
                fill = self.palette.text_colour("body") if self.look else self.theme.on_accent
            # A comparison's text above its pictures and tables sits on their top edge.
            anchor = "b" if area.name.endswith("_heading") else "t"
            aligns = None
            if self.look and style.templated:
                anchor = style.anchor or anchor
                if style.align:  # flush-left paragraphs take the placeholder's alignment
                    aligns = [style.align if p.align == "left" else p.align for p in area.paras]
            self.painter.text(area.box, [(p, area.size, fill) for p in area.paras], anchor,
                              aligns, default=self._shown(palette, self.palette.text_colour(part)),
                              font=area.font,
                              palette=palette, tag=self._area_tag())

    def _area_tag(self):
        """The element of each paragraph of the next text area (None: not tagged)."""
        if self.tags is None:
            return None
        self.tags.area()
        return self.tags.para

    def _quote_mark(self, box: Box, palette: Palette) -> None:
        """The large opening quotation mark of quote slides (the accent, or a colour readable
        on the template's slide)."""
        mark = TextPara((Run("\u201c", bold=True),))
        colour = palette.ink.quote_mark if palette.ink is not None else self.theme.accent
        self.painter.text(quote_mark_box(box), [(mark, QUOTE_MARK_SIZE, colour)], "t")

    def _number(self, layout: Layout, number: int) -> None:
        box = self.geometry.box(layout, "number") or self.geometry.box(Layout.CONTENT, "number")
        size = self.sizes.slide_number
        if self.look:
            # Drawn a few points tall on paper: at least NUMBER_ON_PAPER, in a colour that
            # stays clear that small (`design.ink.small_print`).
            size = max(size, NUMBER_ON_PAPER / self.scale)
            ink = part_ink(self.base_geometry, self.slide, "number", box)
            shade = small_print(self.look, ink) if ink else self.palette.text_colour("number")
        else:
            shade = self.theme.on_accent if layout is Layout.SECTION else self.theme.muted
        self.canvas.setFillColor(colour(shade))
        self.canvas.setFont(handout_font("Helvetica"), size)
        baseline = box.y + box.h / 2 + 0.4 * size
        self.canvas.drawRightString(box.x + box.w - NUMBER_INSET, -baseline, str(number))


class Miniature(Flowable):
    """A slide as a flowable, framed by a hairline (white slides need an edge on paper)."""

    def __init__(self, drawer: SlideDrawer, slide: Slide, number: int, width: float,
                 entries: Sequence[Entry] = (), element: Optional[Element] = None):
        super().__init__()
        self.drawer, self.slide, self.number = drawer, slide, number
        self.element = element  # the slide's Sect in the tagged PDF
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
        draw_framed(canvas, self.drawer, self.slide, self.number, 0, 0, self.width,
                    self.element)


def draw_framed(canvas: Canvas, drawer: SlideDrawer, slide: Slide, number: int, x: float,
                y: float, width: float, element: Optional[Element] = None) -> None:
    drawer.draw(canvas, slide, number, x, y, width, element=element)
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#9AA6AE"))
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, width, width * drawer.aspect, stroke=1, fill=0)
    canvas.restoreState()
