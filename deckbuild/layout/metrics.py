"""How wide text is: the font that measures a run and the width of a stretch of it.

Our design's text is measured with reportlab's metrics for Helvetica, which match
Arial (the deck's font) and Liberation Sans (LibreOffice's stand-in). A
template's fonts are measured with `design.fonts` (its faces' keys start with
`FACE_PREFIX`).
"""
from __future__ import annotations

import functools

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..design.fonts import FACE_PREFIX, face, face_for_key
from ..design.fonts import missing_em as _fallback_em
from ..model import Run

ZERO_WIDTH_SPACE = "\u200b"  # a break opportunity nobody sees: it takes no room


STANDARD = ("Helvetica", "Courier", "Times-Roman")  # reportlab's own fonts


def font_for(run: Run, base: str = "Helvetica") -> str:
    """The font that measures (and draws) a run: a reportlab name, or a face's key when
    `base` is a template's family (Calibri, Verdana...)."""
    if run.code:
        family = "Courier"
    else:
        family = base
    if family in STANDARD:
        stem = "Times" if family == "Times-Roman" else family
        if run.bold and run.italic:
            return f"{stem}-BoldOblique" if stem != "Times" else "Times-BoldItalic"
        if run.bold:
            return f"{stem}-Bold"
        if run.italic:
            return f"{stem}-Oblique" if stem != "Times" else "Times-Italic"
        return family
    return face(family, run.bold, run.italic).key


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


@functools.lru_cache(maxsize=65536)
def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` in points, set in `font` (a reportlab name) at `size`."""
    text = text.replace(ZERO_WIDTH_SPACE, "")
    if font.startswith(FACE_PREFIX):
        return face_for_key(font).width(text, size)
    if _cp1252(text):  # every character (the codec maps one character at a time)
        return stringWidth(text, font, size)
    width = 0.0
    for char in text:
        width += stringWidth(char, font, size) if _cp1252(char) else _fallback_em(char) * size
    return width


SMALL_CAPS = 0.8  # small capitals' size, times the size of the capitals


def small_caps_width(text: str, font: str, size: float) -> float:
    """`text` in small capitals: lower-case letters set as capitals at 80 %."""
    if text == text.upper():
        return text_width(text, font, size)
    width = 0.0
    for char in text:
        upper = char.upper() if len(char.upper()) == 1 else char
        width += text_width(upper, font, size * SMALL_CAPS if upper != char else size)
    return width


def run_size(run: Run, size: float) -> float:
    """The size a run is set at in a paragraph of `size`: smaller when raised or lowered."""
    return size * 0.7 if (run.superscript or run.subscript) else size
