"""`{{ name }}` in a deck: filled in from the region file before parsing.

Names come from `region` (region.name, region.verified), `org` (org.name,
org.website, ...) and the region's `variables`. An unknown name stops the build
with its line, so a deck never reaches participants with braces in it.

Values are text, not Markdown: in the body they are escaped so that an
organization called "A*B_C" shows exactly so, except inside code and link
addresses, where Markdown does not read escapes.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

from ..errors import DeckError, Findings
from ..model import Region
from .yamlsource import YamlList, YamlMap

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
# Escaped so a value shows as written: no emphasis, no link, no typographic quote or dash.
# `~ ^ $ =` too: strikeout, sub- and superscripts, maths and bracketed spans (read/pandoc).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|>'\"\-.~^$=])")
_HTML_SPECIALS = {"&": "&amp;", "<": "&lt;"}  # Markdown has no backslash escape for these

_LINE_START_MARKER = re.compile(r"^(\s*)([-+]|\d+)([.)]?)(?=\s|$)")
_ADDRESS = re.compile(r"^(https?://|www\.|mailto:|tel:)\S*$", re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


# For a translation, names stay unfilled until the text is translated: each becomes a
# marker of private-use characters that no Markdown rule or typography touches
# (`MarkedNames`), and `fill_markers` puts the values in afterwards.
_NAME_OPEN, _NAME_CLOSE, _NAME_BASE = "\U000F0001", "\U000F0002", 0xF0100
MARKED_NAME = re.compile(_NAME_OPEN + "[\U000F0100-\U000F017F]+" + _NAME_CLOSE)


def marked_name(name: str) -> str:
    """The marker standing for `{{ name }}`."""
    return _NAME_OPEN + "".join(chr(_NAME_BASE + ord(c)) for c in name) + _NAME_CLOSE


def name_of_marker(marker: str) -> str:
    return "".join(chr(ord(c) - _NAME_BASE) for c in marker[1:-1])


def fill_markers(text: str, names: Dict[str, str]) -> str:
    """Markers replaced by their names' values (a name without one stays `{{ name }}`)."""
    if _NAME_OPEN not in text:
        return text
    def value(match):
        name = name_of_marker(match.group(0))
        return names.get(name, "{{ " + name + " }}")
    return MARKED_NAME.sub(value, text)


class MarkedNames(dict):
    """The names a deck knows, each standing for its marker: substituted as they are."""

    def __init__(self, names: Dict[str, str]):
        super().__init__({name: marked_name(name) for name in names})


def names_for(region: Optional[Region]) -> Dict[str, str]:
    """Every name a deck may use with this region, and its text (one line)."""
    if region is None:
        return {}
    names = {"region.name": region.name, "region.verified": region.verified,
             "region": region.name}
    org = region.organization
    if org is not None:
        names.update({"org.name": org.name, "org.website": org.website,
                      "org.phone": org.phone, "org.email": org.email})
    for key, value in region.variables:
        names[key] = value
    # A value spread over lines in YAML is one line on a slide.
    return {key: " ".join(value.split()) for key, value in names.items()}


def _escape_marker(match) -> str:
    """`- x` -> `\\- x`, `1. x` -> `1\\. x`: shown as typed, not as a list."""
    space, marker, dot = match.groups()
    if marker in "-+":
        return f"{space}\\{marker}{dot}"
    return f"{space}{marker}\\{dot}" if dot else match.group(0)


def _unknown(name: str, names: Dict[str, str], path: str, line: int) -> DeckError:
    known = ", ".join(sorted(names)) or "none: the deck has no region"
    return DeckError(f"'{{{{ {name} }}}}' is not a name this deck knows (known names: {known})",
                     path, line, rule="unknown-name")


def substitute(text: str, names: Dict[str, str], path: str, first_line: int = 1,
               markdown: bool = True, unknown: Optional[Findings] = None) -> str:
    """Replace every placeholder; values are escaped so they show exactly as written.

    An unknown name stops the build; with `unknown` (for `deckbuild check`) it is
    recorded there as an error and left as written, so every one is reported."""
    if "{{" not in text:
        return text

    lines = text.split("\n")
    fence = None  # the fence of the code block we are in, if any
    for index, line in enumerate(lines):
        opening = _FENCE.match(line) if markdown else None
        if opening:
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        if "{{" not in line:
            continue
        in_code_block = fence is not None and not opening

        def value(match, line_number=first_line + index, line=line):
            name = match.group(1)
            if name not in names:
                error = _unknown(name, names, path, line_number)
                if unknown is None:
                    raise error
                unknown.error(error.message, path, line_number, rule=error.rule)
                return match.group(0)
            result = names[name]
            if isinstance(names, MarkedNames):
                return result
            before = line[:match.start()]
            # An address stays as it is, so that it is still read as a link.
            in_link = before.rstrip().endswith(("](", "<")) or bool(_ADDRESS.match(result))
            in_code = in_code_block or before.count("`") % 2 == 1
            if markdown and not in_link and not in_code:
                result = _MARKDOWN_SPECIALS.sub(r"\\\1", result)
                result = re.sub(r"[&<]", lambda m: _HTML_SPECIALS[m.group(0)], result)
                if not before.strip():  # "- x" or "1. x" would start a list here
                    result = _LINE_START_MARKER.sub(_escape_marker, result)
            return result

        lines[index] = PLACEHOLDER.sub(value, line)
    return "\n".join(lines)


def substitute_values(data, names: Dict[str, str], path: str, line: int = 1,
                      unknown: Optional[Findings] = None):
    """Front matter with every text value filled in; lines are kept for messages.

    An unknown name stops the build, or is recorded in `unknown` (see `substitute`)."""
    if isinstance(data, YamlMap):
        result = YamlMap()
        result.line, result.lines = data.line, dict(getattr(data, "lines", {}))
        for key, value in data.items():
            result[key] = substitute_values(value, names, path, result.lines.get(key, line),
                                            unknown)
        return result
    if isinstance(data, YamlList):
        result = YamlList(substitute_values(value, names, path, item_line, unknown)
                          for value, item_line in zip(data, data.lines))
        result.line, result.lines = data.line, list(data.lines)
        return result
    if isinstance(data, str) and "{{" in data:
        def value(match):
            if match.group(1) not in names:
                error = _unknown(match.group(1), names, path, line)
                if unknown is None:
                    raise error
                unknown.error(error.message, path, line, rule=error.rule)
                return match.group(0)
            return names[match.group(1)]
        return PLACEHOLDER.sub(value, data)
    return data
