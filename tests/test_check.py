"""`deckbuild check`: each rule on a small deck, with its line; exit status; JSON."""
import json
import os

import pytest
from click.testing import CliRunner
from PIL import Image as PILImage

from deckbuild.check import RULES, check_source
from deckbuild.check.rules.contrast import contrast
from deckbuild.cli import main
from conftest import REGION
from permissions import make_unreadable


def found(project, markdown, region=None):
    """(rule, line, level) of every finding for a deck written from `markdown`."""
    path = project.deck(markdown)
    return [(f.rule, f.line, f.level) for f in check_source(path, region)]


def picture(project, name="photo.png"):
    PILImage.new("RGB", (40, 30), "white").save(project.root / "assets" / name)
    return f"../assets/{name}"


def test_a_clean_deck_has_no_findings(project):
    assert found(project, """
        ## One

        - a point

        ## Two

        Some text.
        """) == []


def test_a_slide_without_a_title(project):
    assert found(project, """
        ## Titled

        text

        ---

        untitled text
        """) == [("missing-title", 5, "warning")]


def test_a_picture_without_alt_text(project):
    src = picture(project)
    assert found(project, f"""
        ## With a picture

        ![]({src})

        ## Described

        ![A clinic's front door]({src})
        """) == [("image-alt", 1, "warning")]


def test_a_missing_picture_and_an_unsupported_one_are_errors_and_all_are_reported(project):
    (project.root / "assets" / "drawing.svg").write_text("<svg/>")
    assert found(project, """
        ## First

        ![a door](../assets/nowhere.png)

        ## Second

        ![a drawing](../assets/drawing.svg)
        """) == [("missing-file", 3, "error"), ("image-type", 7, "error")]


def test_an_unreadable_picture(project, monkeypatch):
    src = picture(project, "locked.png")
    make_unreadable(monkeypatch, project.root / "assets" / "locked.png")
    assert found(project, f"## Locked\n\n![a lock]({src})\n") == [("missing-file", 3, "error")]


def test_a_link_that_is_not_web_mail_or_phone(project):
    assert found(project, """
        ## Links

        - [fine](https://example.org)
        - [bad](javascript:alert(1))
        """) == [("link-scheme", 4, "warning")]


def test_unknown_names_are_reported_with_their_lines_not_raised(project):
    project.region()
    assert found(project, """
        ---
        region: testland
        ---

        ## {{ region.name }}

        Ask {{ trainer }} or {{ nothing.here }}.

        ## {{ nobody }}

        text
        """) == [("unknown-name", 7, "error"), ("unknown-name", 9, "error")]


def test_two_slides_with_the_same_title(project):
    assert found(project, """
        ## Barriers

        one

        ## Other

        two

        ##   barriers

        three
        """) == [("duplicate-title", 9, "warning")]


def test_continued_parts_are_not_duplicate_titles(project):
    bullets = "\n".join(f"- point {n} " + "with enough words to take a line " * 2
                        for n in range(14))
    rules = [rule for rule, _, _ in found(project, f"## Long\n\n{bullets}\n")]
    assert "duplicate-title" not in rules
    assert "overflow-split" in rules


def test_an_empty_slide(project):
    assert found(project, """
        ## Something

        text

        ---

        ::: notes
        Only notes here.
        :::
        """) == [("empty-slide", 5, "warning")]


def test_more_than_seven_bullets(project):
    seven = "\n".join(f"- b{n}" for n in range(7))
    eight = "\n".join(f"- b{n}" for n in range(8))
    assert found(project, f"## Seven\n\n{seven}\n\n## Eight\n\n{eight}\n") == \
        [("too-many-bullets", 11, "warning")]


def test_more_than_two_levels_of_nesting(project):
    assert found(project, """
        ## Two levels

        - a
          - b

        ## Three levels

        - a
          - b
            - c
        """) == [("deep-nesting", 6, "warning")]


def test_a_pale_accent_colour(project):
    project.region(REGION.replace("name: Testland\n", 'name: Testland\ntheme:\n  accent: "#FFD966"\n'))
    path = project.deck("# A section\n\n## Slide\n\nSee [the example](https://example.org)\n")
    result = [(f.rule, f.path, f.line) for f in check_source(path, "testland")]
    region = str(project.source / "regions" / "testland.yaml")
    # White text on section slides and links in the accent colour on white.
    assert result == [("contrast", region, 1), ("contrast", region, 1)]


def test_a_pale_accent_the_deck_does_not_use_is_not_reported(project):
    project.region(REGION.replace("name: Testland\n", 'name: Testland\ntheme:\n  accent: "#FFD966"\n'))
    path = project.deck("## Slide\n\ntext\n")  # no section slide, no link
    assert [f for f in check_source(path, "testland") if f.rule == "contrast"] == []


def test_contrast_is_the_wcag_ratio():
    assert round(contrast("777777", "FFFFFF"), 2) == 4.48
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)


LONG_BULLETS = "\n".join(f"- point {n} " + "with words enough to fill a line or two " * 3
                         for n in range(12))


def test_text_shrunk_below_the_floor(project):
    deck = "---\noverflow: shrink\n---\n\n## Squeezed\n\n" + LONG_BULLETS + "\n"
    assert found(project, deck) == \
        [("overflow-shrink", 5, "warning"), ("too-many-bullets", 5, "warning")]


