"""deckbuild/regions.py: listing, the scaffold for a new region, building every region;
and the README's region example, which someone who has not read the code must be able to use."""
import datetime
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pypdf import PdfReader

from conftest import REGION, pdf_text
from deckbuild.build import render
from deckbuild.errors import DeckError
from deckbuild.model import Layout, plain
from deckbuild.regions import (RegionFilesError, new_region, plan_all_regions, region_summaries,
                               run_region_builds, scaffold_text)

ROOT = Path(__file__).resolve().parent.parent

DECK = """
---
title: Training for {{ region.name }}
---

## Welcome

{{ org.name }} welcomes you; your trainer is {{ trainer }}.

# Resources

::: resources
:::
"""


def test_summaries_count_groups_and_resources(project):
    project.region()
    project.region("name: Broken\nresources: []\n", "broken")
    summaries = {s.key: s for s in region_summaries(project.source / "regions")}
    testland = summaries["testland"]
    assert (testland.name, testland.groups, testland.resources, testland.verified) == \
        ("Testland", 2, 3, "2026-11")
    assert summaries["broken"].error.endswith("'resources:' is required: a list of groups, each"
                                              " with '- group:' and 'items:'")


def test_the_scaffold_is_valid_yaml_with_every_field(project):
    text = scaffold_text("new-haven", datetime.date(2027, 3, 1))
    data = yaml.safe_load(text)
    assert data["name"] == "New Haven"
    assert set(data) == {"name", "organization", "theme", "variables", "resources"}
    assert '# verified: "2027-03"' in text and "# logo:" in text and "# template:" in text


def test_a_new_region_builds_as_it_is(project):
    path = new_region("new-haven", project.source / "regions")
    assert path == project.source / "regions" / "new-haven.yaml"
    deck = project.read(DECK, region="new-haven")
    assert deck.meta.title == "Training for New Haven"
    resources = [s for s in deck.slides if s.layout is Layout.RESOURCES]
    assert [plain(s.title) for s in resources] == ["New Haven Resources"]
    Presentation(io.BytesIO(render(deck, "pptx")))
    with pytest.raises(DeckError) as caught:
        new_region("new-haven", project.source / "regions")
    assert "already exists" in caught.value.message


def test_a_new_region_needs_the_project_folder(tmp_path):
    with pytest.raises(DeckError) as caught:
        new_region("x", tmp_path / "source" / "regions")
    assert "project folder" in caught.value.message
    assert not (tmp_path / "source").exists()


def test_every_region_file_is_checked_before_any_build(project):
    deck = project.deck(DECK)
    project.region()
    project.region("name: A\nresources: nope\n", "a")
    project.region("name: B\nwhat: 1\nresources: []\n", "b")
    with pytest.raises(RegionFilesError) as caught:
        plan_all_regions([deck], project.root / "output")
    assert str(caught.value).splitlines() == [
        f"{project.source / 'regions' / 'a.yaml'}:2: 'resources' must be a list: start each"
        " group with '- group: Name'",
        f"{project.source / 'regions' / 'b.yaml'}:2: 'what' is not a field of the region file"
        " (allowed: name, organization, resources, theme, variables, verified)"]


def test_all_regions_build_in_parallel_and_report_each(project):
    deck = project.deck(DECK)
    for key in ("one", "two", "three"):
        project.region(REGION.replace("Testland", key.title()), key)
    plan = plan_all_regions([deck], project.root / "output")
    seen = []
    outcomes = run_region_builds(plan, on_done=seen.append, workers=2)
    assert sorted(o.region for o in seen) == ["one", "three", "two"]
    assert [o.region for o in outcomes] == ["one", "three", "two"]  # in plan order
    for outcome in outcomes:
        assert outcome.error is None
        pptx, pdf, guide = outcome.result.written
        assert pptx.name == f"deck-{outcome.region}.pptx"
        assert pdf.name == f"deck-{outcome.region}-handout.pdf"
        assert guide.name == f"deck-{outcome.region}-facilitator.pdf"
        assert f"Training for {outcome.region.title()}" in pdf_text(PdfReader(str(pdf)))


# ---------------------------------------------------------------- the README's example


def _region_example(page: str) -> str:
    """The first YAML example of a documentation page, unindented (the README's sits in a list)."""
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^( *)```yaml\n(.*?)^ *```", text, re.S | re.M)
    assert blocks, f"{page} has no yaml example"
    indent, block = blocks[0]
    return "".join(line[len(indent):] + "\n" for line in block.splitlines())


@pytest.mark.parametrize("page", ["README.md", "docs/regions.md"])
def test_the_documented_example_region_builds(project, page):
    text = _region_example(page)
    data = yaml.safe_load(text)
    logo = data.get("organization", {}).get("logo")
    if logo:
        shutil.copy(ROOT / "assets" / "example-logo.png", project.root / logo)
    project.region(text, "readme")
    deck = project.read(DECK, region="readme")
    assert deck.meta.title == f"Training for {data['name']}"
    titles = [plain(s.title) for s in deck.slides if s.layout is Layout.RESOURCES]
    assert titles == [g["group"] for g in data["resources"]]
    handout = pdf_text(PdfReader(io.BytesIO(render(deck, "handout"))))
    for group in data["resources"]:
        for item in group["items"]:
            assert item["name"] in handout
    assert deck.theme.accent == data["theme"]["accent"].lstrip("#").upper()


def test_the_region_page_documents_every_field_the_reader_accepts():
    from deckbuild.read.region import GROUP_KEYS, ITEM_KEYS, ORG_KEYS, THEME_KEYS, TOP_KEYS
    section = (ROOT / "docs" / "regions.md").read_text(encoding="utf-8")
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    for key in TOP_KEYS:
        assert any(row.startswith(f"| `{key}") for row in rows), key
    assert any(row.startswith("| `resources[].items` |") for row in rows)
    assert "group" in GROUP_KEYS and "`- group: Title`" in section
    item_rows = " ".join(row.split("|")[1] for row in rows if row.startswith("| item "))
    for key in ITEM_KEYS:
        assert f"`{key}`" in item_rows, key
    for key in ORG_KEYS:
        assert f"`organization.{key}`" in section
    for key in THEME_KEYS:
        assert f"`theme.{key}`" in section
