"""Property-based test: any Markdown gives a deck and a handout that open, or a clear DeckError.

A strategy assembles decks from building blocks a trainer (or a paste from Word
or the web) may produce: front matter, headings, paragraphs, bullets nested up
to 20 levels, quotes, fenced divs (closed or not), columns, code fences (closed
or not), tables, links with odd schemes, pictures good and bad, raw HTML,
character references, control characters, emoji, CJK and right-to-left text;
and pandoc's and Quarto's own syntax: simple, multiline and grid tables,
strikeout, sub- and superscripts, bracketed spans, inline notes, maths that
reads and maths that does not, pauses, definition lists, line blocks, task and
example lists, raw inlines, callouts and column widths.
Each deck goes through read -> fit -> both renderers; the deck is reopened with
python-pptx and the handout with pypdf.

A DeckError passes only when the example holds something genuinely wrong
(a picture that cannot be placed, an unknown `{{ name }}`...); each such
ingredient names the messages it may cause. Every ordinary word (a marker) must
reach the deck, on a slide or in the notes: nothing is silently lost.

`make fuzz` runs the "fuzz" profile (HYPOTHESIS_PROFILE=fuzz); CI uses "ci".
"""
from __future__ import annotations

import io
import itertools
import json
import os
import re
import resource
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, note, settings, strategies as st
from PIL import Image as PILImage
from pptx import Presentation
from pypdf import PdfReader

from conftest import REGION
from deckbuild.build import load, render
from deckbuild.errors import DeckError, Findings
from deckbuild.read.substitute import PLACEHOLDER
from hostile import (EXAMPLE_TEMPLATE, every_part_is_plain_xml, hostile_templates,
                     outside_references)

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
KNOWN_NAMES = {"trainer", "region", "region.name", "region.verified", "org.name", "org.website",
               "org.phone", "org.email"}

# Why a DeckError may be right, and the message it then carries.
EXPECTED = {
    "bad-picture": r"the picture|pictures must be files|this picture has no file name",
    "unknown-name": r"is not a name this deck knows",
    "resources-without-region": r"'::: resources' needs a region",
    "overflow-error": r"does not fit on the slide",
    "no-slides": r"this file has no slides",
    "bad-option": r"is not a language tag",
    "bad-region": r"is not a web, e-mail or phone|cannot be used|not a valid address|impossible host"
                  r"|has no host|characters long|has no number|is required here"
                  r"|has no resource group",
}

SPECIAL = [
    "<", ">", "&", "<b>", "</b>", "<i>x</i>", "<para>", "</para>", "&#9999999;", "&amp;",
    "&#0;", "&#x1b;", "&#xD800;", "&bogus;", "&eacute;", "&#8212;", "<script>alert(1)</script>",
    "<style>p{}</style>", "<!-- hidden -->", "<3", "a<b", "<br>", "<img src=x.png>",
    "\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\ue000",
    "\ufeff", "\u2028", "\u2029", "\u00a0", "\t", "\r",
    "\U0001F600", "\U0001F469\U0001F3FD\u200D\U0001F680", "\u4E2D\u6587\u5B57", "\u0645\u0631\u062D\u0628\u0627",
    "\u05E9\u05DC\u05D5\u05DD", "\u200f", "\u200e", "\u202e", "\u0301", "\U0001D54F",
    "{{ trainer }}", "{{", "}}", "*", "**", "_", "`", "\\", "[", "]", "(", ")", "|", "#",
    ":::", "---", "~~", "[^1]", "--", "\u2014", "www.example.org", "https://example.org/a b",
    "x" * 400,
]
URLS = [
    "https://example.org/path with space?q=a b&c=<d>", "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "file:///etc/passwd",
    "mailto:someone@example.org", "tel:+1 555 0100", "http://exa mple.org", "https://[::1]/",
    "#anchor", "relative/page.html", "", "https://m\u00fcnchen.de/\u00e4", "HTTPS://EXAMPLE.ORG",
    "https://example.org:99999/", "https://example.org/" + "y" * 300,
]
GOOD_PICTURES = ["../assets/good.png", "../assets/cmyk.jpg", "../assets/anim.gif",
                 "../assets/pic.webp"]
