"""Stage 3, Render: the facilitator guide, `NAME-facilitator.pdf` (reportlab).

What a trainer runs the session from, beside the slides, as public-health
curricula ship their facilitator manuals: a cover; the run of show (sections and
activities with their minutes, clock times from `start:` and the running total);
the materials checklist from every `::: materials`; what to prepare; then every
slide with its miniature, time, speaker notes, facilitator notes, activities
with their steps and debrief questions, and the answers. Each page's header
names the section and its clock times.

A renderer of its own that reads only the model and the shared layout, built on
the handout's machinery so that both look and behave alike (and are tagged by
the same code): its document (paper, footers, bookmarks, metadata), styles,
fonts, markup, the miniature drawing and the way blocks are set (`layouts`).
The parts:

- front.py   the cover, the run of show, materials and prep
- slides.py  the slides, each with what the facilitator needs beside it
- boxes.py   how the trainer's blocks are set (activities, notes, answers...)
- headers.py the running header: the section and its clock times
- words.py   every word the guide adds, in one table
"""
from __future__ import annotations

from typing import Optional

from ...errors import Findings
from ...model import Deck
from ...schedule import run_of_show
from ..handout import check_fonts
from ..handout.context import Handout
from ..handout.document import PAPER, Bookmarks, HandoutDocument
from ..fonts import FontSet
from ..slide.drawer import SlideDrawer
from ..handout.styles import Styles
from .boxes import TrainerBlocks
from .front import cover, materials, prep, run_of_show_table
from .headers import RunningHeaders
from .slides import slide_pages
from .words import words_for


def render_guide(deck: Deck, paper: str = "letter",
                 findings: Optional[Findings] = None) -> bytes:
    """The finished facilitator guide as PDF bytes; font problems go to `findings`."""
    if paper not in PAPER:
        raise ValueError(f"unknown paper size {paper!r}")
    fonts = FontSet(deck.theme.font_files)
    check_fonts(deck, fonts, "full", findings if findings is not None else Findings(),
                output="facilitator guide")
    styles = Styles(deck.theme)
    words = words_for(deck.meta.lang)
    run = run_of_show(deck)
    headers = RunningHeaders(words, run)
    document = HandoutDocument(deck, paper, fonts, styles, label=words.text("Facilitator guide"),
                               header=headers.header)
    # The guide's own heading names each slide (H2): its miniature's title is an H3.
    handout = Handout(deck, "guide", document, styles, fonts,
                      SlideDrawer(deck, fonts, title_role="H3"),
                      Bookmarks(), trainer_blocks=TrainerBlocks(words, run))
    story = cover(handout, words, run) + run_of_show_table(handout, words, run) \
        + materials(handout, words) + prep(handout, words) \
        + slide_pages(handout, words, run, headers)
    return document.build(story)
