"""Python-Markdown's element tree -> structure items, model blocks and text runs.

The tree is walked once. Top-level headings, rules and divs are returned as
structure items (`items.py`) for `slides.py` to cut into slides; everything else
becomes a model block. Raw HTML is reduced to its text (`rawhtml.py`) and never
interpreted. Pandoc's habits are kept: typographic quotes and dashes
(`typography.py`), a `: caption` paragraph beside a table is its caption, a
paragraph that starts with a picture is a picture, a dash line ends a quote with
its attribution (`attribution.py`), footnotes are numbered in the order the
slides refer to them.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import replace
from typing import Callable, List, Optional, Tuple

from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from ..model import (CodeBlock, Definition, DefinitionList, Heading, Image, ListBlock, ListItem,
                     Paragraph, Pause, Quote, Run, Table, Text, plain)
from .attribution import cut_attribution_line, split_attribution
from .crossrefs import CrossReferences, id_in, split_caption_attrs
from .drawingml import read_runs
from .formulas import formula_run
from .quarto import width_share
from .items import BlockItem, BreakItem, DivItem, FootnotesItem, HeadingItem
from .links import LinkChecker
from .rawhtml import HtmlReducer
from .runs import block_text, merged_runs, trimmed, visible, without_prefix
from .sourcelines import SourceLines
from .structure import LIST_STYLE_CLOSE, LIST_STYLE_OPEN
from .typography import smart_punctuation

_BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "div", "hr", "h1", "h2", "h3",
               "h4", "h5", "h6"}
_LIST_STYLE = re.compile(LIST_STYLE_OPEN + "[^" + LIST_STYLE_CLOSE + "]*" + LIST_STYLE_CLOSE)
_CAPTION = re.compile(r"^[ \t]*(?:Table)?:[ \t]+")
# Python-Markdown's footnotes leave placeholders (STX ... ETX) for what it fills in later.
_FOOTNOTE_PLACEHOLDER = re.compile("\x02[^\x03]*\x03|qq\\d+zz|zz\\d+qq")


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
        self.refs: Optional[CrossReferences] = None  # figures and tables with an id

    def _html_warning(self, message: str, raw: str) -> None:
        self.links.findings.warn(message, self.links.path, self.source.find(raw), rule="html")

    def _at(self, el) -> int:
        """Note the line of a heading, rule or div, so later warnings count from it."""
        line = int(el.get("data-line", "0") or 0)
        self.links.line = self.source.at(line)
        return line

    # -- structure

    def items(self, parent) -> list:
        if self.refs is None:  # the whole document: number its figures and tables first
            self.refs = CrossReferences()
            self.refs.collect(parent)
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
                if self.refs.label(attrs.get("id", "")):  # a figure div: "Figure 1"
                    attrs["label"] = self.refs.label(attrs["id"])
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
                found[self.note_numbers[label]] = trimmed(tuple(r for r in text if r.text))
        return tuple(found[n] for n in sorted(found))

    # -- blocks

    def blocks(self, el) -> list:
        tag = el.tag
        if tag == "p":
            return self.paragraph(el)
        if tag == "pause":
            return [Pause()]
        if tag == "dl":
            return [self.definitions(el)]
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
            if language.startswith("="):  # a raw block (```{=html}): for one output only
                return self.raw_block(language[1:].lower(), text)
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
        return [Paragraph(text)] if visible(text) else []

    def paragraph(self, el) -> list:
        raw = (el.text or "").strip()
        if len(el) == 0 and HTML_PLACEHOLDER_RE.fullmatch(raw):
            runs: List[Run] = []
            for line in self.html.block(self._stashed(raw)).split("\n"):
                if runs:
                    runs.append(Run("\n"))
                runs.append(Run(line))
            text = trimmed(tuple(runs))
            return [Paragraph(text)] if visible(text) else []
        images = list(el.iter("img"))  # a linked picture too: [![alt](a.png)](https://...)
        found = []
        if images and not (el.text or "").strip() and (images[0] is el[0] or (
                el[0].tag == "a" and len(el[0]) == 1 and el[0][0] is images[0]
                and not (el[0].text or "").strip())):
            # A paragraph that starts with a picture is that picture, then its text (pandoc).
            first = images.pop(0)
            found.append(self.picture(first))
            lead = el[0]
            el.remove(lead)
            el.text = lead.tail
        text = self.inline(el, skip_images=bool(images))
        if visible(text):
            found.append(Paragraph(text))
        for img in images:
            found.append(self.picture(img))
        return found

    def picture(self, img) -> Image:
        """A picture with Quarto's attributes: `width="40%"`, `fig-alt=`, `#fig-x`."""
        src = img.get("src", "")
        alt = img.get("alt", "")
        image = self.resolve_image(src, img.get("fig-alt", alt), self.source.find(src))
        changes = {}
        if img.get("fig-alt") is not None:
            changes["caption"] = alt
        label = self.refs.label(img.get("id", "")) if self.refs else None
        if label:
            changes["caption"] = f"{label}: {alt}" if alt else label
        width = width_share(img.get("width", ""))
        if width:
            changes["width"] = width
        return replace(image, **changes) if changes else image

    def definitions(self, dl) -> DefinitionList:
        """`Term` then `:   definition`: each term with its definitions' text."""
        items: List[Definition] = []
        terms: List[Text] = []
        for child in dl:
            if child.tag == "dt":
                terms.append(self.inline(child))
            elif child.tag == "dd":
                text = self.flattened(child)
                if terms:
                    items.extend(Definition(term, ()) for term in terms[:-1])
                    items.append(Definition(terms[-1], (text,)))
                    terms = []
                elif items:
                    last = items[-1]
                    items[-1] = Definition(last.term, last.definitions + (text,))
        items.extend(Definition(term, ()) for term in terms)
        return DefinitionList(tuple(items))

    def flattened(self, el) -> Text:
        """An element's blocks as one text, paragraphs joined by line breaks."""
        if not any(child.tag in _BLOCK_TAGS or child.tag in ("dl", "pause") for child in el):
            return self.inline(el)
        runs: List[Run] = []
        if (el.text or "").strip():
            runs.extend(self.inline(_InlineView(el).element(el.text)))
        for child in el:
            for block in self.blocks(child):
                text = block_text(block)
                if text:
                    if runs:
                        runs.append(Run("\n"))
                    runs.extend(text)
        return trimmed(tuple(runs))

    def raw_block(self, kind: str, text: str) -> list:
        """```{=html}: HTML like any other (its text); ```{=openxml}: DrawingML a slide can
        hold; any other format is for another output and is left out, as pandoc does."""
        if kind == "html":
            runs: List[Run] = []
            for line in self.html.block(text).split("\n"):
                if runs:
                    runs.append(Run("\n"))
                runs.append(Run(line))
            shown = trimmed(tuple(runs))
            return [Paragraph(shown)] if visible(shown) else []
        if kind in ("openxml", "pptx"):
            return self.drawingml(text, block=True)
        return []

    def drawingml(self, xml: str, block: bool):
        """Raw DrawingML: its text and formatting when a slide can hold it, else a warning."""
        found = read_runs(xml, block)
        if isinstance(found, str):
            self.links.findings.warn(f"this raw {{=openxml}} was left out: {found}",
                                     self.links.path, self.source.find(xml[:40]),
                                     rule="raw-openxml")
            return [] if block else ()
        if block:
            return [Paragraph(runs) for runs in found if visible(runs)]
        return found

    def list_block(self, el, depth: int = 0) -> ListBlock:
        items = []
        style, delimiter = _take_list_style(el)
        for li in el.findall("li"):
            checkbox = self.task_state(li)
            runs: List[Run] = []
            steps: List[List[Run]] = []  # what follows each `. . .` in the item
            children = []
            continued: List[Text] = []  # the item's further paragraphs
            pending = [li.text or ""]  # text before the first child element
            inline_parent = _InlineView(li)
            for child in li:
                if child.tag == "pause":
                    steps.append([])
                elif steps and child.tag in _BLOCK_TAGS and child.tag not in ("ul", "ol"):
                    for block in self.blocks(child):
                        if steps[-1]:
                            steps[-1].append(Run("\n"))
                        steps[-1].extend(block_text(block))
                elif child.tag in ("ul", "ol"):
                    children.append(self.list_block(child, depth + 1))
                elif child.tag in _BLOCK_TAGS:
                    for block in self.blocks(child):
                        if isinstance(block, ListBlock):
                            children.append(block)
                        elif runs or inline_parent.used or (li.text or "").strip():
                            continued.append(block_text(block))  # a paragraph of its own
                        else:
                            runs.extend(block_text(block))
                else:
                    inline_parent.add(child)
            head = self.inline(inline_parent.element(pending[0])) if inline_parent.used else \
                (self.inline(inline_parent.element(li.text)) if (li.text or "").strip() else ())
            text = tuple(head) + (((Run("\n"),) if head and runs else ()) + tuple(runs))
            after = tuple(trimmed(tuple(step)) for step in steps if visible(tuple(step)))
            more = tuple(trimmed(tuple(p)) for p in continued if visible(tuple(p)))
            items.append(ListItem(trimmed(text), tuple(children), checkbox, after, more))
        start = 1
        if el.tag == "ol":
            try:
                start = int(el.get("start", "1"))
            except ValueError:
                start = 1
        return ListBlock(tuple(items), ordered=el.tag == "ol", start=start, style=style,
                         delimiter=delimiter)

    def task_state(self, li) -> Optional[bool]:
        """A task list item's box (pymdownx.tasklist put it first): True when ticked."""
        if "task-list-item" not in (li.get("class") or "").split():
            return None
        holder = li if (li.text or "").strip() or not len(li) else li[0]
        match = HTML_PLACEHOLDER_RE.search(holder.text or "")
        raw = self._stashed(match.group(0)) if match else ""
        if match:  # the box is the bullet: not text
            holder.text = holder.text.replace(match.group(0), "", 1).lstrip()
        return "checked" in raw

    def quote(self, el) -> Quote:
        paragraphs: List[Text] = []
        attribution = cut_attribution_line(el)
        for child in el:
            for block in self.blocks(child):
                paragraphs.append(block_text(block))
        if not len(el) and (el.text or "").strip():
            paragraphs.append(self.inline(el))
        if attribution is not None:
            attribution = self.unformatted_runs(attribution)
        elif paragraphs:
            last = paragraphs[-1]
            head, tail = split_attribution(last)
            if tail is not None:
                attribution = tail
                if head:
                    paragraphs[-1] = head
                else:
                    paragraphs.pop()
        return Quote(tuple(p for p in paragraphs if visible(p)), attribution)

    def table(self, el) -> Table:
        header: Tuple[Text, ...] = ()
        rows = []
        aligns: List[str] = []
        for tr in el.iter("tr"):
            cells = [c for c in tr if c.tag in ("th", "td")]
            texts = tuple(self.flattened(c) for c in cells)
            if all(c.tag == "th" for c in cells) and not header and not rows:
                header = texts
                aligns = [_align(c) for c in cells]
            else:
                rows.append(texts)
        if not any(visible(t) for t in header):
            header = ()  # pandoc writes no header row for an empty one
        width = max([len(header)] + [len(r) for r in rows] + [0])
        rows = [tuple(r) + ((),) * (width - len(r)) for r in rows]
        caption = None
        ident = id_in(el.get("data-caption-attrs", "")) or el.get("id")
        written = el.find("caption")
        if written is not None:
            caption = self.inline(written)
        elif el in self.captions:
            paragraph = self.captions[el]
            paragraph.text, attrs = split_caption_attrs(paragraph.text or "") if not len(
                paragraph) else (paragraph.text, "")
            ident = ident or id_in(attrs)
            text = self.inline(paragraph)
            caption = trimmed(without_prefix(text, len(_CAPTION.match(plain(text)).group(0))))
        label = self.refs.label(ident) if self.refs and ident else None
        if label:
            caption = (Run(f"{label}: "),) + tuple(caption or ()) if caption else (Run(label),)
        widths = tuple(float(w) for w in (el.get("data-widths") or "").split())
        return Table(header, tuple(rows), tuple(aligns), caption or None, widths)

    # -- inline

    def inline(self, el, skip_images: bool = False) -> Text:
        runs: List[Run] = []
        self.previous = None
        self.html.skipping = None  # an unclosed <script> ends with its paragraph
        self._inline(el, {}, runs, skip_images, top=True)
        self.html.skipping = None
        return merged_runs(trimmed(tuple(runs)))

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
            elif tag == "span":  # [text]{.smallcaps}: pandoc's classes that mean a style
                style.update(_span_style(el))
            elif tag in ("math", "rawxml"):
                runs.extend(self.formula(el, style) if tag == "math" else
                            self.drawingml(el.text or "", block=False))
                return
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
            elif tag == "blank":  # `____`: a line to write on in the handout
                runs.append(Run(el.text or "", **style, blank=True))
                self.previous = "_"
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
            tail = child.tail
            if tail and child.tag == "br" and tail.startswith("\n"):
                tail = tail[1:]  # the line break itself, which Python-Markdown writes out
            if tail:
                runs.extend(self.text_runs(tail, style))

    def formula(self, el, style: dict) -> List[Run]:
        tex = el.text or ""
        self.previous = "x"  # a quote after a formula closes
        return [formula_run(tex, el.get("display") == "block", style, self.links.findings,
                            self.links.path, self.source.find(tex))]

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
        if self.refs is not None and "@" in text:
            text = self.refs.replace(text, self._unknown_reference)
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

    def unformatted_runs(self, text: str) -> Text:
        """Unformatted text of its own: a `<script>` in it ends with it."""
        self.html.skipping = None
        runs = tuple(self.text_runs(text, {}))
        self.html.skipping = None
        return runs

    def _unknown_reference(self, ident: str) -> None:
        kind = ident.split("-", 1)[0]
        message = (f"@{ident} refers to no figure or table: no picture or table has"
                   f" {{#{ident}}}; it is shown as typed") if kind in ("fig", "tbl") else (
            f"@{ident}: deckbuild does not number {'sections' if kind == 'sec' else 'equations'},"
            " so the reference is shown as typed; write the words you mean instead"
            f" ('the {'History section' if kind == 'sec' else 'formula above'}')")
        self.links.findings.warn(message,
                                 self.links.path, self.source.find("@" + ident),
                                 rule="cross-reference")

    def smart(self, text: str) -> str:
        text, self.previous = smart_punctuation(text, self.previous)
        return text

    def _stashed(self, placeholder: str) -> str:
        match = HTML_PLACEHOLDER_RE.search(placeholder)
        try:
            return str(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))])
        except (AttributeError, IndexError, ValueError):
            return ""