BAD_PICTURES = ["../assets/missing.png", "../assets/corrupt.png", "../assets/pic.svg",
                "../../outside.png", "https://example.org/x.png", ""]

_markers = itertools.count()


# Characters with which typed text may legitimately hide a word: an HTML tag or
# comment, a reference definition `[x]: ...`, a line starting ':::'.
_HIDING = re.compile(r"[<\[:\r]")


class Doc:
    """A generated deck: its Markdown, the markers it must show, what may go wrong."""

    def __init__(self):
        self.markers = []
        self.may_fail = set()
        self.may_hide = False  # True when a marker may be hidden by the rules
        self.region = False
        self.region_text = REGION
        self.footnotes = set()
        self.text = ""
        self.crlf = self.bom = False


def marker() -> str:
    return f"zq{next(_markers)}k"


@st.composite
def words(draw, doc: Doc) -> str:
    word = draw(st.one_of(
        st.sampled_from(SPECIAL),
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=10),
        st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True),
    ))
    if _HIDING.search(word):
        doc.may_hide = True
    return word


@st.composite
def inline(draw, doc: Doc, marked: bool = True) -> str:
    pieces = draw(st.lists(words(doc), min_size=0, max_size=6))
    kind = draw(st.sampled_from(["plain", "plain", "bold", "italic", "code", "link", "autolink",
                                 "bare", "picture"]))
    if kind == "bold":
        pieces.append(f"**{draw(words(doc))}**")
    elif kind == "italic":
        pieces.append(f"*{draw(words(doc))}*")
    elif kind == "code":
        pieces.append(f"`{draw(words(doc))}`")
    elif kind == "link":
        pieces.append(f"[{draw(words(doc))}]({draw(st.sampled_from(URLS))})")
    elif kind == "autolink":
        doc.may_hide = True
        pieces.append(f"<{draw(st.sampled_from(URLS))}>")
    elif kind == "bare":
        pieces.append(draw(st.sampled_from(["https://example.org/x", "http://a.org/(b)",
                                            "https://a.org/x."])))
    elif kind == "picture":
        pieces.append(draw(picture(doc)))
    if marked:
        value = marker()
        doc.markers.append(value)
        pieces.insert(draw(st.integers(0, len(pieces))), value)
    return " ".join(pieces)


@st.composite
def picture(draw, doc: Doc) -> str:
    bad = draw(st.integers(0, 3)) == 0  # mostly pictures that work, so the deck is drawn
    path = draw(st.sampled_from(BAD_PICTURES if bad else GOOD_PICTURES))
    if path in BAD_PICTURES:
        doc.may_fail.add("bad-picture")
    return f"![{draw(words(doc))}]({path})"


@st.composite
def bullets(draw, doc: Doc) -> str:
    count = draw(st.integers(1, 22))
    step = draw(st.sampled_from([2, 4]))
    ordered = draw(st.booleans())
    lines, depth = [], 0
    for _ in range(count):
        depth = draw(st.integers(0, min(depth + 1, 19)))
        mark = draw(st.sampled_from(["1.", "2)", "-"])) if ordered else \
            draw(st.sampled_from(["-", "*", "+"]))
        lines.append(" " * (step * depth) + f"{mark} {draw(inline(doc))}")
    return "\n".join(lines)


