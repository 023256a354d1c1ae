"""What each thing drawn on a small slide is, for the tagged PDF: a `Sect` per slide
holding its title (H1 on a section slide, else H2), its paragraphs (P), lists
(L, LI, LBody), tables (Table, TR, TH, TD), pictures (Figure with the alt text),
callouts (Div) and quotes (BlockQuote), in the order the slide is read.

The slide's design, bullets, slide number and frame are drawn outside any of
these, so the tagging canvas makes them artifacts.
"""
from __future__ import annotations

from typing import List, Optional

from ...layout.paragraphs import TextPara
from ...model import Layout
from .marks import Element

LIST_KINDS = ("bullet", "number")


class SlideTags:
    """Elements of one slide, made as it is drawn (so in its reading order)."""

    def __init__(self, sect: Element, title_role: Optional[str] = None):
        self.sect = sect
        self.title_role = title_role  # None: H1 on a section slide, else H2
        self._lists: List[list] = []  # open lists: [level, L, last LBody, last LI]

    def heading(self, layout: Layout) -> Element:
        self.area()
        return self.sect.add(self.title_role or ("H1" if layout is Layout.SECTION else "H2"))

    def area(self) -> None:
        """A new text area: lists do not go on across areas."""
        self._lists = []

    def block(self, role: str) -> Element:
        self.area()
        return self.sect.add(role)

    def para(self, para: TextPara, parent: Optional[Element] = None) -> Element:
        """The element a paragraph of a text area is the content of."""
        parent = parent or self.sect
        if para.kind in LIST_KINDS:
            return self._item(para, parent)
        if para.kind == "continuation" and self._lists:
            return self._lists[-1][2]  # a list item's text after a pause: the same item
        self._lists = []
        return parent.add("P")

    def _item(self, para: TextPara, parent: Element) -> Element:
        level = para.level
        while self._lists and self._lists[-1][0] > level:
            self._lists.pop()
        if not self._lists or self._lists[-1][0] < level:
            # A nested list goes into the body of the item it belongs to.
            holder = self._lists[-1][2] if self._lists else parent
            self._lists.append([level, holder.add("L"), None, None])
        entry = self._lists[-1]
        item = entry[1].add("LI")
        entry[2], entry[3] = item.add("LBody"), item
        return entry[2]

    def figure(self, alt: str) -> Optional[Element]:
        """A picture's element, or None (an artifact) for one without alt text."""
        alt = " ".join(alt.split())
        if not alt:
            return None
        self.area()
        return self.sect.add("Figure", alt=alt)
