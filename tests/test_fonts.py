"""design/fonts.py: a template's fonts measured with their real widths, on every machine."""
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from conftest import REGION
from deckbuild.design import fonts
from deckbuild.errors import Findings
from deckbuild.layout.geometry import geometry_for
from deckbuild.layout.linebreak import wrap
from deckbuild.layout.metrics import font_for
from deckbuild.model import Layout, Run
from templates import make_template

SAMPLE = "Harm reduction: every door the right door, 24/7 (naloxone, ÀÉÎõü, Ωμέγα, Привет)"


@pytest.mark.parametrize("family, bundled", [
    ("Arial", "Liberation Sans"), ("Helvetica", "Liberation Sans"),
    ("Times New Roman", "Liberation Serif"), ("Courier New", "Liberation Mono"),
    ("Calibri", "Carlito"), ("Cambria", "Caladea"), ("calibri", "Carlito")])
def test_the_common_office_fonts_are_measured_with_metric_compatible_fonts(family, bundled):
    known = fonts.coverage(family)
    assert (known.kind, known.measured_as, known.exact) == ("compatible", bundled, True)
    assert Path(fonts.font_file(family)).is_file()


@pytest.mark.parametrize("family, bold, italic", [("Calibri", False, False),
                                                  ("Calibri", True, True),
                                                  ("Arial", True, False),
                                                  ("Times New Roman", False, True)])
def test_widths_are_the_font_files_own(family, bold, italic):
    """The widths shipped in metrics.json are those reportlab reads from the TTF itself."""
    face = fonts.face(family, bold, italic)
    name = f"check-{family}-{bold}-{italic}"
    from reportlab.pdfbase import pdfmetrics
    pdfmetrics.registerFont(TTFont(name, face.path))
    text = "".join(c for c in SAMPLE if face.has(c))
    assert abs(face.width(text, 24) - stringWidth(text, name, 24)) < 0.05 * len(text)


def test_arial_is_measured_as_helvetica_is():
    face = fonts.face("Arial")
    text = "Making every door the right door"
    helvetica = stringWidth(text, "Helvetica", 24)  # (its metrics: 1000 units an em, rounded)
    assert abs(face.width(text, 24) - helvetica) < 0.0005 * helvetica


def test_an_unknown_font_is_measured_wider(monkeypatch):
    monkeypatch.setattr(fonts, "_machine_fonts", lambda: {})
    fonts.coverage.cache_clear()
    fonts.face.cache_clear()
    fonts._machine_files.cache_clear()
    try:
        known = fonts.coverage("Frutiger Next Imaginary")
        assert (known.kind, known.exact, known.measured_as) == ("stand-in", False, "DejaVu Sans")
        text = "Making every door the right door"
        assert fonts.face("Frutiger Next Imaginary").width(text, 24) > \
            fonts.face("Arial").width(text, 24) * 1.05
    finally:
        fonts.coverage.cache_clear()
        fonts.face.cache_clear()
        fonts._machine_files.cache_clear()


def test_a_calibri_template_breaks_lines_where_calibri_does(tmp_path):
    path = make_template(tmp_path / "org.pptx", font="Calibri")
    geometry = geometry_for_path(path)
    assert geometry.style(Layout.CONTENT, "body").font == "Calibri"
    runs = (Run("Calibri is narrower than Arial so this sentence fits on fewer lines " * 3),)
    narrow = wrap(runs, 400, 24, font="Calibri")
    wide = wrap(runs, 400, 24)
    assert len(narrow) < len(wide)
    assert font_for(Run("x", bold=True), "Calibri") == fonts.face("Calibri", True).key


def geometry_for_path(path):
    from deckbuild.model import Theme
    return geometry_for(Theme(template=str(path)))


def test_one_warning_for_a_font_deckbuild_cannot_measure(project, monkeypatch):
    monkeypatch.setattr(fonts, "_machine_fonts", lambda: {})
    for cached in (fonts.coverage, fonts.face, fonts._machine_files):
        cached.cache_clear()
    try:
        make_template(project.root / "assets" / "org.pptx", font="Frutiger Next Imaginary")
        project.region(REGION.replace("variables:",
                                      "theme:\n  template: assets/org.pptx\nvariables:"))
        findings = Findings()
        project.read("## One\n\n- a\n\n## Two\n\n- b\n", "testland", findings)
        warned = [f for f in findings if f.rule == "template-font"]
        assert len(warned) == 1 and "'Frutiger Next Imaginary'" in warned[0].message
        assert "DejaVu Sans" in warned[0].message
    finally:
        for cached in (fonts.coverage, fonts.face, fonts._machine_files):
            cached.cache_clear()


def test_the_licences_ship_with_the_fonts():
    folder = Path(fonts.FONT_DIR)
    names = {p.name for p in folder.glob("LICENSE-*.txt")}
    assert names == {"LICENSE-Liberation.txt", "LICENSE-Carlito.txt", "LICENSE-Caladea.txt",
                     "LICENSE-DejaVu.txt"}
    assert all("Open Font License" in (folder / n).read_text() for n in names
               if n != "LICENSE-DejaVu.txt")


def test_a_font_file_that_cannot_be_read_is_measured_as_a_font_nobody_has(tmp_path, monkeypatch):
    broken = tmp_path / "Broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00 not really a font")
    monkeypatch.setattr(fonts, "_machine_fonts",
                        lambda: {("broken sans", (False, False)): str(broken)})
    caches = (fonts.coverage, fonts.face, fonts._machine_files, fonts._readable_machine_font)
    for cached in caches:
        cached.cache_clear()
    try:
        assert fonts.coverage("Broken Sans").kind == "stand-in"
        assert fonts.face("Broken Sans").width("text", 24) > 0
    finally:
        for cached in caches:
            cached.cache_clear()