@st.composite
def blocks(draw, doc: Doc, depth: int = 0) -> str:
    options = ["heading", "paragraph", "paragraph", "bullets", "quote", "code", "table",
               "break", "html", "picture", "long", "footnote", "pandoc-table", "pandoc-inline",
               "math", "pause", "definitions", "line-block", "tasks", "examples"]
    if depth < 2:
        options += ["div", "columns", "callout"]
    kind = draw(st.sampled_from(options))
    if kind == "heading":
        heading = "#" * draw(st.integers(1, 6)) + " " + draw(inline(doc))
        if draw(st.integers(0, 5)) == 0:
            background = draw(st.sampled_from(GOOD_PICTURES * 3 + BAD_PICTURES))
            if background in BAD_PICTURES:
                doc.may_fail.add("bad-picture")
            heading += f' {{background-image="{background}"}}'
        return heading
    if kind == "long":
        count = draw(st.integers(50, 400))
        return " ".join(draw(st.sampled_from(["word", "longer-word", "x" * 60, "a", "\u00e9t\u00e9"]))
                        for _ in range(count)) + " " + draw(inline(doc))
    if kind == "footnote":
        number = draw(st.integers(1, 3))
        if number in doc.footnotes:
            doc.may_hide = True  # defined twice: the last one is used, with a warning
        doc.footnotes.add(number)
        return f"{draw(inline(doc))}[^{number}]\n\n[^{number}]: {draw(inline(doc))}"
    if kind == "paragraph":
        return "\n".join(draw(st.lists(inline(doc), min_size=1, max_size=3)))
    if kind in PANDOC_BLOCKS:
        return draw(PANDOC_BLOCKS[kind](doc))
    if kind == "bullets":
        return draw(bullets(doc))
    if kind == "quote":
        lines = ["> " + draw(inline(doc)) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):
            lines.append("> \u2014 " + draw(inline(doc)))
        return "\n".join(lines)
    if kind == "code":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        body = "\n".join(draw(st.lists(words(doc), max_size=4)))
        closed = draw(st.booleans())
        language = draw(st.sampled_from(["", "python", "{.html}", "<b>"]))
        return f"{fence}{language}\n{body}" + (f"\n{fence}" if closed else "")
    if kind == "table":
        columns = draw(st.integers(1, 4))
        header = "| " + " | ".join(draw(inline(doc, marked=False)).replace("|", "/")
                                   for _ in range(columns)) + " |"
        rule = "|" + "|".join("---" for _ in range(columns)) + "|"
        rows = ["| " + " | ".join(draw(inline(doc)).replace("|", "/") for _ in range(columns))
                + " |" for _ in range(draw(st.integers(0, 3)))]
        if draw(st.integers(0, 4)) == 0:  # tall: many rows, or a cell longer than a page
            rows += ["| " + " | ".join(["cell"] * columns) + " |"] * draw(st.integers(0, 40))
            rows.append("| " + " | ".join([" ".join(["many words"] * 800)] * columns) + " |")
        return "\n".join([header, rule] + rows)
    if kind == "break":
        return draw(st.sampled_from(["---", "***", "- - -"]))
    if kind == "html":
        tag = draw(st.sampled_from(["div", "p", "script", "table", "para", "style"]))
        text = draw(inline(doc, marked=False))
        close = f"</{tag}>" if draw(st.booleans()) else ""
        if tag in ("script", "style") and not close:
            doc.may_hide = True  # hides what follows, up to the next heading
        return f"<{tag}>{text}{close}"
    if kind == "picture":
        return draw(picture(doc))
    if kind == "callout":
        name = draw(st.sampled_from(["note", "tip", "warning", "important", "caution"]))
        title = f' title="{draw(inline(doc, marked=False)).replace(chr(34), "")}"' \
            if draw(st.booleans()) else ""
        inner = draw(st.lists(blocks(doc, depth + 1), min_size=1, max_size=2))
        return f"::: {{.callout-{name}{title}}}\n" + "\n\n".join(inner) + "\n:::"
    if kind == "div":
        name = draw(st.sampled_from(["notes", "incremental", "nonincremental", "unknown",
                                     "{.notes}", "resources", "{.resources group=\"Local Resources\"}"]))
        closed = draw(st.booleans())
        if "resources" in name:
            doc.may_fail.add("resources-without-region")
            doc.may_hide = doc.may_hide or not closed  # what follows is inside it
            return f"::: {name}\n" + (":::" if closed else "")
        inner = draw(st.lists(blocks(doc, depth + 1), min_size=1, max_size=3))
        return f"::: {name}\n" + "\n\n".join(inner) + ("\n:::" if closed else "")
    # columns
    columns = []
    for _ in range(draw(st.integers(1, 3))):
        inner = draw(st.lists(blocks(doc, depth + 2), min_size=1, max_size=2))
        width = draw(st.sampled_from(["", ' width="40%"', ' width="60%"', ' width="abc"']))
        columns.append(f":::: {{.column{width}}}\n" + "\n\n".join(inner) + "\n::::")
    return "::: columns\n" + "\n".join(columns) + "\n:::"


