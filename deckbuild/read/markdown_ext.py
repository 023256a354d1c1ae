"""Python-Markdown extensions for slide syntax.

Python-Markdown parses; these extensions teach it what decks need and it does
not know: pandoc's fenced divs (`::: notes`, also inside blockquotes and list
items), horizontal rules as slide breaks, the source line of every heading,
rule and div (Python-Markdown keeps none), list nesting by 2 or 4 spaces,
pandoc's list numbers (`a.`, `iv)`, `(1)`, `#.`), fenced code also inside list
items, backslash-escaped quotes kept as typed, and bare web addresses as links.
The parsed element tree is then handed to `tree.py`; nothing re-parses the text.

Before Python-Markdown's block parser sees the lines, the structure pass
(`structure.py`) marks headings with their line and turns rules, div fences and
fenced code into marker lines; `MarkerProcessor` below turns those into elements.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import List

import markdown
from markdown.blockprocessors import BlockProcessor, BlockQuoteProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..errors import Findings
from .pathological import register as register_pathological
from .structure import DIV_CLOSE, DIV_OPEN, MARK_OPEN, MARKER, LineReader, marker


class StructurePass(Preprocessor):
    """Marks slide structure with line numbers and normalises lists and code fences."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: List[str]) -> List[str]:
        ext = self.ext
        return LineReader(lines, ext.first_line, ext.path, ext.findings,
                          self.md.block_level_elements, ext.store_code).read()


class MarkerProcessor(BlockProcessor):
    """Turns marker lines into `<div class=...>`, `<hr>` and `<pre>` elements."""

    def __init__(self, parser, ext):
        super().__init__(parser)
        self.ext = ext

    def test(self, parent, block):
        return block.lstrip("\n").startswith(MARK_OPEN)

    def run(self, parent, blocks):
        block = blocks.pop(0).lstrip("\n")
        first, _, rest = block.partition("\n")
        if rest:
            blocks.insert(0, rest)
        match = MARKER.match(first)
        if not match:
            return False
        kind, number, attrs = match.group(1), match.group(2), match.group(3) or ""
        if kind == "break":
            etree.SubElement(parent, "hr", {"data-line": number})
            return True
        if kind == "code":
            language, code = self.ext.codes[int(number)]
            pre = etree.SubElement(parent, "pre")
            element = etree.SubElement(pre, "code")
            if language:
                element.set("class", f"language-{language}")
            element.text = markdown.util.AtomicString(markdown.util.code_escape(code))
            etree.SubElement(parent, "p")  # else an indented code block after it would join it
            return True
        if kind == "endlist":
            etree.SubElement(parent, "p")  # an empty paragraph keeps two lists apart
            return True
        if kind == "enddiv":
            return True  # a close whose open was lost: nothing to build
        inner, depth = [], 0
        while blocks:
            candidate = blocks.pop(0)
            marker = MARKER.match(candidate.lstrip("\n").split("\n", 1)[0])
            if marker and marker.group(1) == "div":
                depth += 1
            elif marker and marker.group(1) == "enddiv":
                if depth == 0:
                    remainder = candidate.lstrip("\n").partition("\n")[2]
                    if remainder:
                        blocks.insert(0, remainder)
                    break
                depth -= 1
            inner.append(candidate)
        div = etree.SubElement(parent, "div", {"data-line": number})
        for key, value in parse_div_attributes(attrs).items():
            div.set(key, value)
        self.parser.parseBlocks(div, inner)
        return True


