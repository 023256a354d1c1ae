"""Watch mode: a saved file is rebuilt, errors are reported and watching goes on."""
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from pptx import Presentation

from deckbuild.build import build, output_paths
from deckbuild.errors import DeckError
from deckbuild.watch import Watcher

DECK = """
---
title: Watched
---

## First version

- one
"""
TIMEOUT = 30.0  # seconds; a generous bound for a slow machine, not a timing target


def titles(path: Path) -> list:
    return [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides
            if s.shapes.title is not None]


def wait_for(condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def watcher_for(project, source, events):
    targets = output_paths(source, project.root / "output")
    return Watcher(lambda: [source], lambda s: build(s, targets), events.append, 0.05), targets


def test_watch_rebuilds_after_a_file_changes(project):
    """The watcher runs in a thread; the test saves the deck and waits for the new output."""
    source = project.deck(DECK)
    events = []
    watcher, targets = watcher_for(project, source, events)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, kwargs={"should_stop": stop.is_set})
    thread.start()
    try:
        assert wait_for(lambda: targets["pptx"].exists() and len(events) >= 1)
        source.write_text(DECK.replace("First version", "Second version"))
        assert wait_for(lambda: "Second version" in titles(targets["pptx"]))
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert not thread.is_alive()
    assert all(e.error is None for e in events)


def test_watch_reports_errors_and_goes_on(project):
    """Rounds driven by the sleep step: break the deck, then mend it."""
    source = project.deck(DECK)
    events = []
    watcher, targets = watcher_for(project, source, events)
    edits = iter([
        lambda: source.write_text(DECK + "\n![gone](../assets/missing.png)\n"),
        lambda: (project.root / "assets" / "missing.png").write_bytes(_png()),
        lambda: None,
    ])
    watcher.run(max_polls=3, sleep=lambda seconds: next(edits)())
    assert [bool(e.error) for e in events] == [False, True, False]
    error = events[1].error
    assert isinstance(error, DeckError) and "missing.png" in str(error)
    assert str(error).startswith(f"{source}:")  # path:line for the trainer
    assert events[2].result.written  # the new picture is noticed and the deck built


def test_unchanged_save_builds_nothing(project):
    source = project.deck(DECK)
    events = []
    watcher, targets = watcher_for(project, source, events)

    def touch(seconds):
        later = time.time() + 5
        os.utime(source, (later, later))

    watcher.run(max_polls=1, sleep=touch)
    assert len(events) == 2 and events[1].result.written == []


def test_watch_command_rebuilds_and_stops_on_ctrl_c(project):
    source = project.deck(DECK)
    output = project.root / "output" / "deck.pptx"
    proc = subprocess.Popen([sys.executable, "-m", "deckbuild", "watch", "--interval", "0.1"],
                            cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert wait_for(output.exists)
        assert wait_for(lambda: _readable(output))
        source.write_text(DECK.replace("First version", "Saved again"))
        assert wait_for(lambda: _readable(output) and "Saved again" in titles(output))
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err
    assert "Stopped watching." in out
    assert out.count("2 slides ->") == 2 and "Traceback" not in err


def _readable(path: Path) -> bool:
    try:
        Presentation(str(path))
        return True
    except Exception:
        return False


def _png() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def test_watch_command_prints_errors_as_path_line(project, monkeypatch):
    """One round (then Ctrl-C): the error starts with path:line and watching ends cleanly."""
    from click.testing import CliRunner
    from deckbuild.cli import main

    project.deck(DECK + "\n![gone](../assets/missing.png)\n")
    monkeypatch.chdir(project.root)

    def one_round(self, **kwargs):
        for source in self.list_sources():
            self.build(source)
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "run", one_round)
    result = CliRunner().invoke(main, ["watch"])
    assert result.exit_code == 0
    assert result.stderr.startswith("source/deck.md:")
    assert "missing.png" in result.stderr and "Traceback" not in result.stderr
    assert "Stopped watching." in result.stdout


def test_a_fix_that_restores_the_last_good_deck_says_fixed(project, monkeypatch):
    """Break the deck, then undo the edit: the outputs are already right, and it says so."""
    from click.testing import CliRunner
    from deckbuild.cli import main

    source = project.deck(DECK)
    good = source.read_text()
    monkeypatch.chdir(project.root)
    edits = iter([lambda: source.write_text(good + "\n![gone](../assets/missing.png)\n"),
                  lambda: source.write_text(good)])

    def rounds(self, **kwargs):
        for deck in self.list_sources():
            self.build(deck)
        for edit in edits:
            edit()
            os.utime(source, ns=(time.time_ns() + 10**9,) * 2)  # a new stamp, whatever the clock
            self.poll()
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "run", rounds)
    result = CliRunner().invoke(main, ["watch"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[-2].startswith("source/deck.md: fixed at ")
    assert lines[-2].endswith("it is as it was at its last build, so the outputs are up to date")
    assert "missing.png" in result.stderr


def test_a_removed_deck_is_reported_and_watching_goes_on(project, monkeypatch):
    from click.testing import CliRunner
    from deckbuild.cli import main

    source = project.deck(DECK)
    other = project.deck(DECK, name="other")
    monkeypatch.chdir(project.root)

    def rounds(self, **kwargs):
        for deck in self.list_sources():
            self.build(deck)
        source.unlink()
        self.poll()
        self.poll()  # said once
        raise KeyboardInterrupt

    monkeypatch.setattr(Watcher, "run", rounds)
    for arguments in ([], ["source/deck.md", "source/other.md"]):
        project.deck(DECK)
        result = CliRunner().invoke(main, ["watch", *arguments])
        assert result.exit_code == 0
        removed = [line for line in result.stdout.splitlines() if "deck removed" in line]
        assert len(removed) == 1
        assert removed[0].startswith("source/deck.md: deck removed at ")
        assert removed[0].endswith("its outputs were left as they are. Watching goes on.")
        assert (project.root / "output" / "deck.pptx").exists()
    assert other.exists()
