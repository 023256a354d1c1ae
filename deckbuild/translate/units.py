"""The translatable units of a deck, walked in reading order.

One walk serves both directions: `translate` collects the units it finds
(identity), and a build replaces each by its translation, so what is extracted
and what is applied can never disagree. A unit is a title, a paragraph, a list
item, a table cell or caption, a quote paragraph or attribution, a term or
definition, a callout title, a speaker-notes paragraph, a picture's description
or caption, the front matter's title, subtitle and organization (a translator keeps
a proper name as it is), and the region's group titles,
descriptions and hours. Code, formulas on their own, names and numbers are not
units: there is nothing in them to translate.

Each unit's context (msgctxt) is its slide's English title, so equal strings on
different slides are kept apart and a slide can move without losing anything; the
region's texts share one context per region. Its reference is the deck (or region
file) line it was found on.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Dict, List, Optional

from ..model import (CodeBlock, Deck, Image, Layout, Pause, Region, Resource, ResourceGroup,
                     ResourceList, Run, Slide, Text)
from ..read.substitute import MARKED_NAME
from .markup import to_markup

TITLE_CONTEXT = "title slide"


@dataclass(frozen=True)
class Unit:
    context: str
    msgid: str  # the English as markup (see markup.py)
    path: str  # the file the English is in
    line: int
    text: Text  # the English runs


Translator = Callable[[Text, Unit], Text]

_LETTER = re.compile(r"[^\W\d_]")


def translatable(text: Text) -> bool:
    """Whether a text has words of its own (not only names, numbers, code or addresses)."""
    for run in text:
        if run.code or run.math is not None or (run.link and run.text == run.link):
            continue
        if _LETTER.search(MARKED_NAME.sub("", run.text)):
            return True
    return False


class _Lines:
    """Finds the line a unit's English is on, searching on from the last one found."""

    WINDOW = 80  # lines searched for the unit itself before any line that has its start

    def __init__(self, path: str):
        self.path = path
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        lines = text.split("\n")
        self.keys = [_key(line) for line in lines]
        # The text of a `key: value` line (front matter, region files) on its own.
        self.values = [_key(_YAML_KEY.sub("", line, count=1)) for line in lines]
        self.cursor = 1

    def start(self, line: int) -> None:
        self.cursor = max(line, 1)

    def find(self, msgid: str) -> int:
        """The first line from the cursor that is the unit (as letters and digits), else
        that starts with it, else that has its start in it."""
        key = _key(msgid)
        if not key:
            return self.cursor
        near = min(len(self.keys), self.cursor + self.WINDOW)
        far = min(len(self.keys), self.cursor + 400)
        tests = ((near, lambda n: key in (_markup_free(self.keys[n]), self.values[n])),
                 (near, lambda n: _markup_free(self.keys[n]).startswith(key[:24])
                  or self.values[n].startswith(key[:24])),
                 (far, lambda n: key[:24] in self.keys[n]),
                 (far, lambda n: key[:10] in self.keys[n]))
        for end, test in tests:
            for number in range(self.cursor, end + 1):
                if test(number - 1):
                    self.cursor = number
                    return number
        return self.cursor


_YAML_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_-]+:\s+")


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _markup_free(key: str) -> str:
    """A line's letters without a list number in front ("1" of "1. Step")."""
    return key.lstrip("0123456789") or key


