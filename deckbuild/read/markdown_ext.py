"""Python-Markdown extensions for slide syntax.

Python-Markdown parses; these extensions teach it what decks need and it does
not know: pandoc's fenced divs (`::: notes`, also inside blockquotes and list
items), horizontal rules as slide breaks, the source line of every heading,
rule and div (Python-Markdown keeps none), list nesting by 2 or 4 spaces,
pandoc's list numbers (`a.`, `iv)`, `(1)`, `#.`), fenced code also inside list
items, backslash-escaped quotes kept as typed, and bare web addresses as links.
The parsed element tree is then handed to `tree.py`; nothing re-parses the text.

The structure pass below rewrites the lines before Python-Markdown's block
parser sees them: headings get a `data-line` attribute (through attr_list);
rules, div fences and fenced code become marker lines that the block processors
turn into `<hr>`, `<div>` and `<pre>` elements; a list's numbering style rides
in a private-use marker at the start of its first item. It also decides what may
span lines, so that nothing swallows the slides after it: a code fence counts
only when it is closed (else its line is text), and an unclosed `:::` div or raw
HTML block ends at the next heading or `---`, each with a warning naming its line.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import List, Optional

import markdown
from markdown.blockprocessors import BlockProcessor, BlockQuoteProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..errors import Findings

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
# Python-Markdown reads nested lists recursively; far deeper than any slide can show,
# it would run out of stack. Deeper bullets are shown at this level, with a warning.
MAX_LIST_DEPTH = 30
# Marks the numbering style of an ordered list inside its first item's text (tree.py reads it).
LIST_STYLE_OPEN, LIST_STYLE_CLOSE = "\ue002", "\ue003"
_MARKER = re.compile(MARK_OPEN + r"(div|enddiv|break|code|endlist) (\d+)(?: (.*))?" + MARK_CLOSE
                     + "$")

_FENCE = re.compile(r"^( *)(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$")
_ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HASH_NOT_HEADING = re.compile(r"^#{1,6}[^#\s]")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_DIV_OPEN = re.compile(r"^ {0,3}(:{3,})[ \t]*(\S.*?)[ \t]*:*[ \t]*$")
_DIV_CLOSE = re.compile(r"^ {0,3}:{3,}[ \t]*$")
# Bullets, and pandoc's ordered markers: 1. 1) (1) a. A) (a) i. (iv) #.
_LIST_ITEM = re.compile(
    r"^( *)(?:([-*+])|(\()?(\d{1,9}|#|[a-zA-Z]|[ivxlcdm]{2,8}|[IVXLCDM]{2,8})([.)]))"
    r"([ \t]+|$)(.*)$")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_HTML_OPEN = re.compile(r"^ {0,3}<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_TRAILING_ATTRS = re.compile(r"[ \t]+\{:?([^}\n]*)\}[ \t]*$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


class StructurePass(Preprocessor):
    """Marks slide structure with line numbers and normalises lists and code fences."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: List[str]) -> List[str]:
        first = self.ext.first_line
        findings: Findings = self.ext.findings
        path = self.ext.path
        opened = []  # stack of (line number) of open divs
        out: List[str] = []
        fence: Optional[str] = None
        fence_indent = 0
        fence_info = ""
        fence_lines: List[str] = []
        list_stack: List[int] = []  # the marker indentation of the list open at each level
        list_content: List[int] = []  # where the text of that level's items starts
        list_styles: List[str] = []  # the numbering style of the list open at each level
        previous_is_text = False
        after_blank = True
        in_list_code = False  # inside an indented code block of a list item
        html_until, html_close = -1, ""  # a raw HTML block passed on as it is, and its end
        footnotes = {}  # footnote label -> the line it is defined on

        for index, line in enumerate(lines):
            number = first + index
            if fence is not None:
                stripped = line.strip()
                if stripped.startswith(fence) and set(stripped) <= {fence[0]}:
                    fence = None
                    marker = self.ext.store_code(fence_info, "\n".join(
                        _dedent(text, fence_indent) for text in fence_lines[1:]))
                    if list_stack and fence_indent > 0:
                        depth = sum(1 for i in list_stack if i < fence_indent)
                        out.extend(["", " " * (4 * max(depth, 1)) + marker, ""])
                    else:
                        out.extend(["", marker, ""])
                        list_stack, list_content, list_styles = [], [], []
                    previous_is_text, after_blank = False, True
                else:
                    fence_lines.append(line)
                continue
            if index <= html_until:  # a raw HTML block or comment, passed on as it is
                out.append(line)
                if index == html_until:
                    out.extend(([html_close] if html_close else []) + [""])
                    list_stack, list_content, list_styles = [], [], []
                    previous_is_text, after_blank = False, True
                continue
            match = _FENCE.match(line)
            if match and (len(match.group(1)) <= 3 or list_stack) and not (
                    match.group(2)[0] == "`" and "`" in match.group(3)):
                if _fence_closes(lines, index, match.group(2)):
                    fence = match.group(2)
                    fence_indent, fence_info = len(match.group(1)), match.group(3)
                    fence_lines = [line]
                    continue
                # Never closed: this line is text, and what follows is read as usual.
                findings.warn(f"this code block is never closed with a {match.group(2)} line;"
                              " this line is shown as text and what follows is read as usual",
                              path, number, rule="unclosed-fence")
            if not line.strip(" \t"):  # as Python-Markdown: a non-breaking space is text
                out.append(line)
                previous_is_text = False
                after_blank = True
                continue

            indent = len(line) - len(line.lstrip(" "))
            match = _FOOTNOTE_DEFINITION.match(line)
            if match:
                label = match.group(1).lower()
                if label in footnotes:
                    findings.warn(f"the footnote [^{match.group(1)}] is defined again (first on"
                                  f" line {footnotes[label]}); only this last one is used",
                                  path, number, rule="duplicate-footnote")
                footnotes[label] = number
            match = _HTML_OPEN.match(line)
            if match and match.group(1).lower() in self.md.block_level_elements and \
                    (not list_stack or after_blank):
                end, closed = _html_block_end(lines, index, match.group(1))
                if not closed:
                    findings.warn(f"this HTML <{match.group(1)}> is not closed before the next"
                                  " heading, ':::' or '---'; it was closed there. HTML is shown"
                                  " as its text.", path, number, rule="unclosed-html")
                html_until, html_close = end, "" if closed else f"</{match.group(1)}>"
                out.extend(["", line])
                if index == end:
                    out.extend(([html_close] if html_close else []) + [""])
                    list_stack, list_content, list_styles = [], [], []
                    previous_is_text, after_blank = False, True
                continue
            if line.lstrip(" ").startswith("<!--") and indent <= 3:
                end = _comment_end(lines, index)
                if end is not None:  # a comment hides what it holds, slides included
                    html_until, html_close = end, ""
                    out.extend(["", line])
                    if index == end:
                        out.append("")
                    continue

            if _DIV_CLOSE.match(line) and opened:
                opened.pop()
                out.extend(["", f"{MARK_OPEN}enddiv {number}{MARK_CLOSE}", ""])
                list_stack, list_content, list_styles = [], [], []
                previous_is_text, after_blank = False, True
                continue
            if _DIV_CLOSE.match(line):
                findings.warn("this ':::' closes nothing; it was left out", path, number,
                              rule="unmatched-div")
                continue
            match = _DIV_OPEN.match(line)
            if match:
                opened.append(number)
                out.extend(["", f"{MARK_OPEN}div {number} {match.group(2)}{MARK_CLOSE}", ""])
                list_stack, list_content, list_styles = [], [], []
                previous_is_text, after_blank = False, True
                continue

            if _SETEXT.match(line) and previous_is_text and not list_stack:
                # The line before is a heading's text: give it its line number.
                out[-1] = _with_line(out[-1], number - 1)
                out.append(line)
                previous_is_text = False
                continue
            if _BREAK.match(line):
                out.extend(["", f"{MARK_OPEN}break {number}{MARK_CLOSE}", ""])
                list_stack, list_content, list_styles = [], [], []
                previous_is_text, after_blank = False, True
                continue
            match = _ATX.match(line)
            if match:
                text = re.sub(r"[ \t]+#+$", "", match.group(2) or "")
                text = "" if set(text) <= {"#"} else text
                out.append(_with_line(f"{match.group(1)} {text}", number))
                list_stack, list_content, list_styles = [], [], []
                previous_is_text, after_blank = False, False
                continue
            if _HASH_NOT_HEADING.match(line):
                line = "\\" + line  # "#1 priority" is text, as in pandoc

            indent = len(line) - len(line.lstrip(" "))
            item = _list_item(line, list_stack, list_styles)
            if item and (list_stack or indent <= 3) and not (
                    previous_is_text and not list_stack and not after_blank):
                marker, value, style, text = item
                old_depth = len(list_stack)
                list_stack = _nest(list_stack, indent)
                if len(list_stack) > MAX_LIST_DEPTH:
                    list_stack = list_stack[:MAX_LIST_DEPTH - 1] + [indent]
                    findings.warn(f"this bullet is nested deeper than {MAX_LIST_DEPTH} levels;"
                                  f" it is shown at level {MAX_LIST_DEPTH}", path, number,
                                  rule="deep-list")
                level = len(list_stack) - 1
                list_styles = list_styles[:len(list_stack)]
                starts = len(list_stack) > old_depth or len(list_styles) <= level or \
                    list_styles[level] != style
                if starts and level < len(list_styles):
                    # Another kind of marker starts another list, as in pandoc.
                    out.extend(["", " " * (4 * level) + f"{MARK_OPEN}endlist {number}{MARK_CLOSE}",
                                ""])
                list_styles = list_styles[:level] + [style]
                list_content = list_content[:level] + [len(line) - len(text)
                                                       if text else indent + 2]
                if marker in "-*+":
                    out.append(" " * (4 * level) + marker + " " + text)
                else:
                    if starts and not style.startswith("decimal period"):
                        text = f"{LIST_STYLE_OPEN}{style}{LIST_STYLE_CLOSE}{text}"
                    out.append(" " * (4 * level) + f"{value}. " + text)
                previous_is_text, after_blank = False, False
                continue
            if list_stack:
                if indent > 0:
                    depth = max(sum(1 for i in list_stack if i < indent), 1)
                    # Four spaces past the item's text make an indented code block in it.
                    extra = indent - list_content[min(depth, len(list_content)) - 1]
                    in_list_code = extra >= 4 and (after_blank or in_list_code)
                    code = " " * 4 if in_list_code else ""
                    out.append(" " * (4 * depth) + code + line.lstrip(" "))
                    after_blank = False
                    continue
                if after_blank:
                    list_stack, list_content, list_styles = [], [], []
                else:
                    out.append(line)  # a lazy continuation of the item
                    continue
            out.append(line)
            previous_is_text = not line.lstrip().startswith(">") and indent < 4
            after_blank = False

        for line_number in opened:
            findings.warn("this ':::' block is never closed; it was closed at the next heading"
                          " or '---' (or the end of the file). Add a line with ':::' where it"
                          " should end.", path, line_number, rule="unclosed-div")
        out = _close_unclosed(out, opened)
        return out


