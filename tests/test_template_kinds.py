"""Each kind of template organizations bring builds a deck a trainer can present.

The fixtures are made here (tests/templates.py) the way those programs write
templates: a Google Slides export, a dark theme through an inverted colour map, a
LibreOffice save, layouts without placeholders, titles in filled bars, a .potx.
"""
import io
import re

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from conftest import REGION
from deckbuild.build import render
from deckbuild.check import check_source
from deckbuild.design.colour import contrast
from deckbuild.errors import DeckError, Findings
from deckbuild.layout.geometry import geometry_for
from deckbuild.model import Layout, plain
from templates import (as_potx, dark_inverted, google_slides_like, libreoffice_like,
                       make_template, title_bars, without_placeholders)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
DECK = """
---
title: Harm Reduction
subtitle: Every door the right door
author: Sam Trainer
---

# History

## A brief history

- It did not begin with drugs
- Needle exchanges in the 1980s
- Naloxone in the community
- Housing first
- Drop-in centres
- Peer support
- Visit <https://example.org/harm-reduction> for more

## A quote

> Well, I think you're wonderful.
> — Mister Rogers

## Two sides

:::: columns
::: column
- Punitive
- Coercive
:::
::: column
- Accepting
- Dignifying
:::
::::

# Resources

::: resources
:::
"""


def build(project, make, name="org.pptx", deck=DECK):
    path = project.root / "assets" / name
    make_template(path.with_suffix(".pptx"), sample_slides=1)
    make(path.with_suffix(".pptx"))
    if name.endswith(".potx"):
        as_potx(path.with_suffix(".pptx"), path)
    project.region(REGION.replace("variables:", f"theme:\n  template: assets/{name}\nvariables:"))
    findings = Findings()
    fitted = project.read(deck, "testland", findings)
    return fitted, Presentation(io.BytesIO(render(fitted, "pptx"))), findings


def untemplated_count(project, deck=DECK):
    project.region(REGION, "plain")
    return len(project.read(deck, "plain").slides)


def text_sizes(prs):
    return [int(rpr.get("sz")) / 100 for slide in prs.slides
            for rpr in slide._element.iter(f"{A}rPr") if rpr.get("sz")]


def titles_in_placeholders(fitted, prs):
    """Each titled slide: whether a title placeholder holds its title."""
    found = []
    for model, slide in zip(fitted.slides, prs.slides):
        if not model.title:
            continue
        held = [s for s in slide.placeholders if s.placeholder_format.type in TITLES]
        found.append(any(s.text_frame.text.replace("\u200b", "").replace("\u2060", "")
                         == plain(model.title) for s in held))
    return found


# ---------------------------------------------------------------- Google Slides export


def test_a_google_slides_template_fits_as_many_bullets_as_any(project):
    fitted, prs, _ = build(project, google_slides_like)
    assert len(fitted.slides) <= untemplated_count(project) * 1.15
    geometry = geometry_for(fitted.theme)
    body = geometry.box(Layout.CONTENT, "body")
    assert body.h > 200  # grown from one 22-point line down to the slide number
    assert min(text_sizes(prs)) >= 12
    assert all(titles_in_placeholders(fitted, prs))


def test_slide_numbers_get_the_width_of_the_widest_number(project):
    """Google Slides' number boxes are 0.14 in wide, for 7 pt: at our 12 pt, "12" would be
    set as "1" above "2". The box grows to the left, its right edge where it was."""
    fitted, prs, _ = build(project, google_slides_like, deck=DECK + "".join(
        f"\n## More {n}\n\n- point {n}\n" for n in range(10)))
    assert len(prs.slides) >= 10
    layout_box = [ph for ph in prs.slides[9].slide_layout.placeholders
                  if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER][0]
    number = [ph for ph in prs.slides[9].placeholders
              if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER][0]
    size = int(number._element.find(f".//{A}fld/{A}rPr").get("sz")) / 100
    assert number.width >= 2 * 0.6 * size * 12700 > layout_box.width
    assert number.left + number.width == layout_box.left + layout_box.width


