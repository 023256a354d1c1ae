"""Read, the other way in: a PowerPoint file becomes the deck model.

An importer is a reader of another kind: what `read_deck` makes from Markdown,
`read_pptx` makes from a .pptx, so the Markdown writer (`write.markdown`)
can turn any deck into a source deckbuild builds. Every slide remembers the
file and its number in it.

The deck's first slide, when it is a title slide, becomes the front matter
(with the document properties); section-header slides and PowerPoint's own
sections become sections; pictures become files (`PictureStore`); what cannot
be carried is listed in `ImportedDeck.lost` as "slide N: ...".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from lxml import etree
from pptx.oxml.ns import qn

from ...errors import DeckError
from ...model import Deck, Layout, Meta, Run, Slide, Source, plain
from ..textfile import safe_string
from .package import open_presentation
from .slides import PictureStore, PictureTooLarge, SlideReader, model_slides

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}$")
_DATE = re.compile(
    r"^(?:\d{4}(?:[-/.]\d{1,2}){0,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
    r"(?:\d{1,2}\.?\s+)?[A-Za-z\u00c0-\u024f]{3,12}\.?\s+(?:\d{1,2},?\s+)?\d{4}|"
    r"[A-Za-z]{3,12}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})$")
# Front-matter keys deckbuild reads itself: a custom property by such a name is not one.
KNOWN_KEYS = {"title", "subtitle", "author", "date", "organization", "region", "notes", "toc",
              "toc-depth", "toc-title", "notes-title", "incremental", "lang", "slide-level",
              "subject", "keywords", "description", "abstract", "overflow", "handout", "fonts",
              "category", "accent"}
# Custom properties that Office and SharePoint add for themselves.
_TOOL_PROPERTIES = re.compile(r"^(?:_|MSIP_|ContentTypeId$|TaxKeyword|MediaService|Order$|"
                              r"xd_|TemplateUrl$|ComplianceAsset|lcf76f155ced4ddcb4097134ff3c332f"
                              r"|TaxCatchAll$|ClassificationContentMarking)", re.I)


@dataclass(frozen=True)
class ImportedDeck:
    """A deck read from PowerPoint, with what the Markdown writer needs beside the model."""

    deck: Deck
    pictures: Tuple[Tuple[str, bytes], ...] = ()  # (absolute file path, its bytes)
    comments: Tuple[Tuple[str, ...], ...] = ()  # per slide of deck.slides: comments to write
    lost: Tuple[str, ...] = ()  # "slide N: what could not be carried"
    sections_added: int = 0


def read_pptx(path, name: str, assets: Path) -> ImportedDeck:
    """Read the deck at `path`; its pictures are named into the folder `assets`."""
    path = Path(path)
    where = str(path)
    prs, removed = open_presentation(path)
    pictures = PictureStore(Path(assets).resolve())
    lost: List[str] = list(removed)

    def note(number: int, message: str) -> None:
        line = f"slide {number}: {message}"
        if line not in lost:
            lost.append(line)

    reader = SlideReader(prs, where, pictures, note)
    sections = _sections(prs)
    slides: List[Slide] = []
    comments: List[Tuple[str, ...]] = []
    front: Optional[dict] = None
    added = 0
    ids = [entry.get("id") for entry in prs.slides._sldIdLst]
    for number, slide in enumerate(prs.slides, 1):
        try:
            read = reader.read(number, slide)
        except PictureTooLarge as exc:
            what = "background picture" if exc.background else "a picture"
            raise DeckError(f"slide {exc.number}: {what}{exc.size} is too large to import (over"
                            " 90 million pixels); make it smaller in PowerPoint (Picture"
                            " Format > Compress Pictures) and import again", where) from None
        except DeckError:
            raise
        except Exception as exc:  # a part python-pptx cannot make sense of
            raise DeckError(f"slide {number} is damaged and cannot be read"
                            f" ({type(exc).__name__}: {str(exc)[:100]})", where) from None
        section = sections.get(ids[number - 1])
        made, title_parts = model_slides(read, first=number == 1)
        if title_parts is not None:
            front = title_parts
            slides.append(_title_slide(prs, title_parts, read.source))
            comments.append(tuple(read.comments))
            continue
        if section and not (made and made[0].layout is Layout.SECTION):
            slides.append(Slide(Layout.SECTION, (Run(section),),
                                source=Source(where, slide=number)))
            comments.append(())
            added += 1
            note(number, f"PowerPoint's section '{section}' starts here: it became a section"
                 " slide before this one")
        for index, model in enumerate(made):
            slides.append(model)
            comments.append(tuple(read.comments) if index == 0 else ())
    if not slides:
        raise DeckError("this deck has no slides: there is nothing to import", where)
    meta = _meta(prs, front, slides)
    deck = Deck(name=name, meta=meta, slides=tuple(slides), source=Source(where))
    return ImportedDeck(deck, tuple(pictures.data.items()), tuple(comments), tuple(lost), added)


# ---------------------------------------------------------------- title slide and properties


def _title_slide(prs, parts: dict, source: Source) -> Slide:
    meta = _title_meta(prs, parts)
    byline = [(Run(a),) for a in meta.authors]
    if meta.organization:
        byline.append((Run(meta.organization),))
    if meta.date:
        byline.append((Run(meta.date),))
    return Slide(Layout.TITLE, parts["title"], (), parts["notes"], source,
                 subtitle=(Run(meta.subtitle),) if meta.subtitle else (), byline=tuple(byline))


def _title_meta(prs, parts: dict) -> Meta:
    """Subtitle, authors, organization and date from the title slide's lines.

    A line that is one of the document's authors is an author, a last line that
    reads as a date is the date; the first other line is the subtitle and the
    next the organization. deckbuild writes its title slides in that order.
    """
    core = prs.core_properties
    names = {_norm(a) for a in re.split(r";", core.author or "") if a.strip()}
    lines = [_norm(plain(line)) for line in parts["lines"]]
    lines = [line for line in lines if line]
    subtitle, organization, date = "", "", ""
    authors: List[str] = []
    for index, line in enumerate(lines):
        if line in names:
            authors.append(line)
        elif index == len(lines) - 1 and _DATE.match(line) and index > 0 or (
                _DATE.match(line) and index == len(lines) - 1 and not subtitle and
                len(lines) > 1):
            date = line
        elif not subtitle and not authors:
            subtitle = line
        elif not organization:
            organization = line
        else:
            authors.append(line)
    return Meta(title=_norm(plain(parts["title"])), subtitle=subtitle, authors=tuple(authors),
                organization=organization, date=date)


def _meta(prs, front: Optional[dict], slides: List[Slide]) -> Meta:
    core = prs.core_properties
    base = _title_meta(prs, front) if front else Meta()
    subject = _norm(core.subject or "")
    if subject == base.subtitle:
        subject = ""
    keywords = tuple(k.strip() for k in (core.keywords or "").split(",") if k.strip())
    custom = _custom_properties(prs)
    if core.category and core.category.strip():
        custom = (("category", _norm(core.category)),) + custom
    return Meta(title=base.title, subtitle=base.subtitle, authors=base.authors,
                organization=base.organization, date=base.date,
                subject=subject if front else "", keywords=keywords if front else (),
                description=_description(core.comments) if front else "",
                lang=_language(prs), custom=custom if front else ())


def _description(comments) -> str:
    text = _norm(comments or "")
    return "" if text.lower() in _TOOL_DESCRIPTIONS else text


_TOOL_DESCRIPTIONS = {"generated using python-pptx", "generated by pandoc", "powerpoint"}


def _language(prs) -> str:
    """The deck's language: the document's, else the one most of its text is marked with."""
    value = (prs.core_properties.language or "").strip()
    if _LANGUAGE.match(value):
        return value
    counts: Dict[str, int] = {}
    for slide in list(prs.slides)[:20]:
        for rpr in slide._element.iter(qn("a:rPr")):
            lang = rpr.get("lang")
            if lang and _LANGUAGE.match(lang):
                counts[lang] = counts.get(lang, 0) + 1
    if counts:
        return max(sorted(counts), key=lambda k: counts[k])
    return "en-US"


def _custom_properties(prs) -> Tuple[Tuple[str, str], ...]:
    package = prs.part.package
    part = next((p for p in package.iter_parts() if str(p.partname) == "/docProps/custom.xml"),
                None)
    if part is None:
        return ()
    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False,
                                                           no_network=True))
    except etree.XMLSyntaxError:
        return ()
    found = []
    for prop in root.findall(f"{{{CUSTOM}}}property"):
        key = (prop.get("name") or "").strip()
        if not key or key.lower() in KNOWN_KEYS or _TOOL_PROPERTIES.match(key) or \
                not re.match(r"^[A-Za-z][\w .-]{0,60}$", key):
            continue
        value = " ".join("".join(prop.itertext()).split())
        if value and len(value) < 500:
            found.append((key, safe_string(value)))
    return tuple(found)


def _sections(prs) -> Dict[str, str]:
    """PowerPoint's sections: slide id -> the name of the section it starts."""
    starts: Dict[str, str] = {}
    for section_list in prs.part._element.iter(f"{{{P14}}}sectionLst"):
        for index, section in enumerate(section_list.findall(f"{{{P14}}}section")):
            name = _norm(section.get("name") or "")
            ids = section.find(f"{{{P14}}}sldIdLst")
            first = ids[0].get("id") if ids is not None and len(ids) else None
            if not first or not name or (index == 0 and name.lower() in (
                    "default section", "untitled section", "standardabschnitt",
                    "section par défaut", "sección predeterminada")):
                continue
            starts[first] = name
    return starts


def _norm(text: str) -> str:
    return " ".join(safe_string(text).replace("\u00a0", " ").split())


__all__ = ["ImportedDeck", "read_pptx"]