def _fence_closes(lines: List[str], start: int, fence: str) -> bool:
    """Whether a later line closes the fence opened at `start` (the rule the loop uses)."""
    return any(text.strip().startswith(fence) and set(text.strip()) <= {fence[0]}
               for text in lines[start + 1:])


def _is_structure(line: str) -> bool:
    """A heading, '---' or ':::' line: what a raw HTML block must not hide."""
    return bool(_ATX.match(line) or _BREAK.match(line) or _DIV_OPEN.match(line)
                or _DIV_CLOSE.match(line))


def _html_block_end(lines: List[str], start: int, tag: str):
    """(index of the last line, closed?) of a raw HTML block that opens with `<tag` at `start`.

    Python-Markdown takes everything up to the matching end tag as raw HTML, to the
    end of the file if there is none, and slides would vanish into it. The block
    is cut before the first heading, '---' or ':::' line instead.
    """
    pattern = re.compile(r"<(/?)" + re.escape(tag) + r"(?=[\s/>])[^<>]*?(/?)>", re.I)
    depth = 0
    for index in range(start, len(lines)):
        if index > start and _is_structure(lines[index]):
            return index - 1, False
        for match in pattern.finditer(lines[index]):
            if match.group(1):
                depth -= 1
            elif not match.group(2) and tag.lower() not in _VOID:
                depth += 1
        if depth <= 0:
            return index, True
    return len(lines) - 1, False


