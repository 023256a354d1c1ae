"""The facilitator guide as a tagged PDF (`render/guide` on the handout's tagging), reopened
with pikepdf: every page's content tagged or an artifact, the document's language and
title, and the tree a screen reader walks: the cover's headings, the run of show as a
table, the materials as a list, prep, then a Sect per slide with its miniature's text,
speaker notes, the trainer's blocks and answers; the running headers are artifacts."""
from __future__ import annotations

import io

import pikepdf
import pytest

from deckbuild.build import render
from deckbuild.model import plain
from deckbuild.schedule import minutes_text, run_of_show

from test_handout_tagging import Tree, _parent_tree, element_text, marked_content, texts_by_mcid
from test_render_guide import SMALL

DECK = SMALL.replace("    start:", "    region: testland\n    start:").replace(
    "    Hello\n", "    Hello, see [the naloxone guide](https://guide.example.org/naloxone).\n")


@pytest.fixture
def guide(project):
    project.region()
    deck = project.read(DECK, region="testland")
    data = render(deck, "facilitator")
    return deck, data, Tree(data), texts_by_mcid(data)


def _kids(element) -> list:
    """An element's kid elements (an empty table cell has none, and no /K)."""
    if "/K" not in element:
        return []
    kids = element.K
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _text(tree, texts, element) -> str:
    return element_text(tree, texts, element)


def test_every_page_is_tagged_content_or_artifact(guide):
    _, _, tree, _ = guide
    for number in range(len(tree.pdf.pages)):
        mcids, loose = marked_content(tree.pdf, number)
        assert loose == [], (number + 1, loose)
        owned = {m for page, m in tree.owned if page == number}
        assert set(mcids) == owned, (number + 1, set(mcids) ^ owned)
        if mcids:
            parents = _parent_tree(tree.pdf)[int(tree.pdf.pages[number].StructParents)]
            for mcid in mcids:
                assert parents[mcid].objgen == tree.owned[(number, mcid)].objgen


def test_the_guide_says_its_language_title_and_pdf_ua(guide):
    _, data, tree, _ = guide
    pdf = tree.pdf
    assert str(pdf.Root.Lang) == "en-US"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    assert str(pdf.docinfo.Title) == "Naloxone basics \u2013 Facilitator guide"
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[:4] == ["Cover", "Run of show", "Materials", "Before the session"]


def test_headings_are_the_guides_parts_then_a_section_and_its_slides(guide):
    deck, _, tree, texts = guide
    headings = [(role, _text(tree, texts, e)) for role, e in tree.roles("H1", "H2")]
    assert headings[:6] == [("H1", "Naloxone basics"), ("H2", "Session"),
                            ("H2", "About this guide"), ("H1", "Run of show"),
                            ("H1", "Materials"), ("H1", "Before the session")]
    slides = [text for role, text in headings[6:] if role == "H2" and text.startswith("Slide")]
    assert len(slides) == len(deck.slides)
    for number, (text, slide) in enumerate(zip(slides, deck.slides), 1):
        assert text.startswith(f"Slide {number} \u00b7 {plain(slide.title)}"), text
    assert ("H1", "Practice") in headings


def test_the_run_of_show_is_a_table_with_a_header_row(guide):
    deck, _, tree, texts = guide
    table = tree.roles("Table")[0][1]
    rows = [row for row in _kids(table) if str(row.S) == "/TR"]
    cells = [[(str(c.S)[1:], _text(tree, texts, c)) for c in _kids(row)] for row in rows]
    assert cells[0] == [("TH", "Start"), ("TH", "Section or activity"), ("TH", "Slides"),
                        ("TH", "Minutes"), ("TH", "Running total")]
    assert all(str(c.A.Scope) == "/Column" for c in _kids(rows[0]))
    assert all(len(row) == 5 for row in cells), cells  # empty cells kept: columns line up
    run = run_of_show(deck)
    sections = [row for row in cells[1:] if row[1][1] in ("Opening", "Practice")]
    assert [row[3][1] for row in sections] == [minutes_text(s.seconds) for s in run.sections]
    total = next(row for row in cells if row[1][1] == "Total")
    assert total[3][1] == minutes_text(run.total) and total[0][1] == ""
    assert ["TD", "Activity: Pair practice"] == list(cells[3][1])


