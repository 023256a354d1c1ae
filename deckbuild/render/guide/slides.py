"""The guide's slides: each with its miniature, time and clock time and speaker notes side
by side, then the trainer's blocks on it in full (activities, notes, debriefs, answers).
Each section opens with its name and clock times, and marks the running header."""
from __future__ import annotations

from typing import Dict, List

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from ...model import Audience, AudienceBlock, Layout, Materials, Prep, Slide, plain
from ...schedule import RunOfShow, Section, TimedSlide, minutes_text
from ..handout.context import Handout
from ..handout.document import Bookmark
from ..slide.drawer import Miniature
from ..handout.paragraph import Paragraph
from .boxes import trainer_blocks_of
from .front import activity_clocks
from .headers import RunningHeaders

MINIATURE = 2.9 * inch
GAP = 14.0
SLIDE_GAP = 22.0


def slide_pages(handout: Handout, words, run: RunOfShow, headers: RunningHeaders) -> List:
    timed: Dict[int, TimedSlide] = {t.number: t for s in run.sections for t in s.slides}
    starts: Dict[int, Section] = {s.number: s for s in run.sections}
    clocks = handout.trainer_blocks.clocks
    for section in run.sections:
        for start, _, activity in activity_clocks(section):
            clocks[id(activity)] = start
    story: List = []
    in_section = False
    for number, slide in enumerate(handout.deck.slides, 1):
        entries = [handout.entry(words.text("Slides"), 0)] if number == 1 else []
        section = starts.get(number)
        if section is not None:
            story.append(headers.mark(section))
        if slide.layout is Layout.SECTION:
            in_section = True
            entries.append(handout.entry(plain(slide.title) or words.text(
                "Slide {number}", number=number), 1))
            story += [CondPageBreak(3.2 * inch)] + section_heading(handout, words, run,
                                                                   section, entries)
            entries = []
        label = _label(words, number, slide)
        entries.append(handout.entry(label, 2 if in_section else 1))
        story += slide_part(handout, words, run, number, slide, timed.get(number), entries)
    return story


def section_heading(handout: Handout, words, run: RunOfShow, section: Section,
                    entries) -> List:
    styles = handout.styles
    title = plain(section.title) if section is not None else ""
    out = [Bookmark(*entry) for entry in entries]
    out.append(handout.paragraph(handout.text(section.title, styles.h1), styles.h1, "H1")
               if title else Paragraph("&nbsp;", styles.h1))
    if section is not None and section.has_time:
        minutes = words.text("{minutes} minutes", minutes=minutes_text(section.seconds))
        if run.start is not None:
            minutes += f" \u00b7 {run.clock(section.start)}\u2013" \
                       f"{run.clock(section.start + section.seconds)}"
        out.append(handout.paragraph(minutes, styles.small))
    return out


def slide_part(handout: Handout, words, run: RunOfShow, number: int, slide: Slide,
               timed, entries) -> List:
    """Heading, miniature beside the notes, then the trainer's blocks: in the tagged PDF
    a Sect, headed by the heading (H2), the miniature's text then the rest inside."""
    with handout.inside("Sect") as sect:
        return _slide_part(handout, words, run, number, slide, timed, entries, sect)


def _slide_part(handout: Handout, words, run: RunOfShow, number: int, slide: Slide,
                timed, entries, sect) -> List:
    styles = handout.styles
    when = _when(words, run, slide, timed)
    # No space above: KeepTogether measures its first flowable without it, and would keep
    # a heading at a page's foot apart from its slide. The gap comes after each slide.
    style = styles.h2.clone("guide_slide", spaceBefore=0, spaceAfter=4)
    heading = handout.paragraph(handout.text(_label(words, number, slide), style) + (
        f'<font size="9.5" color="#{handout.deck.theme.muted}">&nbsp;&nbsp;{when}</font>'
        if when else ""), style, "H2")
    miniature = Miniature(handout.drawer, slide, number, MINIATURE, (),
                          sect.add(None))  # its text in its place, when it is drawn
    notes: List = [handout.paragraph(words.text("Speaker notes"), styles.notes_label.clone(
        "guide_notes_label", spaceBefore=0), "H3")]
    if slide.notes:
        notes += [handout.paragraph(handout.text(text), styles.notes) for text in slide.notes]
    else:
        notes.append(handout.paragraph(words.text("No speaker notes for this slide."),
                                       styles.small))
    row = Table([[miniature, notes]],
                colWidths=[MINIATURE + GAP, handout.width - MINIATURE - GAP], hAlign="LEFT")
    row.setStyle(TableStyle([styles.table_font, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 2)]))
    handout.tall_rows_split(row)
    story: List = [KeepTogether([Bookmark(*e) for e in entries] + [heading, row])]
    for block in trainer_blocks_of(slide.blocks):
        if slide.layout is Layout.TITLE and isinstance(block, (Materials, Prep)):
            continue  # the session's: listed on the guide's first pages
        flowables = handout.trainer_blocks(handout, block)
        if flowables and is_answer(block):
            # An answer stays with what it answers (the slide, an activity): a page never
            # starts with it, unless together they are taller than a page.
            story[-1:] = [KeepTogether([story[-1]] + flowables[:1])] + flowables[1:]
        else:
            story += flowables
    return story + [Gap(SLIDE_GAP)]


class Gap(Flowable):
    """The space after a slide: none at the top of a page (a Spacer would push the next
    slide down there), and no more than is left at the foot of one."""

    def __init__(self, height: float):
        super().__init__()
        self.gap = height

    def wrap(self, available_width, available_height):
        frame = getattr(self, "_frame", None)  # set by the frame that places it
        at_top = frame is not None and getattr(frame, "_atTop", False)
        self.width, self.height = 0, 0 if at_top else min(self.gap, available_height)
        return self.width, self.height

    def draw(self):
        pass


def is_answer(block) -> bool:
    return isinstance(block, AudienceBlock) and block.audience is Audience.ANSWER


def _label(words, number: int, slide: Slide) -> str:
    title = plain(slide.title)
    if title:
        return words.text("Slide {number} \u00b7 {title}", number=number, title=title)
    return words.text("Slide {number}", number=number)


def _when(words, run: RunOfShow, slide: Slide, timed) -> str:
    """"5 min · 9:10–9:15" for a timed slide; "no time set" for one that could have a time."""
    if timed is None:
        return ""
    if timed.seconds is None:
        return words.text("no time set")
    if timed.seconds == 0:  # e.g. a second resource slide: its div's time is on the first
        return words.text("no time of its own")
    minutes = minutes_text(timed.seconds)
    if run.start is None:
        return words.text("{minutes} min", minutes=minutes)
    return words.text("{minutes} min \u00b7 {start}\u2013{end}", minutes=minutes,
                      start=run.clock(timed.start), end=run.clock(timed.start + timed.seconds))
