"""The handout layouts: what comes between the cover and the key quotes.

- notes (default): three slides a page, each a miniature with ruled lines beside
  it, as trainers know from PowerPoint's handouts;
- outline: the deck as a readable document, headings and bullets, no miniatures;
- full: one slide a page, large, with its speaker notes below (the trainer's copy);
- large-print: the outline in the large-print styles (`styles.LARGE_*`).
"""
from __future__ import annotations

import io
import re
from typing import List, Optional

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import (CondPageBreak, Flowable, Image as PictureFlowable, KeepTogether,
                                PageBreak, Spacer, Table, TableStyle)

from ...media import load_picture
from ...layout.callout import colour_of, title_of
from ...layout.math import formula_box
from ...model import (Activity, Audience, AudienceBlock, Callout, CodeBlock, Columns, Debrief,
                      DefinitionList, Heading, Image, Layout, ListBlock, Materials,
                      Paragraph as ParagraphBlock, Prep, Quote, ResourceList, Slide,
                      Table as TableBlock, plain)
from .context import Handout
from .tagging import Marked
from ..slide.marks import Entry, Element, add_entries, marked
from ..fonts import handout_font, wide_font
from .styles import MIN_TEXT, RULE_WIDTH
from ..slide.drawer import Miniature, draw_framed
from .paragraph import Paragraph

ROWS_PER_PAGE = 3
RULE_GAP = 21.0  # between ruled lines: about 7.5 mm, comfortable for handwriting
NOTES_GAP = 16.0  # between a miniature and its lines
LIST_BULLETS = ("\u2022", "\u2013")


# The trainer's blocks: who sees what of them is the audience's to say (`trainer_blocks`).
TRAINER_BLOCKS = (AudienceBlock, Activity, Materials, Prep, Debrief)
WORKBOOK_ROOM = 4  # ruled lines after an activity's instructions in the workbook


def story_for(handout: Handout) -> List:
    return {"notes": notes_pages, "outline": outline, "full": full_pages,
            "workbook": outline, "large-print": outline}[handout.layout](handout)


# ---------------------------------------------------------------- notes


class RuledLines(Flowable):
    """Lines to write on, filling the rest of the frame (or `height` points)."""

    def __init__(self, colour, height: float = 0.0, gap: float = RULE_GAP):
        super().__init__()
        self.colour, self.fixed, self.gap = colour, height, gap

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.fixed or (available_height if available_height >= 2 * self.gap
                                     else 0)
        return self.width, self.height

    def draw(self):
        draw_rules(self.canv, self.colour, 0, self.width, self.height - self.gap, 0, self.gap)


