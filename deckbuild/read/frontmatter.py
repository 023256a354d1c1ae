"""Front matter: the YAML block between `---` lines at the top of a deck."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from ..errors import DeckError, Findings
from .yamlsource import YamlMap, load_yaml

_OPEN = re.compile(r"^---\s*$")
_CLOSE = re.compile(r"^(---|\.\.\.)\s*$")


def split_front_matter(text: str, path: str,
                       findings: Optional[Findings] = None) -> Tuple[YamlMap, str, int]:
    """Return (front matter, Markdown body, line number of the body's first line)."""
    lines = text.split("\n")
    if not lines or not _OPEN.match(lines[0]) or len(lines) < 2 or not lines[1].strip():
        # As in pandoc, '---' followed by a blank line is a slide break, not front matter.
        return YamlMap(), text, 1
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            break
    else:
        raise DeckError("the front matter that starts here is never closed with a '---' line",
                        path, 1)
    data = load_yaml("\n".join(lines[1:index]), path, first_line=2, findings=findings)
    if data is None:
        data = YamlMap()
        data.lines = {}
    if not isinstance(data, dict):
        raise DeckError("the front matter must be 'key: value' lines", path, 2)
    body = "\n".join(lines[index + 1:])
    return data, body, index + 2
