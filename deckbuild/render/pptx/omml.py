"""Formulas as PowerPoint's native equations (OMML), editable in PowerPoint's equation editor.

The XML is what PowerPoint itself (and pandoc) writes: an `a14:m` element in the
paragraph holding `m:oMath` (inline) or `m:oMathPara` (a display formula), and the
shape wrapped in `mc:AlternateContent`, whose choice needs the 2010 drawing
extensions and whose fallback, for programs without equations, shows the formula
as one line of text. Each math run carries the size and colour the fitting step
chose, in Cambria Math, the font PowerPoint sets equations in.
"""
from __future__ import annotations

import copy
from typing import Callable, Optional

from lxml import etree

from ...model import Formula, MathNode
from ...layout.math import linear

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_FONT = "Cambria Math"

# Spacing accents (as latex2mathml writes them) -> the combining marks OMML expects.
_COMBINING = {"^": "\u0302", "\u02c6": "\u0302", "\u00af": "\u0305", "\u2192": "\u20d7",
              "\u20d7": "\u20d7", "~": "\u0303", "\u02dc": "\u0303", "\u02d9": "\u0307",
              "\u00a8": "\u0308", "\u00b4": "\u0301", "`": "\u0300", "\u02c7": "\u030c",
              "\u02d8": "\u0306", "\u2015": "\u0305", "\u203e": "\u0305", "\u2190": "\u20d6",
              "\u2194": "\u20e1", "\u02da": "\u030a"}
# Spaces latex2mathml writes in ems -> the Unicode space of about that width.
_SPACES = ((0.1, ""), (0.2, "\u2009"), (0.25, "\u2005"), (0.3, "\u2004"), (0.6, "\u2002"),
           (1.2, "\u2003"), (99, "\u2003\u2003"))


def m(tag: str) -> str:
    return f"{{{M}}}{tag}"


def a(tag: str) -> str:
    return f"{{{A}}}{tag}"


RunProperties = Callable[[str], etree._Element]  # style ("", "normal", "bold") -> a:rPr


