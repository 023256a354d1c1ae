"""Writing paragraphs into a PowerPoint text frame, sizes and spacing explicit.

Every size, indent and line spacing comes from `layout.measure`, so what the
fitting step measured is what PowerPoint and LibreOffice set. The XML is built
directly (the DrawingML schema's element order is kept) because it is both
faster than python-pptx's per-run API and the only way to reach bullets,
exact line spacing and hanging indents.
"""
from __future__ import annotations

import functools
from dataclasses import replace
from typing import Callable, Optional, Sequence

from lxml import etree
from pptx.oxml.ns import qn as _qn

from ...design.box import EMU_PER_POINT
from ...i18n.languages import is_rtl
from ...layout.measure import line_height, para_runs_to_write
from ...layout.paragraphs import TextPara, bullet_for
from ...model import Run, Text

# qn() spells the same namespaced tags thousands of times a deck: remember them.
qn = functools.lru_cache(maxsize=None)(_qn)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
MONO = "Courier New"
HIGHLIGHT = "FFF59D"  # `[text]{.mark}`: a light yellow a dark text stays readable on
HYPERLINK_COLOUR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
AHYP = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


def _centipoints(value: float) -> str:
    return str(int(round(value * 100)))


def _emu(points: float) -> str:
    return str(int(round(points * EMU_PER_POINT)))


