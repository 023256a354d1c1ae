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
from templates import make_template, pale_date, photo_band
from PIL import Image as PILImage
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


def title_of(slide):
    return next(s for s in slide.placeholders
                if s.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE))


def backing(shape):
    fill = shape._element.spPr.find(f"{A}solidFill/{A}srgbClr")
    return fill.get("val") if fill is not None else None


def contrast_findings(project):
    return [f for f in check_source(project.source / "deck.md", "testland")
            if f.rule == "contrast"]


def test_a_title_on_a_photo_s_dark_band_and_pale_sea_gets_a_backing(project):
    """Black is unreadable on the band, white on the sea: no colour reads on both, so the
    title's box gets a backing in the photo's part most unlike black (the pale sea)."""
    fitted, prs = build(project, photo_band)
    title = title_of(prs.slides[1])
    assert backing(title) == "A5E7EF"
    assert run_colours(title, project.root / "assets" / "org.pptx") == []  # still black
    assert "A5E7EF" in pdf_fill_colours(render(fitted, "handout"))
    assert not any("title" in f.message for f in contrast_findings(project))


def test_a_title_wholly_on_the_dark_band_takes_a_readable_colour(project):
    fitted, prs = build(project, lambda path: photo_band(path, band_to=0.4))
    title = title_of(prs.slides[1])
    assert backing(title) is None
    colours = run_colours(title, project.root / "assets" / "org.pptx")
    assert colours and all(contrast(c, "014A84") >= 3 for c in colours)
    assert set(colours) <= pdf_fill_colours(render(fitted, "handout"))
    assert not any("title" in f.message for f in contrast_findings(project))


def test_the_photo_is_judged_by_its_worst_part_under_the_text():
    """Its average (a mid blue) would pass black; the band under half the box does not."""
    from deckbuild.design.box import Box
    from deckbuild.design.ink import ink_for
    from deckbuild.design.look import LayoutLook
    picture = io.BytesIO()
    image = PILImage.new("RGB", (100, 100), "#A5E7EF")
    image.paste(PILImage.new("RGB", (100, 50), "#014A84"), (0, 0))
    image.save(picture, "PNG")
    look = LayoutLook(background_picture=picture.getvalue(), text="000000")
    ink = ink_for(look, Box(0, 0, 100, 100), (100, 100), minimum=3.0)
    assert ink.under.picture and ink.under.worst("000000") == "014A84"
    assert ink.backing == "A5E7EF" and ink.ground == "A5E7EF"
    assert ink_for(look, Box(0, 60, 100, 40), (100, 100)).backing is None  # all on the sea


def test_template_check_says_the_title_gets_a_backing_on_the_photo(tmp_path):
    from deckbuild.check.template import exit_status, template_report
    path = photo_band(make_template(tmp_path / "org.pptx"))
    lines = template_report(str(path))
    said = [line.format("org.pptx") for line in lines]
    assert any("title's colour #000000" in s and "backing of #A5E7EF" in s for s in said)
    assert exit_status(lines) == 0  # deckbuild makes it readable: not an unpresentable deck


def test_a_miniature_s_tiny_slide_number_gets_a_colour_clear_in_small_print():
    """A grey number that passes 4.5:1 on the slide blurs a few points tall on paper: the
    miniature draws it in a colour of 7:1 or more."""
    from deckbuild.design.box import Box
    from deckbuild.design.ink import ink_for, small_print
    from deckbuild.design.look import LayoutLook
    look = LayoutLook(background="1D1D30", text="8A8AA0",
                      colours=(("tx1", "8A8AA0"), ("bg1", "1D1D30"), ("tx2", "F4F7FC")))
    ink = ink_for(look, Box(900, 500, 50, 30), (960, 540), "8A8AA0")
    assert 4.5 <= contrast(ink.readable_text_rgb, "1D1D30") < 7
    assert small_print(look, ink) == "F4F7FC"
