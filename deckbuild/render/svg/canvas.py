"""A drawing surface with reportlab's canvas calls that writes SVG instead of PDF.

The slide drawer (render/slide/drawer.py), the handout's too, paints a slide from
the layout plan onto a canvas: boxes, lines and text exactly where the deck has
them. Handing it this canvas gives the same slide as SVG, so the preview shows
the same line breaks, sizes, colours and pictures as the deck and the handout,
with nothing measured or broken a second time.

Only what the drawer uses is here. Coordinates come in reportlab's way (y up,
moved by translate/scale); they are written in SVG's (y down from the top).
Every text object (one line of a paragraph) becomes one `<text class="line">`
whose pieces are `<tspan>`s at the x reportlab measured, so a browser's own
kerning cannot move a line's words.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Dict, List, Optional, Tuple
from xml.sax.saxutils import escape, quoteattr

from reportlab.pdfbase import pdfmetrics

from ...design import fonts as design_fonts

# reportlab's standard fonts -> (family, bold, italic) measured the same (design/fonts.py)
_STANDARD = {
    "Helvetica": ("Helvetica", False, False), "Helvetica-Bold": ("Helvetica", True, False),
    "Helvetica-Oblique": ("Helvetica", False, True),
    "Helvetica-BoldOblique": ("Helvetica", True, True),
    "Times-Roman": ("Times", False, False), "Times-Bold": ("Times", True, False),
    "Times-Italic": ("Times", False, True), "Times-BoldItalic": ("Times", True, True),
    "Courier": ("Courier", False, False), "Courier-Bold": ("Courier", True, False),
    "Courier-Oblique": ("Courier", False, True), "Courier-BoldOblique": ("Courier", True, True),
}


def font_path(name: str) -> str:
    """The TrueType file that draws reportlab font `name` with the widths it measures."""
    standard = _STANDARD.get(name)
    if standard is not None:
        return design_fonts.font_file(*standard)
    face = getattr(pdfmetrics.getFont(name), "face", None)
    path = getattr(face, "filename", None)
    return str(path) if path else design_fonts.font_file("Helvetica")


def font_family(path: str) -> str:
    """A CSS family name for one font file: one file, one family, no synthesised styles."""
    return "dbf-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _hex(colour) -> str:
    if colour is None:
        return "none"
    red, green, blue = colour.rgb()
    return "#%02X%02X%02X" % (round(red * 255), round(green * 255), round(blue * 255))


class _State:
    def __init__(self, other: Optional["_State"] = None):
        if other is None:
            self.matrix = (1.0, 1.0, 0.0, 0.0)  # x scale, y scale, x shift, y shift
            self.fill, self.stroke, self.line_width = None, None, 1.0
            self.font, self.size = "Helvetica", 12.0
        else:
            self.__dict__.update(other.__dict__)
        self.groups = 0  # <g> opened (by clipPath) since this state was saved


class SvgPath:
    """reportlab's path object: points kept in user space until drawn."""

    def __init__(self):
        self.ops: List[Tuple[str, tuple]] = []

    def moveTo(self, x, y):
        self.ops.append(("M", (x, y)))

    def lineTo(self, x, y):
        self.ops.append(("L", (x, y)))

    def curveTo(self, x1, y1, x2, y2, x3, y3):
        self.ops.append(("C", (x1, y1, x2, y2, x3, y3)))

    def rect(self, x, y, width, height):
        for op, point in (("M", (x, y)), ("L", (x + width, y)), ("L", (x + width, y + height)),
                          ("L", (x, y + height))):
            self.ops.append((op, point))
        self.close()

    def close(self):
        self.ops.append(("Z", ()))


class SvgText:
    """reportlab's text object: pieces of one line, each at the x reportlab measured."""

    def __init__(self, fill):
        self.x = self.y = self.rise = 0.0
        self.fill, self.font, self.size = fill, "Helvetica", 12.0
        self.pieces: List[Tuple[float, float, str, float, object, str]] = []

    def setTextOrigin(self, x, y):
        self.x, self.y = x, y

    def setFillColor(self, colour):
        self.fill = colour

    def setRise(self, rise):
        self.rise = rise

    def setFont(self, name, size, leading=None):
        self.font, self.size = name, size

    def textOut(self, text):
        self.pieces.append((self.x, self.y + self.rise, self.font, self.size, self.fill, text))
        self.x += pdfmetrics.stringWidth(text, self.font, self.size)


