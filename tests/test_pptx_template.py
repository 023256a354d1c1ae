"""render/pptx/template.py with an organization's template: its layouts, fonts and colours."""
import io
import zipfile

from lxml import etree
from pptx import Presentation

from conftest import REGION, slide_texts
from deckbuild.build import render
from deckbuild.errors import Findings
from deckbuild.design.box import EMU_PER_POINT
from deckbuild.layout.geometry import geometry_for
from deckbuild.model import Layout
from templates import SAMPLE_TEXT, make_template

DECK = """
---
title: Training for {{ region.name }}
subtitle: A subtitle
author: "{{ trainer }}"
---

# Section one

## Content slide

- one
- two

## Two columns

:::: columns
::: column
Left text
:::
::: column
Right text
:::
::::

## Comparison

:::: columns
::: column
Before

| a |
|---|
| 1 |
:::
::: column
After

| b |
|---|
| 2 |
:::
::::

## Title only

# Resources

::: resources
:::
"""


def _templated(project, **options):
    make_template(project.root / "assets" / "org.pptx", **options)
    project.region(REGION.replace("variables:", "theme:\n  template: assets/org.pptx\nvariables:"))
    findings = Findings()
    deck = project.read(DECK, "testland", findings)
    data = render(deck, "pptx")
    return deck, data, findings


def test_slides_use_the_template_layouts_by_name(project):
    deck, data, findings = _templated(project)
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[:5] == ["Title Slide", "Section Header", "Title and Content", "Vergleich",
                         "Vergleich"]
    assert "Title Only" in names
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in prs.slides]
    assert "Left text" in texts[3] and "Right text" in texts[3]
    assert {"Before", "After"} <= set(texts[4])  # text above a table: pandoc's Comparison
    cells = [[c.text for row in s.table.rows for c in row.cells] for s in prs.slides[4].shapes
             if s.has_table]
    assert cells == [["a", "1"], ["b", "2"]]


def test_a_missing_layout_warns_with_its_name(project):
    _, _, findings = _templated(project)
    messages = [str(f) for f in findings if f.rule == "template-layout"]
    assert len(messages) == 1
    assert "no layout 'Two Content'" in messages[0] and "'Vergleich'" in messages[0]
    assert "org.pptx: warning: the template has no layout" in messages[0]


def test_the_template_slides_are_removed_with_their_parts(project):
    deck, data, _ = _templated(project, sample_slides=2)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == len(deck.slides)
    package = zipfile.ZipFile(io.BytesIO(data))
    for name in package.namelist():
        assert SAMPLE_TEXT.encode() not in package.read(name), name
        assert b"template speaker notes" not in package.read(name), name
    # The template's sections (which named its slides) are gone too, and every
    # relationship of the presentation points at a part that is in the package.
    presentation = package.read("ppt/presentation.xml")
    assert b"sectionLst" not in presentation
    rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
    for rel in rels:
        if rel.get("TargetMode") != "External":
            assert "ppt/" + rel.get("Target") in package.namelist()
    slides = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slides) == len(deck.slides)


def test_the_template_design_is_kept_and_ours_not_added(project):
    _, data, _ = _templated(project, accent="1A5E20", font="Georgia")
    package = zipfile.ZipFile(io.BytesIO(data))
    theme = package.read("ppt/theme/theme1.xml")
    assert b'<a:srgbClr val="1A5E20"/>' in theme and b'typeface="Georgia"' in theme
    assert b'name="deckbuild"' not in theme
    prs = Presentation(io.BytesIO(data))
    for layout in prs.slide_layouts:
        assert not [s for s in layout.shapes if s.name == "Accent"]
    # Titles take the template's colours: no colour of ours on their text.
    for slide in prs.slides:
        title = slide.shapes.title
        if title is not None:
            assert title._element.xpath(".//a:rPr/a:solidFill") == []


def test_placeholders_sit_where_the_geometry_says(project):
    deck, data, _ = _templated(project)
    geometry = geometry_for(deck.theme)
    prs = Presentation(io.BytesIO(data))
    content = prs.slides[2]
    body = next(p for p in content.placeholders if p.placeholder_format.idx == 1)
    # The geometry's box is where text is set: the placeholder less its own margins.
    box = geometry.style(Layout.CONTENT, "body").outer(geometry.box(Layout.CONTENT, "body"))
    assert abs(body.left / EMU_PER_POINT - box.x) < 0.1
    assert abs(body.width / EMU_PER_POINT - box.w) < 0.1
    assert box.w < 700  # the 4:3 template's body, not our 16:9 one


def test_a_slide_number_comes_from_the_template_layout(project):
    _, data, _ = _templated(project)
    prs = Presentation(io.BytesIO(data))
    numbers = [s for s in prs.slides[2].shapes if s.is_placeholder and
               s.placeholder_format.type is not None and "sldNum" in s._element.xml]
    assert numbers and numbers[0].text_frame.text == "3"


def test_parts_without_a_placeholder_become_text_boxes(project):
    others = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
              "Title Only", "Content with Caption", "Picture with Caption",
              "Title and Vertical Text", "Vertical Title and Text")
    deck, data, findings = _templated(project, drop=others, rename={}, sample_slides=0)
    prs = Presentation(io.BytesIO(data))
    assert {slide.slide_layout.name for slide in prs.slides} == {"Blank"}
    texts = [" | ".join(slide_texts(slide)) for slide in prs.slides]
    assert texts[0].startswith("Training for Testland | A subtitle")
    assert "Content slide | one\ntwo" in texts[2]
    assert "Left text" in texts[3] and "Right text" in texts[3]
    assert "Before" in texts[4] and "After" in texts[4]
    assert len([f for f in findings if f.rule == "template-layout"]) == 6


def test_the_handout_takes_the_template_accent_when_it_reads_on_paper(project):
    deck, _, _ = _templated(project, accent="C0392B")
    assert deck.theme.accent == "C0392B"
    from deckbuild.layout.template_geometry import read_template
    pale = project.root / "assets" / "pale.pptx"
    make_template(pale, accent="FFE066")
    assert read_template(str(pale)).accent == "FFE066"
    project.region(REGION.replace("variables:", "theme:\n  template: assets/pale.pptx\nvariables:"))
    assert project.read(DECK, "testland").theme.accent == "1F6F8B"  # ours: yellow is unreadable
