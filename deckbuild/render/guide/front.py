"""The guide's first pages: the cover, the run of show, the materials checklist, prep."""
from __future__ import annotations

from typing import List, Tuple

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from ...model import Activity, AudienceBlock, Layout, Materials, Prep, Slide, Text, plain
from ...schedule import RunOfShow, minutes_text
from ..handout.context import Handout
from ..handout.cover import contact_lines
from ..fonts import handout_font
from ..handout.layouts import blocks
from .boxes import check_items, trainer_blocks_of

DASH = "\u2013"


def cover(handout: Handout, words, run: RunOfShow) -> List:
    deck, styles = handout.deck, handout.styles
    meta, region = deck.meta, deck.region
    label = styles.cover_label.clone("guide_label", fontSize=14, leading=18, spaceBefore=0,
                                     spaceAfter=10)
    story: List = [handout.bookmark(words.text("Cover")), Spacer(1, 1.0 * 72),
                   handout.paragraph(words.text("Facilitator guide"), label),
                   handout.paragraph(handout.text(meta.title or deck.name, styles.cover_title),
                                     styles.cover_title, "H1")]
    if meta.subtitle:
        story.append(handout.paragraph(handout.text(meta.subtitle), styles.cover_subtitle))
    lines = list(meta.authors) + [n for n in (meta.organization,) if n]
    if region:
        lines.append(region.name)
    if meta.date:
        lines.append(words.date(meta.date))
    story += [handout.paragraph(handout.text(line), styles.cover_line) for line in lines]
    story.append(handout.paragraph(words.text("Session"), styles.cover_label, "H2"))
    story += [handout.paragraph(handout.text(line), styles.cover_line) for line in
              session_lines(handout, words, run)]
    contact = contact_lines(handout)
    if contact:
        story += [Spacer(1, 4)] + [handout.paragraph(line, styles.cover_line)
                                   for line in contact]
    story.append(handout.paragraph(words.text("About this guide"), styles.cover_label, "H2"))
    story.append(handout.paragraph(words.text(
        "Everything the trainer needs beside the slides: the run of show with its clock times,"
        " the materials to bring, what to prepare, then every slide with its time, speaker"
        " notes, activities, debrief questions and answers."), styles.body))
    story.append(PageBreak())
    return story


def session_lines(handout: Handout, words, run: RunOfShow) -> List[str]:
    total = run.duration if run.duration is not None else run.total
    lines = []
    if total:
        minutes = minutes_text(total)
        lines.append(words.text("{minutes} minutes, {start}\u2013{end}", minutes=minutes,
                                start=run.clock(0), end=run.clock(total))
                     if run.start is not None else
                     words.text("{minutes} minutes", minutes=minutes))
    activities = sum(len(t.activities) for s in run.sections for t in s.slides)
    counted = {0: "{slides} slides, no activities", 1: "{slides} slides, 1 activity"}
    lines.append(words.text(counted.get(activities, "{slides} slides, {activities} activities"),
                            slides=len(handout.deck.slides), activities=activities))
    return lines


# ---------------------------------------------------------------- run of show


def run_of_show_table(handout: Handout, words, run: RunOfShow) -> List:
    """Sections and activities with their minutes, clock times and the running total."""
    styles = handout.styles
    cell = styles.cell
    right = cell.clone("cell_right", alignment=TA_RIGHT)
    bold = cell.clone("cell_bold", fontName=handout_font("Helvetica-Bold"))
    head = bold.clone("cell_head", textColor=styles.accent)
    head_right = head.clone("cell_head_right", alignment=TA_RIGHT)
    story: List = [handout.bookmark(words.text("Run of show")),
                   handout.paragraph(words.text("Run of show"), styles.h1, "H1")]
    rows = [[(words.text(t), head) for t in ("Start", "Section or activity", "Slides")]
            + [(words.text(t), head_right) for t in ("Minutes", "Running total")]]
    kinds = ["head"]
    running = 0
    ends = [s.number - 1 for s in run.sections[1:]] + [len(handout.deck.slides)]
    for section, end in zip(run.sections, ends):
        running += section.seconds
        name = plain(section.title) or words.text("Opening")
        rows.append([(run.clock(section.start), cell), (handout.text(name, bold), bold),
                     (_span([section.number, end]), cell),
                     (minutes_text(section.seconds) if section.has_time else DASH, right),
                     (minutes_text(running), right)])
        kinds.append("section")
        for start, number, activity in activity_clocks(section):
            title = handout.text(activity.title) if activity.title else ""
            rows.append([(run.clock(start), cell),
                         (words.text("Activity: {title}", title=title), cell),
                         (str(number), cell),
                         (minutes_text(activity.time) if activity.time is not None else DASH,
                          right), ("", right)])
            kinds.append("activity")
    rows.append([("", cell), (words.text("Total"), bold), ("", cell),
                 (minutes_text(run.total), right.clone(
                     "total", fontName=handout_font("Helvetica-Bold"))), ("", right)])
    kinds.append("total")
    if run.start is not None:
        rows.append([(run.clock(run.total), bold), (words.text("End"), bold)]
                    + [("", cell) for _ in range(3)])
        kinds.append("end")
    story.append(_table(handout, rows, kinds))
    story += [handout.paragraph(handout.text(line), styles.small)
              for line in plan_notes(words, run)]
    return story + [PageBreak()]


