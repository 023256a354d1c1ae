"""The Spanish seed deck (source/harm-reduction.es.po): every text Spanish, every run es-US."""
import difflib
import re
import shutil
import zipfile
from pathlib import Path

import polib
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from click.testing import CliRunner
from pypdf import PdfReader

from deckbuild.build import build, output_paths
from deckbuild.errors import Findings
from deckbuild.read.substitute import names_for
from deckbuild.cli import main
from deckbuild.translate import _english_deck, _units, translate_source
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


def _frames(shapes):
    """Every text frame a reader sees: shapes, shapes in groups, table cells."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _frames(shape.shapes)
        if shape.has_text_frame:
            yield shape.text_frame
        if getattr(shape, "has_table", False) and shape.has_table:
            yield from (cell.text_frame for row in shape.table.rows for cell in row.cells)


def _paragraphs(pptx_path):
    deck = Presentation(str(pptx_path))
    found = []
    for slide in deck.slides:
        frames = list(_frames(slide.shapes))
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
    # deckbuild's own English words are not there either (tables were looked in too).
    assert not [p for p in paragraphs if "(continued)" in p or p in ("Notes", "Contents")]
    assert "Capacitación en reducción de daños" in paragraphs  # the organization, translated
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


def test_text_typed_later_in_powerpoint_is_spanish_too(spanish):
    """The presentation's default text, masters and layouts are in the deck's language."""
    targets, _ = spanish
    with zipfile.ZipFile(targets["pptx"]) as package:
        langs = set()
        for name in package.namelist():
            if re.match(r"ppt/(presentation|slideMasters/slideMaster\d+|slideLayouts/"
                        r"slideLayout\d+)\.xml$", name):
                langs |= set(re.findall(rb' lang="([^"]+)"', package.read(name)))
    assert langs == {b"es-US"}


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


@pytest.fixture
def seed_copy(tmp_path):
    """The seed project copied, so `translate` may write its PO file."""
    shutil.copytree(ROOT / "source", tmp_path / "source")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "source" / "harm-reduction.md"


def test_the_shipped_translation_is_up_to_date_with_the_deck(seed_copy):
    po_path = seed_copy.with_name("harm-reduction.es.po")
    before = po_path.read_bytes()
    result = translate_source(seed_copy, "es")
    assert not result.written and po_path.read_bytes() == before, \
        "run 'deckbuild translate source/harm-reduction.md --lang es' and commit the PO file"
    assert result.progress.summary() == f"es: {len(polib.pofile(str(po_path)))} of" \
        f" {len(polib.pofile(str(po_path)))} translated, 0 fuzzy"


def test_one_changed_bullet_of_the_seed_is_the_one_fuzzy_entry(seed_copy, monkeypatch):
    po_path = seed_copy.with_name("harm-reduction.es.po")
    before = po_path.read_text(encoding="utf-8")
    text = seed_copy.read_text(encoding="utf-8")
    assert text.count("\n- Principles\n") == 1
    seed_copy.write_text(text.replace("\n- Principles\n", "\n- Principles of the work\n"),
                         encoding="utf-8")
    line = text[:text.index("\n- Principles\n")].count("\n") + 2
    result = translate_source(seed_copy, "es")
    assert result.counts["fuzzy"] == 1 and result.counts["new"] == 0
    assert result.progress.summary().endswith("translated, 1 fuzzy")
    changed = [d for d in difflib.unified_diff(before.split("\n"),
                                               po_path.read_text(encoding="utf-8").split("\n"),
                                               lineterm="", n=0)
               if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    assert changed == ['+#, fuzzy', '+#| msgid "Principles"', '-msgid "Principles"',
                       '+msgid "Principles of the work"']
    monkeypatch.chdir(seed_copy.parent.parent)
    out = CliRunner().invoke(main, ["check", "--lang", "es", "source/harm-reduction.md"])
    assert f"source/harm-reduction.md:{line}: warning: the English changed" in out.output
    total = len(polib.pofile(str(po_path)))
    assert f"es: {total - 1} of {total} translated, 1 fuzzy" in out.output


def test_the_facilitator_guide_speaks_spanish(spanish):
    targets, _ = spanish
    reader = PdfReader(str(targets["facilitator"]))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for label in ("Guía del facilitador", "Programa de la sesión", "Sección o actividad",
                  "noviembre de 2026", "90 minutos", "Antes de la sesión", "Materiales",
                  "Notas del presentador", f"Página 1 de {len(reader.pages)}",
                  "Capacitación en reducción de daños", "Actividad: Una zona gris"):
        assert label in text, label
    for english in ("Facilitator guide", "Run of show", "Speaker notes", "Before the session",
                    "Page 1 of", "minutes", "Activity:", "Harm Reduction Training",
                    "Give the room a full minute"):
        assert english not in text, english
