"""pandoc's example lists: `(@)` items numbered on through the whole deck, `(@label)` to cite.

    (@)  My first example.
    (@good)  A good one.
    As (@good) shows, ...

Before the structure pass, each `@` marker becomes its number (`(1)`, `(2)`...,
counting on across lists and slides), so the rest of the reader sees an
ordinary list numbered `(1)`; `@label` in text becomes the number of the
example it names. An `@word` that names no example (an address, a handle) is
left as typed.
"""
from __future__ import annotations

import re
from typing import Dict, List

from markdown.preprocessors import Preprocessor

from .lines import code_lines

_MARKER = re.compile(r"^( *)(\()?@([\w-]*)([.)])(?=[ \t])")
_REFERENCE = re.compile(r"(?<![\w@.\\])@([\w-]+)")


class ExampleLists(Preprocessor):
    def run(self, lines: List[str]) -> List[str]:
        if not any("@" in line for line in lines):
            return lines
        code = code_lines(lines)
        labels: Dict[str, int] = {}
        count = 0
        markers = {}
        for index, line in enumerate(lines):
            match = _MARKER.match(line) if not code[index] else None
            if match and (match.group(2) is None or match.group(4) == ")"):
                count += 1
                markers[index] = (match, count)
                if match.group(3):
                    labels.setdefault(match.group(3), count)
        if not markers:
            return lines
        out = []
        for index, line in enumerate(lines):
            if index in markers:
                match, number = markers[index]
                opening = "(" if match.group(2) else ""
                line = f"{match.group(1)}{opening}{number}{match.group(4)}" + line[match.end():]
            if labels and not code[index] and "@" in line:
                line = _REFERENCE.sub(lambda m: str(labels[m.group(1)]) if m.group(1) in labels
                                      else m.group(0), line)
            out.append(line)
        return out
