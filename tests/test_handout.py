"""The handout PDF, reopened with pypdf: pages, links, bookmarks, metadata, quotes, resources."""
from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import pdf_text
from deckbuild.build import load, render
from deckbuild.cli import main
from deckbuild.errors import Findings
from deckbuild.model import Layout, plain
from deckbuild.render.handout import render_handout

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "harm-reduction.md"
LAYOUTS = ("notes", "outline", "full")
PAPERS = {"letter": (612, 792), "a4": (595.28, 841.89)}


@pytest.fixture(scope="module")
def seed():
    return load(SEED, None, Findings())


@pytest.fixture(scope="module")
def seed_pdfs(seed):
    """Every layout on both papers, rendered once for the module."""
    return {(layout, paper): render_handout(seed, paper, layout)
            for layout in LAYOUTS for paper in PAPERS}


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def flat_outline(pdf: PdfReader, items=None, level=0):
    """[(level, title, page number from 1)] in order."""
    out = []
    for item in pdf.outline if items is None else items:
        if isinstance(item, list):
            out += flat_outline(pdf, item, level + 1)
        else:
            out.append((level, item.title, pdf.get_destination_page_number(item) + 1))
    return out


def page_links(page) -> list:
    return [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])
            if a.get_object().get("/Subtype") == "/Link"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def texts_of(block):
    """Every run of text in a block, lists and columns opened up."""
    from deckbuild.model import Columns, ListBlock, Quote
    if isinstance(block, ListBlock):
        for item in block.items:
            yield item.text
            for child in item.children:
                yield from texts_of(child)
    elif isinstance(block, Quote):
        yield from block.paragraphs
    elif isinstance(block, Columns):
        for column in block.columns:
            for inner in column:
                yield from texts_of(inner)
    elif hasattr(block, "text"):
        yield block.text


def web_links(deck) -> set:
    """The deck's web addresses: the region's resources and links on the slides."""
    urls = {r.url for g in deck.resource_groups for r in g.items if r.url.startswith("http")}
    for slide in deck.slides:
        for block in slide.blocks:
            for text in texts_of(block):
                urls |= {r.link for r in text if r.link and r.link.startswith("http")}
    return urls


# ---------------------------------------------------------------- the seed deck


def test_every_layout_builds_on_both_papers(seed_pdfs):
    for (layout, paper), data in seed_pdfs.items():
        pdf = reader(data)
        width, height = PAPERS[paper]
        for page in pdf.pages:
            assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
            assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


def test_page_counts_follow_each_layout(seed, seed_pdfs):
    slides = len(seed.slides)
    for paper in PAPERS:
        notes = flat_outline(reader(seed_pdfs[("notes", paper)]))
        quotes_page = dict((t, p) for _, t, p in notes)["Key quotes"]
        # the cover, then three slides a page
        assert quotes_page == 1 + math.ceil(slides / 3) + 1
        full = flat_outline(reader(seed_pdfs[("full", paper)]))
        # the cover, then one slide a page (the seed's notes fit under their slide)
        assert dict((t, p) for _, t, p in full)["Key quotes"] == 1 + slides + 1
        outline_pages = len(reader(seed_pdfs[("outline", paper)]).pages)
        assert outline_pages < len(reader(seed_pdfs[("notes", paper)]).pages)


def test_every_slide_title_is_found_by_a_text_search(seed, seed_pdfs):
    for layout in ("notes", "full"):
        text = words(pdf_text(reader(seed_pdfs[(layout, "letter")])))
        for slide in seed.slides:
            assert words(plain(slide.title)) in text, (layout, plain(slide.title))
    outline = words(pdf_text(reader(seed_pdfs[("outline", "a4")])))
    for slide in seed.slides:
        if slide.layout is not Layout.TITLE:  # the title slide is the cover
            assert words(plain(slide.title)) in outline


