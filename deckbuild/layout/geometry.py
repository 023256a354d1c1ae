"""Where things go on a slide, in points, for every layout.

The deck renderer places its placeholders in these boxes and the handout draws
its miniatures in the same boxes scaled down, so a miniature is the slide.
A 16:9 slide is 960 x 540 points (13.333 x 7.5 inches). With an organization's
PowerPoint template the boxes and slide size come from the template's layouts
instead (`template_geometry`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, Optional

from ..design.box import Box, logo_box
from .style import OUR_SECTION_TITLE, OUR_TITLE, OURS, Sizes, TextStyle
from ..model import Layout
from .template_geometry import TemplateInfo, read_template

SLIDE_WIDTH = 960.0
SLIDE_HEIGHT = 540.0
CAPTION_HEIGHT = 24.0  # a picture's or table's caption line


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
    boxes: Dict[str, Dict[str, Box]]  # Layout.value -> part -> the box its text is set in
    sizes: Sizes = Sizes()
    width: float = SLIDE_WIDTH  # the slide, in points
    height: float = SLIDE_HEIGHT
    template: Optional[TemplateInfo] = None  # when the boxes come from a template
    styles: Dict[str, Dict[str, TextStyle]] = field(default_factory=dict)  # as `boxes`
    chosen: Optional[object] = None  # a template's ChosenLayout for one slide (`for_slide`)

    def box(self, layout: Layout, name: str) -> Optional[Box]:
        return self.boxes.get(layout.value, {}).get(name)

    def style(self, layout: Layout, name: str) -> TextStyle:
        """How the part sets its text (ours: titles bold, section titles in capitals)."""
        found = self.styles.get(layout.value, {}).get(name)
        if found is not None:
            return found
        if name == "title":
            return OUR_SECTION_TITLE if layout is Layout.SECTION else OUR_TITLE
        return OURS

    def for_slide(self, slide) -> "Geometry":
        """The geometry of one slide: a template layout it names (`{layout="..."}`) in
        place of the one its kind uses."""
        name = getattr(slide, "template_layout", "")
        if not name or self.template is None:
            return self
        named = self.template.named(name, slide.layout)
        if named is None:
            return self
        chosen, boxes, styles = named
        return replace(self, boxes={**self.boxes, slide.layout.value: boxes},
                       styles={**self.styles, slide.layout.value: styles}, chosen=chosen)


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
            # The title layout's date placeholder, under the subtitle, where the byline's
            # last line would be.
            "date": Box(MARGIN + 24, subtitle.y + subtitle.h + 8, 400, 30),
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


def template_geometry(info: TemplateInfo) -> Geometry:
    """The template's slide size and boxes, at our sizes."""
    return Geometry(info.boxes, Sizes(), info.width, info.height, template=info,
                    styles=info.styles)


def geometry_for(theme) -> Geometry:
    """The geometry slides are laid out in: the template's when the theme has one."""
    if getattr(theme, "template", None):
        return template_geometry(read_template(theme.template))
    return DEFAULT_GEOMETRY
