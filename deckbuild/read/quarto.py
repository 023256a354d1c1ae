"""Quarto's slide Markdown, as Quarto renders it to PowerPoint.

- callouts `::: {.callout-note}` (tip, warning, important, caution), with
  `title="..."` or a first heading as their title line;
- `::: {layout-ncol=2}` panels: what they hold, side by side in columns;
- `{width="40%"}` on columns (and pictures, read with the picture);
- slide attributes on the heading: `{.smaller}` (body text starts smaller),
  `background-color="#1F6F8B"`; `{.scrollable}`, `{.center}` and the like only
  mean something in HTML slides: accepted and left alone, never shown as text.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence, Tuple

from ..model import Image, Paragraph, plain

CALLOUT = re.compile(r"^callout-(note|tip|warning|important|caution)$")
# CSS colour names trainers use; any other colour is written #RRGGBB.
COLOUR_NAMES = {
    "black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
    "yellow": "FFFF00", "orange": "FFA500", "purple": "800080", "gray": "808080",
    "grey": "808080", "navy": "000080", "teal": "008080", "maroon": "800000", "olive": "808000",
    "silver": "C0C0C0", "lightgray": "D3D3D3", "lightgrey": "D3D3D3", "darkgray": "A9A9A9",
    "darkgrey": "A9A9A9", "aliceblue": "F0F8FF", "beige": "F5F5DC", "ivory": "FFFFF0",
    "lavender": "E6E6FA", "linen": "FAF0E6", "mintcream": "F5FFFA", "whitesmoke": "F5F5F5",
    "darkblue": "00008B", "darkgreen": "006400", "darkred": "8B0000", "lightblue": "ADD8E6",
    "lightgreen": "90EE90", "lightyellow": "FFFFE0", "pink": "FFC0CB", "brown": "A52A2A",
}


def callout_kind(classes: Sequence[str]) -> Optional[str]:
    for name in classes:
        match = CALLOUT.match(name)
        if match:
            return match.group(1)
    return None


def colour(value: str) -> Optional[str]:
    """`#1f6f8b`, `#abc` or a CSS name -> "1F6F8B"; None when it is no colour."""
    value = (value or "").strip().lower()
    if value in COLOUR_NAMES:
        return COLOUR_NAMES[value]
    match = re.fullmatch(r"#?([0-9a-f]{6}|[0-9a-f]{3})", value)
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return digits.upper()


def width_share(value: str) -> float:
    """`40%` -> 0.4; other units (`300px`) or nonsense -> 0 (an equal share)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", value or "")
    if not match:
        return 0.0
    share = float(match.group(1)) / 100
    return share if 0 < share <= 1 else 0.0


def column_count(attrs: dict) -> int:
    """`layout-ncol=2` -> 2; 0 when the div is no panel layout."""
    value = attrs.get("layout-ncol", "")
    return int(value) if value.isdigit() and int(value) > 0 else 0


def panels(blocks: Sequence, columns: int) -> Tuple[tuple, ...]:
    """The blocks of a `layout-ncol` panel dealt into columns, row by row as Quarto does."""
    out = [[] for _ in range(columns)]
    for index, block in enumerate(blocks):
        out[index % columns].append(block)
    return tuple(tuple(column) for column in out if column)


def figure(blocks: Sequence, label: str = "") -> list:
    """Quarto's figure div, `::: {#fig-x}`: its one picture, captioned with the div's last
    paragraph ("Figure 1: " before it when the figure is numbered); the caption is the
    picture's alt text too where it has none. Anything else is left as it is."""
    blocks = list(blocks)
    pictures = [i for i, b in enumerate(blocks) if isinstance(b, Image)]
    if len(pictures) != 1 or pictures[0] == len(blocks) - 1 \
            or not isinstance(blocks[-1], Paragraph):
        return blocks
    caption = plain(blocks[-1].text).strip()
    image = blocks[pictures[0]]
    image = replace(image, caption=f"{label}: {caption}" if label else caption,
                    alt=image.alt or caption)
    return blocks[:pictures[0]] + [image] + blocks[pictures[0] + 1:-1]
