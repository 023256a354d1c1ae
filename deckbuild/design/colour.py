"""Colours: WCAG contrast, and mixing as DrawingML does. Colours are RRGGBB hex strings."""
from __future__ import annotations

import colorsys
from typing import Dict, Optional

LARGE_TEXT_MINIMUM = 3.0  # WCAG 2 AA for large text (18 pt, or 14 pt bold) and graphics
TEXT_MINIMUM = 4.5  # WCAG 2 AA for text
LARGE = 18.0  # points: large text (WCAG: 18 pt, or 14 pt bold)
LARGE_BOLD = 14.0


def text_minimum(size: Optional[float], bold: bool = False) -> float:
    """The contrast text of `size` points needs: 3:1 when large, else 4.5:1."""
    if size is None:
        return TEXT_MINIMUM
    large = size >= LARGE - 0.05 or (bold and size >= LARGE_BOLD - 0.05)
    return LARGE_TEXT_MINIMUM if large else TEXT_MINIMUM


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


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: amount 1.0 is the colour, 0.2 a pale wash."""
    return "".join(f"{round(255 - (255 - v) * amount):02X}" for v in _rgb(colour))


# ---------------------------------------------------------------- DrawingML colours
#
# A template names most of its colours by their place in the theme's scheme
# (accent1, tx1, bg1...), through the master's colour map, and changes them with
# lumMod/lumOff, tint and shade. These functions take lxml elements (lxml is
# imported only by whoever reads a template).

PRESET_COLOURS = {"black": "000000", "white": "FFFFFF"}
MAPPED = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}  # the default colour map


def local_name(element) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def scheme_colours(scheme) -> Dict[str, str]:
    """A theme's `a:clrScheme` as slot name (dk1, accent1...) -> RRGGBB."""
    colours: Dict[str, str] = {}
    if scheme is None:
        return colours
    for slot in scheme:
        name = local_name(slot)
        for element in slot:
            value = element.get("val") if local_name(element) == "srgbClr" \
                else element.get("lastClr")
            if value:
                colours[name] = value.upper()
    return colours


def mapped_colours(colours: Dict[str, str], colour_map) -> Dict[str, str]:
    """The scheme with the names text uses (tx1, bg1...) resolved through a `p:clrMap`."""
    colours = dict(colours)
    for alias, target in MAPPED.items():
        chosen = colour_map.get(alias, target) if colour_map is not None else target
        if chosen in colours:
            colours[alias] = colours[chosen]
    colours.setdefault("phClr", colours.get("accent1", "000000"))
    return colours


def _linear(c: float) -> float:
    """An sRGB channel (0-1) in linear light."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    """A linear-light channel (0-1) in sRGB."""
    c = min(max(c, 0.0), 1.0)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def modified(value: str, element) -> str:
    """A colour with DrawingML's lumMod/lumOff, tint and shade (children of `element`)."""
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    for change in element:
        name = local_name(change)
        amount = int(change.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            h, l, s = colorsys.rgb_to_hls(r, g, b)
            l = min(max(l * amount if name == "lumMod" else l + amount, 0.0), 1.0)
            r, g, b = colorsys.hls_to_rgb(h, l, s)
        elif name == "tint":  # in linear light, as PowerPoint and LibreOffice draw it
            r, g, b = (_gamma(_linear(c) + (1 - _linear(c)) * (1 - amount)) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (_gamma(_linear(c) * amount) for c in (r, g, b))
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))


def colour_in(holder, scheme: Dict[str, str]) -> Optional[str]:
    """The colour a fill names: its first srgbClr, schemeClr, sysClr or prstClr child."""
    if holder is None:
        return None
    for element in holder:
        tag = local_name(element)
        value = None
        if tag == "srgbClr":
            value = element.get("val")
        elif tag == "schemeClr":
            value = scheme.get(element.get("val"))
        elif tag == "sysClr":
            value = element.get("lastClr")
        elif tag == "prstClr":
            value = PRESET_COLOURS.get(element.get("val"))
        if value:
            return modified(value.upper(), element)
    return None
