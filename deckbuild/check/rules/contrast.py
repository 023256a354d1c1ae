"""Text that is hard to read: contrast below 4.5:1 (3:1 for large text), WCAG 2 AA.

What is measured is what is drawn. With our design, the theme's colours in the
pairs the deck uses (section slides only when there are some, links only when
there are links...). With a template, every slide's title and text in the colour
the template gives it (or the one deckbuild draws it in on a picture), on what is
behind it there (the slide's background, a picture's worst part under the text,
a backing deckbuild put there, a shape or a filled placeholder), and the
bullets, links, quote marks, slide numbers and date deckbuild chose (`design.ink`). A colour pair is
reported once, at the first slide it is on, with the number of slides.
"""
from typing import Dict, List, Tuple

from ...design.colour import LARGE_TEXT_MINIMUM, TEXT_MINIMUM, contrast, text_minimum
from ...layout.paragraphs import paragraphs_for
from ...layout.plan import part_of, plan_slide
from ...layout.template_ink import part_ink
from ...model import Image, Layout, Source, iter_blocks, plain
from ..registry import rule

MINIMUM = TEXT_MINIMUM


@rule("contrast")
def low_contrast(context):
    if context.geometry.template is None:
        yield from _our_design(context)
    else:
        yield from _template_slides(context)


def _our_design(context):
    """Our theme's colours, in the pairs this deck draws."""
    theme, deck = context.deck.theme, context.fitted
    default = context.deck.source
    accent_where = theme.accent_source or default
    slides = deck.slides
    linked = any(run.link for slide in slides
                 for para in paragraphs_for(list(iter_blocks(slide.blocks))) for run in para.runs)
    muted = any(slide.byline for slide in slides) or any(
        isinstance(block, Image) and block.alt for slide in slides
        for block in iter_blocks(slide.blocks)) or bool(deck.resource_groups)
    pairs = [("text", theme.text, "the background", theme.background, default, True)]
    pairs.append(("text on section slides", theme.on_accent, "the accent colour", theme.accent,
                  accent_where, any(s.layout is Layout.SECTION for s in slides)))
    pairs.append(("links in the accent colour", theme.accent, "the background",
                  theme.background, accent_where, linked))
    pairs.append(("muted text (captions, details)", theme.muted, "the background",
                  theme.background, default, muted))
    for what, colour, on, ground, where, used in pairs:
        ratio = contrast(colour, ground)
        if used and ratio < MINIMUM:
            advice = " Choose a darker accent colour." if "accent" in what + on else ""
            yield (f"{what} (#{colour}) on {on} (#{ground}) has a contrast of {ratio:.1f}:1;"
                   f" text needs at least {MINIMUM:g}:1 to be read by everyone.{advice}",
                   Source(where.path, where.line))


def _template_slides(context):
    """Every text of every slide on what the template draws behind it."""
    geometry = context.geometry
    found: Dict[Tuple[str, str, str, float], List] = {}
    for number, slide in enumerate(context.fitted.slides, 1):
        for what, colour, ground, minimum in _slide_pairs(geometry, slide):
            if contrast(colour, ground) < minimum:
                found.setdefault((what, colour, ground, minimum), []).append((number, slide))
    for (what, colour, ground, minimum), where in found.items():
        number, slide = where[0]
        others = f" (and {len(where) - 1} more slides)" if len(where) > 1 else ""
        name = plain(slide.title)[:50] or f"slide {number}"
        yield (f"on '{name}'{others}, {what} (#{colour}) on the template's #{ground} has a"
               f" contrast of {contrast(colour, ground):.1f}:1; it needs at least"
               f" {minimum:g}:1 to be read by everyone. Choose a template colour with more"
               " contrast, or another layout", slide.source)


def _slide_pairs(geometry, slide):
    """(what, colour, ground, minimum) for each text drawn on `slide`."""
    plan = plan_slide(slide, geometry)
    boxes = []
    if slide.title and plan.title_box is not None:
        boxes.append(("the title", "title", plan.title_box, plan.title_size, plan.title_bold,
                      ()))
    for area in plan.areas:
        links = any(run.link for p in area.paras for run in p.runs)
        bullets = any(p.kind in ("bullet", "number") for p in area.paras)
        boxes.append(("the text", part_of(area), area.box, area.smallest,
                      False, (links, bullets, area.name == "quote")))
    number = geometry.for_slide(slide).box(slide.layout, "number")
    if slide.layout is not Layout.TITLE and number is not None:
        ink = part_ink(geometry, slide, "number", number)
        if ink is not None:
            colour = ink.readable_text_rgb
            yield "the slide number", colour, ink.under.worst(colour), TEXT_MINIMUM
    for what, part, box, size, bold, marks in boxes:
        links, bullets, quote = marks or (False, False, False)
        ink = part_ink(geometry, slide, part, box, size, bold)
        if ink is None:
            continue
        if part == "date":  # ours, in a colour readable on what is under it
            yield what, ink.readable_text_rgb, ink.under.worst(ink.readable_text_rgb), \
                TEXT_MINIMUM
            continue
        yield what, ink.shown_rgb, ink.ground, text_minimum(size, bold)
        if links:
            yield "links", ink.link_rgb, ink.on(ink.link_rgb), TEXT_MINIMUM
        if bullets:
            yield "bullets", ink.bullet_rgb, ink.on(ink.bullet_rgb), LARGE_TEXT_MINIMUM
        if quote:
            yield "the quotation mark", ink.quote_mark, ink.on(ink.quote_mark), \
                LARGE_TEXT_MINIMUM
