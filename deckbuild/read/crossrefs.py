"""Quarto's cross-references: `{#fig-x}` and `{#tbl-x}` numbered, `@fig-x` said as "Figure 1".

Figures and tables with such an id are numbered in the order they come in the
deck; their captions start "Figure 1: " and "Table 1: ", and a reference in the
text (before or after them) becomes "Figure 1". A figure can also be a div,
`::: {#fig-x}` holding the picture, whose last paragraph is its caption (Quarto's
figure div). A reference to an id no figure or table has stays as typed, with a
warning; so do references to sections and equations (`@sec-x`, `@eq-x`), which
deckbuild does not number.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

KINDS = {"fig": "Figure", "tbl": "Table"}
REFERENCE = re.compile(r"(?<![\w@.])@((?:fig|tbl|sec|eq)-[\w-]*\w)")
_ID = re.compile(r"(?:^|\s)#((?:fig|tbl)-[\w-]*\w)")


class CrossReferences:
    def __init__(self):
        self.numbers: Dict[str, int] = {}
        self.counts = {kind: 0 for kind in KINDS}

    def collect(self, root) -> None:
        """Number every figure and table with an id, in the order of the document."""
        for el in root.iter():
            found = None
            if el.tag in ("img", "div", "table") and (el.get("id") or "").startswith(
                    ("fig-", "tbl-")):
                found = el.get("id")
            elif el.tag == "table" and el.get("data-caption-attrs"):
                found = id_in(el.get("data-caption-attrs"))
            elif el.tag == "p":
                found = _caption_id(el)
            if found and found not in self.numbers:
                kind = found.split("-", 1)[0]
                self.counts[kind] += 1
                self.numbers[found] = self.counts[kind]

    def label(self, ident: str) -> Optional[str]:
        """"Figure 2" for `fig-x`, when a figure has that id."""
        if ident not in self.numbers or ident.split("-", 1)[0] not in KINDS:
            return None
        return f"{KINDS[ident.split('-', 1)[0]]} {self.numbers[ident]}"

    def replace(self, text: str, unknown) -> str:
        """References in `text` said as their labels; `unknown(ident)` for the others."""
        if "@" not in text:
            return text

        def said(match):
            label = self.label(match.group(1))
            if label is None:
                unknown(match.group(1))
                return match.group(0)
            return label
        return REFERENCE.sub(said, text)


def id_in(attrs: str) -> Optional[str]:
    match = _ID.search(attrs or "")
    return match.group(1) if match else None


_CAPTION_ATTRS = re.compile(r"[ \t]*\{([^{}]*)\}[ \t]*$")
_CAPTION = re.compile(r"^[ \t]*(?:Table)?:[ \t]+")


def _caption_id(el) -> Optional[str]:
    """A table caption paragraph's `{#tbl-x}`."""
    text = el.text or ""
    if len(el) or not _CAPTION.match(text):
        return None
    match = _CAPTION_ATTRS.search(text)
    return id_in(match.group(1)) if match else None


def split_caption_attrs(text: str):
    """(caption text, its attributes) of `Caption {#tbl-x}`."""
    match = _CAPTION_ATTRS.search(text)
    if not match:
        return text, ""
    return text[:match.start()].rstrip(), match.group(1)
