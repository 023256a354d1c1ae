"""An organization's PowerPoint template as facts: its size, layouts, placeholders, looks.

Read once per file and modification time. For every layout of every master it
records what PowerPoint would show on a new slide: each placeholder's box, fill
and text settings (margins, anchoring, autofit, alignment, weight, capitals,
colour, font) as they come through the layout, its master and the master's text
styles; the layout's background (its own or its master's); the figures and
pictures of the design behind the text; and the colours, resolved as PowerPoint
resolves them (the theme's scheme through the master's colour map and the
layout's override, with lumMod/lumOff/tint/shade).

`layout.template_geometry` decides from these which layout holds each of our
layouts; the handout draws them; `check` measures contrast on them.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..errors import DeckError
from .box import EMU_PER_POINT, Box
from .colour import colour_in, local_name, mapped_colours, scheme_colours
from .package import open_presentation

DEFAULT_WIDTH_EMU = 12192000  # PowerPoint's 16:9, when a file does not say
DEFAULT_HEIGHT_EMU = 6858000
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # DrawingML's text margins (0.1 in, 0.05 in)
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SHAPES = {"rect": "rect", "roundRect": "round", "ellipse": "ellipse", "snip1Rect": "rect",
          "snip2SameRect": "rect", "round1Rect": "round", "round2SameRect": "round"}
# A layout placeholder's type -> the master placeholder it inherits from, and the
# master text style (p:txStyles) its text starts from.
MASTER_TYPE = {"title": "title", "ctrTitle": "title", "subTitle": "body", "body": "body",
               "obj": "body", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
TEXT_STYLE = {"title": "titleStyle", "ctrTitle": "titleStyle", "subTitle": "bodyStyle",
              "body": "bodyStyle", "obj": "bodyStyle"}
FOOTER_TYPES = ("dt", "ftr", "sldNum")


@dataclass(frozen=True)
class TextProps:
    """A placeholder's text settings for its first level, as PowerPoint inherits them."""

    inset: Tuple[float, float, float, float] = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom
    anchor: str = "t"  # t | ctr | b
    autofit: str = "none"  # none | norm (shrink text on overflow) | shape (grow the box)
    align: Optional[str] = None  # l | ctr | r | just, None when nothing says
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    caps: bool = False
    size: Optional[float] = None  # points
    colour: Optional[str] = None  # RRGGBB, resolved through the layout's colour map
    font: str = ""  # the family (theme fonts resolved), '' when nothing says
    vertical: bool = False  # vertical text (East Asian layouts)


@dataclass(frozen=True)
class Placeholder:
    order: int  # its position among the layout's placeholders (as python-pptx lists them)
    idx: int
    kind: int  # a PP_PLACEHOLDER type (OBJECT when the file gives none)
    type: str  # as written: title, ctrTitle, body, obj, subTitle, sldNum...
    box: Box
    text: TextProps = TextProps()
    fill: Optional[str] = None  # its own solid fill (a title bar), None when transparent

    @property
    def cloned(self) -> bool:
        """Whether PowerPoint (and python-pptx) puts it on a new slide: not date, footer,
        slide number."""
        return self.type not in FOOTER_TYPES


@dataclass(frozen=True)
class Shape:
    """A shape of the design behind the text: a filled figure or a picture, in points."""

    box: Box
    kind: str = "rect"  # rect | round | ellipse | picture
    fill: Optional[str] = None
    picture: Optional[bytes] = None


@dataclass(frozen=True)
class TemplateLayout:
    """One slide layout of the template, with what it shows."""

    name: str
    type: str  # its `type` attribute (title, obj, secHead...), '' when it has none
    master: int  # which slide master (index) ...
    index: int  # ... and which of its layouts
    placeholders: Tuple[Placeholder, ...]
    background: Optional[str] = None  # RRGGBB
    background_picture: Optional[bytes] = None
    shapes: Tuple[Shape, ...] = ()  # master's (unless hidden), then the layout's own
    colours: Tuple[Tuple[str, str], ...] = ()  # scheme names (tx1, accent1...) -> RRGGBB
    body_colour: Optional[str] = None  # the master's body text colour
    used_by: Tuple[int, ...] = ()  # the template's own slides (numbers from 1) on it

    def colour(self, name: str) -> Optional[str]:
        return dict(self.colours).get(name)

    def first(self, *types: str) -> Optional[Placeholder]:
        for ph in self.placeholders:
            if ph.type in types:
                return ph
        return None


