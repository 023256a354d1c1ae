"""The trainer's side as read: times, activities, audience blocks, materials, prep,
debriefs and write-in blanks become model blocks; bad input stops at its line."""
import pytest

from deckbuild.errors import DeckError, Findings
from deckbuild.model import (Activity, Audience, AudienceBlock, Callout, Debrief, Layout,
                             Materials, Prep, Quote, on_slide, plain)
from deckbuild.read import read_deck
from deckbuild.read.timing import parse_clock, parse_time


def read(project, markdown, findings=None):
    return read_deck(project.deck(markdown), findings=findings)


def test_times_are_read_in_every_form_trainers_write():
    assert [parse_time(t) for t in ("5m", "90s", "1h15m", "1h 15m", "5 min", "1.5h", "45",
                                    "2 hours", "0m")] == \
        [300, 90, 4500, 4500, 300, 5400, 2700, 7200, 0]
    assert [parse_clock(t) for t in ("9:00", "14:30", "9.30", "9am", "2:30 pm", "12 am")] == \
        [(540, False), (870, False), (570, False), (540, True), (870, True), (0, True)]


@pytest.mark.parametrize("typed, says", [
    ("five", "'five' is not a time"), ("-5m", "cannot be negative"),
    ("900m", "is 15 hours, more than 8 hours"), ("5mx", "is not a time")])
def test_a_time_that_is_not_one_stops_at_its_line(project, typed, says):
    with pytest.raises(DeckError) as caught:
        read(project, f"## One\n\ntext\n\n## Two {{time={typed}}}\n\ntext\n")
    assert caught.value.line == 5 and says in caught.value.message
    assert str(caught.value).startswith(f"{project.source / 'deck.md'}:5: 'time={typed}'")


def test_slide_and_section_times(project):
    deck = read(project, """
        # History {time=20m}

        ## A Brief History {time=5m}

        text

        ## Next

        text
        """)
    assert [(s.layout, s.time) for s in deck.slides] == \
        [(Layout.SECTION, 1200), (Layout.CONTENT, 300), (Layout.CONTENT, None)]


def test_front_matter_duration_start_and_facilitator(project):
    deck = read(project, '---\ntitle: T\nduration: 90\nstart: "2:30 pm"\nfacilitator: false\n'
                         '---\n\n## One\n\ntext\n')
    assert (deck.session.duration, deck.session.start, deck.session.twelve_hour,
            deck.session.facilitator, deck.session.duration_source.line) == \
        (5400, 870, True, False, 3)
    assert read(project, "## One\n\ntext\n").session.facilitator is True


@pytest.mark.parametrize("line, says", [
    ("duration: 90h", "'duration:': '90h' is 90 hours, more than 24 hours"),
    ("start: noon", "'start:': 'noon' is not a time of day"),
    ("duration: -5m", "cannot be negative")])
def test_bad_front_matter_times_name_their_line(project, line, says):
    with pytest.raises(DeckError) as caught:
        read(project, f"---\ntitle: T\n{line}\n---\n\n## One\n\ntext\n")
    assert caught.value.line == 3 and says in caught.value.message


def test_times_adding_up_to_more_than_a_day_stop_where_they_pass_it(project):
    slides = "".join(f"## S{n} {{time=7h}}\n\ntext\n\n" for n in range(5))
    with pytest.raises(DeckError) as caught:
        read(project, slides)
    assert caught.value.line == 13 and "28 hours" in caught.value.message


def test_an_activity_with_its_parts(project):
    deck = read(project, """
        ## Opening {time=10m}

        - a point

        ::: {.activity title="What comes to mind?" time=5m}
        ::: instructions
        Call out a word or **two**.
        :::

        1. Ask the question.
        2. Write the answers down.

        ::: materials
        - Flip chart
        - Markers
        :::

        ::: prep
        Put the flip chart up.
        :::

        ::: debrief
        - What surprised you?
        :::
        :::
        """)
    slide = deck.slides[0]
    activity = slide.blocks[1]
    assert isinstance(activity, Activity)
    assert plain(activity.title) == "What comes to mind?" and activity.time == 300
    assert activity.source.line == 5
    assert [plain(b.text) for b in activity.instructions] == ["Call out a word or two."]
    assert [plain(i.text) for i in activity.steps[0].items] == ["Ask the question.",
                                                                  "Write the answers down."]
    assert [plain(t) for t in activity.materials] == ["Flip chart", "Markers"]
    assert plain(activity.prep[0].text) == "Put the flip chart up."
    assert plain(activity.debrief[0].items[0].text) == "What surprised you?"
    # On the slide: the point, then a box with the title and the instructions only.
    shown = on_slide(slide.blocks)
    assert isinstance(shown[1], Callout) and shown[1].kind == "activity"
    assert plain(shown[1].title) == "What comes to mind?"
    assert [plain(b.text) for b in shown[1].blocks] == ["Call out a word or two."]


