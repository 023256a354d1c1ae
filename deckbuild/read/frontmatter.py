"""Front matter: the YAML block between `---` lines at the top of a deck, and its keys."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from ..errors import DeckError, Findings
from ..model import Meta, Session, Source
from .slides import DEFAULT_NOTES_TITLE, DEFAULT_TOC_TITLE
from .textfile import safe_string
from .timing import MAX_SESSION, parse_clock, parse_time
from .typography import smart_punctuation
from .yamlsource import YamlList, YamlMap, as_text, load_yaml

_OPEN = re.compile(r"^---\s*$")
_CLOSE = re.compile(r"^(---|\.\.\.)\s*$")


def split_front_matter(text: str, path: str,
                       findings: Optional[Findings] = None) -> Tuple[YamlMap, str, int]:
    """Return (front matter, Markdown body, line number of the body's first line)."""
    lines = text.split("\n")
    if not lines or not _OPEN.match(lines[0]) or len(lines) < 2 or not lines[1].strip():
        # As in pandoc, '---' followed by a blank line is a slide break, not front matter.
        return YamlMap(), text, 1
    for index in range(1, len(lines)):
        if _CLOSE.match(lines[index]):
            break
    else:
        raise DeckError("the front matter that starts here is never closed with a '---' line",
                        path, 1)
    data = load_yaml("\n".join(lines[1:index]), path, first_line=2, findings=findings)
    if data is None:
        data = YamlMap()
        data.lines = {}
    if not isinstance(data, dict):
        raise DeckError("the front matter must be 'key: value' lines", path, 2)
    body = "\n".join(lines[index + 1:])
    return data, body, index + 2


# Keys with a meaning of their own; any other key becomes a custom document property,
# as pandoc does.
KNOWN_KEYS = {"title", "subtitle", "author", "date", "organization", "region", "notes", "toc",
              "toc-depth", "toc-title", "notes-title", "incremental", "lang", "slide-level",
              "subject", "keywords", "description", "abstract", "overflow", "handout", "fonts",
              "category", "accent", "duration", "start", "facilitator", "languages"}
# Quarto's keys for its own rendering (code execution, output formats): accepted, not
# document properties. `format: pptx:` options deckbuild knows are read as its own.
QUARTO_KEYS = {"format", "execute", "jupyter", "engine", "knitr", "filters", "editor",
               "crossref", "bibliography", "csl", "citeproc", "number-sections",
               "highlight-style", "code-fold", "fig-cap-location", "tbl-cap-location",
               "lightbox", "self-contained", "embed-resources"}
FORMAT_OPTIONS = {"slide-level", "incremental", "toc", "toc-depth", "toc-title", "lang"}
OVERFLOW = ("split", "shrink", "error")
HANDOUT = ("notes", "outline", "full", "workbook", "large-print")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}$")


@dataclass(frozen=True)
class DeckOptions:
    """How the front matter asks for the deck to be cut and built (beside its `Meta`)."""

    slide_level: Optional[int]  # None: the highest heading level followed by content
    toc: bool
    toc_depth: Optional[int]
    toc_title: str
    notes_title: str
    incremental: bool
    overflow: str  # one of OVERFLOW
    handout: str  # one of HANDOUT
    accent: Optional[str]  # RRGGBB, overriding the region's
    accent_line: int
    title_notes: Optional[str]  # the title slide's speaker notes (`notes:`)
    session: Session = Session()  # `duration:`, `start:`, `facilitator:`


