"""A template's fonts are measured as LibreOffice sets them: the same lines in every box.

The lines predicted for the deck (as the handout's miniatures draw them: lines filled
to the box's width) are the lines LibreOffice draws. LibreOffice kerns pairs of letters
and lays text out at a reference resolution, so its lines come out up to about 1.5 %
narrower than the font's advance widths (which PowerPoint uses when the template does
not turn kerning on); where a line of the prediction is that close to the box's edge,
LibreOffice may fit one more word, and the count may be lower by as much. Fitting
measures with that margin (`WIDTH_SHARE`), so it never counts fewer lines than drawn.

A Calibri template is measured with Carlito's widths (the same as Calibri's), a
Verdana one (a font no one ships freely) with DejaVu Sans, which is wider and is
what LibreOffice draws Verdana with where it is missing. Skipped without soffice
and pdftotext, or when fontconfig does not substitute those fonts so.
"""
import io
import shutil
import subprocess

import pytest
from pptx import Presentation

from conftest import REGION
from deckbuild.build import render
from deckbuild.errors import Findings
from deckbuild.layout.geometry import geometry_for
from deckbuild.layout.linebreak import WIDTH_SHARE, wrap
from deckbuild.layout.measure import para_lines
from deckbuild.layout.plan import plan_slide, title_text
from deckbuild.model import Layout
from deckbuild.render.slide.text import lines_of
from libreoffice import drawn_pages, needs_libreoffice, to_pdf
from templates import make_template

WORDS = ("people services harm reduction community outreach naloxone housing treatment recovery"
         " support trust dignity respect workers clients programs access barriers stigma").split()


def sentence(seed: int, length: int) -> str:
    return " ".join(WORDS[(seed * 7 + k * 3) % len(WORDS)] for k in range(length))


DECK = "\n".join(
    [f"## {sentence(20 + n, 6 + n)}\n\n" + "\n".join(f"- {sentence(n * 5 + k, 9 + (k * 4) % 11)}"
                                                      for k in range(4)) + "\n"
     for n in range(4)])


def substitutes(family: str, expected: str) -> bool:
    if not shutil.which("fc-match"):
        return False
    found = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True,
                           text=True).stdout
    return expected in found


def lines_in(lines, box, size):
    """pdftotext's lines whose words sit inside `box` (by their baseline and left edge)."""
    inside = []
    for line in lines:
        words = [w for w in line.words if box.x - 2 <= w.left <= box.x + box.w + 2]
        if words and box.y - 2 <= line.baseline <= box.y + box.h + size * 0.4:
            inside.append(line)
    return inside


@pytest.mark.parametrize("font, stand_in", [("Calibri", "Carlito"), ("Verdana", "DejaVu Sans")])
@needs_libreoffice
def test_every_box_has_the_lines_libreoffice_draws(project, font, stand_in):
    if not substitutes(font, stand_in):
        pytest.skip(f"fontconfig does not draw {font} as {stand_in} here")
    make_template(project.root / "assets" / "org.pptx", font=font, sample_slides=0)
    project.region(REGION.replace("variables:", "theme:\n  template: assets/org.pptx\nvariables:"))
    deck = project.read(DECK, "testland", Findings())
    data = render(deck, "pptx")
    pages = drawn_pages(to_pdf(data, project.root))
    geometry = geometry_for(deck.theme)
    assert geometry.style(Layout.CONTENT, "body").font == font
    compared = exact = boxes = 0
    for slide, lines in zip(deck.slides, pages):
        plan = plan_slide(slide, geometry)
        runs = title_text(slide.title, plan.title_bold)
        title = [len(wrap(runs, plan.title_box.w / share, plan.title_size, font=plan.title_font,
                          caps=plan.title_caps)) for share in (WIDTH_SHARE, WIDTH_SHARE ** 2)]
        drawn = len(lines_in(lines, plan.title_box, plan.title_size))
        assert title[1] <= drawn <= title[0], slide.title
        exact += title[0] == title[1]
        boxes += 1
        for area in plan.areas:
            predicted, closest = [sum(len(lines_of(p, area.box.w * WIDTH_SHARE / share,
                                                   area.size, area.font)) for p in area.paras)
                                  for share in (WIDTH_SHARE, WIDTH_SHARE ** 2)]
            fitted = sum(len(para_lines(p, area.box.w, area.size, area.font))
                         for p in area.paras)
            drawn = lines_in(lines, area.box, area.size)
            assert closest <= len(drawn) <= predicted <= fitted, \
                (area.name, [line.text for line in drawn])
            exact += predicted == closest
            compared += 1
            boxes += 1
    # Most boxes have no line that close to the edge: their count is the one drawn.
    assert compared >= 4 and exact >= 0.75 * boxes
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(deck.slides)
