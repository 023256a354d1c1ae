"""How formulas are set (layout/math.py): sizes grow with what they hold."""
from deckbuild.layout.math import Glyph, Rule, formula_box, formula_size, glyph_font
from deckbuild.read.math import read_formula


def test_a_fraction_is_taller_than_a_letter_and_has_a_bar():
    letter = formula_box(read_formula("x"), 20)
    fraction = formula_box(read_formula(r"\frac{a+b}{c}"), 20)
    assert fraction.height > letter.height * 1.5
    assert any(isinstance(item, Rule) for item in fraction.items)


def test_sizes_scale_with_the_text():
    small = formula_size(read_formula(r"\sqrt{x^2+1}"), 10)
    large = formula_size(read_formula(r"\sqrt{x^2+1}"), 20)
    assert abs(large[0] - 2 * small[0]) < 0.01 and abs(large[1] - 2 * small[1]) < 0.01


def test_display_limits_go_beneath_the_sum():
    inline = formula_box(read_formula(r"\sum_{i=1}^{n} i"), 20)
    display = formula_box(read_formula(r"\sum_{i=1}^{n} i", display=True), 20)
    assert display.height > inline.height and display.width < inline.width + 20


def test_letters_italic_greek_from_symbol_bold_math_letters_plain():
    assert glyph_font("x", "") == ("x", "Times-Italic")
    assert glyph_font("2", "normal") == ("2", "Times-Roman")
    assert glyph_font("\u03b1", "")[1] == "Symbol"
    assert glyph_font("\U0001D405", "") == ("F", "Times-Bold")  # mathematical bold F


def test_every_glyph_is_inside_the_box():
    box = formula_box(read_formula(r"\int_0^1 \frac{\sin x}{x}\,dx + \binom{n}{k}"), 18)
    for item in box.items:
        if isinstance(item, Glyph):
            assert -0.5 <= item.x <= box.width
            assert -box.descent - 1 <= item.y <= box.ascent
