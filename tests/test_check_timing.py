"""The session against the clock: `deckbuild check`'s time rules and the run of show they
read (`deckbuild.schedule`), on small decks and on the seed deck."""
from pathlib import Path

from click.testing import CliRunner

from deckbuild.check import check_source
from deckbuild.cli import main
from deckbuild.errors import Findings
from deckbuild.model import plain
from deckbuild.read import read_deck
from deckbuild.schedule import clock_text, minutes_text, run_of_show

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "harm-reduction.md"

TIMED = """
    ---
    title: T
    duration: 30m
    start: "9:00"
    ---

    ## Welcome {time=5m}

    text

    # History {time=15m}

    ## One {time=5m}

    text

    ## Two {time=10m}

    text

    # Practice {time=10m}

    ## Three {time=10m}

    text
    """


def findings(project, markdown):
    return [(f.rule, f.line, f.message) for f in check_source(project.deck(markdown))]


def test_a_deck_that_adds_up_has_no_time_findings(project):
    assert findings(project, TIMED) == []


def test_the_run_of_show_has_sections_minutes_and_clock_times(project):
    run = run_of_show(read_deck(project.deck(TIMED)))
    assert [(plain(s.title), s.seconds // 60, run.clock(s.start)) for s in run.sections] == \
        [("", 5, "9:00"), ("History", 15, "9:05"), ("Practice", 10, "9:20")]
    assert run.total == 1800 and run.clock(run.total) == "9:30"


def test_a_slide_over_its_time_makes_the_section_and_the_session_run_over(project):
    over = TIMED.replace("## Two {time=10m}", "## Two {time=40m}")
    assert findings(project, over) == [
        ("session-time", 3, "the session runs 30 minutes over: its times add up to 60"
         " minutes and 'duration:' is 30 minutes ('History' takes 45 minutes for its 15"
         " minutes)"),
        ("section-time", 11, "the slides of 'History' add up to 45 minutes, 30 minutes over"
         " the section's 15 minutes")]


def test_a_session_short_of_its_duration_lists_its_sections(project):
    short = TIMED.replace("duration: 30m", "duration: 45m")
    assert findings(project, short) == [
        ("session-time", 3, "the session runs 15 minutes short: its times add up to 30"
         " minutes and 'duration:' is 45 minutes (by section: opening 5 minutes, History 15"
         " minutes, Practice 10 minutes)")]


def test_partly_timed_and_untimed_sections(project):
    deck = TIMED.replace("## Two {time=10m}", "## Two").replace("## Three {time=10m}",
                                                                "## Three") \
        .replace("# Practice {time=10m}", "# Practice")
    assert [(rule, line) for rule, line, _ in findings(project, deck)] == [
        ("session-time", 3), ("section-time", 17), ("section-time", 21)]
    messages = [m for _, _, m in findings(project, deck)]
    assert messages[1] == ("in 'History', 1 slide has no time while the others do: 'Two'"
                           " (line 17); give each a {time=...}")
    assert messages[2] == ("'Practice' has no time: add {time=...} to its heading or to its"
                           " slides (for example {time=10m})")


def test_a_section_timed_only_by_its_heading_counts_its_heading(project):
    deck = TIMED.replace("## One {time=5m}", "## One").replace("## Two {time=10m}", "## Two")
    assert findings(project, deck) == []
    run = run_of_show(read_deck(project.deck(deck)))
    assert [s.seconds // 60 for s in run.sections] == [5, 15, 10]


def test_a_deck_without_times_gets_no_time_findings(project):
    assert findings(project, "# A\n\n## One\n\ntext\n\n# B\n\n## Two\n\ntext\n") == []


def test_activities_time_their_slide_and_may_not_take_longer(project):
    deck = """
        ## One

        ::: {.activity title=Pairs time=5m}
        Talk.
        :::

        ## Two {time=2m}

        ::: {.activity title=Groups time=5m}
        Talk.
        :::
        """
    run = run_of_show(read_deck(project.deck(deck)))
    assert [t.seconds for t in run.sections[0].slides] == [300, 120]
    assert [(rule, line) for rule, line, _ in findings(project, deck)] == [("activity-time", 7)]


def test_clock_times_follow_start_in_the_form_it_was_written():
    assert clock_text(540, 5400) == "10:30"
    assert clock_text(690, 3600, twelve_hour=True) == "12:30 pm"
    assert clock_text(None, 60) == ""
    assert [minutes_text(s) for s in (300, 90, 4500)] == ["5", "1.5", "75"]


def test_the_seed_deck_is_planned_for_its_ninety_minutes():
    deck = read_deck(SEED, findings=Findings())
    run = run_of_show(deck)
    assert run.duration == run.total == 90 * 60
    assert run.clock(run.total) == "10:30"
    assert [f for f in check_source(SEED) if f.rule.endswith("-time")] == []


def test_check_on_the_seed_prints_nothing_and_warns_when_a_slide_runs_30_minutes_over(
        tmp_path, monkeypatch):
    runner = CliRunner()
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["check", str(SEED)])
    assert result.exit_code == 0 and result.stdout == ""
    project = tmp_path / "project"
    (project / "source" / "regions").mkdir(parents=True)
    for region in (ROOT / "source" / "regions").glob("*.yaml"):
        (project / "source" / "regions" / region.name).write_text(region.read_text())
    raised = project / "source" / "harm-reduction.md"
    raised.write_text(SEED.read_text().replace("## A Brief History {time=5m}",
                                               "## A Brief History {time=35m}"))
    result = runner.invoke(main, ["check", str(raised)])
    lines = result.stdout.splitlines()
    assert any("the session runs 30 minutes over" in line and "'History'" in line
               for line in lines), lines
    assert any("the slides of 'History' add up to 50 minutes, 30 minutes over" in line
               for line in lines), lines
