"""Finished slides kept as their compressed bytes, so a deck's memory does not grow with it.

python-pptx keeps every slide and notes page as an XML tree until the file is
saved: about 80 KB a slide, so a 20 MB deck of 28,000 slides held 2.3 GB of
trees. Once a slide is written nothing changes it again, so `freeze` turns it
(and its notes page) into the deflated zip member `package_bytes` will write,
exactly as it would have written it then (about 3 KB), and lets the tree go.
A frozen part still answers `blob` (for python-pptx's own `save`).
"""
from __future__ import annotations

import zlib
from typing import Dict

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

_CLASSES: Dict[type, type] = {}


def freeze_slide(slide) -> None:
    """Keep a written slide and its notes page as bytes only."""
    part = slide.part
    notes = None
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype == RT.NOTES_SLIDE:
            notes = rel.target_part
    for finished in (part, notes):
        if finished is not None and getattr(finished, "_element", None) is not None:
            _freeze(finished)


def _freeze(part) -> None:
    from pptx.opc.oxml import serialize_part_xml

    from .package import deflated_member
    part.frozen_member = deflated_member(part.partname.membername,
                                         serialize_part_xml(part._element))
    cls = type(part)
    if cls not in _CLASSES:
        _CLASSES[cls] = type(f"Frozen{cls.__name__}", (cls,), {"blob": property(_blob)})
    part.__class__ = _CLASSES[cls]
    part._element = None
    for cached in ("slide", "notes_slide"):  # python-pptx's proxies of the tree
        part.__dict__.pop(cached, None)


def _blob(part) -> bytes:
    return zlib.decompress(part.frozen_member[3], -15)
