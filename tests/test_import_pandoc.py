"""Decks pandoc 3 makes, imported and built again, keep pandoc's structure.

Uses pandoc from the pypandoc-binary package (or the one named by
DECKBUILD_PANDOC); skipped when neither is there. The full measure over pandoc's
own test cases is tools/import_roundtrip.py --others.
"""
from __future__ import annotations

import os
import subprocess
import textwrap

import pytest

from deckbuild.build import load, render
from deckbuild.errors import Findings
from deckbuild.importing import import_deck
from test_importing import structure


def _pandoc():
    named = os.environ.get("DECKBUILD_PANDOC")
    if named:
        return named
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


PANDOC = _pandoc()
pytestmark = pytest.mark.skipif(PANDOC is None, reason="pandoc 3 (pypandoc-binary) is not"
                                " installed")

CASES = {
    "lists": """\
        # Lists

        - one
            - nested
        - two

        # Numbers

        3. three
        4. four

        ::: notes
        Say it slowly.
        :::
        """,
    "columns-and-table": """\
        ---
        title: A title
        author: Someone
        ---

        # Two

        :::::: columns
        ::: column
        Left side
        :::
        ::: column
        Right side
        :::
        ::::::

        # Table

        Before the table

        | A | B |
        |---|---|
        | 1 | 2 |
        """,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_pandocs_deck_keeps_its_structure(project, name):
    source = project.root / f"{name}.md"
    source.write_text(textwrap.dedent(CASES[name]), encoding="utf-8")
    deck = project.root / f"{name}.pptx"
    subprocess.run([PANDOC, str(source), "-o", str(deck)], check=True, capture_output=True)
    result = import_deck(deck, project.source / f"{name}.md")
    rebuilt = project.root / f"{name}-rebuilt.pptx"
    rebuilt.write_bytes(render(load(result.markdown, None, Findings()), "pptx"))
    assert structure(rebuilt) == structure(deck)
