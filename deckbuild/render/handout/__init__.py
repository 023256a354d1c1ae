"""Stage 3, Render: the deck model as a printable PDF handout (reportlab).

Made for paper and for later: a cover, the slides in one of three layouts
(notes, outline, full), the key quotes, the links and every resource with its
full address printed (paper cannot be clicked), clickable in the PDF, and a QR
code a phone can read. The parts live in their own modules:

- document.py  paper, footer with page X of Y, bookmarks, metadata
- miniature.py a slide drawn small from the same plan as the deck
- layouts.py   notes / outline / full / workbook
- cover.py, quotes.py, resources.py (resources, links, QR codes)
- fonts.py     fallback fonts for what Helvetica cannot show
- context.py, styles.py, markup.py  what the parts share
The font warnings are collected here, before anything is drawn.
"""
from __future__ import annotations

from typing import List, Optional

from ...errors import Findings
from ...model import Deck, Image, Layout, ResourceList, iter_blocks, plain, slide_runs
from .context import Handout
from .cover import cover
from .document import PAPER, Bookmarks, HandoutDocument
from ..font_warnings import MISSING, SHAPING, font_warning
from ..fonts import FontSet, shaped_scripts
from .layouts import story_for
from ..slide.drawer import SlideDrawer
from .quotes import quotes
from .resources import links, resources
from .styles import Styles

LAYOUTS = ("notes", "outline", "full", "workbook", "large-print")


def render_handout(deck: Deck, paper: str = "letter", layout: Optional[str] = None,
                   findings: Optional[Findings] = None) -> bytes:
    """The finished handout PDF as bytes; font problems go to `findings` as warnings."""
    layout = layout or deck.handout or "notes"
    if layout not in LAYOUTS:
        raise ValueError(f"unknown handout layout {layout!r}")
    if paper not in PAPER:
        raise ValueError(f"unknown paper size {paper!r}")
    fonts = FontSet(deck.theme.font_files)
    check_fonts(deck, fonts, layout, findings if findings is not None else Findings())
    styles = Styles(deck.theme, large=layout == "large-print")
    document = HandoutDocument(deck, paper, fonts, styles)
    drawer = SlideDrawer(deck, fonts)

    handout = Handout(deck, layout, document, styles, fonts, drawer, Bookmarks())
    return document.build(cover(handout) + story_for(handout) + quotes(handout) + links(handout)
                          + resources(handout))


def check_fonts(deck: Deck, fonts: FontSet, layout: str, findings: Findings,
                output: str = "handout") -> None:
    """Warn, slide by slide, about characters the handout (or `output`, another document
    made with its machinery) cannot draw as written."""
    hint = "name a TrueType font that has them under 'fonts:' in the deck's front matter"
    for number, slide in enumerate(deck.slides, 1):
        text = "".join(run.text for run in slide_runs(slide, notes=layout == "full",
                                                      participants=output == "handout"))
        text += "".join(_block_text(slide))
        name = plain(slide.title) or "untitled"
        _warn(fonts, text, f"slide {number} ('{name}')", hint, findings, slide.source.path,
              slide.source.line, output)
    region = deck.region
    if region is not None:
        names = region.name + (region.organization.name if region.organization else "")
        _warn(fonts, names, "the region's name", hint, findings, region.source.path, 1, output)
        for group in region.groups:
            text = group.title + "".join(r.name + r.description + r.phone + r.hours
                                         for r in group.items)
            _warn(fonts, text, f"the resources of '{group.title}'", hint, findings,
                  group.source.path, group.source.line, output)
    if not any(s.layout is Layout.TITLE for s in deck.slides):
        meta = deck.meta
        text = meta.title + meta.subtitle + meta.organization + meta.date + "".join(meta.authors)
        _warn(fonts, text, "the cover", hint, findings, deck.source.path, 1, output)


def _block_text(slide) -> List[str]:
    """Text the handout prints that is not in runs: resource entries, picture captions."""
    out = []
    for block in iter_blocks(slide.blocks):
        if isinstance(block, ResourceList):
            out += [r.name + r.description + r.phone + r.hours for r in block.items]
        elif isinstance(block, Image):
            out.append(block.alt)
    return out


def _warn(fonts: FontSet, text: str, where: str, hint: str, findings: Findings, path: str,
          line: int, output: str = "handout") -> None:
    missing = fonts.missing(text)
    if missing:
        findings.add(font_warning(MISSING, [output], missing, where, hint, path, line))
    drawable = text.translate(dict.fromkeys(map(ord, missing))) if missing else text
    for script in shaped_scripts(drawable):
        findings.add(font_warning(SHAPING, [output], [script], where, "", path, line))
