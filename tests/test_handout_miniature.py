"""Miniatures against LibreOffice's own rendering of the same deck (needs soffice).

Every line of text in LibreOffice's PDF of the .pptx must start at the same
place, in slide points, in the miniature drawn from the model.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from deckbuild.build import render
from deckbuild.render.fonts import FontSet
from deckbuild.render.slide.drawer import Miniature, SlideDrawer

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TEMPLATE = ROOT / "assets" / "example-template.pptx"
TEMPLATED_REGION = """\
name: Templated
theme:
  template: assets/example-template.pptx
resources:
  - group: Here
    items:
      - name: Help
        url: https://help.example.org
"""

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


def templated(project):
    shutil.copy(EXAMPLE_TEMPLATE, project.root / "assets" / "example-template.pptx")
    project.region(TEMPLATED_REGION, "templated")
    return project.read(DECK.replace("date: 2026-11", "date: 2026-11\nregion: templated"))


def miniatures(deck) -> bytes:
    """Every slide drawn full size, one a page."""
    drawer = SlideDrawer(deck, FontSet())
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(drawer.width, drawer.height))
    for number, slide in enumerate(deck.slides, 1):
        drawer.draw(canvas, slide, number, 0, 0, drawer.width)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (soffice)")
@pytest.mark.parametrize("design", ["ours", "template"])
def test_miniature_text_sits_where_libreoffice_sets_it(project, tmp_path, design):
    deck = project.read(DECK) if design == "ours" else templated(project)
    pptx = tmp_path / "deck.pptx"
    pptx.write_bytes(render(deck, "pptx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
                   check=True, capture_output=True, timeout=180)
    office = line_starts((tmp_path / "deck.pdf").read_bytes())

    ours = line_starts(miniatures(deck))

    assert len(ours) == len(office) == len(deck.slides)
    for number, (theirs, mine) in enumerate(zip(office, ours), 1):
        for (x, y), text in theirs.items():
            if text.strip() in ("\u2022", "\u2013"):
                continue  # bullets: LibreOffice sets them in its own bullet font
            close = [t for (mx, my), t in mine.items() if abs(mx - x) < 1.5 and abs(my - y) < 1.5]
            assert close, f"slide {number}: {text!r} at {x}, {y} not in the miniature: {mine}"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs pdftoppm (poppler-utils)")
def test_a_template_brings_its_own_design(project, tmp_path):
    """The example template's title slide is dark purple, its section slides lavender,
    its content slides have a purple title band: so are the miniatures."""
    from PIL import Image
    deck = templated(project)
    path = tmp_path / "mini.pdf"
    path.write_bytes(miniatures(deck))
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))

    def pixel(page, x, y):
        image = Image.open(pages[page]).convert("RGB")
        return image.getpixel((int(x * image.width), int(y * image.height)))

    assert pixel(0, 0.5, 0.9) == (0x34, 0x18, 0x4A)  # the template's dark title slide
    assert pixel(1, 0.5, 0.02) == (0x7A, 0x3E, 0x9D)  # its title band (accent 1)
    assert pixel(1, 0.5, 0.6) == (0xFF, 0xFF, 0xFF)
    assert pixel(1, 0.005, 0.6) == (0xFF, 0xFF, 0xFF)  # not our accent stripe
    assert pixel(2, 0.5, 0.9) == (0xF3, 0xED, 0xF7)  # its lavender section slides


def test_a_four_by_three_template_gives_four_by_three_miniatures(project):
    from templates import make_template
    make_template(project.root / "assets" / "narrow.pptx")
    project.region(TEMPLATED_REGION.replace("example-template", "narrow"), "templated")
    deck = project.read(DECK.replace("date: 2026-11", "date: 2026-11\nregion: templated"))
    drawer = SlideDrawer(deck, FontSet())
    assert drawer.aspect == pytest.approx(0.75)
    assert Miniature(drawer, deck.slides[1], 2, 400).wrap(400, 1000) == (400, 300)
