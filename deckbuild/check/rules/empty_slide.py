"""A slide that shows nothing: no title, no content and no background picture."""
from ...model import plain
from ..registry import rule


def shows_nothing(slide) -> bool:
    return not (plain(slide.title).strip() or slide.blocks or slide.background
                or slide.subtitle or slide.byline or slide.date)


@rule("empty-slide")
def empty_slide(context):
    for slide in context.deck.slides:
        if shows_nothing(slide):
            what = "only speaker notes" if slide.notes else "nothing"
            yield (f"this slide shows {what}; give it a title and content or remove it",
                   slide.source)
