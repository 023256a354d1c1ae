"""Font warnings, once per build.

The handout and the facilitator guide draw the same slides with the same fonts,
so each finds the same characters missing on the same slide. Each renderer still
says what it found (it may run alone, or in another process), as a `FontWarning`
that remembers the output, the place and the characters; the build then merges
them: a character no output can show on a slide is one warning naming them all
("the handout and the facilitator guide cannot show..."), and what only one of
them prints (a facilitator note's) is said for that one.

No reportlab here: the build imports this without loading a renderer.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Tuple

from ..errors import Finding

MISSING = "handout-font"
SHAPING = "handout-shaping"


@dataclass(frozen=True)
class FontWarning(Finding):
    """A font warning of one output: `items` are the characters it cannot show
    (MISSING) or the scripts it draws letter by letter (SHAPING) on `where`."""

    output: str = "handout"
    where: str = ""
    items: Tuple[str, ...] = ()
    hint: str = ""


def font_warning(rule: str, outputs: Iterable[str], items: Iterable[str], where: str,
                 hint: str, path: str, line: int) -> FontWarning:
    outputs, items = tuple(outputs), tuple(items)
    named = _names(outputs)
    if rule == MISSING:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in items)
        message = f"{named} cannot show {shown} on {where}: {hint}"
    else:
        scripts = " and ".join(items)
        message = (f"{scripts} text on {where} is drawn letter by letter in {named}, without"
                   " the joining and right-to-left order it needs; check how it reads")
    return FontWarning("warning", message, path, line, rule, output=" and ".join(outputs),
                       where=where, items=items, hint=hint)


def _names(outputs: Tuple[str, ...]) -> str:
    return " and ".join(f"the {output}" for output in outputs)


def once_per_build(findings: Iterable[Finding]) -> List[Finding]:
    """`findings` (the outputs' in turn) with the font warnings of one place merged: each
    character (or script) said once, naming every output that cannot show it."""
    out: List = []
    groups: Dict[tuple, Dict[str, List[str]]] = {}  # place -> item -> outputs
    for finding in findings:
        if not isinstance(finding, FontWarning):
            out.append(finding)
            continue
        place = (finding.rule, finding.path, finding.line, finding.where, finding.hint)
        if place not in groups:
            groups[place] = {}
            out.append(place)  # the merged warnings go where the place was first found
        for item in finding.items:
            outputs = groups[place].setdefault(item, [])
            if finding.output not in outputs:
                outputs.append(finding.output)
    merged: List[Finding] = []
    for entry in out:
        if isinstance(entry, Finding):
            merged.append(entry)
            continue
        rule, path, line, where, hint = entry
        by_outputs: Dict[Tuple[str, ...], List[str]] = {}
        for item, outputs in groups[entry].items():
            by_outputs.setdefault(tuple(outputs), []).append(item)
        merged += [font_warning(rule, outputs, items, where, hint, path, line)
                   for outputs, items in by_outputs.items()]
    return merged
