"""Raw inlines, `` `<b>x</b>`{=html} ``: pandoc's way to pass markup to one output format.

`{=html}` is HTML like any typed inline HTML (reduced to its text, comments left
out); `{=openxml}` becomes a `rawxml` element the reader checks and keeps only
when it is DrawingML a slide can hold; any other format is for another output
and is left out, as pandoc does. (Raw blocks, ```` ```{=html} ```` fences, are
code blocks whose language starts with `=`; the reader treats them the same way.)
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

_HTML_PIECE = re.compile(r"<!--.*?(?:-->|$)|<[^<>]*>|&#?\w+;|[^<&]+|[<&]", re.S)
# A code span (any number of backticks) followed by {=format}.
RAW_INLINE = r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)\{=([A-Za-z0-9_-]+)\}"


class RawInline(InlineProcessor):
    def handleMatch(self, m, data):
        text, kind = m.group(2), m.group(3).lower()
        if m.group(1) != "`" and text.startswith(" ") and text.endswith(" ") and text.strip():
            text = text[1:-1]
        if kind == "html":  # each tag stashed on its own, as typed inline HTML is
            el = etree.Element("span")
            el.text = AtomicString("".join(
                self.md.htmlStash.store(piece) if piece.startswith(("<", "&")) else piece
                for piece in _HTML_PIECE.findall(text)))
            return el, m.start(0), m.end(0)
        if kind in ("openxml", "pptx"):
            el = etree.Element("rawxml")
            el.text = AtomicString(text)
            return el, m.start(0), m.end(0)
        return "", m.start(0), m.end(0)
