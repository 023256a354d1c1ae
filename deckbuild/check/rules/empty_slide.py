"""A slide that shows nothing: no title, no content and no background picture."""
from ...model import plain
from .. import rule


@rule("empty-slide")
def empty_slide(context):
    for slide in context.deck.slides:
        if not plain(slide.title).strip() and not slide.blocks and not slide.background \
                and not slide.subtitle and not slide.byline:
            what = "only speaker notes" if slide.notes else "nothing"
            yield (f"this slide shows {what}; give it a title and content or remove it",
                   slide.source)
