"""The deck's theme for a region: its colours, logo and template."""
from __future__ import annotations

from typing import List

from ..errors import DeckError
from ..model import Theme
from .colour import TEXT_MINIMUM, contrast
from .template import template_at


def region_theme(region) -> Theme:
    """Colours, logo and template for a region: its accent, else its template's, else ours.

    A template's accent 1 becomes the handout's accent (headings, links) only when it can
    be read as text on white paper (4.5:1); the slides keep the template's own colours.
    """
    theme = Theme()
    if region is None:
        return theme
    accent = region.accent
    if not accent and region.template:
        template_accent = template_at(region.template).accent
        if template_accent and contrast(template_accent, "FFFFFF") >= TEXT_MINIMUM:
            accent = template_accent
    organization = region.organization
    logo = organization.logo if organization else None
    logo_alt = ""
    if logo:  # a logo is most often the organization's name as a picture
        logo_alt = organization.name if organization.logo_alt is None else organization.logo_alt
    return Theme(accent=accent or theme.accent, template=region.template, logo=logo,
                 logo_alt=logo_alt.strip(),
                 accent_source=region.source if region.accent else None)


OUR_LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Comparison",
               "Title Only", "Blank")


def layout_name_problems(slides, theme: Theme) -> List[DeckError]:
    """A DeckError for each slide whose `{layout="..."}` names no layout there is."""
    if theme.template:
        names = [layout.name for layout in template_at(theme.template).layouts if layout.name]
        where = "the template"
    else:
        names, where = list(OUR_LAYOUTS), "deckbuild's design (without a template)"
    known = {_normal(name) for name in names}
    problems = []
    for slide in slides:
        wanted = slide.template_layout
        if wanted and _normal(wanted) not in known:
            listed = ", ".join(f"'{name}'" for name in dict.fromkeys(names))
            problems.append(DeckError(f"there is no layout '{wanted}' in {where}; its layouts"
                                      f" are: {listed}", slide.source.path, slide.source.line,
                                      rule="unknown-layout"))
    return problems


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()
