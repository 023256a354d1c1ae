"""Markdown strings -> the deck model: slides, layouts, blocks, notes, source lines."""
import pytest

from deckbuild.errors import DeckError, Findings
from deckbuild.model import Layout, ListBlock, Paragraph, Quote, ResourceList, plain


def titles(deck):
    return [plain(s.title) for s in deck.slides]


def test_front_matter_makes_the_title_slide(project):
    deck = project.read("""
    ---
    title: Harm Reduction
    subtitle: Every door
    organization: Training Co
    date: 2026-11
    ---

    ## One

    text
    """)
    first = deck.slides[0]
    assert first.layout is Layout.TITLE
    assert plain(first.title) == "Harm Reduction"
    assert plain(first.subtitle) == "Every door"
    assert [plain(t) for t in first.byline] == ["Training Co"]
    assert plain(first.date) == "2026-11"  # for the layout's date placeholder
    assert deck.meta.organization == "Training Co"


def test_sections_slides_and_source_lines(project):
    deck = project.read("""
    # Section

    ## Slide A

    - one

    ## Slide B

    Text.
    """)
    assert [(s.layout, plain(s.title), s.source.line) for s in deck.slides] == [
        (Layout.SECTION, "Section", 1), (Layout.CONTENT, "Slide A", 3),
        (Layout.CONTENT, "Slide B", 7)]
    assert deck.slides[1].source.path.endswith("deck.md")


def test_two_and_four_space_indentation_both_nest(project):
    for indent in ("  ", "    ", " "):
        deck = project.read(f"## S\n\n- parent\n{indent}- child\n{indent}{indent}- grandchild\n- next\n")
        block = deck.slides[0].blocks[0]
        assert isinstance(block, ListBlock)
        assert [plain(i.text) for i in block.items] == ["parent", "next"]
        child = block.items[0].children[0].items[0]
        assert plain(child.text) == "child"
        assert plain(child.children[0].items[0].text) == "grandchild"


def test_quote_alone_makes_a_quote_slide_with_attribution(project):
    for dash in ("\u2014", "--"):
        deck = project.read(f"## Q\n\n> Well, I think you're wonderful.\n> {dash} Fred\n")
        slide = deck.slides[0]
        assert slide.layout is Layout.QUOTE
        quote = slide.blocks[0]
        assert isinstance(quote, Quote)
        assert [plain(p) for p in quote.paragraphs] == ["Well, I think you\u2019re wonderful."]
        assert plain(quote.attribution) == "Fred"


def test_quote_attribution_as_its_own_paragraph(project):
    deck = project.read("## Q\n\n> First line.\n>\n> \u2014 Someone, 2020\n")
    quote = deck.slides[0].blocks[0]
    assert plain(quote.attribution) == "Someone, 2020"
    assert deck.quotes[0].slide_title == "Q"


def test_notes_are_kept_out_of_the_slide(project):
    deck = project.read("""
    ## Slide

    Visible.

    ::: notes
    Ask the room a question.

    - a bullet in the notes
    :::
    """)
    slide = deck.slides[0]
    assert [type(b) for b in slide.blocks] == [Paragraph]
    assert [plain(n) for n in slide.notes] == ["Ask the room a question.",
                                               "a bullet in the notes"]


def test_links_inline_autolink_and_bare(project):
    deck = project.read("""
    ## Links

    See [the page](https://example.org/a b), <https://example.org/auto> and
    https://example.org/bare.
    """)
    links = [r.link for r in deck.slides[0].blocks[0].text if r.link]
    assert links == ["https://example.org/a%20b", "https://example.org/auto",
                     "https://example.org/bare"]


def test_javascript_link_is_dropped_with_a_warning(project):
    findings = Findings()
    deck = project.read("## L\n\n[click](javascript:alert(1))\n", findings=findings)
    runs = deck.slides[0].blocks[0].text
    assert plain(runs) == "click" and not any(r.link for r in runs)
    assert [f.rule for f in findings] == ["link-scheme"]
    assert findings.items[0].line == 3  # the line the link is on


