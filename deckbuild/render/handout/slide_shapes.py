"""Shapes on a miniature: filled boxes, figures of a template's design, and pictures.

Coordinates are the slide's own points, y down from the top (the canvas is
flipped by `SlideDrawer.draw`, so y is drawn negative).
"""
from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader

from ...design.box import Box
from .styles import colour


def fill_box(canvas, box: Box, fill: str) -> None:
    canvas.setFillColor(colour(fill))
    canvas.rect(box.x, -(box.y + box.h), box.w, box.h, stroke=0, fill=1)


def draw_image(canvas, data: bytes, box: Box) -> None:
    """A picture stretched over `box`; one reportlab cannot read is left out."""
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
    except Exception:  # a template's EMF or SVG: the rest of the slide still draws
        return
    canvas.drawImage(reader, box.x, -(box.y + box.h), box.w, box.h, mask="auto")


def draw_shape(canvas, shape) -> None:
    """A shape of a template's design (design.look.Shape): a figure or a picture."""
    box = shape.box
    if shape.kind == "picture":
        draw_image(canvas, shape.picture, box)
        return
    canvas.setFillColor(colour(shape.fill))
    if shape.kind == "ellipse":
        canvas.ellipse(box.x, -(box.y + box.h), box.x + box.w, -box.y, stroke=0, fill=1)
    elif shape.kind == "round":
        canvas.roundRect(box.x, -(box.y + box.h), box.w, box.h,
                         min(box.w, box.h) * 0.1667, stroke=0, fill=1)
    else:
        canvas.rect(box.x, -(box.y + box.h), box.w, box.h, stroke=0, fill=1)
