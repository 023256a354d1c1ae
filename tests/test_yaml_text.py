"""Region files and front matter: every value is the text as typed (no YAML 1.1 surprises).

`phone: 0123456` was 42798 (octal), `hours: 9:30` 570 (base 60) and `trainer: NO`
false, on slides and handouts, without a word. A wrong crisis-line number harms
people, so these tests reopen what a participant reads.
"""
from __future__ import annotations

import pytest

from conftest import REGION, pdf_text, slide_texts
from deckbuild.errors import DeckError, Findings
from deckbuild.read.yamlsource import MAX_VALUE, load_yaml

SURPRISES = """\
name: Testland
resources:
  - group: Crisis lines
    items:
      - name: Night line
        phone: 0123456
        hours: 9:30
        description: 1.10
      - name: Yes line
        phone: 0x1F
        hours: NO
        description: 1_000
variables:
  trainer: NO
  version: 1e3
  date: 2026-11-26
"""


@pytest.mark.parametrize("text, expected", [
    ("phone: 0123456", "0123456"), ("hours: 9:30", "9:30"), ("trainer: NO", "NO"),
    ("on: yes", "yes"), ("v: 1.10", "1.10"), ("n: 1_000", "1_000"), ("h: 0x1F", "0x1F"),
    ("f: 1e3", "1e3"), ("i: .inf", ".inf"), ("d: 2026-11-26", "2026-11-26"),
    ("b: !!bool yes", "yes"), ("k: !!int 012", "012"), ("t: true", "true"),
])
def test_every_scalar_is_the_text_as_typed(text, expected):
    assert list(load_yaml(text + "\n", "r.yaml").values()) == [expected]


def test_an_empty_value_is_still_nothing():
    data = load_yaml("a:\nb: ~\nc: ''\n", "r.yaml")
    assert data == {"a": None, "b": None, "c": ""}


def test_phone_numbers_and_hours_reach_slides_and_handout_as_typed(project):
    project.region(SURPRISES)
    deck = "---\ntitle: Help\nregion: testland\n---\n\n## Who\n\n{{ trainer }} {{ version }}\n\n" \
           "# Resources\n\n::: resources\n:::\n"
    prs = project.pptx(deck)
    shown = " ".join(t for slide in prs.slides for t in slide_texts(slide))
    for typed in ("0123456", "9:30", "1.10", "0x1F", "NO", "1_000", "1e3"):
        assert typed in shown, typed
    for wrong in ("42798", "570", "False", "31", "1000.0"):
        assert wrong not in shown.split(), wrong
    handout = pdf_text(project.pdf(deck))
    for typed in ("0123456", "9:30", "0x1F"):
        assert typed in handout, typed
    assert "42798" not in handout and " 570" not in handout


def test_front_matter_switches_still_read_yes_and_no(project):
    deck = project.read("---\ntitle: T\ntoc: yes\nincremental: no\nslide-level: 2\n---\n\n"
                        "# Part\n\n## One\n\n- a\n- b\n")
    assert [s.layout.value for s in deck.slides][:2] == ["title", "content"]  # the agenda


def test_an_accent_written_without_quotes_is_warned_about(project):
    findings = Findings()
    project.region(REGION.replace("variables:", "theme:\n  accent: #abc\nvariables:"))
    project.read("---\ntitle: T\nregion: testland\n---\n\n## A\n\n- b\n", findings=findings)
    line = REGION.split("\n").index("variables:") + 2  # the line after "theme:"
    assert [(f.path.endswith("testland.yaml"), f.line, f.message) for f in findings
            if f.rule == "yaml-comment"] == [
        (True, line, "'accent: #abc' has no value: in YAML a ' #' starts a comment. If #abc is"
                     " the value, put it in quotes: accent: \"#abc\"")]


def test_a_commented_out_value_is_not_warned_about():
    findings = Findings()
    load_yaml("theme:\n  template: # assets/ours.pptx\n", "r.yaml", findings=findings)
    assert list(findings) == []


def test_a_value_over_the_limit_is_refused_with_its_line():
    text = "name: x\nresources:\n  - group: g\n    items:\n      - name: n\n" \
           f"        description: \"{'x' * (MAX_VALUE + 1)}\"\n"
    with pytest.raises(DeckError) as caught:
        load_yaml(text, "r.yaml")
    assert caught.value.line == 6
    assert f"characters long; deckbuild reads values of up to {MAX_VALUE:,}" in caught.value.message


def test_a_ten_megabyte_description_is_refused_at_once(project):
    """The 10 MB YAML string of issue 13: refused while reading, before any layout."""
    project.region(REGION.replace("description: Someone to talk to.",
                                  "description: \"" + "x" * (10 * 1024 * 1024) + "\""))
    with pytest.raises(DeckError, match="10,485,760 characters long") as caught:
        project.read("---\ntitle: T\nregion: testland\n---\n\n## A\n\n- b\n")
    assert caught.value.path.endswith("testland.yaml") and caught.value.line > 0

