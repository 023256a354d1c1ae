"""The trainer's divs: activities, audience blocks, materials, prep and debriefs.

- `::: {.activity title="..." time=10m}`: something the group does. What it holds
  are the facilitator's steps, except `::: instructions` (what participants see
  and do: on the slide and in the workbook), `::: materials`, `::: prep` and
  `::: debrief`, which are its own.
- `::: handout`, `::: facilitator`, `::: answer`: audience blocks, each for one
  output only (`model.Audience`); they cannot be nested in one another.
- `::: materials` (what to bring: a list), `::: prep` (before the session),
  `::: debrief` (questions afterwards): for the facilitator guide.

Each becomes one model block; nothing is turned into text. Where one cannot be
read as written (an activity in speaker notes or inside another, an audience
block inside another, instructions outside an activity), the build stops with
its line: none of it is dropped or moved without the trainer knowing.
"""
from __future__ import annotations

from typing import Callable, List, Optional

from ..errors import DeckError
from ..model import (Activity, Audience, AudienceBlock, Debrief, ListBlock, Materials, Prep,
                     Run, Source, Text)
from .items import DivItem, HeadingItem
from .runs import block_text, visible
from .timing import parse_time

AUDIENCES = {audience.value: audience for audience in Audience}
ACTIVITY_PARTS = ("instructions", "materials", "prep", "debrief")
KINDS = ("activity",) + ACTIVITY_PARTS + tuple(AUDIENCES)


def trainer_kind(classes) -> Optional[str]:
    """The trainer's div `classes` make, if any (`activity`, `handout`, `materials`...)."""
    for name in classes:
        if name in KINDS:
            return name
    return None


def time_attribute(attrs: dict, path: str, line: int) -> Optional[int]:
    """`time=5m` in seconds, None when there is none; a bad one stops with its line."""
    value = attrs.get("time")
    if value is None:
        return None
    try:
        return parse_time(value)
    except ValueError as exc:
        raise DeckError(f"'time={value[:40]}': {exc}", path, line, rule="time") from None


def in_notes_error(item: DivItem, path: str) -> DeckError:
    """A trainer's div inside `::: notes` (or `::: resources`), which hold speaker notes."""
    kind = trainer_kind(item.classes)
    return DeckError(f"'::: {kind}' is inside speaker notes, which can only hold text: move it"
                     " out of '::: notes' onto the slide", path, item.line, rule="trainer-block")


class TrainerReader:
    """Reads one trainer's div into its model block.

    `blocks(items, notes)` turns a div's items into model blocks (the slide builder's
    `column_blocks`, which comes back here for divs inside).
    """

    def __init__(self, path: str, blocks: Callable[[list, list], list]):
        self.path = path
        self.blocks = blocks
        self.open: List[str] = []  # the trainer's divs we are inside, outermost first

    def read(self, item: DivItem, notes: list, line: int = 0):
        kind = trainer_kind(item.classes)
        line = item.line or line
        self.check_place(kind, line)
        self.open.append(kind)
        try:
            if kind == "activity":
                return self.activity(item, notes, line)
            if kind == "materials":
                return Materials(self.materials_items(item, notes), Source(self.path, line))
            if kind == "instructions":
                return AudienceBlock(Audience.HANDOUT, tuple(self.blocks(item.items, notes)),
                                     Source(self.path, line))
            inner = tuple(self.blocks(item.items, notes))
            if kind == "prep":
                return Prep(inner, Source(self.path, line))
            if kind == "debrief":
                return Debrief(inner, Source(self.path, line))
            return AudienceBlock(AUDIENCES[kind], inner, Source(self.path, line))
        finally:
            self.open.pop()

    def check_place(self, kind: str, line: int) -> None:
        def stop(message: str) -> DeckError:
            return DeckError(message, self.path, line, rule="trainer-block")

        outer_audience = next((k for k in self.open if k in AUDIENCES), None)
        if kind in AUDIENCES and outer_audience:
            raise stop(f"'::: {kind}' is inside '::: {outer_audience}': audience blocks cannot"
                       " be nested (each is for one output only); close the first one before"
                       " the other starts")
        if kind == "activity" and self.open:
            raise stop(f"'::: activity' is inside '::: {self.open[-1]}': an activity belongs"
                       " directly on its slide")
        if kind == "instructions" and "activity" not in self.open:
            raise stop("'::: instructions' is outside any '::: activity': it holds what the"
                       " participants of an activity see; put it inside one")
        if kind in ACTIVITY_PARTS and self.open and self.open[-1] in ACTIVITY_PARTS:
            raise stop(f"'::: {kind}' is inside '::: {self.open[-1]}': put it directly in the"
                       " activity or on the slide")

    def activity(self, item: DivItem, notes: list, line: int) -> Activity:
        """Its title (`title=`, else a heading it starts with), time and parts."""
        items = list(item.items)
        title: Text = (Run(item.attrs["title"]),) if item.attrs.get("title") else ()
        if not title and items and isinstance(items[0], HeadingItem):
            title = items.pop(0).text
        time = time_attribute(item.attrs, self.path, line)
        parts: dict = {name: [] for name in ACTIVITY_PARTS}
        steps: list = []
        for child in items:
            kind = trainer_kind(child.classes) if isinstance(child, DivItem) else None
            if kind in ACTIVITY_PARTS:
                block = self.read(child, notes, line)
                if kind == "materials":
                    parts["materials"].extend(block.items)
                else:
                    parts[kind].extend(block.blocks)
            else:
                steps.append(child)
        return Activity(title, time, tuple(parts["instructions"]),
                        tuple(self.blocks(steps, notes)), tuple(parts["materials"]),
                        tuple(parts["prep"]), tuple(parts["debrief"]), Source(self.path, line))

    def materials_items(self, item: DivItem, notes: list) -> tuple:
        """Each list item (nested ones too) or paragraph is one thing to bring."""
        found: List[Text] = []
        for block in self.blocks(item.items, notes):
            if isinstance(block, ListBlock):
                found.extend(_list_texts(block))
            else:
                text = block_text(block)
                if visible(text):
                    found.append(text)
        return tuple(found)


def _list_texts(block: ListBlock) -> List[Text]:
    texts = []
    for item in block.items:
        texts.append(item.text)
        for child in item.children:
            texts.extend(_list_texts(child))
    return texts
