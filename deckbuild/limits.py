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

from .errors import DeckError

MAX_SLIDES = 1000
MAX_SOURCE_BYTES = 1024 * 1024

_SPLIT = ("so that a build takes seconds, not minutes: split it into parts (a file for each"
          " module or day) and build each")


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


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:,.1f} MB".replace(".0 MB", " MB")
