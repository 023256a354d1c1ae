"""The deck reopened with python-pptx: what a trainer sees and edits in PowerPoint."""
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Emu

from conftest import REGION, slide_texts

DECK = """
---
title: Harm Reduction
subtitle: Every door
author: Sam Trainer
subject: Training
---

# History

## A Brief History

It didn't begin with drugs.

- 1983
  - a nested point
- See [DMHAS](https://portal.ct.gov/dmhas)

::: notes
Ask: what happened in 1983?
:::

## Quote

> My door is always open.
> \u2014 A colleague
"""


def test_slides_layouts_and_titles(project):
    prs = project.pptx(DECK)
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))  # 16:9
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide", "Section Header", "Title and Content", "Title and Content"]
    assert [s.shapes.title.text_frame.text for s in prs.slides] == [
        "Harm Reduction", "History", "A Brief History", "Quote"]


def test_body_is_native_text_in_a_placeholder_with_levels(project):
    slide = project.pptx(DECK).slides[2]
    body = [ph for ph in slide.placeholders if ph.placeholder_format.idx == 1][0]
    paragraphs = body.text_frame.paragraphs
    assert [p.text.replace("\u2060", "") for p in paragraphs] == ["It didn\u2019t begin with drugs.", "1983",
                                            "a nested point", "See DMHAS"]
    margins = [int(p._p.pPr.get("marL")) for p in paragraphs]
    assert margins[2] > margins[1] > margins[0] == 0  # the nested point is indented further
    sizes = {r.font.size.pt for p in paragraphs for r in p.runs}
    assert min(sizes) >= 18


def test_links_are_clickable(project):
    slide = project.pptx(DECK).slides[2]
    links = [r.hyperlink.address for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert set(links) == {"https://portal.ct.gov/dmhas"}


def test_speaker_notes_are_in_the_notes_pane(project):
    slide = project.pptx(DECK).slides[2]
    assert slide.notes_slide.notes_text_frame.text == "Ask: what happened in 1983?"


def test_quote_and_attribution(project):
    slide = project.pptx(DECK).slides[3]
    texts = slide_texts(slide)
    assert "My door is always open.\n\u2014 A colleague" in texts


def test_slide_numbers_on_every_slide_but_the_title(project):
    prs = project.pptx(DECK)
    numbered = [any(ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
                    for ph in s.placeholders) for s in prs.slides]
    assert numbered == [False, True, True, True]


def test_document_properties(project):
    props = project.pptx(DECK).core_properties
    assert (props.title, props.author, props.subject) == ("Harm Reduction", "Sam Trainer",
                                                          "Training")


def test_theme_accent_and_readable_contrast(project):
    from deckbuild.model import Theme

    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a, b):
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    theme = Theme()
    assert contrast(theme.text, theme.background) >= 4.5
    assert contrast(theme.on_accent, theme.accent) >= 4.5
    assert contrast(theme.muted, theme.background) >= 4.5
    prs = project.pptx(DECK)
    theme_xml = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert f'<a:accent1><a:srgbClr val="{theme.accent}"/>'.encode() in theme_xml


def test_untitled_slide_has_no_empty_title_placeholder(project):
    prs = project.pptx("## A\n\none\n\n---\n\ntwo\n")
    second = prs.slides[1]
    assert second.shapes.title is None
    assert slide_texts(second) == ["two"]


def test_one_run_per_link(project):
    markdown = "## Links\n\n- See [the state well-known guidance page](https://a.example.org) now\n"
    slide = project.pptx(markdown).slides[0]
    runs = [r for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]
    linked = [r for r in runs if r.hyperlink.address]
    assert [r.text for r in linked] == ["the state well-known guidance page"]
    assert not any("\u2060" in r.text for r in runs)


def test_the_slide_size_type_matches_the_size(project):
    prs = project.pptx("## One\n\ntext\n")
    size = prs.part._element.find(qn("p:sldSz"))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9 widescreen
    assert size.get("type") is None  # "custom", as PowerPoint writes it (not screen4x3)


def _logo_region(project, alt_line=""):
    from PIL import Image as PILImage
    PILImage.new("RGB", (120, 40), "navy").save(project.root / "assets" / "logo.png")
    project.region(REGION.replace("  name: Testland Health\n",
                                  f"  name: Testland Health\n  logo: assets/logo.png\n{alt_line}"))


def _logo(prs):
    shapes = [s for slide in prs.slides for s in slide.shapes if s.name == "Logo"]
    assert len(shapes) == 1
    return shapes[0]._element.nvPicPr.cNvPr


def test_the_logo_says_the_organizations_name(project):
    _logo_region(project)
    c_nv_pr = _logo(project.pptx("---\ntitle: T\n---\n\n## One\n\ntext\n", region="testland"))
    assert c_nv_pr.get("descr") == "Testland Health"
    assert b"decorative" not in etree.tostring(c_nv_pr)


def test_a_logo_the_region_calls_wordless_is_decorative(project):
    _logo_region(project, '  logo-alt: ""\n')
    c_nv_pr = _logo(project.pptx("---\ntitle: T\n---\n\n## One\n\ntext\n", region="testland"))
    assert c_nv_pr.get("descr") is None
    assert b"decorative" in etree.tostring(c_nv_pr)


def test_resource_slides_have_notes_on_each_service(project):
    project.region()
    prs = project.pptx("::: resources\n::: notes\nStart with the helpline.\n:::\n:::\n",
                       region="testland")
    assert [s.shapes.title.text for s in prs.slides] == ["Local Resources", "National Resources"]
    notes = prs.slides[0].notes_slide.notes_text_frame.text.splitlines()
    assert notes == ["Start with the helpline.",
                     "Testland Helpline: Someone to talk to. (555-0101; 24/7)",
                     "Testland Clinic: Walk-in clinic."]
    assert prs.slides[1].notes_slide.notes_text_frame.text.splitlines() == \
        ["Start with the helpline.", "National Line (555-0199)"]
