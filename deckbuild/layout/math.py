"""How a formula is set: its boxes, glyphs and rules, for measuring and for drawing.

A small TeX-like layout of the model's formula tree: scripts raised and lowered
at 70 %, fractions stacked on the maths axis, large operators with their limits,
roots with a radical sign, fences grown to what they hold, matrices in a grid.
The fitting step takes a formula's width and height from here (so a slide
with equations fits like any other), and the handout draws the same glyphs and
rules. Glyphs are set in Times (a serif like Cambria Math, PowerPoint's equation
font), with Symbol for Greek letters and operators Times lacks.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import List, Tuple, Union

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model import Formula, MathNode

SCRIPT = 0.7  # script size, times the size of what it is attached to
AXIS = 0.25  # the maths axis (fraction bars, the middle of "+") above the baseline, in ems
ASCENT, DESCENT = 0.72, 0.22  # of a line of glyphs, in ems
RULE = 0.05  # fraction bars and radical lines, in ems
# Operators set with space on both sides (relations and binary operators).
SPACED = set("=+-\u2212<>\u00b1\u2213\u00d7\u00f7\u22c5\u00b7\u2264\u2265\u2260\u2248\u2261"
             "\u2192\u2190\u2194\u21d2\u21d0\u21d4\u2208\u2209\u2282\u2283\u2286\u2287\u222a"
             "\u2229\u2227\u2228\u2295\u2297\u221d\u223c\u2245\u226a\u226b\u2243\u2225\u22a5"
             "\u2218\u2217:")
_ACCENT_GLYPH = {"\u0302": "^", "\u02c6": "^", "^": "^", "\u0303": "~", "\u02dc": "~", "~": "~",
                 "\u20d7": "\u2192", "\u2192": "\u2192", "\u02d9": "\u02d9", "\u0307": "\u02d9",
                 "\u00a8": "\u00a8", "\u0308": "\u00a8", "\u02c7": "\u02c7", "\u030c": "\u02c7",
                 "\u00b4": "\u00b4", "`": "`", "\u02d8": "\u02d8", "\u02da": "\u02da",
                 "\u2190": "\u2190", "\u2194": "\u2194"}


@dataclass(frozen=True)
class Glyph:
    x: float
    y: float  # baseline, upwards from the formula's baseline
    text: str
    font: str  # a reportlab font name
    size: float


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


Item = Union[Glyph, Rule]


@dataclass
class Box:
    width: float = 0.0
    ascent: float = 0.0
    descent: float = 0.0
    items: List[Item] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.ascent + self.descent

    def place(self, other: "Box", dx: float, dy: float) -> None:
        """Add `other`'s items moved by (dx, dy), growing this box to hold them."""
        for item in other.items:
            if isinstance(item, Glyph):
                self.items.append(Glyph(item.x + dx, item.y + dy, item.text, item.font,
                                        item.size))
            else:
                self.items.append(Rule(item.x1 + dx, item.y1 + dy, item.x2 + dx, item.y2 + dy,
                                       item.width))
        self.width = max(self.width, dx + other.width)
        self.ascent = max(self.ascent, dy + other.ascent)
        self.descent = max(self.descent, other.descent - dy)


@functools.lru_cache(maxsize=4096)
def formula_box(formula: Formula, size: float) -> Box:
    """The formula set at `size` points: origin at its left end, on the text's baseline."""
    if formula.display:
        return _lines(formula.root, size)
    return _layout(formula.root, size)


def formula_size(formula: Formula, size: float) -> Tuple[float, float, float]:
    """(width, ascent, descent) in points."""
    box = formula_box(formula, size)
    return box.width, box.ascent, box.descent


# ---------------------------------------------------------------- glyphs


