"""`deckbuild template check FILE`: what deckbuild will make of a template, before a build.

For an organization trying its template: the slide size and masters, which of
its layouts each of ours goes on (or what stands in), placeholders that grow
with their text, layouts without placeholders, its fonts and whether deckbuild
can measure them, and its colours with their contrast on its own backgrounds.
The same reading as `build`'s (the same errors for a file that cannot be used).
One `path: message` line each; errors are what would make a deck that cannot be
presented (a file that cannot be opened, text that cannot be read).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

from ..design.colour import LARGE_TEXT_MINIMUM, TEXT_MINIMUM, contrast
from ..design.fonts import coverage
from ..design.ink import ink_for
from ..design.look import look_of
from ..errors import DeckError
from ..layout.template_geometry import display_path, read_template
from ..layout.template_layouts import LAYOUT_NAMES
from ..model import Layout

OURS = (Layout.TITLE, Layout.CONTENT, Layout.SECTION, Layout.TWO_CONTENT, Layout.COMPARISON,
        Layout.TITLE_ONLY, Layout.BLANK)
PARTS = {"title": "title", "subtitle": "subtitle", "byline": "byline", "body": "body",
         "left": "left column", "right": "right column", "left_heading": "left heading",
         "right_heading": "right heading"}


@dataclass(frozen=True)
class Line:
    level: str  # info | warning | error
    message: str

    def format(self, path: str) -> str:
        prefix = "" if self.level == "info" else f"{self.level}: "
        return f"{path}: {prefix}{self.message}"


def template_report(path: str) -> List[Line]:
    """Every line `deckbuild template check` prints for the template at `path`."""
    try:
        info = read_template(str(path))
        from ..template_package import open_template_package
        package_warnings = open_template_package(str(path)).warnings
    except DeckError as exc:
        return [Line("error", exc.message)]
    lines = [_size(info)]
    lines += _layouts(info)
    lines += _grown_and_empty(info)
    lines += _fonts(info)
    lines += _colours(info)
    lines += [Line("warning", w.message) for w in package_warnings]
    return lines


def _size(info) -> Line:
    template = info.template
    w, h = info.width, info.height
    ratio = next((name for name, value in (("16:9", 16 / 9), ("16:10", 16 / 10), ("4:3", 4 / 3))
                  if abs(w / h - value) < 0.01), f"{w / h:.2f}:1")
    masters = len(template.masters)
    text = (f"slide size {w / 72:.2f} x {h / 72:.2f} in ({ratio}); {masters} master"
            f"{'s' * (masters != 1)}")
    if masters > 1:
        text += f", layouts taken from master {template.main_master + 1} (its title slide's)"
    if info.slide_count:
        text += (f"; {info.slide_count} slide{'s' * (info.slide_count != 1)} of its own, removed"
                 " when a deck is built")
    return Line("info", text)


def _layouts(info) -> List[Line]:
    lines = []
    for kind in OURS:
        chosen = info.layouts[kind.value]
        wanted = LAYOUT_NAMES[kind]
        held = [PARTS[p] for p in chosen.placeholders if p in PARTS]
        boxes = [PARTS[p] for p in info.boxes[kind.value] if p in PARTS and
                 p not in chosen.placeholders and not (p == "title" and chosen.new_title)]
        where = f"its '{chosen.name}' layout"
        if chosen.fell_back:
            text = f"'{wanted}': the template has none; {where} stands in"
        else:
            text = f"'{wanted}': {where}"
        details = []
        if held:
            details.append("placeholders for " + ", ".join(held))
        if chosen.new_title and kind is not Layout.BLANK:
            details.append("a title placeholder added (the layout has none)")
        if boxes:
            details.append("text boxes for " + ", ".join(boxes))
        if details:
            text += " (" + "; ".join(details) + ")"
        lines.append(Line("info", text))
    return lines


def _grown_and_empty(info) -> List[Line]:
    lines = []
    grown = {}
    for layout, part in info.grown:
        grown.setdefault(layout, []).append(PARTS.get(part, part))
    for layout, parts in grown.items():
        parts = list(dict.fromkeys(parts))
        many = len(parts) > 1
        lines.append(Line("info", f"layout '{layout}': the {' and '.join(parts)} placeholder"
                                  f"{'s grow' if many else ' grows'} with the text (as Google"
                                  f" Slides makes them); deckbuild gives {'them' if many else 'it'}"
                                  " the room below, down to the next shape"))
    empty = [lay.name for lay in info.template.layouts
             if not any(p.type in ("title", "ctrTitle", "body", "obj", "subTitle")
                        for p in lay.placeholders)]
    if empty:
        names = ", ".join(f"'{name}'" for name in empty)
        lines.append(Line("info", f"layouts without title or text placeholders: {names}; what"
                                  " only the template's own slides show is not carried"))
    return lines


def _fonts(info) -> List[Line]:
    families = []
    for styles in info.styles.values():
        for style in styles.values():
            if style.font and style.font not in families:
                families.append(style.font)
    lines = []
    for family in families:
        known = coverage(family)
        if known.kind == "compatible":
            lines.append(Line("info", f"font '{family}': measured with {known.measured_as},"
                                      " which has the same widths"))
        elif known.kind == "machine":
            lines.append(Line("info", f"font '{family}': measured with the font on this"
                                      " computer"))
        else:
            lines.append(Line("warning", f"font '{family}': not on this computer and not one"
                                         f" deckbuild knows; measured as {known.measured_as},"
                                         " which is wider (text may be set smaller than it"
                                         " could be)"))
    return lines


def _colours(info) -> List[Line]:
    lines = []
    size = (info.width, info.height)
    for kind in (Layout.TITLE, Layout.CONTENT, Layout.SECTION):
        chosen = info.layouts[kind.value]
        if chosen.layout is None:
            continue
        look = look_of(chosen.layout)
        parts = []
        worst = None
        for part in ("title", "subtitle", "body"):
            box = info.boxes[kind.value].get(part)
            style = info.styles[kind.value].get(part)
            if box is None or style is None:
                continue
            fills = [(style.outer(box), style.fill)] if style.fill else []
            minimum = LARGE_TEXT_MINIMUM if part == "title" else TEXT_MINIMUM
            ink = ink_for(look, box, size, style.colour, fills, minimum)
            on = ink.under.worst(ink.text)  # a picture: its part the colour reads worst on
            ratio = contrast(ink.text, on)
            parts.append(f"{PARTS[part]} #{ink.text} on #{on} ({ratio:.1f}:1)")
            if part == "body":
                parts.append(f"bullets #{ink.bullet_rgb}, links #{ink.link_rgb}")
            if ratio < minimum and worst is None:
                worst = (part, ink, ratio, minimum, on)
        if parts:
            lines.append(Line("info", f"colours on '{chosen.name}': " + ", ".join(parts)))
        if worst is not None:
            lines.append(_low_contrast(chosen.name, *worst))
    return lines


def _low_contrast(layout: str, part: str, ink, ratio: float, minimum: float, on: str) -> Line:
    """The template's own text colour, too faint on its layout; on a picture deckbuild
    draws it readable (another colour, or a backing behind the box), and says so."""
    said = (f"on '{layout}', the {PARTS[part]}'s colour #{ink.text} on #{on} has a contrast"
            f" of {ratio:.1f}:1 (at least {minimum:g}:1 is needed)")
    if ink.backing is not None:
        return Line("warning", f"{said}; it is on a picture, so deckbuild puts a backing"
                               f" of #{ink.backing} (from the picture) behind the text")
    if ink.shown is not None:
        return Line("warning", f"{said}; it is on a picture, so deckbuild draws the text in"
                               f" #{ink.shown_rgb}")
    return Line("error" if ratio < LARGE_TEXT_MINIMUM else "warning", said)


def report_lines(path: str) -> List[str]:
    shown = display_path(str(path))
    return [line.format(shown) for line in template_report(path)]


def exit_status(lines: List[Line]) -> int:
    return 1 if any(line.level == "error" for line in lines) else 0

