"""The structure pass: the deck's lines rewritten before Python-Markdown's block parser.

Headings get a `data-line` attribute (through attr_list); rules, div fences and
fenced code become marker lines that `markdown_ext.py`'s block processors turn
into `<hr>`, `<div>` and `<pre>` elements; a list's numbering style rides in a
private-use marker at the start of its first item (`tree.py` reads it). Lists
nest by 2 or 4 spaces and take pandoc's numbers (`a.`, `iv)`, `(1)`, `#.`).

The pass also decides what may span lines, so that nothing swallows the slides
after it: a code fence counts only when it is closed (else its line is text), and
an unclosed `:::` div or raw HTML block ends at the next heading or `---`, each
with a warning naming its line.

`LineReader` holds the state of one pass; each kind of line has its own handler.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional

from ..errors import Findings

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
# Python-Markdown reads nested lists recursively; far deeper than any slide can show,
# it would run out of stack. Deeper bullets are shown at this level, with a warning.
MAX_LIST_DEPTH = 30
# Marks the numbering style of an ordered list inside its first item's text (tree.py reads it).
LIST_STYLE_OPEN, LIST_STYLE_CLOSE = "\ue002", "\ue003"
MARKER = re.compile(MARK_OPEN + r"(div|enddiv|break|code|endlist) (\d+)(?: (.*))?" + MARK_CLOSE
                    + "$")

_FENCE = re.compile(r"^( *)(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$")
_ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_HASH_NOT_HEADING = re.compile(r"^#{1,6}[^#\s]")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
DIV_OPEN = re.compile(r"^ {0,3}(:{3,})[ \t]*(\S.*?)[ \t]*:*[ \t]*$")
DIV_CLOSE = re.compile(r"^ {0,3}:{3,}[ \t]*$")
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


def marker(kind: str, number: int, text: str = "") -> str:
    """A marker line, which `markdown_ext.MarkerProcessor` turns into an element."""
    return f"{MARK_OPEN}{kind} {number}{' ' + text if text else ''}{MARK_CLOSE}"


@dataclass
class _Lists:
    """The list open at each level: where its marker and its text start, its numbering."""

    indents: List[int] = field(default_factory=list)
    content: List[int] = field(default_factory=list)
    styles: List[str] = field(default_factory=list)
    in_code: bool = False  # inside an indented code block of a list item

    def close(self) -> None:
        self.indents, self.content, self.styles = [], [], []

    def depth_of(self, indent: int) -> int:
        """How many open levels start left of `indent`."""
        return sum(1 for i in self.indents if i < indent)


@dataclass
class _Fence:
    """An open code fence (known to be closed later) and the lines it holds so far."""

    mark: str
    indent: int
    info: str
    lines: List[str]


class LineReader:
    """One structure pass over a deck's lines (see the module docstring).

    `store_code(info, code)` keeps a fenced block's text aside and returns its marker line.
    """

    def __init__(self, lines: List[str], first_line: int, path: str, findings: Findings,
                 block_level_elements, store_code):
        self.lines = lines
        self.first = first_line
        self.path = path
        self.findings = findings
        self.block_level = block_level_elements
        self.store_code = store_code
        self.out: List[str] = []
        self.lists = _Lists()
        self.fence: Optional[_Fence] = None
        self.opened: List[int] = []  # the line numbers of the open divs
        self.previous_is_text = False
        self.after_blank = True
        self.html_until, self.html_close = -1, ""  # a raw HTML block passed on as it is
        self.footnotes: dict = {}  # footnote label -> the line it is defined on
        self.index = self.number = 0

    def read(self) -> List[str]:
        for index, line in enumerate(self.lines):
            self.index, self.number = index, self.first + index
            self.line(line)
        for line_number in self.opened:
            self.findings.warn("this ':::' block is never closed; it was closed at the next"
                               " heading or '---' (or the end of the file). Add a line with"
                               " ':::' where it should end.", self.path, line_number,
                               rule="unclosed-div")
        return _close_unclosed(self.out, self.opened)

    def line(self, line: str) -> None:
        """One line, by the first handler that takes it; the order is the rules' priority."""
        if self.fence is not None:
            return self.in_fence(line)
        if self.index <= self.html_until:
            return self.in_html(line)
        if self.fence_opens(line):
            return
        if not line.strip(" \t"):  # as Python-Markdown: a non-breaking space is text
            return self.blank(line)
        self.note_footnote(line)
        if self.html_block(line) or self.comment(line) or self.div_fence(line) or \
                self.setext_underline(line) or self.rule(line) or self.heading(line):
            return
        if _HASH_NOT_HEADING.match(line):
            line = "\\" + line  # "#1 priority" is text, as in pandoc
        if self.list_item(line) or self.in_list(line):
            return
        self.text(line)

    def boundary(self, after_blank: bool = True) -> None:
        """What ends every list and paragraph: a rule, a div fence, a heading, an HTML block."""
        self.lists.close()
        self.previous_is_text, self.after_blank = False, after_blank

    # -- what spans lines

    def fence_opens(self, line: str) -> bool:
        match = _FENCE.match(line)
        if not match or not (len(match.group(1)) <= 3 or self.lists.indents) or (
                match.group(2)[0] == "`" and "`" in match.group(3)):
            return False
        if any(closes_fence(text, match.group(2)) for text in self.lines[self.index + 1:]):
            self.fence = _Fence(match.group(2), len(match.group(1)), match.group(3), [line])
            return True
        # Never closed: this line is text, and what follows is read as usual.
        self.findings.warn(f"this code block is never closed with a {match.group(2)} line;"
                           " this line is shown as text and what follows is read as usual",
                           self.path, self.number, rule="unclosed-fence")
        return False

    def in_fence(self, line: str) -> None:
        fence = self.fence
        if not closes_fence(line, fence.mark):
            fence.lines.append(line)
            return
        self.fence = None
        code = self.store_code(fence.info, "\n".join(
            _dedent(text, fence.indent) for text in fence.lines[1:]))
        if self.lists.indents and fence.indent > 0:
            depth = self.lists.depth_of(fence.indent)
            self.out.extend(["", " " * (4 * max(depth, 1)) + code, ""])
            self.previous_is_text, self.after_blank = False, True
        else:
            self.out.extend(["", code, ""])
            self.boundary()

    def html_block(self, line: str) -> bool:
        match = _HTML_OPEN.match(line)
        if not (match and match.group(1).lower() in self.block_level
                and (not self.lists.indents or self.after_blank)):
            return False
        tag = match.group(1)
        end, closed = _html_block_end(self.lines, self.index, tag)
        if not closed:
            self.findings.warn(f"this HTML <{tag}> is not closed before the next heading, ':::'"
                               " or '---'; it was closed there. HTML is shown as its text.",
                               self.path, self.number, rule="unclosed-html")
        self.html_until, self.html_close = end, "" if closed else f"</{tag}>"
        self.out.extend(["", line])
        if self.index == end:
            self.end_html()
        return True

    def comment(self, line: str) -> bool:
        if not (line.lstrip(" ").startswith("<!--") and _indent(line) <= 3):
            return False
        end = _comment_end(self.lines, self.index)
        if end is None:
            return False
        # A comment hides what it holds, slides included.
        self.html_until, self.html_close = end, ""
        self.out.extend(["", line])
        if self.index == end:
            self.out.append("")
        return True

    def in_html(self, line: str) -> None:
        """A line of a raw HTML block or comment, passed on as it is."""
        self.out.append(line)
        if self.index == self.html_until:
            self.end_html()

    def end_html(self) -> None:
        self.out.extend(([self.html_close] if self.html_close else []) + [""])
        self.boundary()

    # -- lines of their own

    def blank(self, line: str) -> None:
        self.out.append(line)
        self.previous_is_text = False
        self.after_blank = True

    def note_footnote(self, line: str) -> None:
        """Warn when a footnote is defined twice (Python-Markdown keeps the last)."""
        match = _FOOTNOTE_DEFINITION.match(line)
        if not match:
            return
        label = match.group(1).lower()
        if label in self.footnotes:
            self.findings.warn(f"the footnote [^{match.group(1)}] is defined again (first on"
                               f" line {self.footnotes[label]}); only this last one is used",
                               self.path, self.number, rule="duplicate-footnote")
        self.footnotes[label] = self.number

    def div_fence(self, line: str) -> bool:
        if DIV_CLOSE.match(line):
            if not self.opened:
                self.findings.warn("this ':::' closes nothing; it was left out", self.path,
                                   self.number, rule="unmatched-div")
                return True
            self.opened.pop()
            self.out.extend(["", marker("enddiv", self.number), ""])
        else:
            match = DIV_OPEN.match(line)
            if not match:
                return False
            self.opened.append(self.number)
            self.out.extend(["", marker("div", self.number, match.group(2)), ""])
        self.boundary()
        return True

    def setext_underline(self, line: str) -> bool:
        if not (_SETEXT.match(line) and self.previous_is_text and not self.lists.indents):
            return False
        # The line before is a heading's text: give it its line number.
        self.out[-1] = _with_line(self.out[-1], self.number - 1)
        self.out.append(line)
        self.previous_is_text = False
        return True

    def rule(self, line: str) -> bool:
        if not _BREAK.match(line):
            return False
        self.out.extend(["", marker("break", self.number), ""])
        self.boundary()
        return True

    def heading(self, line: str) -> bool:
        match = _ATX.match(line)
        if not match:
            return False
        text = re.sub(r"[ \t]+#+$", "", match.group(2) or "")
        text = "" if set(text) <= {"#"} else text
        self.out.append(_with_line(f"{match.group(1)} {text}", self.number))
        self.boundary(after_blank=False)
        return True

    # -- lists and text

    def list_item(self, line: str) -> bool:
        lists, indent = self.lists, _indent(line)
        item = _list_item(line, lists.indents, lists.styles)
        if not item or not (lists.indents or indent <= 3) or (
                self.previous_is_text and not lists.indents and not self.after_blank):
            return False
        mark, value, style, text = item
        old_depth = len(lists.indents)
        lists.indents = _nest(lists.indents, indent)
        if len(lists.indents) > MAX_LIST_DEPTH:
            lists.indents = lists.indents[:MAX_LIST_DEPTH - 1] + [indent]
            self.findings.warn(f"this bullet is nested deeper than {MAX_LIST_DEPTH} levels;"
                               f" it is shown at level {MAX_LIST_DEPTH}", self.path, self.number,
                               rule="deep-list")
        level = len(lists.indents) - 1
        lists.styles = lists.styles[:len(lists.indents)]
        starts = len(lists.indents) > old_depth or len(lists.styles) <= level or \
            lists.styles[level] != style
        if starts and level < len(lists.styles):
            # Another kind of marker starts another list, as in pandoc.
            self.out.extend(["", " " * (4 * level) + marker("endlist", self.number), ""])
        lists.styles = lists.styles[:level] + [style]
        lists.content = lists.content[:level] + [len(line) - len(text) if text else indent + 2]
        if mark in "-*+":
            self.out.append(" " * (4 * level) + mark + " " + text)
        else:
            if starts and not style.startswith("decimal period"):
                text = f"{LIST_STYLE_OPEN}{style}{LIST_STYLE_CLOSE}{text}"
            self.out.append(" " * (4 * level) + f"{value}. " + text)
        self.previous_is_text, self.after_blank = False, False
        return True

    def in_list(self, line: str) -> bool:
        """A line inside an open list: its item's text, code in it, or the end of the list."""
        lists = self.lists
        if not lists.indents:
            return False
        indent = _indent(line)
        if indent > 0:
            depth = max(lists.depth_of(indent), 1)
            # Four spaces past the item's text make an indented code block in it.
            extra = indent - lists.content[min(depth, len(lists.content)) - 1]
            lists.in_code = extra >= 4 and (self.after_blank or lists.in_code)
            code = " " * 4 if lists.in_code else ""
            self.out.append(" " * (4 * depth) + code + line.lstrip(" "))
            self.after_blank = False
            return True
        if self.after_blank:
            lists.close()  # and the line is read as text
            return False
        self.out.append(line)  # a lazy continuation of the item
        return True

    def text(self, line: str) -> None:
        self.out.append(line)
        self.previous_is_text = not line.lstrip().startswith(">") and _indent(line) < 4
        self.after_blank = False


def closes_fence(line: str, fence: str) -> bool:
    """Whether `line` closes a code fence opened with `fence` (``` or ~~~, or longer)."""
    stripped = line.strip()
    return stripped.startswith(fence) and set(stripped) <= {fence[0]}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_structure(line: str) -> bool:
    """A heading, '---' or ':::' line: what a raw HTML block must not hide."""
    return bool(_ATX.match(line) or _BREAK.match(line) or DIV_OPEN.match(line)
                or DIV_CLOSE.match(line))


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
    return line[min(_indent(line), count):]


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
        prefix = f"{MARK_OPEN}div {line_number} "
        start = next(i for i, text in enumerate(result) if text.startswith(prefix))
        close_at = len(result)
        for position in range(start + 1, len(result)):
            text = result[position]
            if text.startswith("#") or MARKER.match(text) and " break " in f" {text[1:]}":
                close_at = position
                break
        result[close_at:close_at] = ["", marker("enddiv", line_number), ""]
    return result


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