def test_template_check_says_which_placeholders_grow(project):
    from deckbuild.check.template import template_report
    path = make_template(project.root / "org.pptx")
    google_slides_like(path)
    lines = [line.message for line in template_report(str(path))]
    assert any("'Title and Content': the title and body placeholders grow" in m for m in lines)


# ---------------------------------------------------------------- dark, inverted colour map


def test_a_dark_template_gets_bullets_and_links_readable_on_it(project):
    fitted, prs, findings = build(project, dark_inverted)
    slide = prs.slides[2]  # A brief history
    assert contrast("4472C4", "2B3A42") < 3  # the template's accent 1 would not do
    bullets = [p for p in slide._element.iter(f"{A}pPr") if p.find(f"{A}buChar") is not None]
    chosen = {p.find(f"{A}buClr")[0].get("val") for p in bullets}
    assert chosen and "accent1" not in chosen
    link = next(r for r in slide._element.iter(f"{A}rPr") if r.find(f"{A}hlinkClick")
                is not None)
    assert link.find(f"{A}solidFill")[0].get("val") != "hlink"
    # PowerPoint is told to draw the link in that colour, not the theme's link colour.
    assert link.find(f"{A}hlinkClick").find(".//{*}hlinkClr").get("val") == "tx"
    assert not [f for f in findings if f.rule == "contrast"]


def test_the_handout_draws_the_dark_background_and_readable_text(project):
    fitted, _, _ = build(project, dark_inverted)
    fills = pdf_fill_colours(render(fitted, "handout"))
    assert "2B3A42" in fills  # the slides' background, in every miniature
    assert "FFFFFF" in fills  # their text (tx1 = lt1)


def test_check_reports_template_text_that_cannot_be_read(project):
    def unreadable(path):
        dark_inverted(path)
        prs = Presentation(str(path))
        level = prs.slide_master._element.find(
            "{*}txStyles/{*}bodyStyle/" + A + "lvl1pPr/" + A + "defRPr")
        for old in level.findall(f"{A}solidFill"):
            level.remove(old)
        fill = etree.Element(f"{A}solidFill")
        etree.SubElement(fill, f"{A}srgbClr").set("val", "333333")
        level.insert(0, fill)
        prs.save(str(path))
    build(project, unreadable)
    path = project.source / "deck.md"
    found = [f for f in check_source(path, "testland") if f.rule == "contrast"]
    assert found and "#333333" in found[0].message and "#2B3A42" in found[0].message
    assert found[0].path == str(path) and found[0].line > 1  # the slide's own line
    from deckbuild.check.template import exit_status, template_report
    lines = template_report(str(project.root / "assets" / "org.pptx"))
    assert exit_status(lines) == 1


def pdf_fill_colours(data: bytes) -> set:
    """Every fill colour ('r g b rg') a PDF's pages set, as RRGGBB."""
    from pypdf import PdfReader
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        content = page.get_contents().get_data().decode("latin-1")
        for forms in [content] + [_xobjects(page)]:
            for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", forms):
                found.add("".join(f"{round(float(v) * 255):02X}" for v in (r, g, b)))
    return found


def _xobjects(page) -> str:
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    text = []
    for name in xobjects:
        obj = xobjects[name].get_object()
        if obj.get("/Subtype") == "/Form":
            text.append(obj.get_data().decode("latin-1"))
    return "\n".join(text)


# ---------------------------------------------------------------- saved by LibreOffice


def test_a_libreoffice_template_gets_every_title_into_its_title_placeholder(project):
    fitted, prs, _ = build(project, libreoffice_like)
    found = titles_in_placeholders(fitted, prs)
    assert found and all(found)
    # No loose text box repeats a title.
    for model, slide in zip(fitted.slides, prs.slides):
        boxes = [s for s in slide.shapes if not s.is_placeholder and s.has_text_frame]
        assert plain(model.title) not in [b.text_frame.text for b in boxes]


