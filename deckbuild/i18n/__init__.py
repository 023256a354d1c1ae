"""deckbuild's own words in the language of the deck: the API renderers use.

The handout's labels ("Page 3 of 12", "Key quotes", "Scan to open"), the slides'
"(continued)" and every other word deckbuild adds to an output are English
strings in the code, looked up here in a gettext PO file per language
(`deckbuild/i18n/es.po`; `deckbuild.pot` lists them all for a new language):

    words = words_for(deck.meta.lang)
    words.text("Key quotes")                        # "Citas clave"
    words.text("Page {page} of {total}", page=3, total=12)
    words.plural("Slide {list}", "Slides {list}", len(numbers), list="3, 5")
    words.date("2026-11")                           # "noviembre de 2026"
    words.rtl                                       # True for Arabic, Hebrew...

A string with no translation (or a language with no file) stays English, so a
new string never breaks a build. Placeholders are Python's `{name}` fields,
filled in after the lookup; a translation must keep each of them (a test checks
the shipped files).
"""
from __future__ import annotations

import datetime
import functools
import re
from pathlib import Path
from typing import Dict, Optional, Tuple

from .languages import is_rtl, primary

STRINGS_DIR = Path(__file__).parent
TEMPLATE = STRINGS_DIR / "deckbuild.pot"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$")
_ENGLISH_DATE = re.compile(r"^\s*(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})\s*$")


class Words:
    """deckbuild's words in one language (English when there is no translation)."""

    def __init__(self, tag: str, entries: Dict[Tuple[str, str], object], plural=None):
        self.tag = tag
        self.entries = entries  # (msgctxt or "", msgid) -> str, or a tuple of plural forms
        self.choose = plural or (lambda n: int(n != 1))
        self.rtl = is_rtl(tag)
        self.english = primary(tag) == "en"

    def text(self, message: str, context: str = "", **values) -> str:
        found = self.entries.get((context, message))
        result = found if isinstance(found, str) and found else message
        return result.format(**values) if values else result

    def plural(self, singular: str, plural: str, count: int, **values) -> str:
        forms = self.entries.get(("", singular))
        if isinstance(forms, tuple) and all(forms):
            index = self.choose(count)
            chosen = forms[index] if index < len(forms) else forms[-1]
        else:
            chosen = singular if count == 1 else plural
        return chosen.format(count=count, **values)

    def month(self, number: int) -> str:
        return self.text(MONTHS[number - 1], context="month")

    def date(self, text: str) -> str:
        """A date as the deck gives it ("2026-11", "2026-11-26", "November 2026"), in this
        language's form; English keeps it as typed, anything else that is not a date too."""
        if self.english or not text:
            return text
        found = parse_date(text)
        if found is None:
            return text
        year, month, day = found
        if day:
            return self.text("{month} {day}, {year}", context="date", month=self.month(month),
                             day=day, year=year)
        return self.text("{month} {year}", context="date", month=self.month(month), year=year)


def parse_date(text: str) -> Optional[Tuple[int, int, int]]:
    """(year, month, day or 0) of "2026-11", "2026-11-26", "November 2026", "26 Nov 2026"."""
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    else:
        match = _ENGLISH_DATE.match(text)
        if not match:
            return None
        name = match.group(2).lower()
        months = [m for m in MONTHS if len(name) >= 3 and m.lower().startswith(name)]
        if not months:
            return None
        year, month = int(match.group(4)), MONTHS.index(months[0]) + 1
        day = int(match.group(1) or match.group(3) or 0)
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return year, month, day


@functools.lru_cache(maxsize=None)
def words_for(tag: str) -> Words:
    """The words for a language tag: `es-US` looks for es-US.po, then es.po."""
    from .pofile import plural_forms, read_po
    for name in _candidates(tag):
        path = STRINGS_DIR / f"{name}.po"
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            po = read_po(path, text)
            entries: Dict[Tuple[str, str], object] = {}
            for entry in po:
                if entry.obsolete or "fuzzy" in entry.flags:
                    continue
                key = (entry.msgctxt or "", entry.msgid)
                if entry.msgid_plural:
                    entries[key] = tuple(entry.msgstr_plural[i]
                                         for i in sorted(entry.msgstr_plural))
                else:
                    entries[key] = entry.msgstr
            return Words(tag, entries, plural_forms(po, text, str(path))[1])
    return Words(tag, {})


def _candidates(tag: str):
    parts = tag.replace("_", "-").split("-")
    seen = []
    for count in range(len(parts), 0, -1):
        name = "-".join(parts[:count])
        if name not in seen:
            seen.append(name)
    return [n for n in seen if n.lower() != "en" and not n.lower().startswith("en-")]


def shipped_languages() -> Tuple[str, ...]:
    """The languages deckbuild has its own words in: English, and one per PO file here."""
    return ("en",) + tuple(sorted(p.stem for p in STRINGS_DIR.glob("*.po")))