def draw_rules(canvas, colour, x1: float, x2: float, top: float, bottom: float,
               gap: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(RULE_WIDTH)
    y = top
    while y >= bottom - 0.01:
        canvas.line(x1, y, x2, y)
        y -= gap
    canvas.restoreState()


class NotesRow(Flowable):
    """One slide of a notes page: its miniature on the left, ruled lines on the right."""

    def __init__(self, handout: Handout, slide: Slide, number: int, height: float,
                 entries: List[Entry]):
        super().__init__()
        self.handout, self.slide, self.number = handout, slide, number
        self.width = handout.width
        self.height = height
        self.entries = entries
        self.element = handout.container.add("Sect")  # the slide, in the tagged PDF
        self.mini_width = min(0.5 * self.width - NOTES_GAP / 2,
                              (height - 34) / handout.drawer.aspect)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas, handout = self.canv, self.handout
        top = self.height - 6
        if self.entries:
            _, absolute = canvas.absolutePosition(0, self.height)
            add_entries(canvas, self.entries, absolute)
        mini_height = self.mini_width * handout.drawer.aspect
        draw_framed(canvas, handout.drawer, self.slide, self.number, 0, top - mini_height,
                    self.mini_width, self.element)
        canvas.setFillColor(handout.styles.muted)
        canvas.setFont(handout_font("Helvetica"), handout.styles.min_text)
        canvas.drawString(0, top - mini_height - 11,
                          handout.words.text("Slide {number}", number=self.number))
        draw_rules(canvas, handout.styles.rule, self.mini_width + NOTES_GAP, self.width,
                   top - RULE_GAP + 4, 18, RULE_GAP)


def notes_pages(handout: Handout) -> List:
    row_height = handout.height / ROWS_PER_PAGE - 0.01
    story: List = []
    for number, slide, entries in handout.slides():
        row = NotesRow(handout, slide, number, row_height, entries)
        story.append(row)
        with handout.within(row.element):  # the slide's participant blocks: in its Sect
            story += for_participants(handout, slide, number)
    return story


def for_participants(handout: Handout, slide: Slide, number: int) -> List:
    """A slide's `::: handout` blocks, under its miniature (a layout of miniatures shows
    no other text)."""
    found = [b for b in slide.blocks if isinstance(b, AudienceBlock)
             and b.audience is Audience.HANDOUT]
    if not found:
        return []
    label = Paragraph(f"Slide {number}", handout.styles.slide_label)
    return [KeepTogether([label] + [f for b in found for f in blocks(handout, b.blocks)]),
            Spacer(1, 8)]


# ---------------------------------------------------------------- full


def full_pages(handout: Handout) -> List:
    styles, words = handout.styles, handout.words
    story: List = []
    count = len(handout.deck.slides)
    for number, slide, entries in handout.slides():
        if story:
            story.append(PageBreak())
        label = words.text("Slide {number} of {count}", number=number, count=count)
        if plain(slide.title):
            label += " \u00b7 " + handout.text(slide.title)
        story.append(Paragraph(label, styles.slide_label))  # (a running label: an artifact)
        story.append(Spacer(1, 4))
        with handout.inside("Sect") as sect:
            story.append(Miniature(handout.drawer, slide, number, handout.width, entries, sect))
            story.append(handout.paragraph(words.text("Speaker notes"), styles.notes_label, "H3"))
            if slide.notes:
                story += [handout.paragraph(handout.text(text), styles.notes)
                          for text in slide.notes]
            else:
                story.append(handout.paragraph(words.text("No speaker notes for this slide."),
                                               styles.small))
            story += [f for b in slide.blocks if isinstance(b, AudienceBlock)
                      and b.audience is Audience.HANDOUT for f in blocks(handout, b.blocks)]
        story.append(Spacer(1, 6))
        story.append(RuledLines(styles.rule))
    return story


# ---------------------------------------------------------------- outline


def outline(handout: Handout) -> List:
    story: List = []
    pointed = [False]  # the resources are pointed to once
    sect = None  # a continued slide's text goes on in its slide's Sect
    for number, slide, entries in handout.slides():
        marks = [_Marks(entries)] if entries else []
        if slide.layout is Layout.TITLE:
            story += marks
            continue
        if not (slide.continued and sect is not None):
            sect = handout.container.add("Sect")
        with handout.within(sect):
            story += marks + outline_slide(handout, slide, number, pointed)
    return story


def outline_slide(handout: Handout, slide: Slide, number: int, pointed: list) -> List:
    """One slide in the outline: its title as a heading (H1 for a section), its text."""
    styles, words = handout.styles, handout.words
    title = plain(slide.title)
    if slide.layout is Layout.SECTION:
        heading = handout.paragraph(handout.text(slide.title, styles.h1) if title else
                                    words.text("Section (slide {number})", number=number),
                                    styles.h1, "H1")
        return [CondPageBreak(1.4 * inch), heading] + blocks(handout, slide.blocks)
    if slide.layout is Layout.RESOURCES:
        if pointed[0]:
            return []
        pointed[0] = True  # listed in full, with addresses and QR codes, at the end
        return [handout.paragraph(words.text(
            "The resources are listed in full at the end of this handout, with their"
            " addresses and QR codes."), styles.caption)]
    if slide.continued:
        return blocks(handout, slide.blocks)
    if title:
        label = words.text("slide {number}", number=number).replace(" ", "&nbsp;")
        heading = handout.paragraph(
            handout.text(slide.title, styles.h2) + f'<font size="{styles.min_text:g}" color="#'
            f'{styles.muted.hexval()[2:]}">&nbsp;&nbsp;{label}</font>', styles.h2, "H2")
    else:
        heading = handout.paragraph(words.text("Slide {number}", number=number), styles.h2, "H2")
    body = blocks(handout, slide.blocks)
    return [KeepTogether([heading] + body[:1])] + body[1:]


class _Marks(Flowable):
    """Outline entries at a point of the text (a zero-height flowable)."""

    def __init__(self, entries: List[Entry]):
        super().__init__()
        self.entries = entries
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        _, top = self.canv.absolutePosition(0, 0)
        add_entries(self.canv, self.entries, top + 20)


def blocks(handout: Handout, items) -> List:
    styles = handout.styles
    out: List = []
    for block in items:
        if isinstance(block, ParagraphBlock):
            out += paragraph(handout, block.text)
        elif isinstance(block, DefinitionList):
            out += definitions(handout, block)
        elif isinstance(block, Callout):
            with handout.inside("Div"):
                out.append(callout(handout, block))
        elif isinstance(block, Heading):
            out.append(handout.paragraph(handout.text(block.text, styles.h3), styles.h3, "H3"))
        elif isinstance(block, ListBlock):
            with handout.inside("L"):
                out += list_items(handout, block, 0)
        elif isinstance(block, Quote):
            with handout.inside("BlockQuote"):
                out += [handout.paragraph(handout.text(text, styles.quote), styles.quote)
                        for text in block.paragraphs]
                if block.attribution:
                    out.append(handout.paragraph("\u2014 " + handout.text(block.attribution),
                                                 styles.attribution))
        elif isinstance(block, CodeBlock):
            code = handout.container.add("P")  # one paragraph of lines (Code inside)
            out += [handout.paragraph_of(code, _spaces_kept(handout.text(line)) or "&nbsp;",
                                         styles.code) for line in block.code.split("\n")]
        elif isinstance(block, TableBlock):
            out.append(table(handout, block))
        elif isinstance(block, Image):
            out += picture(handout, block)
        elif isinstance(block, Columns):
            for column in block.columns:
                out += blocks(handout, column)
        elif isinstance(block, ResourceList):
            continue  # listed in full in the resources section
        elif isinstance(block, TRAINER_BLOCKS):
            out += (handout.trainer_blocks or participant_blocks)(handout, block)
    return out


# ---------------------------------------------------------------- the trainer's blocks


def participant_blocks(handout: Handout, block) -> List:
    """What participants see of a trainer's block: `::: handout` blocks; an activity's
    title and instructions (in the workbook with room to write); in the workbook a space
    to write each answer in, as tall as the answer key. The rest is the facilitator's."""
    workbook = handout.layout == "workbook"
    if isinstance(block, AudienceBlock):
        if block.audience is Audience.HANDOUT:
            return blocks(handout, block.blocks)
        if block.audience is Audience.ANSWER and workbook:
            return [answer_space(handout, block)]
        return []
    if isinstance(block, Activity):
        out: List = [callout(handout, Callout("activity", block.title, block.instructions))]
        if workbook:
            out.append(RuledLines(handout.styles.rule, WORKBOOK_ROOM * RULE_GAP))
            for answer in _answers(block.steps):
                out.append(answer_space(handout, answer))
        return out
    return []


def answer_space(handout: Handout, block: AudienceBlock) -> Flowable:
    """The workbook's space for an answer; its label, tagged, tells a screen reader's
    user that the space is there (the lines are artifacts)."""
    label = handout.container.add("P")
    return AnswerSpace(answer_box(handout, block), handout.styles.rule,
                       handout.words.text("Your answer"), handout.styles.muted, label)


def _answers(items) -> List[AudienceBlock]:
    return [b for b in items if isinstance(b, AudienceBlock) and b.audience is Audience.ANSWER]


def answer_box(handout: Handout, block: AudienceBlock, label: str = "Answer") -> Table:
    """The answer key as the facilitator guide prints it: a framed box with its label.
    The workbook leaves a space of exactly its height (`AnswerSpace`)."""
    styles = handout.styles
    title = styles.h3.clone("answer_label", textColor=styles.accent, spaceBefore=0)
    with handout.inside("Div"):  # (in the workbook, never drawn: left out of its tree)
        content = [handout.paragraph(handout.text(label, title), title, "H3")] + \
            blocks(handout, block.blocks)
    box = Table([[content]], colWidths=[handout.width], hAlign="LEFT", spaceBefore=6,
                spaceAfter=4)
    box.setStyle(TableStyle([styles.table_font, ("BOX", (0, 0), (-1, -1), 0.8, styles.accent),
                             ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return box


class AnswerSpace(Flowable):
    """Ruled lines to write an answer on, as tall as the answer key (`box`) is in the
    guide: the same frame width, so the same height."""

    def __init__(self, box: Flowable, colour, label: str = "", muted=None,
                 element: Optional[Element] = None):
        super().__init__()
        self.box, self.colour, self.label, self.muted = box, colour, label, muted
        self.element = element  # the label's, in the tagged PDF
        self.spaceBefore, self.spaceAfter = box.getSpaceBefore(), box.getSpaceAfter()

    def wrap(self, available_width, available_height):
        _, height = self.box.wrap(available_width, available_height)
        self.width, self.height = available_width, max(height, RULE_GAP + 4)
        return self.width, self.height

    def draw(self):
        if self.label:
            self.canv.setFillColor(self.muted)
            self.canv.setFont(handout_font("Helvetica"), MIN_TEXT)
            with marked(self.canv, self.element):
                self.canv.drawString(0, self.height - 9, self.label)
        draw_rules(self.canv, self.colour, 0, self.width, self.height - RULE_GAP, 4, RULE_GAP)


def definitions(handout: Handout, block: DefinitionList) -> List:
    """A definition list as a list: each term the label, its definitions the body."""
    styles, out = handout.styles, []
    with handout.inside("L"):
        for item in block.items:
            with handout.inside("LI"):
                out.append(handout.paragraph(handout.text(item.term, styles.h3), styles.h3,
                                             "Lbl"))
                body = handout.container.add("LBody")
                out += [handout.paragraph_of(body, handout.text(text), styles.definition)
                        for text in item.definitions]
    return out


def paragraph(handout: Handout, text) -> List:
    """A paragraph; a display formula in it is drawn centred on a line of its own."""
    styles = handout.styles
    out, current = [], []
    for run in text:
        if run.math is not None and run.math.display:
            if any(r.text.strip() for r in current):
                out.append(handout.paragraph(handout.text(tuple(current)), styles.body))
            formula = FormulaFlowable(run.math, handout, styles.body.fontSize * 1.2)
            out.append(Marked(formula, handout.container.add("Formula",
                                                             alt=formula_text(run.math))))
            current = []
        else:
            current.append(run)
    if any(r.text.strip() for r in current):
        out.append(handout.paragraph(handout.text(tuple(current)), styles.body))
    return out


def formula_text(formula) -> str:
    """A formula's alternative text: its one-line form (x^2 + y^2)."""
    from ...layout.math import linear
    return linear(formula.root) or "a formula"


class FormulaFlowable(Flowable):
    """A display formula, set as the slides set it (layout.math), centred."""

    def __init__(self, formula, handout: Handout, size: float):
        super().__init__()
        self.formula, self.handout, self.size = formula, handout, size
        self.box = formula_box(formula, size)

    def wrap(self, available_width, available_height):
        self.available = available_width
        return available_width, self.box.ascent + self.box.descent + 8

    def draw(self):
        from ...layout.math import Glyph
        canvas = self.canv
        x = max((self.available - self.box.width) / 2, 0)
        baseline = self.box.descent + 4
        canvas.setFillColor(self.handout.styles.text)
        canvas.setStrokeColor(self.handout.styles.text)
        for item in self.box.items:
            if isinstance(item, Glyph):
                for name, piece in self.handout.fonts.split(item.text, item.font):
                    canvas.setFont(name, item.size)
                    canvas.drawString(x + item.x, baseline + item.y, piece)
            else:
                canvas.setLineWidth(item.width)
                canvas.line(x + item.x1, baseline + item.y1, x + item.x2, baseline + item.y2)


def callout(handout: Handout, block: Callout):
    """A callout as a tinted box with its coloured title, as on the slide."""
    from ...design.colour import tint
    from ..slide.shapes import colour

    styles = handout.styles
    shade = colour_of(block.kind)
    title = styles.h3.clone("callout_title", textColor=colour(shade), spaceBefore=0)
    content = [handout.paragraph(handout.text(title_of(block), title), title)] + \
        blocks(handout, block.blocks)
    box = Table([[content]], colWidths=[handout.width], hAlign="LEFT", spaceBefore=6,
                spaceAfter=4)
    box.setStyle(TableStyle([handout.styles.table_font,
                             ("BACKGROUND", (0, 0), (-1, -1), colour(tint(shade, 0.1))),
                             ("LINEBEFORE", (0, 0), (0, -1), 4, colour(shade)),
                             ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return box


def _spaces_kept(markup_text: str) -> str:
    """Code keeps its indentation: reportlab would fold a run of spaces into one."""
    return re.sub(r"^ +| {2,}", lambda m: "&nbsp;" * len(m.group()), markup_text)


def list_items(handout: Handout, block: ListBlock, level: int) -> List:
    out = []
    style = handout.styles.list_item(level)
    for index, item in enumerate(block.items):
        bullet = block.label(index) if block.ordered else \
            LIST_BULLETS[level % len(LIST_BULLETS)]
        item_style = style
        if item.checkbox is not None:  # a task: a box, or a check mark (DejaVu's)
            bullet = "\u2714" if item.checkbox else "\u25a1"
            item_style = style.clone(f"{style.name}-task", bulletFontName=wide_font()[0])
        paragraph = handout.list_item(handout.text(item.text), item_style, bullet)
        out.append(paragraph)
        body = paragraph.element
        out += [handout.paragraph_of(body, handout.text(text), style)
                for text in item.continued + item.after_pauses]
        for child in item.children:  # a nested list: in the item's body
            with handout.within(body), handout.inside("L"):
                out += list_items(handout, child, level + 1)
    return out


def table(handout: Handout, block: TableBlock) -> Table:
    styles = handout.styles
    rows = ([block.header] if block.header else []) + list(block.rows)
    columns = max(len(r) for r in rows) if rows else 1
    header_style = styles.cell.clone("cell_header", fontName=handout_font("Helvetica-Bold"),
                                     textColor=colors.white)
    data = []
    with handout.inside("Table"):
        for r, row in enumerate(rows):
            header = r == 0 and bool(block.header)
            style = header_style if header else styles.cell
            with handout.inside("TR"):
                data.append([handout.paragraph(
                    handout.text(row[c], style) if c < len(row) else "", style,
                    "TH" if header else "TD",
                    attributes={"O": "Table", "Scope": "Column"} if header else None)
                    for c in range(columns)])
    widths = [handout.width / columns] * columns
    if len(block.widths) == columns and sum(block.widths) > 0:  # as the source gave them
        widths = [handout.width * share / sum(block.widths) for share in block.widths]
    result = Table(data, colWidths=widths, hAlign="LEFT", spaceBefore=6, spaceAfter=4)
    commands = [styles.table_font, ("GRID", (0, 0), (-1, -1), 0.5, styles.rule),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if block.header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), styles.accent))
    result.setStyle(TableStyle(commands))
    handout.tall_rows_split(result)
    if block.caption:
        return KeepTogether([result, handout.paragraph(handout.text(block.caption,
                                                                    styles.caption),
                                                       styles.caption, "Caption")])
    return result


def picture(handout: Handout, block: Image) -> List:
    loaded = load_picture(block.path)
    width = min(handout.width * 0.6, 3.6 * inch)
    height = width * loaded.height / max(loaded.width, 1)
    if height > 3 * inch:
        width, height = width * 3 * inch / height, 3 * inch
    drawn = PictureFlowable(io.BytesIO(loaded.data), width=width, height=height, hAlign="LEFT")
    alt = " ".join(block.alt.split())
    out: List = [Spacer(1, 4), handout.figure(drawn, alt) if alt else drawn]
    if block.caption_text:
        out.append(handout.paragraph(handout.text(block.caption_text, handout.styles.caption),
                                     handout.styles.caption, "Caption"))
    return [KeepTogether(out)]
