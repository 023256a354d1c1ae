"""One deck, two regions: the builds differ in resources, branding and filled-in names only.

Checked on the model, on the reopened deck (python-pptx) and on the handout's text (pypdf),
for two test regions and for the shipped Connecticut and Example County files.
"""
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pypdf import PdfReader

from conftest import REGION, pdf_text, slide_texts
from deckbuild.build import load, render
from deckbuild.errors import Findings
from deckbuild.model import Layout, plain
from deckbuild.read.substitute import names_for

ROOT = Path(__file__).resolve().parent.parent

DECK = """
---
title: Harm Reduction in {{ region.name }}
subtitle: Presented by {{ org.name }}
author: "{{ trainer }}"
---

# Welcome

## Who we are

- {{ org.name }} serves {{ region.name }}
- Call {{ org.phone }} or visit {{ org.website }}
- The same bullet for everyone

::: notes
{{ trainer }} says hello. This note is the same everywhere.
:::

## A quote

> Well, I think you're wonderful.
> — Mister Rogers

# Resources

::: resources
:::

## Thank you
"""

SECOND = """\
name: Riverside Valley
verified: "2025-03"
organization:
  name: Valley Outreach Collective
  website: https://valley.example.net
  phone: "555-0177"
  email: hello@valley.example.net
  logo: assets/valley-logo.png
theme:
  accent: "#2E7D32"
variables:
  trainer: Jordan Lee
resources:
  - group: Valley Services
    items:
      - name: Valley Syringe Access
        url: https://valley.example.net/syringe
        phone: "555-0178"
        description: Supplies and naloxone.
      - name: Valley Peer Line
        url: tel:+15555550179
        phone: "555-0179"
"""


def _values(region):
    """The region's own words: substituted names, group titles and resource texts."""
    words = {v for v in names_for(region).values() if v}
    for group in region.groups:
        words.add(group.title)
        for item in group.items:
            words.update(x for x in (item.name, item.description, item.phone, item.url,
                                     item.hours) if x)
    return words


def _neutral(text: str, region) -> str:
    """Text with this region's substituted names replaced by their names."""
    for name, value in sorted(names_for(region).items(), key=lambda kv: -len(kv[1])):
        if value and name != "region":
            text = text.replace(value, "{" + name + "}")
    return text


def _slide_signature(slide, region):
    blocks = []
    for block in slide.blocks:
        blocks.append(_neutral(repr(block), region))
    return (slide.layout, _neutral(plain(slide.title), region), tuple(blocks),
            tuple(_neutral(plain(n), region) for n in slide.notes))


@pytest.fixture
def two(project):
    PILImage.new("RGB", (300, 100), "#2E7D32").save(project.root / "assets" / "valley-logo.png")
    project.region(REGION, "testland")
    project.region(SECOND, "valley")
    path = project.deck(DECK)
    return {key: load(path, key, Findings()) for key in ("testland", "valley")}


def test_the_models_differ_only_in_resources_branding_and_names(two):
    a, b = two["testland"], two["valley"]
    plain_a = [s for s in a.slides if s.layout is not Layout.RESOURCES]
    plain_b = [s for s in b.slides if s.layout is not Layout.RESOURCES]
    assert [_slide_signature(s, a.region) for s in plain_a] == \
        [_slide_signature(s, b.region) for s in plain_b]
    for deck in (a, b):
        resources = [s for s in deck.slides if s.layout is Layout.RESOURCES]
        assert [plain(s.title) for s in resources] == [g.title for g in deck.region.groups]
        assert [s.blocks[0].items for s in resources] == [g.items for g in deck.region.groups]
    assert a.meta.title == "Harm Reduction in Testland"
    assert b.meta.title == "Harm Reduction in Riverside Valley"
    assert (a.theme.accent, b.theme.accent) == ("1F6F8B", "2E7D32")
    assert a.theme.logo is None and b.theme.logo.endswith("valley-logo.png")
    # Everything else about the theme and the metadata is the same.
    same = {"accent": None, "logo": None, "logo_alt": None, "accent_source": None}  # branding
    assert a.theme.__dict__ | same == b.theme.__dict__ | same
    assert _neutral(repr(a.meta), a.region) == _neutral(repr(b.meta), b.region)


def _pptx_words(data: bytes) -> str:
    package = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist()
                     if n.endswith((".xml", ".rels")))


