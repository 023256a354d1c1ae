"""Resources and links as participants use them weeks later: on paper and on a phone.

Paper cannot be clicked, so every address is printed in full (broken between
lines after a '/' or similar, never cut off), is a link in the PDF, and has a QR
code (reportlab's own encoder, drawn as vectors: see qr.py) that a phone camera
reads back as exactly that address.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Table, TableStyle

from ...model import Resource, plain, slide_runs
from ...layout.paragraphs import display_url
from .context import Handout
from ..fonts import esc
from .markup import link_markup, quoteattr
from .qr import QrCode

QR_SIZE = 0.95 * inch
QR_COLUMN = 1.2 * inch
BREAK_AFTER = ("/", "?&=#", "._~:+,;", "-")  # where to break an address, best first
WEB = ("http://", "https://")


def qr_drawing(data: str, size: float) -> QrCode:
    """A QR code of `data`, as vectors (sharp on paper), with its quiet zone."""
    return QrCode(data, size)


def address_lines(address: str, width: float, font: str = "Courier",
                  size: float = 9.5) -> List[str]:
    """`address` cut into lines that fit `width`, at the most natural place in reach.

    A '/' is the best place; then '?', '&', '=' and '#'; then '.', '_' and the
    like; a '-' comes last, since a line ending in one reads like a hyphenation.
    Nothing is added or lost: the lines joined are the address.
    """
    lines: List[str] = []
    rest = address
    while rest and stringWidth(rest, font, size) > width:
        fit = 1
        while fit < len(rest) and stringWidth(rest[:fit + 1], font, size) <= width:
            fit += 1
        cut = fit
        for separators in BREAK_AFTER:
            places = [i + 1 for i in range(fit // 2, fit) if rest[i] in separators]
            if places:
                cut = places[-1]
                break
        lines.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        lines.append(rest)
    return lines


def shown_address(url: str) -> str:
    """The address as printed: web addresses in full, e-mail without 'mailto:'."""
    if url.startswith("mailto:"):
        return url[len("mailto:"):]
    if url.startswith("tel:"):
        return url[len("tel:"):]
    return url


def scan_label(url: str, words) -> str:
    if url.startswith("tel:"):
        return words.text("Scan to call")
    if url.startswith("mailto:"):
        return words.text("Scan to write")
    return words.text("Scan to open")


def entry(handout: Handout, name: str, details: List[str], url: str,
          print_address: bool = True) -> Table:
    """One resource or link: text on the left, the QR code on the right, kept together."""
    styles = handout.styles
    text_width = handout.width - QR_COLUMN
    # Tagged: the name (a link: a heading may hold no link for pdfua), its details, address
    # and QR code.
    text: List = [handout.paragraph(name, styles.resource_name)]
    text += [handout.paragraph(d, styles.resource_text) for d in details if d]
    if url and print_address:
        lines = address_lines(shown_address(url), text_width - 6, styles.address.fontName,
                              styles.address.fontSize)
        printed = "<br/>".join(esc(line) for line in lines)
        text.append(handout.paragraph(
            f'<a href={quoteattr(url)} color="{styles.link}">{printed}</a>', styles.address))
    cells = [text, ""]
    if url:
        # The label under the code is an artifact: the Figure's alt text says it.
        cells[1] = [handout.figure(qr_drawing(url, QR_SIZE), f"QR code for {url}"),
                    Paragraph(scan_label(url, handout.words), styles.qr_label)]
    row = Table([cells], colWidths=[text_width, QR_COLUMN], hAlign="LEFT")
    row.setStyle(TableStyle([
        styles.table_font, ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 6),
        ("LEFTPADDING", (1, 0), (1, 0), QR_COLUMN - QR_SIZE), ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, styles.rule)]))
    return handout.tall_rows_split(row)


# ---------------------------------------------------------------- the region's resources


def resources(handout: Handout) -> List:
    region = handout.deck.region
    groups = handout.deck.resource_groups
    if not groups:
        return []
    styles, words = handout.styles, handout.words
    story: List = [PageBreak(), handout.bookmark(words.text("Resources")),
                   handout.paragraph(words.text("Resources"), styles.h1, "H1")]
    intro = words.text("Services and information for {region}. ", region=handout.text(region.name))
    if region.verified:
        intro += words.text("This list was last verified in {date}. Phone numbers and addresses"
                            " change: check them before you rely on them.",
                            date=handout.text(words.date(region.verified)))
    else:
        intro += words.text("The region file does not say when this list was last verified:"
                            " check phone numbers and addresses before you rely on them.")
    story.append(handout.paragraph(intro, styles.small))
    for group in groups:
        with handout.inside("Sect"):
            heading = [handout.bookmark(group.title, 1),
                       handout.paragraph(handout.text(group.title, styles.h2), styles.h2, "H2")]
            items = [resource_entry(handout, r) for r in group.items]
        # The heading stays with the group's first entry.
        story += [CondPageBreak(1.8 * inch), KeepTogether(heading + items[:1])] + items[1:]
    return story


def resource_entry(handout: Handout, resource: Resource) -> Table:
    link = handout.styles.link
    name = link_markup(resource.name, resource.url, link, handout.fonts, bold=True)
    details = []
    if resource.description:
        details.append(handout.text(resource.description))
    facts = []
    if resource.phone:
        facts.append(handout.words.text("Phone: {phone}", phone=handout.text(resource.phone)))
    if resource.hours:
        facts.append(handout.words.text("Hours: {hours}", hours=handout.text(resource.hours)))
    if facts:
        details.append(" &nbsp;\u00b7&nbsp; ".join(facts))
    # A phone link repeats the phone number printed above; print it only when it is new.
    print_address = not (resource.url.startswith("tel:") and resource.phone)
    return entry(handout, name, details, resource.url, print_address)


# ---------------------------------------------------------------- links in the slides


@dataclass
class LinkRef:
    url: str
    texts: List[str] = field(default_factory=list)
    slides: List[int] = field(default_factory=list)


def slide_links(handout: Handout) -> List[LinkRef]:
    """Web links on the slides (and in the notes, where the handout prints notes),
    in order of first appearance, without the region's resources (listed apart)."""
    deck = handout.deck
    known = {r.url for g in deck.resource_groups for r in g.items}
    found: Dict[str, LinkRef] = {}
    for number, slide in enumerate(deck.slides, 1):
        for run in slide_runs(slide, notes=handout.layout == "full", participants=True):
            if not run.link or not run.link.startswith(WEB) or run.link in known:
                continue
            ref = found.setdefault(run.link, LinkRef(run.link))
            text = run.text.strip()
            if text and text != run.link and text not in ref.texts:
                ref.texts.append(text)
            if number not in ref.slides:
                ref.slides.append(number)
    return list(found.values())


def links(handout: Handout) -> List:
    refs = slide_links(handout)
    if not refs:
        return []
    styles, words = handout.styles, handout.words
    story: List = [PageBreak(), handout.bookmark(words.text("Links")),
                   handout.paragraph(words.text("Links in the slides"), styles.h1, "H1")]
    for ref in refs:
        # A bare address has no words of its own: name it after its slide.
        first = handout.deck.slides[ref.slides[0] - 1]
        shown = ref.texts[0] if ref.texts else (plain(first.title) or display_url(ref.url))
        name = link_markup(shown, ref.url, styles.link, handout.fonts, bold=True)
        where = ", ".join(str(n) for n in ref.slides)
        details = [words.plural("Slide {numbers}", "Slides {numbers}", len(ref.slides),
                                numbers=where)]
        with handout.inside("Div"):
            story.append(entry(handout, name, details, ref.url))
    return story