# ---------------------------------------------------------------- pandoc's and Quarto's syntax


@st.composite
def pandoc_table(draw, doc: Doc) -> str:
    """A simple, headerless, multiline or grid table (pandoc's own kinds), maybe captioned."""
    kind = draw(st.sampled_from(["simple", "headerless", "multiline", "grid"]))
    columns = draw(st.integers(2, 4))
    cells = [[draw(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True)) for _ in range(columns)]
             for _ in range(draw(st.integers(1, 4)))]
    for row in cells:  # a marker in some cells: what tables hold must reach the deck
        column = draw(st.integers(0, columns - 1))
        row[column] = marker()
        doc.markers.append(row[column])
    width = max(len(c) for row in cells for c in row) + 2
    dashes = " ".join("-" * width for _ in range(columns))
    line = lambda row: " ".join(c.ljust(width) for c in row).rstrip()  # noqa: E731
    if kind == "simple":
        text = [line([f"H{n}" for n in range(columns)]), dashes] + [line(r) for r in cells]
    elif kind == "headerless":
        text = [dashes] + [line(r) for r in cells] + [dashes]
    elif kind == "multiline":
        rule = "-" * len(dashes)
        body = []
        for row in cells:
            body += [line(row), ""]
        text = [rule, line([f"H{n}" for n in range(columns)]), dashes] + body[:-1] + [rule]
    else:
        border = "+" + "+".join("-" * width for _ in range(columns)) + "+"
        head = "+" + "+".join(":" + "=" * (width - 1) for _ in range(columns)) + "+"
        row_text = lambda row: "|" + "|".join(c.ljust(width) for c in row) + "|"  # noqa: E731
        text = [border, row_text([f"H{n}" for n in range(columns)]), head]
        for row in cells:
            text += [row_text(row), border]
    if draw(st.booleans()):
        text += ["", f": {draw(inline(doc, marked=False))} {{#tbl-{draw(st.integers(1, 3))}}}"]
    if draw(st.integers(0, 4)) == 0:  # broken: a table never closed
        text = text[:-1]
        doc.may_hide = True
    return "\n".join(text)


@st.composite
def pandoc_inline(draw, doc: Doc) -> str:
    value = marker()
    doc.markers.append(value)
    form = draw(st.sampled_from([
        "~~{}~~", "H~{}~O", "x^{}^", "[{}]{{.smallcaps}}", "[{}]{{.underline}}", "[{}]{{.mark}}",
        "[{}]{{lang=fr}}", "[{}]{{.unknown key=value}}", "a^[note {}]", "`<b>x</b>`{{=html}} {}",
        "`<!-- -->`{{=html}} {}", "`\\emph{{x}}`{{=latex}} {}", "{} `<a:r/>`{{=openxml}}",
        "{} @fig-{}", "{} ~~unclosed", "{} ^[unclosed", "{} [span]{{", "{} $5 and $10"]))
    text = form.format(value, value) if form.count("{}") == 2 else form.format(value)
    if "@fig" in form:
        doc.may_hide = True  # an unknown cross-reference: said as typed, with a warning
    return draw(inline(doc)) + " " + text


