"""The outputs of one build change together or not at all, and never replace an input.

Covers output.py (staging, the journal, recovery after kill -9), the build record
written with the outputs (cache.py), and the checks build.py makes before writing:
no output over an input, no two builds onto one file, every output reopened.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from conftest import REGION
import deckbuild
from deckbuild import build as build_module
from deckbuild.build import build, output_paths
from deckbuild.cache import CACHE_NAME, deckbuild_digest
from deckbuild.cli import main
from deckbuild.errors import DeckError
from deckbuild.output import recover
from hostile import EXAMPLE_TEMPLATE

GOOD = "---\ntitle: Good\n---\n\n## A slide\n\n- a point\n"


def _leftovers(folder) -> list:
    return sorted(p.name for p in folder.iterdir()
                  if p.name.endswith((".tmp", ".json")) and p.name != CACHE_NAME)


def _texts(pptx_path) -> str:
    prs = Presentation(str(pptx_path))
    return " ".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                    if shape.has_text_frame)


# ---------------------------------------------------------------- never over an input


def _templated_project(project, monkeypatch, deck_name="deck"):
    monkeypatch.chdir(project.root)
    (project.root / "assets" / "t.pptx").write_bytes(EXAMPLE_TEMPLATE.read_bytes())
    project.region(REGION.replace("variables:", "theme:\n  template: assets/t.pptx\nvariables:"))
    project.deck(GOOD.replace("title: Good", "title: Good\nregion: testland"), name=deck_name)
    return CliRunner()


def test_an_output_named_like_the_template_does_not_replace_it(project, monkeypatch):
    runner = _templated_project(project, monkeypatch)
    template = project.root / "assets" / "t.pptx"
    before = template.read_bytes()
    result = runner.invoke(main, ["build", "source/deck.md", "-o", "assets/t.pptx"])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "assets/t.pptx: this output would replace the region's PowerPoint template, which the"
        " build reads; nothing was written: choose another output name or folder")
    assert template.read_bytes() == before
    assert _leftovers(project.root / "assets") == []


def test_an_out_dir_holding_the_template_does_not_replace_it(project, monkeypatch):
    runner = _templated_project(project, monkeypatch, deck_name="t")
    template = project.root / "assets" / "t.pptx"
    before = template.read_bytes()
    result = runner.invoke(main, ["build", "source/t.md", "--out-dir", "assets"])
    assert result.exit_code == 1
    assert "the region's PowerPoint template" in result.stderr
    assert template.read_bytes() == before
    assert not (project.root / "assets" / "t-handout.pdf").exists()  # nothing at all


def test_a_hard_link_to_an_input_is_the_input(project, monkeypatch):
    runner = _templated_project(project, monkeypatch)
    os.link(project.root / "assets" / "t.pptx", project.root / "linked.pptx")
    result = runner.invoke(main, ["build", "source/deck.md", "-o", "linked.pptx"])
    assert result.exit_code == 1
    assert "would replace the region's PowerPoint template" in result.stderr


@pytest.mark.parametrize("kind, role", [("region", "the region file"), ("logo", "the logo"),
                                        ("picture", "a picture"), ("font", "a font")])
def test_no_output_replaces_any_input_of_the_build(project, monkeypatch, kind, role):
    monkeypatch.chdir(project.root)
    from PIL import Image as PILImage
    PILImage.new("RGB", (40, 30), (30, 120, 200)).save(project.root / "assets" / "logo.png")
    PILImage.new("RGB", (40, 30), (200, 20, 20)).save(project.source / "pic.png")
    font = next((Path(build_module.__file__).parent / "design" / "fonts").glob("*.ttf"))
    (project.root / "assets" / "extra.ttf").write_bytes(font.read_bytes())
    inputs = {"region": project.region(REGION.replace(
                  "  email: info@testland.example.org",
                  "  email: info@testland.example.org\n  logo: assets/logo.png")),
              "logo": project.root / "assets" / "logo.png", "picture": project.source / "pic.png",
              "font": project.root / "assets" / "extra.ttf"}
    source = project.deck("---\ntitle: T\nregion: testland\nfonts: assets/extra.ttf\n---\n\n"
                          "## A slide\n\n![A picture](pic.png)\n")
    before = inputs[kind].read_bytes()
    for output in ("pptx", "handout"):
        with pytest.raises(DeckError, match=f"would replace {role}, which the build reads"):
            build(source, {"pptx": project.root / "output" / "t.pptx", output: inputs[kind]})
        assert inputs[kind].read_bytes() == before
    assert not (project.root / "output" / "t.pptx").exists()


# ---------------------------------------------------------------- colliding names


def test_all_regions_refuses_two_builds_onto_one_file_before_building(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.region(name="haven")
    project.region(name="new-haven")
    project.deck(GOOD, name="intro-new")
    project.deck(GOOD, name="intro")
    result = CliRunner().invoke(main, ["build", "--all-regions"])
    assert result.exit_code == 1
    assert "intro-new-haven.pptx: both source/intro-new.md for region haven and" \
           " source/intro.md for region new-haven would write this file" in result.stderr
    assert not (project.root / "output").exists() or \
        not list((project.root / "output").glob("*.p*"))


def test_two_decks_of_one_name_are_refused_before_building(project, monkeypatch):
    monkeypatch.chdir(project.root)
    for folder in ("a", "b"):
        (project.root / folder).mkdir()
        (project.root / folder / "deck.md").write_text(GOOD)
    result = CliRunner().invoke(main, ["build", "a/deck.md", "b/deck.md"])
    assert result.exit_code == 1
    assert "both a/deck.md and b/deck.md would write this file" in result.stderr
    assert not (project.root / "output").exists()


# ---------------------------------------------------------------- reopened first


def test_an_output_that_does_not_reopen_replaces_nothing(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.deck(GOOD)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    outputs = [project.root / "output" / n for n in ("deck.pptx", "deck-handout.pdf")]
    before = {p: p.read_bytes() for p in outputs}
    real_render = build_module.render

    def entity_in_a_layout(deck, kind, *args, **kwargs):
        data = real_render(deck, kind, *args, **kwargs)
        if kind != "pptx":
            return data
        source, result = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(result, "w") as out:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "ppt/slideLayouts/slideLayout1.xml":
                    body = body.replace(b'name="', b'name="&org; ', 1)
                out.writestr(info, body)
        return result.getvalue()

    monkeypatch.setattr(build_module, "render", entity_in_a_layout)
    project.deck(GOOD.replace("a point", "a new point"))
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "output/deck.pptx: the deck made from source/deck.md does not reopen (the part" \
           " ppt/slideLayouts/slideLayout1.xml is not well-formed XML" in result.stderr
    assert {p: p.read_bytes() for p in outputs} == before
    assert _leftovers(project.root / "output") == []


# ---------------------------------------------------------------- kill -9


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from deckbuild import cache, output
    cache._code_digest = sys.argv[3]  # the test's deckbuild, even if its files changed since
    from deckbuild.build import build, output_paths
    moves = []
    real_move = output._move
    def move_then_die(temp, path):
        if moves and sys.argv[2] == "between-moves":
            os.kill(os.getpid(), signal.SIGKILL)
        real_move(temp, path)
        moves.append(path)
    real_stage = output._stage
    def stage_then_die(path, data):
        temp = real_stage(path, data)
        if sys.argv[2] == "while-staging":
            os.kill(os.getpid(), signal.SIGKILL)
        return temp
    output._move = move_then_die
    output._stage = stage_then_die
    source = Path(sys.argv[1])
    build(source, output_paths(source, Path("output")), force=True)
""")


