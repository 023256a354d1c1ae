"""Python-Markdown's element tree -> model blocks and text runs.

The tree is walked once. Top-level headings, rules and divs are returned as
structure items for `slides.py` to cut into slides; everything else becomes a
model block. Raw HTML is reduced to its text here and never interpreted.
Pandoc's habits are kept: typographic quotes and dashes, a `: caption` paragraph
beside a table is its caption, a paragraph that starts with a picture is a
picture, footnotes are numbered in the order the slides refer to them.
"""
from __future__ import annotations

import bisect
import html
import operator
import re
from dataclasses import dataclass, field, fields, replace
from typing import Callable, List, Optional, Tuple

from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from ..model import (CodeBlock, Heading, Image, ListBlock, ListItem, Paragraph, Quote, Run,
                     Table, Text)
from .links import LinkChecker
from .structure import LIST_STYLE_CLOSE, LIST_STYLE_OPEN
from .textfile import unsafe_characters

_BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "div", "hr", "h1", "h2", "h3",
               "h4", "h5", "h6"}
_ATTRIBUTION = re.compile(r"^\s*(?:\u2014|\u2015|--+|\u2013)\s*")
_LIST_STYLE = re.compile(LIST_STYLE_OPEN + "[^" + LIST_STYLE_CLOSE + "]*" + LIST_STYLE_CLOSE)
_CAPTION = re.compile(r"^[ \t]*(?:Table)?:[ \t]+")
# Python-Markdown's footnotes leave placeholders (STX ... ETX) for what it fills in later.
_FOOTNOTE_PLACEHOLDER = re.compile("\x02[^\x03]*\x03|qq\\d+zz|zz\\d+qq")


# ---------------------------------------------------------------- structure items


@dataclass
class HeadingItem:
    level: int
    text: Text
    line: int
    attrs: dict = field(default_factory=dict)


@dataclass
class BreakItem:
    line: int


@dataclass
class DivItem:
    classes: Tuple[str, ...]
    attrs: dict
    items: list
    line: int


@dataclass
class BlockItem:
    block: object
    quoted: bool = False  # a list written inside a blockquote (pandoc: incremental inverted)


@dataclass
class FootnotesItem:
    """The footnotes the slides refer to, in the order of their numbers."""

    notes: Tuple[Text, ...]


# ---------------------------------------------------------------- converter


