"""A failed build never costs the last good deck; a file that cannot be written is named."""
from __future__ import annotations

import errno
import os

import pytest
from click.testing import CliRunner

from deckbuild import output
from deckbuild.cli import main
from deckbuild.errors import OutputError
from deckbuild.output import write_atomic
from permissions import make_read_only_folder

GOOD = "---\ntitle: Good\n---\n\n## A slide\n\n- a point\n"


@pytest.fixture
def built(project, monkeypatch):
    """A project with a deck built once into output/; returns (runner, deck path, outputs)."""
    monkeypatch.chdir(project.root)
    deck = project.deck(GOOD)
    runner = CliRunner()
    result = runner.invoke(main, ["build", "source/deck.md"])
    assert result.exit_code == 0, result.output
    outputs = [project.root / "output" / "deck.pptx", project.root / "output" / "deck-handout.pdf"]
    return runner, deck, outputs


def _temporary_files(folder) -> list:
    """What a build left behind besides its outputs and its build record."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _snapshot(paths):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}


@pytest.mark.parametrize("breakage", [
    "## A slide\n\n![gone](../assets/missing.png)\n",
    "---\ntitle: [broken\n---\n\n## A slide\n",
    "",
    "## A slide\n\n{{ nobody }}\n",
])
def test_a_failed_build_leaves_the_previous_files_untouched(project, built, breakage):
    runner, deck, outputs = built
    before = _snapshot(outputs)
    deck.write_text(breakage, encoding="utf-8")
    result = runner.invoke(main, ["build", "source/deck.md"])
    assert result.exit_code == 1
    assert _snapshot(outputs) == before
    assert _temporary_files(project.root / "output") == []


def test_a_file_that_cannot_be_replaced_is_named(project, built, monkeypatch):
    runner, deck, outputs = built
    before = _snapshot(outputs)
    deck.write_text(GOOD.replace("a point", "a new point"), encoding="utf-8")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(output.os, "replace", locked)
    result = runner.invoke(main, ["build", "source/deck.md"])
    assert result.exit_code == 1
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(os.path.join("output", "deck.pptx") + ": cannot replace this file")
    assert "Traceback" not in result.output
    assert _snapshot(outputs) == before
    assert _temporary_files(project.root / "output") == []


def test_a_folder_where_nothing_can_be_written_is_named(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refused)
    target = tmp_path / "out" / "deck.pptx"
    with pytest.raises(OutputError, match="read-only") as caught:
        write_atomic(target, b"data")
    assert caught.value.path == str(target)


def test_a_disk_that_fills_up_is_reported_and_cleaned_up(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    with pytest.raises(OutputError, match="No space left") as caught:
        write_atomic(target, b"new")
    assert caught.value.path == str(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_a_read_only_folder_is_named(project, built, monkeypatch):
    runner, deck, outputs = built
    before = _snapshot(outputs)
    folder = project.root / "output"
    deck.write_text(GOOD.replace("a point", "a new point"), encoding="utf-8")  # not up to date
    try:
        with monkeypatch.context() as patched:
            make_read_only_folder(patched, folder)
            result = runner.invoke(main, ["build", "source/deck.md"])
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert os.path.join("output", "deck.pptx") in result.stderr
    assert "read-only" in result.stderr
    assert _snapshot(outputs) == before


def test_an_output_path_that_is_a_folder_is_named(tmp_path):
    (tmp_path / "taken.pptx").mkdir()
    with pytest.raises(OutputError, match="cannot write this file") as caught:
        write_atomic(tmp_path / "taken.pptx", b"data")
    assert caught.value.path == str(tmp_path / "taken.pptx")
    assert [p.name for p in tmp_path.iterdir()] == ["taken.pptx"]


def test_when_the_handout_cannot_be_written_the_deck_is_not_replaced_either(
        project, built, monkeypatch):
    runner, deck, outputs = built
    before = _snapshot(outputs)
    deck.write_text(GOOD.replace("a point", "a new point"), encoding="utf-8")
    real_mkstemp = output.tempfile.mkstemp

    def handout_disk_full(*args, prefix="", **kwargs):
        if "handout" in prefix:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_mkstemp(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(output.tempfile, "mkstemp", handout_disk_full)
    result = runner.invoke(main, ["build", "source/deck.md", "--force"])
    assert result.exit_code == 1
    assert "deck-handout.pdf" in result.stderr
    assert _snapshot(outputs) == before
    assert _temporary_files(project.root / "output") == []
