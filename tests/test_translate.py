"""`deckbuild translate`, `build --lang`, `check --lang`: translations beside the deck."""
import io
import re
import zipfile

import polib
import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckbuild import regions
from deckbuild.cli import main
from deckbuild.errors import DeckError, Findings
from deckbuild.translate import translate_source, translated_deck

DECK = """\
---
title: Welcome
region: testland
languages: [en, es]
---

## Staying Safe

- Carry naloxone
- Never use alone
- Call **{{ org.name }}** at [the helpline](https://help.testland.example.org/line)

::: notes
Ask the room what keeps them safe.
:::

## Questions

- Carry naloxone

::: resources
:::
"""

SPANISH = {
    "Welcome": "Bienvenida",
    "Staying Safe": "Mantenerse a salvo",
    "Carry naloxone": "Lleve naloxona",
    "Never use alone": "Nunca consuma a solas",
    "Call **{{ org.name }}** at [the helpline](https://help.testland.example.org/line)":
        "Llame a **{{ org.name }}** a [la línea de ayuda](https://help.testland.example.org/line)",
    "Ask the room what keeps them safe.": "Pregunte al grupo qué les mantiene a salvo.",
    "Questions": "Preguntas",
    "Local Resources": "Recursos locales",
    "National Resources": "Recursos nacionales",
    "Someone to talk to.": "Alguien con quien hablar.",
    "Walk-in clinic.": "Clínica sin cita.",
}


SPANISH_CALL = next(k for k in SPANISH if k.startswith("Call"))


def fill(path, translations=SPANISH):
    po = polib.pofile(str(path), wrapwidth=78)
    for entry in po:
        entry.msgstr = translations.get(entry.msgid, "")
    path.write_text(str(po).rstrip("\n") + "\n", encoding="utf-8")


@pytest.fixture
def translated(project):
    project.region()
    source = project.deck(DECK)
    result = translate_source(source, "es")
    fill(result.path)
    return source, result.path


def test_translate_writes_one_entry_per_unit_with_its_line_and_slide(project):
    project.region()
    source = project.deck(DECK)
    result = translate_source(source, "es")
    assert result.path.name == "deck.es.po" and result.created
    po = polib.pofile(str(result.path))
    keys = [(e.msgctxt, e.msgid) for e in po]
    # Names and markup stay as the deck has them; equal strings on two slides are two entries.
    assert ("Staying Safe", "Call **{{ org.name }}** at [the helpline]"
            "(https://help.testland.example.org/line)") in keys
    assert ("Staying Safe", "Carry naloxone") in keys and ("Questions", "Carry naloxone") in keys
    assert ("region testland", "Someone to talk to.") in keys
    lines = {e.msgid: e.occurrences for e in po if e.msgctxt == "Staying Safe"}
    assert lines["Carry naloxone"] == [("deck.md", "9")]
    assert lines["Ask the room what keeps them safe."] == [("deck.md", "14")]
    assert result.progress.summary() == f"es: 0 of {len(po)} translated, 0 fuzzy"


def test_changing_one_bullet_marks_exactly_that_entry_fuzzy(translated, project):
    source, po_path = translated
    before = po_path.read_text(encoding="utf-8")
    assert not translate_source(source, "es").written  # up to date: not even rewritten
    source.write_text(source.read_text().replace("- Never use alone", "- Never use alone, ever"))
    result = translate_source(source, "es")
    assert result.counts == {"new": 0, "fuzzy": 1, "kept": len(polib.pofile(before)) - 1,
                             "obsolete": 0}
    after = po_path.read_text(encoding="utf-8")
    changed = [line for line in _diff(before, after)]
    assert changed == ['+#, fuzzy', '+#| msgid "Never use alone"',
                       '-msgid "Never use alone"', '+msgid "Never use alone, ever"']
    entry = next(e for e in polib.pofile(after) if "fuzzy" in e.flags)
    assert entry.msgstr == "Nunca consuma a solas" and entry.previous_msgid == "Never use alone"
    # check names the deck line, and the build keeps the English for it.
    out = CliRunner().invoke(main, ["check", "--lang", "es", str(source)])
    assert re.search(r"deck\.md:10: warning: the English changed since this was translated"
                     r" into Spanish: “Never use alone, ever”; check the translation at"
                     r" \S*source/deck\.es\.po:\d+", out.output)
    assert "es: 11 of 12 translated, 1 fuzzy" in out.output


