"""Stretches of text runs: trimmed, merged, flattened, cut; what the reader does to `Text`."""
from __future__ import annotations

import operator
import re
from dataclasses import fields, replace
from typing import List

from ..model import CodeBlock, Heading, Image, ListBlock, Paragraph, Quote, Run, Table, Text


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
            for more in item.continued:
                runs.append(Run("\n"))
                runs.extend(more)
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


def visible(text: Text) -> bool:
    """Whether the text shows anything (a non-breaking space shows nothing)."""
    return any(r.text.replace("\u00a0", " ").strip() for r in text)


def trimmed(text: Text) -> Text:
    """Drop leading and trailing white space (and line breaks) across runs."""
    runs = list(text)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = with_text(runs[0], runs[0].text.lstrip())
        runs[-1] = with_text(runs[-1], runs[-1].text.rstrip())
    return tuple(runs)


# Everything about a run but its text: runs alike in these are one run.
#: Everything a run says but its text: two runs format alike when these are equal.
formatting = operator.attrgetter(*(f.name for f in fields(Run) if f.name != "text"))
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def with_text(run: Run, text: str) -> Run:
    """The run with another text and the same formatting."""
    return run if run.text == text else replace(run, text=text)


def merged_runs(text: Text) -> Text:
    """Join neighbouring runs with the same formatting; turn soft line breaks into spaces."""
    merged: List[Run] = []
    for run in text:
        if run.text == "\n":
            merged.append(run)
            continue
        value = _SOFT_BREAK.sub(" ", run.text) if "\n" in run.text else run.text
        if merged and merged[-1].text != "\n" and formatting(merged[-1]) == formatting(run):
            merged[-1] = replace(merged[-1], text=merged[-1].text + value)
        elif value:
            merged.append(with_text(run, value))
    return tuple(merged)


def without_prefix(text: Text, count: int) -> Text:
    """The text without its first `count` characters (across runs)."""
    runs = []
    for run in text:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        runs.append(replace(run, text=run.text[count:]))
        count = 0
    return tuple(runs)