class SvgCanvas:
    """Collects SVG elements for one slide `width` x `height` points."""

    def __init__(self, width: float, height: float, prefix: str = "s",
                 picture_url: Optional[Callable[[bytes], str]] = None):
        self.width, self.height, self.prefix = width, height, prefix
        self.picture_url = picture_url or data_url
        self.parts: List[str] = []
        self.fonts: Dict[str, str] = {}  # family -> file
        self._state = _State()
        self._saved: List[_State] = []
        self._clips = 0

    # -- state

    def saveState(self):
        self._saved.append(self._state)
        self._state = _State(self._state)

    def restoreState(self):
        self.parts.extend(["</g>"] * self._state.groups)
        self._state = self._saved.pop()

    def translate(self, dx, dy):
        sx, sy, ex, ey = self._state.matrix
        self._state.matrix = (sx, sy, ex + sx * dx, ey + sy * dy)

    def scale(self, x, y):
        sx, sy, ex, ey = self._state.matrix
        self._state.matrix = (sx * x, sy * y, ex, ey)

    def setFillColor(self, colour):
        self._state.fill = colour

    def setStrokeColor(self, colour):
        self._state.stroke = colour

    def setLineWidth(self, width):
        self._state.line_width = width

    def setFont(self, name, size, leading=None):
        self._state.font, self._state.size = name, size

    def stringWidth(self, text, name=None, size=None):
        return pdfmetrics.stringWidth(text, name or self._state.font, size or self._state.size)

    # -- coordinates

    def _point(self, x, y) -> Tuple[float, float]:
        sx, sy, ex, ey = self._state.matrix
        return sx * x + ex, self.height - (sy * y + ey)

    def _length(self, value) -> float:
        return abs(self._state.matrix[0] * value)

    def _box(self, x, y, width, height) -> str:
        (x1, y1), (x2, y2) = self._point(x, y), self._point(x + width, y + height)
        return (f'x="{_num(min(x1, x2))}" y="{_num(min(y1, y2))}" '
                f'width="{_num(abs(x2 - x1))}" height="{_num(abs(y2 - y1))}"')

    def _paint(self, stroke, fill) -> str:
        state = self._state
        paint = f'fill="{_hex(state.fill) if fill else "none"}"'
        if stroke:
            paint += (f' stroke="{_hex(state.stroke)}" '
                      f'stroke-width="{_num(self._length(state.line_width))}"')
        return paint

    # -- shapes

    def rect(self, x, y, width, height, stroke=1, fill=0):
        self.parts.append(f"<rect {self._box(x, y, width, height)} {self._paint(stroke, fill)}/>")

    def roundRect(self, x, y, width, height, radius, stroke=1, fill=0):
        corner = _num(self._length(radius))
        self.parts.append(f'<rect {self._box(x, y, width, height)} rx="{corner}" '
                          f"{self._paint(stroke, fill)}/>")

    def ellipse(self, x1, y1, x2, y2, stroke=1, fill=0):
        (ax, ay), (bx, by) = self._point(x1, y1), self._point(x2, y2)
        self.parts.append(f'<ellipse cx="{_num((ax + bx) / 2)}" cy="{_num((ay + by) / 2)}" '
                          f'rx="{_num(abs(bx - ax) / 2)}" ry="{_num(abs(by - ay) / 2)}" '
                          f"{self._paint(stroke, fill)}/>")

    def circle(self, x, y, radius, stroke=1, fill=0):
        cx, cy = self._point(x, y)
        self.parts.append(f'<circle cx="{_num(cx)}" cy="{_num(cy)}" '
                          f'r="{_num(self._length(radius))}" {self._paint(stroke, fill)}/>')

    def line(self, x1, y1, x2, y2):
        (ax, ay), (bx, by) = self._point(x1, y1), self._point(x2, y2)
        self.parts.append(f'<line x1="{_num(ax)}" y1="{_num(ay)}" x2="{_num(bx)}" '
                          f'y2="{_num(by)}" {self._paint(1, 0)}/>')

    def beginPath(self) -> SvgPath:
        return SvgPath()

    def _path_data(self, path: SvgPath) -> str:
        out = []
        for op, values in path.ops:
            points = [self._point(values[i], values[i + 1]) for i in range(0, len(values), 2)]
            out.append(op + " ".join(f"{_num(x)} {_num(y)}" for x, y in points))
        return " ".join(out)

    def drawPath(self, path: SvgPath, stroke=1, fill=0):
        self.parts.append(f'<path d="{self._path_data(path)}" {self._paint(stroke, fill)}/>')

    def clipPath(self, path: SvgPath, stroke=0, fill=0):
        self._clips += 1
        name = f"{self.prefix}-clip{self._clips}"
        self.parts.append(f'<clipPath id="{name}"><path d="{self._path_data(path)}"/></clipPath>'
                          f'<g clip-path="url(#{name})">')
        self._state.groups += 1

    def drawImage(self, image, x, y, width=None, height=None, mask=None, **_):
        data = image.fp.getvalue() if hasattr(image, "fp") else bytes(image)
        url = self.picture_url(data)
        if url:
            self.parts.append(f'<image {self._box(x, y, width, height)} '
                              f'preserveAspectRatio="none" href={quoteattr(url)}/>')

    def linkURL(self, url, rect, relative=1, thickness=0, **_):
        x1, y1, x2, y2 = rect
        self.parts.append(f'<a href={quoteattr(url)} target="_blank">'
                          f'<rect {self._box(x1, y1, x2 - x1, y2 - y1)} fill="#000" '
                          'fill-opacity="0"/></a>')

    # -- text

    def _family(self, name: str) -> str:
        path = font_path(name)
        family = font_family(path)
        self.fonts[family] = path
        return family

    def _attributes(self, x, y, name, size, fill) -> str:
        left, baseline = self._point(x, y)
        return (f'x="{_num(left)}" y="{_num(baseline)}" font-family="{self._family(name)}" '
                f'font-size="{_num(self._length(size))}" fill="{_hex(fill)}"')

    def drawString(self, x, y, text, **_):
        self._strings([(x, y, self._state.font, self._state.size, self._state.fill, text)],
                      "mark")

    def drawRightString(self, x, y, text, **_):
        width = self.stringWidth(text)
        self.drawString(x - width, y, text)

    def beginText(self, x=0, y=0) -> SvgText:
        text = SvgText(self._state.fill)
        text.setTextOrigin(x, y)
        return text

    def drawText(self, text: SvgText):
        self._strings(text.pieces, "line")

    def _strings(self, pieces, kind: str) -> None:
        pieces = [piece for piece in pieces if piece[5]]
        if not pieces:
            return
        first, rest = pieces[0], pieces[1:]
        inner = "".join(f"<tspan {self._attributes(*piece[:5])}>{escape(piece[5])}</tspan>"
                        for piece in rest)
        self.parts.append(f'<text class="{kind}" {self._attributes(*first[:5])}>'
                          f"{escape(first[5])}{inner}</text>")

    # -- the result

    def svg(self, font_url: Optional[Callable[[str], str]] = None, title: str = "") -> str:
        """The slide as one SVG document; `font_url` (file -> URL) adds its @font-face rules."""
        style = ""
        if font_url is not None and self.fonts:
            rules = "".join(f'@font-face{{font-family:"{family}";src:url("{font_url(path)}")}}'
                            for family, path in sorted(self.fonts.items()))
            style = f"<style>{rules}</style>"
        label = f"<title>{escape(title)}</title>" if title else ""
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(self.width)} '
                f'{_num(self.height)}" width="{_num(self.width)}" height="{_num(self.height)}" '
                f'role="img" style="font-kerning:none;white-space:pre">{label}{style}'
                + "".join(self.parts) + "</svg>")


def picture_type(data: bytes) -> Optional[str]:
    """The MIME type of a picture a browser shows, from its first bytes."""
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def browser_picture(data: bytes) -> Tuple[str, bytes]:
    """(MIME type, bytes) a browser shows: other formats Pillow reads become PNG."""
    kind = picture_type(data)
    if kind:
        return kind, data
    import io

    from PIL import Image as PILImage
    with PILImage.open(io.BytesIO(data)) as picture:
        out = io.BytesIO()
        picture.convert("RGBA").save(out, "PNG")
    return "image/png", out.getvalue()


def data_url(data: bytes) -> str:
    import base64
    try:
        kind, data = browser_picture(data)
    except Exception:  # a picture nothing here reads: the slide still draws without it
        return ""
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