def glyph_font(char: str, style: str) -> Tuple[str, str]:
    """(the character as drawn, the reportlab font): Times for what it has, else Symbol.

    Mathematical letters (bold 𝐅, double-struck ℝ) are drawn as their plain letter in the
    matching Times face; what neither font has keeps Times and the handout's own
    fallback fonts take over when it is drawn.
    """
    if ord(char) >= 0x2100:
        plain = unicodedata.normalize("NFKC", char)
        if len(plain) == 1 and plain != char and plain.isalnum():
            name = unicodedata.name(char, "")
            style = "bold" if "BOLD" in name or "DOUBLE-STRUCK" in name else \
                ("normal" if "ITALIC" not in name and style != "" else style)
            char = plain
    if _times(char):
        if style == "bold":
            return char, "Times-Bold"
        if style == "" and char.isalpha():
            return char, "Times-Italic"
        return char, "Times-Roman"
    if _symbol(char):
        return char, "Symbol"
    return char, "Times-Roman"


@functools.lru_cache(maxsize=4096)
def _times(char: str) -> bool:
    try:
        char.encode("cp1252")
        return char not in "\u2212"
    except UnicodeEncodeError:
        return False


@functools.lru_cache(maxsize=4096)
def _symbol(char: str) -> bool:
    from reportlab.pdfbase import rl_codecs  # noqa: F401  (registers the 'symbol' codec)
    try:
        char.encode("symbol")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


@functools.lru_cache(maxsize=8192)
def text_width(char: str, font: str, size: float) -> float:
    """The width of one glyph; one neither Times nor Symbol has counts 0.8 em."""
    if font == "Symbol" or _times(char):
        return stringWidth(char, font, size)
    return 0.8 * size


def _text(text: str, size: float, style: str = "") -> Box:
    box = Box(0.0, ASCENT * size, DESCENT * size)
    x = 0.0
    for char in text.replace("-", "\u2212") if style == "op" else text:
        if char == "\u2212" and not _symbol(char):
            char = "-"
        drawn, font = glyph_font(char, "normal" if style == "op" else style)
        box.items.append(Glyph(x, 0.0, drawn, font, size))
        x += text_width(drawn, font, size)
    box.width = x
    return box


# ---------------------------------------------------------------- layout


def _layout(node: MathNode, size: float) -> Box:
    kind = node.kind
    if kind == "row":
        return _row(node.parts, size)
    if kind == "i":
        return _text(node.text, size, node.style)
    if kind in ("n", "t"):
        return _text(node.text, size, "bold" if node.style == "bold" else "normal")
    if kind == "o":
        return _text(node.text, size, "op")
    if kind == "space":
        return Box(float(node.text or 0) * size, 0.0, 0.0)
    if kind == "break":
        return Box()
    return getattr(_Layouts, kind, _Layouts.row_of_parts)(node, size)


def _row(parts, size: float) -> Box:
    box = Box(0.0, ASCENT * size * 0.6, DESCENT * size * 0.4)
    x = 0.0
    previous = None
    for part in parts:
        spaced = part.kind == "o" and part.text in SPACED and previous is not None and not (
            previous.kind == "o" and previous.text in SPACED | set("([{,"))
        gap = 0.22 * size if spaced else 0.0
        if previous is not None and _function_name(previous) and not (
                part.kind in ("o", "fence") or part.kind == "space"):
            x += 0.17 * size  # "sin x", "log n"
        child = _layout(part, size)
        box.place(child, x + gap, 0.0)
        x += gap + child.width + gap
        if part.kind == "o" and part.text in ",;":
            x += 0.17 * size
        previous = part
    box.width = x
    return box


def _function_name(node: MathNode) -> bool:
    if node.kind in ("sub", "under", "sup") and node.parts:
        node = node.parts[0].parts[0] if node.parts[0].kind == "row" and \
            len(node.parts[0].parts) == 1 else node.parts[0]
    return node.kind == "i" and node.style == "normal" and len(node.text) > 1


