"""Where in the deck's text something was typed (Python-Markdown keeps no positions)."""
from __future__ import annotations

import bisect
import re
from typing import Optional, Tuple

# A reference definition `[id]: address` (its address may be on the next line).
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?:\n[ \t]*)?\S[^\n]*", re.M)


class SourceLines:
    """Finds the line something was typed on, for warnings about paragraphs.

    Python-Markdown keeps no positions below headings and divs; the text is
    searched for forward from the last thing found (or the last heading), which
    finds it unless the same words are typed twice in one paragraph. An address
    found in a reference definition (`[id]: address`, often at the end) is
    reported there without moving the search past the text still to come; and
    tabs, which Python-Markdown turns into spaces, match any run of spaces.
    """

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.definitions = [(m.start(), m.end()) for m in _DEFINITION.finditer(text)]
        self.offset = 0
        self.line = first_line

    def at(self, line: int) -> int:
        """Continue from `line` (a heading's or div's); 0 keeps the current line."""
        index = line - self.first
        if line and 0 <= index < len(self.starts):
            self.offset, self.line = self.starts[index], line
        return self.line

    def find(self, snippet: str) -> int:
        found = self._search(snippet.strip()) if snippet.strip() else None
        if found is None:
            return self.line
        start, end = found
        line = self.first + bisect.bisect_right(self.starts, start) - 1
        if self._in_definition(start):
            return line
        self.offset, self.line = end, line
        return line

    def _search(self, snippet: str) -> Optional[Tuple[int, int]]:
        found = self.text.find(snippet, self.offset)
        if found >= 0:
            return found, found + len(snippet)
        spaced = re.compile(r"\s+".join(re.escape(word) for word in snippet.split()))
        match = spaced.search(self.text, self.offset)
        return (match.start(), match.end()) if match else None

    def _in_definition(self, position: int) -> bool:
        index = bisect.bisect_right(self.definitions, (position, float("inf"))) - 1
        return index >= 0 and self.definitions[index][0] <= position < self.definitions[index][1]