class TreeReader:
    """Converts one parsed document; knows the Markdown object for its HTML stash."""

    def __init__(self, md, links: LinkChecker, resolve_image: Callable[[str, str, int], Image],
                 source: Optional["SourceLines"] = None):
        self.md = md
        self.links = links
        self.resolve_image = resolve_image
        self.source = source if source is not None else SourceLines("", links.line or 1)
        self.html = HtmlReducer(self._html_warning)
        self.in_notes = False  # inside `::: notes`: footnote references are left out
        self.note_numbers: dict = {}  # footnote label -> its number on the slides
        self.captions: dict = {}  # table element -> its caption paragraph
        self.previous: Optional[str] = None  # the character before, for typographic quotes

    def _html_warning(self, message: str, raw: str) -> None:
        self.links.findings.warn(message, self.links.path, self.source.find(raw), rule="html")

    def _at(self, el) -> int:
        """Note the line of a heading, rule or div, so later warnings count from it."""
        line = int(el.get("data-line", "0") or 0)
        self.links.line = self.source.at(line)
        return line

    # -- structure

    def items(self, parent) -> list:
        result = []
        for child in self.children(parent):
            tag = child.tag
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                line = self._at(child)
                attrs = {k: v for k, v in child.attrib.items() if k != "data-line"}
                result.append(HeadingItem(int(tag[1]), self.inline(child), line, attrs))
            elif tag == "hr":
                line = self._at(child)
                result.append(BreakItem(line))
            elif tag == "div" and "footnote" in child.get("class", "").split():
                result.append(FootnotesItem(self.footnotes(child)))
            elif tag == "div":
                line = self._at(child)
                classes = tuple(child.get("class", "").split())
                attrs = {k: v for k, v in child.attrib.items() if k not in ("class", "data-line")}
                saved = self.in_notes
                self.in_notes = saved or "notes" in classes
                result.append(DivItem(classes, attrs, self.items(child), line))
                self.in_notes = saved
            elif tag == "blockquote" and len(child) and child[0].tag in ("ul", "ol"):
                # pandoc's older way to toggle incremental lists: a list in a blockquote.
                while len(child) and child[0].tag in ("ul", "ol"):
                    result.append(BlockItem(self.list_block(child[0]), quoted=True))
                    child.remove(child[0])
                if len(child) or (child.text or "").strip():
                    result.extend(BlockItem(b) for b in self.blocks(child))
            else:
                result.extend(BlockItem(b) for b in self.blocks(child))
        return result

    def children(self, parent) -> list:
        """The children of `parent`; a table's caption paragraph is kept for the table."""
        children = list(parent)
        captions = set()
        for index, child in enumerate(children):
            if child.tag != "table":
                continue
            for other in (index + 1, index - 1):
                if 0 <= other < len(children) and other not in captions and \
                        _is_caption(children[other]):
                    self.captions[child] = children[other]
                    captions.add(other)
                    break
        return [c for i, c in enumerate(children) if i not in captions]

    def footnotes(self, div) -> Tuple[Text, ...]:
        """The footnotes the slides refer to, numbered as they were met; others are left out."""
        found = {}
        for ol in div.iter("ol"):
            for li in ol.findall("li"):
                label = (li.get("id") or "")[3:]  # "fn:LABEL"
                if label not in self.note_numbers:
                    continue
                parts = [self.inline(p) for p in li if p.tag == "p"] or [self.inline(li)]
                text: List[Run] = []
                for part in parts:
                    if text:
                        text.append(Run(" "))
                    text.extend(part)
                text = [replace(r, text=_FOOTNOTE_PLACEHOLDER.sub("", r.text)) for r in text]
                found[self.note_numbers[label]] = _strip(tuple(r for r in text if r.text))
        return tuple(found[n] for n in sorted(found))

    # -- blocks

    def blocks(self, el) -> list:
        tag = el.tag
        if tag == "p":
            return self.paragraph(el)
        if tag in ("ul", "ol"):
            return [self.list_block(el)]
        if tag == "blockquote":
            return [self.quote(el)]
        if tag == "pre":
            code = el.find("code")
            source = code if code is not None else el
            language = ""
            if code is not None:
                language = (code.get("class") or "").replace("language-", "")
            # Python-Markdown escapes <, > and & in code blocks; the deck shows them as typed.
            text = html.unescape(_unstash_code(self.md, "".join(source.itertext())))
            return [CodeBlock(text.rstrip("\n"), language)]
        if tag == "table":
            return [self.table(el)]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return [Heading(self.inline(el), int(tag[1]))]
        if tag == "div":
            found = []
            for child in self.children(el):
                found.extend(self.blocks(child))
            return found
        if tag == "hr":
            return []
        text = self.inline(el)
        return [Paragraph(text)] if _visible(text) else []

    def paragraph(self, el) -> list:
        raw = (el.text or "").strip()
        if len(el) == 0 and HTML_PLACEHOLDER_RE.fullmatch(raw):
            runs: List[Run] = []
            for line in self.html.block(self._stashed(raw)).split("\n"):
                if runs:
                    runs.append(Run("\n"))
                runs.append(Run(line))
            text = _strip(tuple(runs))
            return [Paragraph(text)] if _visible(text) else []
        images = list(el.iter("img"))  # a linked picture too: [![alt](a.png)](https://...)
        found = []
        if images and not (el.text or "").strip() and (images[0] is el[0] or (
                el[0].tag == "a" and len(el[0]) == 1 and el[0][0] is images[0]
                and not (el[0].text or "").strip())):
            # A paragraph that starts with a picture is that picture, then its text (pandoc).
            first = images.pop(0)
            src = first.get("src", "")
            found.append(self.resolve_image(src, first.get("alt", ""), self.source.find(src)))
            lead = el[0]
            el.remove(lead)
            el.text = lead.tail
        text = self.inline(el, skip_images=bool(images))
        if _visible(text):
            found.append(Paragraph(text))
        for img in images:
            src = img.get("src", "")
            found.append(self.resolve_image(src, img.get("alt", ""), self.source.find(src)))
        return found

    def list_block(self, el, depth: int = 0) -> ListBlock:
        items = []
        style, delimiter = _take_list_style(el)
        for li in el.findall("li"):
            runs: List[Run] = []
            children = []
            pending = [li.text or ""]  # text before the first child element
            inline_parent = _InlineView(li)
            for child in li:
                if child.tag in ("ul", "ol"):
                    children.append(self.list_block(child, depth + 1))
                elif child.tag in _BLOCK_TAGS:
                    for block in self.blocks(child):
                        if isinstance(block, ListBlock):
                            children.append(block)
                            continue
                        if runs:
                            runs.append(Run("\n"))
                        runs.extend(block_text(block))
                else:
                    inline_parent.add(child)
            head = self.inline(inline_parent.element(pending[0])) if inline_parent.used else \
                (self.inline(inline_parent.element(li.text)) if (li.text or "").strip() else ())
            text = tuple(head) + (((Run("\n"),) if head and runs else ()) + tuple(runs))
            items.append(ListItem(_strip(text), tuple(children)))
        start = 1
        if el.tag == "ol":
            try:
                start = int(el.get("start", "1"))
            except ValueError:
                start = 1
        return ListBlock(tuple(items), ordered=el.tag == "ol", start=start, style=style,
                         delimiter=delimiter)

    def quote(self, el) -> Quote:
        paragraphs: List[Text] = []
        attribution = _cut_attribution_line(el)
        for child in el:
            for block in self.blocks(child):
                paragraphs.append(block_text(block))
        if not len(el) and (el.text or "").strip():
            paragraphs.append(self.inline(el))
        if attribution is not None:
            attribution = self.plain_text_runs(attribution)
        elif paragraphs:
            last = paragraphs[-1]
            head, tail = _split_attribution(last)
            if tail is not None:
                attribution = tail
                if head:
                    paragraphs[-1] = head
                else:
                    paragraphs.pop()
        return Quote(tuple(p for p in paragraphs if _visible(p)), attribution)

    def table(self, el) -> Table:
        header: Tuple[Text, ...] = ()
        rows = []
        aligns: List[str] = []
        for tr in el.iter("tr"):
            cells = [c for c in tr if c.tag in ("th", "td")]
            texts = tuple(self.inline(c) for c in cells)
            if all(c.tag == "th" for c in cells) and not header and not rows:
                header = texts
                aligns = [_align(c) for c in cells]
            else:
                rows.append(texts)
        if not any(_visible(t) for t in header):
            header = ()  # pandoc writes no header row for an empty one
        width = max([len(header)] + [len(r) for r in rows] + [0])
        rows = [tuple(r) + ((),) * (width - len(r)) for r in rows]
        caption = None
        if el in self.captions:
            text = self.inline(self.captions[el])
            caption = _strip(_drop_prefix(text, len(_CAPTION.match(plain_text(text)).group(0))))
        return Table(header, tuple(rows), tuple(aligns), caption or None)

    # -- inline

    def inline(self, el, skip_images: bool = False) -> Text:
        runs: List[Run] = []
        self.previous = None
        self.html.skipping = None  # an unclosed <script> ends with its paragraph
        self._inline(el, {}, runs, skip_images, top=True)
        self.html.skipping = None
        return _merge(_strip(tuple(runs)))

    def _inline(self, el, style: dict, runs: List[Run], skip_images: bool, top: bool = False):
        tag = el.tag
        if not top:
            style = dict(style)
            if tag in ("strong", "b"):
                style["bold"] = True
            elif tag in ("em", "i"):
                style["italic"] = True
            elif tag == "code":
                style["code"] = True
            elif tag in ("del", "s", "strike"):
                style["strike"] = True
            elif tag in ("u", "ins"):
                style["underline"] = True
            elif tag == "sup":
                ref = el.find("a")
                if ref is not None and "footnote-ref" in (ref.get("class") or ""):
                    self._footnote_ref(ref, runs)
                    return
                style["superscript"] = True
            elif tag == "sub":
                style["subscript"] = True
            elif tag == "a":
                if "footnote-backref" in (el.get("class") or ""):
                    return
                href = unobfuscate(el.get("href", ""))
                link = self.links.check(href, self.source.find(href))
                if link:
                    style["link"] = link
                if el.text and el.text == el.get("href") and not len(el):
                    runs.append(Run(el.text, **style))  # an address as typed: no typography
                    self.previous = el.text[-1]
                    return
            elif tag == "br":
                runs.append(Run("\n", **style))
                return
            elif tag == "literal":  # a backslash-escaped quote, dash or dot: as typed
                runs.append(Run(el.text or "", **style))
                self.previous = el.text or self.previous
                return
            elif tag == "img":
                if not skip_images:
                    src = el.get("src", "")
                    self.links.findings.warn(
                        f"the picture '{src}' is inside a list, table, quote or heading, where"
                        " only its description can be shown; put it on a line of its own",
                        self.links.path, self.source.find(src), rule="picture-in-text")
                    if el.get("alt"):
                        runs.append(Run(el.get("alt"), **style))
                return
        if el.text:
            if style.get("code") and self.html.skipping:
                pass  # code inside a <script>: not shown either
            elif style.get("code"):
                code = html.unescape(_unstash_code(self.md, el.text))
                runs.append(Run(code, **style))
                self.previous = code[-1:] or self.previous
            else:
                runs.extend(self.text_runs(el.text, style))
        for child in el:
            self._inline(child, style, runs, skip_images)
            if child.tail:
                runs.extend(self.text_runs(child.tail, style))

    def _footnote_ref(self, ref, runs: List[Run]) -> None:
        """A footnote mark: numbered on the slides, left out of speaker notes (as pandoc)."""
        if self.in_notes:
            return
        label = (ref.get("href") or "")[4:]  # "#fn:LABEL"
        number = self.note_numbers.setdefault(label, len(self.note_numbers) + 1)
        runs.append(Run(str(number), superscript=True))
        self.previous = str(number)[-1]

    def text_runs(self, text: str, style: dict) -> List[Run]:
        """Text with Python-Markdown's raw-HTML placeholders reduced to what a reader sees."""
        text = _LIST_STYLE.sub("", text)  # a list marker that ended up inside a paragraph
        text = unobfuscate(text)
        runs = []
        position = 0
        for match in HTML_PLACEHOLDER_RE.finditer(text):
            between = self.html.text(text[position:match.start()])
            if between:
                runs.append(Run(self.smart(between), **style))
            shown = self.html.piece(self._stashed(match.group(0)))
            if shown == "\n":
                runs.append(Run("\n", **style))
            elif shown:
                runs.append(Run(shown, **style))
                self.previous = shown[-1]
            position = match.end()
        rest = self.html.text(text[position:])
        if rest:
            runs.append(Run(self.smart(rest), **style))
        return runs

    def plain_text_runs(self, text: str) -> Text:
        """Unformatted text of its own: a `<script>` in it ends with it."""
        self.html.skipping = None
        runs = tuple(self.text_runs(text, {}))
        self.html.skipping = None
        return runs

    def smart(self, text: str) -> str:
        text, self.previous = smart_punctuation(text, self.previous)
        return text

    def _stashed(self, placeholder: str) -> str:
        match = HTML_PLACEHOLDER_RE.search(placeholder)
        try:
            return str(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))])
        except (AttributeError, IndexError, ValueError):
            return ""


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


