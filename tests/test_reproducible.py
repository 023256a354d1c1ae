"""The same inputs give the same bytes: a rebuild that changes nothing changes no byte."""
from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pypdf import PdfReader

from deckbuild.build import build, output_paths

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "source" / "harm-reduction.md"


def _build_seed(out: Path) -> dict:
    targets = output_paths(SEED, out)
    build(SEED, targets)
    return {kind: path.read_bytes() for kind, path in targets.items()}


def test_building_the_seed_deck_twice_gives_identical_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _build_seed(tmp_path / "first")
    second = _build_seed(tmp_path / "second")
    assert first["pptx"] == second["pptx"]
    assert first["handout"] == second["handout"]


def test_a_fresh_process_elsewhere_gives_identical_bytes(tmp_path, monkeypatch):
    """Another folder, another hash seed, another time zone: still the same bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    here = _build_seed(tmp_path / "here")
    copy = tmp_path / "elsewhere" / "project"
    shutil.copytree(REPO / "source", copy / "source")
    shutil.copytree(REPO / "assets", copy / "assets")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-m", "deckbuild", "build", "--out-dir", "out"],
                   cwd=copy, env=env, check=True, capture_output=True)
    assert (copy / "out" / "harm-reduction.pptx").read_bytes() == here["pptx"]
    assert (copy / "out" / "harm-reduction-handout.pdf").read_bytes() == here["handout"]


def test_pictures_and_links_do_not_make_builds_differ(project, tmp_path):
    """Image part names, hyperlink ids and the picture cache stay the same across builds."""
    from deckbuild.media import load_picture
    assets = project.root / "assets"
    PILImage.new("RGB", (30, 20), (10, 20, 30)).save(assets / "a.png")
    PILImage.new("CMYK", (30, 20), (0, 50, 50, 0)).save(assets / "b.jpg")
    deck = project.deck("## One\n\n[x](https://a.example.org) [y](https://b.example.org)\n\n"
                        "![a](../assets/a.png)\n\n## Two\n\n[y](https://b.example.org)\n\n"
                        "![b](../assets/b.jpg)\n\n![a again](../assets/a.png)\n")
    load_picture.cache_clear()
    first = build(deck, output_paths(deck, tmp_path / "1"))
    second = build(deck, output_paths(deck, tmp_path / "2"))
    assert [p.name for p in first.written] == [p.name for p in second.written] == \
        ["deck.pptx", "deck-handout.pdf", "deck-facilitator.pdf"]
    for a, b in zip(first.written, second.written):
        assert a.read_bytes() == b.read_bytes()


def test_source_date_epoch_is_honoured_in_both_outputs(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    deck = project.deck("---\ntitle: Dated\ndate: 2026-11-26\n---\n\n## One\n")
    result = build(deck, output_paths(deck, tmp_path))
    pptx, pdf, guide = (p.read_bytes() for p in result.written)
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    core = Presentation(io.BytesIO(pptx)).core_properties
    assert core.created == core.modified == datetime.datetime(2023, 11, 14, 22, 13, 20)
    for document in (pdf, guide):
        info = PdfReader(io.BytesIO(document)).metadata
        assert info["/CreationDate"].startswith("D:20231114221320")
        assert info["/ModDate"].startswith("D:20231114221320")


def test_without_source_date_epoch_the_decks_date_is_used(project, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    deck = project.deck("---\ntitle: Dated\ndate: 2026-11-26\n---\n\n## One\n")
    pptx, pdf, guide = (p.read_bytes()
                        for p in build(deck, output_paths(deck, tmp_path)).written)
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 11, 26, 0, 0, 0)}
    assert Presentation(io.BytesIO(pptx)).core_properties.created == \
        datetime.datetime(2026, 11, 26)
    for document in (pdf, guide):
        assert PdfReader(io.BytesIO(document)).metadata["/CreationDate"].startswith("D:20261126")


@pytest.mark.parametrize("date, year", [("", 2000), ("someday", 2000), ("1850-01", 1980),
                                        ("9999-12", 2107)])
def test_any_date_gives_a_valid_package(project, tmp_path, monkeypatch, date, year):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    deck = project.deck(f"---\ntitle: Dated\ndate: \"{date}\"\n---\n\n## One\n")
    pptx = build(deck, output_paths(deck, tmp_path)).written[0].read_bytes()
    with zipfile.ZipFile(io.BytesIO(pptx)) as package:
        assert package.testzip() is None
        assert {info.date_time[0] for info in package.infolist()} == {year}


def test_zip_entries_keep_one_order(project, tmp_path):
    deck = project.deck("## One\n\n- a\n\n## Two\n\n- b\n")
    names = []
    for folder in ("1", "2"):
        pptx = build(deck, output_paths(deck, tmp_path / folder)).written[0].read_bytes()
        names.append(zipfile.ZipFile(io.BytesIO(pptx)).namelist())
    assert names[0] == names[1]
    assert names[0][0] == "[Content_Types].xml"
