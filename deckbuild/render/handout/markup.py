"""Model text -> reportlab paragraph markup, with every character of user text escaped.

reportlab's Paragraph understands a small XML language; a trainer's `<b>` or
`&#9999999;` must appear as typed, never be read as markup.
"""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ...model import Run, Text


def esc(text: str) -> str:
    return escape(text)


def run_markup(run: Run, link_colour: str = "#1F6F8B") -> str:
    if run.text == "\n":
        return "<br/>"
    out = esc(run.text)
    if run.code:
        out = f'<font face="Courier">{out}</font>'
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


def markup(text: Text, link_colour: str = "#1F6F8B") -> str:
    return "".join(run_markup(r, link_colour) for r in text)