def test_every_web_link_is_clickable_and_printed_in_full(seed, seed_pdfs):
    urls = web_links(seed)
    assert urls
    for (layout, paper), data in seed_pdfs.items():
        pdf = reader(data)
        clickable = {u for page in pdf.pages for u in page_links(page)}
        printed = squeeze(pdf_text(pdf))
        assert urls <= clickable, (layout, paper, urls - clickable)
        for url in urls:
            assert url in printed, (layout, paper, url)


def test_bookmarks_cover_sections_quotes_and_resources(seed, seed_pdfs):
    sections = [plain(s.title) for s in seed.slides if s.layout is Layout.SECTION]
    groups = [g.title for g in seed.resource_groups]
    for (layout, paper), data in seed_pdfs.items():
        pdf = reader(data)
        outline = flat_outline(pdf)
        titles = [t for _, t, _ in outline]
        assert titles[0] == "Cover" and outline[0][2] == 1
        for title in sections + ["Key quotes", "Resources"] + groups:
            assert title in titles, (layout, paper, title)
        pages = [p for _, _, p in outline]
        assert pages == sorted(pages)  # in reading order
        for level, title, page in outline:
            if title in sections and layout != "outline":
                assert title.upper() in pdf.pages[page - 1].extract_text().upper()
        assert pdf.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_metadata(seed, seed_pdfs):
    pdf = reader(seed_pdfs[("notes", "letter")])
    meta = pdf.metadata
    assert meta.title.startswith(seed.meta.title)
    assert meta.author == seed.meta.organization
    assert meta.subject == seed.meta.subtitle
    for section in (plain(s.title) for s in seed.slides if s.layout is Layout.SECTION):
        assert section in meta["/Keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == seed.meta.lang


def test_quotes_with_attribution_and_slide(seed, seed_pdfs):
    for layout in LAYOUTS:
        pdf = reader(seed_pdfs[(layout, "letter")])
        page = dict((t, p) for _, t, p in flat_outline(pdf))["Key quotes"]
        text = words(pdf.pages[page - 1].extract_text())
        for ref in seed.quotes:
            for paragraph in ref.quote.paragraphs:
                assert words(plain(paragraph)) in text
            assert words(f"Slide {ref.slide_number}: {ref.slide_title}") in text


def test_resources_in_full_with_verified_line(seed, seed_pdfs):
    pdf = reader(seed_pdfs[("notes", "a4")])
    first = dict((t, p) for _, t, p in flat_outline(pdf))["Resources"]
    text = "\n".join(p.extract_text() for p in pdf.pages[first - 1:])
    assert f"last verified in {seed.region.verified}" in text
    for group in seed.resource_groups:
        assert group.title in text
        for resource in group.items:
            for field in (resource.name, resource.description, resource.phone, resource.hours):
                assert words(field) in words(text), field


def test_same_input_same_bytes(seed, seed_pdfs):
    assert render_handout(seed, "letter", "notes") == seed_pdfs[("notes", "letter")]


def test_miniatures_keep_the_slide_geometry(seed, seed_pdfs):
    """In the full layout a miniature is the text width: the Agenda's bullets sit where the
    deck puts them (body box, hanging indent), scaled."""
    from deckbuild.layout.geometry import DEFAULT_GEOMETRY
    from deckbuild.layout.paragraphs import HANGING
    from deckbuild.render.handout.document import SIDE
    pdf = reader(seed_pdfs[("full", "letter")])
    number = next(i for i, s in enumerate(seed.slides, 1) if plain(s.title) == "Agenda")
    page = pdf.pages[number]  # the cover comes first
    scale = (612 - 2 * SIDE) / 960
    body = DEFAULT_GEOMETRY.box(Layout.CONTENT, "body")
    found = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in ("History", "Agenda"):
            found[text.strip()] = cm[4] + tm[4] * cm[0]

    page.extract_text(visitor_text=visit)
    assert found["History"] == pytest.approx(SIDE + (body.x + HANGING) * scale, abs=0.5)
    assert found["Agenda"] == pytest.approx(SIDE + body.x * scale, abs=0.5)


# ---------------------------------------------------------------- small decks


DECK = """
---
title: Tiny
subtitle: A small deck
author: Alex Rivera
organization: Testland Health
date: 2026-11
keywords: [tiny, test]
subject: Testing handouts
lang: en-GB
region: testland
---

# Part one

## Links

- See [the guide](https://guide.example.org/a/very/long/path/that/keeps/going/on/and/on/until/it/has/to/wrap/somewhere?with=query&and=more)
- Bare https://bare.example.org/page

::: notes
Trainer only: [notes link](https://notes.example.org/trainer).
:::

## Quote

> Meet people where they are.
> — A participant

## Plain

Some text.
"""


def test_small_deck_layout_page_counts(project):
    project.region()
    deck = project.read(DECK)
    slides = len(deck.slides)
    notes = reader(render_handout(deck, "letter", "notes"))
    full = reader(render_handout(deck, "letter", "full"))
    outline = reader(render_handout(deck, "letter", "outline"))
    after = ["Key quotes", "Links", "Resources"]
    for pdf, slide_pages in ((notes, math.ceil(slides / 3)), (full, slides)):
        pages = dict((t, p) for _, t, p in flat_outline(pdf))
        assert pages["Key quotes"] == 1 + slide_pages + 1
        assert [t for _, t, _ in flat_outline(pdf) if t in after] == after
    assert len(outline.pages) < len(notes.pages)


def test_slide_links_listed_with_qr_and_address(project):
    project.region()
    deck = project.read(DECK)
    pdf = reader(render_handout(deck))
    pages = dict((t, p) for _, t, p in flat_outline(pdf))
    links_page = pdf.pages[pages["Links"] - 1]
    text = links_page.extract_text()
    long_url = next(u for u in web_links(deck) if "very/long" in u)
    assert long_url in squeeze(text)  # printed in full, over several lines
    assert len([line for line in text.splitlines() if "/" in line]) > 2
    number = next(i for i, s in enumerate(deck.slides, 1) if plain(s.title) == "Links")
    assert "the guide" in text and f"Slide {number}" in text
    assert set(page_links(links_page)) >= {long_url, "https://bare.example.org/page"}
    # speaker notes are the trainer's: only the full layout prints them and their links
    assert "notes.example.org" not in pdf_text(pdf)
    full = reader(render_handout(deck, layout="full"))
    assert "https://notes.example.org/trainer" in squeeze(pdf_text(full))
    assert "Trainer only" in pdf_text(full)


def test_cover_has_contact_and_logo(project):
    from PIL import Image
    Image.new("RGB", (300, 100), (31, 111, 139)).save(project.root / "assets" / "logo.png")
    from conftest import REGION
    project.region(REGION.replace("  email: info@testland.example.org",
                                  "  email: info@testland.example.org\n  logo: assets/logo.png"))
    deck = project.read(DECK)
    pdf = reader(render_handout(deck))
    cover = pdf.pages[0]
    text = cover.extract_text()
    for expected in ("Tiny", "A small deck", "Alex Rivera", "Testland Health", "Testland",
                     "2026-11", "Sam Trainer", "555-0100", "info@testland.example.org",
                     "https://testland.example.org"):
        assert expected in text, expected
    assert set(page_links(cover)) >= {"mailto:info@testland.example.org",
                                      "https://testland.example.org", "tel:5550100"}
    assert list(cover.images), "the organization's logo"
    meta = pdf.metadata
    assert meta.author == "Alex Rivera" and meta.subject == "Testing handouts"
    assert meta["/Keywords"] == "tiny, test"
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"


def test_cover_without_region_names_no_contact(project):
    pdf = project.pdf("---\ntitle: Alone\n---\n\n## One\n\nText.\n")
    text = pdf.pages[0].extract_text()
    assert "Alone" in text and "Contact" not in text
    assert "Resources" not in [t for _, t, _ in flat_outline(pdf)]


def test_footer_page_x_of_y_and_running_title(project):
    project.region()
    pdf = project.pdf(DECK, handout="full", paper="a4")
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages[1:], 2):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert "Tiny \u2013 Testland" in text


