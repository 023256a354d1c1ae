"""`deckbuild check`: what a trainer should fix before presenting, each with its line.

Every rule is one small function in `check/rules/` (one file each, as
markdown-it-py keeps its rules), registered with `@rule` (`registry.py`) under
the name printed after its findings (`[rule]`). The stages report what only they can see, under
their own rule names: the reader (`link-scheme`, `missing-file`, `image-type`,
`unknown-name`, and any error that stops reading) and fitting (`overflow-split`,
`overflow-shrink`, `overflow-error`, `long-title`). `deckbuild build` runs the
same rules and prints their warnings.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, List, Optional

from ..errors import DeckError, Finding, Findings
from ..layout.fit import fit_deck
from ..layout.geometry import Geometry, geometry_for
from ..layout.template_geometry import warn_fallbacks
from ..model import Deck
from ..read import read_deck
from .registry import RULES, Context, rule

__all__ = ["RULES", "rule", "check_deck", "check_source", "exit_status", "as_json", "ordered"]


def check_deck(deck: Deck, fitted: Deck, findings: Findings,
               geometry: Optional[Geometry] = None) -> Findings:
    """Run every registered rule; findings are added to `findings` (and returned)."""
    from . import rules  # noqa: F401  (registers the rules)
    context = Context(deck, fitted, geometry or geometry_for(deck.theme))
    for registered in RULES.values():
        for message, where in registered.run(context):
            findings.add(Finding(registered.level, message, where.path, where.line,
                                 registered.name))
    return findings


def check_source(path, region: Optional[str] = None, lang: Optional[str] = None,
                 progress: Optional[list] = None) -> List[Finding]:
    """Everything `deckbuild check` reports for one deck, in file and line order.

    Reading goes on past a picture that cannot be used or an unknown `{{ name }}`,
    so all of them are reported; an error that stops reading becomes one finding.
    With `lang`, the deck's translation is checked: every text not translated yet or
    fuzzy is listed at its deck line, and `progress` receives the translation's count.
    """
    findings = Findings()
    try:
        if lang:
            from ..translate import translated_deck
            deck, counted = translated_deck(Path(path), lang, region, findings,
                                            keep_going=True, list_each=True)
            if progress is not None:
                progress.append(counted)
        else:
            deck = read_deck(Path(path), region=region, findings=findings, keep_going=True)
        geometry = geometry_for(deck.theme)
        warn_fallbacks(deck, geometry, findings)
        fitted = fit_deck(deck, findings, geometry, keep_going=True)
        check_deck(deck, fitted, findings, geometry)
    except DeckError as exc:
        findings.error(exc.message, exc.path or str(path), exc.line, rule=exc.rule or "input")
    return ordered(findings)


def exit_status(findings: Iterable[Finding], strict: bool = False) -> int:
    """1 when there is an error (with `strict`, also a warning), else 0."""
    levels = {f.level for f in findings}
    return 1 if "error" in levels or (strict and levels) else 0


def as_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False)


def ordered(findings: Iterable[Finding]) -> List[Finding]:
    """Findings by file, then line; those of one line keep the order they were found in."""
    return sorted(findings, key=lambda f: (f.path, f.line))
