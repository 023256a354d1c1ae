"""Reading gettext PO files (through polib), every problem as `path:line: message`.

polib parses and writes PO files faithfully (header, flags, previous msgids,
obsolete entries), but it is lenient: a line with an unclosed quote or an unknown
keyword may be read as something else. So each line is checked here first, and
the header's plural forms are checked as gettext would use them, before polib
reads the file.
"""
from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Optional, Tuple

import polib

from ..errors import DeckError

_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)'
                      r'[ \t]+(' + _STRING + r')[ \t]*$')
_CONTINUATION = re.compile(r'^(?:#~\s*)?(?:#\|\s*)?' + _STRING + r'[ \t]*$')
_ESCAPE = re.compile(r'\\(.)')
_KNOWN_ESCAPES = set('nt"\\rabfv')
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
WRAP = 78  # polib's width, and gettext's msgmerge's: a file stays as tools write it


def read_po(path, text: Optional[str] = None) -> polib.POFile:
    """The PO file at `path` (or `text`, read from it), checked line by line."""
    where = str(path)
    if text is None:
        try:
            text = Path(path).read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            line = Path(path).read_bytes()[:exc.start].count(b"\n") + 1
            raise DeckError("this PO file is not UTF-8 text; save it as UTF-8 (Poedit and"
                            " most editors can)", where, line) from None
        except OSError as exc:
            raise DeckError(f"cannot read this file ({exc.strerror})", where) from None
    text = text.lstrip("\ufeff")
    _check_lines(text, where)
    try:
        po = polib.pofile(text, wrapwidth=WRAP, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        if "already exists" in message:
            raise DeckError("this file has the same entry twice (same msgctxt and msgid);"
                            " keep one of them", where) from None
        raise DeckError(f"this PO file does not parse ({message})", where,
                        int(match.group(1)) if match else 0) from None
    nplurals = plural_forms(po, text, where)[0]
    for entry in po:
        for index in entry.msgstr_plural:
            if int(index) >= nplurals:
                raise DeckError(f"msgstr[{index}] is one plural form too many: the header's"
                                f" Plural-Forms says this language has {nplurals}",
                                where, _line_of(text, f"msgstr[{index}]", entry.linenum))
    return po


def _check_lines(text: str, where: str) -> None:
    """Every line a comment, a keyword with one quoted string, or a continuing string."""
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith(("#~", "#|"))):
            continue
        if stripped.startswith("#~") and not stripped[2:].strip().startswith(("msg", '"', "#|")):
            continue  # an obsolete entry's comment
        match = _KEYWORD.match(stripped)
        if not match and not _CONTINUATION.match(stripped):
            if stripped.count('"') % 2 == 1 or (stripped.startswith(("msg", '"'))
                                                and not stripped.endswith('"')):
                problem = "a quoted string is not closed on this line (end it with \")"
            else:
                word = stripped.split()[0][:30]
                problem = (f"'{word}' is not a PO keyword (msgctxt, msgid, msgid_plural,"
                           " msgstr, msgstr[N]); a text line must be in double quotes")
            raise DeckError(problem, where, number)
        quoted = match.group(3) if match else stripped.lstrip("#~| ")
        for escape in _ESCAPE.findall(quoted.strip()[1:-1]):
            if escape not in _KNOWN_ESCAPES:
                raise DeckError(f"'\\{escape}' is not an escape a PO file knows (write \\\\ for"
                                " a backslash, \\\" for a quote, \\n for a new line)",
                                where, number)


def plural_forms(po: polib.POFile, text: str, where: str) -> Tuple[int, object]:
    """(nplurals, a function of n giving the form's index) from the Plural-Forms header."""
    value = po.metadata.get("Plural-Forms", "").strip()
    if not value:
        return 2, lambda n: int(n != 1)
    line = _line_of(text, "Plural-Forms:", 1)
    match = _PLURAL_FORMS.match(value)
    if not match:
        raise DeckError(f"'Plural-Forms: {value[:60]}' is not written as gettext expects, for"
                        " example 'nplurals=2; plural=(n != 1);'", where, line)
    nplurals = int(match.group(1))
    try:
        choose = gettext.c2py(match.group(2))
        forms = {choose(n) for n in range(0, 1001)}
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        raise DeckError(f"the plural rule '{match.group(2)[:60]}' cannot be read (a C"
                        " expression of n, such as (n != 1))", where, line) from None
    if not 1 <= nplurals <= 6 or not forms <= set(range(nplurals)):
        raise DeckError(f"the plural rule gives form {max(forms)} but nplurals is {nplurals}",
                        where, line)
    return nplurals, choose


def _line_of(text: str, needle: str, start: int) -> int:
    """The first line at or after `start` (1-based) that contains `needle`."""
    lines = text.split("\n")
    for number in range(max(start, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return start


def entry_line(entry: polib.POEntry) -> int:
    """The line of an entry's msgstr (where a translator fixes it)."""
    return getattr(entry, "msgstr_line", 0) or entry.linenum


def po_text(po: polib.POFile) -> str:
    """The file as polib writes it, ending with one new line."""
    return str(po).rstrip("\n") + "\n"