MATHS = [r"x^2", r"\frac{a}{b}", r"\sum_{i=1}^{n} i^2", r"\sqrt[3]{x}", r"\alpha+\beta",
         r"\left(\frac{1}{2}\right)", r"\begin{pmatrix}a&b\\c&d\end{pmatrix}", r"\frac{",
         r"\unknowncommand x", r"x^", r"\int_0^1 f(x)\,dx", "a_{i}^{2}", r"\hat{x}"]


@st.composite
def maths(draw, doc: Doc) -> str:
    tex = draw(st.sampled_from(MATHS))
    if draw(st.booleans()):
        return draw(inline(doc)) + f" ${tex}$ " + draw(inline(doc))
    return draw(inline(doc)) + f"\n\n$${tex}$$\n\n" + draw(inline(doc))


@st.composite
def pause(draw, doc: Doc) -> str:
    return draw(inline(doc)) + "\n\n. . .\n\n" + draw(inline(doc))


@st.composite
def definitions(draw, doc: Doc) -> str:
    items = []
    for _ in range(draw(st.integers(1, 3))):
        items.append(f"{draw(inline(doc))}\n:   {draw(inline(doc))}")
    return "\n\n".join(items)


@st.composite
def line_block(draw, doc: Doc) -> str:
    return "\n".join("| " + " " * draw(st.integers(0, 3)) + draw(inline(doc))
                     for _ in range(draw(st.integers(1, 4))))


@st.composite
def tasks(draw, doc: Doc) -> str:
    return "\n".join(f"- [{draw(st.sampled_from([' ', 'x', 'X']))}] {draw(inline(doc))}"
                     for _ in range(draw(st.integers(1, 4))))


@st.composite
def examples(draw, doc: Doc) -> str:
    lines = [f"(@{draw(st.sampled_from(['', 'good', 'bad']))}) {draw(inline(doc))}"
             for _ in range(draw(st.integers(1, 3)))]
    return "\n".join(lines) + f"\n\nAs (@good) shows, {draw(inline(doc))}"


PANDOC_BLOCKS = {"pandoc-table": pandoc_table, "pandoc-inline": pandoc_inline, "math": maths,
                 "pause": pause, "definitions": definitions, "line-block": line_block,
                 "tasks": tasks, "examples": examples}


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@st.composite
def region_file(draw, doc: Doc) -> str:
    """A region file another organization might write: odd names, long lists, odd links."""
    def value():
        return yaml_text(draw(inline(doc, marked=False)))
    lines = [f"name: {value()}", f"verified: {value()}", "variables:", f"  trainer: {value()}",
             "resources:"]
    for number in range(draw(st.integers(1, 3))):
        title = "Local Resources" if number == 0 else draw(inline(doc, marked=False))
        lines += [f"  - group: {yaml_text(title)}", "    items:"]
        for _ in range(draw(st.integers(1, 30))):
            lines.append(f"      - name: {value()}")
            url = draw(st.sampled_from(URLS)) if draw(st.integers(0, 9)) == 0 else \
                draw(st.sampled_from(["https://example.org/ok", "tel:555-0100", ""]))
            lines.append(f"        url: {yaml_text(url)}")
            lines.append(f"        description: {value()}")
            if draw(st.integers(0, 6)) == 0:
                lines.append("        description: " + yaml_text(" ".join(["long"] * 900)))
                lines.pop(-2)
            lines.append(f"        hours: {value()}")
    doc.may_fail.add("bad-region")
    return "\n".join(lines) + "\n"


