"""Translations of a deck: `deckbuild translate` and `deckbuild build --lang`.

A deck's translation into a language lives beside it as a gettext PO file
(`source/NAME.es.po`): one entry per unit (`units.py`), its English written as
inline markup (`markup.py`), its context the slide's English title, its reference
the deck line. Where translation happens, and why there:

1. the reader reads the English deck as always, except that `{{ names }}` stay
   markers (a translation is shared by every region);
2. each unit of the model is replaced by its translation, read from the PO file's
   markup back into runs; a unit without one keeps its English (with a warning,
   or an error with `strict`);
3. the names are filled in (`names.py`), the deck takes the language's tag, and
   the translated model goes on to fitting, `check` and both renderers as any deck.

Nothing downstream re-parses Markdown: the only text read after the reader is a
translation's inline markup, by the same module that wrote its English.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import List, Optional, Tuple

from ..errors import DeckError, Findings
from ..i18n import words_for
from ..i18n.languages import check_code, language_name, output_tag, same_language
from ..model import Deck, Layout, Run
from ..read import read_deck
from ..read.slides import DEFAULT_NOTES_TITLE, DEFAULT_TOC_TITLE
from ..read.substitute import names_for
from .catalog import (Entries, merge, new_catalog, po_path_for, read_entries, state,
                      write_catalog)
from .markup import MarkupError, from_markup
from .names import fill_names
from .regions import region_translations
from .units import DeckUnits, Unit

__all__ = ["Progress", "TranslateResult", "po_path_for", "translate_source", "translated_deck",
           "translation_inputs"]


@dataclass
class Progress:
    """How far one language's translation of one deck is."""

    code: str
    path: Path
    total: int = 0
    translated: int = 0
    fuzzy: List[Tuple[Unit, int]] = field(default_factory=list)  # (unit, PO line)
    missing: List[Unit] = field(default_factory=list)

    def summary(self) -> str:
        """`es: 212 of 230 translated, 6 fuzzy`."""
        return (f"{self.code}: {self.translated} of {self.total} translated,"
                f" {len(self.fuzzy)} fuzzy")


@dataclass
class TranslateResult:
    path: Path
    written: bool
    created: bool
    counts: dict
    progress: Progress


def _english_deck(source: Path, code: str, region: Optional[str], findings: Findings,
                  keep_going: bool = False) -> Deck:
    return read_deck(source, region=region, findings=findings, keep_going=keep_going,
                     keep_names=True, lang=code)


def _units(deck: Deck, code: str) -> DeckUnits:
    words = words_for(code)
    return DeckUnits(deck, skip_titles={words.text(DEFAULT_TOC_TITLE),
                                        words.text(DEFAULT_NOTES_TITLE)})


def translate_source(source, code: str, region: Optional[str] = None) -> TranslateResult:
    """Write or bring up to date `NAME.CODE.po` beside the deck (see `catalog`)."""
    source = Path(source)
    code = check_code(code)
    findings = Findings()
    deck = _english_deck(source, code, region, findings)
    _not_the_deck_language(deck, code, source)
    path = po_path_for(source, code)
    old = read_entries(path).po if path.exists() else None
    fresh = new_catalog(source.stem, code, language_name(code))
    own = _region_texts(deck, code, source, findings)
    units = [u for u in _units(deck, code).units() if not _in_region_file(u, own)]
    po, counts = merge(units, old, fresh, path.parent)
    written = write_catalog(po, path)
    progress = _progress(deck, code, read_entries(path), own)
    return TranslateResult(path, written, old is None, counts, progress)


def _region_texts(deck: Deck, code: str, source: Path, findings: Findings) -> dict:
    from ..read.project import project_root_for
    return region_translations(deck.region, code, project_root_for(source), findings)


def _plain(text) -> str:
    return "".join(r.text for r in text)


def _in_region_file(unit: Unit, own: dict) -> bool:
    """A region text the region file itself translates (not the deck's PO file's job)."""
    return unit.context.startswith("region ") and _plain(unit.text) in own


