"""Fitting decisions on the model: sizes chosen and splits made, for boxes of known size."""
import pytest

from deckbuild.errors import DeckError, Findings
from deckbuild.layout.fit import CONTINUED, fit_slide
from deckbuild.layout.geometry import Box, Geometry, Sizes
from deckbuild.layout.measure import LINE
from deckbuild.layout.paragraphs import SPACE_BEFORE
from deckbuild.layout.plan import plan_slide, title_fits
from deckbuild.model import (Columns, Heading, Layout, ListBlock, ListItem, Paragraph, Quote,
                             Run, Slide, Source, Table, plain)

SIZES = Sizes()
WIDE = 900.0  # every test line below fits on one line in this width, even at 24 pt


def bullets_height(count: int, size: float) -> float:
    """Single-line top-level bullets as both renderers set them: exact line spacing."""
    return count * size * LINE + (count - 1) * SPACE_BEFORE * size


def geometry(body_height: float, width: float = WIDE) -> Geometry:
    title = Box(0, 0, width, 100)
    body = Box(0, 110, width, body_height)
    left, right = body.split_columns()
    return Geometry({
        Layout.CONTENT.value: {"title": title, "body": body},
        Layout.RESOURCES.value: {"title": title, "body": body},
        Layout.TWO_CONTENT.value: {"title": title, "left": left, "right": right},
        Layout.QUOTE.value: {"title": title, "body": body},
    }, SIZES)


def bullet_slide(count: int, title: str = "Topic", line: int = 7, **extra) -> Slide:
    items = tuple(ListItem((Run(f"point {n}"),)) for n in range(1, count + 1))
    return Slide(Layout.CONTENT, (Run(title),), (ListBlock(items),),
                 source=Source("deck.md", line), **extra)


def fit(slide, geo, overflow="split"):
    findings = Findings()
    return fit_slide(slide, geo, overflow, findings), findings


def test_text_that_fits_keeps_the_starting_size():
    slides, findings = fit(bullet_slide(4), geometry(bullets_height(4, 24) + 1))
    assert [s.body_size for s in slides] == [24]
    assert not list(findings)


def test_the_largest_size_that_fits_is_chosen_in_steps_of_two():
    between = (bullets_height(4, 22) + bullets_height(4, 24)) / 2
    slides, findings = fit(bullet_slide(4), geometry(between))
    assert [s.body_size for s in slides] == [22]
    slides, _ = fit(bullet_slide(4), geometry(bullets_height(4, 18) + 0.2))
    assert [s.body_size for s in slides] == [SIZES.body_floor]
    assert not list(findings)  # shrinking down to the floor is not worth a warning


def test_below_the_floor_a_content_slide_continues_on_a_new_slide():
    # Three bullets fit at the floor, four do not; two fit at the starting size.
    height = bullets_height(3, 18) + 1
    assert bullets_height(4, 18) > height and bullets_height(2, 24) <= height
    assert bullets_height(3, 24) > height
    slide = bullet_slide(4, notes=((Run("say this"),),))
    slides, findings = fit(slide, geometry(height))
    assert [plain(s.title) for s in slides] == ["Topic", "Topic" + CONTINUED]
    assert [s.continued for s in slides] == [False, True]
    # As few slides as at the floor, at the largest size that needs no more of them.
    assert [s.body_size for s in slides] == [24, 24]
    assert [[plain(i.text) for i in s.blocks[0].items] for s in slides] == \
        [["point 1", "point 2"], ["point 3", "point 4"]]
    assert [s.blocks[0].start for s in slides] == [1, 3]
    assert [s.notes for s in slides] == [slide.notes, ()]
    assert all(s.source == slide.source for s in slides)
    assert all(plan_slide(s, geometry(height)).fits for s in slides)
    [finding] = findings
    assert (finding.rule, finding.path, finding.line) == ("overflow-split", "deck.md", 7)
    assert "continues on 1 more slide" in finding.message


def test_every_part_of_a_split_slide_is_set_at_one_size():
    height = bullets_height(5, 18) + 1
    slides, _ = fit(bullet_slide(23), geometry(height))
    assert len(slides) == 5
    assert len({s.body_size for s in slides}) == 1
    assert sum(len(s.blocks[0].items) for s in slides) == 23


def test_a_heading_is_not_left_at_the_bottom_of_a_part():
    blocks = (ListBlock((ListItem((Run("one"),)), ListItem((Run("two"),)))),
              Heading((Run("Next part"),), 3),
              ListBlock((ListItem((Run("three"),)), ListItem((Run("four"),)))))
    slide = Slide(Layout.CONTENT, (Run("Topic"),), blocks, source=Source("deck.md", 3))
    height = bullets_height(3, 18) + 1  # "one", "two" and the heading would fit at 18 pt
    slides, _ = fit(slide, geometry(height))
    assert len(slides) == 2
    assert not isinstance(slides[0].blocks[-1], Heading)
    assert isinstance(slides[1].blocks[0], Heading)


