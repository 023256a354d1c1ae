"""Rectangles on a slide, in points from the top left, as PowerPoint counts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

EMU_PER_POINT = 12700  # DrawingML's English Metric Units: 914400 an inch, 72 points an inch


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

    def overlaps(self, other: "Box") -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


LOGO_WIDTH = 180.0
LOGO_HEIGHT = 60.0
LOGO_MARGIN = 28.0


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
            if not any(corner.overlaps(box) for box in keep_clear):
                return corner
    return corners[0]
