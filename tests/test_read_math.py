"""LaTeX -> the model's formula tree (read/math.py)."""
import pytest

from deckbuild.layout.math import linear
from deckbuild.read.math import FormulaError, read_formula


def kinds(node):
    return [node.kind] + [k for part in node.parts for k in kinds(part)]


def test_scripts_fractions_and_roots():
    root = read_formula(r"x^2 + \frac{a}{b} - \sqrt[3]{y}").root
    assert [p.kind for p in root.parts] == ["sup", "o", "frac", "o", "root"]
    assert linear(root) == "x^2+a/b−∛y" or linear(root) == "x^2+a/b-∛y"


def test_a_sum_takes_what_follows_as_its_body():
    root = read_formula(r"\sum_{i=1}^{n} i^2").root
    nary = root.parts[0] if root.kind == "row" else root
    assert nary.kind == "nary" and nary.text == "\u2211"
    lower, upper, body = nary.parts
    assert linear(lower) == "i=1" and linear(upper) == "n" and body.parts[0].kind == "sup"
    assert nary.style == ""  # inline: limits as scripts
    display = read_formula(r"\sum_{i=1}^{n} i^2", display=True).root
    assert "limits" in [n.style for n in _walk(display)]


def _walk(node):
    yield node
    for part in node.parts:
        yield from _walk(part)


def test_fences_matrices_accents():
    assert "fence" in kinds(read_formula(r"\left(\frac{1}{2}\right)").root)
    assert {"fence", "matrix"} <= set(kinds(read_formula(r"\begin{pmatrix}a&b\\c&d\end{pmatrix}")
                                            .root))
    assert "accent" in kinds(read_formula(r"\hat{x}").root)
    assert "bar" in kinds(read_formula(r"\overline{AB}").root)


def test_function_names_are_upright():
    root = read_formula(r"\sin x + \lim_{x\to 0} y").root
    names = [n for n in _walk(root) if n.kind == "i" and len(n.text) > 1]
    assert {n.text for n in names} == {"sin", "lim"}
    assert all(n.style == "normal" for n in names)


@pytest.mark.parametrize("tex, words", [
    (r"\frac{", "has no closing"),
    (r"\frac{1}{2", "has no closing"),
    (r"x^", "ends too early"),
    (r"\foo + 1", r"\foo"),
    ("   ", "empty"),
])
def test_what_cannot_be_read_says_why(tex, words):
    with pytest.raises(FormulaError) as caught:
        read_formula(tex)
    assert words in str(caught.value)
