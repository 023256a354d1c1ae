"""Text that would take Python-Markdown quadratic time, made harmless before it looks.

Two kinds of pasted garbage took minutes to read (issue 13):

- `[` that closes nowhere (20,000 of them: 88 s). For every `[`, Python-Markdown's
  link patterns look ahead through the rest of the paragraph for its `]`
  (Python-Markdown#798). A `[` with no `]` after it in its paragraph can never
  start a link; nor, here, can one nested more than 32 deep (with its `]`).
- `<` that starts a tag which never ends (30,000 `<div `: 124 s). For every `<`
  and a tag name, the standard library's HTML parser (which Python-Markdown
  feeds the whole text) looks ahead for the `>` that ends the tag. A `<` whose
  next `>` comes after another `<`, or which has no `>` after it, is not a tag
  that any reader would take for one.

Before the HTML parser runs, such characters are swapped for private markers
(which the file reader never lets through from a file), so that neither looks at
them; right after the HTML parser (`<`) and after the inline patterns (`[`, `]`),
they are put back. What the trainer typed is what the slide shows, as before:
only the time changes, from quadratic to linear.
"""
from __future__ import annotations

import re
from typing import List

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

LONE_LT = "\ue004"  # a '<' that cannot start a tag
LONE_OPEN = "\ue005"  # a '[' that closes nowhere, or nests too deep
LONE_CLOSE = "\ue006"  # the ']' of a '[' that nests too deep
MAX_NESTING = 32
_RESTORE_LT = str.maketrans({LONE_LT: "<"})
_RESTORE_BRACKETS = str.maketrans({LONE_OPEN: "[", LONE_CLOSE: "]"})
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def neutralise(text: str) -> str:
    """`text` with lone brackets and tag starts swapped for markers (same length)."""
    if "[" in text:
        text = "".join(_brackets(part) for part in _split_paragraphs(text))
    if "<" in text:
        text = _lone_tag_starts(text)
    return text


def _split_paragraphs(text: str) -> List[str]:
    """Pieces of `text` that end after each blank line (joined, they are `text`)."""
    pieces, start = [], 0
    for match in _PARAGRAPHS.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _brackets(text: str) -> str:
    if "[" not in text:
        return text
    chars = None
    open_at: List[int] = []  # positions of the `[` still open
    deep: List[bool] = []  # whether each was swapped for nesting too deep
    for match in re.finditer(r"\\.|[\[\]]", text):
        if match.group()[0] == "\\":
            continue  # an escaped character is no bracket
        at = match.start()
        if match.group() == "[":
            too_deep = len(open_at) >= MAX_NESTING
            if too_deep:
                chars = chars if chars is not None else list(text)
                chars[at] = LONE_OPEN
            open_at.append(at)
            deep.append(too_deep)
        elif open_at:
            open_at.pop()
            if deep.pop():
                chars = chars if chars is not None else list(text)
                chars[at] = LONE_CLOSE
    if not open_at:
        return text if chars is None else "".join(chars)
    chars = chars if chars is not None else list(text)
    for at in open_at:  # closed nowhere in its paragraph
        chars[at] = LONE_OPEN
    return "".join(chars)


def _lone_tag_starts(text: str) -> str:
    """Swap each `<` + name whose tag cannot end: no `>` before the next `<`.

    One pass from the end over every `<` and `>` finds, for each `<`, the next of
    each (looking ahead from each `<` in turn would be quadratic again).
    """
    if not _TAG_START.search(text):
        return text
    marks = [(m.start(), m.group()) for m in re.finditer("[<>]", text)]
    next_gt, next_lt = -1, -1
    chars = None
    for at, mark in reversed(marks):
        if mark == ">":
            next_gt = at
            continue
        if _TAG_START.match(text, at) and (
                next_gt == -1 or (next_lt != -1 and next_lt < next_gt and
                                  not _quoted_lt(text, at, next_lt))):
            chars = chars if chars is not None else list(text)
            chars[at] = LONE_LT
        next_lt = at
    return text if chars is None else "".join(chars)


def _quoted_lt(text: str, start: int, lt: int) -> bool:
    """Whether the `<` at `lt` is inside a quoted attribute value of the tag at `start`."""
    between = text[start:lt]
    return between.count('"') % 2 == 1 or between.count("'") % 2 == 1


class NeutralisePass(Preprocessor):
    """Before the HTML parser: lone `[` and tag starts become markers."""

    def run(self, lines: List[str]) -> List[str]:
        text = "\n".join(lines)
        if "[" not in text and "<" not in text:
            return lines
        return neutralise(text).split("\n")


class RestoreTagStarts(Preprocessor):
    """Right after the HTML parser: the markers for `<` are `<` again."""

    def run(self, lines: List[str]) -> List[str]:
        stash = self.md.htmlStash
        stash.rawHtmlBlocks = [block.translate(_RESTORE_LT) if isinstance(block, str)
                               else block for block in stash.rawHtmlBlocks]
        return [line.translate(_RESTORE_LT) for line in lines]


class RestoreBrackets(Treeprocessor):
    """After the inline patterns: the bracket markers are brackets again, everywhere."""

    def run(self, root):
        for element in root.iter():
            if element.text and LONE_OPEN in element.text or \
                    element.text and LONE_CLOSE in element.text:
                element.text = _restored(element.text)
            if element.tail and (LONE_OPEN in element.tail or LONE_CLOSE in element.tail):
                element.tail = _restored(element.tail)
            for key, value in element.attrib.items():
                if LONE_OPEN in value or LONE_CLOSE in value:
                    element.set(key, value.translate(_RESTORE_BRACKETS))
        stash = self.md.htmlStash
        stash.rawHtmlBlocks = [block.translate(_RESTORE_BRACKETS) if isinstance(block, str)
                               else block for block in stash.rawHtmlBlocks]
        return None


def _restored(text: str) -> str:
    """The text with brackets back, keeping Python-Markdown's AtomicString (code) kind."""
    return type(text)(text.translate(_RESTORE_BRACKETS)) if type(text) is not str \
        else text.translate(_RESTORE_BRACKETS)


def register(md) -> None:
    """Install the three passes around Python-Markdown's HTML parser and inline patterns."""
    md.preprocessors.register(NeutralisePass(md), "deckbuild_neutralise", 26)
    md.preprocessors.register(RestoreTagStarts(md), "deckbuild_restore_tags", 19)
    md.treeprocessors.register(RestoreBrackets(md), "deckbuild_restore_brackets", 19)
