"""The command line's own surroundings: stdout full or closed, a malformed SOURCE_DATE_EPOCH.

These run `python -m deckbuild` in a subprocess: what is tested is the real
standard output (a file descriptor), not click's test runner.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pptx import Presentation

GOOD = "---\ntitle: Good\n---\n\n## A slide\n\n- a point\n"
DECKBUILD = [sys.executable, "-m", "deckbuild"]


def _run(project, *args, env=None, **kwargs):
    return subprocess.run([*DECKBUILD, *args], cwd=project.root, text=True, timeout=120,
                          env={**os.environ, **(env or {})}, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_standard_output_is_reported_once_after_building(project):
    project.deck(GOOD)
    project.deck(GOOD, name="second")
    with open("/dev/full", "w") as full:
        done = _run(project, "build", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert done.stderr.strip() == ("deckbuild: could not print to the standard output (No space"
                                   " left on device); what was built is in place, but its"
                                   " report was lost")
    for name in ("deck", "second"):  # both decks were built, not only the first
        Presentation(str(project.root / "output" / f"{name}.pptx"))


def test_a_closed_standard_output_builds_and_writes_nothing_into_the_outputs(project):
    project.deck(GOOD)
    done = subprocess.run(" ".join([*DECKBUILD, "build"]) + " >&-", shell=True, cwd=project.root,
                          capture_output=False, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    Presentation(str(project.root / "output" / "deck.pptx"))
    assert (project.root / "output" / "deck-handout.pdf").read_bytes().startswith(b"%PDF-")


def test_a_closed_pipe_is_quiet(project):
    project.deck(GOOD)
    done = subprocess.run(" ".join([*DECKBUILD, "build"]) + " | true", shell=True,
                          cwd=project.root, stderr=subprocess.PIPE, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.parametrize("value", ["1e9", "abc", "-5", "99999999999999", "1700000000.5"])
def test_a_malformed_source_date_epoch_is_an_error_naming_it(project, value):
    project.deck(GOOD)
    done = _run(project, "build", env={"SOURCE_DATE_EPOCH": value}, capture_output=True)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"SOURCE_DATE_EPOCH: '{value}' is not a date:"
                                   " SOURCE_DATE_EPOCH must be a whole number of seconds since"
                                   " 1970-01-01, like 1767225600 (what 'date +%s' prints); fix"
                                   " it or unset it")
    assert not (project.root / "output" / "deck.pptx").exists()


def test_a_good_source_date_epoch_still_dates_both_outputs(project):
    project.deck(GOOD)
    done = _run(project, "build", env={"SOURCE_DATE_EPOCH": "1700000000"}, capture_output=True)
    assert done.returncode == 0, done.stderr
    prs = Presentation(str(project.root / "output" / "deck.pptx"))
    assert prs.core_properties.modified.year == 2023