def test_small_text_on_a_slide_that_kept_its_body_size(project):
    """A table is set smaller than the body; when the body must get smaller, it gets small."""
    rows = "\n".join(f"| service {n} | 555-01{n:02d} |" for n in range(8))
    table = f"| Service | Phone |\n|---|---|\n{rows}\n"
    text = "Words before the table that take room on the slide. " * 4
    deck = f"## Roomy\n\n{table}\n## Crowded\n\n{text}\n\n{table}"
    crowded = deck.splitlines().index("## Crowded") + 1
    assert found(project, deck) == [("small-text", crowded, "warning")]


def test_small_contact_lines_on_a_resources_slide(project):
    """A resource's phone, hours and address are set smaller than its name: counted too."""
    items = "".join(f"""
      - name: Service {n}
        url: https://service{n}.example.org/help
        phone: 555-01{n:02d}
        hours: Mon-Fri 9am-5pm
        description: Help for anyone who asks, in person or on the phone, every weekday.
""" for n in range(6))
    project.region(f"name: Testland\nresources:\n  - group: Local help\n    items:{items}")
    deck = "---\nregion: testland\n---\n\n## Where to go\n\n::: resources\n:::\n"
    findings = [f for f in check_source(project.deck(deck)) if f.rule == "small-text"]
    assert len(findings) == 1 and findings[0].line == 7
    assert "contact lines (phone, hours, address) are set at" in findings[0].message
    assert "'Local help'" in findings[0].message


def test_link_text_that_does_not_say_where_it_goes(project):
    assert found(project, """
        ## Links

        - [click here](https://a.example.org) for the guide
        - the [naloxone guide](https://b.example.org)
        - <https://c.example.org/guide>
        - call [555-0100](tel:5550100)

        ## More

        Read it [here](https://d.example.org).

        Write to <info@e.example.org>.
        """) == [("link-text", 1, "warning"), ("link-text", 1, "warning"),
                 ("link-text", 8, "warning"), ("link-text", 8, "warning")]


def test_overflow_error_is_an_error_finding(project):
    deck = "---\noverflow: error\n---\n\n## Too much\n\n" + LONG_BULLETS + "\n"
    assert found(project, deck) == \
        [("overflow-error", 5, "error"), ("too-many-bullets", 5, "warning")]


def test_an_error_that_stops_reading_is_one_finding_with_its_line(project):
    assert found(project, "## A\n\ntext\n\n## Places\n\n::: resources\n:::\n") == \
        [("input", 7, "error")]


def test_every_rule_has_a_test_above():
    tested = {"missing-title", "image-alt", "duplicate-title", "empty-slide",
              "too-many-bullets", "deep-nesting", "contrast", "small-text", "link-text"}
    tested |= {"section-time", "session-time", "activity-time"}  # in test_check_timing.py
    assert set(RULES) == tested


# ---------------------------------------------------------------- command line


def run(project, *args):
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        return runner.invoke(main, ["check", *args])
    finally:
        os.chdir(cwd)


def test_check_prints_one_line_per_finding_and_exits_0_on_warnings(project):
    project.deck("## A\n\ntext\n\n---\n\nno title\n")
    result = run(project)
    assert result.exit_code == 0
    assert "source/deck.md:5: warning: this slide has no title" in result.stdout
    assert result.stdout.strip().endswith("[missing-title]")


def test_strict_turns_warnings_into_a_failure(project):
    project.deck("## A\n\ntext\n\n---\n\nno title\n")
    assert run(project, "--strict").exit_code == 1
    project.deck("## A\n\ntext\n")
    assert run(project, "--strict").exit_code == 0


def test_errors_exit_1(project):
    project.deck("## A\n\n![x](../assets/missing.png)\n")
    result = run(project, "source/deck.md")
    assert result.exit_code == 1
    assert "source/deck.md:3: error: the picture '../assets/missing.png' does not exist" \
        in result.stdout


def test_without_decks_check_is_a_usage_mistake(tmp_path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2
    assert "no deck to build" in result.output


def test_json_format_parses(project):
    project.deck("## A\n\ntext\n\n## A\n\nagain\n")
    result = run(project, "--format", "json")
    data = json.loads(result.stdout)
    assert data == [{"path": "source/deck.md", "line": 5, "level": "warning",
                     "message": data[0]["message"], "rule": "duplicate-title"}]


def test_region_option_is_used(project):
    project.region()
    project.deck("## {{ region.name }}\n\ntext\n")
    assert run(project, "--strict").exit_code == 1  # no region: unknown name
    assert run(project, "--region", "testland", "--strict").exit_code == 0


def test_build_prints_the_same_warnings(project):
    project.deck("## A\n\ntext\n\n## A\n\nagain\n")
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        result = runner.invoke(main, ["build"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0
    assert "source/deck.md:5: warning: another slide has the same title 'A'" in result.stderr


def test_link_text_is_checked_in_every_kind_of_block(project):
    """The link-text rule reads the same runs the handout lists: an item's second
    paragraph, a definition, a callout's title, a facilitator's block."""
    findings = found(project, """
        ## Links

        - First point

          Read it [here](https://a.example.org).

        Term
        : [click here](https://b.example.org)

        ::: {.callout-note}
        ## See [more](https://c.example.org)
        Inside.
        :::

        ::: facilitator
        Send them [this link](https://d.example.org).
        :::
        """)
    assert [f for f in findings if f[0] == "link-text"] == [("link-text", 1, "warning")] * 4
