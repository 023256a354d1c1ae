"""The handout as a screen reader gets it: the tagged PDF reopened with pikepdf.

Every page's content is either marked content that the structure tree points
to, or an artifact; the tree's headings follow the deck's sections and titles;
links and pictures have their words. (pdfua, veraPDF's machine-checkable part,
is run on the seed deck by hand: see docs/handout.md.)
"""
from __future__ import annotations

import io
import shutil
import subprocess
from typing import Dict, List, Tuple

import pytest
from PIL import Image as PILImage

from conftest import REGION
from deckbuild.model import Layout, plain
from deckbuild.build import render

pikepdf = pytest.importorskip("pikepdf")
from pypdf import PdfReader  # noqa: E402

LAYOUTS = ("notes", "outline", "full", "large-print", "workbook")
DOCUMENTS = ("outline", "large-print", "workbook")  # no miniatures: the text as a document
PAINTING = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh",
            "BI"}

DECK = """
---
title: Every Door
subtitle: A training
author: Sam Trainer
region: testland
lang: en-US
---

# First part

## Why it matters

- People are met where they are
  - with respect
- See [the guide to naloxone](https://guide.example.org/naloxone) first

![A clinic's front door]({picture})

## Numbers

| Service | Phone |
|---|---|
| Helpline | 555-0101 |

# Second part

## What people said

> My door is always open.
> \u2014 A colleague

## Where to go

::: resources
:::
"""


@pytest.fixture
def deck(project):
    project.region()
    PILImage.new("RGB", (80, 60), "teal").save(project.root / "assets" / "door.png")
    return project.read(DECK.format(picture="../assets/door.png"), region="testland")


def handout(deck, layout: str) -> bytes:
    return render(deck, "handout", handout=layout)


# ---------------------------------------------------------------- reading the tree


class Tree:
    """The structure tree of one PDF: elements in order, and the MCIDs they own."""

    def __init__(self, data: bytes):
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.pages = {page.objgen: number for number, page in enumerate(self.pdf.pages)}
        self.elements: List[Tuple[str, object]] = []  # (role, element), in reading order
        self.owned: Dict[Tuple[int, int], object] = {}  # (page, mcid) -> element
        self.objects: List[Tuple[object, object]] = []  # (Link element, annotation)
        root = self.pdf.Root.StructTreeRoot
        self._walk(root.K, None)

    def _walk(self, kids, parent, page=None) -> None:
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, int):
                assert page is not None, "an MCID without the element's /Pg"
                assert (page, kid) not in self.owned, "an MCID owned twice"
                self.owned[(page, kid)] = parent
            elif kid.get("/Type") == "/MCR":
                self.owned[(self.pages[kid.Pg.objgen], int(kid.MCID))] = parent
            elif kid.get("/Type") == "/OBJR":
                self.objects.append((parent, kid.Obj))
            else:
                element_page = self.pages[kid.Pg.objgen] if "/Pg" in kid else page
                self.elements.append((str(kid.S)[1:], kid))
                if "/K" in kid:
                    self._walk(kid.K, kid, element_page)

    def roles(self, *wanted: str) -> List[Tuple[str, object]]:
        return [(role, e) for role, e in self.elements if role in wanted]