def test_a_long_table_continues_with_its_header_repeated():
    header = ((Run("Service"),), (Run("Phone"),))
    rows = tuple(((Run(f"Service {n}"),), (Run(f"555-01{n:02d}"),)) for n in range(30))
    slide = Slide(Layout.CONTENT, (Run("Numbers"),), (Table(header, rows),),
                  source=Source("deck.md", 12))
    geo = geometry(300)
    slides, findings = fit(slide, geo)
    assert len(slides) > 1
    assert all(s.blocks[0].header == header for s in slides)
    assert [row for s in slides for row in s.blocks[0].rows] == list(rows)
    assert all(plan_slide(s, geo).fits for s in slides)
    assert [f.rule for f in findings] == ["overflow-split"]


def test_overflow_shrink_goes_below_the_floor_and_warns():
    height = bullets_height(4, 16) + 1
    assert bullets_height(4, 17) > height
    slides, findings = fit(bullet_slide(4, line=21), geometry(height), "shrink")
    assert [s.body_size for s in slides] == [16]
    [finding] = findings
    assert (finding.rule, finding.line, finding.level) == ("overflow-shrink", 21, "warning")
    assert "16 pt" in finding.message


def test_overflow_error_stops_with_the_slides_line():
    with pytest.raises(DeckError) as caught:
        fit(bullet_slide(4, line=33), geometry(bullets_height(3, 18)), "error")
    assert (caught.value.path, caught.value.line) == ("deck.md", 33)
    assert str(caught.value).startswith("deck.md:33: the text of 'Topic' does not fit")


def test_columns_are_not_split_but_shrunk_with_a_warning():
    column = tuple(ListBlock((ListItem((Run(f"point {n}"),)),)) for n in range(4))
    slide = Slide(Layout.TWO_CONTENT, (Run("Two sides"),), (Columns((column, column)),),
                  source=Source("deck.md", 40))
    height = bullets_height(4, 16) + 1
    slides, findings = fit(slide, geometry(height))
    assert len(slides) == 1 and slides[0].body_size < SIZES.body_floor
    assert plan_slide(slides[0], geometry(height)).fits
    assert [(f.rule, f.line) for f in findings] == [("overflow-shrink", 40)]


def test_a_quote_starts_large_and_stops_at_its_own_floor():
    quote = Quote(((Run("A short quote."),),))
    slide = Slide(Layout.QUOTE, (Run("Said"),), (quote,), source=Source("deck.md", 50))
    slides, findings = fit(slide, geometry(200))
    assert slides[0].body_size == SIZES.quote
    tight = SIZES.quote_floor * LINE + 0.5
    slides, findings = fit(slide, geometry(tight))
    assert slides[0].body_size == SIZES.quote_floor and not list(findings)
    slides, findings = fit(slide, geometry(tight - 2))
    assert len(slides) == 1 and slides[0].body_size < SIZES.quote_floor
    assert [f.rule for f in findings] == ["overflow-shrink"]


def test_an_unbreakable_address_wraps_instead_of_overflowing():
    url = "https://www.example.org/" + "very-long-path/" * 20
    slide = Slide(Layout.CONTENT, (Run("Where"),), (Paragraph((Run(url, link=url),)),),
                  source=Source("deck.md", 5))
    geo = geometry(400, width=300)
    slides, findings = fit(slide, geo)
    assert len(slides) == 1 and plan_slide(slides[0], geo).fits
    assert not list(findings)


def test_a_long_title_is_set_smaller_and_a_too_long_one_is_reported():
    title = " ".join(["Recognizing"] * 9)
    geo = geometry(200, width=700)
    box = geo.box(Layout.CONTENT, "title")
    assert not title_fits((Run(title),), box, SIZES.title)
    slides, findings = fit(bullet_slide(1, title=title), geo)
    size = slides[0].title_size
    assert SIZES.title_floor <= size < SIZES.title
    assert title_fits((Run(title),), box, size)
    assert not title_fits((Run(title),), box, size + 2)
    assert not list(findings)
    slides, findings = fit(bullet_slide(1, title=" ".join(["Recognizing"] * 40)), geo)
    assert slides[0].title_size == SIZES.title_floor
    assert [(f.rule, f.line) for f in findings] == [("long-title", 7)]


def test_twenty_four_long_bullets_become_slides_that_fit(project):
    bullets = "\n".join(f"- {n:02d} " + "harm reduction meets people where they are " * 3
                        for n in range(24))
    findings = Findings()
    deck = project.read(f"## Twenty-four\n\n{bullets}\n", findings=findings)
    assert len(deck.slides) > 2
    assert [plain(s.title) for s in deck.slides] == \
        ["Twenty-four"] + ["Twenty-four" + CONTINUED] * (len(deck.slides) - 1)
    items = [plain(i.text) for s in deck.slides for i in s.blocks[0].items]
    assert [text[:2] for text in items] == [f"{n:02d}" for n in range(24)]
    assert len({s.body_size for s in deck.slides}) == 1
    assert deck.slides[0].body_size >= SIZES.body_floor
    from deckbuild.layout.geometry import DEFAULT_GEOMETRY
    assert all(plan_slide(s, DEFAULT_GEOMETRY).fits for s in deck.slides)
    assert ("overflow-split", 1) in [(f.rule, f.line) for f in findings]
