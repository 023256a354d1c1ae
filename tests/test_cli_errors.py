"""Every input error reads `path:line: message`, exits 1, and shows no traceback.

`--debug` adds the traceback for whoever fixes deckbuild itself.
"""
from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner

from conftest import REGION
from deckbuild.cli import main

DECK = os.path.join("source", "deck.md")
REGION_FILE = os.path.join("source", "regions", "testland.yaml")

CASES = {
    "not utf-8": (b"## Slide\n\nna\xefve\n", None, DECK, 3, "not UTF-8"),
    "invalid yaml": (b"---\ntitle: [open\nsubtitle: x\n---\n\n## S\n", None, DECK, 3,
                     "YAML here cannot be read"),
    "unclosed front matter": (b"---\ntitle: x\n\n## S\n", None, DECK, 1, "never closed"),
    "missing picture": (b"## S\n\ntext\n\n![a](../assets/none.png)\n", None, DECK, 5,
                        "does not exist"),
    "picture outside": (b"## S\n\n![a](../../../etc/hosts)\n", None, DECK, 3,
                        "outside the project"),
    "unknown name": (b"## S\n\nHello {{ nobody }}\n", None, DECK, 3, "not a name this deck"),
    "bad option": (b"---\noverflow: sometimes\n---\n\n## S\n", None, DECK, 2, "is not one of"),
    "bad region yaml": (b"---\nregion: testland\n---\n\n## S\n",
                        "name: X\nresources:\n  - group: G\n   items: x\n", REGION_FILE, 4,
                        "YAML here cannot be read"),
    "bad region link": (b"---\nregion: testland\n---\n\n## S\n",
                        REGION.replace("https://clinic.testland.example.org",
                                       "javascript:alert(1)"), REGION_FILE, 19, "cannot be used"),
    "empty file": (b"", None, DECK, 0, "no slides"),
    "utf-16": ("## Slide\n".encode("utf-16"), None, DECK, 0, "UTF-16"),
    "region not utf-8": (b"---\nregion: testland\n---\n\n## S\n",
                         "name: Caf\udce9\nresources: []\n", REGION_FILE, 1, "not UTF-8"),
}


@pytest.fixture
def cli(project, monkeypatch):
    monkeypatch.chdir(project.root)

    def run(*args):
        return CliRunner().invoke(main, list(args))
    return run


@pytest.mark.parametrize("case", sorted(CASES))
def test_input_errors_read_path_line_message(project, cli, case):
    raw, region, where, line, message = CASES[case]
    (project.source / "deck.md").write_bytes(raw)
    if region is not None:
        (project.source / "regions" / "testland.yaml").write_bytes(
            region.encode("utf-8", "surrogateescape"))
    result = cli("build", DECK)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    prefix = f"{where}:{line}: " if line else f"{where}: "
    assert lines[-1].startswith(prefix), result.stderr
    assert message in lines[-1]
    assert "Traceback" not in result.output
    assert not (project.root / "output" / "deck.pptx").exists()


def test_debug_shows_the_traceback(project, cli):
    (project.source / "deck.md").write_bytes(CASES["missing picture"][0])
    result = cli("--debug", "build", DECK)
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"{DECK}:5: ")


def test_warnings_read_path_line_and_the_build_goes_on(project, cli):
    (project.source / "deck.md").write_text(
        "## S\n\n[x](javascript:alert(1))\n\n::: notes\nopen\n", encoding="utf-8")
    result = cli("build", DECK)
    assert result.exit_code == 0
    warnings = [l for l in result.stderr.splitlines() if "warning" in l]
    assert any(re.match(rf"{re.escape(DECK)}:3: warning: .*javascript", w) for w in warnings)
    assert any(re.match(rf"{re.escape(DECK)}:5: warning: .*never closed", w) for w in warnings)


def test_one_bad_deck_does_not_stop_the_others(project, cli):
    (project.source / "bad.md").write_bytes(b"## S\n\n![a](../assets/none.png)\n")
    (project.source / "good.md").write_text("## Fine\n", encoding="utf-8")
    result = cli("build")
    assert result.exit_code == 1
    assert (project.root / "output" / "good.pptx").exists()
    assert not (project.root / "output" / "bad.pptx").exists()
