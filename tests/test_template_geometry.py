"""layout/template_geometry.py: a template's layouts and boxes, read once, shared by all stages."""
import os

import pytest
from pptx import Presentation

from deckbuild.errors import DeckError
from deckbuild.design.box import EMU_PER_POINT, Box
from deckbuild.layout.geometry import geometry_for, template_geometry
from deckbuild.layout.plan import plan_slide
from deckbuild.layout.template_geometry import read_template
from deckbuild.model import Layout, ListBlock, ListItem, Run, Slide, Theme
from templates import make_template


def _box(shape) -> Box:
    return Box(shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT,
               shape.width / EMU_PER_POINT, shape.height / EMU_PER_POINT)


def _layout(path, name):
    return next(l for l in Presentation(str(path)).slide_layouts if l.name == name)


def test_slide_size_and_boxes_come_from_the_template(tmp_path):
    path = make_template(tmp_path / "org.pptx", width_in=10, height_in=7.5)
    geometry = geometry_for(Theme(template=str(path)))
    assert (geometry.width, geometry.height) == (720.0, 540.0)
    content = _layout(path, "Title and Content")
    title = next(p for p in content.placeholders if p.placeholder_format.idx == 0)
    body = next(p for p in content.placeholders if p.placeholder_format.idx == 1)
    # Text is set inside the placeholder's own margins (python-pptx's: 0.1 and 0.05 in).
    def shape(kind, part):
        return geometry.style(kind, part).outer(geometry.box(kind, part))

    assert geometry.style(Layout.CONTENT, "body").inset == (7.2, 3.6, 7.2, 3.6)
    assert _close(shape(Layout.CONTENT, "title"), _box(title))
    assert _close(shape(Layout.CONTENT, "body"), _box(body))
    assert _close(shape(Layout.RESOURCES, "body"), _box(body))
    section = _layout(path, "Section Header")
    section_title = next(p for p in section.placeholders if p.placeholder_format.idx == 0)
    assert _close(shape(Layout.SECTION, "title"), _box(section_title))


def _close(a: Box, b: Box) -> bool:
    return all(abs(x - y) < 1e-6 for x, y in zip((a.x, a.y, a.w, a.h), (b.x, b.y, b.w, b.h)))


def test_fitting_plans_text_in_the_template_body(tmp_path):
    path = make_template(tmp_path / "org.pptx")
    geometry = geometry_for(Theme(template=str(path)))
    slide = Slide(Layout.CONTENT, (Run("T"),),
                  (ListBlock((ListItem((Run("one"),)), ListItem((Run("two"),)))),))
    plan = plan_slide(slide, geometry)
    assert plan.areas[0].box == geometry.box(Layout.CONTENT, "body")
    assert plan.areas[0].box.w < 700  # 4:3: narrower than our 864-point body


def test_a_renamed_layout_is_found_by_its_kind(tmp_path):
    path = make_template(tmp_path / "org.pptx", rename={"Comparison": "Vergleich"}, drop=())
    info = read_template(str(path))
    comparison = info.layouts[Layout.COMPARISON.value]
    assert comparison.name == "Vergleich" and not comparison.fell_back
    assert set(comparison.placeholders) >= {"title", "left_heading", "left", "right_heading",
                                            "right"}
    assert info.missing == ()


def test_a_missing_layout_falls_back_in_order(tmp_path):
    path = make_template(tmp_path / "org.pptx", drop=("Two Content", "Comparison"), rename={})
    info = read_template(str(path))
    two = info.layouts[Layout.TWO_CONTENT.value]
    comparison = info.layouts[Layout.COMPARISON.value]
    assert (two.name, two.fell_back) == ("Title and Content", True)
    assert (comparison.name, comparison.fell_back) == ("Title and Content", True)
    assert set(info.missing) == {"Two Content", "Comparison"}
    # One body placeholder: the left column uses it, the right one gets a text box.
    boxes = info.boxes[Layout.TWO_CONTENT.value]
    assert boxes["left"].x < boxes["right"].x
    assert "left" in two.placeholders and "right" not in two.placeholders
    headings = info.boxes[Layout.COMPARISON.value]
    assert headings["left_heading"].y < headings["left"].y