class TextWriter:
    """Fills text frames of one slide; `link` turns an address into a relationship id."""

    def __init__(self, link: Callable[[str], str], lang: str = "en-US", ink=None):
        self.link = link
        self.lang = lang
        # The colours deckbuild chooses on a template's slide (design.ink.Ink): bullets
        # and links readable on what they are drawn on. None: our theme's accent1/hlink.
        self.ink = ink
        self.rtl = is_rtl(lang)  # Arabic, Hebrew...: paragraphs and runs right to left

    def body_properties(self, text_frame, anchor: str = "t", autofit: bool = True,
                        style=None) -> None:
        """Our margins (none), anchoring and autofit; a template's placeholder (`style`
        templated) keeps its own, and only a quote is centred."""
        body_pr = text_frame._txBody.bodyPr
        if style is not None and style.templated:
            if anchor == "ctr":
                body_pr.set("anchor", anchor)
            return
        for attr in ("lIns", "tIns", "rIns", "bIns"):
            body_pr.set(attr, "0")
        body_pr.set("wrap", "square")
        body_pr.set("anchor", anchor)
        for child in list(body_pr):
            body_pr.remove(child)
        # normAutofit without a scale: set as written, and PowerPoint shrinks text a
        # trainer adds later instead of letting it run off the slide.
        etree.SubElement(body_pr, qn("a:normAutofit" if autofit else "a:noAutofit"))

    def fill(self, text_frame, paras: Sequence[TextPara], size: float, colour: Optional[str] = None,
             align: Optional[str] = None, width: Optional[float] = None,
             font: str = "Helvetica", style=None) -> None:
        """Replace the frame's paragraphs; `width` (the box's, in points) breaks long words
        where the fitting step measured them in `font`. In a template's placeholder
        (`style`), paragraphs set flush left keep the placeholder's own alignment."""
        tx_body = text_frame._txBody
        for p in tx_body.findall(qn("a:p")):
            tx_body.remove(p)
        keep = style is not None and style.templated
        for index, para in enumerate(paras):
            tx_body.append(self.paragraph(para, size, index == 0, colour, align, width, font,
                                          keep))
        if not paras:
            etree.SubElement(tx_body, qn("a:p"))

    def paragraph(self, para: TextPara, size: float, first: bool, colour: Optional[str],
                  align: Optional[str], width: Optional[float] = None,
                  font: str = "Helvetica", keep_align: bool = False):
        p = etree.Element(qn("a:p"))
        ppr = etree.SubElement(p, qn("a:pPr"))
        ppr.set("marL", _emu(para.left))
        # A continuation has no bullet: its first line starts where its text does.
        ppr.set("indent", _emu(0 if para.kind == "continuation" else -para.hanging))
        alignment = align or para.align
        keep = keep_align and alignment == "left"  # a template's placeholder keeps its own
        if self.rtl:
            ppr.set("rtl", "1")  # and a paragraph that starts on the left starts on the right
            alignment = {"left": "right", "right": "left"}.get(alignment or "left", alignment)
        if not keep:
            ppr.set("algn", {"left": "l", "center": "ctr", "right": "r"}.get(alignment, "l"))
        own = size * para.scale
        line = etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPts"))
        line.set("val", _centipoints(line_height(para, size)))
        before = etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts"))
        before.set("val", "0" if first else _centipoints(para.space_before(size)))
        if para.kind in ("bullet", "number"):
            if colour is None:
                clr = etree.SubElement(ppr, qn("a:buClr"))
                _colour(clr, self.ink.bullet if self.ink else ("scheme", "accent1"))
            etree.SubElement(ppr, qn("a:buSzPct")).set("val", "100000")
            if para.kind == "number":
                etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
                auto = etree.SubElement(ppr, qn("a:buAutoNum"))
                auto.set("type", autonumber_type(*para.numbering))
                if para.number != 1:
                    auto.set("startAt", str(para.number))
            else:
                # A task's ballot box is in no Latin font: the symbol font has it.
                typeface = "Arial" if para.checkbox is None else "Segoe UI Symbol"
                etree.SubElement(ppr, qn("a:buFont")).set("typeface", typeface)
                etree.SubElement(ppr, qn("a:buChar")).set("char", bullet_for(para))
        else:
            etree.SubElement(ppr, qn("a:buNone"))
        runs = para.runs if width is None else para_runs_to_write(para, width, size, font)
        for run in runs:
            if run.math is not None:
                p.append(self.formula(run, own, colour, para))
                continue
            for number, text in enumerate(run.text.split("\n")):
                if number:  # a line break inside the paragraph, as the measuring assumed
                    br = etree.SubElement(p, qn("a:br"))
                    br.append(self.run_properties(run, own, colour, para))
                if text:
                    r = etree.SubElement(p, qn("a:r"))
                    r.append(self.run_properties(run, own, colour, para))
                    etree.SubElement(r, qn("a:t")).text = text
        end = etree.SubElement(p, qn("a:endParaRPr"))
        end.set("lang", self.lang)
        end.set("sz", _centipoints(own))
        return p

    def formula(self, run: Run, size: float, colour: Optional[str], para: TextPara):
        """A formula as a native equation, its runs at the paragraph's size and colour."""
        from .omml import MATH_FONT, OmmlWriter

        def properties(style: str):
            rpr = self.run_properties(replace(run, math=None, bold=style == "bold",
                                              italic=style == ""), size, colour, para)
            for font in rpr.findall(qn("a:latin")):
                rpr.remove(font)
            latin = etree.Element(qn("a:latin"))
            latin.set("typeface", MATH_FONT)
            hlink = rpr.find(qn("a:hlinkClick"))
            if hlink is not None:
                hlink.addprevious(latin)
            else:
                rpr.append(latin)
            return rpr

        return OmmlWriter(properties).element(run.math)

    def run_properties(self, run: Run, size: float, colour: Optional[str], para: TextPara):
        rpr = etree.Element(qn("a:rPr"))
        rpr.set("lang", self.lang)
        small = run.superscript or run.subscript
        rpr.set("sz", _centipoints(size))
        # Explicit, so that a placeholder's own style (bold column headings) adds nothing.
        rpr.set("b", "1" if run.bold else "0")
        rpr.set("i", "1" if run.italic else "0")
        if run.underline or (run.link and para.kind != "plain-nolink"):
            rpr.set("u", "sng")
        if run.strike:
            rpr.set("strike", "sngStrike")
        if run.small_caps:
            rpr.set("cap", "small")
        if small:
            rpr.set("baseline", "30000" if run.superscript else "-25000")
        rpr.set("dirty", "0")
        link_colour = None
        if run.link and not colour:
            link_colour = self.ink.link if self.ink else ("scheme", "hlink")
            _colour(etree.SubElement(rpr, qn("a:solidFill")), link_colour)
        elif colour:  # RRGGBB, or ("scheme", "tx1") / ("rgb", "1F6F8B") as design.ink gives
            _colour(etree.SubElement(rpr, qn("a:solidFill")),
                    colour if isinstance(colour, tuple) else ("rgb", colour))
        if run.highlight:
            highlight = etree.SubElement(rpr, qn("a:highlight"))
            etree.SubElement(highlight, qn("a:srgbClr")).set("val", HIGHLIGHT)
        if run.code:
            etree.SubElement(rpr, qn("a:latin")).set("typeface", MONO)
            etree.SubElement(rpr, qn("a:cs")).set("typeface", MONO)
        if run.link:
            click = etree.SubElement(rpr, qn("a:hlinkClick"))
            click.set(qn("r:id"), self.link(run.link))
            if link_colour is not None and link_colour != ("scheme", "hlink"):
                # PowerPoint draws links in the theme's hyperlink colour unless told to use
                # the text's own (Office 2019 and later; earlier versions ignore it).
                ext = etree.SubElement(etree.SubElement(click, qn("a:extLst")), qn("a:ext"))
                ext.set("uri", HYPERLINK_COLOUR_EXT)
                etree.SubElement(ext, f"{{{AHYP}}}hlinkClr", nsmap={"ahyp": AHYP}).set(
                    "val", "tx")
        if self.rtl:
            etree.SubElement(rpr, qn("a:rtl")).set("val", "1")
        return rpr


_AUTONUMBER_STYLE = {"decimal": "arabic", "lower-alpha": "alphaLc", "upper-alpha": "alphaUc",
                     "lower-roman": "romanLc", "upper-roman": "romanUc"}
_AUTONUMBER_DELIMITER = {"period": "Period", "paren": "ParenR", "parens": "ParenBoth"}


def _colour(holder, colour) -> None:
    """A DrawingML colour inside `holder`: ("scheme", "accent2") or ("rgb", "1F6F8B")."""
    kind, value = colour
    tag = "a:schemeClr" if kind == "scheme" else "a:srgbClr"
    etree.SubElement(holder, qn(tag)).set("val", value)


def autonumber_type(style: str, delimiter: str) -> str:
    """DrawingML's automatic numbering: ("lower-alpha", "paren") -> alphaLcParenR."""
    return _AUTONUMBER_STYLE.get(style, "arabic") + _AUTONUMBER_DELIMITER.get(delimiter, "Period")


def plain_paras(text: Text, kind: str = "plain", scale: float = 1.0) -> list:
    return [TextPara(text, kind, scale=scale)]