@dataclass(frozen=True)
class Master:
    index: int
    title: Optional[Placeholder]  # the master's own title and body placeholders
    body: Optional[Placeholder]
    fonts: Tuple[str, str]  # the theme's heading and body fonts


@dataclass(frozen=True)
class Template:
    path: str
    width: float  # points
    height: float
    layouts: Tuple[TemplateLayout, ...]  # every master's, in order
    masters: Tuple[Master, ...] = ()
    accent: Optional[str] = None  # the first master theme's accent 1, hex without '#'
    fonts: Tuple[str, str] = ("", "")  # its heading and body typefaces
    slide_count: int = 0  # slides the template itself holds (removed when building)
    main_master: int = 0  # the master the template's own title slide is on
    first_slide_layout: Optional[int] = None  # index in `layouts` of its first slide's layout
    warnings: Tuple[str, ...] = field(default=())


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
    usage = _slide_usage(prs)
    layouts: List[TemplateLayout] = []
    masters: List[Master] = []
    for m, master in enumerate(prs.slide_masters):
        reader = _MasterReader(master)
        masters.append(reader.facts(m))
        for i, layout in enumerate(master.slide_layouts):
            layouts.append(reader.layout(layout, m, i, usage.get(id(layout.part), ())))
    if not layouts:
        raise DeckError("this template has no slide layouts to build slides on", path)
    accent, fonts = _theme(prs)
    first = next((n for n, layout in enumerate(layouts) if 1 in layout.used_by), None)
    main = layouts[first].master if first is not None else 0
    return Template(path, width, height, tuple(layouts), tuple(masters), accent, fonts,
                    len(prs.slides), main, first)


def _slide_usage(prs) -> Dict[int, Tuple[int, ...]]:
    """Layout part (by id) -> the numbers of the template's own slides made on it."""
    usage: Dict[int, List[int]] = {}
    for number, slide in enumerate(prs.slides, 1):
        try:
            part = slide.part.slide_layout.part
        except Exception:  # a slide without a layout: PowerPoint would repair it
            continue
        usage.setdefault(id(part), []).append(number)
    return {key: tuple(value) for key, value in usage.items()}


def theme_element(master):
    """The theme part of a slide master, parsed."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    return etree.fromstring(master.part.part_related_by(RT.THEME).blob)


def _theme(prs) -> Tuple[Optional[str], Tuple[str, str]]:
    """The first master's accent 1 colour and heading/body fonts."""
    try:
        root = theme_element(prs.slide_master)
    except Exception:  # a template without a readable theme keeps our colours
        return None, ("", "")
    accent = scheme_colours(root.find(".//a:clrScheme", NS)).get("accent1")
    if accent and len(accent) != 6:
        accent = None
    return accent, _theme_fonts(root)


def _theme_fonts(root) -> Tuple[str, str]:
    fonts = []
    for kind in ("majorFont", "minorFont"):
        latin = root.find(f".//a:fontScheme/a:{kind}/a:latin", NS)
        fonts.append(latin.get("typeface", "") if latin is not None else "")
    return fonts[0], fonts[1]