def _is_caption(el) -> bool:
    return el.tag == "p" and bool(_CAPTION.match(el.text or ""))


def plain_text(text: Text) -> str:
    return "".join(r.text for r in text)


def _take_list_style(ol) -> Tuple[str, str]:
    """The numbering style the structure pass marked in a list's first item, removed."""
    first = ol.find("li")
    if first is None:
        return "decimal", "period"
    holder = first if (first.text or "").strip() or not len(first) else first[0]
    text = holder.text or ""
    if text.startswith(LIST_STYLE_OPEN) and LIST_STYLE_CLOSE in text:
        marker, _, rest = text[1:].partition(LIST_STYLE_CLOSE)
        holder.text = rest
        style, _, delimiter = marker.partition(" ")
        return style, delimiter or "period"
    return "decimal", "period"


class _InlineView:
    """The inline children of a list item, without its nested lists."""

    def __init__(self, li):
        self.children = []
        self.used = False

    def add(self, child):
        self.children.append(child)
        self.used = True

    def element(self, text):
        import xml.etree.ElementTree as etree
        el = etree.Element("span")
        el.text = text
        for child in self.children:
            el.append(child)
        return el


# ---------------------------------------------------------------- raw HTML


#
# One rule for raw HTML, inside a line or as a block of its own; nothing is ever
# interpreted:
# - tags of HTML itself (`<b>`, `<div class=x>`, `</p>`) are left out and their
#   text is kept; `<br>` is a line break;
# - `<script>` and `<style>` are left out with what they contain (a warning says so);
#   `<img>`, `<iframe>`, `<video>`... show nothing but are reported, as they would
#   otherwise vanish unnoticed;
# - comments `<!-- -->` are left out;
# - anything else in angle brackets (`<para>`, `<3`, `a < b`) is shown as typed;
# - `&amp;`, `&eacute;`, `&#8212;` are the character they name; a reference that
#   names no character (`&#9999999;`, `&#0;`, `&bogus;`) is shown as typed.

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
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


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


