"""Text the handout's embedded faces (Liberation Sans/Mono/Serif, DejaVu Sans for symbols)
cannot show: drawn with a font the deck names, or reported. Never boxes."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import reportlab
from pypdf import PdfReader

from conftest import pdf_text
from deckbuild.errors import DeckError, Findings
from deckbuild.render.handout import render_handout
from deckbuild.render.fonts import FontSet, handout_font, standard_shows

VERA = Path(reportlab.__file__).parent / "fonts"  # Bitstream Vera ships with reportlab
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

POLISH = """
---
title: Kraków
{fonts}
---

## Łukasz in İstanbul

- Şişli and Łeba
"""
# Georgian: neither the shipped faces nor Bitstream Vera have it; DejaVu Sans has.
GEORGIAN = POLISH.replace("Łukasz", "\u10d7\u10d1\u10d8\u10da\u10d8\u10e1\u10d8").replace(
    "Şişli", "\u10e5\u10e3\u10d7\u10d0\u10d8\u10e1\u10d8")
DEJAVU_BOLD = DEJAVU.with_name("DejaVuSans-Bold.ttf")


def fonts_line(*paths: str) -> str:
    return "fonts:\n" + "".join(f"  - {p}\n" for p in paths) if paths else ""


def copy_vera(project, *names: str) -> list:
    (project.root / "assets" / "fonts").mkdir(exist_ok=True)
    out = []
    for name in names:
        shutil.copy(VERA / name, project.root / "assets" / "fonts" / name)
        out.append(f"assets/fonts/{name}")
    return out


def font_names(pdf: PdfReader) -> set:
    names = set()
    for page in pdf.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_shipped_faces_show_latin_greek_cyrillic_arrows_and_checks():
    assert all(standard_shows(c) for c in "a\u00e9\u2022\u2013\u2014\u20ac\u2192\u2713"
               "\u0141\u1ec7\u25e6\u03a9\u0416")
    assert not any(standard_shows(c) for c in "\u4e2d\u10d7")


def test_missing_characters_are_reported_with_the_slide(project):
    findings = Findings()
    deck = project.read(GEORGIAN.format(fonts=""), findings=findings)
    pdf = PdfReader(io.BytesIO(render_handout(deck, findings=findings)))
    warnings = [f for f in findings if f.rule == "handout-font"]
    assert len(warnings) == 1
    warning = warnings[0]
    assert "slide 2" in warning.message and "\u10d8 in \u0130stanbul" in warning.message
    for char in "\u10d7\u10d1\u10e5\u10e3":
        assert f"U+{ord(char):04X}" in warning.message
    assert warning.path.endswith("deck.md") and warning.line == 6
    assert "fonts:" in warning.message
    assert len(pdf.pages) > 1


@pytest.mark.skipif(not DEJAVU_BOLD.exists(), reason="needs DejaVu Sans (fonts-dejavu-core)")
def test_a_named_ttf_draws_what_the_shipped_faces_cannot(project):
    (project.root / "assets" / "fonts").mkdir()
    for path in (DEJAVU, DEJAVU_BOLD):
        shutil.copy(path, project.root / "assets" / "fonts" / path.name)
    paths = [f"assets/fonts/{p.name}" for p in (DEJAVU, DEJAVU_BOLD)]
    findings = Findings()
    deck = project.read(GEORGIAN.format(fonts=fonts_line(*paths)), findings=findings)
    for layout in ("notes", "outline", "full"):
        data = render_handout(deck, layout=layout, findings=findings)
        pdf = PdfReader(io.BytesIO(data))
        assert not [f for f in findings if f.rule == "handout-font"]
        text = pdf_text(pdf)
        assert "\u10d7\u10d1" in text and "\u0141eba" in text, layout
        names = font_names(pdf)
        assert any(n.endswith("+DejaVuSans") for n in names), names
        # the title is bold: its fallback letters come from the bold face
        assert any("DejaVuSans-Bold" in n for n in names), (layout, names)
        assert all("+" in n for n in names), names  # every font embedded (a subset)


def test_only_what_no_font_has_is_reported(project):
    paths = copy_vera(project, "Vera.ttf")
    findings = Findings()
    deck = project.read(POLISH.format(fonts=fonts_line(*paths)).replace(
        "\u0141eba", "\u0141eba \u4e2d\u6587"), findings=findings)
    render_handout(deck, findings=findings)
    warnings = [f.message for f in findings if f.rule == "handout-font"]
    assert len(warnings) == 1
    assert "U+4E2D" in warnings[0] and "U+6587" in warnings[0]
    assert "U+0141" not in warnings[0]


def test_region_resources_are_checked_too(project):
    from conftest import REGION
    project.region(REGION.replace("Someone to talk to.", "\u10d7\u10d1\u10d8\u10da\u10d8\u10e1\u10d8"))
    findings = Findings()
    deck = project.read("---\ntitle: T\nregion: testland\n---\n\n## One\n\nText.\n",
                        findings=findings)
    render_handout(deck, findings=findings)
    warnings = [f for f in findings if f.rule == "handout-font"]
    assert warnings and "Local Resources" in warnings[0].message
    assert warnings[0].path.endswith("testland.yaml")


def test_speaker_notes_are_checked_only_where_printed(project):
    markdown = "---\ntitle: T\n---\n\n## One\n\nText.\n\n::: notes\n\u10d7\u10d1\u10d8\n:::\n"
    findings = Findings()
    deck = project.read(markdown, findings=findings)
    render_handout(deck, layout="notes", findings=findings)
    assert not [f for f in findings if f.rule == "handout-font"]
    render_handout(deck, layout="full", findings=findings)
    assert [f for f in findings if f.rule == "handout-font"]


def test_invisible_format_characters_are_not_reported():
    fonts = FontSet()
    assert fonts.missing("a\u200db\u200ec") == []
    assert fonts.split("a\u200db", "Helvetica") == [(handout_font("Helvetica"), "ab")]


@pytest.mark.parametrize("entry, message", [
    ("assets/fonts/nothere.ttf", "does not exist"),
    ("assets/fonts/font.otf", "not a TrueType font"),
    ("../outside.ttf", "outside the project"),
])
def test_bad_font_entries_point_at_their_line(project, entry, message):
    (project.root / "assets" / "fonts").mkdir()
    (project.root / "assets" / "fonts" / "font.otf").write_bytes(b"OTTO")
    (project.root.parent / "outside.ttf").write_bytes(b"x")
    with pytest.raises(DeckError) as caught:
        project.read(POLISH.format(fonts=fonts_line(entry)))
    assert message in caught.value.message
    assert caught.value.line == 4


def test_a_damaged_font_file_is_a_clear_error(project):
    (project.root / "assets" / "fonts").mkdir()
    (project.root / "assets" / "fonts" / "broken.ttf").write_bytes(b"not a font at all")
    deck = project.read(POLISH.format(fonts=fonts_line("assets/fonts/broken.ttf")))
    with pytest.raises(DeckError) as caught:
        render_handout(deck)
    assert "broken.ttf" in caught.value.path and "TrueType" in caught.value.message


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs DejaVu Sans (fonts-dejavu-core)")
def test_vietnamese_and_arabic_with_dejavu(project):
    (project.root / "assets" / "fonts").mkdir()
    shutil.copy(DEJAVU, project.root / "assets" / "fonts" / "DejaVuSans.ttf")
    findings = Findings()
    deck = project.read(POLISH.format(fonts=fonts_line("assets/fonts/DejaVuSans.ttf")).replace(
        "\u015ei\u015fli and \u0141eba",
        "S\u1ee9c kh\u1ecfe and \u0645\u0631\u062d\u0628\u0627"), findings=findings)
    pdf = PdfReader(io.BytesIO(render_handout(deck, findings=findings)))
    assert not [f for f in findings if f.rule == "handout-font"]
    shaping = [f.message for f in findings if f.rule == "handout-shaping"]
    assert len(shaping) == 1 and "Arabic" in shaping[0] and "slide 2" in shaping[0]
    assert "S\u1ee9c kh\u1ecfe" in pdf_text(pdf)