class NestedDivProcessor(BlockProcessor):
    """`:::` fences inside a blockquote or a list item, which the structure pass cannot see.

    They have no line numbers of their own; everything else works as at the top level.
    """

    def test(self, parent, block):
        return bool(DIV_OPEN.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        attrs = DIV_OPEN.match(first).group(2)
        inner: List[str] = []
        depth = 0
        current = rest.split("\n") if rest else []
        while True:
            for position, line in enumerate(current):
                if DIV_CLOSE.match(line):
                    if depth == 0:
                        leftover = "\n".join(current[position + 1:])
                        if leftover.strip():
                            blocks.insert(0, leftover)
                        return self._build(parent, attrs, inner)
                    depth -= 1
                elif DIV_OPEN.match(line):
                    depth += 1
                inner.append(line)
            if not blocks:
                return self._build(parent, attrs, inner)
            inner.append("")
            current = blocks.pop(0).split("\n")

    def _build(self, parent, attrs: str, inner: List[str]) -> bool:
        div = etree.SubElement(parent, "div")
        for key, value in parse_div_attributes(attrs).items():
            div.set(key, value)
        self.parser.parseChunk(div, "\n".join(inner))
        return True


_ATTR_TOKEN = re.compile(r"""\s*(?:([.#])([^\s}]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))|(\S+))""")


def parse_div_attributes(text: str) -> dict:
    """`notes`, `{.resources group="National"}`, `{.column width="40%"}` -> attributes."""
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    classes, attrs = [], {}
    for match in _ATTR_TOKEN.finditer(text):
        sign, name, key = match.group(1), match.group(2), match.group(3)
        if sign == ".":
            classes.append(name)
        elif sign == "#":
            attrs["id"] = name
        elif key:
            value = next(v for v in match.group(4, 5, 6) if v is not None)
            attrs[key] = value
        elif match.group(7):
            classes.append(match.group(7))
    if classes:
        attrs["class"] = " ".join(classes)
    return attrs


class BareUrlPattern(InlineProcessor):
    """`https://example.org` typed in text becomes a link, as trainers expect."""

    def handleMatch(self, m, data):
        url = m.group(0)
        while url and url[-1] in ".,;:!?)]'\"":
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        el = etree.Element("a", {"href": url})
        el.text = markdown.util.AtomicString(url)
        return el, m.start(0), m.start(0) + len(url)


class LiteralPunctuation(InlineProcessor):
    """`\\'`, `\\"`, `\\-` and `\\.` stay as typed: no typographic quote, dash or ellipsis.

    Python-Markdown's own escapes are undone before the tree is captured, so these
    become a `literal` element that tree.py copies without typography (as pandoc does).
    """

    def handleMatch(self, m, data):
        el = etree.Element("literal")
        el.text = markdown.util.AtomicString(m.group(1))
        return el, m.start(0), m.end(0)


class BlankPattern(InlineProcessor):
    """`____` (four underscores or more, not inside a word): a write-in blank, which the
    handout draws as a line to write on. Read before emphasis, which would take the
    underscores for its own."""

    def handleMatch(self, m, data):
        el = etree.Element("blank")
        el.text = markdown.util.AtomicString(m.group(0))
        return el, m.start(0), m.end(0)


class CaptureTree(Treeprocessor):
    """Keeps the finished element tree; the HTML Python-Markdown would write is not needed."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        self.ext.root = root
        return etree.Element("div")  # nothing left to serialise


class SeparateQuotes(BlockQuoteProcessor):
    """A blank line ends a blockquote, as in pandoc and CommonMark.

    Python-Markdown joins a blockquote to the one before it; two quotes on a slide
    are two quotes (each with its own attribution, each in the handout's key quotes).
    """

    def lastChild(self, parent):
        return None


class SlideExtension(Extension):
    """Registers everything above; one instance per Markdown object."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first_line = 1
        self.path = ""
        self.findings = Findings()
        self.root = None
        self.codes: List[tuple] = []  # (language, text) of each fenced code block

    def store_code(self, info: str, code: str) -> str:
        """Keep a fenced code block's text aside; the marker line stands in for it."""
        info = info.strip().strip("{}").strip()
        language = info.split()[0].lstrip(".") if info else ""
        self.codes.append((language, code))
        return marker("code", len(self.codes) - 1)

    def extendMarkdown(self, md):
        md.preprocessors.register(StructurePass(md, self), "deckbuild_structure", 27)
        md.parser.blockprocessors.register(MarkerProcessor(md.parser, self), "deckbuild_marker",
                                           110)
        md.parser.blockprocessors.register(NestedDivProcessor(md.parser), "deckbuild_div", 105)
        md.parser.blockprocessors.register(SeparateQuotes(md.parser), "quote", 20)
        md.inlinePatterns.register(
            BareUrlPattern(r"(?<![\w/<\"'(=])https?://[^\s<>\"]+", md), "deckbuild_bare_url", 115)
        md.inlinePatterns.register(LiteralPunctuation(r"\\(['\"\-.])", md),
                                   "deckbuild_literal", 185)
        md.inlinePatterns.register(BlankPattern(r"(?<![\w\\])_{4,}(?!\w)", md), "deckbuild_blank",
                                   75)
        md.treeprocessors.register(CaptureTree(md, self), "deckbuild_capture", -10)
        register_pathological(md)  # lone '[' and '<': linear time, the same text


def make_markdown():
    """A Markdown object with the extensions decks use, and our own.

    The extensions are passed as objects, not names: for a name, Python-Markdown
    looks through every installed package's entry points, which took longer than
    reading a whole deck.
    """
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension

    from .pandoc import PandocExtension

    ext = SlideExtension()
    md = markdown.Markdown(
        extensions=[TableExtension(), AttrListExtension(), FootnoteExtension(),
                    SaneListExtension(), PandocExtension(), ext],
        lazy_ol=False,
    )
    return md, ext


def parse(md, ext, text: str, path: str, first_line: int, findings: Findings):
    """Parse Markdown into Python-Markdown's element tree (root `div`)."""
    md.reset()
    ext.first_line, ext.path, ext.findings, ext.root = first_line, path, findings, None
    ext.codes = []
    md.convert(text)
    # Python-Markdown stops before the tree processors when there is no text at all.
    return ext.root if ext.root is not None else etree.Element("div")