class DeckUnits:
    """Walks one deck's units; `map(translator)` returns the deck with each replaced."""

    def __init__(self, deck: Deck, skip_titles=()):
        self.deck = deck
        self.skip_titles = set(skip_titles)  # deckbuild's own titles ("Table of Contents")
        self.files: Dict[str, _Lines] = {}
        self.translator: Translator = lambda text, unit: text
        self.context = TITLE_CONTEXT
        self.path = deck.source.path
        self.found: List[Unit] = []

    def units(self) -> List[Unit]:
        """Every unit, in reading order (a unit met twice is listed twice)."""
        self.map(lambda text, unit: text)
        return self.found

    def map(self, translator: Translator) -> Deck:
        self.translator, self.found = translator, []
        deck = self.deck
        self.path, self.context = deck.source.path, TITLE_CONTEXT
        self.lines(self.path).start(1)
        meta = replace(deck.meta, title=self.string(deck.meta.title),
                       subtitle=self.string(deck.meta.subtitle),
                       organization=self.string(deck.meta.organization))
        contexts: Dict[str, int] = {}
        slides = []
        previous = TITLE_CONTEXT
        for slide in deck.slides:
            previous = self.slide_context(slide, previous, contexts)
            slides.append(self.slide(slide))
        region = self.region(deck.region) if deck.region is not None else None
        return replace(deck, meta=meta, slides=tuple(slides), region=region)

    # -- one unit

    def lines(self, path: str) -> _Lines:
        if path not in self.files:
            self.files[path] = _Lines(path)
        return self.files[path]

    def text(self, text: Text) -> Text:
        if not text or not translatable(text):
            return text
        msgid = to_markup(text)
        unit = Unit(self.context, msgid, self.path, self.lines(self.path).find(msgid), text)
        self.found.append(unit)
        return self.translator(text, unit)

    def string(self, value: Optional[str]) -> Optional[str]:
        if not value:
            return value
        return "".join(r.text for r in self.text((Run(value),)))

    # -- slides

    def slide_context(self, slide: Slide, previous: str, contexts: Dict[str, int]) -> str:
        if slide.layout is Layout.TITLE:
            context = TITLE_CONTEXT
        elif slide.layout is Layout.RESOURCES and self.deck.region is not None:
            context = self.region_context(self.deck.region)
        elif slide.title and translatable(slide.title):
            context = to_markup(slide.title).replace("\n", " ")
        else:
            context = f"{previous} / untitled slide"
        if slide.layout not in (Layout.TITLE, Layout.RESOURCES):
            contexts[context] = contexts.get(context, 0) + 1
            if contexts[context] > 1:
                context = f"{context} ({contexts[context]})"
        self.context = context
        return context

    def slide(self, slide: Slide) -> Slide:
        if slide.layout is Layout.RESOURCES and self.deck.region is not None:
            return self.resource_slide(slide)
        self.path = self.deck.source.path
        self.lines(self.path).start(slide.source.line)
        title = slide.title
        if "".join(r.text for r in title) not in self.skip_titles:
            title = self.text(title)
        changes = dict(title=title, subtitle=self.text(slide.subtitle),
                       blocks=self.blocks(slide.blocks),
                       notes=tuple(self.text(note) for note in slide.notes))
        if slide.layout is Layout.TITLE and self.deck.meta.organization:
            changes["byline"] = tuple(self.byline_line(line) for line in slide.byline)
        return replace(slide, **changes)

    def byline_line(self, line: Text) -> Text:
        """The organization's line of the title slide's byline; the authors are names."""
        if "".join(r.text for r in line) != self.deck.meta.organization:
            return line
        self.lines(self.path).start(1)  # it is in the front matter
        return self.text(line)

    def blocks(self, blocks) -> tuple:
        return tuple(self.block(block) for block in blocks)

    def block(self, block):
        """Any block: its texts in field order, its inner blocks walked (new kinds too)."""
        if isinstance(block, (CodeBlock, Pause)):
            return block
        if isinstance(block, ResourceList):
            return replace(block, group=self.region_string(block.group),
                           items=tuple(self.resource(r) for r in block.items))
        if isinstance(block, Image):
            caption = self.string(block.caption) if block.caption is not None else None
            return replace(block, alt=self.string(block.alt), caption=caption)
        if not dataclasses.is_dataclass(block):
            return block
        changes = {}
        for field in dataclasses.fields(block):
            value = getattr(block, field.name)
            new = self.value(value)
            if new is not value:
                changes[field.name] = new
        return replace(block, **changes) if changes else block

    def value(self, value):
        if isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.block(value)
        return value

    # -- the region

    def region_context(self, region: Region) -> str:
        return f"region {region.key}"

    def resource_slide(self, slide: Slide) -> Slide:
        title = tuple(replace(r, text=self.region_string(r.text)) for r in slide.title)
        blocks = self.blocks(slide.blocks)
        self.path = self.deck.source.path
        notes = tuple(self.text(note) for note in slide.notes)
        return replace(slide, title=title, blocks=blocks, notes=notes)

    def region(self, region: Region) -> Region:
        groups = []
        for group in region.groups:
            groups.append(self.group(region, group))
        return replace(region, groups=tuple(groups))

    def group(self, region: Region, group: ResourceGroup) -> ResourceGroup:
        self.lines(region.source.path).start(group.source.line or 1)
        return replace(group, title=self.region_string(group.title, restart=False),
                       items=tuple(self.resource(r, restart=False) for r in group.items))

    def region_string(self, value: str, restart: bool = True) -> str:
        region = self.deck.region
        saved = self.path, self.context
        self.path, self.context = region.source.path, self.region_context(region)
        if restart:
            group = next((g for g in region.groups if g.title == value), None)
            self.lines(self.path).start(group.source.line if group else 1)
        try:
            return self.string(value)
        finally:
            self.path, self.context = saved

    def resource(self, resource: Resource, restart: bool = True) -> Resource:
        region = self.deck.region
        saved = self.path, self.context
        self.path, self.context = region.source.path, self.region_context(region)
        lines = self.lines(self.path)
        if restart:
            lines.start(1)
        at = lines.find(resource.name)
        try:
            description = self.string(resource.description)
            lines.start(at)
            return replace(resource, description=description, hours=self.string(resource.hours))
        finally:
            self.path, self.context = saved