class OmmlWriter:
    """Writes formulas; `run_properties` gives the a:rPr (size, colour) of each math run."""

    def __init__(self, run_properties: RunProperties):
        self.run_properties = run_properties

    def element(self, formula: Formula):
        """The `a14:m` element that stands in a paragraph for `formula`."""
        holder = etree.Element(f"{{{A14}}}m", nsmap={"a14": A14})
        holder.set("data-linear", linear(formula.root))  # for the fallback; removed there
        lines = _lines(formula.root) if formula.display else [formula.root]
        if formula.display:
            para = etree.SubElement(holder, m("oMathPara"), nsmap={"m": M})
            props = etree.SubElement(para, m("oMathParaPr"))
            etree.SubElement(props, m("jc")).set(m("val"), "centerGroup")
            for line in lines:
                self._content(etree.SubElement(para, m("oMath")), line)
        else:
            self._content(etree.SubElement(holder, m("oMath"), nsmap={"m": M}), formula.root)
        return holder

    # -- nodes

    def _content(self, parent, node: MathNode) -> None:
        """`node` written into an argument (`m:e`, `m:num`...) or `m:oMath`."""
        if node.kind == "row":
            for part in node.parts:
                self._content(parent, part)
            return
        method = getattr(self, "_" + node.kind, None)
        if method is None:
            self._run(parent, linear(node), "normal")
        else:
            method(parent, node)

    def _arg(self, parent, tag: str, node: Optional[MathNode]):
        element = etree.SubElement(parent, m(tag))
        if node is not None:
            self._content(element, node)
        return element

    def _run(self, parent, text: str, style: str = "", plain_text: bool = False) -> None:
        if not text:
            return
        r = etree.SubElement(parent, m("r"))
        if style in ("normal", "bold") or plain_text:
            rpr = etree.SubElement(r, m("rPr"))
            if plain_text:
                etree.SubElement(rpr, m("nor"))
            else:
                etree.SubElement(rpr, m("sty")).set(m("val"), "b" if style == "bold" else "p")
        r.append(self.run_properties("bold" if style == "bold" else
                                     ("" if style == "" and not plain_text else "normal")))
        t = etree.SubElement(r, m("t"))
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def _i(self, parent, node):
        self._run(parent, node.text, node.style)

    def _n(self, parent, node):
        self._run(parent, node.text, "normal")

    def _o(self, parent, node):
        self._run(parent, node.text, "normal")

    def _t(self, parent, node):
        self._run(parent, node.text, node.style, plain_text=True)

    def _space(self, parent, node):
        width = float(node.text or 0)
        for limit, text in _SPACES:
            if width < limit:
                self._run(parent, text, "normal")
                return

    def _break(self, parent, node):
        pass  # display formulas are cut into lines before they are written

    def _frac(self, parent, node):
        f = etree.SubElement(parent, m("f"))
        props = etree.SubElement(f, m("fPr"))
        etree.SubElement(props, m("type")).set(m("val"), "noBar" if node.style == "nobar"
                                               else "bar")
        self._arg(f, "num", node.parts[0])
        self._arg(f, "den", node.parts[1])

    def _sup(self, parent, node):
        s = etree.SubElement(parent, m("sSup"))
        self._arg(s, "e", node.parts[0])
        self._arg(s, "sup", node.parts[1])

    def _sub(self, parent, node):
        s = etree.SubElement(parent, m("sSub"))
        self._arg(s, "e", node.parts[0])
        self._arg(s, "sub", node.parts[1])

    def _subsup(self, parent, node):
        s = etree.SubElement(parent, m("sSubSup"))
        self._arg(s, "e", node.parts[0])
        self._arg(s, "sub", node.parts[1])
        self._arg(s, "sup", node.parts[2])

    def _under(self, parent, node):
        s = etree.SubElement(parent, m("limLow"))
        self._arg(s, "e", node.parts[0])
        self._arg(s, "lim", node.parts[1])

    def _over(self, parent, node):
        s = etree.SubElement(parent, m("limUpp"))
        self._arg(s, "e", node.parts[0])
        self._arg(s, "lim", node.parts[1])

    def _underover(self, parent, node):
        upper = etree.SubElement(parent, m("limUpp"))
        lower = etree.SubElement(etree.SubElement(upper, m("e")), m("limLow"))
        self._arg(lower, "e", node.parts[0])
        self._arg(lower, "lim", node.parts[1])
        self._arg(upper, "lim", node.parts[2])

    def _nary(self, parent, node):
        n = etree.SubElement(parent, m("nary"))
        props = etree.SubElement(n, m("naryPr"))
        etree.SubElement(props, m("chr")).set(m("val"), node.text)
        etree.SubElement(props, m("limLoc")).set(m("val"), "undOvr" if node.style == "limits"
                                                 else "subSup")
        lower, upper, body = node.parts
        if not lower.parts:
            etree.SubElement(props, m("subHide")).set(m("val"), "1")
        if not upper.parts:
            etree.SubElement(props, m("supHide")).set(m("val"), "1")
        self._arg(n, "sub", lower)
        self._arg(n, "sup", upper)
        self._arg(n, "e", body)

    def _root(self, parent, node):
        rad = etree.SubElement(parent, m("rad"))
        index = node.parts[1] if len(node.parts) > 1 and node.parts[1].parts else None
        if index is None:
            etree.SubElement(etree.SubElement(rad, m("radPr")), m("degHide")).set(m("val"), "1")
        self._arg(rad, "deg", index)
        self._arg(rad, "e", node.parts[0])

    def _accent(self, parent, node):
        acc = etree.SubElement(parent, m("acc"))
        props = etree.SubElement(acc, m("accPr"))
        etree.SubElement(props, m("chr")).set(m("val"), _COMBINING.get(node.text, node.text))
        self._arg(acc, "e", node.parts[0])

    def _bar(self, parent, node):
        bar = etree.SubElement(parent, m("bar"))
        etree.SubElement(etree.SubElement(bar, m("barPr")), m("pos")).set(
            m("val"), "bot" if node.text == "bot" else "top")
        self._arg(bar, "e", node.parts[0])

    def _fence(self, parent, node):
        d = etree.SubElement(parent, m("d"))
        props = etree.SubElement(d, m("dPr"))
        etree.SubElement(props, m("begChr")).set(m("val"), node.text)
        etree.SubElement(props, m("endChr")).set(m("val"), node.close)
        for part in node.parts:
            self._arg(d, "e", part)

    def _matrix(self, parent, node):
        matrix = etree.SubElement(parent, m("m"))
        columns = max((len(row.parts) for row in node.parts), default=1) or 1
        props = etree.SubElement(matrix, m("mPr"))
        column = etree.SubElement(etree.SubElement(etree.SubElement(props, m("mcs")), m("mc")),
                                  m("mcPr"))
        etree.SubElement(column, m("count")).set(m("val"), str(columns))
        etree.SubElement(column, m("mcJc")).set(m("val"), "center")
        for row in node.parts:
            mr = etree.SubElement(matrix, m("mr"))
            cells = list(row.parts) + [None] * (columns - len(row.parts))
            for cell in cells:
                self._arg(mr, "e", cell)

    def _box(self, parent, node):
        box = etree.SubElement(parent, m("borderBox"))
        self._arg(box, "e", node.parts[0])


def _lines(root: MathNode):
    """A display formula cut at its line breaks (`\\\\`), one `m:oMath` each."""
    if root.kind != "row" or not any(p.kind == "break" for p in root.parts):
        return [root]
    lines, current = [], []
    for part in root.parts:
        if part.kind == "break":
            lines.append(MathNode("row", parts=tuple(current)))
            current = []
        else:
            current.append(part)
    lines.append(MathNode("row", parts=tuple(current)))
    return [line for line in lines if line.parts] or [root]


def has_math(sp) -> bool:
    return sp.find(f".//{{{A14}}}m") is not None


def wrap_for_equations(sp) -> None:
    """Put a shape with equations inside `mc:AlternateContent`, as PowerPoint does.

    The choice is the shape itself; the fallback is a copy where each equation is a run of
    its linear text, at the equation's size, for programs without equations.
    """
    parent = sp.getparent()
    alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    choice = etree.SubElement(alternate, f"{{{MC}}}Choice", nsmap={"a14": A14})
    choice.set("Requires", "a14")
    fallback = etree.SubElement(alternate, f"{{{MC}}}Fallback")
    spare = copy.deepcopy(sp)
    for holder in list(spare.iter(f"{{{A14}}}m")):
        run = etree.Element(a("r"))
        properties = holder.find(f".//{{{A}}}rPr")
        if properties is not None:
            run.append(copy.deepcopy(properties))
        etree.SubElement(run, a("t")).text = holder.get("data-linear", "")
        holder.addprevious(run)
        holder.getparent().remove(holder)
    for holder in sp.iter(f"{{{A14}}}m"):
        holder.attrib.pop("data-linear", None)
    parent.replace(sp, alternate)
    choice.append(sp)
    fallback.append(spare)
