"""Cutting the document into slides, by pandoc's rules.

The slide level is the highest heading level directly followed by content
(or `slide-level:` in the front matter; 0 means only `---` starts slides).
Headings above it make section slides, headings at it start slides, headings
below it stay in the body; a horizontal rule starts a slide without a title.

Pictures, tables and columns follow pandoc's PowerPoint writer, so decks
written for pandoc come out with the same slides: a picture ends its slide (a
picture after another picture or a table starts a new one), a table after a
picture or table starts a new slide, and columns take a slide of their own
unless they directly follow the slide's heading. Speaker notes right after any
of these stay with their slide.

Notes, columns, incremental lists and resource lists come from fenced divs.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, List, Optional, Sequence, Tuple

from ..errors import DeckError, Findings
from ..model import (Activity, Callout, Columns, Heading, Image, Layout, ListBlock, ListItem,
                     Meta, Paragraph, Pause, Quote, ResourceGroup, ResourceList, Run, Slide,
                     Source, Table, Text, on_slide, split_at_visual)
from . import quarto
from .items import BlockItem, BreakItem, DivItem, FootnotesItem, HeadingItem
from .runs import block_text, visible
from .trainer import TrainerReader, in_notes_error, time_attribute, trainer_kind

DEFAULT_TOC_TITLE = "Table of Contents"
DEFAULT_NOTES_TITLE = "Notes"


@dataclass
class _Draft:
    """A slide being collected; frozen into a `Slide` when the next one starts."""

    line: int
    title: Text = ()
    kind: str = "content"  # content | section | title
    blocks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    background: Optional[str] = None
    has_title: bool = False
    subtitle: Text = ()
    byline: tuple = ()
    date: tuple = ()  # the title slide's date
    heading: bool = False  # started by a heading: kept as a blank slide even when empty
    closed: bool = False  # a picture or columns ended it: only speaker notes may still join
    smaller: bool = False  # `{.smaller}`
    template_layout: str = ""  # `{layout="..."}`: a layout of the template, by its name
    background_colour: Optional[str] = None  # `background-color=`
    time: Optional[int] = None  # `{time=5m}`, in seconds


def title_slide_draft(meta: Meta, notes: Optional[str]) -> Optional[_Draft]:
    """The title slide the front matter asks for (a title, byline or `notes:`), or None."""
    if not (meta.title or meta.subtitle or meta.authors or meta.date or notes is not None):
        return None
    byline = [(Run(a),) for a in meta.authors]
    if meta.organization:
        byline.append((Run(meta.organization),))
    draft = _Draft(1, (Run(meta.title),) if meta.title else (), "title",
                   has_title=bool(meta.title),
                   subtitle=(Run(meta.subtitle),) if meta.subtitle else (),
                   byline=tuple(byline), date=(Run(meta.date),) if meta.date else ())
    if notes is not None:
        draft.notes.extend((Run(p.strip()),) for p in notes.split("\n\n") if p.strip())
    return draft


def slide_level(items: Sequence) -> int:
    """The highest heading level that is directly followed by content.

    A `::: resources` div makes slides of its own, so it is not content here.
    """
    level = None
    for index, item in enumerate(items):
        if not isinstance(item, HeadingItem):
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        if isinstance(following, BlockItem) or (
                isinstance(following, DivItem) and "resources" not in following.classes):
            level = item.level if level is None else min(level, item.level)
    if level is None:
        headings = [i.level for i in items if isinstance(i, HeadingItem)]
        level = min(headings) if headings else 1
    return level


class SlideBuilder:
    def __init__(self, path: str, findings: Findings, level: int, incremental: bool,
                 groups: Tuple[ResourceGroup, ...], region_name: str,
                 resolve_image: Callable[[str, str, int], Image]):
        self.path = path
        self.findings = findings
        self.level = level
        self.incremental = incremental
        self.groups = groups
        self.region_name = region_name
        self.resolve_image = resolve_image
        self.slides: List[Slide] = []
        self.current: Optional[_Draft] = None
        self.footnotes: Tuple[Text, ...] = ()
        self.first_line = 1
        self.trainer = TrainerReader(path, self.column_blocks)
        self.pending: list = []  # trainer's blocks before any slide: they join the first

    # -- building

    def build(self, items: Sequence, title_slide: Optional[_Draft], first_line: int,
              toc: bool, toc_depth: Optional[int] = None, toc_title: str = DEFAULT_TOC_TITLE,
              notes_title: str = DEFAULT_NOTES_TITLE) -> List[Slide]:
        self.current = title_slide
        self.first_line = first_line
        for item in items:
            self.item(item)
        self.flush()
        if self.pending and self.slides:
            first = self.slides[0]
            self.slides[0] = replace(first, blocks=tuple(self.pending) + first.blocks)
        if self.footnotes:
            self.slides.append(self.notes_slide(notes_title))
        if toc:
            at = 1 if self.slides and self.slides[0].layout is Layout.TITLE else 0
            depth = toc_depth if toc_depth is not None else max(self.level, 1)
            self.slides.insert(at, self.toc_slide(items, depth, toc_title))
        return self.slides

    def toc_slide(self, items, depth: int, title: str) -> Slide:
        """The agenda: sections and slide titles down to `depth`, nested as in the deck."""
        headings = [i for i in items if isinstance(i, HeadingItem) and i.level <= depth
                    and visible(i.text)]
        blocks = (_nested_list(headings),) if headings else ()
        return Slide(Layout.CONTENT if blocks else Layout.TITLE_ONLY, (Run(title),), blocks,
                     source=Source(self.path, self.first_line))

    def notes_slide(self, title: str) -> Slide:
        """pandoc's closing slide of footnotes: "1. text", one paragraph each."""
        blocks = tuple(Paragraph((Run(f"{number}. "),) + text)
                       for number, text in enumerate(self.footnotes, 1))
        return Slide(Layout.CONTENT, (Run(title),), blocks, source=Source(self.path,
                                                                           self.first_line))

    def item(self, item) -> None:
        if isinstance(item, HeadingItem):
            self.heading(item)
        elif isinstance(item, BreakItem):
            self.flush()
            self.current = _Draft(item.line)
        elif isinstance(item, FootnotesItem):
            self.footnotes = item.notes
        elif isinstance(item, DivItem):
            self.div(item)
        elif isinstance(item, BlockItem):
            self.add_block(item.block, quoted=item.quoted)

    def heading(self, item: HeadingItem) -> None:
        background = None
        image = item.attrs.get("background-image") or item.attrs.get("data-background-image")
        if image:
            background = self.resolve_image(image, "", item.line).path
        if self.level == 0:
            draft = self.current
            fresh = draft is not None and draft.kind == "content" and not draft.has_title \
                and not draft.blocks and not draft.closed
            if not fresh and (draft is None or draft.kind != "content" or draft.closed):
                self.flush()
                draft = self.current = _Draft(item.line)
                fresh = True
            if fresh:
                # Without a slide level, the heading a slide starts with is its title.
                draft.title, draft.has_title, draft.line = item.text, True, item.line
                draft.heading = True
                draft.background = background or draft.background
                self.slide_attributes(draft, item)
            else:
                self.add_block(Heading(item.text, item.level))
            return
        if item.level > self.level:
            if "time" in item.attrs:
                self.findings.warn("this heading is inside a slide, so its time is not counted;"
                                   " put {time=...} on the slide's own heading, or make this"
                                   " part an '::: activity' with a time", self.path, item.line,
                                   rule="time")
            self.add_block(Heading(item.text, item.level))
            return
        self.flush()
        self.current = _Draft(item.line, item.text, "section" if item.level < self.level
                              else "content", has_title=True, background=background,
                              heading=True)
        self.slide_attributes(self.current, item)

    def slide_attributes(self, draft: _Draft, item: HeadingItem) -> None:
        """Quarto's `{.smaller}` and `background-color=`, and `layout=` (a template layout
        by name) on a slide's heading; `{time=5m}`."""
        draft.time = time_attribute(item.attrs, self.path, item.line)
        classes = item.attrs.get("class", "").split()
        draft.smaller = draft.smaller or "smaller" in classes
        named = " ".join(str(item.attrs.get("layout", "")).split())
        draft.template_layout = named or draft.template_layout
        value = item.attrs.get("background-color") or item.attrs.get("data-background-color")
        if value:
            found = quarto.colour(value)
            if found is None:
                self.findings.warn(f"'{value}' is not a colour this deck knows; write it as"
                                   " #RRGGBB (for example #1F6F8B)", self.path, item.line,
                                   rule="background-color")
            draft.background_colour = found or draft.background_colour

    def div(self, item: DivItem) -> None:
        classes = set(item.classes)
        if "notes" in classes:
            self.draft(item.line).notes.extend(self.notes_of(item.items))
        elif trainer_kind(item.classes):
            self.trainer_div(item)
        elif quarto.callout_kind(item.classes):
            notes: list = []
            for block in self.callout(item, notes):
                self.add_block(block, item.line)
            self.draft(item.line).notes.extend(notes)
        elif quarto.column_count(item.attrs):
            notes = []
            shown = quarto.panels(self.column_blocks(item.items, notes),
                                  quarto.column_count(item.attrs))
            if len(shown) > 1:
                self.add_block(Columns(shown), item.line)
            else:
                for block in (shown[0] if shown else ()):
                    self.add_block(block, item.line)
            self.draft(item.line).notes.extend(notes)
        elif "columns" in classes:
            columns, notes = [], []  # notes join the columns' slide, which may be a new one
            widths = []
            for child in item.items:
                if isinstance(child, DivItem) and "column" in child.classes:
                    columns.append(tuple(self.column_blocks(child.items, notes)))
                    widths.append(quarto.width_share(child.attrs.get("width", "")))
                elif isinstance(child, DivItem) and "notes" in child.classes:
                    notes.extend(self.notes_of(child.items))
                else:  # outside any ':::: column': kept on the slide, not lost
                    self.findings.warn("this text is inside '::: columns' but outside every"
                                       " ':::: column'; it is shown above the columns",
                                       self.path, getattr(child, "line", 0) or item.line,
                                       rule="columns")
                    self.item(child)
            if len(columns) > 2:
                self.findings.warn(f"a slide shows two columns; the other {len(columns) - 2}"
                                   " were added to the second one", self.path, item.line,
                                   rule="columns")
                columns = [columns[0], tuple(b for c in columns[1:] for b in c)]
                widths = widths[:1] + [sum(widths[1:])]
            if columns:
                given = tuple(widths) if all(widths[:2]) and len(widths) >= 2 else ()
                self.add_block(Columns(tuple(columns), given[:2]), item.line)
            self.draft(item.line).notes.extend(notes)
        elif "resources" in classes:
            self.resources(item)
        elif (item.attrs.get("id") or "").startswith("fig-"):
            notes = []
            for block in quarto.figure(self.column_blocks(item.items, notes),
                                       item.attrs.get("label", "")):
                self.add_block(block, item.line)
            self.draft(item.line).notes.extend(notes)
        elif "incremental" in classes or "nonincremental" in classes:
            saved = self.incremental
            self.incremental = "incremental" in classes
            for child in item.items:
                self.item(child)
            self.incremental = saved
        else:
            for child in item.items:
                self.item(child)

    def trainer_div(self, item: DivItem) -> None:
        """An activity joins the slide's content; the other trainer's blocks join the slide
        without starting a new one (as speaker notes do)."""
        notes: list = []
        block = self.trainer.read(item, notes)
        if isinstance(block, Activity):
            if self.current is None or self.current.kind == "title":
                raise DeckError("this activity comes before the first slide: put it under the"
                                " heading of the slide it is run on ('## Title')", self.path,
                                item.line, rule="trainer-block")
            self.add_block(block, item.line)
        elif self.current is None:
            self.pending.append(block)
        else:
            self.current.blocks.append(block)
        if notes:
            self.draft(item.line).notes.extend(notes)

    def column_blocks(self, items, notes: list) -> list:
        blocks = []
        for child in items:
            if isinstance(child, BlockItem):
                blocks.append(self.mark_incremental(child.block, child.quoted))
            elif isinstance(child, HeadingItem):
                blocks.append(Heading(child.text, child.level))
            elif isinstance(child, DivItem) and "notes" in child.classes:
                notes.extend(self.notes_of(child.items))
            elif isinstance(child, DivItem) and trainer_kind(child.classes):
                blocks.append(self.trainer.read(child, notes))
            elif isinstance(child, DivItem) and quarto.callout_kind(child.classes):
                blocks.extend(self.callout(child, notes))
            elif isinstance(child, DivItem) and ("incremental" in child.classes or
                                                 "nonincremental" in child.classes):
                saved = self.incremental
                self.incremental = "incremental" in child.classes
                blocks.extend(self.column_blocks(child.items, notes))
                self.incremental = saved
            elif isinstance(child, DivItem):
                blocks.extend(self.column_blocks(child.items, notes))
        return blocks

    def callout(self, item: DivItem, notes: list) -> list:
        """A callout box: its `title=`, else a heading it starts with, else the kind's name.

        The box holds text: a picture or table in it is placed after the box (the text after
        it in a box of its own), with a warning, rather than left out.
        """
        items = list(item.items)
        title: Text = (Run(item.attrs["title"]),) if item.attrs.get("title") else ()
        if not title and items and isinstance(items[0], HeadingItem):
            title = items.pop(0).text
        kind = quarto.callout_kind(item.classes)
        out: list = []
        text: list = []
        for block in self.column_blocks(items, notes):
            if isinstance(block, (Image, Table)):
                if text or (title and not out):
                    out.append(Callout(kind, title if not out else (), tuple(text)))
                text = []
                out.append(block)
                what = "picture" if isinstance(block, Image) else "table"
                self.findings.warn(f"a {what} inside a callout is shown after the callout's box"
                                   " (the box holds text); put it outside the '::: callout'",
                                   self.path, item.line, rule="callout-content")
            else:
                text.append(block)
        if text or not out:
            out.append(Callout(kind, title if not any(isinstance(b, Callout) for b in out)
                               else (), tuple(text)))
        return out

    def notes_of(self, items) -> List[Text]:
        notes = []
        for child in items:
            if isinstance(child, BlockItem):
                block = child.block
                if isinstance(block, ListBlock):
                    for list_item in _flatten(block):
                        notes.append(list_item)
                else:
                    text = block_text(block)
                    if text:
                        notes.append(text)
            elif isinstance(child, HeadingItem):
                notes.append(child.text)
            elif isinstance(child, DivItem) and trainer_kind(child.classes):
                raise in_notes_error(child, self.path)
            elif isinstance(child, DivItem):
                notes.extend(self.notes_of(child.items))
        return notes

    def resources(self, item: DivItem) -> None:
        wanted = item.attrs.get("group")
        if not self.groups:
            raise DeckError("'::: resources' needs a region: add 'region: NAME' to the front"
                            " matter (a file source/regions/NAME.yaml) or build with --region",
                            self.path, item.line)
        groups = self.groups
        if wanted:
            groups = tuple(g for g in self.groups if g.title.lower() == wanted.lower())
            if not groups:
                names = ", ".join(f"'{g.title}'" for g in self.groups)
                raise DeckError(f"the region {self.region_name} has no resource group"
                                f" '{wanted}' (it has {names})", self.path, item.line)
        notes = self.notes_of([c for c in item.items if isinstance(c, DivItem)])
        if any(not isinstance(c, DivItem) for c in item.items):
            self.findings.warn("text inside '::: resources' is not shown: resource slides show"
                               " the region file's list (put notes in '::: notes')", self.path,
                               item.line, rule="resources-text")
        time = time_attribute(item.attrs, self.path, item.line)
        self.flush()
        for number, group in enumerate(groups):
            # `{.resources time=5m}` is the time of all its slides: the first carries it.
            self.slides.append(Slide(
                Layout.RESOURCES, (Run(group.title),), (ResourceList(group.title, group.items),),
                notes=tuple(notes), source=Source(self.path, item.line),
                time=time if number == 0 or time is None else 0))
        self.current = None

    def add_block(self, block, line: int = 0, quoted: bool = False) -> None:
        """Add a block to the slide being collected, starting a new one where pandoc does."""
        block = self.mark_incremental(block, quoted)
        draft = self.current
        if isinstance(block, Pause):
            if draft is not None and draft.kind not in ("section", "title") and \
                    not draft.closed:
                draft.blocks.append(block)  # else nothing on this slide follows it
            return
        if draft is None or draft.kind in ("section", "title") or draft.closed:
            self.flush()
            draft = self.current = _Draft(line or (draft.line if draft else self.first_line))
        if isinstance(block, (Image, Table)) and any(_is_visual(b) for b in draft.blocks):
            draft = self.next_draft(line)  # one picture or table, then another: a new slide
        elif isinstance(block, Columns) and draft.blocks:
            draft = self.next_draft(line)  # columns share a slide only with its heading
        draft.blocks.append(block)
        if isinstance(block, (Image, Columns)):
            draft.closed = True

    def next_draft(self, line: int) -> _Draft:
        previous = self.current
        self.flush()
        self.current = _Draft(line or previous.line)
        return self.current

    def mark_incremental(self, block, quoted: bool = False):
        """Lists follow the incremental setting; a list in a blockquote does the opposite."""
        if isinstance(block, ListBlock):
            return replace(block, incremental=self.incremental != quoted)
        return block

    def draft(self, line: int) -> _Draft:
        if self.current is None:
            self.current = _Draft(line)
        return self.current

    # -- freezing

    def flush(self) -> None:
        draft, self.current = self.current, None
        if draft is None:
            return
        slide = self.freeze(draft)
        if slide is not None:
            self.slides.append(slide)

    def freeze(self, draft: _Draft) -> Optional[Slide]:
        title = draft.title
        blocks = _without_idle_pauses(tuple(b for b in draft.blocks if not _blank_block(b)))
        notes = tuple(draft.notes)
        source = Source(self.path, draft.line)
        has_title = visible(title)
        if not has_title:
            title = ()
        if draft.kind == "title":
            # Only the trainer's blocks (materials, prep...) can join the title slide.
            return Slide(Layout.TITLE, title, blocks, notes, source, draft.background,
                         subtitle=draft.subtitle, byline=draft.byline, date=draft.date)
        if not has_title and not blocks and not notes and not draft.background:
            # Nothing to show: dropped, as pandoc does, unless a slide heading asked for it
            # (an empty `#` or one of non-breaking spaces is how pandoc writes a blank slide).
            if draft.heading and draft.kind == "content":
                return Slide(Layout.BLANK, (), (), (), source)
            return None
        extra = dict(smaller=draft.smaller, background_colour=draft.background_colour,
                     template_layout=draft.template_layout, time=draft.time)
        if draft.kind == "section":
            return Slide(Layout.SECTION, title, blocks, notes, source, draft.background, **extra)
        layout = choose_layout(has_title, tuple(b for b in on_slide(blocks)
                                                if not isinstance(b, Pause)))
        if layout in (Layout.TWO_CONTENT, Layout.COMPARISON, Layout.QUOTE):
            blocks = tuple(b for b in blocks if not isinstance(b, Pause))
        return Slide(layout, title, blocks, notes, source, draft.background, **extra)