def _comment_end(lines: List[str], start: int) -> Optional[int]:
    """The index of the line that closes a comment opened at `start`, or None."""
    opened_at = lines[start].index("<!--") + 4
    if "-->" in lines[start][opened_at:]:
        return start
    for index in range(start + 1, len(lines)):
        if "-->" in lines[index]:
            return index
    return None


def _dedent(line: str, count: int) -> str:
    """A fenced code line without the fence's own indentation."""
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, count):]


def _list_item(line: str, stack: List[int], styles: List[str]):
    """(marker, number, "style delimiter", text) when `line` starts a list item, else None.

    Styles follow pandoc: `1.` decimal, `a.` lower-alpha, `IV)` upper-roman, `(1)` with
    parentheses, `#.` the next number. A single capital letter with a period needs two
    spaces after it, so that "B. Russell wrote" stays a sentence.
    """
    match = _LIST_ITEM.match(line)
    if not match:
        return None
    indent, bullet, opening, label, closing, space, text = match.groups()
    if bullet:
        return bullet, 0, "bullet", text
    if opening and closing != ")":
        return None
    delimiter = "parens" if opening else ("paren" if closing == ")" else "period")
    if label.isdigit():
        return "1", int(label), f"decimal {delimiter}", text
    if label == "#":
        return "1", 1, f"decimal {delimiter}", text
    level = len(_nest(stack, len(indent))) - 1
    continuing = styles[level].split()[0] if level < len(styles) else ""
    if len(label) == 1 and label.isupper() and closing == "." and len(space) < 2 and text:
        return None
    if len(label) == 1 and continuing in ("lower-alpha", "upper-alpha"):
        kind = "alpha"
    elif label in ("i", "I") or len(label) > 1:
        kind = "roman"
    else:
        kind = "alpha"
    case = "lower" if label.islower() else "upper"
    if kind == "alpha":
        value = ord(label.lower()) - ord("a") + 1
    else:
        value = _roman_value(label.lower())
        if value is None:
            return None
    return "1", value, f"{case}-{kind} {delimiter}", text


