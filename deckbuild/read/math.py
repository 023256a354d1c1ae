"""LaTeX formulas (`$...$`, `$$...$$`) into the model's formula tree.

latex2mathml turns the LaTeX into MathML; this reads that MathML into
`MathNode`s, the shape both OMML (PowerPoint's native equations) and the
handout's drawing take: scripts, fractions, roots, large operators with their
limits, accents, fences, matrices. What latex2mathml cannot read, or reads as a
command it does not know (it keeps `\\foo` as an identifier), raises
`FormulaError`, and the reader shows the LaTeX as typed with a warning.
"""
from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from typing import List, Optional, Sequence

from ..model import Formula, MathNode

MATHML = "{http://www.w3.org/1998/Math/MathML}"
# Operators that take limits and a body: PowerPoint's n-ary operators.
NARY = set("\u2211\u220f\u2210\u222b\u222c\u222d\u222e\u222f\u2230\u22c0\u22c1\u22c2\u22c3"
           "\u2a00\u2a01\u2a02\u2a04\u2a06")
INTEGRALS = set("\u222b\u222c\u222d\u222e\u222f\u2230")
# Marks that are accents when set over a base (\hat, \bar, \vec, \dot, \tilde...).
ACCENTS = set("^\u02c6\u00af\u2192\u20d7~\u02dc\u02d9\u00a8\u00b4`\u02c7\u02d8\u2015\u203e\u2190"
              "\u2194\u02da\u0302\u0303\u0304\u0307\u0308\u030c")
EMPTY = MathNode("row")
# Operator names whose subscript a display formula sets beneath them.
LIMIT_NAMES = {"lim", "max", "min", "sup", "inf", "limsup", "liminf", "det", "gcd", "Pr",
               "argmax", "argmin", "lim sup", "lim inf"}
OPENING, CLOSING = set("([{\u27e8\u2329|\u2016\u230a\u2308"), set(")]}\u27e9\u232a|\u2016\u230b\u2309")


class FormulaError(ValueError):
    """The LaTeX cannot be turned into a formula; the message says what is wrong."""


@functools.lru_cache(maxsize=4096)
def read_formula(tex: str, display: bool = False) -> Formula:
    """The formula `tex` writes; FormulaError when it cannot be read."""
    from latex2mathml.converter import convert

    source = tex.strip()
    if not source:
        raise FormulaError("the formula is empty")
    depth = _brace_depth(source)
    if depth:
        raise FormulaError("a '{' has no closing '}'" if depth > 0 else
                           "a '}' closes nothing")
    try:
        mathml = convert(source)
    except Exception as error:  # latex2mathml raises many kinds for broken LaTeX
        raise FormulaError(_reason(error)) from None
    try:
        root = etree.fromstring(mathml)
    except etree.ParseError:
        raise FormulaError("the formula could not be read") from None
    node = _row(_children(root))
    if display:
        node = _display(node)
    unknown = _unknown_command(node)
    if unknown:
        raise FormulaError(f"the LaTeX command {unknown} is not known")
    return Formula(tex, node, display)


def _brace_depth(tex: str) -> int:
    """Unclosed `{` (positive) or unopened `}` (negative); escaped braces do not count."""
    depth, index = 0, 0
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return depth
        index += 1
    return depth


def _display(node: MathNode) -> MathNode:
    """Display formulas set limits beneath and above sums and "lim", as TeX does."""
    parts = tuple(_display(p) for p in node.parts)
    if node.kind == "nary" and node.text not in INTEGRALS:
        return MathNode("nary", node.text, parts, "limits")
    if node.kind == "sub" and _is_function(parts[0]):
        return MathNode("under", parts=parts)
    if parts != node.parts:
        return MathNode(node.kind, node.text, parts, node.style, node.close)
    return node


def _is_function(node: MathNode) -> bool:
    if node.kind == "row" and len(node.parts) == 1:
        node = node.parts[0]
    return node.kind == "i" and node.style == "normal" and node.text in LIMIT_NAMES


def _reason(error: Exception) -> str:
    name = type(error).__name__
    if name in ("NoAvailableTokensError", "MissingSuperScriptOrSubscriptError"):
        return "the formula ends too early (a '{', '^' or '_' without what follows it)"
    if name in ("MissingEndError", "DenominatorNotFoundError", "NumeratorNotFoundError"):
        return "part of the formula is missing (" + re.sub(r"(?<!^)([A-Z])", r" \1", name)\
            .lower().replace(" error", "") + ")"
    if name in ("ExtraLeftOrMissingRightError", "MissingRightError"):
        return "a \\left has no \\right"
    if name == "DoubleSuperscriptsError":
        return "a double superscript (write x^{ab}, not x^a^b)"
    if name == "DoubleSubscriptsError":
        return "a double subscript (write x_{ab}, not x_a_b)"
    text = str(error).strip()
    return f"the formula could not be read ({text})" if text else \
        "the formula could not be read"


def _unknown_command(node: MathNode) -> Optional[str]:
    if node.kind in ("i", "o", "n") and re.match(r"\\[A-Za-z]", node.text):
        return node.text
    for part in node.parts:
        found = _unknown_command(part)
        if found:
            return found
    return None


def _tag(el) -> str:
    return el.tag[len(MATHML):] if el.tag.startswith(MATHML) else el.tag


def _children(el) -> List:
    return [child for child in el]


