"""Colours: WCAG contrast, and mixing as DrawingML does. Colours are RRGGBB hex strings."""
from __future__ import annotations

LARGE_TEXT_MINIMUM = 3.0  # WCAG 2 AA for large text (18 pt, or 14 pt bold) and graphics
TEXT_MINIMUM = 4.5  # WCAG 2 AA for text


def _rgb(colour: str):
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def luminance(colour: str) -> float:
    """WCAG relative luminance of an RRGGBB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = _rgb(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on_white(colour: str) -> bool:
    """Whether headings in this colour can be read on white paper (contrast 3:1 or more)."""
    return contrast(colour, "FFFFFF") >= LARGE_TEXT_MINIMUM


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: amount 1.0 is the colour, 0.2 a pale wash."""
    return "".join(f"{round(255 - (255 - v) * amount):02X}" for v in _rgb(colour))
