"""The region commands: build --region / --all-regions, regions, region new."""
import os

import pytest
from click.testing import CliRunner

from conftest import REGION
from deckbuild.cli import main

DECK = """\
---
title: Training for {{ region.name }}
---

## Welcome

Run by {{ org.name }}; your trainer is {{ trainer }}.

# Resources

::: resources
:::
"""

OTHER = REGION.replace("Testland", "Otherland").replace("testland", "otherland")


@pytest.fixture
def folder(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.deck(DECK, "training")
    project.region()
    return project


def outputs():
    """The files written to output/ (not the build record, .deckbuild-cache.json)."""
    return sorted(name for name in os.listdir("output") if not name.startswith("."))


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_for_one_region_names_the_outputs(folder):
    code, out, err = run("build", "--region", "testland")
    assert code == 0, err
    assert outputs() == ["training-testland-facilitator.pdf", "training-testland-handout.pdf",
                         "training-testland.pptx"]


def test_all_regions_builds_every_region_file(folder):
    folder.region(OTHER, "otherland")
    code, out, err = run("build", "--all-regions")
    assert code == 0, err
    assert outputs() == [
        "training-otherland-facilitator.pdf", "training-otherland-handout.pdf",
        "training-otherland.pptx", "training-testland-facilitator.pdf",
        "training-testland-handout.pdf", "training-testland.pptx"]
    assert "[otherland]" in out and "[testland]" in out
    assert "Building every region" in err  # the progress bar, for more than one build


def test_all_regions_with_one_region_shows_no_progress_bar(folder):
    code, out, err = run("build", "--all-regions")
    assert code == 0, err
    assert "Building every region" not in err
    assert outputs() == ["training-testland-facilitator.pdf", "training-testland-handout.pdf",
                         "training-testland.pptx"]


def test_a_broken_region_file_stops_all_regions_before_anything_is_written(folder):
    folder.region(OTHER.replace("    items:", "    itemz:", 1), "otherland")
    code, out, err = run("build", "--all-regions")
    assert code == 1
    assert err.startswith("source/regions/otherland.yaml:12: 'itemz' is not a field")
    assert "Traceback" not in err
    assert not os.path.exists("output")


def test_a_broken_region_file_leaves_the_last_good_outputs(folder):
    assert run("build", "--region", "testland")[0] == 0
    before = {name: open(f"output/{name}", "rb").read() for name in os.listdir("output")}
    folder.region(REGION.replace("url: https://clinic", "url: javascript:alert(1)//"))
    code, out, err = run("build", "--region", "testland")
    assert code == 1
    assert err.startswith("source/regions/testland.yaml:19: 'javascript:alert(1)//.testland"
                          ".example.org' cannot be used")
    assert {name: open(f"output/{name}", "rb").read() for name in os.listdir("output")} == before


def test_a_missing_region_is_refused(folder):
    code, out, err = run("build", "--region", "nowhere")
    assert code == 1 and "there is no region 'nowhere'" in err and "testland" in err
    assert not os.path.exists("output")


def test_all_regions_is_not_combined_with_one_file_or_region(folder):
    assert run("build", "--all-regions", "-o", "x.pptx")[0] == 2
    assert run("build", "--all-regions", "--region", "testland")[0] == 2


def test_regions_lists_files_with_their_counts(folder):
    folder.region(OTHER, "otherland")
    code, out, err = run("regions")
    assert code == 0
    assert out.splitlines() == [
        "otherland  Otherland: 2 groups, 3 resources, verified 2026-11",
        "testland   Testland: 2 groups, 3 resources, verified 2026-11"]


def test_regions_names_a_broken_file(folder):
    folder.region("name: Broken\nresources: []\n", "broken")
    code, out, err = run("regions")
    assert code == 1
    assert "source/regions/broken.yaml:1: 'resources:' is required" in err
    assert "testland  Testland" in out


def test_region_new_writes_a_scaffold_that_builds(folder):
    code, out, err = run("region", "new", "new-haven")
    assert code == 0, err
    text = open("source/regions/new-haven.yaml").read()
    assert text.startswith("# Region file for New Haven")
    assert "name: New Haven" in text
    code, out, err = run("build", "--region", "new-haven")
    assert code == 0, err
    assert os.path.exists("output/training-new-haven.pptx")


def test_region_new_never_overwrites(folder):
    before = open("source/regions/testland.yaml").read()
    code, out, err = run("region", "new", "testland")
    assert code == 1
    assert "already exists" in err and "nothing was written" in err
    assert open("source/regions/testland.yaml").read() == before


def test_region_new_refuses_a_name_that_is_not_a_file_name(folder):
    code, out, err = run("region", "new", "../elsewhere")
    assert code == 1 and "cannot be a region name" in err
    assert not os.path.exists("source/elsewhere.yaml")