def _not_the_deck_language(deck: Deck, code: str, source: Path) -> None:
    if same_language(deck.meta.lang, code):
        raise DeckError(f"the deck is written in {deck.meta.lang} (its 'lang:'), so it needs no"
                        f" translation into {code}", str(source))


def _progress(deck: Deck, code: str, entries: Entries, own: dict) -> Progress:
    progress = Progress(code, entries.path)
    _units(deck, code).map(_Lookup(entries, progress, Findings(), False, check_markup=False,
                                   own=own))
    return progress


class _Lookup:
    """The translator `DeckUnits.map` calls: each unit's translation, or its English."""

    def __init__(self, entries: Entries, progress: Progress, findings: Findings,
                 keep_going: bool, check_markup: bool = True, own: Optional[dict] = None):
        self.own = own or {}  # what the region files translate themselves
        self.entries = entries
        self.progress = progress
        self.findings = findings
        self.keep_going = keep_going
        self.check_markup = check_markup
        self.seen: dict = {}

    def __call__(self, text, unit: Unit):
        key = (unit.context, unit.msgid)
        entry = self.entries.by_key.get(key)
        status = state(entry)
        if _in_region_file(unit, self.own):
            status = "region"
        if key not in self.seen and status == "region":
            self.seen[key] = status
            self.progress.total += 1
            self.progress.translated += 1
        if status == "region":
            return (Run(self.own[_plain(unit.text)]),)
        if key not in self.seen:
            self.seen[key] = status
            self.progress.total += 1
            if status == "translated":
                self.progress.translated += 1
            elif status == "fuzzy":
                self.progress.fuzzy.append((unit, self.entries.line(entry)))
            else:
                self.progress.missing.append(unit)
        if status != "translated" or not self.check_markup:
            return text
        try:
            return from_markup(entry.msgstr, text)
        except MarkupError as exc:
            error = DeckError(str(exc), str(self.entries.path), self.entries.line(entry),
                              rule="translation-markup")
            if not self.keep_going:
                raise error from None
            self.findings.error(error.message, error.path, error.line, rule=error.rule)
            return text


def translated_deck(source, code: str, region: Optional[str] = None,
                    findings: Optional[Findings] = None, keep_going: bool = False,
                    strict: bool = False, list_each: bool = False) -> Tuple[Deck, Progress]:
    """The deck in language `code`, from `NAME.CODE.po`, ready to fit and render.

    A unit without a translation keeps its English: one warning says how many
    (`list_each`: one finding per unit, with its deck line, as `check --lang` lists
    them), or, with `strict`, the build stops.
    """
    source = Path(source)
    code = check_code(code)
    findings = findings if findings is not None else Findings()
    deck = _english_deck(source, code, region, findings, keep_going)
    _not_the_deck_language(deck, code, source)
    path = po_path_for(source, code)
    if not path.exists():
        raise DeckError(f"there is no {language_name(code)} translation of this deck yet:"
                        f" run 'deckbuild translate {source} --lang {code}' to make {path.name}",
                        str(source))
    entries = read_entries(path)
    progress = Progress(code, path)
    own = _region_texts(deck, code, source, findings)
    translated = _units(deck, code).map(_Lookup(entries, progress, findings, keep_going,
                                                own=own))
    _report(progress, findings, strict, list_each)
    if not list_each:
        for unit in progress.missing:
            if unit.context.startswith("region "):
                findings.warn(f"\u201c{_short(unit.msgid)}\u201d has no {language_name(code)}"
                              f" text in the region file or {path.name}: its English is used",
                              unit.path, unit.line, rule="translation-missing")
    review = entries.po.metadata.get("X-Needs-Review", "").strip()
    if review:
        findings.warn(f"this translation is marked as needing review ({review}); delete the"
                      " X-Needs-Review line once it is reviewed", str(path),
                      rule="translation-review")
    tag = output_tag(code, deck.meta.lang, entries.po.metadata.get("Language", ""))
    translated = _in_language(translated, tag)
    return fill_names(translated, names_for(translated.region)), progress