_OBFUSCATED = re.compile(re.escape(AMP_SUBSTITUTE) + r"#(\d+);")


def unobfuscate(text: str) -> str:
    """Python-Markdown hides `<a@b.org>` addresses as character references: undo it."""
    if AMP_SUBSTITUTE not in text:
        return text
    return _OBFUSCATED.sub(lambda m: chr(int(m.group(1))), text).replace(AMP_SUBSTITUTE, "&")


class SourceLines:
    """Finds the line something was typed on, for warnings about paragraphs.

    Python-Markdown keeps no positions below headings and divs; the text is
    searched for forward from the last thing found (or the last heading), which
    finds it unless the same words are typed twice in one paragraph.
    """

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.offset = 0
        self.line = first_line

    def at(self, line: int) -> int:
        """Continue from `line` (a heading's or div's); 0 keeps the current line."""
        index = line - self.first
        if line and 0 <= index < len(self.starts):
            self.offset, self.line = self.starts[index], line
        return self.line

    def find(self, snippet: str) -> int:
        snippet = snippet.strip()
        found = self.text.find(snippet, self.offset) if snippet else -1
        if found >= 0:
            self.offset = found + len(snippet)
            self.line = self.first + bisect.bisect_right(self.starts, found) - 1
        return self.line


def _unstash_code(md, text: str) -> str:
    """Code spans keep their text; Python-Markdown may have stashed entities inside."""
    return HTML_PLACEHOLDER_RE.sub(
        lambda m: html.unescape(str(md.htmlStash.rawHtmlBlocks[int(m.group(1))])), text)