def test_the_decks_differ_only_in_resources_branding_and_names(two):
    a, b = two["testland"], two["valley"]
    decks = {key: render(deck, "pptx") for key, deck in two.items()}
    shown = {}
    for key, deck in two.items():
        prs = Presentation(io.BytesIO(decks[key]))
        # (Slide numbers after the resource slides differ with the number of groups.)
        shown[key] = [(slide.slide_layout.name, [_neutral(t, deck.region) for t in
                                                 slide_texts(slide) if t != str(number)],
                       _neutral(slide.notes_slide.notes_text_frame.text
                                if slide.has_notes_slide else "", deck.region))
                      for number, (slide, model) in enumerate(zip(prs.slides, deck.slides), 1)
                      if model.layout is not Layout.RESOURCES]
    assert shown["testland"] == shown["valley"]
    # Neither deck holds a word of the other region, anywhere in the package.
    for key, other in (("testland", b.region), ("valley", a.region)):
        xml = _pptx_words(decks[key])
        for word in _values(other) - _values(two[key].region):
            assert word not in xml, (key, word)
    # Branding: the accent colour in the theme, the logo on the title slide only.
    assert 'val="2E7D32"' in _pptx_words(decks["valley"])
    assert 'val="2E7D32"' not in _pptx_words(decks["testland"])
    logos = {key: [shape for slide in Presentation(io.BytesIO(decks[key])).slides
                   for shape in slide.shapes if shape.name == "Logo"] for key in decks}
    assert logos["testland"] == [] and len(logos["valley"]) == 1


def test_the_handouts_differ_only_in_resources_branding_and_names(two):
    # The outline layout: the notes and full layouts also draw the resource slides
    # themselves, which differ between regions by design.
    texts = {key: pdf_text(PdfReader(io.BytesIO(render(deck, "handout", handout="outline"))))
             for key, deck in two.items()}
    for key, deck in two.items():
        other = two["valley" if key == "testland" else "testland"].region
        for item in (i for g in deck.region.groups for i in g.items):
            assert item.name in texts[key]
        for word in _values(other) - _values(deck.region):
            if len(word) > 3:
                assert word not in texts[key], (key, word)
    neutral = {key: _neutral(" ".join(texts[key].split()), two[key].region) for key in texts}
    # Outside the resources section the handouts read the same.
    before = {key: neutral[key].split("Resources Services and information")[0] for key in texts}
    assert all("{region.name}" in text for text in before.values())
    # (Page and slide numbers after the resources differ with the number of groups.)
    numbers = r"Page \d+ of \d+|slide \d+"
    assert re.sub(numbers, "", before["testland"]) == re.sub(numbers, "", before["valley"])


def test_the_logo_is_small_and_says_the_organizations_name(two):
    prs = Presentation(io.BytesIO(render(two["valley"], "pptx")))
    logo = next(s for s in prs.slides[0].shapes if s.name == "Logo")
    assert logo.width <= prs.slide_width * 0.2 and logo.height <= prs.slide_height * 0.12
    assert logo._element.nvPicPr.cNvPr.get("descr") == two["valley"].region.organization.name
    assert "decorative" not in logo._element.xml  # (with `logo-alt: ""` it would be)
    # It sits clear of the title and the subtitle.
    for shape in prs.slides[0].placeholders:
        assert logo.left >= shape.left + shape.width or logo.top + logo.height <= shape.top


# ---------------------------------------------------------------- the shipped files


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(ROOT / "source", root / "source")
    shutil.copytree(ROOT / "assets", root / "assets")
    deck = root / "source" / "harm-reduction.md"
    builds = {}
    for key in ("connecticut", "example"):
        model = load(deck, key, Findings())
        builds[key] = (model, render(model, "pptx"), render(model, "handout"))
    return builds


@pytest.mark.parametrize("key, absent", [
    ("example", ["Connecticut", "DMHAS", "ct.gov", "211ct", "LiveLOUD",
                 "How to use the Example County template"]),  # the template's own slide
    ("connecticut", ["Example County", "example.org", "Alex Rivera"]),
])
def test_no_trace_of_the_other_region_in_the_shipped_builds(shipped, key, absent):
    model, deck, handout = shipped[key]
    xml = _pptx_words(deck)
    text = pdf_text(PdfReader(io.BytesIO(handout)))
    for word in absent:
        assert word not in xml, word
        assert word not in text, word
    for item in (i for g in model.region.groups for i in g.items):
        assert item.name in text
