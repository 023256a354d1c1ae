"""A unit's text as the translator sees it, and back: a small inline markup.

Model text (runs with formatting, links, formulas and `{{ names }}`) is written
as the Markdown a trainer knows, and a translation is read back into runs with
the same rules, so extraction and application always agree:

    **bold**  *italic*  ~~struck~~  `code`  $formula$  [text](https://...)  <https://...>
    [text]{.underline}  [text]{.smallcaps}  [text]{.mark}  H~2~O  x^2^  {{ region.name }}

A backslash keeps a special character as text (`\\*`, `\\[`, `\\$`, `\\{{`). This is
not a Markdown parser: the translation is the only text read here, and its
markup must be the markup of its English unit, moved where the language needs
it. A translation that leaves out a link, a formula or a `{{ name }}`, adds one,
or leaves a mark open is a `MarkupError`, which names what to fix.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Optional, Tuple

from ..model import Run, Text
from ..read.links import normalise_url
from ..read.runs import merged_runs, trimmed
from ..read.substitute import MARKED_NAME, marked_name, name_of_marker

# Formatting marks, outermost first; each is a Run field that is True.
_FLAGS = ("bold", "italic", "strike", "underline", "small_caps", "highlight", "superscript",
          "subscript")
_OPEN = {"bold": "**", "italic": "*", "strike": "~~", "underline": "[", "small_caps": "[",
         "highlight": "[", "superscript": "^", "subscript": "~"}
_CLOSE = {"bold": "**", "italic": "*", "strike": "~~", "underline": "]{.underline}",
          "small_caps": "]{.smallcaps}", "highlight": "]{.mark}", "superscript": "^",
          "subscript": "~"}
_SPAN_CLASSES = {"underline": "underline", "smallcaps": "small_caps", "mark": "highlight"}
_SPECIAL = re.compile(r"([\\*`\[\]~^$<])|(\{\{)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:|tel:)[^\s<>]*)>")
_SPAN_END = re.compile(r"\]\{\.([a-z]+)\}")
_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")


class MarkupError(Exception):
    """A translation whose markup does not match its English (the message says how)."""


# ---------------------------------------------------------------- writing


def to_markup(text: Text) -> str:
    """The runs as inline markup (see the module docstring).

    Bold, italic, struck, sub- and superscript are marks that switch on and off
    (`***a**b*` is bold-italic "a", italic "b"); links and `[...]{.class}` spans are
    brackets, nested.
    """
    out: List[str] = []
    brackets: List[tuple] = []  # open links ("link", url) and spans ("span", flag)
    opened_with: List[set] = []  # the marks on when each bracket opened
    flags: set = set()
    for run in text:
        if not run.text and run.math is None:
            continue
        autolink = run.link and run.text == run.link and not _flags(run) and not run.code
        wanted_brackets = [] if autolink else _brackets(run)
        wanted = set(_toggles(run)) if not autolink else set()
        keep = 0
        while keep < len(brackets) and brackets[keep] in wanted_brackets:
            keep += 1
        if run.link and not autolink and brackets and brackets[0] != ("link", run.link):
            keep = 0  # a link is the outermost bracket, so spans inside it never split it
        off = flags - wanted
        # Marks switched on inside a bracket end inside it; those from before, after it.
        before = opened_with[keep] if keep < len(brackets) else set()
        out.append(_switch(off - before, reverse=True))
        while len(brackets) > keep:
            kind, value = brackets.pop()
            opened_with.pop()
            out.append(f"]({_escape_names(value)})" if kind == "link" else _CLOSE[value])
        out.append(_switch(off & before, reverse=True))
        flags = flags - off
        for kind, value in wanted_brackets:
            if (kind, value) not in brackets:
                out.append("[")
                brackets.append((kind, value))
                opened_with.append(set(flags))
        out.append(_switch(wanted - flags))
        flags = wanted
        out.append(f"<{_escape_names(run.link)}>" if autolink else _atom(run))
    before = opened_with[0] if brackets else set()
    out.append(_switch(flags - before, reverse=True))
    while brackets:
        kind, value = brackets.pop()
        out.append(f"]({_escape_names(value)})" if kind == "link" else _CLOSE[value])
    out.append(_switch(flags & before, reverse=True))
    return "".join(out)


_TOGGLES = ("bold", "italic", "strike", "superscript", "subscript")
_SPANS = ("underline", "small_caps", "highlight")


def _flags(run: Run) -> Tuple[str, ...]:
    return tuple(name for name in _FLAGS if getattr(run, name))


def _toggles(run: Run) -> Tuple[str, ...]:
    return tuple(name for name in _TOGGLES if getattr(run, name))


def _brackets(run: Run) -> List[tuple]:
    found = [("link", run.link)] if run.link else []
    return found + [("span", name) for name in _SPANS if getattr(run, name)]


def _switch(names: set, reverse: bool = False) -> str:
    order = [n for n in _TOGGLES if n in names]
    return "".join(_OPEN[n] for n in (reversed(order) if reverse else order))


def _atom(run: Run) -> str:
    if run.math is not None:
        fence = "$$" if run.math.display else "$"
        return f"{fence}{run.math.tex}{fence}"
    if run.code:
        longest = max((len(m) for m in re.findall("`+", run.text)), default=0)
        fence = "`" * (longest + 1)
        pad = " " if run.text.startswith("`") or run.text.endswith("`") or (
            run.text.startswith(" ") and run.text.endswith(" ") and run.text.strip()) else ""
        return f"{fence}{pad}{_escape_names(run.text)}{pad}{fence}"
    return _escape(run.text)


def _escape(text: str) -> str:
    text = _SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    return _escape_names(text)


def _escape_names(text: str) -> str:
    """Name markers shown as the `{{ name }}` the deck has."""
    return MARKED_NAME.sub(lambda m: "{{ " + name_of_marker(m.group(0)) + " }}", text)


# ---------------------------------------------------------------- reading


def from_markup(markup: str, english: Text) -> Text:
    """The runs of a translation of `english` (whose links, formulas and names it must keep)."""
    reader = _Reader(markup, english)
    runs = reader.read()
    reader.compare()
    return trimmed(merged_runs(tuple(runs)))


class _Reader:
    def __init__(self, markup: str, english: Text):
        self.text = markup
        self.english = english
        self.position = 0
        self.flags: Dict[str, bool] = {}
        self.links: List[Optional[str]] = []  # open links' addresses (None: a span)
        self.spans: List[int] = []  # where each '[' was, for messages
        self.runs: List[Run] = []
        self.found_links: List[str] = []
        self.found_formulas: List[str] = []
        self.found_names: List[str] = []
        self.formulas = {r.math.tex: r.math for r in english if r.math is not None}
        self.addresses = {_escape_names(r.link): r.link for r in english if r.link}

    def add(self, text: str, **extra) -> None:
        link = next((a for a in reversed(self.links) if a is not None), None)
        style = {name: True for name, on in self.flags.items() if on}
        if link:
            style["link"] = link
        style.update(extra)
        self.runs.append(Run(text, **style))

    def read(self) -> List[Run]:
        text = self.text
        while self.position < len(text):
            char = text[self.position]
            handler = {"\\": self.escape, "*": self.stars, "~": self.tildes, "^": self.caret,
                       "`": self.code, "$": self.formula, "[": self.open_bracket,
                       "]": self.close_bracket, "<": self.autolink, "{": self.name,
                       "\n": self.line_break}.get(char)
            if handler is None or not handler():
                self.add(char)
                self.position += 1
        open_marks = [_OPEN[f] for f, on in self.flags.items() if on]
        if self.spans:
            raise MarkupError("a '[' is never closed: end the link text with '](address)' or"
                              " write '\\[' for a bracket")
        if open_marks:
            raise MarkupError(f"'{open_marks[0]}' is opened but never closed; close it after"
                              " the words it marks")
        return self.runs

    def escape(self) -> bool:
        following = self.text[self.position + 1:self.position + 2]
        if following and following in "\\*`[]~^$<{":
            self.add(following)
            self.position += 2
            return True
        return False

    def toggle(self, char: str, one: str, two: str) -> bool:
        count = len(self.text) - self.position - len(self.text[self.position:].lstrip(char))
        if count > 3:
            raise MarkupError(f"'{char * count}' is too many marks in a row: write"
                              f" '\\{char}' for a {char} that is text")
        if count in (1, 3):
            self.flags[one] = not self.flags.get(one)
        if count in (2, 3):
            self.flags[two] = not self.flags.get(two)
        self.position += count
        return True

    def stars(self) -> bool:
        return self.toggle("*", "italic", "bold")

    def tildes(self) -> bool:
        return self.toggle("~", "subscript", "strike")

    def caret(self) -> bool:
        self.flags["superscript"] = not self.flags.get("superscript")
        self.position += 1
        return True

    def code(self) -> bool:
        text = self.text
        fence = re.match("`+", text[self.position:]).group(0)
        end = text.find(fence, self.position + len(fence))
        while end != -1 and text[end + len(fence):end + len(fence) + 1] == "`":
            end = text.find(fence, end + len(fence) + 1)
        if end == -1:
            raise MarkupError(f"the code that starts with {fence} is never closed with {fence}")
        content = text[self.position + len(fence):end]
        if content.startswith(" ") and content.endswith(" ") and content.strip():
            content = content[1:-1]
        self.add(_names_to_markers(content, self.found_names), code=True)
        self.position = end + len(fence)
        return True

    def formula(self) -> bool:
        text = self.text
        fence = "$$" if text.startswith("$$", self.position) else "$"
        end = text.find(fence, self.position + len(fence))
        if end == -1:
            raise MarkupError(f"the formula that starts with {fence} is never closed (write"
                              " '\\$' for a dollar sign)")
        tex = text[self.position + len(fence):end]
        if tex not in self.formulas:
            raise MarkupError(f"the formula {fence}{tex[:40]}{fence} is not in the English;"
                              " formulas are kept exactly as they are")
        self.found_formulas.append(tex)
        self.add(tex, math=self.formulas[tex])
        self.position = end + len(fence)
        return True

    def open_bracket(self) -> bool:
        self.spans.append(self.position)
        self.links.append(None)  # a span until its ']' says it is a link
        self.links_open_flags = dict(self.flags)
        self.runs.append(_SpanStart())
        self.position += 1
        return True

    def close_bracket(self) -> bool:
        if not self.spans:
            raise MarkupError("a ']' closes no '[': write '\\]' for a bracket that is text")
        text = self.text
        rest = text[self.position + 1:]
        span = _SPAN_END.match(text, self.position)
        if span:
            name = _SPAN_CLASSES.get(span.group(1))
            if name is None:
                raise MarkupError(f"'{{.{span.group(1)}}}' is not a mark deckbuild knows"
                                  " (.underline, .smallcaps, .mark)")
            self._close_span(**{name: True})
            self.position = span.end()
            return True
        if rest.startswith("("):
            end = _closing_paren(text, self.position + 1)
            if end == -1:
                raise MarkupError("a link's address is never closed with ')'")
            address = text[self.position + 2:end].strip()
            self._close_span(link=self._address(address))
            self.position = end + 1
            return True
        raise MarkupError("a '[' ... ']' is neither a link '[text](address)' nor a mark"
                          " '[text]{.underline}': write '\\[' and '\\]' for brackets")

    def _close_span(self, **style) -> None:
        """Give the runs since the matching '[' the span's formatting or link."""
        self.spans.pop()
        self.links.pop()
        start = max(i for i, r in enumerate(self.runs) if isinstance(r, _SpanStart))
        inner = self.runs[start + 1:]
        if "link" in style:
            self.found_links.append(style["link"])
            inner = [r if r.link else replace(r, link=style["link"]) for r in inner]
        else:
            inner = [replace(r, **style) for r in inner]
        self.runs[start:] = inner

    def _address(self, address: str) -> str:
        if address in self.addresses:
            return self.addresses[address]
        marked = _names_to_markers(address, self.found_names)
        if MARKED_NAME.search(marked):
            return marked
        checked, problem = normalise_url(address)
        if checked is None:
            raise MarkupError((problem or f"'{address[:60]}' is not an address") +
                              "; keep the English address or give a web, e-mail or phone"
                              " address")
        return checked

    def autolink(self) -> bool:
        match = _AUTOLINK.match(self.text, self.position)
        if not match:
            return False
        address = self._address(match.group(1))
        self.found_links.append(address)
        self.add(match.group(1) if address not in self.addresses.values() else
                 next(r.text for r in self.english if r.link == address), link=address)
        self.position = match.end()
        return True

    def name(self) -> bool:
        match = _NAME.match(self.text, self.position)
        if not match:
            return False
        self.found_names.append(match.group(1))
        self.add(marked_name(match.group(1)))
        self.position = match.end()
        return True

    def line_break(self) -> bool:
        self.add("\n")
        self.position += 1
        return True

    def compare(self) -> None:
        """Links, formulas and names: the translation keeps every one the English has."""
        english_links = [r.link for r in _link_groups(self.english)]
        english_formulas = [r.math.tex for r in self.english if r.math is not None]
        english_names = [name_of_marker(m.group(0)) for r in self.english
                         for m in MARKED_NAME.finditer(r.text + (r.link or ""))]
        for name in dict.fromkeys(english_names):
            if name not in self.found_names:
                raise MarkupError(f"the translation leaves out {{{{ {name} }}}}; keep it"
                                  " (it may move)")
        for name in self.found_names:
            if name not in english_names:
                raise MarkupError(f"{{{{ {name} }}}} is not in the English text; use only the"
                                  " names it has")
        if len(self.found_links) < len(english_links):
            missing = [a for a in english_links if a not in self.found_links] or english_links
            raise MarkupError(f"the translation leaves out the link to {_escape_names(missing[0])};"
                              " keep it as [words](address) (the words and their place may"
                              " change)")
        if len(self.found_links) > len(english_links):
            raise MarkupError(f"the translation has {len(self.found_links)} links and the English"
                              f" {len(english_links)}; keep the English links, no more")
        for tex in english_formulas:
            if tex not in self.found_formulas:
                raise MarkupError(f"the translation leaves out the formula ${tex[:40]}$; keep"
                                  " it as it is")


class _SpanStart(Run):
    """Where a '[' opened, among the runs read so far (removed when it closes)."""

    def __init__(self):
        super().__init__("")


def _closing_paren(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _names_to_markers(text: str, found: List[str]) -> str:
    def marker(match):
        found.append(match.group(1))
        return marked_name(match.group(1))
    return _NAME.sub(marker, text)


def _link_groups(text: Text) -> List[Run]:
    """One run per link as written (neighbouring runs with the same address are one link)."""
    groups: List[Run] = []
    previous = None
    for run in text:
        if run.link and run.link != previous:
            groups.append(run)
        if run.text != "\n":
            previous = run.link
    return groups
