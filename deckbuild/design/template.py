"""An organization's PowerPoint template as facts: its size, layouts, placeholders, theme.

Read once per file and modification time; `layout.template_geometry` decides
from these which template layout holds each of our layouts, `design.look` what
they look like, and `render.pptx` opens the same file to build on.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from ..errors import DeckError
from .box import EMU_PER_POINT, Box
from .colour import scheme_colours
from .package import open_presentation

DEFAULT_WIDTH_EMU = 12192000  # PowerPoint's 16:9, when a file does not say
DEFAULT_HEIGHT_EMU = 6858000
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass(frozen=True)
class Placeholder:
    idx: int
    kind: int  # a PP_PLACEHOLDER type (OBJECT when the file gives none)
    box: Box


@dataclass(frozen=True)
class TemplateLayout:
    """One slide layout of the template."""

    name: str
    type: str  # its `type` attribute (title, obj, secHead...), '' when it has none
    master: int  # which slide master (index) ...
    index: int  # ... and which of its layouts
    placeholders: Tuple[Placeholder, ...]


@dataclass(frozen=True)
class Template:
    path: str
    width: float  # points
    height: float
    layouts: Tuple[TemplateLayout, ...]  # every master's, in order
    accent: Optional[str] = None  # the first master theme's accent 1, hex without '#'
    fonts: Tuple[str, str] = ("", "")  # its heading and body typefaces
    slide_count: int = 0  # slides the template itself holds (removed when building)


def template_at(path: str) -> Template:
    """The template at `path`; DeckError (naming the file) when it cannot be used."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise DeckError(f"cannot read the template ({exc.strerror})", str(path)) from None
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _read_cached(path: str, mtime_ns: int, size: int) -> Template:
    prs = open_presentation(path)
    width = (prs.slide_width or DEFAULT_WIDTH_EMU) / EMU_PER_POINT
    height = (prs.slide_height or DEFAULT_HEIGHT_EMU) / EMU_PER_POINT
    layouts = _layouts(prs)
    if not layouts:
        raise DeckError("this template has no slide layouts to build slides on", path)
    accent, fonts = _theme(prs)
    return Template(path, width, height, layouts, accent, fonts, len(prs.slides))


def _layouts(prs) -> Tuple[TemplateLayout, ...]:
    from pptx.enum.shapes import PP_PLACEHOLDER
    result = []
    for m, master in enumerate(prs.slide_masters):
        for i, layout in enumerate(master.slide_layouts):
            placeholders = []
            for ph in layout.placeholders:
                fmt = ph.placeholder_format
                if None in (ph.left, ph.top, ph.width, ph.height):
                    continue
                box = Box(ph.left / EMU_PER_POINT, ph.top / EMU_PER_POINT,
                          ph.width / EMU_PER_POINT, ph.height / EMU_PER_POINT)
                kind = fmt.type if fmt.type is not None else PP_PLACEHOLDER.OBJECT
                placeholders.append(Placeholder(fmt.idx, kind, box))
            result.append(TemplateLayout(layout.name or "", layout._element.get("type", ""), m,
                                         i, tuple(placeholders)))
    return tuple(result)


def theme_element(master):
    """The theme part of a slide master, parsed."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    return etree.fromstring(master.part.part_related_by(RT.THEME).blob)


def _theme(prs) -> Tuple[Optional[str], Tuple[str, str]]:
    """The first master's accent 1 colour and heading/body fonts."""
    ns = {"a": A}
    try:
        root = theme_element(prs.slide_master)
    except Exception:  # a template without a readable theme keeps our colours
        return None, ("", "")
    accent = scheme_colours(root.find(".//a:clrScheme", ns)).get("accent1")
    if accent and len(accent) != 6:
        accent = None
    fonts = []
    for kind in ("majorFont", "minorFont"):
        latin = root.find(f".//a:fontScheme/a:{kind}/a:latin", ns)
        fonts.append(latin.get("typeface", "") if latin is not None else "")
    return accent, (fonts[0], fonts[1])
