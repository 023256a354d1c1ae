"""Slide numbers: each slide gets a copy of its layout's slide-number placeholder."""
from __future__ import annotations

from copy import deepcopy
from typing import Dict, Optional

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER

from .text import qn

SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
DIGIT_EM = 0.65  # a digit's advance, in ems, at most (DejaVu Sans 0.636, Arial 0.556)
EMU_PER_POINT = 12700
INSET = 91440  # DrawingML's default left and right text margins


class SlideNumbers:
    """Writes slide numbers for one deck; the number shape is made once per layout.

    `colours` (our design only) gives the number's colour on a layout by its name;
    with a template, None: the number keeps the template's colour.
    """

    def __init__(self, lang: str, size: float, colours=None, count: int = 0):
        self.lang = lang
        self.size = size
        self.colours = colours
        self.digits = len(str(count)) if count else 0  # the widest number: its digits
        self.shapes: Dict[str, Optional[object]] = {}  # layout part name -> its number shape

    def add(self, slide, layout, number: int, colour=None) -> None:
        """The number on `slide`; `colour` (a template's slide: ("scheme", name) or
        ("rgb", hex)) when the layout's own would be hard to read there."""
        key = str(layout.part.partname)
        if key not in self.shapes:
            self.shapes[key] = self._shape(layout)
        shape = self.shapes[key]
        if shape is None:
            return
        sp = deepcopy(shape)
        sp.find(f".//{qn('a:fld')}/{qn('a:t')}").text = str(number)
        if colour is not None:
            rpr = sp.find(f".//{qn('a:fld')}/{qn('a:rPr')}")
            fill = etree.SubElement(rpr, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:schemeClr" if colour[0] == "scheme" else "a:srgbClr")
                             ).set("val", colour[1])
        sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(_next_shape_id(slide)))
        slide.shapes._spTree.append(sp)

    def _shape(self, layout):
        """The layout's slide number placeholder as a slide shape (made once per layout)."""
        for ph in layout.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                sp = deepcopy(ph._element)
                tx = sp.find(qn("p:txBody"))
                for p in tx.findall(qn("a:p")):
                    tx.remove(p)
                p = etree.SubElement(tx, qn("a:p"))
                ppr = etree.SubElement(p, qn("a:pPr"))
                ppr.set("algn", "r")
                fld = etree.SubElement(p, qn("a:fld"))
                fld.set("id", SLIDE_NUMBER_FIELD)
                fld.set("type", "slidenum")
                rpr = etree.SubElement(fld, qn("a:rPr"))
                rpr.set("lang", self.lang)
                rpr.set("sz", str(int(self.size * 100)))
                if self.colours is not None:
                    fill = etree.SubElement(rpr, qn("a:solidFill"))
                    etree.SubElement(fill, qn("a:srgbClr")).set("val", self.colours(layout.name))
                etree.SubElement(fld, qn("a:t"))
                # Keep only the placeholder reference; position comes from the layout.
                sp_pr = sp.find(qn("p:spPr"))
                for child in list(sp_pr):
                    sp_pr.remove(child)
                if self.colours is None:
                    self._wide_enough(ph, sp)
                return sp
        return None


    def _wide_enough(self, ph, sp) -> None:
        """A template's number box too narrow for the deck's widest number at our size
        (Google Slides draws them 0.14 in wide, for 7 pt) grows to the left, its right
        edge kept: "12" is never set as "1" over "2"."""
        if not self.digits or ph.width is None:
            return
        body = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
        insets = sum(int(body.get(side, INSET)) for side in ("lIns", "rIns"))
        needed = int(self.digits * DIGIT_EM * self.size * EMU_PER_POINT) + insets
        if ph.width >= needed:
            return
        xfrm = etree.SubElement(sp.find(qn("p:spPr")), qn("a:xfrm"))
        etree.SubElement(xfrm, qn("a:off"), x=str(max(ph.left + ph.width - needed, 0)),
                         y=str(ph.top))
        etree.SubElement(xfrm, qn("a:ext"), cx=str(needed), cy=str(ph.height))


def date_shape(layout):
    """A slide copy of the layout's date placeholder (its place from the layout), or None."""
    for ph in layout.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.DATE:
            sp = deepcopy(ph._element)
            sp_pr = sp.find(qn("p:spPr"))
            for child in list(sp_pr):
                sp_pr.remove(child)
            if sp.find(qn("p:txBody")) is None:
                return None
            return sp
    return None


def next_shape_id(slide) -> int:
    return _next_shape_id(slide)


def _next_shape_id(slide) -> int:
    ids = [int(x) for x in slide.shapes._spTree.xpath("//@id") if str(x).isdigit()]
    return max(ids + [1]) + 1
