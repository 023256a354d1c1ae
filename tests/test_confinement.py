"""Decks and region files are read only when they are ordinary files of a sane size.

A pipe (FIFO) would block a build forever and a device (`/dev/zero`) never ends;
folders deckbuild may not look into, names that cannot be file names and symbolic
link loops are each reported with the path, never a traceback. The commands that
could block run in a subprocess with a timeout, so a regression fails instead
of hanging the suite.
"""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import REGION
from deckbuild.cli import main
from deckbuild.read import textfile

GOOD = "---\ntitle: Good\n---\n\n## A slide\n\n- a point\n"
DECKBUILD = [sys.executable, "-m", "deckbuild"]


def _run(project, *args, timeout=60, **kwargs):
    return subprocess.run([*DECKBUILD, *args], cwd=project.root, capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def test_a_deck_that_is_a_pipe_is_refused_at_once(project):
    os.mkfifo(project.source / "deck.md")
    done = _run(project, "build", "source/deck.md")
    assert done.returncode == 1
    assert done.stderr.strip() == ("source/deck.md: this is not a file that can be read (a pipe"
                                   " or a device); name a Markdown file")


@pytest.mark.parametrize("command", [["regions"], ["build", "--all-regions"],
                                     ["build", "--region", "piped"]])
def test_a_region_file_that_is_a_pipe_is_refused_at_once(project, command):
    project.deck(GOOD)
    project.region()
    os.mkfifo(project.source / "regions" / "piped.yaml")
    done = _run(project, *command)
    assert done.returncode == 1
    assert "source/regions/piped.yaml: this is not a file that can be read but a pipe (FIFO)" \
        in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_region_file_linked_to_dev_zero_is_refused_at_once(project):
    project.deck(GOOD)
    os.symlink("/dev/zero", project.source / "regions" / "zero.yaml")
    done = _run(project, "build", "--region", "zero")
    assert done.returncode == 1
    assert done.stderr.strip() == ("source/regions/zero.yaml: this is not a file that can be read"
                                   " but a device; name a text file")


def test_files_over_the_limit_are_refused_naming_it(project, monkeypatch):
    monkeypatch.chdir(project.root)
    monkeypatch.setattr(textfile, "MAX_DECK_BYTES", 1024)
    monkeypatch.setattr("deckbuild.read.region.MAX_REGION_BYTES", 1024)
    project.deck(GOOD + "\n" + "- more words\n" * 200)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "source/deck.md: this file is 3 KB; deckbuild reads files" \
                                    " of up to 1 KB"
    project.deck(GOOD.replace("title: Good", "title: Good\nregion: testland"))
    project.region(REGION + "\n" + "# a long comment\n" * 200)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "source/regions/testland.yaml: this file is" in result.stderr
    assert "deckbuild reads files of up to" in result.stderr


def test_the_limits_fit_a_large_training():
    # A 20 MB deck (28,000 slides) can be read and checked; a build refuses it (test_limits).
    assert textfile.MAX_DECK_BYTES >= 32 * 1024 * 1024
    assert textfile.MAX_REGION_BYTES >= 8 * 1024 * 1024  # 10,000 resources are about 2 MB


# ---------------------------------------------------------------- region names


@pytest.mark.parametrize("command", [["regions"], ["build", "--all-regions"]])
def test_a_region_file_name_that_cannot_be_built_is_reported_before_building(project,
                                                                              monkeypatch,
                                                                              command):
    monkeypatch.chdir(project.root)
    project.deck(GOOD)
    project.region()
    project.region(name="région")
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "source/regions/région.yaml: 'région' cannot be a region name: use only the" \
           " letters a-z, digits, '-' and '_' (for example 'region')" in result.stderr
    assert not (project.root / "output" / "deck-testland.pptx").exists()


@pytest.mark.parametrize("name, problem", [
    ("evil\n", "'evil\\n' cannot be a region name"),
    ("x" * 300, "is 300 characters long; use at most 64"),
    ("a/b", "cannot be a region name"),
    ("_x", "cannot be a region name"),
])
def test_region_new_refuses_names_that_are_not_file_names(project, monkeypatch, name, problem):
    monkeypatch.chdir(project.root)
    result = CliRunner().invoke(main, ["region", "new", name])
    assert result.exit_code == 1
    assert problem in result.stderr
    assert "Traceback" not in result.output
    assert list((project.source / "regions").iterdir()) == []


def test_a_300_character_region_option_is_a_message(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.deck(GOOD)
    result = CliRunner().invoke(main, ["build", "--region", "r" * 300])
    assert result.exit_code == 1
    assert "is 300 characters long; use at most 64" in result.stderr
    assert "internal error" not in result.stderr


# ---------------------------------------------------------------- permissions


def _without_permission_override():
    """As root, drop the right to ignore file permissions (for the child process only)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone after exec


@pytest.fixture
def unsearchable(project):
    """A project whose logo is in assets/ and a deck with a picture; yields chmod(folder)."""
    from PIL import Image
    Image.new("RGB", (20, 20), "red").save(project.root / "assets" / "logo.png")
    project.region(REGION.replace("  email: info@testland.example.org",
                                  "  email: info@testland.example.org\n  logo: assets/logo.png"))
    project.deck(GOOD.replace("title: Good", "title: Good\nregion: testland"))
    changed = []

    def chmod(folder, mode):
        folder.chmod(mode)
        changed.append(folder)

    yield chmod
    for folder in changed:
        folder.chmod(0o755)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux permissions")
@pytest.mark.parametrize("folder, command, message", [
    ("assets", ["build"], "source/regions/testland.yaml:8: the logo 'assets/logo.png': assets:"
     " deckbuild may not look into this folder (permission denied): allow it with"
     " 'chmod a+rx assets'"),
    ("source/regions", ["build"], "source/regions: deckbuild may not look into this folder"
     " (permission denied): allow it with 'chmod a+rx source/regions'"),
    ("source/regions", ["regions"], "source/regions: deckbuild may not look into this folder"),
    ("source/regions", ["build", "--all-regions"], "source/regions: deckbuild may not look"),
])
def test_a_folder_without_search_permission_is_named(project, unsearchable, folder, command,
                                                     message):
    unsearchable(project.root / folder, 0o644)
    done = _run(project, *command, preexec_fn=_without_permission_override)
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
