"""A deck's translation file (`NAME.LANG.po`): read, looked up, and brought up to date.

Updating follows gettext's `msgmerge`, deck by deck, so that a translation never
drifts from its English: an entry whose English is unchanged is kept exactly as it
is (only its line reference follows the deck); one whose English changed keeps its
translation but is marked fuzzy, with the English it was made from kept above it
(`#| msgid`); a new unit gets an empty entry; an entry the deck no longer has
becomes obsolete (`#~`, at the end), so its translation comes back if the English
does.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import polib

from ..errors import DeckError
from ..i18n.pofile import WRAP, po_text, read_po
from .units import Unit

Key = Tuple[str, str]  # (msgctxt, msgid)
REVIEW_NOTE = ("This file was made by 'deckbuild translate'. Translate each msgstr; keep the"
               " markup\n(**bold**, *italic*, [words](address), {{ names }}) and move it where"
               " the language needs it.\nAn entry marked fuzzy has English that changed since"
               " it was translated: check it,\nthen remove the 'fuzzy' line.")


def po_path_for(source: Path, code: str) -> Path:
    """source/NAME.md -> source/NAME.es.po."""
    return Path(source).with_name(f"{Path(source).stem}.{code}.po")


@dataclass
class Entries:
    """A translation file's entries by (msgctxt, msgid), with the line of each msgstr."""

    path: Path
    po: polib.POFile
    by_key: Dict[Key, polib.POEntry]
    lines: Dict[int, int]  # id(entry) -> line of its msgstr

    def line(self, entry: polib.POEntry) -> int:
        return self.lines.get(id(entry), entry.linenum)


def read_entries(path: Path) -> Entries:
    text = _read(path)
    po = read_po(path, text)
    lines = text.split("\n")
    msgstr_lines: Dict[int, int] = {}
    by_key: Dict[Key, polib.POEntry] = {}
    for entry in po:
        for number in range(entry.linenum, len(lines) + 1):
            if lines[number - 1].lstrip("#~ ").startswith("msgstr"):
                msgstr_lines[id(entry)] = number
                break
        if not entry.obsolete:
            by_key[(entry.msgctxt or "", entry.msgid)] = entry
    return Entries(Path(path), po, by_key, msgstr_lines)