def test_an_activity_title_from_its_heading(project):
    deck = read(project, "## One\n\n::: activity\n### Pairs\n\nTalk.\n:::\n")
    assert plain(deck.slides[0].blocks[0].title) == "Pairs"


def test_audience_blocks_are_blocks_for_their_audience_never_on_the_slide(project):
    deck = read(project, """
        ## A quote

        > "Well, I think you're wonderful."

        ::: facilitator
        Only for the guide.
        :::

        ::: handout
        Read more at home.
        :::

        ::: answer
        Carl Rogers.
        :::
        """)
    slide = deck.slides[0]
    kinds = [(type(b).__name__, getattr(b, "audience", None)) for b in slide.blocks]
    assert kinds == [("Quote", None), ("AudienceBlock", Audience.FACILITATOR),
                     ("AudienceBlock", Audience.HANDOUT), ("AudienceBlock", Audience.ANSWER)]
    assert slide.blocks[1].source.line == 5
    # The slide keeps its quote layout: the audience blocks are not on it.
    assert slide.layout is Layout.QUOTE
    assert [type(b) for b in on_slide(slide.blocks)] == [Quote]
    assert deck.quotes and len(deck.quotes) == 1


def test_materials_and_prep_before_the_first_slide_join_it(project):
    deck = read(project, "::: materials\n- Markers\n:::\n\n::: prep\nPrint.\n:::\n\n"
                         "## One\n\ntext\n")
    assert len(deck.slides) == 1
    first = deck.slides[0].blocks
    assert isinstance(first[0], Materials) and isinstance(first[1], Prep)
    assert plain(first[0].items[0]) == "Markers"


def test_materials_on_the_title_slide_and_a_debrief_on_a_slide(project):
    deck = read(project, "---\ntitle: T\n---\n\n::: materials\n- Markers\n:::\n\n"
                         "## One\n\ntext\n\n::: debrief\n- Why?\n:::\n")
    assert deck.slides[0].layout is Layout.TITLE
    assert isinstance(deck.slides[0].blocks[0], Materials)
    assert isinstance(deck.slides[1].blocks[1], Debrief)
    assert deck.slides[1].layout is Layout.CONTENT


def test_write_in_blanks_are_runs_of_their_own(project):
    deck = read(project, "## One\n\nIt opened in ____ in ____.\n\n- 1983: ______\n\n"
                         "`____` and snake____case stay text.\n")
    paragraph, bullets, other = deck.slides[0].blocks
    assert [(r.text, r.blank) for r in paragraph.text] == [
        ("It opened in ", False), ("____", True), (" in ", False), ("____", True), (".", False)]
    assert [(r.text, r.blank) for r in bullets.items[0].text] == [("1983: ", False),
                                                                   ("______", True)]
    assert not any(r.blank for r in other.text)


@pytest.mark.parametrize("markdown, line, says", [
    ("## One\n\n::: facilitator\n::: handout\nx\n:::\n:::\n", 4,
     "'::: handout' is inside '::: facilitator': audience blocks cannot be nested"),
    ("## One\n\n::: answer\n::: answer\nx\n:::\n:::\n", 4, "cannot be nested"),
    ("## One\n\n::: activity\n::: activity\nx\n:::\n:::\n", 4,
     "'::: activity' is inside '::: activity'"),
    ("## One\n\n::: facilitator\n::: activity\nx\n:::\n:::\n", 4,
     "'::: activity' is inside '::: facilitator'"),
    ("## One\n\n::: instructions\nx\n:::\n", 3, "outside any '::: activity'"),
    ("## One\n\n::: notes\n::: activity\nx\n:::\n:::\n", 4,
     "'::: activity' is inside speaker notes"),
    ("---\ntitle: T\n---\n\n::: activity\nx\n:::\n\n## One\n\ntext\n", 5,
     "this activity comes before the first slide"),
    ("## One\n\n::: {.activity time=five}\nx\n:::\n", 3, "'time=five': 'five' is not a time"),
])
def test_trainer_blocks_that_cannot_be_read_as_written_stop_at_their_line(
        project, markdown, line, says):
    with pytest.raises(DeckError) as caught:
        read(project, markdown)
    assert caught.value.line == line and says in caught.value.message


def test_a_time_on_a_heading_inside_a_slide_is_a_warning(project):
    findings = Findings()
    read(project, "## One\n\ntext\n\n### Part {time=5m}\n\nmore\n", findings)
    assert [(f.rule, f.line) for f in findings] == [("time", 5)]


def test_resource_slides_share_the_time_of_their_div(project):
    project.region()
    deck = read(project, "---\nregion: testland\n---\n\n## Places\n\n"
                         "::: {.resources time=5m}\n:::\n")
    assert [s.time for s in deck.slides if s.layout is Layout.RESOURCES] == [300, 0]
