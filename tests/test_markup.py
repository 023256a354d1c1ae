"""Escaping for reportlab's paragraph markup: exactly what the standard library writes."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr as sax_quoteattr

from hypothesis import given, strategies as st

from deckbuild.model import Run
from deckbuild.render.fonts import esc
from deckbuild.render.handout.markup import quoteattr, run_markup

TRICKY = st.text(alphabet=st.sampled_from("ab &<>\"'\n\r\t\u00e9\u2014"), max_size=30)


@given(TRICKY)
def test_escaping_is_that_of_saxutils(text):
    assert esc(text) == escape(text)
    assert quoteattr(text) == sax_quoteattr(text)


def test_user_markup_and_links_with_quotes_stay_text():
    run = Run(text="<b>&#9999999;</b>", link="https://example.org/?a=1&b=\"x\"'y'")
    assert run_markup(run, "#000000") == (
        '<a href="https://example.org/?a=1&amp;b=&quot;x&quot;\'y\'" color="#000000">'
        "<u>&lt;b&gt;&amp;#9999999;&lt;/b&gt;</u></a>")
