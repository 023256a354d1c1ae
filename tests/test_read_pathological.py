"""read/pathological.py: lone '[' and '<' cost linear time and show as typed.

The time itself is a benchmark's business (bench/hostile.py); here the tests count
the look-aheads that made it quadratic, and check that ordinary Markdown reads
exactly as it did without the pass.
"""
from __future__ import annotations

import html.parser

import markdown.inlinepatterns
import pytest

from deckbuild.read import markdown_ext
from deckbuild.read.pathological import LONE_CLOSE, LONE_LT, LONE_OPEN, neutralise

ORDINARY = [
    "[a link](https://example.org) and [another][ref]\n\n[ref]: https://example.org/r",
    "![a picture](../assets/p.png) and [x]",
    "text with [brackets] and [nested [brackets]] and a lone [ here",
    "footnote[^1]\n\n[^1]: the note",
    "`[code` and `<div` in code, and <b>bold</b> <span class=\"x\">span</span>",
    "    indented [ code < block\n\nafter",
    "```\nfenced [ and <div\n```",
    "a < b and c > d, x<y, <br> line <!-- comment --> end",
    "<div class=\"note\">\nblock html\n</div>\n\nafter",
    "<a title=\"x<y\">quoted</a> and \\[escaped\\] brackets",
    "- [ ] task\n- [x] done",
    "[[[deep]]] and [unclosed [twice",
]


def _slides(project, text, monkeypatch=None, without=False):
    from deckbuild.errors import Findings
    from deckbuild.read import read_deck
    from PIL import Image
    Image.new("RGB", (8, 8)).save(project.root / "assets" / "p.png")
    if without:
        monkeypatch.setattr(markdown_ext, "register_pathological", lambda md: None)
    path = project.deck(f"---\ntitle: T\n---\n\n## Slide\n\n{text}\n")
    return read_deck(path, findings=Findings()).slides


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_markdown_reads_as_without_the_pass(project, monkeypatch, text):
    with_pass = _slides(project, text)
    without_pass = _slides(project, text, monkeypatch, without=True)
    assert with_pass == without_pass


def test_twenty_thousand_lone_brackets_are_looked_at_once_and_shown(project, monkeypatch):
    calls = []
    real = markdown.inlinepatterns.LinkInlineProcessor.getText

    def counted(self, data, index):
        calls.append(index)
        return real(self, data, index)

    monkeypatch.setattr(markdown.inlinepatterns.LinkInlineProcessor, "getText", counted)
    slides = _slides(project, "[" * 20000)
    assert calls == []  # no look-ahead through the rest of the paragraph, 20,000 times over
    assert slides[1].blocks[0].text[0].text == "[" * 20000


def test_thirty_thousand_unended_tags_are_looked_at_once_and_shown(project, monkeypatch):
    calls = []
    real = html.parser.HTMLParser.check_for_whole_start_tag

    def counted(self, i):
        calls.append(i)
        return real(self, i)

    monkeypatch.setattr(html.parser.HTMLParser, "check_for_whole_start_tag", counted)
    slides = _slides(project, "<div " * 30000)
    assert calls == []
    assert slides[1].blocks[0].text[0].text == ("<div " * 30000).strip()


def test_brackets_nested_too_deep_are_plain_text(project):
    text = "[" * 100 + "x" + "]" * 100
    assert _slides(project, text)[1].blocks[0].text[0].text == text
    marked = neutralise(text)
    assert marked.count(LONE_OPEN) == 68 and marked.count(LONE_CLOSE) == 68
    assert len(marked) == len(text)


def test_what_is_swapped_and_what_is_not():
    assert neutralise("[a] [b") == "[a] " + LONE_OPEN + "b"
    assert neutralise("[a\n\nb]") == LONE_OPEN + "a\n\nb]"  # a paragraph ends a bracket
    assert neutralise("<div <span>") == LONE_LT + "div <span>"
    assert neutralise('<a title="<">x</a>') == '<a title="<">x</a>'
    assert neutralise("a < b") == "a < b"  # not a tag start at all
    assert neutralise("<b>ok</b>") == "<b>ok</b>"


def test_the_markers_cannot_come_from_a_file(project):
    text = f"a{LONE_OPEN}b{LONE_LT}c{LONE_CLOSE}d"
    assert _slides(project, text)[1].blocks[0].text[0].text == "abcd"
