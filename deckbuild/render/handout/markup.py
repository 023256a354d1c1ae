"""Model text -> reportlab paragraph markup, with every character of user text escaped.

reportlab's Paragraph understands a small XML language; a trainer's `<b>` or
`&#9999999;` must appear as typed, never be read as markup. Characters the
standard fonts lack are wrapped in a fallback font here (see render/fonts.py).
"""
from __future__ import annotations

from ...model import Run, Text
from ..escape import esc

BLANK_SPACES = 7  # non-breaking spaces per typed underscore: about 0.3 in of line at 11 pt


def quoteattr(value: str) -> str:
    """`value` as a quoted attribute, as `xml.sax.saxutils.quoteattr` writes it."""
    value = esc(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def text_markup(text: str, fonts=None, bold: bool = False, italic: bool = False) -> str:
    """Escaped `text`; hard line breaks kept; fallback fonts (in the face for `bold` and
    `italic`) where `fonts` says so."""
    lines = text.split("\n")
    if fonts is None:
        return "<br/>".join(esc(line) for line in lines)
    return "<br/>".join(fonts.markup(line, bold, italic) for line in lines)


def run_markup(run: Run, link_colour: str = "#1F6F8B", fonts=None, bold: bool = False,
               italic: bool = False) -> str:
    if run.text == "\n":
        return "<br/>"
    if run.blank:  # `____`: a line to write on, longer the more underscores were typed
        return "<u>" + "\u00a0" * (BLANK_SPACES * max(len(run.text), 4)) + "</u>"
    if run.math is not None:  # a formula in running text: its one-line form
        from ...layout.math import linear
        return f"<i>{text_markup(linear(run.math.root), fonts, bold, True)}</i>"
    text = run.text.upper() if run.small_caps else run.text  # small capitals: as capitals
    out = text_markup(text, fonts, bold or run.bold, italic or run.italic)
    if run.highlight:
        out = f'<span backColor="#FFF59D">{out}</span>'

    if run.code:
        out = f'<font face="{fonts.code_face if fonts is not None else "Courier"}">{out}</font>'
    if run.bold:
        out = f"<b>{out}</b>"
    if run.italic:
        out = f"<i>{out}</i>"
    if run.underline:
        out = f"<u>{out}</u>"
    if run.strike:
        out = f"<strike>{out}</strike>"
    if run.superscript:
        out = f"<super>{out}</super>"
    if run.subscript:
        out = f"<sub>{out}</sub>"
    if run.link:
        out = f'<a href={quoteattr(run.link)} color="{link_colour}"><u>{out}</u></a>'
    return out


def markup(text: Text, link_colour: str = "#1F6F8B", fonts=None, bold: bool = False,
           italic: bool = False) -> str:
    return "".join(run_markup(r, link_colour, fonts, bold, italic) for r in text)


def link_markup(shown: str, url: str, link_colour: str, fonts=None, bold: bool = False) -> str:
    """`shown` as a clickable link to `url` (or plain text when there is no address)."""
    out = text_markup(shown, fonts, bold)
    if not url:
        return out
    return f'<a href={quoteattr(url)} color="{link_colour}">{out}</a>'
