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
from ..i18n import words_for
from ..model import (Deck, Heading, Layout, ListBlock, Quote, ResourceList, Run, Slide, Table,
                     plain)
from .geometry import Geometry, geometry_for
from .plan import body_start, plan_slide, title_fits

STEP = 2.0
SHRINK_LIMIT = 10.0
CONTINUED = " (continued)"
SPLITTABLE = (Layout.CONTENT, Layout.RESOURCES)  # a column layout or a quote is not cut


def fit_deck(deck: Deck, findings: Findings, geometry: Geometry = None,
             keep_going: bool = False) -> Deck:
    """Every slide fitted. With `keep_going` (for `deckbuild check`), a slide that stops
    the build under `overflow: error` is recorded as an error and the rest are fitted."""
    geometry = geometry or geometry_for(deck.theme)
    continued = words_for(deck.meta.lang).text("(continued)")
    slides: List[Slide] = []
    for slide in deck.slides:
        try:
            slides.extend(fit_slide(slide, geometry, deck.overflow, findings, continued))
        except DeckError as exc:
            if not keep_going:
                raise
            findings.error(exc.message, exc.path, exc.line, rule=exc.rule)
            slides.extend(fit_slide(slide, geometry, "shrink", Findings(), continued))
    return replace(deck, slides=tuple(slides))


def fit_slide(slide: Slide, geometry: Geometry, overflow: str, findings: Findings,
              continued: str = CONTINUED.strip()) -> List[Slide]:
    """`slide` at the largest sizes that fit, or cut into parts that do, or shrunk;
    `continued` is "(continued)" in the deck's language."""
    slide = _fit_title(slide, geometry, findings)
    start, floor = body_range(slide.layout, geometry.sizes)
    if slide.smaller:  # Quarto's `{.smaller}`: the text starts smaller
        start = max(floor, round(start * SMALLER / STEP) * STEP)
    fitted = _largest_fitting(slide, geometry, start, floor)
    if fitted is not None:
        return [fitted]
    where = dict(path=slide.source.path, line=slide.source.line)
    name = _name(slide)
    if overflow == "error":
        raise DeckError(f"the text of '{name}' does not fit on the slide even at {floor:g} pt;"
                        " shorten it, split it with '---', or set 'overflow: split'", **where,
                        rule="overflow-error")
    if overflow == "split" and slide.layout in SPLITTABLE:
        parts = split_slide(slide, geometry, start, floor, continued)
        if len(parts) > 1:
            findings.warn(f"the text of '{name}' does not fit on one slide; it continues on"
                          f" {len(parts) - 1} more slide{'s' if len(parts) > 2 else ''}",
                          rule="overflow-split", **where)
            parts = [_fit_title(part, geometry, findings) for part in parts]
            return [_shrink(part, geometry, floor, findings) if not _fits(part, geometry)
                    else part for part in parts]
    return [_shrink(slide, geometry, floor, findings)]


SMALLER = 0.8  # `{.smaller}`: the body text starts at this share of its usual size


def body_range(layout: Layout, sizes) -> tuple:
    """(start, floor): the sizes a slide's body text is tried at, largest first."""
    start = body_start(layout, sizes)
    floor = sizes.quote_floor if layout is Layout.QUOTE else sizes.body_floor
    return start, min(floor, start)


def _name(slide: Slide) -> str:
    return plain(slide.title)[:60] or "this slide"


def _fits(slide: Slide, geometry: Geometry) -> bool:
    return plan_slide(slide, geometry).fits


def _shrink(slide: Slide, geometry: Geometry, floor: float, findings: Findings) -> Slide:
    """Below the floor, a point at a time: `overflow: shrink`, or a part too big to cut."""
    size = floor - 1
    # Smaller text never takes more room: what does not fit at the smallest size fits at
    # none, and is not laid out at each size on the way (a 1,000,000-letter word was).
    if not _fits(replace(slide, body_size=SHRINK_LIMIT), geometry):
        size = SHRINK_LIMIT
    while size > SHRINK_LIMIT and not _fits(replace(slide, body_size=size), geometry):
        size -= 1
    where = dict(path=slide.source.path, line=slide.source.line)
    if _fits(replace(slide, body_size=size), geometry):
        findings.warn(f"the text of '{_name(slide)}' does not fit at {floor:g} pt; it was set at"
                      f" {size:g} pt (shorten it or split the slide with '---')",
                      rule="overflow-shrink", **where)
    else:
        findings.warn(f"the text of '{_name(slide)}' does not fit on the slide even at"
                      f" {size:g} pt; it runs past the bottom of its box. Shorten it or split the"
                      " slide with '---'", rule="overflow-shrink", **where)
    return replace(slide, body_size=size)


