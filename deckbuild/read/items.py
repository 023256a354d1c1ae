"""What the tree reader hands to `slides.py`: the structure items a deck is cut by.

Top-level headings, rules and divs stay structure, for `slides.py` to cut into
slides; everything else is already a model block.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Tuple

from ..model import Text


@dataclass
class HeadingItem:
    level: int
    text: Text
    line: int
    attrs: dict = field(default_factory=dict)


@dataclass
class BreakItem:
    line: int


@dataclass
class DivItem:
    classes: Tuple[str, ...]
    attrs: dict
    items: list
    line: int


@dataclass
class BlockItem:
    block: object
    quoted: bool = False  # a list written inside a blockquote (pandoc: incremental inverted)


@dataclass
class FootnotesItem:
    """The footnotes the slides refer to, in the order of their numbers."""

    notes: Tuple[Text, ...]
