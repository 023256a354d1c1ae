"""Cutting the document into slides, by pandoc's rules.

The slide level is the highest heading level directly followed by content
(or `slide-level:` in the front matter). Headings above it make section slides,
headings at it start slides, headings below it stay in the body; a horizontal
rule starts a slide without a title. Notes, columns, incremental lists and
resource lists come from fenced divs.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, List, Optional, Sequence, Tuple

from ..errors import DeckError, Findings
from ..model import (Columns, Heading, Image, Layout, ListBlock, Paragraph, Quote, ResourceGroup,
                     ResourceList, Run, Slide, Source, Table, Text, plain)
from .tree import BlockItem, BreakItem, DivItem, FootnotesItem, HeadingItem, block_text


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

    # -- building

    def build(self, items: Sequence, title_slide: Optional[_Draft], first_line: int,
              toc: bool) -> List[Slide]:
        self.current = title_slide
        if title_slide is not None:
            self.flush_later = True
        self.first_line = first_line
        toc_at = None
        if title_slide is not None and toc:
            toc_at = 1
        elif toc:
            toc_at = 0
        for item in items:
            self.item(item)
        self.flush()
        if self.footnotes:
            from ..model import ListBlock, ListItem
            notes = ListBlock(tuple(ListItem(t) for t in self.footnotes), ordered=True)
            self.slides.append(Slide(Layout.CONTENT, (Run("Notes"),), (notes,),
                                     source=Source(self.path, first_line)))
        if toc_at is not None:
            self.slides.insert(toc_at, self.toc_slide(items, first_line))
        return self.slides

    def toc_slide(self, items, line) -> Slide:
        from ..model import ListBlock, ListItem
        sections = [i.text for i in items if isinstance(i, HeadingItem)
                    and i.level < max(self.level, 2) and i.level <= self.level and
                    (i.level < self.level or self.level == 1) and plain(i.text).strip()]
        blocks = (ListBlock(tuple(ListItem(t) for t in sections)),) if sections else ()
        return Slide(Layout.CONTENT if blocks else Layout.TITLE_ONLY,
                     (Run("Table of Contents"),), blocks, source=Source(self.path, line))

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
            self.add_block(item.block)

    def heading(self, item: HeadingItem) -> None:
        background = None
        if "background-image" in item.attrs:
            background = self.resolve_image(item.attrs["background-image"], "", item.line).path
        if self.level == 0 or item.level > self.level:
            draft = self.draft(item.line)
            if self.level == 0 and not draft.has_title and not draft.blocks:
                draft.title, draft.has_title, draft.line = item.text, True, item.line
                draft.background = background or draft.background
            else:
                self.add_block(Heading(item.text, item.level))
            return
        self.flush()
        self.current = _Draft(item.line, item.text, "section" if item.level < self.level
                              else "content", has_title=True, background=background)

    def div(self, item: DivItem) -> None:
        classes = set(item.classes)
        if "notes" in classes:
            self.draft(item.line).notes.extend(self.notes_of(item.items))
        elif "columns" in classes:
            columns = []
            for child in item.items:
                if isinstance(child, DivItem) and "column" in child.classes:
                    columns.append(tuple(self.column_blocks(child.items)))
                elif isinstance(child, DivItem) and "notes" in child.classes:
                    self.draft(item.line).notes.extend(self.notes_of(child.items))
            columns = [c for c in columns]
            if columns:
                self.add_block(Columns(tuple(columns)), item.line)
        elif "resources" in classes:
            self.resources(item)
        elif "incremental" in classes or "nonincremental" in classes:
            saved = self.incremental
            self.incremental = "incremental" in classes
            for child in item.items:
                self.item(child)
            self.incremental = saved
        else:
            for child in item.items:
                self.item(child)

    def column_blocks(self, items) -> list:
        blocks = []
        for child in items:
            if isinstance(child, BlockItem):
                blocks.append(self.mark_incremental(child.block))
            elif isinstance(child, HeadingItem):
                blocks.append(Heading(child.text, child.level))
            elif isinstance(child, DivItem) and "notes" in child.classes:
                self.draft(child.line).notes.extend(self.notes_of(child.items))
            elif isinstance(child, DivItem):
                blocks.extend(self.column_blocks(child.items))
        return blocks

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
        self.flush()
        for group in groups:
            self.slides.append(Slide(
                Layout.RESOURCES, (Run(group.title),), (ResourceList(group.title, group.items),),
                notes=tuple(notes), source=Source(self.path, item.line)))
        self.current = None

    def add_block(self, block, line: int = 0) -> None:
        draft = self.current
        if draft is None or draft.kind in ("section", "title"):
            self.flush()
            draft = self.current = _Draft(line or (draft.line if draft else self.first_line))
        draft.blocks.append(self.mark_incremental(block))

    def mark_incremental(self, block):
        if isinstance(block, ListBlock) and self.incremental:
            return replace(block, incremental=True)
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
        blocks = tuple(b for b in draft.blocks if not _blank_block(b))
        notes = tuple(draft.notes)
        source = Source(self.path, draft.line)
        has_title = bool(plain(title).replace("\u00a0", " ").strip())
        if not has_title:
            title = ()
        if draft.kind == "title":
            return Slide(Layout.TITLE, title, (), notes, source, draft.background,
                         subtitle=draft.subtitle, byline=draft.byline)
        if not has_title and not blocks and not notes and not draft.background:
            return None  # an empty slide: pandoc drops these too
        if draft.kind == "section":
            return Slide(Layout.SECTION, title, blocks, notes, source, draft.background)
        layout = choose_layout(has_title, blocks)
        column_headings = ()
        if layout is Layout.COMPARISON:
            column_headings = tuple(c[0].text for c in blocks[0].columns)
            blocks = (Columns(tuple(tuple(c[1:]) for c in blocks[0].columns)),)
        return Slide(layout, title, blocks, notes, source, draft.background,
                     column_headings=column_headings)


def choose_layout(has_title: bool, blocks: tuple) -> Layout:
    if not blocks:
        return Layout.TITLE_ONLY if has_title else Layout.BLANK
    if len(blocks) == 1 and isinstance(blocks[0], Quote):
        return Layout.QUOTE
    if any(isinstance(b, ResourceList) for b in blocks):
        return Layout.RESOURCES
    if len(blocks) == 1 and isinstance(blocks[0], Columns) and len(blocks[0].columns) >= 2:
        columns = blocks[0].columns
        if all(c and isinstance(c[0], Heading) and len(c) > 1 for c in columns[:2]):
            return Layout.COMPARISON
        return Layout.TWO_CONTENT
    return Layout.CONTENT


def _flatten(block: ListBlock) -> List[Text]:
    texts = []
    for item in block.items:
        texts.append(item.text)
        for child in item.children:
            texts.extend(_flatten(child))
    return texts


def _blank_block(block) -> bool:
    if isinstance(block, Paragraph):
        return not plain(block.text).replace("\u00a0", " ").strip()
    if isinstance(block, Columns):
        return not any(block.columns)
    return False
