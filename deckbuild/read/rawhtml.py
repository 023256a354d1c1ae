"""Raw HTML reduced to what a reader sees.

One rule for raw HTML, inside a line or as a block of its own; nothing is ever
interpreted:
- tags of HTML itself (`<b>`, `<div class=x>`, `</p>`) are left out and their
  text is kept; `<br>` is a line break;
- `<script>` and `<style>` are left out with what they contain (a warning says so);
  `<img>`, `<iframe>`, `<video>`... show nothing but are reported, as they would
  otherwise vanish unnoticed;
- comments `<!-- -->` are left out;
- anything else in angle brackets (`<para>`, `<3`, `a < b`) is shown as typed;
- `&amp;`, `&eacute;`, `&#8212;` are the character they name; a reference that
  names no character (`&#9999999;`, `&#0;`, `&bogus;`) is shown as typed.
"""
from __future__ import annotations

import html
import re
from typing import Callable, List, Optional

from .textfile import unsafe_characters

# Tags of HTML itself; anything else in angle brackets (`<para>`, `<3`) is shown as typed.
_HTML_TAGS = set(
    "a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br "
    "button canvas caption center cite code col colgroup data datalist dd del details dfn dialog "
    "dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 "
    "h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map "
    "mark marquee menu meta meter nav noscript object ol optgroup option output p param picture "
    "pre progress q rp rt ruby s samp script section select small source span strike strong style "
    "sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u "
    "ul var video wbr".split())
_SKIPPED_WITH_CONTENT = {"script", "style"}
_NOT_TEXT = {"img", "iframe", "video", "audio", "object", "embed", "canvas", "frame"}
_LINE_BREAKING = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                  "ul", "ol", "table", "pre", "hr", "dt", "dd", "section", "article"}
_ATTRS = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?"""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)" + _ATTRS + ">", re.S)
# Pieces of a raw HTML block. Each alternative stops at the next '<' or runs to the
# end at once, so a block full of broken tags is read in linear time; a candidate
# tag is then checked against _TAG (an unclosed comment hides the rest, as in HTML).
_PIECE = re.compile(r"<!--.*?(?:-->|\Z)|<[!?][^>]*(?:>|\Z)|</?[a-zA-Z][^<>]*>"
                    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", re.S)


class HtmlReducer:
    """Raw HTML to what a reader sees, under the rule above, for inline pieces and blocks.

    Python-Markdown hands inline HTML over one tag at a time, with the text between
    them in the element tree; `skipping` carries a `<script>` across those pieces.
    """

    def __init__(self, warn: Callable[[str, str], None]):
        self.warn = warn  # warn(message, raw text to find the line by)
        self.skipping: Optional[str] = None

    def piece(self, raw: str) -> str:
        """One tag, comment or character reference."""
        if raw.startswith("&"):
            return "" if self.skipping else _reference(raw)
        if raw.startswith(("<!", "<?")):  # comments and declarations
            return ""
        match = _TAG.fullmatch(raw)
        if not match or match.group(2).lower() not in _HTML_TAGS:
            return "" if self.skipping else raw
        name, closing = match.group(2).lower(), bool(match.group(1))
        if self.skipping:
            if closing and name == self.skipping:
                self.skipping = None
            return ""
        if name in _SKIPPED_WITH_CONTENT and not closing:
            if not raw.endswith("/>"):
                self.skipping = name
            self.warn(f"the HTML <{name}> was left out with what it contains: decks show text,"
                      " they do not run HTML", raw)
        elif name in _NOT_TEXT and not closing:
            self.warn(f"the HTML <{name}> was left out: decks show no HTML"
                      + (" (a picture is written ![description](file.png))" if name == "img"
                         else ""), raw)
        return "\n" if name == "br" else ""

    def text(self, text: str) -> str:
        """Text between pieces: gone while inside a `<script>`."""
        return "" if self.skipping else text

    def block(self, raw: str) -> str:
        """A block of raw HTML reduced to its lines of text."""
        self.skipping = None
        parts: List[str] = []
        position = 0
        for match in _PIECE.finditer(raw):
            parts.append(self.text(raw[position:match.start()]))
            shown = self.piece(match.group(0))
            tag = _TAG.fullmatch(match.group(0))
            if not shown and tag and tag.group(2).lower() in _LINE_BREAKING:
                shown = "\n"
            parts.append(shown)
            position = match.end()
        parts.append(self.text(raw[position:]))
        self.skipping = None
        text = "".join(parts)
        return re.sub(r"[ \t]*\n[ \t\n]*", "\n", text).strip()


def _reference(raw: str) -> str:
    """A character reference, or the text as typed when it names no character."""
    match = re.fullmatch(r"&#[xX]([0-9a-fA-F]+);|&#([0-9]+);", raw)
    if match:
        value = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if value < 0x20 and value not in (9, 10):
            return raw
    shown = html.unescape(raw)
    if not shown or "\ufffd" in shown or unsafe_characters(shown):
        return raw
    return shown
