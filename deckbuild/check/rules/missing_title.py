"""A slide without a title: screen readers announce a slide by its title."""
from ...model import plain
from .. import rule


@rule("missing-title")
def missing_title(context):
    for slide in context.deck.slides:
        if not plain(slide.title).strip():
            yield ("this slide has no title; screen readers announce every slide by its title."
                   " Start it with a heading ('## Title') instead of '---'", slide.source)