class _MasterReader:
    """Reads one master and its layouts, resolving inheritance through the master."""

    def __init__(self, master):
        self.master = master
        try:
            theme = theme_element(master)
        except Exception:  # no readable theme: colours and fonts stay unknown
            theme = None
        self.scheme = scheme_colours(theme.find(".//a:clrScheme", NS)) if theme is not None \
            else {}
        self.fonts = _theme_fonts(theme) if theme is not None else ("", "")
        self.colour_map = master._element.find("p:clrMap", NS)
        self.master_colours = mapped_colours(self.scheme, self.colour_map)
        self.master_phs = {}
        for sp in master._element.iterfind("p:cSld/p:spTree/p:sp", NS):
            ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
            if ph is not None:
                self.master_phs.setdefault(MASTER_TYPE.get(_ph_type(ph), _ph_type(ph)), sp)

    def facts(self, index: int) -> Master:
        def own(kind: str) -> Optional[Placeholder]:
            sp = self.master_phs.get(kind)
            box = _box(sp.find("p:spPr/a:xfrm", NS)) if sp is not None else None
            if box is None:
                return None
            return Placeholder(-1, 0, 0, kind, box,
                               self._text(sp, None, kind, self.master_colours),
                               _fill(sp.find("p:spPr", NS), self.master_colours))
        return Master(index, own("title"), own("body"), self.fonts)

    def layout(self, layout, m: int, i: int, used_by) -> TemplateLayout:
        element = layout._element
        colours = self._colours(element)
        placeholders = []
        for order, ph in enumerate(layout.placeholders):
            placeholders.append(self._placeholder(ph, order, colours))
        background, picture = _background(layout, colours)
        if background is None and picture is None:
            background, picture = _background(self.master, self.master_colours)
        shapes: List[Shape] = []
        if element.get("showMasterSp", "1") not in ("0", "false"):
            shapes += _shapes(self.master, self.master_colours)
        shapes += _shapes(layout, colours)
        body = self.master._element.find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr", NS)
        body_colour = colour_in(body.find("a:solidFill", NS), colours) if body is not None \
            else None
        return TemplateLayout(layout.name or "", element.get("type", ""), m, i,
                              tuple(p for p in placeholders if p is not None), background,
                              picture, tuple(shapes), tuple(sorted(colours.items())),
                              body_colour or colours.get("tx1"), tuple(used_by))

    def _colours(self, element) -> Dict[str, str]:
        """The scheme as this layout's text sees it: the master's map or the layout's own."""
        override = element.find("p:clrMapOvr/a:overrideClrMapping", NS)
        return mapped_colours(self.scheme, override if override is not None else self.colour_map)

    def _placeholder(self, ph, order: int, colours) -> Optional[Placeholder]:
        from pptx.enum.shapes import PP_PLACEHOLDER
        if None in (ph.left, ph.top, ph.width, ph.height):
            return None
        fmt = ph.placeholder_format
        box = Box(ph.left / EMU_PER_POINT, ph.top / EMU_PER_POINT,
                  ph.width / EMU_PER_POINT, ph.height / EMU_PER_POINT)
        kind = fmt.type if fmt.type is not None else PP_PLACEHOLDER.OBJECT
        element = ph._element.find("p:nvSpPr/p:nvPr/p:ph", NS)
        type_ = _ph_type(element)
        inherited = self.master_phs.get(MASTER_TYPE.get(type_, type_))
        text = self._text(ph._element, inherited, type_, colours)
        fill = _fill(ph._element.find("p:spPr", NS), colours)
        if fill is None and inherited is not None and \
                ph._element.find("p:spPr/a:noFill", NS) is None:
            fill = _fill(inherited.find("p:spPr", NS), colours)
        return Placeholder(order, fmt.idx, kind, type_, box, text, fill)

    def _text(self, sp, inherited, type_: str, colours) -> TextProps:
        """Text settings through the chain: the shape, its master placeholder, the style."""
        chain = [e for e in (sp, inherited) if e is not None]
        bodies = [e.find("p:txBody/a:bodyPr", NS) for e in chain]
        bodies = [b for b in bodies if b is not None]
        insets = []
        for attr, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS):
            value = next((b.get(attr) for b in bodies if b.get(attr) is not None), None)
            insets.append(int(value if value is not None else default) / EMU_PER_POINT)
        anchor = next((b.get("anchor") for b in bodies if b.get("anchor")), "t")
        autofit = "none"
        for b in bodies:
            found = [local_name(child) for child in b]
            if "spAutoFit" in found:
                autofit = "shape"
            elif "normAutofit" in found:
                autofit = "norm"
            elif "noAutofit" not in found:
                continue
            break
        vertical = next((b.get("vert") for b in bodies if b.get("vert")), "horz") not in (
            "horz", None)
        levels = [e.find("p:txBody/a:lstStyle/a:lvl1pPr", NS) for e in chain]
        style = TEXT_STYLE.get(type_, "otherStyle")
        levels.append(self.master._element.find(f"p:txStyles/p:{style}/a:lvl1pPr", NS))
        levels = [level for level in levels if level is not None]
        return TextProps(tuple(insets), anchor if anchor in ("t", "ctr", "b") else "t",
                         autofit, **self._level(levels, colours, type_), vertical=vertical)

    def _level(self, levels, colours, type_: str) -> dict:
        def first(get):
            for level in levels:
                value = get(level)
                if value is not None:
                    return value
            return None

        def run(attr):
            return first(lambda level: _get(level.find("a:defRPr", NS), attr))

        bold, italic, size = run("b"), run("i"), run("sz")
        font = first(lambda level: _get(level.find("a:defRPr/a:latin", NS), "typeface"))
        heading = type_ in ("title", "ctrTitle")
        if font in (None, "+mj-lt", "+mn-lt"):
            font = self.fonts[0] if (font == "+mj-lt" or (font is None and heading)) \
                else self.fonts[1]
        colour = first(lambda level: colour_in(level.find("a:defRPr/a:solidFill", NS),
                                               colours))
        return dict(align=first(lambda level: level.get("algn")),
                    bold=None if bold is None else bold in ("1", "true"),
                    italic=None if italic is None else italic in ("1", "true"),
                    caps=run("cap") == "all", size=int(size) / 100 if size else None,
                    colour=colour, font=font or "")