def _lines(root: MathNode, size: float) -> Box:
    if root.kind != "row" or not any(p.kind == "break" for p in root.parts):
        return _layout(root, size)
    lines, current = [], []
    for part in root.parts:
        if part.kind == "break":
            lines.append(current)
            current = []
        else:
            current.append(part)
    lines.append(current)
    boxes = [_row(line, size) for line in lines if line]
    width = max(b.width for b in boxes)
    box = Box(width)
    y = 0.0
    for index, line in enumerate(boxes):
        if index:
            y -= boxes[index - 1].descent + line.ascent + 0.3 * size
        box.place(line, (width - line.width) / 2, y)
    box.ascent = boxes[0].ascent
    return box


def _centre(box: Box, width: float) -> float:
    return (width - box.width) / 2


class _Layouts:
    """One layout per kind of node (the kinds `MathNode` lists)."""

    @staticmethod
    def row_of_parts(node, size):
        return _row(node.parts, size)

    @staticmethod
    def frac(node, size):
        inner = size * 0.85 if size > 6 else size
        num, den = _layout(node.parts[0], inner), _layout(node.parts[1], inner)
        pad = 0.1 * size
        width = max(num.width, den.width) + 2 * pad
        axis = AXIS * size
        gap = 0.12 * size
        box = Box(width, 0.0, 0.0)
        box.place(num, _centre(num, width), axis + gap + num.descent)
        box.place(den, _centre(den, width), axis - gap - den.ascent)
        if node.style != "nobar":
            box.items.append(Rule(pad / 2, axis, width - pad / 2, axis, RULE * size))
        return box

    @staticmethod
    def _scripts(base: Box, size: float, sub=None, sup=None) -> Box:
        small = size * SCRIPT
        box = Box()
        box.place(base, 0.0, 0.0)
        x = base.width + 0.03 * size
        width = x
        if sup is not None:
            raised = _layout(sup, small)
            shift = max(0.42 * size, base.ascent - 0.5 * raised.ascent)
            box.place(raised, x, shift)
            width = max(width, x + raised.width)
        if sub is not None:
            lowered = _layout(sub, small)
            shift = max(0.2 * size, base.descent + 0.1 * size - 0.3 * lowered.descent)
            box.place(lowered, x, -shift)
            width = max(width, x + lowered.width)
        box.width = width + 0.05 * size
        return box

    @classmethod
    def sup(cls, node, size):
        return cls._scripts(_layout(node.parts[0], size), size, sup=node.parts[1])

    @classmethod
    def sub(cls, node, size):
        return cls._scripts(_layout(node.parts[0], size), size, sub=node.parts[1])

    @classmethod
    def subsup(cls, node, size):
        return cls._scripts(_layout(node.parts[0], size), size, sub=node.parts[1],
                            sup=node.parts[2])

    @staticmethod
    def _limits(base: Box, size: float, lower=None, upper=None) -> Box:
        small = size * SCRIPT
        below = _layout(lower, small) if lower is not None and lower.parts else None
        above = _layout(upper, small) if upper is not None and upper.parts else None
        width = max([base.width] + [b.width for b in (below, above) if b is not None])
        box = Box(width)
        box.place(base, _centre(base, width), 0.0)
        gap = 0.1 * size
        if above is not None:
            box.place(above, _centre(above, width), base.ascent + gap + above.descent)
        if below is not None:
            box.place(below, _centre(below, width), -(base.descent + gap + below.ascent))
        return box

    @classmethod
    def under(cls, node, size):
        return cls._limits(_layout(node.parts[0], size), size, lower=node.parts[1])

    @classmethod
    def over(cls, node, size):
        return cls._limits(_layout(node.parts[0], size), size, upper=node.parts[1])

    @classmethod
    def underover(cls, node, size):
        return cls._limits(_layout(node.parts[0], size), size, node.parts[1], node.parts[2])

    @classmethod
    def nary(cls, node, size):
        lower, upper, body = node.parts
        big = size * (1.5 if node.style == "limits" else 1.25)
        sign = _text(node.text, big, "op")
        # Centre the large sign on the axis.
        middle = (sign.ascent - sign.descent) / 2
        shifted = Box(sign.width)
        shifted.place(sign, 0.0, AXIS * size - middle * 0.8)
        if node.style == "limits":
            head = cls._limits(shifted, size, lower, upper)
        else:
            head = cls._scripts(shifted, size, sub=lower if lower.parts else None,
                                sup=upper if upper.parts else None)
        box = Box()
        box.place(head, 0.0, 0.0)
        content = _layout(body, size)
        box.place(content, head.width + 0.12 * size, 0.0)
        return box

    @staticmethod
    def root(node, size):
        body = _layout(node.parts[0], size)
        pad = 0.1 * size
        top = body.ascent + 2 * pad
        bottom = -body.descent
        sign_width = 0.55 * size
        index = node.parts[1] if len(node.parts) > 1 and node.parts[1].parts else None
        lead = 0.0
        box = Box()
        if index is not None:
            degree = _layout(index, size * 0.5)
            lead = max(0.0, degree.width - sign_width * 0.45)
            box.place(degree, 0.0, (top + bottom) * 0.55)
        line = RULE * size
        x0 = lead
        box.items.extend([
            Rule(x0, (top + bottom) * 0.45, x0 + sign_width * 0.25, (top + bottom) * 0.5, line),
            Rule(x0 + sign_width * 0.25, (top + bottom) * 0.5, x0 + sign_width * 0.5, bottom,
                 line * 1.6),
            Rule(x0 + sign_width * 0.5, bottom, x0 + sign_width, top, line),
            Rule(x0 + sign_width, top, x0 + sign_width + body.width + pad, top, line),
        ])
        box.place(body, x0 + sign_width + pad / 2, 0.0)
        box.width = x0 + sign_width + body.width + 1.5 * pad
        box.ascent = max(box.ascent, top + line)
        box.descent = max(box.descent, -bottom + line)
        return box

    @staticmethod
    def accent(node, size):
        base = _layout(node.parts[0], size)
        char = _ACCENT_GLYPH.get(node.text, node.text)
        low = char in "\u2192\u2190\u2194~"  # marks drawn at mid height of their glyph
        scale = 0.65 if low else 0.8
        mark = _text(char, size * scale, "normal")
        width = max(base.width, mark.width)
        box = Box(width)
        box.place(base, _centre(base, width), 0.0)
        middle = (0.3 if low else 0.55) * size * scale
        box.place(mark, _centre(mark, width), base.ascent + 0.08 * size - middle)
        box.ascent = max(box.ascent, base.ascent + 0.3 * size)
        return box

    @staticmethod
    def bar(node, size):
        base = _layout(node.parts[0], size)
        box = Box()
        box.place(base, 0.0, 0.0)
        y = base.ascent + 0.08 * size if node.text != "bot" else -(base.descent + 0.05 * size)
        box.items.append(Rule(0.0, y, base.width, y, RULE * size))
        box.ascent = max(box.ascent, y + RULE * size)
        box.descent = max(box.descent, -y + RULE * size)
        return box

    @staticmethod
    def fence(node, size):
        body = _row(node.parts, size)
        box = Box()
        tall = max(body.ascent - AXIS * size, body.descent + AXIS * size) * 2
        grow = max(1.0, tall / (size * (ASCENT + DESCENT)))
        x = 0.0
        for position, char in enumerate((node.text, None, node.close)):
            if position == 1:
                box.place(body, x, 0.0)
                x += body.width
                continue
            if not char:
                continue
            glyph = _text(char, size * grow, "op")
            # Centred on the axis: the glyph's middle sits at the axis.
            middle = (ASCENT - DESCENT) / 2 * size * grow
            box.place(glyph, x, AXIS * size - middle)
            x += glyph.width
        box.width = x
        return box

    @staticmethod
    def matrix(node, size):
        rows = [[_layout(cell, size) for cell in row.parts] for row in node.parts]
        columns = max((len(r) for r in rows), default=0)
        widths = [max((r[c].width for r in rows if c < len(r)), default=0.0)
                  for c in range(columns)]
        gap_x, gap_y = 0.8 * size, 0.25 * size
        heights = [(max((c.ascent for c in r), default=ASCENT * size),
                    max((c.descent for c in r), default=DESCENT * size)) for r in rows]
        total = sum(a + d for a, d in heights) + gap_y * max(len(rows) - 1, 0)
        box = Box(sum(widths) + gap_x * max(columns - 1, 0))
        y = AXIS * size + total / 2
        for row, (ascent, descent) in zip(rows, heights):
            y -= ascent
            x = 0.0
            for column, cell in enumerate(row):
                box.place(cell, x + (widths[column] - cell.width) / 2, y)
                x += widths[column] + gap_x
            y -= descent + gap_y
        box.ascent = max(box.ascent, AXIS * size + total / 2)
        box.descent = max(box.descent, total / 2 - AXIS * size)
        return box

    @staticmethod
    def box(node, size):
        inner = _layout(node.parts[0], size)
        pad = 0.15 * size
        box = Box()
        box.place(inner, pad, 0.0)
        top, bottom, right = inner.ascent + pad, -(inner.descent + pad), inner.width + 2 * pad
        line = RULE * size
        box.items.extend([Rule(0, top, right, top, line), Rule(right, top, right, bottom, line),
                          Rule(right, bottom, 0, bottom, line), Rule(0, bottom, 0, top, line)])
        box.width, box.ascent, box.descent = right, top + line, -bottom + line
        return box


