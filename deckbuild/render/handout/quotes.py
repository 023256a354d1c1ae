"""Key quotes: every quote in the deck, set large, with who said it and where it is."""
from __future__ import annotations

from typing import List

from reportlab.platypus import KeepTogether, PageBreak

from .context import Handout


def quotes(handout: Handout) -> List:
    refs = handout.deck.quotes
    if not refs:
        return []
    styles, words = handout.styles, handout.words
    story: List = [PageBreak(), handout.bookmark(words.text("Key quotes")),
                   handout.paragraph(words.text("Key quotes"), styles.h1, "H1")]
    for ref in refs:
        with handout.inside("BlockQuote"):
            story.append(_quote(handout, ref))
    return story


def _quote(handout: Handout, ref) -> KeepTogether:
    styles = handout.styles
    parts: List = [handout.paragraph(handout.text(text, styles.key_quote), styles.key_quote)
                   for text in ref.quote.paragraphs]
    source = []
    if ref.quote.attribution:
        source.append("\u2014 " + handout.text(ref.quote.attribution))
    where = handout.words.text("Slide {number}", number=ref.slide_number)
    if ref.slide_title:
        where += ": " + handout.text(ref.slide_title)
    source.append(f'<font size="{handout.styles.min_text:g}">{where}</font>')
    parts.append(handout.paragraph("<br/>".join(source), styles.key_source))
    return KeepTogether(parts)
