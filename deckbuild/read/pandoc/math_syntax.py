"""`$x^2$` and `$$\\sum_i x_i$$`: TeX maths, by pandoc's `tex_math_dollars` rule.

An opening `$` has a non-space character right after it, a closing `$` a
non-space character right before it and no digit right after it, so "$5 and
$10" and "costs $5-$10" stay text. `$$...$$` is display maths, inside a
paragraph or on lines of its own. The LaTeX is kept as typed in a `math`
element for the reader (pymdownx.arithmatex's dollar rule reads "$5-$10" as a
formula, which is why it is not used here).
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

DISPLAY = r"(?<![\\$])\$\$(?!\$)((?:\\.|[^$\\])+?)\$\$"
INLINE = r"(?<![\\$])\$(?![\s$])((?:\\.|[^$\\\n]|\n(?!\s*\n))+?)(?<![\s\\])\$(?![\d$])"


class MathPattern(InlineProcessor):
    def __init__(self, pattern: str, md, display: bool):
        super().__init__(pattern, md)
        self.display = display

    def handleMatch(self, m, data):
        el = etree.Element("math", {"display": "block" if self.display else "inline"})
        el.text = AtomicString(m.group(1))
        return el, m.start(0), m.end(0)