def _table(handout: Handout, rows, kinds: List[str]) -> Table:
    """The run of show's rows ((markup, style) per cell) as a table, tagged Table, TR and
    TH (the first row, each the header of its column) or TD."""
    styles = handout.styles
    data = []
    with handout.inside("Table"):
        for index, row in enumerate(rows):
            with handout.inside("TR"):
                data.append([handout.paragraph(
                    text, style, "TH" if index == 0 else "TD",
                    attributes={"O": "Table", "Scope": "Column"} if index == 0 else None)
                    for text, style in row])
    widths = [0.11, 0.46, 0.15, 0.12, 0.16]  # room for "Diapositivas"
    table = Table(data, colWidths=[w * handout.width for w in widths], hAlign="LEFT",
                  repeatRows=1)
    commands = [styles.table_font, ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.accent),
                ("LINEABOVE", (0, kinds.index("total")), (-1, kinds.index("total")), 0.8,
                 styles.accent),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for index, kind in enumerate(kinds):
        if kind == "section" and index > 1:
            commands.append(("LINEABOVE", (0, index), (-1, index), 0.4, styles.rule))
        if kind == "activity":
            commands.append(("LEFTPADDING", (1, index), (1, index), 18))
    table.setStyle(TableStyle(commands))
    return table


def activity_clocks(section) -> List[Tuple[int, int, Activity]]:
    """(start offset, slide number, activity) for each activity of the section; one after
    another from the start of their slide."""
    found = []
    for timed in section.slides:
        start = timed.start
        for activity in timed.activities:
            found.append((start, timed.number, activity))
            start += activity.time or 0
    return found


def plan_notes(words, run: RunOfShow) -> List[str]:
    """The planned duration, and where the times do not add up to it."""
    lines = []
    if run.duration is not None:
        duration = words.text("{minutes} minutes", minutes=minutes_text(run.duration))
        lines.append(f"{words.text('Planned duration')}: {duration}")
        difference = run.total - run.duration
        if difference:
            message = ("The times add up to {total} minutes: {difference} minutes over the"
                       " planned {duration}." if difference > 0 else
                       "The times add up to {total} minutes: {difference} minutes short of the"
                       " planned {duration}.")
            lines.append(words.text(message, total=minutes_text(run.total),
                                    difference=minutes_text(abs(difference)),
                                    duration=duration))
    untimed = [plain(s.title) or words.text("Opening") for s in run.sections
               if s.slides and not s.has_time]
    if untimed:
        lines.append(words.text("Not timed: {names}.", names=", ".join(untimed)))
    return lines


def _span(numbers: List[int]) -> str:
    first, last = numbers[0], numbers[-1]
    return str(first) if first == last else f"{first}{DASH}{last}"


# ---------------------------------------------------------------- materials and prep


def where(words, number: int, slide: Slide, activity: Activity = None) -> str:
    """Where something is needed: the session, an activity, a slide."""
    if activity is not None:
        return words.text("for '{title}' (slide {number})", title=plain(activity.title),
                          number=number)
    if slide.layout is Layout.TITLE:
        return words.text("for the session")
    return words.text("slide {number}", number=number)


def materials(handout: Handout, words) -> List:
    """Every `::: materials` item, to tick off, with what it is for."""
    styles = handout.styles
    found: List[Tuple[Text, str]] = []
    for number, slide, block, activity in _trainer_blocks(handout.deck):
        if isinstance(block, Materials):
            found += [(text, where(words, number, slide)) for text in block.items]
        elif activity is not None:
            found += [(text, where(words, number, slide, activity))
                      for text in activity.materials]
    story: List = [handout.bookmark(words.text("Materials")),
                   handout.paragraph(words.text("Materials"), styles.h1, "H1")]
    if not found:
        return story + [handout.paragraph(words.text("Nothing to bring is listed: add a"
                                                     " '::: materials' list to the deck."),
                                          styles.small)]
    where_style = styles.small.clone("materials_where", leftIndent=16)
    with handout.inside("L"):  # one list, each item saying where it is needed
        for text, place in found:
            item = check_items(handout, [text])
            note = handout.paragraph_of(item[0].element, handout.text(place), where_style)
            story.append(KeepTogether(item + [note]))
    return story


def prep(handout: Handout, words) -> List:
    """Every `::: prep`, the session's first, with what it is for."""
    styles = handout.styles
    found = []
    for number, slide, block, activity in _trainer_blocks(handout.deck):
        if isinstance(block, Prep):
            found.append((where(words, number, slide), block.blocks))
        elif activity is not None and activity.prep:
            found.append((where(words, number, slide, activity), activity.prep))
    if not found:
        return [PageBreak()]
    story: List = [Spacer(1, 10), handout.bookmark(words.text("Before the session")),
                   handout.paragraph(words.text("Before the session"), styles.h1, "H1")]
    for place, content in found:
        with handout.inside("Sect"):
            label = handout.paragraph(handout.text(place[:1].upper() + place[1:]),
                                      styles.notes_label, "H2")
            flowables = blocks(handout, content)
        story.append(KeepTogether([label] + flowables[:1]))
        story += flowables[1:]
    return story + [PageBreak()]


def _trainer_blocks(deck):
    """(slide number, slide, block, its activity or None) for every trainer's block, those
    inside audience blocks too."""
    for number, slide in enumerate(deck.slides, 1):
        pending = list(trainer_blocks_of(slide.blocks))
        while pending:
            block = pending.pop(0)
            yield number, slide, block, block if isinstance(block, Activity) else None
            if isinstance(block, AudienceBlock):
                pending[:0] = trainer_blocks_of(block.blocks)
