"""Where in the deck's text something was typed (Python-Markdown keeps no positions)."""
from __future__ import annotations

import bisect
import re


class SourceLines:
    """Finds the line something was typed on, for warnings about paragraphs.

    Python-Markdown keeps no positions below headings and divs; the text is
    searched for forward from the last thing found (or the last heading), which
    finds it unless the same words are typed twice in one paragraph.
    """

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.offset = 0
        self.line = first_line

    def at(self, line: int) -> int:
        """Continue from `line` (a heading's or div's); 0 keeps the current line."""
        index = line - self.first
        if line and 0 <= index < len(self.starts):
            self.offset, self.line = self.starts[index], line
        return self.line

    def find(self, snippet: str) -> int:
        snippet = snippet.strip()
        found = self.text.find(snippet, self.offset) if snippet else -1
        if found >= 0:
            self.offset = found + len(snippet)
            self.line = self.first + bisect.bisect_right(self.starts, found) - 1
        return self.line