@st.composite
def front_matter(draw, doc: Doc) -> str:
    if not draw(st.booleans()):
        return ""
    lines = ["---"]
    title_marker = marker()
    doc.markers.append(title_marker)
    lines.append(f"title: {yaml_text(draw(inline(doc, marked=False)) + ' ' + title_marker)}")
    for key in draw(st.lists(st.sampled_from(["subtitle", "organization", "date", "notes",
                                              "author", "custom-key"]), unique=True)):
        lines.append(f"{key}: {yaml_text(draw(inline(doc, marked=False)))}")
    if draw(st.booleans()):
        lang = draw(st.sampled_from(["ar", "zh-Hans-CN", "he-IL", "en-US"]) | words(doc))
        if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}", lang.strip()):
            doc.may_fail.add("bad-option")
        lines.append(f"lang: {yaml_text(lang)}")
    if draw(st.booleans()):
        lines.append("region: testland")
        doc.may_fail.discard("resources-without-region")
        doc.region = True
        if draw(st.booleans()):
            doc.region_text = draw(region_file(doc))
    if draw(st.booleans()):
        overflow = draw(st.sampled_from(["split", "shrink", "error"]))
        if overflow == "error":
            doc.may_fail.add("overflow-error")
        lines.append(f"overflow: {overflow}")
    if draw(st.booleans()):
        lines.append(f"slide-level: {draw(st.integers(0, 6))}")
    if draw(st.booleans()):
        lines.append(f"incremental: {draw(st.sampled_from(['true', 'false']))}")
    if draw(st.booleans()):
        lines.append("toc: true")
    lines.append("---")
    return "\n".join(lines)


