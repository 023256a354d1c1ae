"""How the guide sets the trainer's blocks: every one in full, each in a labelled box.

An activity shows its title, time and clock time, then its materials, what to
prepare, what participants see (as on the slide), the steps and the debrief; a
facilitator note, a debrief or what to prepare is a box with its label; the
answer key is the box whose height the workbook leaves free (`layouts.answer_box`);
a `::: handout` block is shown as participants get it, labelled so. What these
blocks hold is set as the handout sets any block (`layouts.blocks`).
"""
from __future__ import annotations

from typing import Callable, List, Optional

from reportlab.platypus import Table, TableStyle

from ...design.colour import tint
from ...layout.callout import colour_of
from ...model import (Activity, Audience, AudienceBlock, Callout, Columns, Debrief, ListBlock,
                      ListItem, Materials, Prep)
from ...schedule import minutes_text
from ..handout.context import Handout
from ..handout.layouts import TRAINER_BLOCKS, answer_box, blocks, list_items
from ..slide.shapes import colour

BAR = 4  # the coloured bar on a box's left, in points
FACILITATOR_COLOUR = "1F6F8B"  # the facilitator's own notes: our accent's blue
HANDOUT_COLOUR = "5A6872"  # what participants get: muted grey


class TrainerBlocks:
    """The guide's `Handout.trainer_blocks`: (handout, block) -> flowables."""

    def __init__(self, words, run=None, clocks: Optional[dict] = None):
        self.words = words
        self.run = run
        self.clocks = clocks if clocks is not None else {}  # id(activity) -> its start offset

    def __call__(self, handout: Handout, block) -> List:
        words = self.words
        if isinstance(block, Activity):
            return [self.activity(handout, block)]
        if isinstance(block, AudienceBlock):
            if block.audience is Audience.ANSWER:
                return [answer_box(handout, block, words.text("Answer"))]
            if block.audience is Audience.FACILITATOR:
                return [box(handout, words.text("Facilitator note"),
                            lambda: blocks(handout, block.blocks), FACILITATOR_COLOUR)]
            return [box(handout, words.text("In the participants' handout"),
                        lambda: blocks(handout, block.blocks), HANDOUT_COLOUR)]
        if isinstance(block, Materials):
            return [box(handout, words.text("Materials"),
                        lambda: checklist(handout, block.items), FACILITATOR_COLOUR)]
        if isinstance(block, Prep):
            return [box(handout, words.text("Prepare"), lambda: blocks(handout, block.blocks),
                        FACILITATOR_COLOUR)]
        if isinstance(block, Debrief):
            return [box(handout, words.text("Debrief"), lambda: blocks(handout, block.blocks),
                        FACILITATOR_COLOUR)]
        return []

    def activity(self, handout: Handout, activity: Activity) -> Table:
        words, styles = self.words, handout.styles
        shade = colour_of("activity")
        title_style = styles.h3.clone("activity_title", textColor=colour(shade), spaceBefore=0)
        name = handout.text(activity.title, title_style) if activity.title else \
            words.text("Activity")
        heading = words.text("Activity: {title}", title=name) if activity.title else name
        when = self.when(activity)
        if when:
            heading += f'<font size="9.5" color="#{handout.deck.theme.muted}">' \
                       f"&nbsp;&nbsp;{when}</font>"
        parts = ((words.text("Materials"), activity.materials, checklist),
                 (words.text("Prepare"), activity.prep, blocks),
                 (words.text("Participants see"), activity.instructions, blocks),
                 (words.text("Steps"), activity.steps, blocks),
                 (words.text("Debrief"), activity.debrief, blocks))
        label = styles.notes_label.clone("activity_part", textColor=colour(shade),
                                         spaceBefore=6)
        with handout.inside("Div"):  # tagged: H3 the activity, H4 each of its parts
            content: List = [handout.paragraph(heading, title_style, "H3")]
            for text, part, set_part in parts:
                if part:
                    content += [handout.paragraph(text, label, "H4")] + set_part(handout, part)
        return framed(handout, content, shade, tinted=True)

    def when(self, activity: Activity) -> str:
        """"5 min · 9:02–9:07" (the clock when `start:` is given), or ""."""
        if activity.time is None:
            return ""
        minutes = minutes_text(activity.time)
        start = self.clocks.get(id(activity))
        if self.run is None or start is None or self.run.start is None:
            return self.words.text("{minutes} min", minutes=minutes)
        return self.words.text("{minutes} min \u00b7 {start}\u2013{end}", minutes=minutes,
                               start=self.run.clock(start),
                               end=self.run.clock(start + activity.time))


def box(handout: Handout, label: str, content: Callable[[], List], shade: str) -> Table:
    """A labelled box with a coloured bar on its left; tagged, a Div headed by its label
    (H3), then what `content()` sets (made after the label: the tree's reading order)."""
    styles = handout.styles
    style = styles.notes_label.clone("box_label", textColor=colour(shade), spaceBefore=0)
    with handout.inside("Div"):
        heading = handout.paragraph(label, style, "H3")
        return framed(handout, [heading] + content(), shade)


def framed(handout: Handout, content: List, shade: str, tinted: bool = False) -> Table:
    table = Table([[content]], colWidths=[handout.width], hAlign="LEFT", spaceBefore=6,
                  spaceAfter=4)
    commands = [handout.styles.table_font, ("LINEBEFORE", (0, 0), (0, -1), BAR, colour(shade)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
    if tinted:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), colour(tint(shade, 0.08))))
    table.setStyle(TableStyle(commands))
    return handout.tall_rows_split(table)


def checklist(handout: Handout, items) -> List:
    """Things to bring, each with a box to tick: a list (L) in the tagged PDF."""
    if not items:
        return []
    with handout.inside("L"):
        return check_items(handout, items)


def check_items(handout: Handout, items) -> List:
    """The checklist's items (LI), in a list made by the caller."""
    return list_items(handout, ListBlock(tuple(ListItem(text, checkbox=False) for text in items)),
                      0)


def trainer_blocks_of(slide_blocks) -> List:
    """The trainer's blocks of a slide, in reading order (inside columns and callouts too)."""
    found = []
    for block in slide_blocks:
        if isinstance(block, TRAINER_BLOCKS):
            found.append(block)
        elif isinstance(block, Columns):
            for column in block.columns:
                found += trainer_blocks_of(column)
        elif isinstance(block, Callout):
            found += trainer_blocks_of(block.blocks)
    return found
