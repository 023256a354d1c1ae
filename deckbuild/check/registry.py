"""The rule registry of `deckbuild check`: what a rule is given, and how it is registered.

Rules (`check/rules/`, one file each) import only this module, so the package
that runs them can import the rules without an import circle.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Tuple

from ..layout.geometry import Geometry
from ..model import Deck, Source


@dataclass(frozen=True)
class Context:
    """What a rule looks at: the deck as read and as fitted (split parts, chosen sizes)."""

    deck: Deck
    fitted: Deck
    geometry: Geometry


Problem = Tuple[str, Source]  # (message, where)
RuleFunction = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    name: str
    level: str
    run: RuleFunction


RULES: Dict[str, Rule] = {}


def rule(name: str, level: str = "warning") -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule: a function yielding (message, Source) for every problem it finds."""
    def register(function: RuleFunction) -> RuleFunction:
        if name in RULES:
            raise ValueError(f"two check rules are named {name}")
        RULES[name] = Rule(name, level, function)
        return function
    return register
