"""Stage 3, Render: the deck model as a PowerPoint file (python-pptx).

Reads only the model and the shared layout: `slide.SlideWriter` writes each
slide from `layout.plan`, so the deck shows what the fitting step measured and
the handout's miniatures match it.
"""
from __future__ import annotations

from typing import Dict

from ...layout.geometry import Geometry, geometry_for
from ...model import Deck
from ..dates import build_date
from .numbers import SlideNumbers
from .frozen import freeze_slide
from .package import (package_bytes, set_core_properties, set_custom_properties,
                      set_default_language)
from .parts import incremental_parts
from .slide import SlideWriter
from .template import new_presentation


def render_pptx(deck: Deck, geometry: Geometry = None) -> bytes:
    """The finished .pptx file as bytes (written to disk by `build`)."""
    geometry = geometry or geometry_for(deck.theme)
    prs = new_presentation(deck.theme, geometry)
    numbers = SlideNumbers(deck.meta.lang, geometry.sizes.slide_number,
                           None if geometry.template is not None else _number_colour(deck),
                           len(deck.slides))
    layouts: Dict[tuple, object] = {}  # (our layout, template layout) -> its slots, once
    with incremental_parts(prs.part.package) as parts:
        for slide in deck.slides:
            writer = SlideWriter(prs, deck, geometry, parts, numbers, layouts)
            writer.write(slide)
            freeze_slide(writer.slide)  # its bytes only from now on: memory stays flat
    when = build_date(deck.meta)
    set_core_properties(prs, deck.meta, when)
    set_default_language(prs, deck.meta.lang)
    set_custom_properties(prs, deck.meta.custom)
    return package_bytes(prs, when)


def _number_colour(deck: Deck):
    """Our design's slide numbers: white on section slides' accent, else muted."""
    theme = deck.theme
    return lambda layout_name: theme.on_accent if layout_name == "Section Header" else theme.muted
