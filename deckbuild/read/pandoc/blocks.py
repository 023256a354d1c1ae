"""Two of pandoc's block constructs Python-Markdown lacks: line blocks and pauses.

- A line block, lines that start with `| `, keeps its line breaks and leading
  spaces (verse, addresses); a line that starts with a space continues the one
  before it.
- `. . .` alone in a paragraph is a pause: what follows on the slide appears on
  the next click (a `pause` element for the reader).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor

_LINE = re.compile(r"^\|(?: |$)")
_PAUSE = re.compile(r"^ {0,3}\. \. \.[ \t]*$")


class LineBlockProcessor(BlockProcessor):
    def test(self, parent, block):
        lines = block.split("\n")
        return bool(_LINE.match(lines[0])) and all(
            _LINE.match(line) or (line.startswith(" ") and line.strip()) for line in lines)

    def run(self, parent, blocks):
        lines = []
        for line in blocks.pop(0).split("\n"):
            if _LINE.match(line):
                text = line[2:]
                spaces = len(text) - len(text.lstrip(" "))
                lines.append("\u00a0" * spaces + text.lstrip(" "))
            elif lines:
                lines[-1] += " " + line.strip()
        p = etree.SubElement(parent, "p", {"class": "line-block"})
        shown = [line.rstrip() if line.strip() else "\u00a0" for line in lines]
        p.text = shown[0] if shown else ""
        for line in shown[1:]:  # a line break between lines, no soft break after it
            etree.SubElement(p, "br").tail = line
        return True


class PauseProcessor(BlockProcessor):
    def test(self, parent, block):
        return bool(_PAUSE.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        etree.SubElement(parent, "pause")
        return True
