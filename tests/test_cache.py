"""Incremental builds: unchanged outputs are skipped, any changed input rebuilds."""
import json
import os
import time

from click.testing import CliRunner
from PIL import Image as PILImage

from deckbuild.build import build, output_paths
from deckbuild.cache import CACHE_NAME, BuildCache, input_files
from deckbuild.cli import main

DECK = """
---
title: Cached
region: testland
---

## Welcome to {{ region.name }}

- one
- two

![A chart](../assets/chart.png)

::: notes
Say hello.
:::
"""


def picture(path, colour=(200, 40, 40)):
    PILImage.new("RGB", (40, 30), colour).save(path)
    return path


def setup(project, markdown=DECK):
    project.region()
    picture(project.root / "assets" / "chart.png")
    source = project.deck(markdown)
    return source, output_paths(source, project.root / "output")


def stamps(targets):
    return {kind: os.stat(path).st_mtime_ns for kind, path in targets.items()}


def test_unchanged_build_is_skipped(project):
    source, targets = setup(project)
    first = build(source, targets)
    assert sorted(first.written) == sorted(targets.values()) and not first.skipped
    before = stamps(targets)
    second = build(source, targets)
    assert second.written == [] and sorted(second.skipped) == sorted(targets.values())
    assert second.slides == first.slides
    assert stamps(targets) == before  # not even rewritten


def test_changed_markdown_rebuilds(project):
    source, targets = setup(project)
    build(source, targets)
    source.write_text(source.read_text() + "\n## Another slide\n\nMore.\n")
    result = build(source, targets)
    assert sorted(result.written) == sorted(targets.values())
    assert result.slides == 3


def test_changed_region_rebuilds(project):
    source, targets = setup(project)
    build(source, targets)
    region = project.source / "regions" / "testland.yaml"
    region.write_text(region.read_text().replace("name: Testland", "name: Otherland", 1))
    result = build(source, targets)
    assert sorted(result.written) == sorted(targets.values())


def test_changed_picture_rebuilds(project):
    source, targets = setup(project)
    build(source, targets)
    picture(project.root / "assets" / "chart.png", colour=(40, 200, 40))
    assert sorted(build(source, targets).written) == sorted(targets.values())


def test_saved_unchanged_is_still_up_to_date(project):
    """Content, not modification time, decides: touching a file rebuilds nothing."""
    source, targets = setup(project)
    build(source, targets)
    future = os.stat(source).st_mtime + 10
    os.utime(source, (future, future))
    assert build(source, targets).written == []


def test_force_rebuilds(project):
    source, targets = setup(project)
    build(source, targets)
    result = build(source, targets, force=True)
    assert sorted(result.written) == sorted(targets.values()) and not result.skipped


def test_option_change_rebuilds_only_what_it_affects(project):
    source, targets = setup(project)
    build(source, targets)
    result = build(source, targets, paper="a4")
    assert result.written == [targets["handout"], targets["facilitator"]]  # both on paper
    assert result.skipped == [targets["pptx"]]
    result = build(source, targets, paper="a4", handout="outline")
    assert result.written == [targets["handout"]]


def test_deleted_or_replaced_output_is_rebuilt(project):
    source, targets = setup(project)
    build(source, targets)
    targets["pptx"].unlink()
    assert build(source, targets).written == [targets["pptx"]]
    targets["handout"].write_bytes(b"not the handout any more")
    assert build(source, targets).written == [targets["handout"]]


def test_damaged_record_builds_again(project):
    source, targets = setup(project)
    build(source, targets)
    (project.root / "output" / CACHE_NAME).write_text("{ not json")
    assert sorted(build(source, targets).written) == sorted(targets.values())


def test_inputs_come_from_the_model(project):
    project.region()
    picture(project.root / "assets" / "chart.png")
    picture(project.root / "assets" / "back.png")
    deck = project.read("""
    ---
    title: Inputs
    region: testland
    ---

    ## Chart

    ![A chart](../assets/chart.png)

    ## Backdrop {background-image="../assets/back.png"}

    Text on a picture.
    """)
    assert any(slide.background for slide in deck.slides)
    names = {p.name for p in input_files(deck, project.source / "deck.md")}
    assert names == {"deck.md", "testland.yaml", "chart.png", "back.png"}


def test_input_changed_during_the_build_is_not_recorded(project):
    """A file saved after the build started may not be what was read: build it next time."""
    source, targets = setup(project)
    result = build(source, targets)
    cache = BuildCache(project.root / "output")
    started = os.stat(source).st_mtime_ns - 1  # as if the build began just before the save
    cache.remember(targets["pptx"], "pptx", {"region": None}, result.inputs, started, 2)
    cache.save()
    record = json.loads((project.root / "output" / CACHE_NAME).read_text())
    assert "deck.pptx" not in record["outputs"]
    assert build(source, targets).written == [targets["pptx"]]


def test_cli_says_up_to_date_and_force_rebuilds(project, monkeypatch):
    source, targets = setup(project)
    monkeypatch.chdir(project.root)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "source/deck.md"])
    assert first.exit_code == 0, first.output
    assert "2 slides ->" in first.output
    again = runner.invoke(main, ["build", "source/deck.md"])
    assert again.exit_code == 0
    assert "up to date" in again.output and "slides ->" not in again.output
    forced = runner.invoke(main, ["build", "source/deck.md", "--force"])
    assert forced.exit_code == 0
    assert "2 slides ->" in forced.output and "up to date" not in forced.output


def test_every_region_built_in_parallel_is_recorded(project, monkeypatch):
    """Builds in parallel processes into one folder keep each other's records."""
    project.region()
    project.region(project.source.joinpath("regions", "testland.yaml").read_text()
                   .replace("Testland", "Otherland"), "otherland")
    project.deck(DECK.replace("region: testland\n", ""))
    picture(project.root / "assets" / "chart.png")
    monkeypatch.chdir(project.root)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--all-regions"])
    assert first.exit_code == 0, first.output
    record = json.loads((project.root / "output" / CACHE_NAME).read_text())
    assert len(record["outputs"]) == 6  # deck, handout and guide for each region
    again = runner.invoke(main, ["build", "--all-regions"])
    assert again.exit_code == 0
    assert again.output.count("up to date") == 2 and "slides ->" not in again.output


def test_records_saved_by_two_builds_are_merged(project):
    """Two builds that read the record before either saved keep both entries."""
    source, targets = setup(project)
    result = build(source, targets)
    folder = project.root / "output"
    (folder / CACHE_NAME).unlink()
    first, second = BuildCache(folder), BuildCache(folder)
    now = time.time_ns()
    first.remember(targets["pptx"], "pptx", {"region": None}, result.inputs, now, 2)
    second.remember(targets["handout"], "handout", {"region": None}, result.inputs, now, 2)
    first.save()
    second.save()
    assert set(json.loads((folder / CACHE_NAME).read_text())["outputs"]) == \
        {"deck.pptx", "deck-handout.pdf"}
