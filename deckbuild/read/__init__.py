"""Stage 1, Read: front matter, region file and Markdown become a `Deck`.

The order of the work, nothing more: each step is a module of this package
(`frontmatter`, `deckfiles`, `substitute`, `markdown_ext`, `tree`, `slides`).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Optional

from ..design.theme import layout_name_problems, region_theme
from ..errors import DeckError, Findings
from ..model import Deck, Image, Layout, Source, Theme
from .deckfiles import DeckFiles
from .frontmatter import DeckOptions, read_front_matter, split_front_matter
from .links import LinkChecker
from .markdown_ext import make_markdown, parse
from .project import project_root_for, regions_dir_for
from .slides import SlideBuilder, slide_level, title_slide_draft
from .sourcelines import SourceLines
from .substitute import MarkedNames, fill_markers, names_for, substitute, substitute_values
from .textfile import read_text, safe_string
from .timing import MAX_SESSION, spoken
from .tree import TreeReader

# regions.py and watch.py ask for the project folder and the regions folder here.
__all__ = ["read_deck", "project_root_for", "regions_dir_for"]


# Front-matter keys whose text is translated: with `keep_names` their names stay markers.
TRANSLATED_KEYS = ("title", "subtitle", "notes")


def read_deck(path, region: Optional[str] = None, findings: Optional[Findings] = None,
              markdown=None, keep_going: bool = False, keep_names: bool = False,
              lang: Optional[str] = None) -> Deck:
    """Read one deck; `region` overrides the front matter's `region:`.

    With `keep_going` (for `deckbuild check`), a picture that cannot be used or an
    unknown `{{ name }}` is recorded in `findings` as an error and reading goes on,
    so one run reports them all; such a deck is for checking, not for rendering.

    With `keep_names` (for `deckbuild.translate`), each `{{ name }}` in the text stays
    a marker (read.substitute.MarkedNames) for the translation to keep; addresses,
    pictures and attributes get their values at once. `lang` gives deckbuild's own
    titles ("Table of Contents", "Notes") in that language.
    """
    path = Path(path)
    findings = findings if findings is not None else Findings()
    where = str(path)
    files = DeckFiles(path)
    front, body, first_line = split_front_matter(read_text(path, findings), where, findings)

    region_model = files.region(front, region, findings)
    names = names_for(region_model)
    unknown = findings if keep_going else None
    marked = MarkedNames(names) if keep_names else names
    filled = substitute_values(front, names, where, unknown=unknown)
    if keep_names:
        kept = substitute_values(front, marked, where)
        for key in TRANSLATED_KEYS:
            if key in front:
                filled[key] = kept[key]
    front = filled
    meta, options = read_front_matter(front, where)
    if lang:
        options = _titles_in(options, lang)
    body = substitute(body, marked, where, first_line, unknown=unknown)

    md, ext = markdown or make_markdown()
    tree = parse(md, ext, body, where, first_line, findings)
    if keep_names:
        _fill_attributes(tree, names)

    def resolve_image(src: str, alt: str, line: int = 0) -> Image:
        try:
            return files.picture(src, alt, line or links.line)
        except DeckError as exc:
            if not keep_going:
                raise
            findings.error(exc.message, exc.path, exc.line, rule=exc.rule)
            return Image("", safe_string(alt))

    links = LinkChecker(findings, where, first_line,
                        fill=(lambda text: fill_markers(text, names)) if keep_names else None)
    items = TreeReader(md, links, resolve_image, SourceLines(body, first_line)).items(tree)
    level = options.slide_level if options.slide_level is not None else slide_level(items)
    builder = SlideBuilder(where, findings, level, options.incremental,
                           region_model.groups if region_model else (),
                           region_model.name if region_model else "", resolve_image)
    slides = builder.build(items, title_slide_draft(meta, options.title_notes), first_line,
                           options.toc, options.toc_depth, options.toc_title,
                           options.notes_title)
    if not slides:
        # An emptied file (a bad save, a sync gone wrong) must not replace a good deck.
        message = ("this file has no slides: nothing was built, and the last deck built from"
                   " it was kept. Start a slide with '## Title'.")
        if not keep_going:
            raise DeckError(message, where)
        findings.error(message, where, rule="empty-deck")

    check_total_time(slides, where)
    theme = _deck_theme(region_model, options, where, files.fonts(front))
    for problem in layout_name_problems(slides, theme):
        if not keep_going:
            raise problem
        findings.error(problem.message, problem.path, problem.line, rule=problem.rule)
    return Deck(name=path.stem, meta=meta, slides=tuple(slides), source=Source(where, 1),
                theme=theme, region=region_model, overflow=options.overflow,
                handout=options.handout, session=options.session)


def check_total_time(slides, where: str) -> None:
    """All the times together past a day is a typo somewhere (90h for 90m): stop at the
    slide where the total passes it."""
    total = 0
    for slide in slides:
        total += (slide.time or 0) if slide.layout is not Layout.SECTION else 0
        if total > MAX_SESSION:
            raise DeckError(f"by this slide the times add up to {spoken(total)}, more than"
                            f" {spoken(MAX_SESSION)}: check the times for a typo (90h for 90m)",
                            slide.source.path or where, slide.source.line, rule="time")


def _fill_attributes(tree, names) -> None:
    """Names in attributes (a picture's file, `group=`) filled in; a link's address and a
    picture's description keep their markers, for the translation."""
    for element in tree.iter():
        for key, value in element.attrib.items():
            if key not in ("href", "alt"):
                element.set(key, fill_markers(value, names))


def _titles_in(options: DeckOptions, lang: str) -> DeckOptions:
    """The default titles of the contents and notes slides in the deck's language."""
    from ..i18n import words_for
    from .slides import DEFAULT_NOTES_TITLE, DEFAULT_TOC_TITLE
    words = words_for(lang)
    if options.toc_title == DEFAULT_TOC_TITLE:
        options = replace(options, toc_title=words.text(DEFAULT_TOC_TITLE))
    if options.notes_title == DEFAULT_NOTES_TITLE:
        options = replace(options, notes_title=words.text(DEFAULT_NOTES_TITLE))
    return options


def _deck_theme(region, options: DeckOptions, where: str, fonts: tuple) -> Theme:
    """The region's theme, with the deck's own `accent:` and `fonts:` over it."""
    theme = region_theme(region)
    if options.accent:
        theme = replace(theme, accent=options.accent,
                        accent_source=Source(where, options.accent_line))
    if fonts:
        theme = replace(theme, font_files=fonts)
    return theme
