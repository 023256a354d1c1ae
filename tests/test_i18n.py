"""deckbuild's own words in other languages (deckbuild/i18n): shipped, complete, checked."""
import re
import string
import sys
from pathlib import Path

import polib
import pytest

from deckbuild.errors import DeckError
from deckbuild.i18n import STRINGS_DIR, TEMPLATE, parse_date, shipped_languages, words_for
from deckbuild.i18n.languages import check_code, is_rtl, output_tag
from deckbuild.i18n.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def test_the_template_lists_every_string_the_code_uses():
    sys.path.insert(0, str(ROOT / "tools"))
    from i18n_template import template
    assert TEMPLATE.read_text(encoding="utf-8") == template(), \
        "deckbuild/i18n/deckbuild.pot is out of date: run tools/i18n_template.py"


@pytest.mark.parametrize("language", [lang for lang in shipped_languages() if lang != "en"])
def test_each_shipped_language_translates_every_string_and_keeps_its_fields(language):
    po = read_po(STRINGS_DIR / f"{language}.po")
    template = polib.pofile(str(TEMPLATE))
    entries = {(e.msgctxt, e.msgid): e for e in po}
    for wanted in template:
        entry = entries.get((wanted.msgctxt, wanted.msgid))
        assert entry is not None and not entry.fuzzy, f"{language}: {wanted.msgid!r}"
        translations = list(entry.msgstr_plural.values()) if wanted.msgid_plural else \
            [entry.msgstr]
        for text in translations:
            assert text.strip(), f"{language}: {wanted.msgid!r} has no translation"
            assert _fields(text) == _fields(wanted.msgid), f"{language}: {wanted.msgid!r}"


def _fields(text):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_english_and_spanish_are_shipped():
    assert shipped_languages() == ("en", "es")


def test_spanish_words_dates_and_plurals():
    words = words_for("es-US")
    assert words.text("Page {page} of {total}", page=2, total=9) == "Página 2 de 9"
    assert words.text("(continued)") == "(continuación)"
    assert words.date("2026-11") == "noviembre de 2026"
    assert words.date("2026-11-26") == "26 de noviembre de 2026"
    assert words.date("November 2026") == "noviembre de 2026"
    assert words.date("Fall 2026") == "Fall 2026"  # not a date: as typed
    assert words.plural("Slide {numbers}", "Slides {numbers}", 1, numbers="3") == "Diapositiva 3"
    assert words.plural("Slide {numbers}", "Slides {numbers}", 2, numbers="3, 5") == \
        "Diapositivas 3, 5"


def test_english_keeps_the_words_and_the_date_as_typed():
    words = words_for("en-US")
    assert words.text("Key quotes") == "Key quotes"
    assert words.date("2026-11") == "2026-11"
    assert words_for("fr").text("Key quotes") == "Key quotes"  # no French yet: English


def test_dates_are_read_as_a_trainer_writes_them():
    assert parse_date("2026-02-30") is None
    assert parse_date("3 Mar 2027") == (2027, 3, 3)


def test_language_tags():
    assert check_code("pt_br") == "pt-BR" and check_code("ES") == "es"
    assert output_tag("es", "en-US") == "es-US"
    assert output_tag("es", "en-US", "es_MX") == "es-MX"
    assert output_tag("ar", "en") == "ar"
    assert is_rtl("ar") and is_rtl("he-IL") and is_rtl("ku-Arab") and not is_rtl("es-US")
    assert not is_rtl("uz-Latn")
    with pytest.raises(DeckError, match="not a language code"):
        check_code("../es")


def test_a_po_file_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "\xe9"\n')
    with pytest.raises(DeckError) as caught:
        read_po(path)
    assert caught.value.line == 5 and "not UTF-8" in caught.value.message
