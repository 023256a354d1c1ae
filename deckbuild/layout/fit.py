"""Making every slide's text fit, before anything is rendered.

Sizes go down step by step to a floor (body 18 pt, quotes 20 pt). What still
does not fit is continued on a new slide with the same title and
"(continued)" (`overflow: split`, the default), set smaller with a warning
(`overflow: shrink`), or stops the build (`overflow: error`). The chosen sizes
are written into the model, so the deck and the handout set the same text.
"""
from __future__ import annotations

from dataclasses import replace
from typing import List, Sequence

from ..errors import DeckError, Findings
from ..model import (Deck, Layout, ListBlock, Quote, ResourceList, Run, Slide, plain)
from .geometry import Geometry, geometry_for
from .plan import plan_slide, title_fits

STEP = 2.0
SHRINK_LIMIT = 10.0
CONTINUED = " (continued)"


def fit_deck(deck: Deck, findings: Findings, geometry: Geometry = None) -> Deck:
    geometry = geometry or geometry_for(deck.theme)
    slides: List[Slide] = []
    for slide in deck.slides:
        slides.extend(fit_slide(slide, geometry, deck.overflow, findings))
    return replace(deck, slides=tuple(slides))


def fit_slide(slide: Slide, geometry: Geometry, overflow: str, findings: Findings) -> List[Slide]:
    slide = _fit_title(slide, geometry, findings)
    sizes = geometry.sizes
    start, floor = (sizes.quote, sizes.quote_floor) if slide.layout is Layout.QUOTE else \
        (sizes.body, sizes.body_floor)
    fitted = _largest_fitting(slide, geometry, start, floor)
    if fitted is not None:
        return [fitted]
    where = dict(path=slide.source.path, line=slide.source.line)
    name = plain(slide.title) or "this slide"
    if overflow == "error":
        raise DeckError(f"the text of '{name}' does not fit on the slide even at {floor:g} pt;"
                        " shorten it, split it with '---', or set 'overflow: split'", **where)
    if overflow == "split" and slide.layout in (Layout.CONTENT, Layout.RESOURCES):
        parts = _split(slide, geometry, floor)
        if len(parts) > 1:
            findings.warn(f"the text of '{name}' does not fit on one slide; it continues on"
                          f" {len(parts) - 1} more slide{'s' if len(parts) > 2 else ''}",
                          rule="overflow-split", **where)
            result = []
            for part in parts:
                result.extend(fit_slide(part, geometry, "shrink", findings))
            return result
    size = floor - 1
    while size > SHRINK_LIMIT:
        candidate = replace(slide, body_size=size)
        if plan_slide(candidate, geometry).fits:
            break
        size -= 1
    findings.warn(f"the text of '{name}' does not fit at {floor:g} pt; it was set at {size:g} pt"
                  " (shorten it or split the slide with '---')", rule="overflow-shrink", **where)
    return [replace(slide, body_size=size)]


def _fit_title(slide: Slide, geometry: Geometry, findings: Findings) -> Slide:
    box = geometry.box(slide.layout, "title")
    if box is None or not slide.title:
        return slide
    sizes = geometry.sizes
    size = sizes.title_for(slide.layout)
    while size > sizes.title_floor and not title_fits(slide.title, box, size):
        size -= STEP
    if not title_fits(slide.title, box, size):
        findings.warn(f"the title '{plain(slide.title)[:50]}' is too long for the title area;"
                      " shorten it", slide.source.path, slide.source.line, rule="long-title")
    return replace(slide, title_size=size)


def _largest_fitting(slide: Slide, geometry: Geometry, start: float, floor: float):
    size = start
    while size >= floor:
        candidate = replace(slide, body_size=size)
        if plan_slide(candidate, geometry).fits:
            return candidate
        size -= STEP
    return None


def _units(blocks: Sequence) -> List[tuple]:
    """The pieces a slide may be cut between: blocks, list items, resource entries."""
    units = []
    for index, block in enumerate(blocks):
        if isinstance(block, ListBlock) and len(block.items) > 1:
            for position, item in enumerate(block.items):
                units.append(("list", index, replace(block, items=(item,),
                                                     start=block.start + position)))
        elif isinstance(block, ResourceList) and len(block.items) > 1:
            for item in block.items:
                units.append(("resources", index, replace(block, items=(item,))))
        elif isinstance(block, Quote) and len(block.paragraphs) > 2:
            for paragraph in block.paragraphs:
                units.append(("quote", index, Quote((paragraph,))))
            if block.attribution:
                units[-1] = ("quote", index, Quote(units[-1][2].paragraphs, block.attribution))
        else:
            units.append(("block", index, block))
    return units


def _join(units: Sequence[tuple]) -> tuple:
    """Units back into blocks, merging neighbours that came from the same block."""
    blocks = []
    previous = None
    for kind, index, block in units:
        if previous == (kind, index) and kind == "list":
            last = blocks[-1]
            blocks[-1] = replace(last, items=last.items + block.items)
        elif previous == (kind, index) and kind == "resources":
            last = blocks[-1]
            blocks[-1] = replace(last, items=last.items + block.items)
        elif previous == (kind, index) and kind == "quote":
            last = blocks[-1]
            blocks[-1] = Quote(last.paragraphs + block.paragraphs, block.attribution)
        else:
            blocks.append(block)
        previous = (kind, index)
    return tuple(blocks)


def _split(slide: Slide, geometry: Geometry, floor: float) -> List[Slide]:
    units = _units(slide.blocks)
    parts: List[list] = [[]]
    for unit in units:
        trial = parts[-1] + [unit]
        candidate = replace(slide, blocks=_join(trial), body_size=floor)
        if parts[-1] and not plan_slide(candidate, geometry).fits:
            parts.append([unit])
        else:
            parts[-1] = trial
    slides = []
    for number, part in enumerate(parts):
        title = slide.title
        if number:
            title = tuple(slide.title) + (Run(CONTINUED),) if slide.title else (Run("(continued)"),)
        slides.append(replace(slide, title=title, blocks=_join(part), continued=number > 0,
                              notes=slide.notes if number == 0 else ()))
    return slides