def _is_caption(el) -> bool:
    return el.tag == "p" and bool(_CAPTION.match(el.text or ""))



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
        el = etree.Element("span")
        el.text = text
        for child in self.children:
            el.append(child)
        return el



_OBFUSCATED = re.compile(re.escape(AMP_SUBSTITUTE) + r"#(\d+);")


def unobfuscate(text: str) -> str:
    """Python-Markdown hides `<a@b.org>` addresses as character references: undo it."""
    if AMP_SUBSTITUTE not in text:
        return text
    return _OBFUSCATED.sub(lambda m: chr(int(m.group(1))), text).replace(AMP_SUBSTITUTE, "&")



def _unstash_code(md, text: str) -> str:
    """Code spans keep their text; Python-Markdown may have stashed entities inside."""
    return HTML_PLACEHOLDER_RE.sub(
        lambda m: html.unescape(str(md.htmlStash.rawHtmlBlocks[int(m.group(1))])), text)



def _align(cell) -> str:
    style = cell.get("style", "") + " " + cell.get("align", "")
    for name in ("left", "center", "right"):
        if name in style:
            return name
    return ""


def _span_style(el) -> dict:
    """pandoc's span classes that mean a style: smallcaps, underline (ul), mark."""
    classes = (el.get("class") or "").split()
    style = {}
    if "smallcaps" in classes:
        style["small_caps"] = True
    if "underline" in classes or "ul" in classes:
        style["underline"] = True
    if "mark" in classes:
        style["highlight"] = True
    return style
