"""Shapes on a miniature: filled boxes, figures of a template's design, and pictures.

Coordinates are the slide's own points, y down from the top (the canvas is
flipped by `SlideDrawer.draw`, so y is drawn negative).
"""
from __future__ import annotations

import io
import weakref

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader

from ...design.box import Box


def colour(hex_rgb: str):
    """A reportlab colour from a design colour (\"RRGGBB\")."""
    return colors.HexColor("#" + hex_rgb)


def fill_box(canvas, box: Box, fill: str) -> None:
    canvas.setFillColor(colour(fill))
    canvas.rect(box.x, -(box.y + box.h), box.w, box.h, stroke=0, fill=1)


# Pictures already in a handout, by document: id(bytes) -> (bytes, what drawImage made).
_PLACED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def draw_image(canvas, data: bytes, box: Box) -> None:
    """A picture stretched over `box`; one reportlab cannot read is left out.

    A template's background is on every miniature. reportlab's `drawImage` decodes
    the picture and hashes its pixels on every call before it finds the copy it
    already embedded (a 40 MB background: 0.7 s a miniature); so once a picture is
    in the document, later miniatures draw that copy directly, with the very
    operators `drawImage` writes.
    """
    x, y = box.x, -(box.y + box.h)
    placed = _PLACED.get(canvas._doc, {}).get(id(data))
    if placed is not None and placed[0] is data:
        try:
            _draw_placed(canvas, placed[1], x, y, box.w, box.h)
            return
        except AttributeError:  # a reportlab whose canvas is built otherwise
            pass
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
    except Exception:  # a template's EMF or SVG: the rest of the slide still draws
        return
    made = {"name": None, "regName": None, "imgObj": None}
    canvas.drawImage(reader, x, y, box.w, box.h, mask="auto", extraReturn=made)
    if made["regName"] and made["imgObj"] is not None:
        _PLACED.setdefault(canvas._doc, {})[id(data)] = (data, made)


def _draw_placed(canvas, made: dict, x: float, y: float, width: float, height: float) -> None:
    """What `Canvas.drawImage` does for a picture the document holds already."""
    from reportlab.lib.boxstuff import aspectRatioFix
    image = made["imgObj"]
    canvas._currentPageHasImages = 1
    x, y, width, height, _ = aspectRatioFix(False, "c", x, y, width, height, image.width,
                                            image.height, False)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append("/%s Do" % made["regName"])
    canvas.restoreState()
    canvas._formsinuse.append(made["name"])


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
