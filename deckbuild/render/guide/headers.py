"""The guide's running header: the section the page is in, with its clock times.

A mark (a flowable of no size) goes where each section starts; as pages are laid
out it notes its page and whether it landed at the top. A page's header is the
section of a mark at its top, else the section carried over from the pages
before, else the first one starting on it. The document draws the headers at
save, with the footers, when every page is known.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from reportlab.platypus import Flowable

from ...model import plain
from ...schedule import RunOfShow, Section, minutes_text
from ..handout.document import TOP

AT_TOP = 36.0  # a mark this close to the top of the text starts the page


class RunningHeaders:
    def __init__(self, words, run: RunOfShow):
        self.words, self.run = words, run
        self.marks: List[Tuple[int, bool, str]] = []  # (page, at the top, header text)

    def mark(self, section: Optional[Section]) -> "SectionMark":
        return SectionMark(self, self.text(section) if section is not None else "")

    def text(self, section: Section) -> str:
        words, run = self.words, self.run
        name = plain(section.title) or words.text("Opening")
        if run.start is not None and section.seconds:
            return words.text("{section} \u00b7 {start}\u2013{end}", section=name,
                              start=run.clock(section.start),
                              end=run.clock(section.start + section.seconds))
        if section.seconds:
            return f"{name} \u00b7 " + words.text("{minutes} min",
                                                  minutes=minutes_text(section.seconds))
        return words.text("{section}", section=name)

    def header(self, page: int) -> Tuple[str, str]:
        """(left, right) for `page`: the section and its clock times, the guide's name."""
        on_page = [m for m in self.marks if m[0] == page]
        before = [m for m in self.marks if m[0] < page]
        if on_page and on_page[0][1]:
            text = on_page[0][2]
        elif before:
            text = before[-1][2]
        elif on_page:
            text = on_page[0][2]
        else:
            text = ""
        return text, self.words.text("Facilitator guide") if text else ""


class SectionMark(Flowable):
    def __init__(self, headers: RunningHeaders, text: str):
        super().__init__()
        self.headers, self.text = headers, text
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        canvas = self.canv
        _, y = canvas.absolutePosition(0, 0)
        frame_top = canvas._pagesize[1] - TOP
        self.headers.marks.append((canvas.getPageNumber(), y >= frame_top - AT_TOP, self.text))
