"""Raw `{=openxml}` DrawingML, read into the model's runs (never copied into the deck as is).

pandoc inserts such XML into the slide unchecked; PowerPoint then asks to repair
a file whose XML is broken or misplaced. Here it is read: inline, runs (`a:r`,
`a:br`); as a block, a shape (`p:sp`) or paragraphs (`a:p`), whose text and
run formatting (bold, italic, underline, strikeout, raised or lowered) become
the slide's paragraphs, drawn the same in the deck and the handout. XML that is
not well formed, declares entities, or holds anything else is left out, and the
reason is given for the warning.
"""
from __future__ import annotations

from typing import List, Tuple, Union

from lxml import etree

from ..model import Run, Text

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True)
_RUN_PARTS = {f"{{{A}}}r", f"{{{A}}}br", f"{{{A}}}fld"}
MAX_SIZE = 200_000  # characters of raw XML read; more is not text for a slide


def read_runs(xml: str, block: bool) -> Union[str, Text, List[Text]]:
    """Runs (inline) or paragraphs of runs (a block); a string says why it cannot be used."""
    if len(xml) > MAX_SIZE:
        return "it is too long to be slide text"
    if "<!DOCTYPE" in xml or "<!ENTITY" in xml:
        return "it declares a document type or entities"
    wrapped = f'<root xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}">{xml}</root>'
    try:
        root = etree.fromstring(wrapped.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        return f"it is not well-formed XML ({error.msg})"
    children = [child for child in root if isinstance(child.tag, str)]
    if (root.text or "").strip() or any((child.tail or "").strip() for child in children):
        return "it has text outside any DrawingML element"
    if not block:
        if not children or any(child.tag not in _RUN_PARTS for child in children):
            return "inline, only DrawingML runs (a:r, a:br) can stand in a paragraph"
        return _runs(children)
    paragraphs: List[Text] = []
    for child in children:
        if child.tag == f"{{{P}}}sp":
            body = child.find(f"{{{P}}}txBody")
            if body is None:
                return "the shape (p:sp) holds no text (p:txBody)"
            paragraphs += [_paragraph(p) for p in body.iter(f"{{{A}}}p")]
        elif child.tag == f"{{{A}}}p":
            paragraphs.append(_paragraph(child))
        else:
            return (f"<{etree.QName(child).localname}> is not a shape (p:sp) or paragraph (a:p)"
                    " a slide's text can hold")
    return paragraphs


def _paragraph(p) -> Text:
    return _runs([child for child in p if child.tag in _RUN_PARTS])


def _runs(parts) -> Text:
    runs: List[Run] = []
    for part in parts:
        if part.tag == f"{{{A}}}br":
            runs.append(Run("\n"))
            continue
        text = "".join(t.text or "" for t in part.iter(f"{{{A}}}t"))
        if text:
            runs.append(Run(text, **_formatting(part.find(f"{{{A}}}rPr"))))
    return tuple(runs)


def _formatting(rpr) -> dict:
    if rpr is None:
        return {}
    style = {}
    on: Tuple[str, ...] = ("1", "true")
    if rpr.get("b") in on:
        style["bold"] = True
    if rpr.get("i") in on:
        style["italic"] = True
    if rpr.get("u") not in (None, "none"):
        style["underline"] = True
    if rpr.get("strike") not in (None, "noStrike"):
        style["strike"] = True
    if rpr.get("cap") == "small":
        style["small_caps"] = True
    try:
        baseline = int(rpr.get("baseline", "0"))
    except ValueError:
        baseline = 0
    if baseline > 0:
        style["superscript"] = True
    elif baseline < 0:
        style["subscript"] = True
    return style
