"""The deck's theme for a region: its colours, logo and template."""
from __future__ import annotations

from ..model import Theme
from .colour import readable_on_white
from .template import template_at


def region_theme(region) -> Theme:
    """Colours, logo and template for a region: its accent, else its template's, else ours."""
    theme = Theme()
    if region is None:
        return theme
    accent = region.accent
    if not accent and region.template:
        template_accent = template_at(region.template).accent
        if template_accent and readable_on_white(template_accent):
            accent = template_accent
    logo = region.organization.logo if region.organization else None
    return Theme(accent=accent or theme.accent, template=region.template, logo=logo,
                 accent_source=region.source if accent else None)