# ---------------------------------------------------------------- helpers


def block_text(block) -> Text:
    """A block flattened to one stretch of text (for quotes and list items)."""
    if isinstance(block, (Paragraph, Heading)):
        return block.text
    if isinstance(block, Quote):
        runs: List[Run] = []
        for p in block.paragraphs:
            if runs:
                runs.append(Run("\n"))
            runs.extend(p)
        return tuple(runs)
    if isinstance(block, CodeBlock):
        runs = []
        for line in block.code.split("\n"):  # one line each, with line breaks between
            if runs:
                runs.append(Run("\n"))
            runs.append(Run(line, code=True))
        return tuple(runs)
    if isinstance(block, Image):
        return (Run(block.alt),) if block.alt else ()
    if isinstance(block, ListBlock):
        runs = []
        for item in block.items:
            if runs:
                runs.append(Run("\n"))
            runs.extend(item.text)
        return tuple(runs)
    if isinstance(block, Table):
        cells = [c for row in (block.header,) + block.rows for c in row]
        runs = []
        for cell in cells:
            if runs:
                runs.append(Run(" "))
            runs.extend(cell)
        return tuple(runs)
    return ()


def _align(cell) -> str:
    style = cell.get("style", "") + " " + cell.get("align", "")
    for name in ("left", "center", "right"):
        if name in style:
            return name
    return ""


def _visible(text: Text) -> bool:
    return any(r.text.replace("\u00a0", " ").strip() for r in text)


def _strip(text: Text) -> Text:
    """Drop leading and trailing white space (and line breaks) across runs."""
    runs = list(text)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = _with_text(runs[0], runs[0].text.lstrip())
        runs[-1] = _with_text(runs[-1], runs[-1].text.rstrip())
    return tuple(runs)


# Everything about a run but its text: runs alike in these are one run.
_formatting = operator.attrgetter(*(f.name for f in fields(Run) if f.name != "text"))
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _with_text(run: Run, text: str) -> Run:
    return run if run.text == text else replace(run, text=text)


def _merge(text: Text) -> Text:
    """Join neighbouring runs with the same formatting; turn soft line breaks into spaces."""
    merged: List[Run] = []
    for run in text:
        if run.text == "\n":
            merged.append(run)
            continue
        value = _SOFT_BREAK.sub(" ", run.text) if "\n" in run.text else run.text
        if merged and merged[-1].text != "\n" and _formatting(merged[-1]) == _formatting(run):
            merged[-1] = replace(merged[-1], text=merged[-1].text + value)
        elif value:
            merged.append(_with_text(run, value))
    return tuple(merged)


def _split_attribution(text: Text) -> Tuple[Text, Optional[Text]]:
    """Split `quote ... \\n— Name` into the quote and its attribution."""
    flat = "".join(r.text for r in text)
    # A hard line break or a separate paragraph starting with a dash.
    if _ATTRIBUTION.match(flat):
        return (), _strip(_drop_prefix(text, len(_ATTRIBUTION.match(flat).group(0))))
    return text, None


_ATTRIBUTION_LINE = re.compile(r"\n[ \t]*(?:\u2014|\u2015|\u2013|--+)[ \t]*([^\n]+?)\s*$")


def _cut_attribution_line(quote_el) -> Optional[str]:
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


def _drop_prefix(text: Text, count: int) -> Text:
    runs = []
    for run in text:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        runs.append(replace(run, text=run.text[count:]))
        count = 0
    return tuple(runs)