def _diff(before, after):
    import difflib
    return [line for line in difflib.unified_diff(before.split("\n"), after.split("\n"),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_build_in_spanish_writes_its_own_files_with_spanish_runs(translated, project, tmp_path):
    source, _ = translated
    out = CliRunner().invoke(main, ["build", "--lang", "es", str(source), "--out-dir",
                                    str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    assert "[es: 12 of 12 translated, 0 fuzzy]" in out.output
    deck = Presentation(str(tmp_path / "out" / "deck.es.pptx"))
    texts = [shape.text_frame.text.replace("\u2060", "") for slide in deck.slides
             for shape in slide.shapes if shape.has_text_frame]
    assert "Lleve naloxona\nNunca consuma a solas\nLlame a Testland Health a la línea de ayuda" \
        in texts
    assert any("Recursos locales" == t for t in texts)
    langs = _run_languages(tmp_path / "out" / "deck.es.pptx")
    assert langs == {"es-US"}
    runs = {r.text.replace("\u2060", ""): r for s in deck.slides for sh in s.shapes
            if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs}
    # One run per link (a screen reader announces it once).
    assert runs["la línea de ayuda"].hyperlink.address == "https://help.testland.example.org/line"
    assert runs["Testland Health"].font.bold
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert notes == "Pregunte al grupo qué les mantiene a salvo."
    assert (tmp_path / "out" / "deck.es-handout.pdf").exists()


def _run_languages(path):
    import zipfile
    with zipfile.ZipFile(path) as package:
        found = set()
        for name in package.namelist():
            if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and name.endswith(".xml"):
                found |= set(re.findall(rb'<a:(?:rPr|endParaRPr)[^>]* lang="([^"]+)"',
                                        package.read(name)))
    return {f.decode() for f in found}


def test_the_handout_speaks_spanish(translated, project):
    from pypdf import PdfReader
    from deckbuild.build import render, load
    source, _ = translated
    deck = load(source, None, Findings(), "es")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render(deck, "handout")))
                     .pages)
    words = " ".join(text.split())  # (the QR label, at 10 pt, takes two lines in Spanish)
    for label in ("Sobre este material", "Recursos para Testland", "Página 1 de",
                  "Escanee para abrir", "Diapositiva 1", "noviembre de 2026"):
        assert label in words, label
    assert "Page 1 of" not in text and "Scan to open" not in text


def test_missing_translations_use_english_with_a_warning_or_stop_when_strict(translated):
    source, po_path = translated
    fill(po_path, {k: v for k, v in SPANISH.items() if k != "Questions"})
    findings = Findings()
    deck, progress = translated_deck(source, "es", findings=findings)
    assert [s.title[0].text for s in deck.slides if s.title][1:3] == ["Mantenerse a salvo",
                                                                      "Questions"]
    assert progress.summary() == "es: 11 of 12 translated, 0 fuzzy"
    assert any("1 not translated of 12 texts: their English is used" in f.message
               for f in findings)
    with pytest.raises(DeckError, match="the build stops"):
        translated_deck(source, "es", strict=True)
    out = CliRunner().invoke(main, ["check", "--lang", "es", str(source)])
    assert "deck.md:17: warning: not translated into Spanish yet: “Questions”" in out.output


def test_a_translation_that_drops_a_link_or_a_name_is_an_error_at_its_po_line(translated):
    source, po_path = translated
    fill(po_path, {**SPANISH, SPANISH_CALL: "Llame a la línea"})
    broken = po_path.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(broken.split("\n"), 1) if "Llame a la línea" in l)
    with pytest.raises(DeckError) as caught:
        translated_deck(source, "es")
    assert str(caught.value) == (f"{po_path}:{line}: the translation leaves out"
                                 " {{ org.name }}; keep it (it may move)")
    out = CliRunner().invoke(main, ["build", "--lang", "es", str(source)])
    assert out.exit_code == 1 and f"deck.es.po:{line}:" in out.output


