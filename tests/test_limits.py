"""deckbuild.limits: a deck too large to build quickly is refused before anything is built."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import deckbuild.read
from deckbuild import build as build_module
from deckbuild import limits
from deckbuild.cli import main

SPLIT = ("at a time, so that a build takes seconds, not minutes: split it into parts (a file"
         " for each module or day) and build each, or build it as it is with"
         " 'deckbuild build --no-limits' (it takes minutes)")


def _shown(size: int) -> str:
    """A size as the message says it ("over 1 MB" when it rounds to the limit)."""
    shown, limit = limits._megabytes(size), limits._megabytes(limits.MAX_SOURCE_BYTES)
    return f"over {shown}" if shown == limit and size > limits.MAX_SOURCE_BYTES else shown


def _slides(count: int) -> str:
    return "".join(f"## Slide {n}\n\n- A point for slide {n}\n\n" for n in range(count))


def _built(project, monkeypatch) -> dict:
    """The outputs of a first, good build: the refusals below must leave them as they are."""
    monkeypatch.chdir(project.root)
    project.deck(_slides(2))
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    return {p: p.read_bytes() for p in (project.root / "output").glob("deck*")}


def _nothing_drawn(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("a deck over the limit was laid out or drawn")
    monkeypatch.setattr(build_module, "render", refused)
    monkeypatch.setattr("deckbuild.layout.fit.fit_deck", refused)


def test_a_deck_of_more_slides_than_the_limit_is_refused_before_it_is_drawn(project,
                                                                            monkeypatch):
    before = _built(project, monkeypatch)
    project.deck(_slides(limits.MAX_SLIDES + 1))  # generated, about 25 KB
    _nothing_drawn(monkeypatch)
    result = CliRunner().invoke(main, ["build", "--force"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"source/deck.md: this deck has {limits.MAX_SLIDES + 1:,} slides; deckbuild builds"
        f" decks of up to {limits.MAX_SLIDES:,} slides {SPLIT}")
    assert {p: p.read_bytes() for p in before} == before


def test_a_deck_at_the_slide_limit_builds(project, monkeypatch):
    monkeypatch.chdir(project.root)
    monkeypatch.setattr(limits, "MAX_SLIDES", 3)  # the same check, at a size a test can build
    project.deck(_slides(3))
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    project.deck(_slides(4))
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "this deck has 4 slides; deckbuild builds decks of up to 3 slides" in result.stderr


def test_no_limits_builds_a_deck_over_them_as_it_is(project, monkeypatch):
    """A trainer with a really long curriculum can still build it, knowing it is slow."""
    monkeypatch.chdir(project.root)
    monkeypatch.setattr(limits, "MAX_SLIDES", 3)
    monkeypatch.setattr(limits, "MAX_SOURCE_BYTES", 100)
    deck = project.deck(_slides(5))
    assert deck.stat().st_size > 100
    refused = CliRunner().invoke(main, ["build"])
    assert refused.exit_code == 1 and "--no-limits" in refused.stderr
    built = CliRunner().invoke(main, ["build", "--no-limits"])
    assert built.exit_code == 0, built.stderr
    from pptx import Presentation
    shown = Presentation(str(project.root / "output" / "deck.pptx"))
    assert [s.shapes.title.text for s in shown.slides][-5:] == [f"Slide {n}" for n in range(5)]
    project.region()
    every = CliRunner().invoke(main, ["build", "--all-regions", "--no-limits"])
    assert every.exit_code == 0, every.stderr


def test_a_deck_file_over_the_size_limit_is_refused_before_it_is_read(project, monkeypatch):
    before = _built(project, monkeypatch)
    deck = project.deck(_slides(2))
    with open(deck, "a", encoding="utf-8") as handle:  # generated, not stored
        handle.write("<!-- a long comment -->\n" * (limits.MAX_SOURCE_BYTES // 24 + 500))
    assert deck.stat().st_size > limits.MAX_SOURCE_BYTES

    def unread(*args, **kwargs):
        raise AssertionError("a deck over the size limit was read")
    monkeypatch.setattr(deckbuild.read, "read_deck", unread)
    result = CliRunner().invoke(main, ["build", "--force"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"source/deck.md: this deck is {_shown(deck.stat().st_size)}; deckbuild builds decks of"
        f" up to {limits._megabytes(limits.MAX_SOURCE_BYTES)} (about {limits.MAX_SLIDES:,}"
        f" slides) {SPLIT}")
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("megabytes, shown", [(20, "20 MB"), (1.5, "1.5 MB")])
def test_the_size_is_said_in_megabytes(tmp_path, megabytes, shown):
    with pytest.raises(limits.DeckError) as refused:
        limits.check_source_size(tmp_path / "deck.md", int(megabytes * 1024 * 1024))
    assert refused.value.message.startswith(f"this deck is {shown}; ")


def test_a_deck_of_far_more_slide_headings_is_refused_before_it_is_read(project, monkeypatch):
    before = _built(project, monkeypatch)
    count = 2 * limits.MAX_SLIDES + 1
    project.deck("".join(f"## S{n}\n\n- p\n\n" for n in range(count)))  # short: about 30 KB

    def unread(*args, **kwargs):
        raise AssertionError("the deck was read before its headings were counted")
    monkeypatch.setattr(deckbuild.read, "read_deck", unread)
    result = CliRunner().invoke(main, ["build", "--force"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"source/deck.md: this deck has {count:,} slide headings; deckbuild builds decks of"
        f" up to {limits.MAX_SLIDES:,} slides {SPLIT}")
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.parametrize("markdown, headings", [
    ("## A\n\n- x\n\n## B\n\ntext\n", 2),
    ("# Part\n\n## A\n\n- x\n\n## B\n\n- y\n", 3),  # slides at level 2: the part counts too
    ("# A\n\ntext\n\n## Inside A\n\ntext\n", 1),  # slides at level 1: '##' is a slide's content
    ("## A\n\n```\n## not a heading\n```\n\n~~~~\n## nor this\n~~~~\n", 1),
    ("## A\n\n::: notes\n## said, not shown\n:::\n\n<!--\n## a comment\n-->\n", 1),
    ("##no space\n\n#\n", 0),
    ("---\ntitle: T\nslide-level: 0\n---\n\n## A\n\n## B\n", 0),  # set: not counted
])
def test_slide_headings_counts_only_headings_that_start_slides(markdown, headings):
    assert limits.slide_headings(markdown) == headings
