"""template_package: a hostile template is refused, or cleaned with a warning, before use.

Every template here is the example template with one part patched (tests/hostile.py).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import textwrap
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from conftest import REGION
from deckbuild import template_package
from deckbuild.cli import main
from deckbuild.errors import DeckError
from deckbuild.template_package import open_template_package
from hostile import (EXAMPLE_TEMPLATE, HOSTILE, every_part_is_plain_xml, outside_references,
                     overlapping_bomb, zip_bomb)

DECK = "---\ntitle: Templated\nregion: testland\n---\n\n## A slide\n\n- a point\n"
TEMPLATED_REGION = REGION.replace("variables:", "theme:\n  template: assets/t.pptx\nvariables:")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def _hostile(hostile_dir, name):
    path = hostile_dir / f"{name}.pptx"
    if not path.exists():
        HOSTILE[name][0](path)
    return path


def _project(project, template_path, monkeypatch):
    monkeypatch.chdir(project.root)
    (project.root / "assets" / "t.pptx").write_bytes(template_path.read_bytes())
    project.region(TEMPLATED_REGION)
    project.deck(DECK)
    return CliRunner()


def test_the_example_template_opens_unchanged():
    package = open_template_package(EXAMPLE_TEMPLATE)
    assert package.data == EXAMPLE_TEMPLATE.read_bytes()
    assert package.warnings == ()
    Presentation(package.stream())


@pytest.mark.parametrize("name", [n for n, (_, what, _) in HOSTILE.items() if what == "refused"])
def test_a_hostile_template_is_refused_naming_the_file(hostile_dir, name):
    path = _hostile(hostile_dir, name)
    with pytest.raises(DeckError) as caught:
        open_template_package(path)
    assert caught.value.path == str(path)
    assert re.search(HOSTILE[name][2], caught.value.message), caught.value.message


@pytest.mark.parametrize("name", [n for n, (_, what, _) in HOSTILE.items() if what == "refused"])
def test_a_refused_template_stops_the_build_and_keeps_the_last_deck(project, hostile_dir, name,
                                                                     monkeypatch):
    runner = _project(project, EXAMPLE_TEMPLATE, monkeypatch)
    assert runner.invoke(main, ["build"]).exit_code == 0
    outputs = [project.root / "output" / "deck.pptx", project.root / "output" / "deck-handout.pdf"]
    before = {p: p.read_bytes() for p in outputs}
    (project.root / "assets" / "t.pptx").write_bytes(_hostile(hostile_dir, name).read_bytes())
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(os.path.join("source", "regions", "testland.yaml") + ":")
    assert "the template 'assets/t.pptx'" in message
    assert re.search(HOSTILE[name][2], message), message
    assert {p: p.read_bytes() for p in outputs} == before


@pytest.mark.parametrize("name", [n for n, (_, what, _) in HOSTILE.items()
                                  if what in ("warned", "kept")])
def test_outside_links_are_removed_with_a_warning_naming_the_template(project, hostile_dir, name,
                                                                      monkeypatch):
    runner = _project(project, _hostile(hostile_dir, name), monkeypatch)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "[template-link]" in line]
    pattern = HOSTILE[name][2]
    if pattern is None:
        assert warnings == []
    else:
        assert len(warnings) == 1, result.stderr
        assert warnings[0].startswith(os.path.join("assets", "t.pptx") + ": warning: ")
        assert re.search(pattern, warnings[0]), warnings[0]
    data = (project.root / "output" / "deck.pptx").read_bytes()
    assert outside_references(data) == []
    every_part_is_plain_xml(data)
    prs = Presentation(io.BytesIO(data))
    for layout in prs.slide_layouts:  # what referred to a removed link went with it
        assert "Linked picture" not in [shape.name for shape in layout.shapes]
    assert (project.root / "output" / "deck-handout.pdf").read_bytes().startswith(b"%PDF-")


def test_a_kept_hyperlink_stays_in_the_deck(project, hostile_dir, monkeypatch):
    runner = _project(project, _hostile(hostile_dir, "web-hyperlink"), monkeypatch)
    assert runner.invoke(main, ["build"]).exit_code == 0
    data = (project.root / "output" / "deck.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        rels = b"".join(package.read(n) for n in package.namelist() if n.endswith(".rels"))
    assert b'Target="https://www.example.org/"' in rels


def test_a_removed_picture_leaves_no_reference_behind(hostile_dir):
    package = open_template_package(_hostile(hostile_dir, "unc-picture"))
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        layout = archive.read("ppt/slideLayouts/slideLayout2.xml")
        rels = archive.read("ppt/slideLayouts/_rels/slideLayout2.xml.rels")
    assert b"rId90" not in layout and b"rId90" not in rels
    assert b"attacker" not in package.data
    assert b"Design" in layout  # the rest of the layout is untouched


def test_a_linked_background_becomes_no_fill(hostile_dir):
    package = open_template_package(_hostile(hostile_dir, "unc-background"))
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        master = archive.read("ppt/slideMasters/slideMaster1.xml")
    assert b"<a:noFill/>" in master.split(b"</p:bg>")[0]
    assert b"rId90" not in master


@pytest.mark.parametrize("make", [zip_bomb, overlapping_bomb])
def test_a_zip_bomb_is_refused_from_its_directory_without_unpacking(tmp_path, make,
                                                                    monkeypatch):
    bomb = make(tmp_path / "bomb.pptx")
    opened = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(DeckError, match="zip bomb"):
        open_template_package(bomb)
    assert opened == []  # refused before a single part was unpacked


def test_a_zip_bomb_is_refused_within_200_mb(tmp_path):
    """In a process allowed 200 MB more than it uses after its imports."""
    bomb = overlapping_bomb(tmp_path / "bomb.pptx", copies=4000)
    script = textwrap.dedent(f"""
        import resource
        from deckbuild.errors import DeckError
        from deckbuild.template_package import open_template_package
        import pptx, lxml.etree
        with open("/proc/self/statm") as handle:
            used = int(handle.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (used + 200 * 1024 * 1024, resource.RLIM_INFINITY))
        try:
            open_template_package({str(bomb)!r})
        except DeckError as exc:
            print("refused:", exc.message)
    """)
    if not os.path.exists("/proc/self/statm"):
        pytest.skip("needs Linux's /proc")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("refused:") and "zip bomb" in done.stdout


def test_sizes_beyond_the_limits_are_refused_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(template_package, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DeckError, match=r"up to 0 MB|templates of up to"):
        open_template_package(EXAMPLE_TEMPLATE)


def test_a_template_that_is_not_a_file_is_refused(tmp_path):
    fifo = tmp_path / "t.pptx"
    os.mkfifo(fifo)
    with pytest.raises(DeckError, match="not a file"):
        open_template_package(fifo)  # answered at once: a pipe is never opened
    with pytest.raises(DeckError, match="not a file"):
        open_template_package(tmp_path)


def test_a_zip_that_is_not_a_package_is_refused(tmp_path):
    broken = tmp_path / "t.pptx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(300))
    with pytest.raises(DeckError, match="not a PowerPoint presentation"):
        open_template_package(broken)