@pytest.mark.parametrize("damage, problem", [
    (lambda t: t.replace('msgstr "Lleve naloxona"', 'msgstr "Lleve naloxona'),
     "a quoted string is not closed"),
    (lambda t: t.replace('msgstr "Lleve naloxona"', 'msgtr "Lleve naloxona"'),
     "'msgtr' is not a PO keyword"),
    (lambda t: t.replace('"X-Generator: deckbuild\\n"',
                         '"Plural-Forms: nplurals=2; plural=n >>> 1;\\n"'),
     "cannot be read"),
    (lambda t: t.replace('"X-Generator: deckbuild\\n"',
                         '"Plural-Forms: nplurals=1; plural=(n != 1);\\n"'),
     "gives form 1 but nplurals is 1"),
    (lambda t: t.replace('msgstr "Lleve naloxona"', 'msgstr "Lleve \\q naloxona"'),
     "not an escape"),
])
def test_bad_po_files_are_reported_at_their_line(translated, damage, problem):
    source, po_path = translated
    text = damage(po_path.read_text(encoding="utf-8"))
    po_path.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        translated_deck(source, "es")
    assert problem in caught.value.message
    assert caught.value.path == str(po_path) and caught.value.line > 0


def test_a_wrong_plural_index_is_reported(translated):
    source, po_path = translated
    po_path.write_text(po_path.read_text(encoding="utf-8") + '\nmsgid "one"\nmsgid_plural'
                       ' "many"\nmsgstr[0] "uno"\nmsgstr[2] "muchos"\n', encoding="utf-8")
    with pytest.raises(DeckError, match=r"msgstr\[2\] is one plural form too many") as caught:
        translated_deck(source, "es")
    assert caught.value.line == len(po_path.read_text().rstrip("\n").split("\n"))


def test_a_removed_text_becomes_obsolete_and_comes_back(translated):
    source, po_path = translated
    original = source.read_text()
    source.write_text(original.replace("- Never use alone\n", ""))
    assert translate_source(source, "es").counts["obsolete"] == 1
    assert '#~ msgid "Never use alone"' in po_path.read_text()
    source.write_text(original)
    result = translate_source(source, "es")
    assert result.progress.summary() == "es: 12 of 12 translated, 0 fuzzy"


def test_a_renamed_slide_keeps_its_other_translations(translated):
    source, po_path = translated
    source.write_text(source.read_text().replace("## Staying Safe", "## Staying Safer"))
    result = translate_source(source, "es")
    assert result.counts["fuzzy"] == 1  # the title itself
    po = polib.pofile(str(po_path))
    carried = [e for e in po if e.msgctxt == "Staying Safer" and "fuzzy" not in e.flags]
    assert {e.msgstr for e in carried} >= {"Lleve naloxona", "Nunca consuma a solas"}


def test_names_are_filled_in_per_region(translated, project):
    source, _ = translated
    project.region(_other_region(), "otherland")
    fill(source.with_name("deck.es.po"), {**SPANISH, "Other Resources": "Otros recursos"})
    deck, _ = translated_deck(source, "es", region="otherland")
    texts = [r.text for s in deck.slides for b in s.blocks for i in getattr(b, "items", ())
             for r in getattr(i, "text", ())]
    assert "Otherland Care" in texts


def _other_region():
    from conftest import REGION
    return REGION.replace("Testland", "Otherland").replace("Otherland Health", "Otherland Care")


