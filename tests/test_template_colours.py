"""What deckbuild draws on a template's slide is readable on what is under it: the date it
writes into the template's date placeholder, titles on a photo (deck, handout and check)."""
import io

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from conftest import REGION
from deckbuild.build import render
from deckbuild.check import check_source
from deckbuild.design.colour import contrast
from deckbuild.design.template import template_at
from deckbuild.errors import Findings
from templates import make_template, pale_date
from test_template_kinds import pdf_fill_colours

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DECK = """---
title: Harm Reduction
subtitle: Every door the right door
date: 2026-11
---

## A brief history

- It did not begin with drugs
"""


def build(project, make, deck=DECK):
    path = project.root / "assets" / "org.pptx"
    make_template(path, sample_slides=1)
    make(path)
    project.region(REGION.replace("variables:", "theme:\n  template: assets/org.pptx\nvariables:"))
    fitted = project.read(deck, "testland", Findings())
    return fitted, Presentation(io.BytesIO(render(fitted, "pptx")))


def run_colours(shape, template):
    """The colours a shape's runs set, as RRGGBB (scheme colours as the template maps them)."""
    scheme = dict(template_at(str(template)).layouts[0].colours)
    found = []
    for fill in shape._element.iter(f"{A}solidFill"):
        if fill.getparent().tag == f"{A}rPr":
            colour = fill[0]
            found.append(colour.get("val") if colour.tag == f"{A}srgbClr"
                         else scheme[colour.get("val")])
    return found


def test_the_date_in_a_pale_date_placeholder_gets_a_readable_colour(project):
    fitted, prs = build(project, pale_date)
    dates = [s for s in prs.slides[0].placeholders
             if s.placeholder_format.type == PP_PLACEHOLDER.DATE]
    assert dates and dates[0].text_frame.text == "2026-11"
    colours = run_colours(dates[0], project.root / "assets" / "org.pptx")
    assert colours and all(contrast(c, "EEECE1") >= 4.5 for c in colours)
    assert set(colours) <= pdf_fill_colours(render(fitted, "handout"))  # the miniature too
    found = [f for f in check_source(project.source / "deck.md", "testland")
             if f.rule == "contrast"]
    assert not any("8D8D8D" in f.message for f in found)  # (the subtitle is the template's)


def test_a_readable_date_keeps_the_template_colour(project):
    fitted, prs = build(project, lambda path: pale_date(path, date="404040"))
    date = [s for s in prs.slides[0].placeholders
            if s.placeholder_format.type == PP_PLACEHOLDER.DATE][0]
    assert run_colours(date, project.root / "assets" / "org.pptx") == []  # inherited from the template's placeholder


QUOTE_DECK = """---
title: Harm Reduction
---

## Recognizing barriers

> "My door is always open. That's why I installed the tripwire, my friend."
"""


def test_the_quote_mark_stays_left_of_the_quote(project):
    """The big mark's glyph (half an em of 120 pt, after its text inset) ends where the
    quote's box begins, so a first line as wide as the box does not run into it."""
    from templates import google_slides_like  # zero text margins: the first line at the edge
    _, prs = build(project, google_slides_like, QUOTE_DECK)
    slide = prs.slides[1]
    mark = next(s for s in slide.shapes if s.name == "Quotation mark")
    quote = next(s for s in slide.shapes if s.has_text_frame and "tripwire" in s.text_frame.text)
    inset = int(quote.text_frame._txBody.bodyPr.get("lIns", 91440))
    assert mark.left + Pt(7.2 + 0.5 * 120) <= quote.left + inset
    assert mark.left >= 0
