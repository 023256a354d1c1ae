"""pandoc's and Quarto's Markdown that Python-Markdown does not read by itself.

One extension registers it all, each construct in a module of its own:
`tables` (simple, multiline and grid tables), `inline_notes` (`^[...]`),
`example_lists` (`(@)`), `raw` (`` `x`{=html} ``), `math_syntax` (`$...$`),
`blocks` (line blocks and `. . .` pauses); and, from pymdown-extensions:
tilde (`~~strike~~`, `H~2~O`), caret (`x^2^`), bracketspan (`[text]{.smallcaps}`)
and tasklist (`- [ ]`, `- [x]`). Definition lists are Python-Markdown's own
(`def_list`), taught to leave a table's `: caption` alone.
"""
from __future__ import annotations

from typing import List

from markdown.extensions import Extension
from markdown.extensions.def_list import DefListIndentProcessor, DefListProcessor

from .blocks import LineBlockProcessor, PauseProcessor
from .example_lists import ExampleLists
from .inline_notes import InlineNotes
from .math_syntax import DISPLAY, INLINE, MathPattern
from .raw import RAW_INLINE, RawInline
from .tables import TableBuilder, TableData, TableFinder


class DefinitionLists(DefListProcessor):
    """`Term` then `:   definition` (or `~`); a `: caption` next to a table stays a caption."""

    def test(self, parent, block):
        if not super().test(parent, block):
            return False
        sibling = self.lastChild(parent)
        if sibling is not None and sibling.tag == "p" and sibling.text is None:
            return False  # a paragraph made by another block (an empty code block): no term
        starts_with_colon = block.lstrip(" ").startswith(":")
        return not (starts_with_colon and sibling is not None and sibling.tag == "table")


class PandocExtension(Extension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.tables: List[TableData] = []

    def reset(self):
        self.tables.clear()

    def extendMarkdown(self, md):
        from pymdownx.bracketspan import BracketSpanExtension
        from pymdownx.caret import InsertSupExtension
        from pymdownx.tasklist import TasklistExtension
        from pymdownx.tilde import DeleteSubExtension
        from pymdownx.util import escape_chars

        md.registerExtension(self)
        escape_chars(md, ["$", "@"])  # `\$5` and `\@name` are text, as in pandoc
        # Before the structure pass (27), which would take a table's dashes for a slide break.
        md.preprocessors.register(InlineNotes(md), "pandoc_inline_notes", 29.5)
        md.preprocessors.register(ExampleLists(md), "pandoc_example_lists", 29)
        md.preprocessors.register(TableFinder(md, self.tables), "pandoc_tables", 28)
        parser = md.parser
        parser.blockprocessors.register(TableBuilder(parser, self.tables), "pandoc_table", 108)
        parser.blockprocessors.register(PauseProcessor(parser), "pandoc_pause", 107)
        parser.blockprocessors.register(LineBlockProcessor(parser), "pandoc_line_block", 74)
        parser.blockprocessors.register(DefListIndentProcessor(parser), "defindent", 85)
        parser.blockprocessors.register(DefinitionLists(parser), "deflist", 25)
        md.inlinePatterns.register(RawInline(RAW_INLINE, md), "pandoc_raw", 195)
        md.inlinePatterns.register(MathPattern(DISPLAY, md, True), "pandoc_display_math", 187)
        md.inlinePatterns.register(MathPattern(INLINE, md, False), "pandoc_math", 186)
        DeleteSubExtension(smart_delete=True, delete=True, subscript=True).extendMarkdown(md)
        InsertSupExtension(insert=False, superscript=True).extendMarkdown(md)
        BracketSpanExtension().extendMarkdown(md)
        TasklistExtension(custom_checkbox=False).extendMarkdown(md)