def _report(progress: Progress, findings: Findings, strict: bool, list_each: bool) -> None:
    name = language_name(progress.code)
    if list_each:
        for unit in progress.missing:
            findings.warn(f"not translated into {name} yet: \u201c{_short(unit.msgid)}\u201d"
                          f" (slide \u201c{_short(unit.context, 40)}\u201d; its English is"
                          " used)", unit.path, unit.line, rule="translation-missing")
        for unit, line in progress.fuzzy:
            findings.warn(f"the English changed since this was translated into {name}:"
                          f" \u201c{_short(unit.msgid)}\u201d; check the translation at"
                          f" {progress.path}:{line} and remove its 'fuzzy' line (its"
                          " English is used until then)", unit.path, unit.line,
                          rule="translation-fuzzy")
        return
    untranslated = len(progress.missing) + len(progress.fuzzy)
    if not untranslated:
        return
    parts = []
    if progress.missing:
        parts.append(f"{len(progress.missing)} not translated")
    if progress.fuzzy:
        parts.append(f"{len(progress.fuzzy)} fuzzy (their English changed)")
    message = (f"{' and '.join(parts)} of {progress.total} texts: "
               + ("the build stops (--strict)" if strict else "their English is used")
               + f"; 'deckbuild check --lang {progress.code}' lists them with their lines")
    if strict:
        raise DeckError(message, str(progress.path), rule="translation")
    findings.warn(message, str(progress.path), rule="translation")


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "\u2026"


def _in_language(deck: Deck, tag: str) -> Deck:
    """The deck marked as being in `tag`; the title slide's date in its form."""
    words = words_for(tag)

    def dated(text):
        return (Run(words.date(deck.meta.date)),) if _plain(text) == deck.meta.date else text

    slides = []
    for slide in deck.slides:
        if slide.layout is Layout.TITLE and deck.meta.date:
            slide = replace(slide, date=dated(slide.date),
                            byline=tuple(dated(line) for line in slide.byline))
        slides.append(replace(slide, blocks=_callout_titles(slide.blocks, words)))
    return replace(deck, meta=replace(deck.meta, lang=tag), slides=tuple(slides))


def _callout_titles(blocks, words) -> tuple:
    """A callout without a title of its own is titled in the language ("Nota", "Consejo")."""
    from ..layout.callout import TITLES
    from ..model import Callout, Columns
    result = []
    for block in blocks:
        if isinstance(block, Callout):
            title = block.title or (Run(words.text(TITLES.get(block.kind, "Note"),
                                                   context="callout")),)
            block = replace(block, title=title, blocks=_callout_titles(block.blocks, words))
        elif isinstance(block, Columns):
            block = replace(block, columns=tuple(_callout_titles(c, words)
                                                 for c in block.columns))
        result.append(block)
    return tuple(result)


def translation_inputs(source, code: Optional[str], deck: Optional[Deck] = None) -> List[Path]:
    """The files a build in `code` reads besides the deck's own (its PO file)."""
    if not code:
        return []
    return [po_path_for(Path(source), check_code(code)).resolve()]


def deck_languages(source) -> Tuple[str, Tuple[str, ...]]:
    """(the deck's own language tag, the codes of its front matter's `languages:`)."""
    from ..read.frontmatter import read_front_matter, split_front_matter
    from ..read.textfile import read_text
    from ..read.yamlsource import as_text
    where = str(source)
    front = split_front_matter(read_text(Path(source), Findings()), where)[0]
    meta = read_front_matter(front, where)[0]
    value = front.get("languages")
    if value is None:
        return meta.lang, ()
    items = value if isinstance(value, list) else str(as_text(value)).replace(",", " ").split()
    line = getattr(front, "lines", {}).get("languages", 1)
    codes = []
    for item in items:
        try:
            codes.append(check_code(as_text(item)))
        except DeckError as exc:
            raise DeckError(f"'languages:' {exc.message}", where, line) from None
    return meta.lang, tuple(dict.fromkeys(codes))


def build_language(source, code: str) -> Optional[str]:
    """`--lang CODE` as a build takes it: None when it is the deck's own language."""
    code = check_code(code)
    tag = deck_languages(source)[0]
    return None if same_language(tag, code) else code
