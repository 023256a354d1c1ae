"""A reportlab Paragraph that breaks its lines once per width.

reportlab wraps a paragraph each time something measures it: a table measures
its cells to size its rows and again to draw them, `KeepTogether` measures what
it keeps, a frame measures before it places. The lines depend only on the width
(and the paragraph, which does not change once made), so the first wrap at a
width is kept and the others reuse it: the same lines, the same bytes, about a
quarter less work for a document of notes beside slides (the facilitator guide).
"""
from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        kept = self.__dict__.get("_kept_wrap")
        if kept is not None and kept[0] == availWidth:
            _, self.width, self.height, self.blPara, self._wrapWidths = kept
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if getattr(self, "blPara", None) is not None:  # a real wrap, not "cannot fit here"
            self._kept_wrap = (availWidth, self.width, self.height, self.blPara,
                               self._wrapWidths)
        return size