def _killed_build(project, when: str):
    """A build in another process, killed at `when`. It runs this test's deckbuild: the
    records it writes name the code that made the outputs, and a record made by other code
    (another checkout's, which the virtual environment may install, or this one's files
    changed by a rebase while the tests run) would rightly make the next build start over."""
    package = Path(deckbuild.__file__).resolve().parent
    env = dict(os.environ, DECKBUILD_PARALLEL="0",
               PYTHONPATH=os.pathsep.join([str(package.parent)] +
                                          [p for p in [os.environ.get("PYTHONPATH")] if p]))
    done = subprocess.run([sys.executable, "-c", KILLER, "source/deck.md", when,
                           deckbuild_digest()],
                          cwd=project.root, env=env, capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_build_killed_between_its_moves_is_finished_by_the_next(project, monkeypatch):
    monkeypatch.chdir(project.root)
    deck = project.deck(GOOD)
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    out = project.root / "output"
    deck.write_text(GOOD.replace("a point", "a second point"))
    _killed_build(project, "between-moves")
    # The kill left the new deck beside the old handout, and the rest staged.
    assert "a second point" in _texts(out / "deck.pptx")
    assert any(name.startswith(".deckbuild-pending-") for name in _leftovers(out))
    handout_before = (out / "deck-handout.pdf").read_bytes()

    recovered = recover(out)
    assert sorted(p.name for p in recovered) == [CACHE_NAME, "deck-facilitator.pdf",
                                                 "deck-handout.pdf"]
    assert (out / "deck-handout.pdf").read_bytes() != handout_before
    assert _leftovers(out) == []
    # ... and the record written with them says both are current.
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0
    assert "up to date: output/deck.pptx, output/deck-handout.pdf," \
        " output/deck-facilitator.pdf" in result.output


def test_the_next_build_removes_what_a_build_killed_while_writing_left(project, monkeypatch):
    monkeypatch.chdir(project.root)
    deck = project.deck(GOOD)
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    out = project.root / "output"
    before = {p: p.read_bytes() for p in (out / "deck.pptx", out / "deck-handout.pdf")}
    deck.write_text(GOOD.replace("a point", "a second point"))
    _killed_build(project, "while-staging")
    assert {p: p.read_bytes() for p in before} == before  # nothing replaced
    assert any(name.endswith(".tmp") for name in _leftovers(out))
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0
    assert _leftovers(out) == []
    assert "a second point" in _texts(out / "deck.pptx")


def test_temporary_files_of_a_running_build_are_left_alone(tmp_path):
    mine = tmp_path / f".deck.pptx.{os.getppid()}.abcdefgh.tmp"  # the test runner's parent
    mine.write_bytes(b"being written")
    dead = tmp_path / ".deck.pptx.999999999.abcdefgh.tmp"
    dead.write_bytes(b"left by a killed build")
    recover(tmp_path)
    assert mine.exists() and not dead.exists()


def test_a_killed_build_never_overwrites_a_later_one(project, monkeypatch):
    monkeypatch.chdir(project.root)
    deck = project.deck(GOOD)
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    out = project.root / "output"
    deck.write_text(GOOD.replace("a point", "a second point"))
    _killed_build(project, "between-moves")
    journal = next(p for p in out.iterdir() if p.name.startswith(".deckbuild-pending-"))
    os.utime(journal, ns=(1, 1))  # as if the next outputs were written after it
    os.utime(out / "deck-handout.pdf", ns=(10**18, 10**18))
    later = (out / "deck-handout.pdf").read_bytes()
    recover(out)
    assert (out / "deck-handout.pdf").read_bytes() == later
    assert _leftovers(out) == []


# ---------------------------------------------------------------- the build record


def test_a_blocked_build_record_does_not_fail_the_build_after_replacing(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.deck(GOOD)
    (project.root / "output" / CACHE_NAME).mkdir(parents=True)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert f"output/{CACHE_NAME}: warning: the build record cannot be kept here" in result.stderr
    assert "2 slides -> output/deck.pptx, output/deck-handout.pdf" in result.output
    Presentation(str(project.root / "output" / "deck.pptx"))
    assert _leftovers(project.root / "output") == []


def test_the_record_names_the_source_so_another_deck_of_that_name_is_built(project,
                                                                           monkeypatch):
    monkeypatch.chdir(project.root)
    for folder, text in (("one", "first deck"), ("other", "second deck")):
        (project.root / folder).mkdir()
        (project.root / folder / "deck.md").write_text(GOOD.replace("a point", text))
    runner = CliRunner()
    assert runner.invoke(main, ["build", "one/deck.md"]).exit_code == 0
    result = runner.invoke(main, ["build", "other/deck.md"])
    assert result.exit_code == 0
    assert "up to date" not in result.output
    assert "second deck" in _texts(project.root / "output" / "deck.pptx")
    record = json.loads((project.root / "output" / CACHE_NAME).read_text())
    assert record["outputs"]["deck.pptx"]["source"] == str(project.root / "other" / "deck.md")


def test_a_missing_source_is_an_error_even_with_a_record(project, monkeypatch):
    monkeypatch.chdir(project.root)
    (project.root / "other").mkdir()
    (project.root / "other" / "deck.md").write_text(GOOD)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "other/deck.md"]).exit_code == 0
    result = runner.invoke(main, ["build", "nosuch/deck.md"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "nosuch/deck.md: file not found"


# ---------------------------------------------------------------- the files replaced


def test_a_read_only_output_is_not_replaced(project, monkeypatch):
    monkeypatch.chdir(project.root)
    deck = project.deck(GOOD)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    protected = project.root / "output" / "deck-handout.pdf"
    protected.chmod(0o444)
    before = {p: p.read_bytes() for p in (protected, project.root / "output" / "deck.pptx")}
    deck.write_text(GOOD.replace("a point", "a new point"))
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "output/deck-handout.pdf: this file is read-only, so it was not replaced" \
        in result.stderr
    assert {p: p.read_bytes() for p in before} == before  # the deck was not replaced either
    assert oct(protected.stat().st_mode & 0o777) == oct(0o444)
    assert _leftovers(project.root / "output") == []


def test_a_replaced_output_keeps_its_permissions(project, monkeypatch):
    monkeypatch.chdir(project.root)
    deck = project.deck(GOOD)
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    shared = project.root / "output" / "deck.pptx"
    shared.chmod(0o664)
    deck.write_text(GOOD.replace("a point", "a new point"))
    assert runner.invoke(main, ["build"]).exit_code == 0
    assert oct(shared.stat().st_mode & 0o777) == oct(0o664)


def test_an_out_dir_that_is_a_symlink_loop_is_named(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.deck(GOOD)
    os.symlink("loop", project.root / "loop")
    result = CliRunner().invoke(main, ["build", "--out-dir", "loop"])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("loop: this folder cannot be used: a symbolic link in its"
                                     " path points back to itself")


def test_the_library_refuses_an_output_over_its_own_source(project):
    source = project.deck(GOOD)
    with pytest.raises(DeckError, match="would replace the deck itself"):
        build(source, {"pptx": source})
    assert source.read_text() == GOOD
    assert output_paths(source, project.root / "output")["pptx"].name == "deck.pptx"
