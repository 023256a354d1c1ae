"""How large a deck one build takes on: larger ones are refused before anything is built.

A build's work grows with the deck (every slide is drawn three times: in the
deck, the handout and the facilitator guide), and a trainer waits for it. The
limits are what builds in under 10 seconds on a small machine (2 cores, all
three outputs; docs/performance.md has the figures), so that a deck at the
limit is still a quick build and one far over it (a 20 MB file, 28,000 slides)
is told at once what to do rather than left waiting for minutes. `deckbuild
check` reads decks of any size up to the reader's own limit (read.textfile).
"""
from __future__ import annotations

import os
import re
from typing import List

from .errors import DeckError

MAX_SLIDES = 600
MAX_SOURCE_BYTES = 384 * 1024

_SPLIT = ("so that a build takes seconds, not minutes: split it into parts (a file for each"
          " module or day) and build each, or build it as it is with"
          " 'deckbuild build --no-limits' (it takes minutes)")


def check_source_size(path, size: int) -> None:
    """Refuse a deck file over `MAX_SOURCE_BYTES` (before it is read)."""
    if size > MAX_SOURCE_BYTES:
        limit = _megabytes(MAX_SOURCE_BYTES)
        shown = _megabytes(size)
        raise DeckError(f"this deck is {'over ' if shown == limit else ''}{shown};"
                        f" deckbuild builds decks of up to"
                        f" {limit} (about {MAX_SLIDES:,} slides) at a"
                        f" time, {_SPLIT}", os.fspath(path))


def check_slide_count(path, slides: int) -> None:
    """Refuse a deck of over `MAX_SLIDES` slides (read, not yet laid out or drawn)."""
    if slides > MAX_SLIDES:
        raise DeckError(f"this deck has {slides:,} slides; deckbuild builds decks of up to"
                        f" {MAX_SLIDES:,} slides at a time, {_SPLIT}", os.fspath(path))


def check_slide_headings(path, text: str) -> None:
    """Refuse, before it is read, a deck whose headings alone make far more than
    `MAX_SLIDES` slides: reading 40,000 short slides (600 KB) takes a minute before
    `check_slide_count` could say so. Twice the limit, as the quick count may be off a
    little; a deck between the two is refused once read."""
    headings = slide_headings(text)
    if headings > 2 * MAX_SLIDES:
        raise DeckError(f"this deck has {headings:,} slide headings; deckbuild builds decks of"
                        f" up to {MAX_SLIDES:,} slides at a time, {_SPLIT}", os.fspath(path))
# A slide heading, as the reader sees one: '#'s, a space, some text (at the line's start).
_HEADING = re.compile(r"(#{1,6})[ \t]+\S")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def slide_headings(text: str) -> int:
    """A quick count, before the deck is read, of the headings that start slides.

    Headings in code, comments and `:::` blocks are left out, and only those at or above
    the slide level the reader would find (the highest heading level followed by
    something other than a heading) are counted, so the count is at most the slides the
    deck makes, give or take an odd heading; `check_slide_headings` allows for that.
    A deck that sets `slide-level` is not counted (0: its headings need not start slides).
    """
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        front = text[:end] if end > 0 else ""
        if re.search(r"(?m)^\s*slide-level\s*:", front):
            return 0
        body = text[end + 4:] if end > 0 else text
    headings: List[List[int]] = []  # [level, followed by content]
    fence, divs, comment = "", 0, False
    for line in body.split("\n"):
        if fence:
            if line.lstrip(" ").startswith(fence):
                fence = ""
            continue
        if comment:
            comment = "-->" not in line
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            continue
        if line.startswith(":::"):
            divs = divs + 1 if line.strip(": \t") else max(divs - 1, 0)
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            comment = True
            continue
        if divs or not line.strip():
            continue
        heading = _HEADING.match(line)
        if headings and not headings[-1][1] and heading is None:
            headings[-1][1] = 1
        if heading:
            headings.append([len(heading.group(1)), 0])
    if not headings:
        return 0
    followed = [level for level, content in headings if content]
    level = min(followed) if followed else min(level for level, _ in headings)
    return sum(1 for found, _ in headings if found <= level)


def _megabytes(size: int) -> str:
    """The size as a trainer's file manager says it: KB below 1 MB, else MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:,.1f} MB".replace(".0 MB", " MB")
