"""What LibreOffice draws of fitted slides: every word inside its box, nothing dropped.

One conversion of a deck built to be hard to fit (skipped without soffice and
pdftotext): 24 long bullets, unbreakable addresses, nested lists, titles of two
and three lines, a numbered list past 9, columns and a table.
"""
import io
import re

import pytest
from pptx import Presentation

from deckbuild.check import check_source
from deckbuild.layout.geometry import DEFAULT_GEOMETRY
from deckbuild.layout.plan import plan_slide
from deckbuild.model import plain
from libreoffice import drawn_pages, needs_libreoffice, stray_words, to_pdf

WORDS = ("people services harm reduction community outreach naloxone housing treatment recovery"
         " support trust dignity respect workers clients programs access barriers stigma").split()


def sentence(seed: int, length: int) -> str:
    return " ".join(WORDS[(seed * 7 + k * 3) % len(WORDS)] for k in range(length))


BULLETS = "\n".join(f"- {n:02d} {sentence(n, 8 + (n * 5) % 15)}" for n in range(24))
DECK = f"""
---
title: Hard to fit
---

## Twenty-four long bullets

{BULLETS}

## Addresses that do not break

- Visit https://www.example.org/a/very/long/path/that/keeps/going/and/going/without/any/spaces/at/all/index.html for more
- Write to averyveryverylongmailboxnamethatneverends@some-very-long-domain-name.example.org today
- [A link with several words that starts near the end of a line of text](https://example.org/x)
- {"x" * 150}

## Nested lists

- {sentence(1, 12)}
    - {sentence(2, 10)}
        - {sentence(3, 9)}
- {sentence(4, 12)}
    - {sentence(5, 14)}

## A title long enough to need two lines at the title size, or even three lines when it goes on and on

- {sentence(6, 10)}

## Numbered

8. {sentence(7, 14)}
9. {sentence(8, 6)}
10. {sentence(9, 16)}
11. {sentence(10, 4)}

## Columns

:::: columns
::: column
- {sentence(11, 14)}
- {sentence(12, 9)}
:::
::: column
- {sentence(13, 11)}
:::
::::

## A table

| Service | Notes |
|---|---|
| {sentence(14, 5)} | {sentence(15, 18)} |
| {sentence(16, 3)} | {sentence(17, 6)} |
"""


NO_BULLETS = str.maketrans("", "", "\u2022\u2013\u25e6")


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b\u2060]", "", text)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    from conftest import Project
    project = Project(tmp_path_factory.mktemp("lo"))
    path = project.deck(DECK)
    deck = project.read(DECK)
    from deckbuild.build import render
    data = render(deck, "pptx")
    pages = drawn_pages(to_pdf(data, project.root))
    return path, deck, Presentation(io.BytesIO(data)), pages


@needs_libreoffice
def test_every_word_is_drawn_inside_the_slide_and_its_box(drawn):
    _, deck, prs, pages = drawn
    assert len(pages) == len(deck.slides)
    assert stray_words(prs, pages) == []


@needs_libreoffice
def test_nothing_is_dropped(drawn):
    _, deck, prs, pages = drawn
    for number, (slide, lines) in enumerate(zip(prs.slides, pages), 1):
        # Bullets are drawn by LibreOffice, not written in the text.
        drawn_text = squash("".join(line.text for line in lines)).translate(NO_BULLETS)
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for paragraph in (p for frame in frames for p in frame.paragraphs):
                assert squash(paragraph.text).translate(NO_BULLETS) in drawn_text, \
                    (number, paragraph.text)
    bullets = [plain(item.text) for slide in deck.slides[1:4] for item in slide.blocks[0].items]
    assert [b[:2] for b in bullets] == [f"{n:02d}" for n in range(24)]


@needs_libreoffice
def test_no_text_box_is_drawn_taller_than_measured_or_smaller_than_written(drawn):
    """LibreOffice never needs more room than the fitting step measured (it may need less:
    lines are filled a little short of the edge, to allow for its rounding)."""
    _, deck, _, pages = drawn
    for number, (slide, lines) in enumerate(zip(deck.slides, pages), 1):
        for area in plan_slide(slide, DEFAULT_GEOMETRY).areas:
            box = area.box
            inside = [w for line in lines for w in line.words
                      if box.x - 1 <= w.left and w.right <= box.x + box.w + 1
                      and box.y - 2 <= w.top and w.bottom <= box.y + box.h + 2]
            assert inside, (number, area.name)
            # Drawn at the sizes written: LibreOffice's autofit did not shrink anything.
            sizes = {area.size * para.scale for para in area.paras}
            assert all(min(abs(w.size - s) for s in sizes) < 0.3 for w in inside), \
                (number, area.name)
            if area.name in ("body", "left", "right"):  # anchored at the top
                bottom = max(w.bottom for w in inside)
                assert bottom <= box.y + area.height + 1.0, (number, area.name)


@needs_libreoffice
def test_check_names_the_line_of_the_slide_that_was_split(drawn):
    path = drawn[0]
    line = DECK.lstrip("\n").splitlines().index("## Twenty-four long bullets") + 1
    rules = {(f.rule, f.line) for f in check_source(path)}
    assert ("overflow-split", line) in rules
    assert ("too-many-bullets", line) in rules