# ---------------------------------------------------------------- layouts without placeholders


def test_layouts_without_placeholders_still_give_real_title_placeholders(project):
    fitted, prs, _ = build(project, without_placeholders)
    found = titles_in_placeholders(fitted, prs)
    assert found and all(found)
    content = prs.slides[2]
    assert any(not s.is_placeholder and "Needle exchanges" in s.text_frame.text
               for s in content.shapes if s.has_text_frame)


# ---------------------------------------------------------------- titles in filled bars


def test_the_handout_draws_the_title_bars_behind_white_titles(project):
    fitted, prs, _ = build(project, title_bars)
    fills = pdf_fill_colours(render(fitted, "handout"))
    assert "595959" in fills and "FFFFFF" in fills
    assert not [f for f in check_source(project.source / "deck.md", "testland")
                if f.rule == "contrast"]


# ---------------------------------------------------------------- the template's own settings


def test_margins_weight_and_alignment_of_the_placeholders_are_kept(project):
    fitted, prs, _ = build(project, lambda path: None)
    geometry = geometry_for(fitted.theme)
    assert geometry.style(Layout.CONTENT, "body").inset == (7.2, 3.6, 7.2, 3.6)
    slide = prs.slides[2]
    title = next(s for s in slide.placeholders if s.placeholder_format.type in TITLES)
    body_pr = title.text_frame._txBody.bodyPr
    assert body_pr.get("lIns") is None and body_pr.get("anchor") is None  # the layout's
    runs = list(title._element.iter(f"{A}rPr"))
    assert runs and all(r.get("b") == "0" for r in runs)  # python-pptx's titles: not bold
    body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    assert all(p.get("algn") is None for p in body._element.iter(f"{A}pPr"))


# ---------------------------------------------------------------- .potx, named layouts


def test_a_potx_template_is_accepted(project):
    fitted, prs, _ = build(project, lambda path: None, name="org.potx")
    assert fitted.theme.template.endswith("org.potx")
    assert prs.slides[2].slide_layout.name == "Title and Content"
    from deckbuild.check.template import exit_status, template_report
    assert exit_status(template_report(str(project.root / "assets" / "org.potx"))) == 0


def test_a_slide_picks_a_named_layout(project):
    deck = DECK.replace("## Two sides", '## Two sides {layout="Vergleich"}')
    fitted, prs, _ = build(project, lambda path: None, deck=deck)
    number = next(i for i, s in enumerate(fitted.slides) if plain(s.title) == "Two sides")
    assert fitted.slides[number].template_layout == "Vergleich"
    assert prs.slides[number].slide_layout.name == "Vergleich"
    texts = [s.text_frame.text for s in prs.slides[number].placeholders]
    assert any("Punitive" in t for t in texts) and any("Accepting" in t for t in texts)


def test_a_layout_name_the_template_lacks_is_an_error_naming_those_it_has(project):
    deck = DECK.replace("## A quote", '## A quote {layout="Activity"}')
    with pytest.raises(DeckError) as caught:
        build(project, lambda path: None, deck=deck)
    assert "no layout 'Activity'" in caught.value.message
    assert "'Title and Content'" in caught.value.message
    assert caught.value.line == DECK.lstrip("\n").splitlines().index("## A quote") + 1


def test_template_check_of_a_file_that_is_not_a_template(tmp_path):
    from deckbuild.check.template import exit_status, template_report
    path = tmp_path / "notes.pptx"
    path.write_bytes(b"not a zip at all")
    lines = template_report(str(path))
    assert exit_status(lines) == 1 and lines[0].level == "error"


def test_pdf_colours_helper_reads_a_handout(project):
    """(The helper above reads what reportlab writes: our design's accent is in it.)"""
    assert "1F6F8B" in pdf_fill_colours(render(project.read("## A slide\n\n- one\n"),
                                               "handout"))