def test_outline_layout_is_a_document(project):
    project.region()
    deck = project.read(DECK)
    pdf = reader(render_handout(deck, layout="outline"))
    text = pdf_text(pdf)
    assert "Part one" in text and "Links" in text and "Meet people where they are." in text
    assert "Some text." in text and "slide 4" in text
    # no miniatures: the slide pages draw no accent stripes, only text
    assert len(pdf.pages) == 1 + 1 + 3  # cover, the content, quotes, links, resources


def test_cli_handout_options(tmp_path, monkeypatch):
    from conftest import Project
    project = Project(tmp_path)
    project.region()
    project.deck(DECK, "tiny")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "tiny.pdf"
    result = CliRunner().invoke(main, ["build", "source/tiny.md", "-o", str(out), "--handout",
                                       "full", "--paper", "a4"])
    assert result.exit_code == 0, result.output
    pdf = PdfReader(str(out))
    assert float(pdf.pages[0].mediabox.height) == pytest.approx(841.89, abs=0.5)
    assert "Speaker notes" in pdf.pages[1].extract_text()


def test_handout_front_matter_chooses_the_layout(project):
    project.region()
    deck = project.read(DECK.replace("lang: en-GB", "lang: en-GB\nhandout: full"))
    pdf = reader(render(deck, "handout"))
    assert "Speaker notes" in pdf.pages[1].extract_text()


