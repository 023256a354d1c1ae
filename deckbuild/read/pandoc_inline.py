"""pandoc's inline markup Python-Markdown lacks: ~~strike~~, H~2~O, x^2^, [text]{.underline}.

pandoc writes these (and `deckbuild import` writes them for what a PowerPoint
deck shows struck through, underlined or raised), so a deck written for pandoc
keeps them. `\\~` and `\\^` keep the characters as typed. Bracketed spans of
other classes (`[text]{.smallcaps}`, `[text]{lang=fr}`) show their text.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

STRIKE = r"~~(?=\S)(.+?)(?<=\S)~~"
SUBSCRIPT = r"(?<!~)~(?!~)([^\s~]+)~(?!~)"
SUPERSCRIPT = r"\^([^\s^]+)\^"
SPAN = r"\[([^\[\]\n]+)\]\{([^{}\n]*)\}"


class _Tag(InlineProcessor):
    def __init__(self, pattern, md, tag: str):
        super().__init__(pattern, md)
        self.tag = tag

    def handleMatch(self, m, data):
        el = etree.Element(self.tag)
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class _Span(InlineProcessor):
    """`[text]{.underline}` is underlined; any other span shows its text."""

    def handleMatch(self, m, data):
        classes = {part[1:] for part in m.group(2).split() if part.startswith(".")}
        el = etree.Element("u" if classes & {"underline", "ul"} else "span")
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class PandocInlineExtension(Extension):
    def extendMarkdown(self, md):
        for character in "~^":
            if character not in md.ESCAPED_CHARS:
                md.ESCAPED_CHARS.append(character)
        md.inlinePatterns.register(_Span(SPAN, md), "pandoc_span", 172)
        md.inlinePatterns.register(_Tag(STRIKE, md, "del"), "pandoc_strike", 75)
        md.inlinePatterns.register(_Tag(SUBSCRIPT, md, "sub"), "pandoc_subscript", 74)
        md.inlinePatterns.register(_Tag(SUPERSCRIPT, md, "sup"), "pandoc_superscript", 73)