def test_all_regions_and_all_languages_build_four_decks_in_parallel(translated, project,
                                                                    tmp_path, monkeypatch):
    source, po_path = translated
    project.region(_other_region(), "otherland")
    monkeypatch.chdir(project.root)
    pools = []

    class Pool(regions.ProcessPoolExecutor):
        """The real process pool, recording how many builds it was given."""
        def __init__(self, max_workers=None):
            super().__init__(max_workers=max_workers)
            pools.append({"workers": max_workers, "jobs": []})

        def submit(self, fn, *args, **kwargs):
            pools[-1]["jobs"].append((args[0].region, args[0].lang or "en"))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(regions, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(regions.os, "cpu_count", lambda: 4)
    out = CliRunner().invoke(main, ["build", "--all-regions", "--all-languages", "--out-dir",
                                    str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    names = sorted(p.name for p in (tmp_path / "out").glob("*.pptx"))
    assert names == ["deck-otherland.es.pptx", "deck-otherland.pptx", "deck-testland.es.pptx",
                     "deck-testland.pptx"]
    assert "source/deck.md [otherland, es]:" in out.output
    # One pool of four processes was given the four builds at once.
    assert len(pools) == 1 and pools[0]["workers"] == 4
    assert sorted(pools[0]["jobs"]) == [("otherland", "en"), ("otherland", "es"),
                                        ("testland", "en"), ("testland", "es")]
    for name in names:  # each one a whole deck, in its language
        with zipfile.ZipFile(tmp_path / "out" / name) as package:
            langs = {lang for part in package.namelist() if part.startswith("ppt/slides/slide")
                     for lang in re.findall(rb' lang="([^"]+)"', package.read(part))}
        assert langs == ({b"es-US"} if ".es." in name else {b"en-US"}), name


def test_the_deck_language_needs_no_translation(translated, tmp_path):
    source, _ = translated
    out = CliRunner().invoke(main, ["build", "--lang", "en", str(source), "-o",
                                    str(tmp_path / "x.pptx")])
    assert out.exit_code == 0, out.output
    with pytest.raises(DeckError, match="needs no translation"):
        translate_source(source, "en-GB")
    out = CliRunner().invoke(main, ["translate", "--lang", "e$", str(source)])
    assert out.exit_code == 1 and "is not a language code" in out.output


def test_no_po_file_says_how_to_make_one(project):
    project.region()
    source = project.deck(DECK)
    with pytest.raises(DeckError, match="run 'deckbuild translate .* --lang fr'"):
        translated_deck(source, "fr")


REGION_IN_TWO = """\
name: Testland
organization:
  name: Testland Health
resources:
  - group:
      en: Local Resources
      es: Recursos locales
    items:
      - name: Testland Helpline
        url: https://help.testland.example.org/line
        description:
          en: Someone to talk to.
          es: Alguien con quien hablar.
      - name: Testland Clinic
        url: https://clinic.testland.example.org
        description: Walk-in clinic.
"""


def test_a_region_may_give_its_texts_per_language(project):
    project.region(REGION_IN_TWO)
    source = project.deck(DECK)
    result = translate_source(source, "es")
    msgids = {e.msgid for e in polib.pofile(str(result.path))}
    assert "Walk-in clinic." in msgids and "Someone to talk to." not in msgids
    assert "Local Resources" not in msgids  # the region file translates it itself
    findings = Findings()
    deck, _ = translated_deck(source, "es", findings=findings)
    items = deck.region.groups[0].items
    assert deck.region.groups[0].title == "Recursos locales"
    assert items[0].description == "Alguien con quien hablar."
    assert items[1].description == "Walk-in clinic."  # neither translates it: English, warned
    assert any(f.rule == "translation-missing" and "Walk-in clinic." in f.message
               and f.path.endswith("testland.yaml") for f in findings)
    from deckbuild.read import read_deck
    assert read_deck(source).region.groups[0].items[0].description == "Someone to talk to."


def test_a_region_file_in_another_language_beside_it(project, monkeypatch):
    project.region()
    project.region(_spanish_region(), "testland.es")
    source = project.deck(DECK)
    result = translate_source(source, "es")
    msgids = {e.msgid for e in polib.pofile(str(result.path))}
    assert "Someone to talk to." not in msgids and "Walk-in clinic." not in msgids
    findings = Findings()
    deck, _ = translated_deck(source, "es", findings=findings)
    assert deck.region.groups[0].items[1].description == "Clínica sin cita."
    assert deck.region.groups[0].items[0].phone == "555-0101"  # the English file's
    warned = [f for f in findings if f.rule == "region-language"]
    assert len(warned) == 1 and "555-0999" in warned[0].message
    monkeypatch.chdir(project.root)
    out = CliRunner().invoke(main, ["regions"])
    assert "testland.es" not in out.output and out.exit_code == 0


def _spanish_region():
    from conftest import REGION
    return (REGION.replace("Local Resources", "Recursos locales")
            .replace("Someone to talk to.", "Alguien con quien hablar.")
            .replace("Walk-in clinic.", "Clínica sin cita.")
            .replace("phone: 555-0101", "phone: 555-0999"))


def test_a_right_to_left_deck_marks_its_paragraphs_and_runs(project):
    deck = project.pptx("""\
        ---
        lang: ar
        ---

        ## مرحبا

        - الحد من الضرر
        """)
    xml = b"".join(__import__("lxml.etree").etree.tostring(s._element) for s in deck.slides)
    assert b'rtl="1"' in xml and b'<a:rtl val="1"/>' in xml
    assert b'algn="r"' in xml and b'lang="ar"' in xml