def test_materials_are_a_list_with_where_each_is_needed(guide):
    _, _, tree, texts = guide
    lists = [e for _, e in tree.roles("L")]
    items = [_text(tree, texts, item) for item in _kids(lists[0])]
    assert items[0].endswith("Naloxone trainer kits, one per pair for the session")
    assert items[1].endswith("A practice dummy for 'Pair practice' (slide 4)")
    for item in _kids(lists[0]):
        assert [str(k.S) for k in _kids(item)] == ["/Lbl", "/LBody"]


def test_each_slide_is_a_sect_with_its_slide_notes_and_trainers_blocks(guide):
    _, _, tree, texts = guide
    sects = [e for _, e in tree.roles("Sect")]
    practice = next(s for s in sects if _text(tree, texts, _kids(s)[0]).startswith(
        "Slide 4 \u00b7 Try it"))
    roles = [(str(k.S)[1:], _text(tree, texts, k)) for k in _kids(practice)]
    assert roles[0][0] == "H2" and "15 min \u00b7 2:05 pm\u20132:20 pm" in roles[0][1]
    assert roles[1] == ("H3", "Try it")  # the miniature's own text follows, tagged
    assert ("H3", "Speaker notes") in roles
    divs = [k for k in _kids(practice) if str(k.S) == "/Div"]
    assert len(divs) == 3  # the activity on the slide (its instructions), then the guide's
    activity, answer = [[(str(k.S)[1:], _text(tree, texts, k)) for k in _kids(d)]
                        for d in divs[1:]]
    assert activity[0][0] == "H3" and activity[0][1].startswith("Activity: Pair practice")
    parts = [text for role, text in activity if role == "H4"]
    assert parts == ["Materials", "Participants see", "Steps", "Debrief"]
    assert answer == [("H3", "Answer"), ("P", "Thirty to ninety minutes.")]
    welcome = next(s for s in sects if _text(tree, texts, _kids(s)[0]).startswith("Slide 2"))
    labels = [_text(tree, texts, d) for d in _kids(welcome) if str(d.S) == "/Div"]
    assert labels == ["Facilitator note Introduce yourself and the fire exits."]


def test_links_are_tagged_and_headers_and_footers_are_artifacts(guide):
    _, data, tree, texts = guide
    linked = {annotation.objgen for _, annotation in tree.objects}
    annotations = [a for page in tree.pdf.pages for a in page.get("/Annots", [])
                   if a.Subtype == "/Link"]
    assert annotations and all(a.objgen in linked for a in annotations)
    assert "the naloxone guide (https://guide.example.org/naloxone)" in \
        {str(a.Contents) for a in annotations}
    tagged = " ".join(texts.values())
    assert "Practice \u00b7 2:05 pm\u20132:20 pm" not in tagged  # the running header
    assert "Page 1 of" not in tagged
    from pypdf import PdfReader
    page_text = " ".join(PdfReader(io.BytesIO(data)).pages[-1].extract_text().split())
    assert "Practice \u00b7 2:05 pm\u20132:20 pm" in page_text


def test_the_workbook_answer_space_leaves_no_answer_in_the_tree(project):
    deck = project.read(SMALL)
    data = render(deck, "handout", handout="workbook")
    tree, texts = Tree(data), texts_by_mcid(data)
    assert "Thirty to ninety" not in " ".join(texts.values())
    assert "Answer" not in [_text(tree, texts, e) for _, e in tree.roles("H3")]
    for number in range(len(tree.pdf.pages)):
        assert marked_content(tree.pdf, number)[1] == []
    assert isinstance(tree.pdf.Root.StructTreeRoot, pikepdf.Dictionary)


def test_the_workbook_says_where_to_write_an_answer(project):
    """The answer space's label is read out (in the deck's language); its lines are not."""
    deck = project.read(SMALL)
    data = render(deck, "handout", handout="workbook")
    tree, texts = Tree(data), texts_by_mcid(data)
    assert "Your answer" in [_text(tree, texts, e) for _, e in tree.roles("P")]
    spanish = project.read(SMALL.replace("    duration:", "    lang: es\n    duration:"))
    texts = texts_by_mcid(render(spanish, "handout", handout="workbook"))
    assert any("Tu respuesta" in text for text in texts.values())
