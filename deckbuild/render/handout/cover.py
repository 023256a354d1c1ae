"""The cover: what the training is, who gives it, for which region, and how to reach them."""
from __future__ import annotations

import io
from typing import List

from reportlab.lib.units import inch
from reportlab.platypus import Image as PictureFlowable, PageBreak, Spacer

from ...media import load_picture
from .context import Handout
from .markup import link_markup

HOW_TO_USE = {
    "notes": "Three slides a page, with lines beside each for your notes. After the slides:"
             " the key quotes and the resources, each with its full address and a QR code"
             " a phone camera can open.",
    "outline": "The training's content as a document: every slide's title and points in"
               " order. After it: the key quotes and the resources, each with its full"
               " address and a QR code a phone camera can open.",
    "full": "The trainer's copy: every slide on its own page with its speaker notes. After"
            " the slides: the key quotes and the resources with their full addresses and"
            " QR codes.",
    "workbook": "Your workbook for the training: every slide's title and points in order,"
                " the activities with room to write, blanks to fill in and space for your"
                " answers. After it: the key quotes and the resources, each with its full"
                " address and a QR code a phone camera can open.",
    "large-print": "Large print: every slide's title and points in order, in one column of"
                   " large, high-contrast text. After it: the key quotes and the resources,"
                   " each with its full address and a QR code a phone camera can open.",
}
LOGO_HEIGHT = 0.9 * inch
LOGO_WIDTH = 2.6 * inch


def cover(handout: Handout) -> List:
    deck, styles = handout.deck, handout.styles
    meta, region = deck.meta, deck.region
    organization = region.organization if region else None
    words = handout.words
    story: List = [handout.bookmark(words.text("Cover"))]
    if deck.theme.logo:
        picture = load_picture(deck.theme.logo)
        ratio = picture.width / max(picture.height, 1)
        height = min(LOGO_HEIGHT, LOGO_WIDTH / ratio)
        logo = PictureFlowable(io.BytesIO(picture.data), width=height * ratio, height=height,
                               hAlign="LEFT")
        alt = deck.theme.logo_alt
        story += [handout.figure(logo, alt) if alt else logo, Spacer(1, 0.45 * inch)]
    else:
        story.append(Spacer(1, 1.2 * inch))
    story.append(handout.paragraph(handout.text(meta.title or deck.name, styles.cover_title),
                                   styles.cover_title, "H1"))
    if meta.subtitle:
        story.append(handout.paragraph(handout.text(meta.subtitle), styles.cover_subtitle))
    lines = list(meta.authors)
    names = [meta.organization]
    if organization and organization.name and organization.name != meta.organization:
        names.append(organization.name)
    lines += [n for n in names if n]
    if region:
        lines.append(words.text("Resources for {region}", region=region.name))
    if meta.date:
        lines.append(words.date(meta.date))
    story += [handout.paragraph(handout.text(line), styles.cover_line) for line in lines]

    contact = contact_lines(handout)
    if contact:
        story.append(handout.paragraph(words.text("Contact"), styles.cover_label, "H2"))
        story += [handout.paragraph(line, styles.cover_line) for line in contact]
    story.append(handout.paragraph(words.text("About this handout"), styles.cover_label, "H2"))
    story.append(handout.paragraph(words.text(HOW_TO_USE[handout.layout]), styles.body))
    story.append(PageBreak())
    return story


def contact_lines(handout: Handout) -> List[str]:
    """How to reach the trainer and the organization (named above), as far as the region
    file says."""
    region = handout.deck.region
    if region is None:
        return []
    link, fonts, words = handout.styles.link, handout.fonts, handout.words
    lines = []
    trainer = dict(region.variables).get("trainer")
    if trainer:
        lines.append(words.text("Trainer: {name}", name=handout.text(trainer)))
    org = region.organization
    if org:
        if org.phone:
            dial = _dial(org.phone)
            lines.append(words.text("Phone: {phone}", phone=link_markup(
                org.phone, f"tel:{dial}" if dial else "", link, fonts)))
        if org.email:
            lines.append(words.text("Email: {email}", email=link_markup(
                org.email, "mailto:" + org.email, link, fonts)))
        if org.website:
            lines.append(words.text("Web: {website}", website=link_markup(
                org.website, org.website, link, fonts)))
    return lines


def _dial(phone: str) -> str:
    """The number a phone dials: digits (and a leading +), or "" when there are none."""
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return digits if any(c.isdigit() for c in digits) else ""