def _roman_value(text: str) -> Optional[int]:
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total < 4000 else None


def _close_unclosed(out: List[str], opened: List[int]) -> List[str]:
    """Close divs that were never closed, at the next heading or slide break after them.

    That keeps an unclosed `::: notes` from turning the rest of the deck into notes.
    """
    if not opened:
        return out
    result = list(out)
    for line_number in reversed(opened):
        start = result.index(f"{MARK_OPEN}div {line_number} " + _div_text(result, line_number))
        close_at = len(result)
        for position in range(start + 1, len(result)):
            text = result[position]
            if text.startswith("#") or _MARKER.match(text) and " break " in f" {text[1:]}":
                close_at = position
                break
        result[close_at:close_at] = ["", f"{MARK_OPEN}enddiv {line_number}{MARK_CLOSE}", ""]
    return result


def _div_text(lines: List[str], line_number: int) -> str:
    prefix = f"{MARK_OPEN}div {line_number} "
    for text in lines:
        if text.startswith(prefix):
            return text[len(prefix):]
    return ""


def _nest(stack: List[int], indent: int) -> List[int]:
    stack = list(stack)
    if not stack:
        return [indent]
    if indent > stack[-1]:
        return stack + [indent]
    while stack and stack[-1] > indent:
        stack.pop()
    if not stack:
        return [indent]
    if stack[-1] < indent:
        stack.append(indent)
    return stack


def _with_line(line: str, number: int) -> str:
    """Add data-line to a heading through attr_list, keeping any attributes it has.

    attr_list needs text before the attributes; an empty heading (`#` alone, a blank
    slide in pandoc) gets a non-breaking space (as an entity, which Python-Markdown does
    not strip), and a title of non-breaking spaces counts as no title.
    """
    match = _TRAILING_ATTRS.search(line)
    head, attrs = (line[:match.start()], match.group(1).strip() + " ") if match else (line, "")
    if not head.lstrip("#").strip():
        head = head.rstrip() + " &#160;"
    return f"{head} {{: {attrs}data-line=\"{number}\" }}"


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
        match = _MARKER.match(first)
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
            marker = _MARKER.match(candidate.lstrip("\n").split("\n", 1)[0])
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
        return bool(_DIV_OPEN.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        attrs = _DIV_OPEN.match(first).group(2)
        inner: List[str] = []
        depth = 0
        current = rest.split("\n") if rest else []
        while True:
            for position, line in enumerate(current):
                if _DIV_CLOSE.match(line):
                    if depth == 0:
                        leftover = "\n".join(current[position + 1:])
                        if leftover.strip():
                            blocks.insert(0, leftover)
                        return self._build(parent, attrs, inner)
                    depth -= 1
                elif _DIV_OPEN.match(line):
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
        return f"{MARK_OPEN}code {len(self.codes) - 1}{MARK_CLOSE}"

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
        md.treeprocessors.register(CaptureTree(md, self), "deckbuild_capture", -10)


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

    ext = SlideExtension()
    md = markdown.Markdown(
        extensions=[TableExtension(), AttrListExtension(), FootnoteExtension(),
                    SaneListExtension(), ext],
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
