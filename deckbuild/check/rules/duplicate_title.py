"""Two slides with the same title: screen reader users tell slides apart by title.

The "(continued)" parts of a slide split to fit are made by fitting and are not
in the deck as read, so they never count.
"""
from ...model import plain
from ..registry import rule


def _key(title) -> str:
    return " ".join(plain(title).split()).casefold()


@rule("duplicate-title")
def duplicate_title(context):
    first = {}
    for slide in context.deck.slides:
        key = _key(slide.title)
        if not key:
            continue
        if key in first:
            yield (f"another slide has the same title '{plain(slide.title).strip()}' (line"
                   f" {first[key].line}); make each title say what its slide adds",
                   slide.source)
        else:
            first[key] = slide.source
