"""A quote's attribution: the line or paragraph that starts with a dash (pandoc's habit)."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from ..model import Text, plain
from .runs import trimmed, without_prefix

_ATTRIBUTION = re.compile(r"^\s*(?:\u2014|\u2015|--+|\u2013)\s*")


def split_attribution(text: Text) -> Tuple[Text, Optional[Text]]:
    """Split `quote ... \\n— Name` into the quote and its attribution."""
    flat = plain(text)
    # A hard line break or a separate paragraph starting with a dash.
    if _ATTRIBUTION.match(flat):
        return (), trimmed(without_prefix(text, len(_ATTRIBUTION.match(flat).group(0))))
    return text, None


_ATTRIBUTION_LINE = re.compile(r"\n[ \t]*(?:\u2014|\u2015|\u2013|--+)[ \t]*([^\n]+?)\s*$")


def cut_attribution_line(quote_el) -> Optional[str]:
    """`> text\n> — Name` in one paragraph: cut the dash line off, return its text."""
    paragraphs = [c for c in quote_el if c.tag == "p"]
    if not paragraphs:
        return None
    last = paragraphs[-1]
    holder, attr = (last[-1], "tail") if len(last) else (last, "text")
    value = getattr(holder, attr) or ""
    match = _ATTRIBUTION_LINE.search(value)
    if not match:
        return None
    setattr(holder, attr, value[:match.start()])
    return match.group(1)
