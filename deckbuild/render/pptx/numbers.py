"""Slide numbers: each slide gets a copy of its layout's slide-number placeholder."""
from __future__ import annotations

from copy import deepcopy
from typing import Dict, Optional

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER

from .text import qn

SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


class SlideNumbers:
    """Writes slide numbers for one deck; the number shape is made once per layout.

    `colours` (our design only) gives the number's colour on a layout by its name;
    with a template, None: the number keeps the template's colour.
    """

    def __init__(self, lang: str, size: float, colours=None):
        self.lang = lang
        self.size = size
        self.colours = colours
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
                return sp
        return None


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
