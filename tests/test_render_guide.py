"""The facilitator guide (`deckbuild.render.guide`), reopened with pypdf: the run of show
read back against the model, each slide with what the trainer needs beside it, and the
guide as the third output of `build` (`--facilitator/--no-facilitator`, `facilitator:`)."""
import io
import re
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from deckbuild.build import build, load, output_paths, render
from deckbuild.cli import main
from deckbuild.errors import Findings
from deckbuild.model import Layout, plain
from deckbuild.schedule import clock_text, minutes_text, run_of_show, slide_seconds, takes_time

from conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "harm-reduction.md"

SMALL = """
    ---
    title: Naloxone basics
    duration: 20m
    start: "2:00 pm"
    ---

    ::: materials
    - Naloxone trainer kits, one per pair
    :::

    ::: prep
    - Charge the projector remote
    :::

    ## Welcome {time=5m}

    Hello

    ::: facilitator
    Introduce yourself and the fire exits.
    :::

    # Practice

    ## Try it {time=15m}

    ::: {.activity title="Pair practice" time=10m}
    ::: instructions
    Take turns giving the spray to a dummy.
    :::
    1. Hand out one kit per pair.
    2. Walk around and correct the grip.
    ::: materials
    - A practice dummy
    :::
    ::: debrief
    - What felt awkward?
    :::
    :::

    Naloxone lasts ______ minutes.

    ::: answer
    Thirty to ninety minutes.
    :::
"""


def _lines(reader: PdfReader, page: int) -> str:
    """A page's text with its line breaks and runs of spaces as single spaces."""
    return " ".join(reader.pages[page].extract_text().split())


def _guide(project, markdown: str = SMALL) -> PdfReader:
    deck = project.read(markdown)
    return PdfReader(io.BytesIO(render(deck, "facilitator")))


def test_the_seed_guide_run_of_show_adds_the_slides_times_from_start():
    deck = load(SEED, None, Findings())
    reader = PdfReader(io.BytesIO(render(deck, "facilitator")))
    run = run_of_show(deck)
    # The clock and the minutes worked out here from the slides themselves, not the schedule.
    start = deck.session.start
    elapsed, starts, minutes = 0, {}, {}
    section = None
    for number, slide in enumerate(deck.slides, 1):
        if slide.layout is Layout.SECTION:
            section = plain(slide.title)
        if takes_time(slide):
            starts.setdefault(section, elapsed)
            elapsed += slide_seconds(slide) or 0
            minutes[section] = minutes.get(section, 0) + (slide_seconds(slide) or 0)
    assert elapsed == sum(s.seconds for s in run.sections) == deck.session.duration == 90 * 60
    page = next(i for i in range(len(reader.pages)) if "Run of show" in _lines(reader, i))
    table = _lines(reader, page)
    running = 0
    for title, seconds in minutes.items():
        running += seconds
        name = title or "Opening"
        row = (f"{clock_text(start, starts[title])} {name} \\S+ {minutes_text(seconds)}"
               f" {minutes_text(running)}")
        assert re.search(re.escape(row).replace(re.escape("\\S+"), r"\S+"), table), (row, table)
    assert f"Total {minutes_text(elapsed)} {clock_text(start, elapsed)} End" in table
    assert clock_text(start, 0) == "9:00" and clock_text(start, elapsed) == "10:30"


def test_the_run_of_show_lists_activities_at_their_clock_time(project):
    reader = _guide(project)
    text = " ".join(pdf_text(reader).split())
    assert "2:00 pm Opening 1–2 5 5" in text  # slide 1 is the title slide
    assert "2:05 pm Practice 3–4 15 20" in text
    assert "2:05 pm Activity: Pair practice 4 10" in text
    assert "Total 20 2:20 pm End" in text


def test_materials_and_prep_come_before_the_slides(project):
    text = " ".join(pdf_text(_guide(project)).split())
    materials = text.index("Materials")
    assert text.index("Naloxone trainer kits, one per pair") > materials
    assert re.search(r"A practice dummy for 'Pair practice' \(slide 4\)", text)
    assert text.index("Charge the projector remote") < text.index("Slide 2 · Welcome")


def test_each_slide_with_its_time_notes_activity_debrief_and_answer(project):
    reader = _guide(project)
    text = " ".join(pdf_text(reader).split())
    assert "Slide 2 · Welcome 5 min · 2:00 pm–2:05 pm" in text
    assert "Activity: Pair practice 10 min · 2:05 pm–2:15 pm" in text
    assert "Participants see Take turns giving the spray to a dummy." in text
    assert "1 slide" not in text and "4 slides, 1 activity" in text
    for words in ("Introduce yourself and the fire exits.", "Pair practice",
                  "Take turns giving the spray to a dummy.", "Hand out one kit per pair.",
                  "Walk around and correct the grip.", "What felt awkward?",
                  "Thirty to ninety minutes."):
        assert words in text, words


