"""read/sourcelines.py: a warning names the line its text was typed on.

Python-Markdown keeps no positions inside a paragraph or list, so the reader
searches the deck's text for what it warns about. A reference definition
(`[id]: address`, usually at the end of a slide) and a tab (which
Python-Markdown turns into spaces) used to throw that search off.
"""
from __future__ import annotations

from deckbuild.errors import Findings
from deckbuild.read.sourcelines import SourceLines

HEAD = "---\ntitle: T\n---\n\n## One\n\n"  # the slide's text starts on line 7


def _warned_lines(project, body: str, rule: str = "link-scheme") -> list:
    findings = Findings()
    project.read(HEAD + body, findings=findings)
    return [f.line for f in findings if f.rule == rule]


def test_a_warning_after_a_reference_link_names_its_own_line(project):
    body = ("- see [the site][s]\n"                 # 7
            "- a [bad](javascript:x) link\n"         # 8
            "\n"
            "[s]: https://example.org\n")            # 10
    assert _warned_lines(project, body) == [8]


def test_an_address_in_a_reference_definition_is_reported_there(project):
    body = ("- see [bad][s]\n"                       # 7
            "- a [bad](javascript:y) link\n"         # 8
            "\n"
            "[s]: javascript:x\n")                   # 10
    assert sorted(_warned_lines(project, body)) == [8, 10]


def test_a_link_holding_a_tab_is_reported_on_its_line(project):
    assert _warned_lines(project, "- a\n- [bad](javascript:\tx) link\n") == [8]
    assert _warned_lines(project, "- a\n- [bad](<java\tscript:x>) link\n") == [8]


def test_the_search_goes_on_after_what_it_found():
    lines = SourceLines("a x\nb x\n[r]: x\nc x\n", 1)
    assert [lines.find("x"), lines.find("x"), lines.find("x")] == [1, 2, 3]  # 3: the definition
    assert [lines.find("c"), lines.find("nowhere")] == [4, 4]
    spaced = SourceLines("one\ttwo\nthree   four\n", 5)
    assert (spaced.find("one    two"), spaced.find("three four")) == (5, 6)