def _fit_title(slide: Slide, geometry: Geometry, findings: Findings) -> Slide:
    geometry = geometry.for_slide(slide)
    box = geometry.box(slide.layout, "title")
    if box is None or not slide.title:
        return slide
    sizes = geometry.sizes
    style = geometry.style(slide.layout, "title")

    def fits(size: float, whole_words: bool = False) -> bool:
        return title_fits(slide.title, box, size, style.caps, style.font, style.title_bold(),
                          whole_words)

    size = sizes.title_for(slide.layout)
    # The largest size at which no word is broken; if every size breaks one (a word
    # wider than the box), the largest that fits.
    while size > sizes.title_floor and not fits(size, whole_words=True):
        size -= STEP
    if not fits(size, whole_words=True):
        size = sizes.title_for(slide.layout)
        while size > sizes.title_floor and not fits(size):
            size -= STEP
    if not fits(size):
        findings.warn(f"the title '{plain(slide.title)[:50]}' is too long for the title area;"
                      " shorten it", slide.source.path, slide.source.line, rule="long-title")
    return replace(slide, title_size=size)


def _largest_fitting(slide: Slide, geometry: Geometry, start: float, floor: float):
    """The slide at the largest size that fits without breaking a word; failing that (a
    word wider than its box at every size), at the largest size that fits."""
    fitting = None
    size = start
    while size >= floor:
        candidate = replace(slide, body_size=size)
        plan = plan_slide(candidate, geometry)
        if plan.fits:
            if plan.whole_words:
                return candidate
            fitting = fitting or candidate
        size -= STEP
    return fitting


def _units(blocks: Sequence) -> List[tuple]:
    """The pieces a slide may be cut between: blocks, list items, resource entries, table rows."""
    units = []
    for index, block in enumerate(blocks):
        if isinstance(block, ListBlock) and len(block.items) > 1:
            for position, item in enumerate(block.items):
                units.append(("list", index, replace(block, items=(item,),
                                                     start=block.start + position)))
        elif isinstance(block, ResourceList) and len(block.items) > 1:
            for item in block.items:
                units.append(("resources", index, replace(block, items=(item,))))
        elif isinstance(block, Table) and len(block.rows) > 1:
            for row in block.rows:  # every part repeats the header row
                units.append(("table", index, replace(block, rows=(row,))))
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
        if previous == (kind, index) and kind in ("list", "resources"):
            blocks[-1] = replace(blocks[-1], items=blocks[-1].items + block.items)
        elif previous == (kind, index) and kind == "table":
            blocks[-1] = replace(blocks[-1], rows=blocks[-1].rows + block.rows)
        elif previous == (kind, index) and kind == "quote":
            blocks[-1] = Quote(blocks[-1].paragraphs + block.paragraphs, block.attribution)
        else:
            blocks.append(block)
        previous = (kind, index)
    return tuple(blocks)


def _pack(slide: Slide, geometry: Geometry, units: Sequence[tuple], size: float) -> List[list]:
    """Units onto as few parts as fit at `size`, in order; a heading goes with what follows."""
    parts: List[list] = [[]]
    for unit in units:
        trial = parts[-1] + [unit]
        if parts[-1] and not _fits(replace(slide, blocks=_join(trial), body_size=size), geometry):
            carried = []
            while len(parts[-1]) > 1 and isinstance(parts[-1][-1][2], Heading):
                carried.insert(0, parts[-1].pop())
            parts.append(carried + [unit])
        else:
            parts[-1] = trial
    return parts


def split_slide(slide: Slide, geometry: Geometry, start: float, floor: float,
                continued: str = CONTINUED.strip()) -> List[Slide]:
    """`slide` cut into the fewest parts that fit at the floor, all set at the largest size
    that still needs no more parts; every part after the first is titled "(continued)"."""
    units = _units(slide.blocks)
    parts = _pack(slide, geometry, units, floor)
    size = floor
    candidate = start
    while candidate > floor:
        trial = _pack(slide, geometry, units, candidate)
        if len(trial) == len(parts) and all(
                _fits(replace(slide, blocks=_join(p), body_size=candidate), geometry)
                for p in trial):
            parts, size = trial, candidate
            break
        candidate -= STEP
    slides = []
    for number, part in enumerate(parts):
        title = slide.title
        if number:
            title = tuple(slide.title) + (Run(" " + continued),) if slide.title else \
                (Run(continued),)
        slides.append(replace(slide, title=title, blocks=_join(part), continued=number > 0,
                              notes=slide.notes if number == 0 else (), body_size=size))
    return slides
