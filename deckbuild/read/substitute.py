"""`{{ name }}` in a deck: filled in from the region file before parsing.

Names come from `region` (region.name, region.verified), `org` (org.name,
org.website, ...) and the region's `variables`. An unknown name stops the build
with its line, so a deck never reaches participants with braces in it.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

from ..errors import DeckError
from ..model import Region

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|])")


def names_for(region: Optional[Region]) -> Dict[str, str]:
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
    return names


def substitute(text: str, names: Dict[str, str], path: str, first_line: int = 1,
               markdown: bool = True) -> str:
    """Replace every placeholder; values are escaped so they show exactly as written."""
    if "{{" not in text:
        return text

    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "{{" not in line:
            continue

        def value(match, line_number=first_line + index, line=line):
            name = match.group(1)
            if name not in names:
                known = ", ".join(sorted(names)) or "none: the deck has no region"
                raise DeckError(f"'{{{{ {name} }}}}' is not a name this deck knows"
                                f" (known names: {known})", path, line_number)
            result = names[name]
            in_link = line[:match.start()].rstrip().endswith(("](", "<"))
            if markdown and not in_link:
                result = _MARKDOWN_SPECIALS.sub(r"\\\1", result)
            return result

        lines[index] = PLACEHOLDER.sub(value, line)
    return "\n".join(lines)