def _get(element, attr: str) -> Optional[str]:
    return element.get(attr) if element is not None else None


def _ph_type(ph) -> str:
    """A `p:ph`'s type as PowerPoint reads it: obj (content) when it names none."""
    if ph is None:
        return "obj"
    return ph.get("type") or "obj"


def _fill(properties, colours) -> Optional[str]:
    """A shape's solid fill (a gradient counts as its first colour); None when it has none."""
    if properties is None:
        return None
    solid = properties.find("a:solidFill", NS)
    if solid is not None:
        return colour_in(solid, colours)
    gradient = properties.find("a:gradFill/a:gsLst/a:gs", NS)
    if gradient is not None:
        return colour_in(gradient, colours)
    return None


def _background(holder, colours) -> Tuple[Optional[str], Optional[bytes]]:
    bg = holder._element.find("p:cSld/p:bg", NS)
    if bg is None:
        return None, None
    properties = bg.find("p:bgPr", NS)
    if properties is not None:
        blip = properties.find("a:blipFill/a:blip", NS)
        if blip is not None:
            return None, _blob(holder.part, blip)
        return _fill(properties, colours), None
    reference = bg.find("p:bgRef", NS)
    return (colour_in(reference, colours), None) if reference is not None else (None, None)


def _shapes(holder, colours) -> List[Shape]:
    """The figures and pictures of a master or layout (not its placeholders)."""
    found = []
    tree = holder._element.find("p:cSld/p:spTree", NS)
    for element in tree:
        tag = local_name(element)
        if element.find(".//p:nvPr/p:ph", NS) is not None:
            continue  # placeholders hold the slide's own text
        box = _box(element.find("p:spPr/a:xfrm", NS))
        if box is None:
            continue
        if tag == "sp":
            geometry = element.find("p:spPr/a:prstGeom", NS)
            kind = SHAPES.get(geometry.get("prst")) if geometry is not None else None
            fill = _fill(element.find("p:spPr", NS), colours)
            if fill is None:
                reference = element.find("p:style/a:fillRef", NS)
                if reference is not None and element.find("p:spPr/a:noFill", NS) is None:
                    fill = colour_in(reference, colours)
            if kind and fill:
                found.append(Shape(box, kind, fill))
        elif tag == "pic":
            blip = element.find("p:blipFill/a:blip", NS)
            data = _blob(holder.part, blip) if blip is not None else None
            if data:
                found.append(Shape(box, "picture", picture=data))
    return found


def _box(xfrm) -> Optional[Box]:
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    if off is None or ext is None:
        return None
    x, y, w, h = (int(v) / EMU_PER_POINT for v in (off.get("x"), off.get("y"), ext.get("cx"),
                                                   ext.get("cy")))
    return Box(x, y, w, h) if w > 0 and h > 0 else None


def _blob(part, blip) -> Optional[bytes]:
    rid = blip.get(f"{{{NS['r']}}}embed")
    if not rid:
        return None
    try:
        return part.related_part(rid).blob
    except (KeyError, AttributeError):
        return None
