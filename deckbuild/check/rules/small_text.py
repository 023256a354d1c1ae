"""Text below 18 pt after fitting: hard to read from the back of a room.

Slides shrunk below the floor are already reported by fitting (`overflow-shrink`);
this rule finds the rest, in every text deckbuild places: code and tables (set
smaller than the body), and the lines set smaller than the body on purpose (a
resource's phone, hours and address, attributions, captions, the byline).
"""
from ...layout.fit import body_range
from ...layout.plan import plan_slide
from ...model import Table, plain
from ..registry import rule

MINIMUM = 18.0


@rule("small-text")
def small_text(context):
    contact = {}  # a resource group's slide -> (smallest size, how many lines), continued too
    for slide in context.fitted.slides:
        _, floor = body_range(slide.layout, context.geometry.sizes)
        if slide.body_size and slide.body_size < floor:
            continue
        sized = _sizes(slide, context.geometry)
        small = [(size, kind) for size, kind in sized if size < MINIMUM - 0.05]
        details = [size for size, kind in small if kind == "detail"]
        if details:
            key = (slide.source, plain(slide.title).removesuffix(" (continued)"))
            smallest, count = contact.get(key, (MINIMUM, 0))
            contact[key] = (min(smallest, *details), count + len(details))
        others = [size for size, kind in small if kind != "detail"]
        if others and not slide.continued:
            yield (f"some text on this slide is set at {min(others):g} pt after fitting; below"
                   f" {MINIMUM:g} pt is hard to read from the back of the room. Move some"
                   " of it to another slide or into the notes", slide.source)
    for (source, name), (smallest, count) in contact.items():
        lines = "contact line (phone, hours, address) is" if count == 1 else \
            f"{count} contact lines (phone, hours, address) are"
        yield (f"on '{name or 'the resources slide'}', {lines} set at {smallest:g} pt; below {MINIMUM:g} pt is hard to read from the back of the"
               " room. Put fewer services in the group, or shorten their descriptions in the"
               " region file", source)


def _sizes(slide, geometry):
    """(size, kind) of every paragraph and table the slide's plan places."""
    plan = plan_slide(slide, geometry)
    sized = [(area.size * para.scale, para.kind) for area in plan.areas for para in area.paras]
    return sized + [(visual.size, "table") for visual in plan.visuals
                    if isinstance(visual.block, Table)]