def marked_content(pdf, number: int):
    """(MCIDs of the page's BDCs, operators that paint outside any marked content)."""
    page = pdf.pages[number]
    mcids, loose, depth = [], [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            depth += 1
            if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
        elif name == "EMC":
            depth -= 1
            assert depth >= 0, "EMC without BDC"
        elif name in PAINTING and depth == 0:
            loose.append(name)
    assert depth == 0, "marked content left open"
    return mcids, loose


def texts_by_mcid(data: bytes) -> Dict[Tuple[int, int], str]:
    """(page, mcid) -> the text drawn inside that marked content (pypdf decodes fonts)."""
    reader = PdfReader(io.BytesIO(data))
    out: Dict[Tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        stack: List = []

        def before(operator, args, cm, tm, stack=stack):
            if operator == b"BDC":
                props = args[1] if len(args) > 1 else {}
                stack.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value, cm, tm, font, size, stack=stack, number=number):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None:
                out[(number, int(mcid))] = out.get((number, int(mcid)), "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return out


def element_text(tree: Tree, texts, element) -> str:
    """All text an element (and what is inside it) owns, in tree order."""
    parts = []
    for key, owner in tree.owned.items():  # insertion order is tree order
        node = owner
        while node is not None and "/P" in node:
            if node.objgen == element.objgen:
                parts.append(texts.get(key, ""))
                break
            node = node.P
    return " ".join(" ".join(parts).split())


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_page_is_tagged_content_or_artifact(deck, layout):
    data = handout(deck, layout)
    tree = Tree(data)
    for number in range(len(tree.pdf.pages)):
        mcids, loose = marked_content(tree.pdf, number)
        assert loose == [], (number + 1, loose)
        assert len(mcids) == len(set(mcids)), number + 1
        owned = {m for page, m in tree.owned if page == number}
        assert set(mcids) == owned, (number + 1, set(mcids) ^ owned)
        # The ParentTree maps each MCID back to its element.
        page = tree.pdf.pages[number]
        if mcids:
            parents = _parent_tree(tree.pdf)[int(page.StructParents)]
            for mcid in mcids:
                assert parents[mcid].objgen == tree.owned[(number, mcid)].objgen


def _parent_tree(pdf) -> dict:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_document_says_its_language_title_and_pdf_ua(deck, layout):
    pdf = pikepdf.open(io.BytesIO(handout(deck, layout)))
    assert str(pdf.Root.Lang) == "en-US"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) == "Every Door"
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "Every Door" in xmp
    for page in pdf.pages:
        if "/Annots" in page:
            assert page.Tabs == "/S"
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert "Resources" in titles and "Key quotes" in titles


@pytest.mark.parametrize("layout", LAYOUTS)
def test_headings_follow_the_decks_sections_and_titles(deck, layout):
    data = handout(deck, layout)
    tree = Tree(data)
    texts = texts_by_mcid(data)
    headings = [(role, element_text(tree, texts, e)) for role, e in tree.roles("H1", "H2")]
    assert headings[0] == ("H1", "Every Door")  # the cover, then its own headings
    assert headings[1:3] == [("H2", "Contact"), ("H2", "About this handout")]
    headings = headings[2:]
    expected = []
    for slide in deck.slides:
        if slide.layout is Layout.TITLE and layout in DOCUMENTS or slide.continued:
            continue
        if slide.layout is Layout.RESOURCES and layout in DOCUMENTS:
            continue
        role = "H1" if slide.layout is Layout.SECTION else "H2"
        expected.append((role, plain(slide.title)))
    shown = [(role, text.upper()) for role, text in headings[1:1 + len(expected)]]
    want = [(role, title.upper()) for role, title in expected]
    # (The outline adds "slide N" to a slide's heading.)
    assert [(r, t.split("  SLIDE")[0].split(" SLIDE ")[0]) for r, t in shown] == want
    after = [text for _, text in headings[1 + len(expected):]]
    assert after[:1] == ["Key quotes"] and "Resources" in after and "Local Resources" in after


@pytest.mark.parametrize("layout", LAYOUTS)
def test_links_and_figures_have_their_words(deck, layout):
    data = handout(deck, layout)
    tree = Tree(data)
    linked = {annotation.objgen for _, annotation in tree.objects}
    for page in tree.pdf.pages:
        for annotation in page.get("/Annots", []):
            if annotation.Subtype == "/Link":
                assert annotation.objgen in linked  # each in a Link element (OBJR)
                assert str(annotation.Contents).strip()
                assert "/StructParent" in annotation
    links = [e for role, e in tree.roles("Link")]
    assert links and all(any(obj is not None for parent, obj in tree.objects
                             if parent.objgen == e.objgen) for e in links)
    contents = {str(a.Contents) for page in tree.pdf.pages for a in page.get("/Annots", [])}
    assert "the guide to naloxone (https://guide.example.org/naloxone)" in contents
    figures = [str(e.Alt) for role, e in tree.roles("Figure")]
    assert "QR code for https://help.testland.example.org/line" in figures
    assert "A clinic's front door" in figures


@pytest.mark.parametrize("layout", LAYOUTS)
def test_lists_tables_and_quotes_have_their_roles(deck, layout):
    tree = Tree(handout(deck, layout))
    roles = [role for role, _ in tree.elements]
    for role in ("Sect", "L", "LI", "LBody", "Table", "TR", "TH", "TD", "BlockQuote", "P"):
        assert role in roles, (layout, role)
    for _, item in tree.roles("LI"):
        assert {str(k.S) for k in _kids(item)} <= {"/Lbl", "/LBody"}
    for _, row in tree.roles("TR"):
        assert {str(k.S) for k in _kids(row)} <= {"/TH", "/TD"}


def _kids(element) -> list:
    kids = element.K
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")
@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_in_reading_order_has_the_slides_in_order(deck, layout, tmp_path):
    path = tmp_path / "handout.pdf"
    path.write_bytes(handout(deck, layout))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    titles = [plain(s.title) for s in deck.slides
              if s.layout not in (Layout.TITLE, Layout.RESOURCES) and not s.continued]
    places = [text.upper().find(title.upper(), text.find("About this handout"))
              for title in titles]
    assert -1 not in places and places == sorted(places), list(zip(titles, places))
    # Each title comes before its body, with no footer between them.
    body = text.find("People are met where they are")
    title = text.upper().find("WHY IT MATTERS")
    assert title < body and "Page " not in text[title:body]


def test_large_print_is_18_pt_or_more_one_column_and_high_contrast(deck):
    from deckbuild.design.colour import contrast
    from deckbuild.render.handout.styles import LARGE_MIN, Styles
    pdf = pikepdf.open(io.BytesIO(handout(deck, "large-print")))
    sizes, colours = set(), set()
    for page in pdf.pages:
        assert "/XObject" not in page.Resources or all(  # no miniatures: only the footer
            name.startswith("/FormXob.footer") for name in page.Resources.XObject.keys()
            if page.Resources.XObject[name].Subtype == "/Form")
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "Tf":
                sizes.add(float(operands[1]))
            elif str(operator) == "rg":
                colours.add("".join(f"{round(float(v) * 255):02X}" for v in operands))
    assert min(sizes) >= LARGE_MIN and max(sizes) >= 1.5 * LARGE_MIN, sizes
    assert all(contrast(c, "FFFFFF") >= 7.0 for c in colours - {"FFFFFF"}), colours
    styles = Styles(deck.theme, large=True)
    assert styles.h2.fontSize > styles.body.fontSize >= LARGE_MIN
    assert styles.body.leading == 1.5 * styles.body.fontSize