def test_page_headers_name_the_section_and_its_clock_times(project):
    reader = _guide(project)
    headers = [reader.pages[i].extract_text().split("\n") for i in range(len(reader.pages))]
    practice = [i for i, lines in enumerate(headers)
                if any("Slide 4 · Try it" in line for line in lines)]
    assert practice
    assert any(re.match(r"Practice · 2:05 pm–2:20 pm", line) for line in headers[practice[0]]), \
        headers[practice[0]]


def test_the_seed_guide_headers_follow_the_sections():
    deck = load(SEED, None, Findings())
    reader = PdfReader(io.BytesIO(render(deck, "facilitator")))
    for i in range(len(reader.pages)):
        text = _lines(reader, i)
        if "Slide 4 · A Brief History" in text:
            assert "History · 9:10–9:30" in text
            assert "Slide 4 · A Brief History 5 min · 9:10–9:15" in text
            after = _lines(reader, i + 1)  # the answer key, below the notes
            assert "communities hit by HIV/AIDS" in text + after
            break
    else:
        raise AssertionError("no page for slide 4")
    text = " ".join(pdf_text(reader).split())
    # The second resource slide shares its div's time, carried by the first.
    assert "Slide 38 · National Resources no time of its own" in text


def test_the_participant_handout_leaves_out_the_trainers_parts(project):
    text = " ".join(pdf_text(project.pdf(SMALL)).split())
    assert "Take turns giving the spray to a dummy." in text
    for words in ("Introduce yourself", "Hand out one kit", "What felt awkward",
                  "Thirty to ninety", "Charge the projector"):
        assert words not in text, words


# ---------------------------------------------------------------- the third output of build


def test_build_writes_the_guide_beside_the_deck_and_the_handout(project):
    source = project.deck(SMALL)
    targets = output_paths(source, project.root / "output")
    assert targets["facilitator"].name == "deck-facilitator.pdf"
    result = build(source, targets)
    assert targets["facilitator"] in result.written
    reader = PdfReader(targets["facilitator"])
    assert reader.metadata.title == "Naloxone basics – Facilitator guide"
    again = build(source, targets)
    assert targets["facilitator"] in again.skipped and not again.written


def test_facilitator_false_or_no_facilitator_leaves_the_guide_out(project, monkeypatch):
    monkeypatch.chdir(project.root)
    runner = CliRunner()
    project.deck(SMALL.replace("start:", "facilitator: false\n    start:"))
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert not (project.root / "output" / "deck-facilitator.pdf").exists()
    assert (project.root / "output" / "deck-handout.pdf").exists()
    result = runner.invoke(main, ["build", "--facilitator"])
    assert "deck-facilitator.pdf" in result.stdout
    project.deck(SMALL)
    (project.root / "output" / "deck-facilitator.pdf").unlink()
    result = runner.invoke(main, ["build", "--no-facilitator"])
    assert result.exit_code == 0 and "facilitator" not in result.stdout
    assert not (project.root / "output" / "deck-facilitator.pdf").exists()


def test_a_failed_build_leaves_the_last_good_guide(project, monkeypatch):
    monkeypatch.chdir(project.root)
    runner = CliRunner()
    project.deck(SMALL)
    assert runner.invoke(main, ["build"]).exit_code == 0
    guide = project.root / "output" / "deck-facilitator.pdf"
    before = guide.read_bytes()
    project.deck(SMALL.replace("{time=5m}", "{time=five}"))
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert re.search(r"deck\.md:\d+: 'time=five': 'five' is not a time", result.stderr), \
        result.stderr
    assert guide.read_bytes() == before


