"""`{{ names }}` filled in after translation: the deck's text kept them as markers.

A translation is shared by every region, so the reader keeps each name as a marker
(`read.substitute.MarkedNames`) until the text is translated; this puts the
region's values in, everywhere in the model, as the reader would have. Values are
text, never markup, exactly as in an untranslated build. A link whose address was
made of names is checked once filled in.
"""
from __future__ import annotations

import dataclasses
from typing import Dict

from ..model import Run
from ..read.links import normalise_url
from ..read.substitute import fill_markers

_MARK = "\U000F0001"


def fill_names(value, names: Dict[str, str]):
    """`value` (any part of the model) with every name marker replaced by its value."""
    if isinstance(value, str):
        return fill_markers(value, names) if _MARK in value else value
    if isinstance(value, tuple):
        filled = tuple(fill_names(v, names) for v in value)
        return value if all(a is b for a, b in zip(filled, value)) else filled
    if isinstance(value, Run):
        text = fill_names(value.text, names)
        link = value.link
        if link and _MARK in link:
            link = normalise_url(fill_markers(link, names))[0]
        if text is value.text and link is value.link:
            return value
        return dataclasses.replace(value, text=text, link=link)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = fill_names(old, names)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
