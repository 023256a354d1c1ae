"""A slide whose activities take longer than the slide's own `{time=...}`."""
from ...read.timing import spoken
from ...schedule import activities_of
from ..registry import rule


@rule("activity-time")
def activity_time(context):
    for slide in context.deck.slides:
        if slide.time is None:
            continue
        total = sum(a.time or 0 for a in activities_of(slide))
        if total > slide.time:
            yield (f"the activities on this slide take {spoken(total)}, more than the slide's"
                   f" {spoken(slide.time)}: give the slide more time or the activities less",
                   slide.source)