# ---------------------------------------------------------------- one line of text


def linear(node: MathNode) -> str:
    """The formula as one line of Unicode text (what a program without equations shows)."""
    kind = node.kind
    if kind in ("i", "n", "o", "t"):
        return node.text
    if kind == "space":
        return " " if float(node.text or 0) >= 0.2 else ""
    if kind == "break":
        return "; "
    if kind == "row":
        return "".join(linear(p) for p in node.parts)
    parts = [linear(p) for p in node.parts]
    if kind == "frac":
        return f"{_group(node.parts[0])}/{_group(node.parts[1])}"
    if kind in ("sup", "sub", "subsup"):
        text = _group(node.parts[0])
        if kind in ("sub", "subsup"):
            text += "_" + _group(node.parts[1])
        if kind in ("sup", "subsup"):
            text += "^" + _group(node.parts[-1])
        return text
    if kind in ("under", "over", "underover"):
        return parts[0] + (("_" + _group(node.parts[1])) if kind != "over" else "") + \
            (("^" + _group(node.parts[-1])) if kind != "under" else "")
    if kind == "nary":
        text = node.text
        if node.parts[0].parts:
            text += "_" + _group(node.parts[0])
        if node.parts[1].parts:
            text += "^" + _group(node.parts[1])
        return text + " " + parts[2] if parts[2] else text
    if kind == "root":
        index = _group(node.parts[1]) if len(node.parts) > 1 else ""
        radical = {"3": "\u221b", "4": "\u221c"}.get(index, "\u221a")
        prefix = index if index and radical == "\u221a" else ""
        return prefix + radical + _group(node.parts[0], always=len(parts[0]) > 1)
    if kind == "accent":
        return parts[0] + ("\u0302" if node.text in ("^", "\u02c6", "\u0302") else
                           "\u20d7" if node.text in ("\u2192", "\u20d7") else "")
    if kind == "bar":
        return parts[0]
    if kind == "fence":
        return node.text + parts[0] + node.close
    if kind == "matrix":
        return "[" + "; ".join(", ".join(linear(c) for c in row.parts) for row in node.parts) + "]"
    if kind == "box":
        return parts[0]
    return "".join(parts)


def _group(node: MathNode, always: bool = False) -> str:
    text = linear(node)
    simple = len(text) <= 1 or re.fullmatch(r"[\w.]+", text)
    return f"({text})" if always or not simple else text