def test_the_guide_is_made_for_every_region(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.region()
    project.deck(SMALL)
    result = CliRunner().invoke(main, ["build", "--all-regions"])
    assert result.exit_code == 0, result.output
    assert (project.root / "output" / "deck-testland-facilitator.pdf").exists()


# ---------------------------------------------------------------- the participant workbook


def test_the_workbook_has_blanks_and_answer_spaces_and_no_answers(project):
    text = pdf_text(project.pdf(SMALL, handout="workbook"))
    flat = " ".join(text.split())
    assert re.search(r"Naloxone lasts[\s\u00a0]{20,}minutes\.", text)  # a line to write on
    assert "______" not in text
    assert "Your answer" in flat  # the answer's space, as tall as the guide's answer box
    assert "Take turns giving the spray to a dummy." in flat  # the activity's instructions
    for words in ("Thirty to ninety", "Hand out one kit", "What felt awkward",
                  "Introduce yourself", "A practice dummy"):
        assert words not in flat, words


def test_the_seed_workbook_leaves_room_for_the_history_answers():
    deck = load(SEED, None, Findings())
    reader = PdfReader(io.BytesIO(render(deck, "handout", handout="workbook")))
    text = pdf_text(reader)
    assert re.search(r"1983:[\s\u00a0]{20,}", text) and "Your answer" in text
    assert "communities hit by HIV/AIDS" not in text and "Dave Purchase" not in text


def test_every_font_in_the_guide_is_embedded_truetype(project):
    """As in the handout: no font left to the reader's machine (the tables named Helvetica)."""
    reader = _guide(project)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert any("DeckbuildSans-Bold" in name for name in fonts), fonts
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor") or \
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), name


FONTLESS = """
    ---
    title: Fonts
    ---

    ## Words {time=5m}

    Hello \u4e2d\u6587

    ::: facilitator
    Say \u65e5 too.
    :::
"""


def test_a_character_no_output_can_show_is_one_warning_naming_both(project):
    """The handout and the guide check the same slide with the same fonts: one warning
    for what neither shows, one for what only the guide prints (a facilitator note)."""
    source = project.deck(FONTLESS)
    result = build(source, output_paths(source, project.root / "output"))
    warnings = [f.message for f in result.findings if f.rule == "handout-font"]
    assert len(warnings) == 2, warnings
    both, guide_only = warnings
    assert both.startswith("the handout and the facilitator guide cannot show '\u4e2d'"
                           " (U+4E2D), '\u6587' (U+6587) on slide 2 ('Words')"), both
    assert guide_only.startswith("the facilitator guide cannot show '\u65e5' (U+65E5)"
                                 " on slide 2"), guide_only
    result = build(source, output_paths(source, project.root / "output"), force=True,
                   facilitator=False)
    warnings = [f.message for f in result.findings if f.rule == "handout-font"]
    assert len(warnings) == 1 and warnings[0].startswith("the handout cannot show '\u4e2d'")


def test_scripts_drawn_letter_by_letter_are_said_once_too():
    from deckbuild.render.font_warnings import SHAPING, font_warning, once_per_build
    found = [font_warning(SHAPING, [output], ["Arabic"], "slide 2 ('Hello')", "", "d.md", 9)
             for output in ("handout", "facilitator guide")]
    merged = once_per_build(found)
    assert [f.message for f in merged] == [
        "Arabic text on slide 2 ('Hello') is drawn letter by letter in the handout and the"
        " facilitator guide, without the joining and right-to-left order it needs; check how"
        " it reads"]
    assert merged[0].path == "d.md" and merged[0].line == 9 and merged[0].rule == SHAPING


def _answers_deck() -> str:
    """Slides of growing notes, each with its answer key: some fall at a page's foot."""
    slides = []
    for number in range(1, 13):
        notes = " ".join(["Ask the room and wait for a few answers."] * (3 + 2 * number))
        slides.append(f"## Question {number} {{time=2m}}\n\nWhat is ______?\n\n"
                      f"::: notes\n{notes}\n:::\n\n::: answer\nAnswer number {number}.\n:::\n")
    return "---\ntitle: Quiz\n---\n\n" + "\n".join(slides)


def _page_of(reader: PdfReader, text: str) -> int:
    pages = [n for n, page in enumerate(reader.pages)
             if text in " ".join(page.extract_text().split())]
    assert len(pages) == 1, (text, pages)
    return pages[0]


def test_an_answer_is_on_the_page_of_its_slide(project):
    reader = _guide(project, _answers_deck())
    for number in range(1, 13):
        slide = _page_of(reader, f"Slide {number + 1} \u00b7 Question {number} ")
        assert _page_of(reader, f"Answer number {number}.") == slide, number


def test_the_seed_guide_answer_key_follows_its_slide():
    deck = load(SEED, None, Findings())
    reader = PdfReader(io.BytesIO(render(deck, "facilitator")))
    slide = _page_of(reader, "Slide 4 \u00b7 A Brief History")
    assert _page_of(reader, "1983: communities hit by HIV/AIDS") == slide


def _first_heading_heights(reader: PdfReader) -> dict:
    """page -> the height of the first line of text under the running header, for pages
    whose text starts with a slide's heading."""
    out = {}
    for number, page in enumerate(reader.pages):
        lines = []

        def visit(text, cm, tm, font, size, lines=lines):
            if text.strip():
                lines.append((round(cm[5] + tm[5] * cm[3], 1), text))

        page.extract_text(visitor_text=visit)
        body = sorted((line for line in lines if line[0] < 750), reverse=True)  # (not the header)
        if body and body[0][1].startswith("Slide "):
            out[number] = body[0][0]
    return out


def test_a_slide_at_the_top_of_a_page_starts_where_the_text_does():
    """The space after a slide does not carry over to the top of the next page."""
    deck = load(SEED, None, Findings())
    heights = _first_heading_heights(PdfReader(io.BytesIO(render(deck, "facilitator"))))
    assert len(heights) > 5 and len(set(heights.values())) == 1, heights
