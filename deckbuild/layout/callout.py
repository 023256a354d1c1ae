"""Quarto's callouts (`::: {.callout-note}`) as both renderers draw them.

A box in a light tint of the callout's colour with a bar of the full colour on
its left, a title line in that colour ("Note", or the callout's `title=`), and
the callout's text below. The colours follow Quarto's (note blue, tip green,
warning amber, caution orange, important red), darkened until the title reads
on its tint at WCAG's 4.5:1.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

from ..design.box import Box
from ..design.colour import tint
from ..model import Callout, Run
from .measure import text_height
from .paragraphs import TextPara, bold, paragraphs_for

KINDS = ("note", "tip", "warning", "caution", "important")
# "activity": an `::: activity` as its slide shows it (its title and instructions).
COLOURS = {"note": "0B5CAD", "tip": "1E7B34", "warning": "8A5A00", "caution": "B54708",
           "important": "B42318", "activity": "6A3D9A"}
TITLES = {"note": "Note", "tip": "Tip", "warning": "Warning", "caution": "Caution",
          "important": "Important", "activity": "Activity"}
TINT = 0.1  # the box's fill: this share of the colour on white
BAR = 5.0  # the coloured bar on the left, in points
PAD = 9.0  # inside the box


@dataclass(frozen=True)
class CalloutLayout:
    box: Box  # the whole box
    bar: Box
    text: Box  # where the title and the text are set
    paras: Tuple[TextPara, ...]  # the title line first
    colour: str
    fill: str


def colour_of(kind: str) -> str:
    return COLOURS.get(kind, COLOURS["note"])


def title_of(callout: Callout):
    return callout.title or (Run(TITLES.get(callout.kind, "Note")),)


def callout_paras(callout: Callout) -> Tuple[TextPara, ...]:
    title = TextPara(bold(title_of(callout)), "heading")
    return (title,) + tuple(paragraphs_for(callout.blocks))


def callout_height(callout: Callout, width: float, size: float) -> float:
    """The height the callout needs in a box `width` wide, its text at `size`."""
    paras = callout_paras(callout)
    return text_height(paras, width - BAR - 2 * PAD, size) + 2 * PAD


def callout_layout(callout: Callout, planned: Box, size: float) -> CalloutLayout:
    colour = colour_of(callout.kind)
    height = min(planned.h, callout_height(callout, planned.w, size))
    box = Box(planned.x, planned.y, planned.w, height)
    bar = Box(box.x, box.y, BAR, box.h)
    text = Box(box.x + BAR + PAD, box.y + PAD, box.w - BAR - 2 * PAD, box.h - 2 * PAD)
    return CalloutLayout(box, bar, text, callout_paras(callout), colour, tint(colour, TINT))
