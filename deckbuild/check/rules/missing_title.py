"""A slide without a title: screen readers announce a slide by its title."""
from ...model import plain
from ..registry import rule
from .empty_slide import shows_nothing


@rule("missing-title")
def missing_title(context):
    """Slides that show nothing at all are reported as empty instead."""
    for slide in context.deck.slides:
        if not plain(slide.title).strip() and not shows_nothing(slide):
            yield ("this slide has no title; screen readers announce every slide by its title."
                   " Start it with a heading ('## Title') instead of '---'", slide.source)
