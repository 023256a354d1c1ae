"""Miniatures against LibreOffice's own rendering of the same deck (needs soffice).

Every line of text in LibreOffice's PDF of the .pptx must start at the same
place, in slide points, in the miniature drawn from the model.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from collections import defaultdict

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from deckbuild.build import render
from deckbuild.layout.geometry import SLIDE_HEIGHT, SLIDE_WIDTH
from deckbuild.render.handout.fonts import FontSet
from deckbuild.render.handout.miniature import SlideDrawer

DECK = """
---
title: Harm Reduction
subtitle: Making every door the right door
organization: Testland Health
date: 2026-11
---

## Agenda

It didn't begin with drugs.

- History, with a line long enough to wrap onto a second line of the slide body
  - Nested point
- Principles

# Principles

## Recognizing barriers

> My door is always open. That's why I installed the tripwire.

## Every Door is the Right Door
"""


def line_starts(pdf: bytes) -> list:
    """Per page: {(x, baseline from the top)} of every line of text, in slide points."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lines = defaultdict(str)

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                lines[(round(x, 1), round(height - y, 1))] += text

        page.extract_text(visitor_text=visit)
        pages.append(dict(lines))
    return pages


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (soffice)")
def test_miniature_text_sits_where_libreoffice_sets_it(project, tmp_path):
    deck = project.read(DECK)
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(render(deck, "pptx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
                   check=True, capture_output=True, timeout=180)
    office = line_starts((tmp_path / "deck.pdf").read_bytes())

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(SLIDE_WIDTH, SLIDE_HEIGHT))
    drawer = SlideDrawer(deck, FontSet())
    for number, slide in enumerate(deck.slides, 1):
        drawer.draw(canvas, slide, number, 0, 0, SLIDE_WIDTH)
        canvas.showPage()
    canvas.save()
    ours = line_starts(out.getvalue())

    assert len(ours) == len(office) == len(deck.slides)
    for number, (theirs, mine) in enumerate(zip(office, ours), 1):
        for (x, y), text in theirs.items():
            if text.strip() in ("\u2022", "\u2013"):
                continue  # bullets: LibreOffice sets them in its own bullet font
            close = [t for (mx, my), t in mine.items() if abs(mx - x) < 1.5 and abs(my - y) < 1.5]
            assert close, f"slide {number}: {text!r} at {x}, {y} not in the miniature: {mine}"
