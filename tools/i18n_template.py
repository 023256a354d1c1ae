"""Write deckbuild/i18n/deckbuild.pot: every string deckbuild adds to its outputs.

Run it after adding or changing a `words.text(...)` or `words.plural(...)` call;
tests/test_i18n.py fails while the template is out of date. Then add the
translation to each deckbuild/i18n/LANG.po (a new language: copy the template to
LANG.po and fill in every msgstr).

    .venv/bin/python tools/i18n_template.py
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "deckbuild"
sys.path.insert(0, str(ROOT))


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _is_words(node) -> bool:
    """`words`, `handout.words`, `self.words` or `words_for(...)`."""
    if isinstance(node, ast.Name):
        return node.id == "words"
    if isinstance(node, ast.Attribute):
        return node.attr == "words"
    return isinstance(node, ast.Call) and getattr(node.func, "id", "") == "words_for"


def strings_in_code():
    """[(msgctxt, msgid, msgid_plural, "file:line")] in the order the code has them."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("text", "plural") and _is_words(node.func.value)):
                continue
            message = _literal(node.args[0]) if node.args else None
            if message is None:
                continue
            context = next((_literal(k.value) for k in node.keywords if k.arg == "context"), "")
            plural = _literal(node.args[1]) if node.func.attr == "plural" else ""
            found.append((context or "", message, plural or "", f"{where}:{node.lineno}"))
    found.sort(key=lambda item: (item[3].split(":")[0], int(item[3].split(":")[1])))
    return found + _indirect()


def _indirect():
    """Strings looked up through a name rather than written in the call."""
    from deckbuild.i18n import MONTHS
    from deckbuild.layout.callout import TITLES
    from deckbuild.read.slides import DEFAULT_NOTES_TITLE, DEFAULT_TOC_TITLE
    from deckbuild.render.handout.cover import HOW_TO_USE
    from deckbuild.render.guide.words import WORDS as GUIDE_WORDS
    strings = [("month", m, "", "deckbuild/i18n/__init__.py") for m in MONTHS]
    strings += [("date", "{month} {year}", "", "deckbuild/i18n/__init__.py"),
                ("date", "{month} {day}, {year}", "", "deckbuild/i18n/__init__.py")]
    strings += [("callout", title, "", "deckbuild/layout/callout.py")
                for title in dict.fromkeys(TITLES.values())]
    strings += [("", DEFAULT_TOC_TITLE, "", "deckbuild/read/slides.py"),
                ("", DEFAULT_NOTES_TITLE, "", "deckbuild/read/slides.py")]
    strings += [("", text, "", "deckbuild/render/handout/cover.py") for text in
                HOW_TO_USE.values()]
    strings += [("", text, "", "deckbuild/render/guide/words.py") for text in GUIDE_WORDS]
    return strings


def template() -> str:
    po = polib.POFile(wrapwidth=78)
    po.header = ("deckbuild's own words: every string it adds to a deck or a handout.\n"
                 "Made by tools/i18n_template.py; copy it to LANG.po to add a language.")
    po.metadata = {"Project-Id-Version": "deckbuild", "MIME-Version": "1.0",
                   "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    seen = {}
    for context, message, plural, where in strings_in_code():
        key = (context, message)
        if key in seen:
            seen[key].occurrences.append(tuple(where.rsplit(":", 1)) if ":" in where
                                         else (where, ""))
            continue
        entry = polib.POEntry(msgctxt=context or None, msgid=message, msgstr="",
                              occurrences=[tuple(where.rsplit(":", 1)) if ":" in where
                                           else (where, "")])
        if plural:
            entry.msgid_plural = plural
            entry.msgstr_plural = {0: "", 1: ""}
        if "{" in message:
            entry.flags.append("python-brace-format")
        seen[key] = entry
        po.append(entry)
    return str(po).rstrip("\n") + "\n"


if __name__ == "__main__":
    target = PACKAGE / "i18n" / "deckbuild.pot"
    target.write_text(template(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