def test_two_content_falls_back_to_comparison_content_placeholders(tmp_path):
    path = make_template(tmp_path / "org.pptx", drop=("Two Content",), rename={})
    info = read_template(str(path))
    two = info.layouts[Layout.TWO_CONTENT.value]
    assert two.name == "Comparison" and two.fell_back
    layout = _layout(path, "Comparison")
    tallest = sorted((p for p in layout.placeholders if p.placeholder_format.idx in (1, 2, 3, 4)),
                     key=lambda p: -p.height)[:2]
    assert {two.placeholders["left"], two.placeholders["right"]} == \
        {p.placeholder_format.idx for p in tallest}


def test_theme_colour_and_fonts_are_read(tmp_path):
    info = read_template(str(make_template(tmp_path / "org.pptx", accent="1A5E20",
                                           font="Georgia")))
    assert info.accent == "1A5E20"
    assert info.fonts == ("Georgia", "Georgia")
    assert info.slide_count == 1


def test_read_once_and_again_after_the_file_changes(tmp_path):
    path = make_template(tmp_path / "org.pptx", accent="1A5E20")
    first = read_template(str(path))
    assert read_template(str(path)) is first
    make_template(path, accent="7A3E9D")
    later = os.stat(path).st_mtime_ns + 10**9  # a save a second later
    os.utime(path, ns=(later, later))
    assert read_template(str(path)).accent == "7A3E9D"


def test_a_file_that_is_not_a_presentation_is_refused(tmp_path):
    path = tmp_path / "broken.pptx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DeckError) as caught:
        read_template(str(path))
    assert "not a PowerPoint presentation" in caught.value.message
    assert caught.value.path == str(path)


def test_the_title_slide_keeps_a_corner_for_the_logo(tmp_path):
    geometry = template_geometry(read_template(str(make_template(tmp_path / "org.pptx"))))
    logo = geometry.box(Layout.TITLE, "logo")
    assert logo.x + logo.w <= geometry.width and logo.y + logo.h <= geometry.height
    for part in ("title", "subtitle"):
        box = geometry.box(Layout.TITLE, part)
        assert not (logo.x < box.x + box.w and box.x < logo.x + logo.w and
                    logo.y < box.y + box.h and box.y < logo.y + logo.h)


def test_the_shipped_example_template_has_every_layout():
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "assets" / "example-template.pptx"
    info = read_template(str(path))
    assert (info.width, info.height) == (960.0, 540.0)
    assert info.missing == ()
    assert info.slide_count == 1  # a sample slide, removed when a deck is built
    assert info.accent == "7A3E9D"


def test_a_template_with_only_a_blank_layout_still_has_every_part(tmp_path):
    others = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
              "Title Only", "Content with Caption", "Picture with Caption",
              "Title and Vertical Text", "Vertical Title and Text")
    info = read_template(str(make_template(tmp_path / "blank.pptx", drop=others, rename={},
                                           sample_slides=0)))
    assert {layout.name for layout in info.layouts.values()} == {"Blank"}
    boxes = info.boxes
    for kind, parts in (("title", ("title", "subtitle", "logo")), ("content", ("title", "body")),
                        ("two-content", ("left", "right")),
                        ("comparison", ("left_heading", "left", "right_heading", "right"))):
        assert set(parts) <= set(boxes[kind]), kind
    # No placeholder holds them: the renderer writes text boxes there, and a title
    # placeholder of its own for the title.
    assert info.layouts["content"].placeholders == {}
    assert info.layouts["content"].new_title
    title, logo = boxes["title"]["title"], boxes["title"]["logo"]
    assert logo.y >= title.y + title.h or logo.x >= title.x + title.w