def _row(elements: Sequence) -> MathNode:
    """Elements side by side; a large operator takes the element after it as its body."""
    nodes: List[MathNode] = []
    elements = list(elements)
    index = 0
    while index < len(elements):
        el = elements[index]
        node = _node(el)
        index += 1
        if node.kind == "nary" and not node.parts[2].parts and index < len(elements):
            body = _node(elements[index])
            index += 1
            node = MathNode("nary", node.text, (node.parts[0], node.parts[1], _as_row(body)),
                            node.style)
        if node.kind == "row" and not node.style and not node.parts:
            continue
        nodes.append(node)
    if len(nodes) == 1 and nodes[0].kind == "row":
        return nodes[0]
    return MathNode("row", parts=tuple(nodes))


def _as_row(node: MathNode) -> MathNode:
    return node if node.kind == "row" else MathNode("row", parts=(node,))


def _node(el) -> MathNode:
    tag = _tag(el)
    children = _children(el)
    if tag in ("mrow", "mstyle", "mpadded", "semantics", "math"):
        return _fenced(children) or _row(children)
    if tag in ("mi", "mn", "mo", "mtext", "ms"):
        return _token(el, tag)
    if tag == "mspace":
        if el.get("linebreak") == "newline":
            return MathNode("break")
        width = re.match(r"([\d.]+)em", el.get("width", "") or "")
        return MathNode("space", width.group(1) if width else "0.167")
    if tag == "mphantom":
        return MathNode("space", "0")
    if tag == "mfrac":
        num = _as_row(_node(children[0])) if children else EMPTY
        den = _as_row(_node(children[1])) if len(children) > 1 else EMPTY
        line = (el.get("linethickness") or "").strip()
        return MathNode("frac", parts=(num, den), style="nobar" if line in ("0", "0pt", "0em")
                        else "")
    if tag == "msqrt":
        return MathNode("root", parts=(_row(children),))
    if tag == "mroot":
        base = _as_row(_node(children[0])) if children else EMPTY
        index = _as_row(_node(children[1])) if len(children) > 1 else EMPTY
        return MathNode("root", parts=(base, index))
    if tag in ("msup", "msub", "msubsup", "munder", "mover", "munderover"):
        return _scripts(el, tag, children)
    if tag == "mtable":
        rows = []
        for tr in children:
            if _tag(tr) not in ("mtr", "mlabeledtr"):
                continue
            cells = [_as_row(_row(_children(td))) for td in tr if _tag(td) == "mtd"]
            rows.append(MathNode("row", parts=tuple(cells)))
        return MathNode("matrix", parts=tuple(rows))
    if tag == "menclose":
        inner = _row(children)
        if "box" in (el.get("notation") or "box"):
            return MathNode("box", parts=(_as_row(inner),))
        return inner
    if tag in ("merror",):
        raise FormulaError("the formula could not be read")
    return _row(children)


def _token(el, tag: str) -> MathNode:
    text = "".join(el.itertext())
    variant = el.get("mathvariant") or ""
    if tag == "mi":
        style = "normal" if variant == "normal" or len(text) > 1 else ""
        if variant in ("bold", "bold-italic"):
            style = "bold"
        return MathNode("i", text, style=style)
    if tag == "mn":
        return MathNode("n", text)
    if tag == "mo":
        if len(text) > 1 and text.isalpha():  # \lim, \max: a function's name
            return MathNode("i", text, style="normal")
        return MathNode("o", text)
    return MathNode("t", text, style="bold" if variant == "bold" else "")


def _fenced(children: Sequence) -> Optional[MathNode]:
    """`\\left( ... \\right)`: a fence PowerPoint grows with what it holds."""
    if len(children) < 2:
        return None
    first, last = children[0], children[-1]
    if not (_tag(first) == "mo" and _tag(last) == "mo"):
        return None
    opening, closing = "".join(first.itertext()), "".join(last.itertext())
    declared = first.get("fence") == "true" and last.get("fence") == "true" and \
        first.get("form") == "prefix"
    # A matrix's brackets (pmatrix) and a binomial's grow with what they hold, too.
    grown = opening in OPENING and closing in CLOSING and len(children) == 3 and (
        _tag(children[1]) == "mtable" or first.get("minsize"))
    if not (declared or grown):
        return None
    body = _row(children[1:-1])
    return MathNode("fence", "".join(first.itertext()), (body,), close="".join(last.itertext()))


def _scripts(el, tag: str, children: Sequence) -> MathNode:
    nodes = [_as_row(_node(c)) for c in children]
    while len(nodes) < (3 if tag in ("msubsup", "munderover") else 2):
        nodes.append(EMPTY)
    base = nodes[0]
    operator = base.parts[0].text if len(base.parts) == 1 and base.parts[0].kind == "o" else ""
    if operator in NARY:
        limits = "limits" if tag.startswith("mu") and operator not in INTEGRALS else ""
        if tag in ("msup", "mover"):
            lower, upper = EMPTY, nodes[1]
        elif tag in ("msub", "munder"):
            lower, upper = nodes[1], EMPTY
        else:
            lower, upper = nodes[1], nodes[2]
        return MathNode("nary", operator, (lower, upper, EMPTY), limits)
    if tag == "mover" and len(nodes[1].parts) == 1 and nodes[1].parts[0].kind == "o":
        mark = nodes[1].parts[0].text
        if mark in ("\u00af", "\u2015", "\u203e") and (children[1].get("accent") == "true"
                                                        or children[1].get("stretchy")):
            return MathNode("bar", "top", (base,))
        if mark in ACCENTS:
            return MathNode("accent", mark, (base,))
    if tag == "munder" and len(nodes[1].parts) == 1 and nodes[1].parts[0].kind == "o" and \
            nodes[1].parts[0].text in ("\u2015", "\u00af", "_", "\u203e"):
        return MathNode("bar", "bot", (base,))
    kind = {"msup": "sup", "msub": "sub", "msubsup": "subsup", "munder": "under",
            "mover": "over", "munderover": "underover"}[tag]
    return MathNode(kind, parts=tuple(nodes))
