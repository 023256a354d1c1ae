"""Formulas as PowerPoint equations (render/pptx/omml.py)."""
from lxml import etree

from deckbuild.read.math import read_formula
from deckbuild.render.pptx.omml import A14, M, OmmlWriter, wrap_for_equations


def writer():
    return OmmlWriter(lambda style: etree.Element("{http://schemas.openxmlformats.org/"
                                                  "drawingml/2006/main}rPr"))


def tags(element):
    return [e.tag.split("}")[1] for e in element.iter() if isinstance(e.tag, str)]


def test_inline_formula_is_an_omath_with_native_structures():
    element = writer().element(read_formula(r"x^2 + \frac{a}{b} + \sqrt{y}"))
    assert element.tag == f"{{{A14}}}m"
    found = tags(element)
    assert found[1] == "oMath"
    assert {"sSup", "f", "num", "den", "rad", "degHide"} <= set(found)


def test_display_formula_is_an_omath_para_with_nary_limits():
    element = writer().element(read_formula(r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
                                            display=True))
    found = tags(element)
    assert found[1] == "oMathPara" and "nary" in found
    loc = element.find(f".//{{{M}}}limLoc")
    assert loc.get(f"{{{M}}}val") == "undOvr"


def test_operators_upright_letters_italic():
    element = writer().element(read_formula("a+b"))
    styles = [r.find(f"{{{M}}}rPr") is not None for r in element.iter(f"{{{M}}}r")]
    assert styles == [False, True, False]  # + is set upright (sty p), a and b italic


def test_wrapping_keeps_the_shape_and_adds_a_text_fallback():
    sp_tree = etree.Element("tree")
    sp = etree.SubElement(sp_tree, "sp")
    holder = writer().element(read_formula(r"\frac{1}{2}"))
    etree.SubElement(sp, "p").append(holder)
    wrap_for_equations(sp)
    alternate = sp_tree[0]
    assert alternate.tag.endswith("AlternateContent")
    choice, fallback = alternate
    assert choice.get("Requires") == "a14" and choice[0] is sp
    assert fallback.find(f".//{{{A14}}}m") is None
    texts = [t.text for t in fallback.iter("{http://schemas.openxmlformats.org/drawingml/2006/"
                                           "main}t")]
    assert texts == ["1/2"]
    assert sp.find(f".//{{{A14}}}m").get("data-linear") is None
