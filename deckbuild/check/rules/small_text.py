"""Body text below 18 pt after fitting: hard to read from the back of a room.

Slides shrunk below the floor are already reported by fitting (`overflow-shrink`);
this rule finds the rest: code and tables (set smaller than the body) on slides
whose body had to get smaller. Secondary lines (resource details, attributions,
captions, the byline) are meant to be smaller and do not count.
"""
from ...layout.fit import body_range
from ...layout.plan import plan_slide
from ...model import Table
from ..registry import rule

MINIMUM = 18.0
SECONDARY = ("detail", "attribution", "byline")


@rule("small-text")
def small_text(context):
    for slide in context.fitted.slides:
        if slide.continued:
            continue
        _, floor = body_range(slide.layout, context.geometry.sizes)
        if slide.body_size and slide.body_size < floor:
            continue
        plan = plan_slide(slide, context.geometry)
        sizes = [area.size * para.scale for area in plan.areas for para in area.paras
                 if para.kind not in SECONDARY]
        sizes += [visual.size for visual in plan.visuals if isinstance(visual.block, Table)]
        smallest = min(sizes, default=MINIMUM)
        if smallest < MINIMUM - 0.05:
            yield (f"some text on this slide is set at {smallest:g} pt after fitting; below"
                   f" {MINIMUM:g} pt is hard to read from the back of the room. Move some"
                   " of it to another slide or into the notes", slide.source)
