"""pandoc's inline footnotes, `text^[the note itself]`.

Python-Markdown's footnotes extension knows only `[^label]` with a definition
elsewhere, so each inline note is rewritten into exactly that before the block
parser runs: a reference where the note was, and its definition at the end of
the document. Numbering, the closing "Notes" slide and speaker notes then work
as for every other footnote. Code spans and fenced code are left alone; a note
may run over several lines of its paragraph and hold brackets of its own.
"""
from __future__ import annotations

from typing import List, Optional

from markdown.preprocessors import Preprocessor

from .lines import code_lines

LABEL = "deckbuild-inline-{}"


class InlineNotes(Preprocessor):
    def run(self, lines: List[str]) -> List[str]:
        if not any("^[" in line for line in lines):
            return lines
        code = code_lines(lines)
        notes: List[str] = []
        out: List[str] = []
        index = 0
        while index < len(lines):
            if code[index] or "^[" not in lines[index]:
                out.append(lines[index])
                index += 1
                continue
            end = index  # the note may close on a later line of the same paragraph
            while end + 1 < len(lines) and lines[end + 1].strip() and not code[end + 1]:
                end += 1
            rewritten = _rewrite("\n".join(lines[index:end + 1]), notes).split("\n")
            out.extend(rewritten)
            # A note over several lines became one reference: blank lines after the
            # paragraph keep every later line where it was (warnings name lines).
            out.extend([""] * (end + 1 - index - len(rewritten)))
            index = end + 1
        if notes:
            out.append("")
            for number, note in enumerate(notes):
                out.append(f"[^{LABEL.format(number)}]: {note}")
        return out


def _rewrite(text: str, notes: List[str]) -> str:
    """The paragraph with its notes replaced by references (`notes` gets their text)."""
    out: List[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "`":
            run = _backticks(text, position)
            close = text.find("`" * run, position + run)
            while close != -1 and text[close + run:close + run + 1] == "`":
                close = text.find("`" * run, close + run + 1)
            if close == -1:
                out.append(text[position:position + run])
                position += run
                continue
            out.append(text[position:close + run])
            position = close + run
            continue
        if char == "\\" and position + 1 < len(text):
            out.append(text[position:position + 2])
            position += 2
            continue
        if text.startswith("^[", position):
            end = _closing_bracket(text, position + 1)
            if end is not None:
                note = " ".join(text[position + 2:end].split())
                notes.append(note)
                out.append(f"[^{LABEL.format(len(notes) - 1)}]")
                position = end + 1
                continue
        out.append(char)
        position += 1
    return "".join(out)


def _backticks(text: str, position: int) -> int:
    end = position
    while end < len(text) and text[end] == "`":
        end += 1
    return end - position


def _closing_bracket(text: str, start: int) -> Optional[int]:
    """The `]` that closes the `[` at `start`, brackets inside counted; None if none."""
    depth = 0
    position = start
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "`":
            run = _backticks(text, position)
            close = text.find("`" * run, position + run)
            position = close + run if close != -1 else position + run
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return None