@st.composite
def decks(draw) -> Doc:
    doc = Doc()
    head = draw(front_matter(doc))
    body = draw(st.lists(blocks(doc), min_size=0 if head else 1, max_size=10))
    text = "\n\n".join(([head] if head else []) + body) + "\n"
    if doc.region:
        doc.may_fail.discard("resources-without-region")
    if any(m.group(1) not in KNOWN_NAMES or not doc.region for m in PLACEHOLDER.finditer(text)):
        doc.may_fail.add("unknown-name")
    doc.may_fail.add("no-slides")  # checked separately below: only when nothing is visible
    doc.text = text
    doc.crlf = draw(st.booleans())
    doc.bom = draw(st.booleans())
    return doc


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "project"
    (root / "source" / "regions").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "source" / "regions" / "testland.yaml").write_text(REGION, encoding="utf-8")
    assets = root / "assets"
    PILImage.new("RGB", (60, 40), (30, 120, 200)).save(assets / "good.png")
    PILImage.new("CMYK", (60, 40), (0, 80, 80, 0)).save(assets / "cmyk.jpg")
    PILImage.new("P", (60, 40)).save(assets / "anim.gif")
    PILImage.new("RGB", (60, 40), (200, 20, 20)).save(assets / "pic.webp")
    (assets / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really" * 10)
    (assets / "pic.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root.parent / "outside.png").write_bytes((assets / "good.png").read_bytes())
    yield root
    shutil.rmtree(root.parent, ignore_errors=True)


def _deck_text(prs) -> str:
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    parts.extend(cell.text for cell in row.cells)
        # Shapes holding equations are inside mc:AlternateContent, which python-pptx skips.
        for choice in slide._element.iter(f"{{{MC}}}Choice"):
            parts.append(" ".join(t.text or "" for t in choice.iter(f"{{{A}}}t")))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


@given(decks())
def test_any_markdown_builds_or_says_why(fuzz_project, doc):
    text = doc.text.replace("\n", "\r\n") if doc.crlf else doc.text
    data = ("\ufeff" if doc.bom else "").encode("utf-8") + text.encode("utf-8")
    source = fuzz_project / "source" / "fuzz.md"
    source.write_bytes(data)
    (fuzz_project / "source" / "regions" / "testland.yaml").write_text(doc.region_text,
                                                                       encoding="utf-8")
    note(doc.text)
    if doc.region_text != REGION:
        note(doc.region_text)
    findings = Findings()
    try:
        deck = load(source, None, findings)
    except DeckError as exc:
        allowed = [EXPECTED[reason] for reason in doc.may_fail]
        assert any(re.search(pattern, exc.message) for pattern in allowed), \
            f"unexpected DeckError: {exc}"
        if re.search(EXPECTED["no-slides"], exc.message) and not doc.may_hide:
            assert not doc.markers, f"words were typed, yet: {exc}"
        return
    pptx_bytes = render(deck, "pptx")
    pdf_bytes = render(deck, "handout")

    prs = Presentation(io.BytesIO(pptx_bytes))
    assert len(prs.slides) == len(deck.slides)
    shown = _deck_text(prs)
    reader = PdfReader(io.BytesIO(pdf_bytes))
    for page in reader.pages:
        page.extract_text()

    if not doc.may_hide:
        missing = [m for m in doc.markers if m not in shown]
        assert not missing, f"words lost on the way to the deck: {missing}"


# ---------------------------------------------------------------- hostile templates

TEMPLATE_DECK = """\
---
title: A deck on a hostile template
subtitle: Built under a memory limit
region: testland
---

# A section

## Bullets

- a point with [a link](https://www.example.org/)
- another point

## Columns

:::: columns
::: column
Left
:::
::: column
Right
:::
::::

## A picture

![A picture](../assets/good.png)

::: notes
What to say.
:::

# Resources

::: resources
:::
"""
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for each build (RLIMIT_AS)
PATH_MESSAGE = re.compile(r"^[^\s:][^:]*(:\d+)?: \S")


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def template_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-templates") / "project"
    (root / "source" / "regions").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "source" / "regions" / "testland.yaml").write_text(
        REGION.replace("variables:", "theme:\n  template: assets/t.pptx\nvariables:"),
        encoding="utf-8")
    (root / "source" / "deck.md").write_text(TEMPLATE_DECK, encoding="utf-8")
    PILImage.new("RGB", (60, 40), (30, 120, 200)).save(root / "assets" / "good.png")
    shutil.copyfile(EXAMPLE_TEMPLATE, root / "assets" / "t.pptx")
    first = _build_limited(root)
    assert first.returncode == 0, first.stderr
    yield root
    shutil.rmtree(root.parent, ignore_errors=True)


def _build_limited(project) -> subprocess.CompletedProcess:
    """`deckbuild build` in a child process that may use at most MEMORY_LIMIT."""
    return subprocess.run([sys.executable, "-m", "deckbuild", "build", "--force"],
                          cwd=project, capture_output=True, text=True, preexec_fn=_limited,
                          timeout=600, env={**os.environ, "PYTHONFAULTHANDLER": "1"})


@settings(max_examples=20 if settings().max_examples < 100 else 300)
@given(hostile_templates())
def test_any_hostile_template_builds_or_says_why(template_project, hostile):
    """The example template with one part patched: exit 0 with clean outputs, or exit 1 with
    `path: message` and the last outputs kept; never a traceback, never out of memory."""
    what, make = hostile
    note(what)
    outputs = [template_project / "output" / "deck.pptx",
               template_project / "output" / "deck-handout.pdf"]
    before = [p.read_bytes() for p in outputs]
    make(template_project / "assets" / "t.pptx")
    result = _build_limited(template_project)
    note(result.stderr)
    assert result.returncode in (0, 1), f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    problems = result.stderr.strip().splitlines()
    assert all(PATH_MESSAGE.match(line) for line in problems), problems
    if result.returncode == 1:
        assert problems, "exit 1 without a word"
        assert [p.read_bytes() for p in outputs] == before
        return
    deck = outputs[0].read_bytes()
    Presentation(io.BytesIO(deck))
    every_part_is_plain_xml(deck)
    assert outside_references(deck) == []
    for page in PdfReader(io.BytesIO(outputs[1].read_bytes())).pages:
        page.extract_text()
