"""Resource slides: slides whose body is a list of services with links, phones, addresses.

With `--region`, such slides become the region's resource groups (one group
per slide title, "(continued)" slides joined to theirs) and the deck shows them
with `::: resources`. Each entry keeps what the slide says: the name (a bold
or linked start, else the text before ":" or a dash), the address (the link,
else an address in the text, an e-mail or a phone number), the phone number
and the opening hours where they can be told apart, and the rest as its
description. deckbuild's own resource slides ("Name — description", then
"phone · hours · address") read back exactly.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Tuple

from ...model import (Deck, Layout, ListBlock, Paragraph, Resource, ResourceGroup, ResourceList,
                      Run, Slide, Text, plain)
from ...layout.paragraphs import resource_notes
from ..links import normalise_url

CONTINUED = re.compile(r"\s*\((?:continued|cont\.?|suite|continuación|fortsetzung)\)\s*$", re.I)
PHONE = re.compile(r"(?<![\w/.])(?:\+?\d[\d\s().\-]{5,}\d|\d-\d-\d|\b\d{3}\b(?=\s*$))(?![\w/])")
_PHONE_ONLY = re.compile(r"^\+?[\d\s().\-/]{3,}$|^\d-\d-\d$|^\d{3}$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.I)
HOURS = re.compile(r"\b(?:24/7|24 hours|hours|daily|mon|tue|wed|thu|fri|sat|sun|am\b|pm\b|"
                   r"weekdays|weekends|\d{1,2}(?::\d\d)?\s*(?:am|pm|-|–))", re.I)
RESOURCE_WORDS = re.compile(r"resource|service|help|support|contact|hotline|helpline|where to|"
                            r"find|crisis|call|recurso|ressource|hilfe|numbers", re.I)
DETAIL_SEPARATOR = "\u00b7"
NAME_SEPARATOR = re.compile(r"\s+(?:\u2014|\u2013|-)\s+|:\s+")


def find_resources(deck: Deck) -> Tuple[Deck, List[ResourceGroup]]:
    """The deck with its resource slides as `ResourceList`s, and the groups found."""
    groups: List[ResourceGroup] = []
    slides: List[Slide] = []
    for slide in deck.slides:
        entries = resource_entries(slide)
        if entries is None:
            slides.append(slide)
            continue
        title = CONTINUED.sub("", plain(slide.title)).strip() or "Resources"
        slide = replace(slide, notes=_own_notes(slide.notes, entries))
        previous = slides[-1] if slides else None
        if previous is not None and previous.layout is Layout.RESOURCES and groups and \
                groups[-1].title == title:
            group = groups[-1]
            groups[-1] = ResourceGroup(title, group.items + tuple(entries), group.source)
            slides[-1] = replace(previous, blocks=(ResourceList(title, groups[-1].items),),
                                 notes=previous.notes + slide.notes)
            continue
        title = _unique(title, groups)
        groups.append(ResourceGroup(title, tuple(entries), slide.source))
        slides.append(Slide(Layout.RESOURCES, (Run(title),), (ResourceList(title, tuple(entries)),),
                            slide.notes, slide.source))
    return replace(deck, slides=tuple(slides)), groups


def _own_notes(notes, entries: List[Resource]) -> tuple:
    """The notes without the lines deckbuild writes about each service on a resources
    slide (`layout.paragraphs.resource_notes`): the rebuilt deck writes them again."""
    written = {plain(text) for text in resource_notes((ResourceList("", tuple(entries)),))}
    return tuple(text for text in notes if plain(text) not in written)


def _unique(title: str, groups: List[ResourceGroup]) -> str:
    names = {g.title.casefold() for g in groups}
    if title.casefold() not in names:
        return title
    number = 2
    while f"{title} {number}".casefold() in names:
        number += 1
    return f"{title} {number}"


def resource_entries(slide: Slide) -> Optional[List[Resource]]:
    """The slide's entries when it is a resource slide, else None."""
    if slide.layout not in (Layout.CONTENT, Layout.RESOURCES) or not slide.blocks:
        return None
    lines: List[Text] = []
    for block in slide.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, ListBlock) and not block.ordered:
            for item in block.items:
                lines.append(item.text)
                if item.children:
                    return None
        else:
            return None
    entries = _entries(lines)
    reachable = [e for e in entries if e.url or e.phone]
    if not entries or len(reachable) < 0.75 * len(entries):
        return None
    if len(entries) < 2 and not RESOURCE_WORDS.search(plain(slide.title)):
        return None
    return entries


