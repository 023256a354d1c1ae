"""Typographic quotes, dashes and ellipses, as pandoc's `smart` extension sets them."""
from __future__ import annotations

from typing import Optional, Tuple


def smart_punctuation(text: str, previous: Optional[str] = None) -> Tuple[str, Optional[str]]:
    """Typographic quotes, dashes and ellipses, as pandoc's `smart` extension sets them.

    Returns the text and its last character, which decides the next quote's direction.
    """
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    if '"' not in text and "'" not in text:  # most text: nothing to turn, character by character
        return text, text[-1] if text else previous
    out = []
    for char in text:
        opening = previous is None or previous in _OPENS_QUOTE
        if char == '"':
            char = "\u201c" if opening else "\u201d"
        elif char == "'":
            char = "\u2018" if opening else "\u2019"
        out.append(char)
        previous = char
    return "".join(out), previous


_OPENS_QUOTE = set(" \t\n\u00a0([{/-\u2013\u2014\u201c\u2018\"'")
