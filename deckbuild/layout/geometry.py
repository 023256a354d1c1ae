"""Where things go on a slide, in points, for every layout.

The deck renderer places its placeholders in these boxes and the handout draws
its miniatures in the same boxes scaled down, so a miniature is the slide.
A 16:9 slide is 960 x 540 points (13.333 x 7.5 inches). With an organization's
PowerPoint template the boxes and slide size come from the template's layouts
instead (`template_geometry`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Sequence

from ..model import Layout

SLIDE_WIDTH = 960.0
SLIDE_HEIGHT = 540.0
EMU_PER_POINT = 12700


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # from the top, as PowerPoint counts
    w: float
    h: float

    def emu(self):
        """(left, top, width, height) in EMU for python-pptx."""
        return tuple(int(round(v * EMU_PER_POINT)) for v in (self.x, self.y, self.w, self.h))

    def split_columns(self, gap: float = 24.0):
        half = (self.w - gap) / 2
        return Box(self.x, self.y, half, self.h), Box(self.x + half + gap, self.y, half, self.h)

    def fit_right(self, width: float, height: float) -> "Box":
        """A picture of that shape, as large as fits, against this box's right edge."""
        scale = min(self.w / max(width, 1), self.h / max(height, 1))
        return Box(self.x + self.w - width * scale, self.y, width * scale, height * scale)

    def below(self, height: float, gap: float = 0.0) -> "Box":
        """The part of this box left after `height` points from its top."""
        used = min(self.h, height + gap)
        return Box(self.x, self.y + used, self.w, self.h - used)


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points: the size a slide starts at and the floor fitting stops at."""

    title: float = 36.0
    title_floor: float = 26.0
    body: float = 24.0
    body_floor: float = 18.0
    quote: float = 32.0
    quote_floor: float = 20.0
    section_title: float = 44.0
    deck_title: float = 48.0
    subtitle: float = 26.0
    byline: float = 18.0
    slide_number: float = 12.0
    caption: float = 14.0

    def title_for(self, layout: Layout) -> float:
        """The size a slide's title starts at, before fitting."""
        if layout is Layout.TITLE:
            return self.deck_title
        if layout in (Layout.SECTION, Layout.TITLE_ONLY):
            return self.section_title
        return self.title


MARGIN = 48.0
TITLE_TOP = 26.0
TITLE_HEIGHT = 92.0
BODY_TOP = TITLE_TOP + TITLE_HEIGHT + 12.0
FOOTER_TOP = SLIDE_HEIGHT - 40.0
BODY_HEIGHT = FOOTER_TOP - BODY_TOP - 8.0
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
ACCENT_BAR = Box(0, 0, 14, SLIDE_HEIGHT)  # the accent stripe at the left of content slides


@dataclass(frozen=True)
class Geometry:
    boxes: Dict[str, Dict[str, Box]]
    sizes: Sizes = Sizes()
    width: float = SLIDE_WIDTH  # the slide, in points
    height: float = SLIDE_HEIGHT
    template: Optional[object] = None  # a TemplateInfo when the boxes come from a template

    def box(self, layout: Layout, name: str) -> Optional[Box]:
        return self.boxes.get(layout.value, {}).get(name)


LOGO_WIDTH = 180.0
LOGO_HEIGHT = 60.0
LOGO_MARGIN = 28.0


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def logo_box(width: float, height: float, avoid: Sequence[Box]) -> Box:
    """Where the organization's logo goes on the title slide: a small corner box.

    Top right, unless a box in `avoid` (title first, then subtitle) reaches there;
    then bottom right, then top left. When every corner touches one, the first
    corner clear of the title wins (a subtitle's text starts at the top of its box).
    The picture is fitted inside, aspect kept, against the right edge.
    """
    w, h, m = LOGO_WIDTH, LOGO_HEIGHT, LOGO_MARGIN
    corners = [Box(width - m - w, m, w, h), Box(width - m - w, height - m - h, w, h),
               Box(m, m, w, h)]
    boxes = [box for box in avoid if box is not None]
    for keep_clear in (boxes, boxes[:1]):
        for corner in corners:
            if not any(_overlaps(corner, box) for box in keep_clear):
                return corner
    return corners[0]


def _default_boxes() -> Dict[str, Dict[str, Box]]:
    title = Box(MARGIN, TITLE_TOP, CONTENT_WIDTH, TITLE_HEIGHT)
    body = Box(MARGIN, BODY_TOP, CONTENT_WIDTH, BODY_HEIGHT)
    left, right = body.split_columns()
    number = Box(SLIDE_WIDTH - MARGIN - 72, FOOTER_TOP + 6, 72, 24)
    heading_h = 44.0
    deck_title = Box(MARGIN + 24, 120, CONTENT_WIDTH - 48, 150)
    subtitle = Box(MARGIN + 24, 282, CONTENT_WIDTH - 48, 150)
    return {
        Layout.TITLE.value: {
            "title": deck_title,
            "subtitle": subtitle,
            "logo": logo_box(SLIDE_WIDTH, SLIDE_HEIGHT, [deck_title, subtitle]),
        },
        Layout.SECTION.value: {
            "title": Box(MARGIN + 24, 170, CONTENT_WIDTH - 48, 130),
            "body": Box(MARGIN + 24, 310, CONTENT_WIDTH - 48, 120),
            "number": number,
        },
        Layout.CONTENT.value: {"title": title, "body": body, "number": number},
        Layout.RESOURCES.value: {"title": title, "body": body, "number": number},
        Layout.TWO_CONTENT.value: {"title": title, "left": left, "right": right,
                                   "number": number},
        Layout.COMPARISON.value: {
            "title": title,
            "left_heading": Box(left.x, left.y, left.w, heading_h),
            "left": left.below(heading_h, 6),
            "right_heading": Box(right.x, right.y, right.w, heading_h),
            "right": right.below(heading_h, 6),
            "number": number,
        },
        Layout.QUOTE.value: {
            "title": title,
            "body": Box(MARGIN + 72, BODY_TOP + 10, CONTENT_WIDTH - 144, BODY_HEIGHT - 70),
            "attribution": Box(MARGIN + 72, BODY_TOP + BODY_HEIGHT - 56, CONTENT_WIDTH - 144, 50),
            "number": number,
        },
        Layout.TITLE_ONLY.value: {"title": Box(MARGIN, 180, CONTENT_WIDTH, 150),
                                  "number": number},
        Layout.BLANK.value: {"number": number},
    }


DEFAULT_GEOMETRY = Geometry(_default_boxes())


def geometry_for(theme) -> Geometry:
    """The geometry slides are laid out in: the template's when the theme has one."""
    if getattr(theme, "template", None):
        from .template_geometry import read_template, template_geometry
        return template_geometry(read_template(theme.template))
    return DEFAULT_GEOMETRY