def choose_layout(has_title: bool, blocks: tuple) -> Layout:
    """The layout pandoc would pick for these blocks (plus our quote and resource slides).

    Columns make "Two Content", or "Comparison" when a column has text followed by a
    picture or table (pandoc's rule): the text then sits above the picture, level
    with the other column's.
    """
    if not blocks:
        return Layout.TITLE_ONLY if has_title else Layout.BLANK
    if len(blocks) <= 3 and all(isinstance(b, Quote) for b in blocks):
        return Layout.QUOTE  # one quote, or a few set side by side as one statement
    if any(isinstance(b, ResourceList) for b in blocks):
        return Layout.RESOURCES
    if len(blocks) == 1 and isinstance(blocks[0], Columns) and len(blocks[0].columns) >= 2:
        if any(all(split_at_visual(c)) for c in blocks[0].columns[:2]):
            return Layout.COMPARISON
        return Layout.TWO_CONTENT
    return Layout.CONTENT


def _is_visual(block) -> bool:
    return isinstance(block, (Image, Table))


def _nested_list(headings: Sequence[HeadingItem]) -> ListBlock:
    """Headings as a bullet list, each heading under the last one above its level."""
    items: List[ListItem] = []
    index = 0
    while index < len(headings):
        heading = headings[index]
        end = index + 1
        while end < len(headings) and headings[end].level > heading.level:
            end += 1
        children = headings[index + 1:end]
        items.append(ListItem(heading.text, (_nested_list(children),) if children else ()))
        index = end
    return ListBlock(tuple(items))


def _flatten(block: ListBlock) -> List[Text]:
    texts = []
    for item in block.items:
        texts.append(item.text)
        texts.extend(item.continued)
        for child in item.children:
            texts.extend(_flatten(child))
    return texts


def _blank_block(block) -> bool:
    if isinstance(block, Paragraph):
        return not visible(block.text)
    if isinstance(block, Columns):
        return not any(block.columns)
    return False


def _without_idle_pauses(blocks: tuple) -> tuple:
    """Pauses with nothing after them on the slide, and repeated ones, go."""
    out = []
    for block in blocks:
        if isinstance(block, Pause) and out and isinstance(out[-1], Pause):
            continue
        out.append(block)
    while out and isinstance(out[-1], Pause):
        out.pop()
    return tuple(out)