def _read(path: Path) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DeckError("this translation file does not exist", str(path)) from None
    except OSError as exc:
        raise DeckError(f"cannot read this file ({exc.strerror})", str(path)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DeckError("this PO file is not UTF-8 text; save it as UTF-8 (Poedit and most"
                        " editors can)", str(path), data[:exc.start].count(b"\n") + 1) from None


def state(entry: Optional[polib.POEntry]) -> str:
    """translated | fuzzy | missing."""
    if entry is None or entry.obsolete or not entry.msgstr.strip():
        return "missing"
    return "fuzzy" if "fuzzy" in entry.flags else "translated"


# ---------------------------------------------------------------- updating


def new_catalog(deck_name: str, code: str, language_name: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP)
    po.header = f"{language_name} translation of {deck_name}.md, for deckbuild.\n{REVIEW_NOTE}"
    po.metadata = {
        "Project-Id-Version": deck_name,
        "Language": code.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "deckbuild",
    }
    return po


def merge(units: List[Unit], old: Optional[polib.POFile], fresh: polib.POFile,
          po_folder: Path) -> Tuple[polib.POFile, Dict[str, int]]:
    """The catalog for `units`, carrying over what `old` has; and what changed (counts)."""
    po = polib.POFile(wrapwidth=WRAP)
    source = old if old is not None else fresh
    po.header, po.metadata = source.header, dict(source.metadata)
    po.metadata_is_fuzzy = getattr(source, "metadata_is_fuzzy", False)
    wanted = _unique(units, po_folder)
    old_entries = [e for e in old] if old is not None else []
    matcher = _Matcher(old_entries)
    counts = {"new": 0, "fuzzy": 0, "kept": 0, "obsolete": 0}
    # Every unit whose English is unchanged takes its entry before any changed one looks
    # for its closest (a changed text must not take an entry the deck still has as it was).
    taken = {key: matcher.same(key) for key in wanted}
    taken.update({key: matcher.moved(key) for key in wanted if taken[key][0] is None})
    taken.update({key: matcher.changed(key, references) for key, references in wanted.items()
                  if taken[key][0] is None})
    for key, references in wanted.items():
        entry, how = taken[key]
        if entry is None:
            entry = polib.POEntry(msgctxt=key[0], msgid=key[1], msgstr="")
            counts["new"] += 1
        elif how == "changed":
            counts["fuzzy"] += 1
        else:
            counts["kept"] += 1
        if entry.occurrences != references:
            entry.occurrences = references
        po.append(entry)
    for entry in matcher.left():
        if not entry.obsolete:
            counts["obsolete"] += 1
            entry.obsolete = True
            entry.occurrences = []
        if entry.msgstr.strip():
            po.append(entry)
    return po, counts


def _unique(units: List[Unit], po_folder: Path) -> Dict[Key, List[Tuple[str, str]]]:
    found: Dict[Key, List[Tuple[str, str]]] = {}
    for unit in units:
        reference = (_relative(unit.path, po_folder), str(unit.line))
        references = found.setdefault((unit.context, unit.msgid), [])
        if reference not in references:
            references.append(reference)
    return found


def _relative(path: str, folder: Path) -> str:
    try:
        return os.path.relpath(Path(path).resolve(), Path(folder).resolve()).replace(os.sep, "/")
    except ValueError:
        return str(path)


class _Matcher:
    """Pairs the deck's units with the old file's entries, as msgmerge would."""

    def __init__(self, entries: List[polib.POEntry]):
        self.entries = entries
        self.used: set = set()
        self.by_key = {}
        for entry in entries:
            self.by_key.setdefault((entry.msgctxt or "", entry.msgid), entry)

    def free(self, entry) -> bool:
        return id(entry) not in self.used

    def same(self, key: Key) -> Tuple[Optional[polib.POEntry], str]:
        """The entry with this context and English."""
        entry = self.by_key.get(key)
        if entry is not None and self.free(entry):
            return self.use(entry, revive=True), "same"
        return None, "new"

    def moved(self, key: Key) -> Tuple[Optional[polib.POEntry], str]:
        """The same English under another context (the slide's title changed): still good."""
        context, msgid = key
        same = [e for e in self.entries if self.free(e) and e.msgid == msgid and e.msgstr]
        if not same:
            return None, "new"
        entry = self.use(same[0], revive=True)
        entry.msgctxt = context or None
        return entry, "same"

    def changed(self, key: Key, references) -> Tuple[Optional[polib.POEntry], str]:
        """The English changed: the closest entry of the same slide, else of the same line."""
        context, msgid = key
        lines = {line for _, line in references}
        candidates = [e for e in self.entries if self.free(e) and not e.obsolete and
                      (e.msgctxt or "") == context]
        best = _closest(msgid, candidates, 0.45)
        if best is None:
            candidates = [e for e in self.entries if self.free(e) and not e.obsolete and
                          any(line in lines for _, line in e.occurrences)]
            best = _closest(msgid, candidates, 0.3)
        if best is None:
            return None, "new"
        entry = self.use(best, revive=False)
        if best.msgstr.strip():
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
                entry.previous_msgid = entry.msgid
                if (entry.msgctxt or "") != context:
                    entry.previous_msgctxt = entry.msgctxt
        entry.msgctxt, entry.msgid = context or None, msgid
        return entry, "changed" if best.msgstr.strip() else "same"

    def use(self, entry, revive: bool):
        self.used.add(id(entry))
        if entry.obsolete:
            entry.obsolete = False
        return entry

    def left(self) -> List[polib.POEntry]:
        return [e for e in self.entries if self.free(e)]


def _closest(msgid: str, candidates, cutoff: float):
    best, score = None, cutoff
    for entry in candidates:
        ratio = difflib.SequenceMatcher(None, entry.msgid, msgid, autojunk=False).ratio()
        if ratio > score:
            best, score = entry, ratio
    return best


def write_catalog(po: polib.POFile, path: Path) -> bool:
    """Write the file (atomically) when its text changed; whether it was written."""
    from ..output import write_atomic
    text = po_text(po)
    try:
        if Path(path).read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_atomic(Path(path), text.encode("utf-8"))
    return True
