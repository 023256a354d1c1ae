"""Stage 1, Read: front matter, region file and Markdown become a `Deck`."""
from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Optional

from ..design.theme import region_theme
from ..errors import DeckError, Findings
from ..media import load_picture
from ..model import Deck, Image, Meta, Run, Source
from .frontmatter import split_front_matter
from .links import LinkChecker
from .markdown_ext import make_markdown, parse
from .region import check_region_key, load_region, region_path
from .slides import (DEFAULT_NOTES_TITLE, DEFAULT_TOC_TITLE, SlideBuilder, _Draft,
                     slide_level)
from .substitute import names_for, substitute, substitute_values
from .textfile import exists, is_file, read_text, safe_string
from .tree import SourceLines, TreeReader, smart_punctuation
from .yamlsource import YamlList, YamlMap, as_text

# Front matter keys with a meaning of their own; any other key becomes a custom
# document property, as pandoc does.
KNOWN_KEYS = {"title", "subtitle", "author", "date", "organization", "region", "notes", "toc",
              "toc-depth", "toc-title", "notes-title", "incremental", "lang", "slide-level",
              "subject", "keywords", "description", "abstract", "overflow", "handout", "fonts",
              "category", "accent"}
OVERFLOW = ("split", "shrink", "error")
HANDOUT = ("notes", "outline", "full")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}$")


def project_root_for(deck_path: Path) -> Path:
    """The folder a deck's pictures must stay inside: above `source/`, else its own."""
    folder = deck_path.resolve().parent
    return folder.parent if folder.name == "source" else folder


def regions_dir_for(deck_path: Path) -> Path:
    """source/regions beside the deck, as the deck's path was given (for messages)."""
    return Path(deck_path).parent / "regions"


def read_deck(path, region: Optional[str] = None, findings: Optional[Findings] = None,
              markdown=None, keep_going: bool = False) -> Deck:
    """Read one deck; `region` overrides the front matter's `region:`.

    With `keep_going` (for `deckbuild check`), a picture that cannot be used or an
    unknown `{{ name }}` is recorded in `findings` as an error and reading goes on,
    so one run reports them all; such a deck is for checking, not for rendering.
    """
    path = Path(path)
    findings = findings if findings is not None else Findings()
    where = str(path)
    text = read_text(path, findings)
    front, body, first_line = split_front_matter(text, where, findings)
    root = project_root_for(path)

    region_model = _region(path, front, region, root, findings)
    names = names_for(region_model)
    unknown = findings if keep_going else None
    front = substitute_values(front, names, where, unknown=unknown)

    meta, options = _meta(front, where)
    body = substitute(body, names, where, first_line, unknown=unknown)

    md, ext = markdown or make_markdown()
    tree = parse(md, ext, body, where, first_line, findings)

    def resolve_image(src: str, alt: str, line: int = 0) -> Image:
        try:
            return _image(src, alt, path, root, line or links.line)
        except DeckError as exc:
            if not keep_going:
                raise
            findings.error(exc.message, exc.path, exc.line, rule=exc.rule)
            return Image("", safe_string(alt))

    links = LinkChecker(findings, where, first_line)
    items = TreeReader(md, links, resolve_image, SourceLines(body, first_line)).items(tree)
    level = options["slide_level"] if options["slide_level"] is not None else slide_level(items)
    groups = region_model.groups if region_model else ()
    builder = SlideBuilder(where, findings, level, options["incremental"], groups,
                           region_model.name if region_model else "", resolve_image)
    slides = builder.build(items, _title_draft(meta, options, front),
                           first_line, options["toc"], options["toc_depth"],
                           options["toc_title"], options["notes_title"])
    if not slides:
        # An emptied file (a bad save, a sync gone wrong) must not replace a good deck.
        message = ("this file has no slides: nothing was built, and the last deck built from"
                   " it was kept. Start a slide with '## Title'.")
        if not keep_going:
            raise DeckError(message, where)
        findings.error(message, where, rule="empty-deck")

    theme = region_theme(region_model)
    if options["accent"]:
        theme = replace(theme, accent=options["accent"],
                        accent_source=Source(where, options["accent_line"]))
    fonts = _font_files(front, root, where)
    if fonts:
        theme = replace(theme, font_files=fonts)
    return Deck(name=path.stem, meta=meta, slides=tuple(slides), source=Source(where, 1),
                theme=theme, region=region_model, overflow=options["overflow"],
                handout=options["handout"])