def _entries(lines: List[Text]) -> List[Resource]:
    entries: List[Resource] = []
    for line in lines:
        text = plain(line).strip()
        previous = entries[-1] if entries else None
        if previous is not None and (DETAIL_SEPARATOR in text or _PHONE_ONLY.match(text) or (
                previous.url and _display(previous.url) == text)) and \
                _is_detail(text, previous):
            entries[-1] = _with_details(entries[-1], text)
            continue
        entries.append(_entry(line))
    return entries


def _is_detail(text: str, entry: Resource) -> bool:
    return not entry.phone and not entry.hours and all(
        part.strip() for part in text.split(DETAIL_SEPARATOR))


def _with_details(entry: Resource, text: str) -> Resource:
    """deckbuild's detail line: phone, hours and the address as printed, between dots."""
    parts = [p.strip() for p in text.split(DETAIL_SEPARATOR)]
    url = entry.url
    if url and not url.startswith("tel:") and parts and _display(url) == parts[-1]:
        parts = parts[:-1]
    elif parts and (URL.fullmatch(parts[-1]) or EMAIL.fullmatch(parts[-1])) and not url:
        url = _address(parts[-1]) or url
        parts = parts[:-1]
    phone, hours = "", ""
    if len(parts) >= 2:
        phone, hours = parts[0], " \u00b7 ".join(parts[1:])
    elif parts:
        if _PHONE_ONLY.match(parts[0]):
            phone = parts[0]
        else:
            hours = parts[0]
    return replace(entry, url=url, phone=phone, hours=hours)


def _display(url: str) -> str:
    return re.sub(r"^(https?://|mailto:|tel:)", "", url).rstrip("/")


def _entry(line: Text) -> Resource:
    text = " ".join(plain(line).split())
    links = [r.link for r in line if r.link]
    url = links[0] if links else None
    # The name: a bold or linked start, else the text before ":" or a dash.
    name = ""
    lead = []
    for run in line:
        if (run.bold or run.link) and (not lead or lead[-1].link == run.link):
            lead.append(run)
        elif run.text.strip() or not lead:
            break
    if lead:
        name = " ".join("".join(r.text for r in lead).split())
    rest = text[len(name):] if name and text.startswith(name) else text
    if name and (not rest.strip() or rest.lstrip().startswith("\u2014")):
        # "Name — what it is", as deckbuild writes an entry: the details follow on a line.
        return Resource(name=name, url=url or "", description=rest.strip().lstrip(
            "\u2014").strip())
    if not name:
        split = NAME_SEPARATOR.search(text)
        if split and split.start() > 0:
            name, rest = text[:split.start()], text[split.end():]
        else:
            name, rest = text, ""
    rest = re.sub(r"^\s*(?:\u2014|\u2013|-|:)\s*", "", rest).strip()
    if not url:
        found = URL.search(rest) or EMAIL.search(rest)
        if found:
            url = _address(found.group(0))
            rest = (rest[:found.start()] + rest[found.end():]).strip(" ,;\u2013\u2014-")
    phone = ""
    found = PHONE.search(rest)
    if found and not (url or "").startswith("tel:"):
        phone = found.group(0).strip()
        rest = (rest[:found.start()] + rest[found.end():]).strip(" ,;:\u2013\u2014-")
        rest = re.sub(r"\s*\b(?:call|phone|tel\.?)\s*$", "", rest, flags=re.I).strip()
        if not url:
            url, _ = normalise_url("tel:" + phone)
    elif found and not name_has(found.group(0), name):
        phone = found.group(0).strip()
        rest = (rest[:found.start()] + rest[found.end():]).strip(" ,;:\u2013\u2014-")
    return Resource(name=name.strip(), url=url or "", phone=phone, description=rest)


def name_has(part: str, name: str) -> bool:
    return part in name


def _address(found: str) -> Optional[str]:
    if EMAIL.fullmatch(found):
        found = "mailto:" + found
    address, _ = normalise_url(found.rstrip(".,;)"))
    return address