def test_miniature_links_are_clickable_where_the_slide_is(project):
    project.region()
    deck = project.read(DECK)
    pdf = reader(render_handout(deck, layout="notes"))
    number = next(i for i, s in enumerate(deck.slides, 1) if plain(s.title) == "Links")
    page = next(p for p in pdf.pages[1:] if f"Slide {number}" in p.extract_text())
    guide = next(u for u in web_links(deck) if "guide" in u)
    assert guide in page_links(page)
    assert "the guide" in page.extract_text()


def test_pictures_and_tables_reach_every_layout(project):
    from PIL import Image
    Image.new("RGB", (400, 300), (200, 120, 40)).save(project.root / "assets" / "photo.png")
    deck = project.read("""
    ---
    title: Pictures
    ---

    ## A picture

    - Beside the text

    ![A warm colour](../assets/photo.png)

    ## A table

    | Service | Phone |
    |---|---|
    | Clinic | 555-0100 |
    """)
    for layout in LAYOUTS:
        pdf = reader(render_handout(deck, layout=layout))
        assert any(list(page.images) for page in pdf.pages[1:]), layout
        text = pdf_text(pdf)
        # the caption is real text, in the miniatures as in the outline
        assert "Clinic" in text and "555-0100" in text and "A warm colour" in text, layout


def test_links_listed_from_every_kind_of_block(project):
    """A link in an item's second paragraph, a definition, a callout's title or a
    participant's activity is printed in the Links list like any other."""
    deck = project.read("""
        ## Where to look

        - First point

          More in [the item guide](https://item.example.org/more).

        Term
        : see [the glossary](https://term.example.org)

        ::: {.callout-note}
        ## The [callout site](https://callout.example.org)
        Inside.
        :::

        ## Try it

        ::: {.activity title="Pairs"}
        ::: instructions
        Use [the sheet](https://sheet.example.org).
        :::
        Facilitator step with [a key](https://key.example.org).
        :::
        """)
    pdf = reader(render_handout(deck))
    pages = dict((t, p) for _, t, p in flat_outline(pdf))
    listed = squeeze(pdf.pages[pages["Links"] - 1].extract_text())
    for url in ("item.example.org/more", "term.example.org", "callout.example.org",
                "sheet.example.org"):
        assert url in listed, url
    assert "key.example.org" not in squeeze(pdf_text(pdf))  # the facilitator's step is not the participants'