def _region(path: Path, front: YamlMap, region: Optional[str], root: Path, findings):
    """The region named on the command line, else by the front matter's `region:`."""
    key = region or as_text(front.get("region")).strip() or None
    if not key:
        return None
    # A wrong `region:` in the deck is reported at its line in the deck.
    where = (str(path), getattr(front, "lines", {}).get("region", 1)) if not region else (None, 0)
    problem = check_region_key(key)
    file = None if problem else region_path(regions_dir_for(path), key)
    if file is not None and not exists(file):  # a pipe or device: refused by load_region
        names = [p.stem for p in sorted(file.parent.glob("*.yaml"))]
        problem = (f"there is no region '{key}' (no file {file})"
                   + (f"; there are: {', '.join(names)}" if names else ""))
    if problem:
        raise DeckError(problem, *where)
    return load_region(file, root, findings)


def _meta(front: YamlMap, where: str) -> tuple:
    lines = getattr(front, "lines", {})

    def text(key: str) -> str:
        value = front.get(key)
        if isinstance(value, (list, dict)):
            value = " ".join(as_text(v) for v in value) if isinstance(value, list) else ""
        return safe_string(as_text(value)).strip()

    def choice(key, allowed, default):
        value = text(key).lower() or default
        if value not in allowed:
            raise DeckError(f"'{key}: {value}' is not one of: {', '.join(allowed)}", where,
                            lines.get(key, 1))
        return value

    authors = front.get("author")
    if isinstance(authors, list):
        authors = tuple(safe_string(as_text(a)) for a in authors if as_text(a).strip())
    elif authors:
        authors = (text("author"),)
    else:
        authors = ()
    keywords = front.get("keywords")
    if isinstance(keywords, list):
        keywords = tuple(safe_string(as_text(k)) for k in keywords)
    elif keywords:
        keywords = tuple(k.strip() for k in text("keywords").split(",") if k.strip())
    else:
        keywords = ()
    def level(key: str, lowest: int):
        if front.get(key) is None:
            return None
        try:
            value = int(front.get(key))
            if not lowest <= value <= 6:
                raise ValueError
        except (TypeError, ValueError):
            raise DeckError(f"'{key}' must be a number from {lowest} to 6", where,
                            lines.get(key, 1)) from None
        return value

    def flag(key: str) -> bool:
        value = front.get(key)
        return bool(value) and as_text(value).strip().lower() not in ("false", "no", "off", "0")

    slide_level_value = level("slide-level", 0)
    custom = []
    for key, value in front.items():
        if key in KNOWN_KEYS:
            continue
        custom.append((key, safe_string(_flat(value))))
    accent = text("accent").lstrip("#").upper() or None
    if accent and (len(accent) != 6 or any(c not in "0123456789ABCDEF" for c in accent)):
        raise DeckError(f"'accent: {text('accent')}' is not a colour like \"#1F6F8B\"", where,
                        lines.get("accent", 1))
    lang = text("lang") or "en-US"
    if not _LANGUAGE.match(lang):
        raise DeckError(f"'lang: {lang[:40]}' is not a language tag like en-US, es-MX or ar",
                        where, lines.get("lang", 1))
    meta = Meta(
        title=smart_punctuation(text("title"))[0],
        subtitle=smart_punctuation(text("subtitle"))[0], authors=authors,
        organization=text("organization"), date=text("date"),
        subject=text("subject"), keywords=keywords,
        description=text("description") or text("abstract"),
        lang=lang, custom=tuple(custom))
    options = {
        "slide_level": slide_level_value,
        "toc": flag("toc"),
        "toc_depth": level("toc-depth", 1),
        "toc_title": text("toc-title") or DEFAULT_TOC_TITLE,
        "notes_title": text("notes-title") or DEFAULT_NOTES_TITLE,
        "incremental": flag("incremental"),
        "overflow": choice("overflow", OVERFLOW, "split"),
        "handout": choice("handout", HANDOUT, "notes"),
        "accent": accent,
        "accent_line": lines.get("accent", 1),
    }
    return meta, options


