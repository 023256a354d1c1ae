"""The paragraph model both renderers set: a slide's text blocks as `TextPara`s.

Both renderers set body text from the same `TextPara` list with the same sizes,
spacing and indents, so what fits here fits in PowerPoint, LibreOffice and the
handout's miniatures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import List, Optional, Sequence, Tuple

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model import (Callout, CodeBlock, DefinitionList, Heading, ListBlock, Paragraph, Pause,
                     Quote, ResourceList, Run, Text, iter_blocks)

SPACE_BEFORE = 0.45  # space before a top-level paragraph, times its size
SPACE_BEFORE_NESTED = 0.2
INDENT = 30.0  # points per list level
HANGING = 22.0  # bullet to text
NUMBER_GAP = 8.0  # between a list number ("10.") and its text
NUMBER_BASIS = 24.0  # the largest size list numbers are set at (the body's starting size)


@dataclass(frozen=True)
class TextPara:
    """One paragraph of a text box, as both renderers set it."""

    runs: Text
    # plain|bullet|number|heading|quote|attribution|code|detail|byline|term|definition|math|
    # continuation (a list item's further paragraph, or its text after a pause: no bullet)
    kind: str = "plain"
    level: int = 0
    number: int = 0
    scale: float = 1.0  # size relative to the box's body size
    align: str = "left"
    caps: bool = False  # drawn in capitals by the layout (section titles)
    incremental: bool = False  # a list item shown on a click
    numbering: Tuple[str, str] = ("decimal", "period")  # number: the list's style, delimiter
    label: str = ""  # number: as printed ("3.", "c)", "(iv)")
    widest: str = ""  # number: the widest number of its list as printed ("10.", "(viii)")
    pause: bool = False  # a `. . .` pause comes before it: it appears on a later click
    checkbox: Optional[bool] = None  # bullet: a task's box, ☐ open or ☑ done

    @property
    def left(self) -> float:
        if self.kind == "definition":
            return INDENT * (self.level + 1)
        return INDENT * self.level + self.hanging

    @property
    def hanging(self) -> float:
        """Room for the bullet or number left of the text: the widest number of its list fits."""
        if self.kind == "number" or (self.kind == "continuation" and self.widest):
            sample = self.widest or self.label or f"{self.number}."
            label = stringWidth(sample, "Helvetica", NUMBER_BASIS)
            return max(HANGING, float(int(label + NUMBER_GAP + 0.999)))
        return HANGING if self.kind in ("bullet", "continuation") else 0.0

    def text_width(self, box_width: float) -> float:
        """The width its lines wrap in: the box less the indent."""
        return max(box_width - self.left, 20.0)

    def space_before(self, size: float) -> float:
        factor = SPACE_BEFORE if self.level == 0 else SPACE_BEFORE_NESTED
        if self.kind == "detail":
            factor = 0.1
        return factor * size * self.scale


BULLETS = ("\u2022", "\u2013", "\u25e6", "\u2022", "\u2013", "\u25e6")
BALLOT_BOX, BALLOT_BOX_CHECKED = "\u2610", "\u2611"


def bullet_for(para: TextPara) -> str:
    if para.kind == "number":
        return para.label or f"{para.number}."
    if para.checkbox is not None:
        return BALLOT_BOX_CHECKED if para.checkbox else BALLOT_BOX
    return BULLETS[para.level % len(BULLETS)]


def bold(text: Text) -> Text:
    """`text` set bold (titles, headings, table headers)."""
    return tuple(replace(run, bold=True) for run in text)


def italic(text: Text) -> Text:
    return tuple(replace(run, italic=True) for run in text)


def paragraphs_for(blocks: Sequence) -> List[TextPara]:
    """The text blocks of a slide as paragraphs; pictures and tables are placed elsewhere.

    After a pause, the next paragraph is marked (`pause`): from there on the slide
    appears on a later click.
    """
    paras: List[TextPara] = []
    paused = False
    for block in blocks:
        if isinstance(block, Pause):
            paused = True
            continue
        start = len(paras)
        _block_paras(block, paras)
        if paused and len(paras) > start:
            paras[start] = replace(paras[start], pause=True)
            paused = False
    return paras


def _block_paras(block, paras: List[TextPara]) -> None:
    if isinstance(block, Paragraph):
        paras.extend(_paragraph_paras(block.text))
    elif isinstance(block, DefinitionList):
        for item in block.items:
            paras.append(TextPara(bold(item.term), "term"))
            for definition in item.definitions:
                paras.append(TextPara(definition, "definition"))
    elif isinstance(block, Callout):
        if block.title:
            paras.append(TextPara(bold(block.title), "heading"))
        for inner in block.blocks:
            _block_paras(inner, paras)
    elif isinstance(block, Heading):
        paras.append(TextPara(bold(block.text), "heading"))
    elif isinstance(block, ListBlock):
        paras.extend(_list_paras(block, 0))
    elif isinstance(block, Quote):
        for text in block.paragraphs:
            paras.append(TextPara(italic(text), "quote"))
        if block.attribution:
            paras.append(TextPara((Run("\u2014 "),) + block.attribution, "attribution",
                                  scale=0.85))
    elif isinstance(block, CodeBlock):
        for line in block.code.split("\n") or [""]:
            paras.append(TextPara((Run(line or " ", code=True),), "code", scale=0.8))
    elif isinstance(block, ResourceList):
        for resource in block.items:
            paras.extend(resource_paras(resource))


def _paragraph_paras(text: Text) -> List[TextPara]:
    """A paragraph; a display formula in it is a centred paragraph of its own."""
    if not any(run.math is not None and run.math.display for run in text):
        return [TextPara(text)]
    paras, current = [], []
    for run in text:
        if run.math is not None and run.math.display:
            if _visible(current):
                paras.append(TextPara(_trim(tuple(current))))
            paras.append(TextPara((run,), "math", align="center"))
            current = []
        else:
            current.append(run)
    if _visible(current):
        paras.append(TextPara(_trim(tuple(current))))
    return paras


def _visible(runs) -> bool:
    return any(run.text.strip() for run in runs)


def _trim(runs: Text) -> Text:
    runs = list(runs)
    while runs and not runs[0].text.strip() and runs[0].math is None:
        runs.pop(0)
    while runs and not runs[-1].text.strip() and runs[-1].math is None:
        runs.pop()
    if runs and runs[0].math is None:
        runs[0] = replace(runs[0], text=runs[0].text.lstrip())
    if runs and runs[-1].math is None:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return tuple(runs)


def resource_paras(resource) -> List[TextPara]:
    name = Run(resource.name, bold=True, link=resource.url or None)
    head: List[Run] = [name]
    if resource.description:
        head.append(Run(" \u2014 " + resource.description))
    details = [d for d in (resource.phone, resource.hours) if d]
    if resource.url and not resource.url.startswith("tel:"):
        details.append(display_url(resource.url))
    paras = [TextPara(tuple(head))]
    if details:
        paras.append(TextPara((Run("  \u00b7  ".join(details)),), "detail", scale=0.75))
    return paras


def resource_notes(blocks) -> Tuple[Text, ...]:
    """What a trainer can say about each service on a resources slide, for its speaker
    notes: its name, the region's description, and when and how to reach it."""
    notes = []
    for block in iter_blocks(blocks):
        if not isinstance(block, ResourceList):
            continue
        for resource in block.items:
            runs = [Run(resource.name, bold=True)]
            if resource.description:
                runs.append(Run(": " + resource.description))
            reach = [d for d in (resource.phone, resource.hours) if d]
            if reach:
                runs.append(Run(f" ({'; '.join(reach)})"))
            notes.append(tuple(runs))
    return tuple(notes)


