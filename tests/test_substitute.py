"""read/substitute.py: {{ name }} from the region file, in text, titles, notes and front matter."""
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import REGION
from deckbuild.errors import DeckError
from deckbuild.model import plain
from deckbuild.read.substitute import substitute

DECK = """
---
title: Training for {{ region.name }}
subtitle: "{{ org.name }}"
author:
  - "{{ trainer }}"
  - Someone Else
keywords: [harm reduction, "{{ region.name }}"]
venue: "{{ org.website }}"
notes: Welcome from {{ trainer }}.
region: testland
---

## Welcome to {{ org.name }}

- Call {{ org.phone }} or e-mail {{ org.email }}
- Visit [our site]({{ org.website }}) or {{ org.website }}

::: notes
{{ trainer }} introduces {{ region.name }} (checked {{ region.verified }}).
:::
"""


def test_names_are_filled_in_everywhere(project):
    project.region()
    deck = project.read(DECK)
    meta = deck.meta
    assert meta.title == "Training for Testland"
    assert meta.subtitle == "Testland Health"
    assert meta.authors == ("Sam Trainer", "Someone Else")
    assert meta.keywords == ("harm reduction", "Testland")
    assert dict(meta.custom)["venue"] == "https://testland.example.org"
    title, welcome = deck.slides[:2]
    assert plain(title.title) == "Training for Testland"
    assert [plain(n) for n in title.notes] == ["Welcome from Sam Trainer."]
    assert plain(welcome.title) == "Welcome to Testland Health"
    items = [plain(i.text) for i in welcome.blocks[0].items]
    assert items == ["Call 555-0100 or e-mail info@testland.example.org",
                     "Visit our site or https://testland.example.org"]
    links = [r.link for r in welcome.blocks[0].items[1].text if r.link]
    assert links == ["https://testland.example.org"] * 2
    assert [plain(n) for n in welcome.notes] == [
        "Sam Trainer introduces Testland (checked 2026-11)."]


def test_the_region_on_the_command_line_wins(project):
    project.region()
    project.region(REGION.replace("name: Testland", "name: Otherland", 1), "other")
    deck = project.read(DECK, region="other")
    assert deck.meta.title == "Training for Otherland"
    assert deck.region.key == "other"


def test_an_unknown_name_in_the_body_is_an_error_at_its_line(project):
    project.region()
    with pytest.raises(DeckError) as caught:
        project.read(DECK.replace("{{ trainer }} introduces", "{{ trainr }} introduces"))
    error = caught.value
    assert (error.path.endswith("deck.md"), error.line) == (True, 19)
    assert "'{{ trainr }}' is not a name this deck knows" in error.message
    assert "trainer" in error.message  # the known names are listed


@pytest.mark.parametrize("old, new, line", [
    ("title: Training for {{ region.name }}", "title: Training for {{ region.nme }}", 2),
    ('  - "{{ trainer }}"', '  - "{{ coach }}"', 5),
    ("notes: Welcome from {{ trainer }}.", "notes: Welcome from {{ coach }}.", 9),
    ("## Welcome to {{ org.name }}", "## Welcome to {{ org.nam }}", 13),
])
def test_an_unknown_name_in_titles_and_front_matter_has_its_line(project, old, new, line):
    project.region()
    with pytest.raises(DeckError) as caught:
        project.read(DECK.replace(old, new))
    assert caught.value.line == line


def test_a_deck_without_region_says_so(project):
    with pytest.raises(DeckError) as caught:
        project.read("## Hello {{ trainer }}\n\ntext\n")
    assert "the deck has no region" in caught.value.message


@pytest.mark.parametrize("value", ["A*B_C [1]", "R&D <b>not bold</b> | x", "1. First",
                                   "- dash", "# not a heading", "back\\slash `tick`"])
def test_values_show_exactly_as_written(project, value):
    project.region(REGION.replace("  trainer: Sam Trainer", f"  trainer: {json.dumps(value)}"))
    deck = project.read("---\nregion: testland\n---\n\n## T\n\n{{ trainer }}\n\nBy {{ trainer }}\n")
    assert [plain(b.text) for b in deck.slides[0].blocks] == [value, f"By {value}"]


def test_values_in_code_are_not_escaped():
    names = {"x": "a_b*c"}
    assert substitute("`{{ x }}` and {{ x }}", names, "d.md") == "`a_b*c` and a\\_b\\*c"
    assert substitute("```\n{{ x }}\n```\n{{ x }}", names, "d.md") == "```\na_b*c\n```\na\\_b\\*c"


def test_a_value_over_several_lines_stays_one_line(project):
    project.region(REGION.replace("  trainer: Sam Trainer", "  trainer: |\n    Sam\n    Trainer"))
    deck = project.read("---\nregion: testland\n---\n\n## {{ trainer }}\n\n- {{ trainer }}\n- b\n")
    slide = deck.slides[0]
    assert plain(slide.title) == "Sam Trainer"
    assert [plain(i.text) for i in slide.blocks[0].items] == ["Sam Trainer", "b"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
               max_size=30).filter(lambda v: v.strip() and "{{" not in v and "  " not in v
                                   and v == v.strip()))
def test_any_value_shows_as_written_in_a_paragraph(value):
    from deckbuild.read.markdown_ext import make_markdown, parse
    from deckbuild.read.tree import TreeReader
    from deckbuild.read.links import LinkChecker
    from deckbuild.errors import Findings
    text = substitute("Before {{ v }} after", {"v": value}, "d.md")
    md, ext = make_markdown()
    findings = Findings()
    tree = parse(md, ext, text, "d.md", 1, findings)
    items = TreeReader(md, LinkChecker(findings, "d.md"), lambda *a: None).items(tree)
    shown = "".join(plain(item.block.text) for item in items)
    assert shown == f"Before {value} after"