class _Front:
    """Reads one front matter's keys, each checked and reported at its line."""

    def __init__(self, front: YamlMap, where: str):
        self.front = front
        self.where = where
        self.lines = getattr(front, "lines", {})

    def error(self, message: str, key: str) -> DeckError:
        return DeckError(message, self.where, self.lines.get(key, 1))

    def text(self, key: str) -> str:
        value = self.front.get(key)
        if isinstance(value, (list, dict)):
            value = " ".join(as_text(v) for v in value) if isinstance(value, list) else ""
        return safe_string(as_text(value)).strip()

    def choice(self, key: str, allowed, default: str) -> str:
        value = self.text(key).lower() or default
        if value not in allowed:
            raise self.error(f"'{key}: {value}' is not one of: {', '.join(allowed)}", key)
        return value

    def authors(self) -> tuple:
        value = self.front.get("author")
        if isinstance(value, list):
            return tuple(safe_string(as_text(a)) for a in value if as_text(a).strip())
        return (self.text("author"),) if value else ()

    def keywords(self) -> tuple:
        """A list, or one line of words separated by commas."""
        value = self.front.get("keywords")
        if isinstance(value, list):
            return tuple(safe_string(as_text(k)) for k in value)
        return tuple(k.strip() for k in self.text("keywords").split(",") if k.strip()) \
            if value else ()

    def level(self, key: str, lowest: int) -> Optional[int]:
        if self.front.get(key) is None:
            return None
        try:
            value = int(self.front.get(key))
            if not lowest <= value <= 6:
                raise ValueError
        except (TypeError, ValueError):
            raise self.error(f"'{key}' must be a number from {lowest} to 6", key) from None
        return value

    def flag(self, key: str) -> bool:
        value = self.front.get(key)
        return bool(value) and as_text(value).strip().lower() not in ("false", "no", "off", "0")

    def accent(self) -> Optional[str]:
        accent = self.text("accent").lstrip("#").upper() or None
        if accent and (len(accent) != 6 or any(c not in "0123456789ABCDEF" for c in accent)):
            raise self.error(f"'accent: {self.text('accent')}' is not a colour like"
                             " \"#1F6F8B\"", "accent")
        return accent

    def session(self) -> Session:
        """`duration: 90m`, `start: "9:00"` and `facilitator: false`, each checked."""
        duration = start = None
        twelve_hour = False
        try:
            if self.text("duration"):
                duration = parse_time(self.text("duration"), MAX_SESSION)
        except ValueError as exc:
            raise self.error(f"'duration:': {exc}", "duration") from None
        try:
            if self.text("start"):
                start, twelve_hour = parse_clock(self.text("start"))
        except ValueError as exc:
            raise self.error(f"'start:': {exc}", "start") from None
        wanted = self.front.get("facilitator")
        return Session(duration, start, twelve_hour,
                       facilitator=wanted is None or self.flag("facilitator"),
                       duration_source=Source(self.where, self.lines.get("duration", 1)))

    def lang(self) -> str:
        lang = self.text("lang") or "en-US"
        if not _LANGUAGE.match(lang):
            raise self.error(f"'lang: {lang[:40]}' is not a language tag like en-US, es-MX"
                             " or ar", "lang")
        return lang


def with_format_options(front: YamlMap) -> YamlMap:
    """Quarto's `format: pptx: {slide-level: 2, incremental: true}` as top-level keys (the
    deck's own top-level keys win)."""
    formats = front.get("format")
    pptx = formats.get("pptx") if isinstance(formats, dict) else None
    if not isinstance(pptx, dict):
        return front
    merged = YamlMap(front)
    merged.line = front.line
    merged.lines = dict(getattr(front, "lines", {}) or {})
    for key, value in pptx.items():
        if key in FORMAT_OPTIONS and key not in front:
            merged[key] = value
            merged.lines[key] = (getattr(pptx, "lines", {}) or {}).get(key, front.line)
    return merged


def read_front_matter(front: YamlMap, where: str) -> Tuple[Meta, DeckOptions]:
    """The deck's metadata and options, each key checked; a wrong one raises at its line."""
    front = with_format_options(front)
    keys = _Front(front, where)
    authors = keys.authors()
    keywords = keys.keywords()
    slide_level = keys.level("slide-level", 0)
    custom = tuple((key, safe_string(_flat(value))) for key, value in front.items()
                   if key not in KNOWN_KEYS and key not in QUARTO_KEYS)
    accent = keys.accent()
    meta = Meta(
        title=smart_punctuation(keys.text("title"))[0],
        subtitle=smart_punctuation(keys.text("subtitle"))[0], authors=authors,
        organization=keys.text("organization"), date=keys.text("date"),
        subject=keys.text("subject"), keywords=keywords,
        description=keys.text("description") or keys.text("abstract"),
        lang=keys.lang(), custom=custom)
    notes = front.get("notes")
    options = DeckOptions(
        slide_level=slide_level,
        toc=keys.flag("toc"),
        toc_depth=keys.level("toc-depth", 1),
        toc_title=keys.text("toc-title") or DEFAULT_TOC_TITLE,
        notes_title=keys.text("notes-title") or DEFAULT_NOTES_TITLE,
        incremental=keys.flag("incremental"),
        overflow=keys.choice("overflow", OVERFLOW, "split"),
        handout=keys.choice("handout", HANDOUT, "notes"),
        accent=accent,
        accent_line=keys.lines.get("accent", 1),
        title_notes=safe_string(as_text(notes)) if notes else None,
        session=keys.session())
    return meta, options


def _flat(value) -> str:
    if isinstance(value, (list, YamlList)):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, (dict, YamlMap)):
        return ", ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return as_text(value)