def display_url(url: str) -> str:
    """An address as printed: without the scheme for web addresses."""
    return re.sub(r"^(https?://|mailto:|tel:)", "", url).rstrip("/")


def _list_paras(block: ListBlock, level: int, incremental: bool = False) -> List[TextPara]:
    paras = []
    incremental = incremental or block.incremental
    labels = [block.label(index) for index in range(len(block.items))] if block.ordered else []
    widest = max(labels, key=lambda text: stringWidth(text, "Helvetica", NUMBER_BASIS),
                 default="")
    for index, item in enumerate(block.items):
        kind = "number" if block.ordered else "bullet"
        paras.append(TextPara(item.text, kind, level, block.start + index,
                              incremental=incremental,
                              numbering=(block.style, block.delimiter),
                              label=labels[index] if labels else "", widest=widest,
                              checkbox=item.checkbox))
        for text in item.continued:  # the item's further paragraphs: at its text, no bullet
            paras.append(TextPara(text, "continuation", level, incremental=incremental,
                                  widest=widest))
        for text in item.after_pauses:  # the item's text after a `. . .`: a later click
            paras.append(TextPara(text, "continuation", level, incremental=incremental,
                                  widest=widest, pause=True))
        for child in item.children:
            paras.extend(_list_paras(child, level + 1, incremental))
    return paras