def _flat(value) -> str:
    if isinstance(value, (list, YamlList)):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, (dict, YamlMap)):
        return ", ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return as_text(value)


def _title_draft(meta: Meta, options, front) -> Optional[_Draft]:
    notes_text = front.get("notes")
    if not (meta.title or meta.subtitle or meta.authors or meta.date or notes_text):
        return None
    byline = [(Run(a),) for a in meta.authors]
    if meta.organization:
        byline.append((Run(meta.organization),))
    if meta.date:
        byline.append((Run(meta.date),))
    draft = _Draft(1, (Run(meta.title),) if meta.title else (), "title",
                   has_title=bool(meta.title),
                   subtitle=(Run(meta.subtitle),) if meta.subtitle else (),
                   byline=tuple(byline))
    if notes_text:
        value = safe_string(as_text(notes_text))
        draft.notes.extend((Run(p.strip()),) for p in value.split("\n\n") if p.strip())
    return draft


def _image(src: str, alt: str, deck: Path, root: Path, line: int) -> Image:
    where = str(deck)
    if not src:
        raise DeckError("this picture has no file name", where, line)
    if "://" in src or src.startswith("data:"):
        raise DeckError(f"pictures must be files in the project, not web addresses ({src[:60]})",
                        where, line, rule="missing-file")
    file = (deck.resolve().parent / src).resolve()
    if not file.is_relative_to(root.resolve()):
        raise DeckError(f"the picture '{src}' is outside the project folder; copy it into"
                        " assets/", where, line, rule="missing-file")
    try:
        found = is_file(file)
    except DeckError as exc:
        raise DeckError(f"the picture '{src}': {exc}", where, line, rule="missing-file") from None
    if not found:
        raise DeckError(f"the picture '{src}' does not exist (looked for {file})", where, line,
                        rule="missing-file")
    if not os.access(file, os.R_OK):
        raise DeckError(f"the picture '{src}' cannot be read (check its permissions)", where,
                        line, rule="missing-file")
    try:
        picture = load_picture(str(file))
    except DeckError as exc:
        raise DeckError(f"the picture '{src}': {exc.message}", where, line,
                        rule="image-type") from None
    return Image(str(file), safe_string(alt), picture.width, picture.height)


FONT_SUFFIXES = (".ttf", ".ttc")


def _font_files(front, root: Path, where: str) -> tuple:
    """`fonts:` (one path or a list, relative to the project) as checked absolute paths.

    The handout draws with them what its standard font cannot show (Vietnamese,
    Arabic, Chinese...); reportlab reads TrueType files only.
    """
    value = front.get("fonts")
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else [value]
    lines = getattr(value, "lines", None) or [getattr(front, "lines", {}).get("fonts", 1)] * \
        len(items)
    found = []
    for item, line in zip(items, lines):
        if isinstance(item, (dict, list)) or not as_text(item).strip():
            raise DeckError("'fonts' lists font files, one path a line, like"
                            " '- assets/fonts/NotoSans-Regular.ttf'", where, line)
        name = as_text(item).strip()
        file = (root / name).resolve()
        if not file.is_relative_to(root.resolve()):
            raise DeckError(f"the font '{name}' is outside the project folder; copy it into"
                            " assets/", where, line)
        if not is_file(file):
            raise DeckError(f"the font file '{name}' does not exist (paths are relative to"
                            f" {root})", where, line)
        if file.suffix.lower() not in FONT_SUFFIXES:
            raise DeckError(f"the font '{name}' is not a TrueType font (.ttf); the handout"
                            " can use only those", where, line)
        found.append(str(file))
    return tuple(dict.fromkeys(found))
