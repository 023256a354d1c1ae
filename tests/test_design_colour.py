"""design/colour.py: a template's colours resolved as PowerPoint and LibreOffice draw them."""
from lxml import etree

from deckbuild.design.colour import contrast, modified

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def changes(**values):
    element = etree.Element(f"{{{A}}}schemeClr")
    for name, value in values.items():
        etree.SubElement(element, f"{{{A}}}{name}").set("val", str(value))
    return element


def test_tint_and_shade_work_in_linear_light():
    """pandoc's reference deck gives slide numbers tx1 with tint 75 %: LibreOffice draws
    black so as #8B8B8B (3.4:1 on white, too pale for 12-pt text), not #404040."""
    grey = modified("000000", changes(tint=75000))
    assert 0x86 <= int(grey[:2], 16) <= 0x8C and grey[:2] == grey[2:4] == grey[4:]
    assert contrast(grey, "FFFFFF") < 4.5
    assert modified("FFFFFF", changes(shade=50000)) in ("BABABA", "BCBCBC", "BBBBBB")
    assert modified("336699", changes()) == "336699"


def test_lum_mod_and_off_work_on_lightness():
    """'Text 1, lighter 50 %' is lumMod 50 % + lumOff 50 % in HSL."""
    assert modified("000000", changes(lumMod=50000, lumOff=50000)) == "808080"
