"""The deck model as Markdown in deckbuild's syntax: the writer `deckbuild import` uses.

What it writes reads back into the same model (the tests check this, block
kind by block kind), and reads as a person would write it: one paragraph a
line (not wrapped, as the seed deck is written), `-` bullets nested by two
spaces, `*` and `**` for emphasis, and a backslash only where the text would
otherwise turn into Markdown: a `*` or `` ` ``, a `#` or `1.` starting a
line, a straight quote or `--` that deckbuild would make typographic.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

from ..model import (CodeBlock, Columns, Deck, Heading, Image, Layout, ListBlock, Paragraph,
                     Quote, ResourceList, Run, Slide, Table, Text, plain)

SLIDE_LEVEL = 2

# -- inline text ------------------------------------------------------------------

# At the start of a line these would begin a heading, quote, list, table, fence or div.
_LIST_MARKER = re.compile(r"^(\s*)(?:([-*+])|(\()?(\d{1,9}|#|[a-zA-Z]|[ivxlcdm]{2,8}|"
                          r"[IVXLCDM]{2,8})([.)]))(?=[ \t]|$)")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BARE_URL = re.compile(r"https?://[^\s<>\"]+")
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def escape_text(text: str) -> str:
    """Text that shows as written: Markdown's characters escaped where they would act."""
    out = []
    position = 0
    for match in _BARE_URL.finditer(text):  # an address in the text is left as it is
        out.append(_escape_plain(text[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_escape_plain(text[position:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    if not text:
        return ""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*\[\]])", r"\\\1", text)
    # An underscore starts emphasis only at the edge of a word.
    text = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)
    # deckbuild makes quotes, dashes and ellipses typographic unless escaped.
    text = text.replace("'", "\\'").replace('"', '\\"')
    text = re.sub(r"-(?=-)", r"\\-", text)
    if "..." in text:
        text = re.sub(r"\.(?=\.)", r"\\.", text)
    text = _ENTITY.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    # `{{ name }}` would be filled in, `{.class}` read as attributes.
    if "{{" in text or re.search(r"\{[^}]*\}", text):
        text = text.replace("{", "\\{")
    # pandoc's ~~strike~~, H~2~O and x^2^.
    if text.count("~") > 1:
        text = text.replace("~", "\\~")
    if text.count("^") > 1:
        text = text.replace("^", "\\^")
    if text.count("$") > 1:  # $x$ is a formula
        text = text.replace("$", "\\$")
    return text


def escape_line_start(line: str) -> str:
    """A paragraph's first line that would start a list, heading, quote or rule, escaped."""
    if not line:
        return line
    if _RULE.match(line) or line.strip() == ". . .":  # a rule, or pandoc's pause
        return "\\" + line.lstrip()
    stripped = line.lstrip()
    lead = line[:len(line) - len(stripped)]
    if stripped[:1] in ("#", ">"):
        return lead + "\\" + stripped
    if stripped.startswith((":::", "~~~", ": ", "|")):
        return lead + _escape_first(stripped)
    match = _LIST_MARKER.match(line)
    if match:
        space, bullet, paren, number, delimiter = match.groups()
        if bullet:
            return f"{space}\\{line[len(space):]}"
        if paren:
            return f"{space}\\{line[len(space):]}"
        return f"{space}{number}\\{line[len(space) + len(number):]}"
    return line


def _escape_first(text: str) -> str:
    """Characters with no backslash escape in Markdown, at the start of a line: as a reference."""
    return f"&#{ord(text[0])};{text[1:]}"


class InlineWriter:
    """Runs as Markdown: emphasis nested properly, links grouped, code in backticks."""

    def __init__(self, in_table: bool = False):
        self.in_table = in_table

    def text(self, runs: Text) -> str:
        pieces: List[str] = []
        index = 0
        runs = [r for r in runs if r.text]
        while index < len(runs):
            link = runs[index].link
            end = index
            while end < len(runs) and runs[end].link == link:
                end += 1
            group = runs[index:end]
            pieces.append(self.link(group, link) if link else self.formatted(group))
            index = end
        return "".join(pieces)

    def link(self, runs: Sequence[Run], url: str) -> str:
        shown = "".join(r.text for r in runs)
        if shown == url and _BARE_URL.fullmatch(url) and not any(
                r.bold or r.italic or r.code or r.strike for r in runs):
            return url  # a bare address: deckbuild links it
        inner = self.formatted([_unlinked(r) for r in runs])
        return f"[{inner}]({_link_target(url)})"

    def formatted(self, runs: Sequence[Run]) -> str:
        out: List[str] = []
        open_marks: List[str] = []
        for run in runs:
            if run.text == "\n":
                out.append(self._close(open_marks))
                out.append("<br>")
                continue
            if run.code:
                out.append(self._close(open_marks))
                out.append(self._wrap_marks(run, _code(run.text)))
                continue
            text = run.text
            lead = text[:len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            core = text.strip()
            if not core:
                out.append(self._close(open_marks) + self._plain(text))
                continue
            wanted = _marks(run)
            # Marks still wanted stay open; the first one not wanted closes, with all
            # opened after it.
            keep = next((i for i, mark in enumerate(open_marks) if mark not in wanted),
                        len(open_marks))
            if lead:
                keep = 0
            out.append(self._close(open_marks, keep))
            if lead:
                out.append(self._plain(lead))
            for mark in wanted:
                if mark not in open_marks:
                    out.append(_OPEN[mark])
                    open_marks.append(mark)
            out.append(self._plain(core, inside=bool(open_marks)))
            if trail:
                out.append(self._close(open_marks))
                out.append(self._plain(trail))
        out.append(self._close(open_marks))
        return "".join(out)

    def _wrap_marks(self, run: Run, code: str) -> str:
        marks = _marks(run)
        return "".join(_OPEN[m] for m in marks) + code + "".join(_CLOSE[m] for m in
                                                                    reversed(marks))

    def _close(self, open_marks: List[str], keep: int = 0) -> str:
        closing = ""
        while len(open_marks) > keep:
            closing += _CLOSE[open_marks.pop()]
        return closing

    def _plain(self, text: str, inside: bool = False) -> str:
        escaped = escape_text(text)
        if self.in_table:
            escaped = escaped.replace("|", "\\|")
        return escaped


# Emphasis marks, outermost first; each run opens the marks it has in this order.
_ORDER = ("bold", "italic", "strike", "underline", "superscript", "subscript")
_OPEN = {"bold": "**", "italic": "*", "strike": "~~", "underline": "[",
         "superscript": "^", "subscript": "~"}
_CLOSE = {"bold": "**", "italic": "*", "strike": "~~", "underline": "]{.underline}",
          "superscript": "^", "subscript": "~"}


def _marks(run: Run) -> List[str]:
    return [m for m in _ORDER if getattr(run, m)]


def _unlinked(run: Run) -> Run:
    return Run(run.text, run.bold, run.italic, run.code, run.strike, run.underline,
               run.superscript, run.subscript, None)


def _code(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (
        text.startswith(" ") and text.endswith(" ") and text.strip()) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link_target(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return f"<{url}>"
    return url


# -- blocks -------------------------------------------------------------------------


class MarkdownWriter:
    """Writes a whole deck; `relative(path)` gives a picture's path as the Markdown names it."""

    def __init__(self, relative, comments: Sequence[Sequence[str]] = ()):
        self.relative = relative
        self.comments = list(comments)
        self.inline = InlineWriter()
        self._after_paragraph = False  # list_lines: the last line is an item's paragraph

    def deck(self, deck: Deck, extra_front: Sequence[Tuple[str, str]] = ()) -> str:
        slides = list(deck.slides)
        title_slide = slides[0] if slides and slides[0].layout is Layout.TITLE else None
        body_slides = slides[1:] if title_slide else slides
        comments = self.comments[1:] if title_slide else self.comments
        incremental = _all_incremental(body_slides)
        front = self.front_matter(deck, title_slide, body_slides, incremental, extra_front)
        parts = [front]
        if title_slide is not None and title_slide.notes:
            parts.append(self.notes(title_slide.notes))
        if title_slide is not None and self.comments and self.comments[0]:
            parts.extend(_comment(c) for c in self.comments[0])
        resource_groups = [s for s in body_slides if s.layout is Layout.RESOURCES]
        all_groups = [g.title for g in deck.resource_groups]
        index = 0
        while index < len(body_slides):
            slide = body_slides[index]
            if slide.layout is Layout.RESOURCES:
                run = _resource_run(body_slides, index)
                titles = [plain(s.title) for s in run]
                if titles == all_groups and len(resource_groups) == len(run):
                    parts.append(self.resources(run, None))
                else:
                    for other in run:
                        parts.append(self.resources([other], plain(other.title)))
                index += len(run)
                continue
            parts.append(self.slide(slide, incremental))
            for comment in (comments[index] if index < len(comments) else ()):
                parts.append(_comment(comment))
            index += 1
        return "\n\n".join(p for p in parts if p) + "\n"

    # -- front matter

    def front_matter(self, deck: Deck, title_slide: Optional[Slide], slides: List[Slide],
                     incremental: bool, extra: Sequence[Tuple[str, str]]) -> str:
        meta = deck.meta
        lines = ["---"]
        if title_slide is not None:
            title = plain(title_slide.title) or meta.title
            if title:
                lines.append(f"title: {yaml_scalar(title)}")
            if meta.subtitle:
                lines.append(f"subtitle: {yaml_scalar(meta.subtitle)}")
            if len(meta.authors) == 1:
                lines.append(f"author: {yaml_scalar(meta.authors[0])}")
            elif meta.authors:
                lines.append("author:")
                lines.extend(f"  - {yaml_scalar(a)}" for a in meta.authors)
            if meta.organization:
                lines.append(f"organization: {yaml_scalar(meta.organization)}")
            if meta.date:
                lines.append(f"date: {yaml_scalar(meta.date)}")
            if meta.subject:
                lines.append(f"subject: {yaml_scalar(meta.subject)}")
            if meta.keywords:
                lines.append(f"keywords: {yaml_scalar(', '.join(meta.keywords))}")
            if meta.description:
                lines.append(f"description: {yaml_scalar(meta.description)}")
        for key, value in extra:
            lines.append(f"{key}: {yaml_scalar(value)}")
        if meta.lang:
            lines.append(f"lang: {yaml_scalar(meta.lang)}")
        if incremental:
            lines.append("incremental: true")
        if _needs_slide_level(slides):
            lines.append(f"slide-level: {SLIDE_LEVEL}")
        if title_slide is not None:
            for key, value in meta.custom:
                lines.append(f"{yaml_key(key)}: {yaml_scalar(value)}")
        lines.append("---")
        return "\n".join(lines)

    # -- slides

    def slide(self, slide: Slide, incremental_everywhere: bool) -> str:
        parts = [self.heading(slide)]
        parts.extend(self.blocks(slide.blocks, incremental_everywhere))
        if slide.notes:
            parts.append(self.notes(slide.notes))
        return "\n\n".join(p for p in parts if p)

    def heading(self, slide: Slide) -> str:
        marks = "#" * (SLIDE_LEVEL - 1 if slide.layout is Layout.SECTION else SLIDE_LEVEL)
        title = self.inline.text(slide.title).replace("<br>", " ")
        title = title.strip()
        if title.endswith("#"):
            title = title[:-1] + "\\#"
        attrs = ""
        if slide.background:
            attrs = f' {{background-image="{self.relative(slide.background)}"}}'
        if title:
            return f"{marks} {title}{attrs}"
        if slide.layout is Layout.SECTION:
            return f"{marks}{attrs}"
        if attrs or not (slide.blocks or slide.notes):
            return f"{marks}{attrs}"  # a blank slide, or one with only a background
        return "---"

    def blocks(self, blocks: Iterable, incremental_everywhere: bool = False) -> List[str]:
        out = []
        for block in blocks:
            text = self.block(block, incremental_everywhere)
            if text:
                out.append(text)
        return out

    def block(self, block, incremental_everywhere: bool = False) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block.text)
        if isinstance(block, Heading):
            return f"{'#' * max(block.level, SLIDE_LEVEL + 1)} {self.inline.text(block.text)}"
        if isinstance(block, ListBlock):
            self._after_paragraph = False
            text = "\n".join(self.list_lines(block, ""))
            if block.incremental and not incremental_everywhere:
                return f"::: incremental\n{text}\n:::"
            if not block.incremental and incremental_everywhere:
                return f"::: nonincremental\n{text}\n:::"
            return text
        if isinstance(block, Quote):
            return self.quote(block)
        if isinstance(block, CodeBlock):
            longest = max((len(m) for m in re.findall(r"^ *(`{3,})", block.code, re.M)),
                          default=2)
            fence = "`" * max(3, longest + 1)
            return f"{fence}{block.language}\n{block.code}\n{fence}"
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Image):
            return self.image(block)
        if isinstance(block, Columns):
            columns = []
            for column in block.columns:
                inner = "\n\n".join(self.blocks(column, incremental_everywhere))
                columns.append(f"::: column\n{inner}\n:::" if inner else "::: column\n:::")
            return ":::: columns\n" + "\n\n".join(columns) + "\n::::"
        if isinstance(block, ResourceList):
            return ""
        return ""

    def image(self, image: Image) -> str:
        """`![caption](path)`, with `fig-alt` where the alt text is not the caption and
        `width` where the picture takes only a share of its space (pandoc, Quarto)."""
        shown = image.caption_text
        written = shown.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        attributes = []
        if image.caption is not None and image.alt != image.caption:
            attributes.append(f"fig-alt={_attribute_value(image.alt)}")
        if 0 < image.width < 1:
            attributes.append(f'width="{round(image.width * 100)}%"')
        written = f"![{written}]({_link_target(self.relative(image.path))})"
        return written + ("{" + " ".join(attributes) + "}" if attributes else "")

    def paragraph(self, text: Text) -> str:
        written = self.inline.text(text)
        return escape_line_start(written)

    def list_lines(self, block: ListBlock, indent: str) -> List[str]:
        lines: List[str] = []
        loose = any(item.continued for item in block.items)  # items apart, as people write
        for index, item in enumerate(block.items):
            marker = block.label(index) if block.ordered else "-"
            text = self.inline.text(item.text)
            first = f"{indent}{marker} {_escape_item_start(text)}" if text else \
                f"{indent}{marker}"
            if self._after_paragraph or (index and loose):
                lines.append("")  # after an item's own paragraph: else the item runs on
            lines.append(first)
            self._after_paragraph = False
            child_indent = indent + " " * (len(marker) + 1 if block.ordered else 2)
            if block.ordered:
                child_indent = indent + "    "
            for more in item.continued:  # a paragraph of the item's own, indented under it
                lines.append("")
                lines.extend(f"{child_indent}{escape_line_start(line)}" if line else ""
                             for line in self.inline.text(more).split("\n"))
                self._after_paragraph = True
            for child in item.children:
                lines.extend(self.list_lines(child, child_indent))
        return lines

    def quote(self, quote: Quote) -> str:
        paragraphs = [self.inline.text(p) for p in quote.paragraphs]
        if quote.attribution:
            attribution = "\u2014 " + self.inline.text(quote.attribution)
            if paragraphs:
                paragraphs[-1] += "\n" + attribution
            else:
                paragraphs.append(attribution)
        lines = []
        for index, para in enumerate(paragraphs):
            if index:
                lines.append(">")
            for line in para.split("\n"):
                lines.append(f"> {escape_line_start(line)}" if line else ">")
        return "\n".join(lines)

    def table(self, table: Table) -> str:
        if table.widths:
            return self.grid_table(table)
        cells = InlineWriter(in_table=True)
        width = max([len(table.header)] + [len(r) for r in table.rows] + [1])

        def row(texts) -> str:
            values = [cells.text(t).replace("\n", "<br>") if t else "" for t in texts]
            values += [""] * (width - len(values))
            return "| " + " | ".join(v or " " for v in values) + " |"

        header = row(table.header) if table.header else "| " + " | ".join(
            [" "] * width) + " |"
        aligns = list(table.aligns) + [""] * width
        rule = "|" + "|".join({"center": ":---:", "right": "---:"}.get(a, "---")
                              for a in aligns[:width]) + "|"
        lines = [header, rule] + [row(r) for r in table.rows]
        text = "\n".join(lines)
        if table.caption:
            text += "\n\n: " + self.inline.text(table.caption)
        return text

    def grid_table(self, table: Table) -> str:
        """A grid table: its borders give each column's share of the width (whole
        percents, so that importing the rebuilt deck writes the same table again)."""
        cells = InlineWriter()
        width = max([len(table.header)] + [len(r) for r in table.rows] + [1])
        rows = [table.header] if table.header else []
        rows += list(table.rows)
        texts = [[cells.text(t).replace("\n", "<br>") if t else "" for t in r] +
                 [""] * (width - len(r)) for r in rows]
        percents = whole_percents((list(table.widths) + [0.0] * width)[:width])
        longest = [max([len(r[c]) for r in texts] + [1]) for c in range(width)]
        scale = max(-(-(longest[c] + 3) // percents[c]) for c in range(width))
        dashes = [percents[c] * scale - 1 for c in range(width)]
        aligns = list(table.aligns) + [""] * width

        def border(mark: str, with_aligns: bool = False) -> str:
            parts = []
            for c in range(width):
                line = mark * dashes[c]
                align = aligns[c] if with_aligns else ""
                if align in ("center", "left"):
                    line = ":" + line[1:]
                if align in ("center", "right"):
                    line = line[:-1] + ":"
                parts.append(line)
            return "+" + "+".join(parts) + "+"

        def row(values) -> str:
            return "|" + "|".join(f" {v}".ljust(dashes[c]) for c, v in enumerate(values)) + "|"

        lines = [border("-", not table.header)]
        for index, values in enumerate(texts):
            lines.append(row(values))
            header_rule = index == 0 and bool(table.header)
            lines.append(border("=", True) if header_rule else border("-"))
        text = "\n".join(lines)
        if table.caption:
            text += "\n\n: " + self.inline.text(table.caption)
        return text

    def notes(self, notes: Sequence[Text]) -> str:
        paragraphs = [self.paragraph(n) for n in notes]
        return "::: notes\n" + "\n\n".join(p for p in paragraphs if p) + "\n:::"

    def resources(self, slides: List[Slide], group: Optional[str]) -> str:
        notes = []
        for slide in slides[:1]:
            if slide.notes:
                notes.append(self.notes(slide.notes))
        opening = "::: resources" if group is None else \
            f'::: {{.resources group="{group.replace(chr(34), chr(39))}"}}'
        heading = ""
        return "\n".join(x for x in [heading, opening] + notes + [":::"] if x)


def _escape_item_start(text: str) -> str:
    """A list item's text that would itself start another list or quote."""
    return escape_line_start(text)


def whole_percents(shares: Sequence[float]) -> List[int]:
    """Shares as whole percents that add up to 100 (largest remainders), each at least 1."""
    total = sum(s for s in shares if s > 0) or 1.0
    exact = [max(s, 0.0) * 100 / total for s in shares]
    percents = [max(int(e), 1) for e in exact]
    for index in sorted(range(len(exact)), key=lambda i: int(exact[i]) - exact[i]):
        if sum(percents) >= 100:
            break
        percents[index] += 1
    return percents


def _attribute_value(value: str) -> str:
    """A quoted attribute value (attr_list has no escapes: the other quote, else none)."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "\u201d") + '"'


def _comment(text: str) -> str:
    text = " ".join(text.split()).replace("--", "\u2013")
    return f"<!-- {text} -->"


def _resource_run(slides: List[Slide], index: int) -> List[Slide]:
    run = []
    while index < len(slides) and slides[index].layout is Layout.RESOURCES:
        run.append(slides[index])
        index += 1
    return run


def _all_incremental(slides: List[Slide]) -> bool:
    lists = [b for s in slides for b in _all_blocks(s.blocks) if isinstance(b, ListBlock)]
    return bool(lists) and all(b.incremental for b in lists)


def _all_blocks(blocks):
    for block in blocks:
        if isinstance(block, Columns):
            for column in block.columns:
                yield from _all_blocks(column)
        else:
            yield block


def _needs_slide_level(slides: List[Slide]) -> bool:
    """Whether pandoc's rule would read a slide level other than 2 from what we write.

    The level is the highest heading level directly followed by content: a section
    with content of its own makes it 1, and without any `##` followed by content the
    sections' `#` would be taken for slides.
    """
    sections = [s for s in slides if s.layout is Layout.SECTION and plain(s.title).strip()]
    if not sections:
        return False
    if any(s.blocks for s in sections):
        return True
    return not any(plain(s.title).strip() and (s.blocks or s.layout is Layout.RESOURCES)
                   for s in slides if s.layout is not Layout.SECTION)


# -- YAML values ----------------------------------------------------------------------

_PLAIN_SCALAR = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\n]*(?<!\s)$")
_YAML_SPECIAL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|"
                           r"on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*|"
                           r"\.inf|\.nan|[-+]?\.[0-9]+)$")


def yaml_scalar(value: str) -> str:
    """A YAML value: plain when it reads back as the same text, else double-quoted."""
    value = str(value)
    if _PLAIN_SCALAR.match(value) and not _YAML_SPECIAL.match(value) and ": " not in value \
            and " #" not in value and "{{" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def yaml_key(key: str) -> str:
    return key if re.match(r"^[A-Za-z][\w-]*$", key) else json.dumps(key, ensure_ascii=False)


def relative_to(folder: Path):
    """Paths as written from a Markdown file in `folder` (with / on every system)."""
    folder = Path(folder).resolve()

    def relative(path: str) -> str:
        return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()
    return relative


__all__ = ["MarkdownWriter", "InlineWriter", "escape_text", "relative_to", "yaml_scalar"]
