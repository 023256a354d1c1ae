"""The Spanish seed deck (source/harm-reduction.es.po): every text Spanish, every run es-US."""
import re
import zipfile
from pathlib import Path

import polib
import pytest
from pptx import Presentation
from pypdf import PdfReader

from deckbuild.build import build, output_paths
from deckbuild.errors import Findings
from deckbuild.read.substitute import names_for
from deckbuild.translate import _english_deck, _units
from deckbuild.translate.names import fill_names

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source" / "harm-reduction.md"
# Words that are the same in Spanish, and names (of programs, of a region).
SAME_IN_SPANISH = {"Agenda", "Trauma"}


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    targets = output_paths(SOURCE, out, lang="es")
    result = build(SOURCE, targets, lang="es", force=True)
    assert result.translation == f"es: {result.translation.split()[1]} of" \
        f" {result.translation.split()[1]} translated, 0 fuzzy"
    return targets, result


def _paragraphs(pptx_path):
    deck = Presentation(str(pptx_path))
    found = []
    for slide in deck.slides:
        frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            found += [p.text.replace("\u2060", "").strip() for p in frame.paragraphs]
    return [p for p in found if p]


def test_no_english_text_of_the_deck_is_left_in_the_spanish_outputs(spanish):
    targets, _ = spanish
    deck = _english_deck(SOURCE, "es", None, Findings())
    units = _units(deck, "es").units()
    english = {"".join(r.text for r in fill_names(u.text, names_for(deck.region))).strip()
               for u in units}
    english -= SAME_IN_SPANISH
    paragraphs = set(_paragraphs(targets["pptx"]))
    left = sorted(e for e in english if e in paragraphs)
    assert not left, f"English left in the Spanish deck: {left}"
    handout = " ".join(" ".join(p.extract_text().split())
                       for p in PdfReader(str(targets["handout"])).pages)
    long_ones = [e for e in english if len(e.split()) >= 3]
    left = sorted(e for e in long_ones if " ".join(e.split()) in handout)
    assert not left, f"English left in the Spanish handout: {left}"
    assert len(units) > 200


def test_every_run_is_spanish(spanish):
    targets, _ = spanish
    with zipfile.ZipFile(targets["pptx"]) as package:
        langs = set()
        for name in package.namelist():
            if re.match(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml$", name):
                langs |= set(re.findall(rb' lang="([^"]+)"', package.read(name)))
        core = package.read("docProps/core.xml")
    assert langs == {b"es-US"}
    assert b"<dc:language>es-US</dc:language>" in core


def test_the_handout_labels_are_spanish(spanish):
    targets, _ = spanish
    reader = PdfReader(str(targets["handout"]))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for label in ("Sobre este material", "Recursos para Connecticut", "noviembre de 2026",
                  "Citas clave", "Escanee para abrir", "Escanee para llamar", "Teléfono:",
                  "Horario:", f"Página 1 de {len(reader.pages)}", "Diapositiva 1"):
        assert label in text, label
    for english in ("Key quotes", "Scan to open", "Page 1 of", "About this handout", "Hours:"):
        assert english not in text, english


def test_the_seed_translation_is_complete_and_marked_for_review():
    po = polib.pofile(str(SOURCE.with_name("harm-reduction.es.po")))
    assert po.percent_translated() == 100 and not po.fuzzy_entries()
    assert "native-speaking trainer" in po.metadata["X-Needs-Review"]
    assert "NEEDS REVIEW" in po.header
    # Names, addresses and phone numbers are kept.
    for entry in po:
        for kept in re.findall(r"\{\{ [\w.]+ \}\}|https?://\S+|\b\d[\d-]{5,}\b", entry.msgid):
            assert kept in entry.msgstr, (entry.msgid, kept)


def test_the_spanish_deck_passes_the_checks_the_english_one_passes():
    from deckbuild.check import check_source
    english = [f for f in check_source(SOURCE) if f.level == "error" or
               f.rule not in ("translation-review",)]
    spanish = [f for f in check_source(SOURCE, lang="es") if f.rule != "translation-review"]
    assert [f for f in english] == [] and [str(f) for f in spanish] == []