def test_emphasis_strong_code(project):
    deck = project.read("## S\n\nA *PRINCIPLE BASED* **model** with `code`.\n")
    runs = deck.slides[0].blocks[0].text
    assert [(r.text, r.italic, r.bold, r.code) for r in runs] == [
        ("A ", False, False, False), ("PRINCIPLE BASED", True, False, False),
        (" ", False, False, False), ("model", False, True, False),
        (" with ", False, False, False), ("code", False, False, True), (".", False, False, False)]


def test_resources_come_from_the_region(project):
    project.region()
    deck = project.read("""
    ---
    region: testland
    ---

    # Resources

    ::: resources
    :::
    """)
    resource_slides = [s for s in deck.slides if s.layout is Layout.RESOURCES]
    assert [plain(s.title) for s in resource_slides] == ["Local Resources", "National Resources"]
    entries = resource_slides[0].blocks[0]
    assert isinstance(entries, ResourceList)
    assert [r.name for r in entries.items] == ["Testland Helpline", "Testland Clinic"]


def test_resources_without_a_region_is_an_error_with_its_line(project):
    with pytest.raises(DeckError) as caught:
        project.read("## A\n\ntext\n\n::: resources\n:::\n")
    assert caught.value.line == 5
    assert "region" in caught.value.message


def test_horizontal_rule_starts_an_untitled_slide(project):
    deck = project.read("## A\n\none\n\n---\n\ntwo\n")
    assert titles(deck) == ["A", ""]
    assert deck.slides[1].source.line == 5


def test_seed_deck_has_every_heading_and_quote():
    from pathlib import Path
    from deckbuild.build import load
    root = Path(__file__).resolve().parent.parent
    deck = load(root / "source" / "harm-reduction.md", None, Findings())
    got = titles(deck)
    for heading in ["Agenda", "History", "A Brief History", "The Bifurcated System",
                    "Recognizing barriers", "Integrating Care", "What It Isn\u2019t",
                    "What is NOT Harm Reduction?", "It Is However\u2026..",
                    "The Foundation: Principles", "Principles",
                    "Acceptance of behaviors that carry risk",
                    "Any reduction in harm is a positive change",
                    "Every person has equal value and dignity",
                    "Honest recognition of harm.", "Practice radical neutrality",
                    "Principles: The Guiding Compass", "Tools", "Harm Reduction Tools",
                    "Harm Reduction Tools for Substance Use",
                    "Harm Reduction Tools for Mental Health Needs",
                    "Harm Reduction Tools for Housing", "Harm Reduction Tools for Sex Work",
                    "Harm Reduction Practices", "Resources", "Connecticut Resources",
                    "National Resources", "Harm Reduction: Every Door is the Right Door"]:
        assert heading in got
    quotes = [plain(q.quote.paragraphs[0]) for q in deck.quotes]
    assert any("That\u2019s why I installed the tripwire" in q for q in quotes)
    assert any("My mind, not so much" in q for q in quotes)
    assert any("Well, I think you\u2019re wonderful." in q for q in quotes)
    assert "Connecticut" not in (root / "source" / "harm-reduction.md").read_text().split("---", 2)[2]


def test_email_autolink_is_a_mailto_link(project):
    deck = project.read("## A\n\nWrite to <info@example.org> today.\n")
    runs = deck.slides[0].blocks[0].text
    assert plain(runs) == "Write to info@example.org today."
    assert [r.link for r in runs if r.link] == ["mailto:info@example.org"]


def test_two_blockquotes_are_two_quotes_on_one_quote_slide(project):
    deck = project.read("## Barriers\n\n> First quote.\n> \u2014 One\n\n> Second quote.\n")
    slide = deck.slides[0]
    assert slide.layout is Layout.QUOTE
    assert [plain(b.paragraphs[0]) for b in slide.blocks] == ["First quote.", "Second quote."]
    assert plain(slide.blocks[0].attribution) == "One"
    assert len(deck.quotes) == 2
