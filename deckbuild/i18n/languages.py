"""Language tags: what `--lang es` means for a deck, and which way its text runs.

A deck's language is a BCP 47 tag (`es-US`, `ar`, `pt-BR`). `--lang es` names the
translation (`NAME.es.po`); the tag the outputs carry adds the region of the
deck's own `lang:` when the translation does not give one, so a Spanish deck
made from an `en-US` deck is `es-US` (what PowerPoint's spell checker and a
screen reader are told).
"""
from __future__ import annotations

import re

from ..errors import DeckError

_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$")

# Languages written right to left (Unicode CLDR's characterOrder "right-to-left"),
# and the scripts that are, for tags such as ku-Arab or pa-Arab.
_RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "glk", "he", "iw", "ks", "lrc", "mzn",
                  "nqo", "ps", "sd", "syr", "ug", "ur", "yi"}
_RTL_SCRIPTS = {"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"}
_LTR_SCRIPTS = {"latn", "cyrl"}


def check_code(code: str) -> str:
    """`es`, `es-MX`, `pt_BR` -> the code as files name it (`es`, `es-MX`, `pt-BR`)."""
    code = (code or "").strip()
    if not _CODE.match(code):
        raise DeckError(f"'{code[:40]}' is not a language code like es, fr or pt-BR")
    parts = code.replace("_", "-").split("-")
    parts[0] = parts[0].lower()
    parts[1:] = [p.upper() if len(p) == 2 else (p.title() if len(p) == 4 else p)
                 for p in parts[1:]]
    return "-".join(parts)


def primary(tag: str) -> str:
    """`es-US` -> `es`."""
    return tag.replace("_", "-").split("-")[0].lower()


def same_language(one: str, other: str) -> bool:
    return primary(one) == primary(other)


def output_tag(code: str, deck_tag: str, po_language: str = "") -> str:
    """The tag a translated deck's runs carry: the PO header's `Language` when it names a
    region (`es_MX`), else the language with the deck's own region (`es` + en-US -> es-US)."""
    for candidate in (po_language, code):
        candidate = candidate.replace("_", "-").strip()
        if _CODE.match(candidate) and "-" in candidate:
            return check_code(candidate)
    region = [p for p in deck_tag.replace("_", "-").split("-")[1:] if len(p) == 2]
    base = check_code(code)
    return f"{base}-{region[0].upper()}" if region else base


def is_rtl(tag: str) -> bool:
    """Whether text in this language runs right to left (Arabic, Hebrew, Persian, Urdu...)."""
    parts = [p.lower() for p in tag.replace("_", "-").split("-")]
    scripts = [p for p in parts[1:] if len(p) == 4]
    if scripts and scripts[0] in _RTL_SCRIPTS:
        return True
    if scripts and scripts[0] in _LTR_SCRIPTS:
        return False
    return parts[0] in _RTL_LANGUAGES


_NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
          "fr": "French", "he": "Hebrew", "ht": "Haitian Creole", "it": "Italian",
          "ja": "Japanese", "ko": "Korean", "pl": "Polish", "pt": "Portuguese",
          "ru": "Russian", "so": "Somali", "tl": "Tagalog", "uk": "Ukrainian", "ur": "Urdu",
          "vi": "Vietnamese", "zh": "Chinese"}


def language_name(code: str) -> str:
    """`es` -> "Spanish" (for messages and file headers); the code when it is not known."""
    return _NAMES.get(primary(code), code)
