"""A text frame's paragraphs as model blocks: paragraphs, nested lists, quotes, code.

Bullets and numbering come resolved through `styles` (explicit or inherited),
levels from `lvl`, or, where a tool wrote only indents (deckbuild itself, some
converters), from the order of the indents in the frame. Runs keep bold,
italic, underline, strike, code (a monospaced font), sub- and superscript and
links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, List, Optional, Sequence, Tuple

from pptx.oxml.ns import qn

from ...model import CodeBlock, ListBlock, ListItem, Paragraph, Quote, Run, Text
from ..runs import formatting, trimmed, with_text
from .styles import Bullet, StyleChain

MONOSPACED = {"courier", "courier new", "consolas", "menlo", "monaco", "lucida console",
              "lucida sans typewriter", "andale mono", "source code pro", "fira code",
              "fira mono", "roboto mono", "dejavu sans mono", "liberation mono", "ubuntu mono",
              "noto mono", "noto sans mono", "jetbrains mono", "inconsolata", "cascadia code",
              "cascadia mono", "sf mono", "ibm plex mono", "pt mono", "ocr a extended",
              "letter gothic", "space mono", "hack", "nimbus mono l", "freemono"}
_AUTONUMBER = re.compile(r"^(arabic|alphaLc|alphaUc|romanLc|romanUc)(Period|ParenR|ParenBoth|Plain"
                         r"|Minus|DbPlain|DbPeriod)?$")
_STYLE = {"arabic": "decimal", "alphaLc": "lower-alpha", "alphaUc": "upper-alpha",
          "romanLc": "lower-roman", "romanUc": "upper-roman"}
_DELIMITER = {"ParenR": "paren", "ParenBoth": "parens"}
_INVISIBLE = {0x200B: None, 0x2060: None, 0xFEFF: None}
CONTINUED = "continued"  # the Bullet kind of a list item's further paragraph
ATTRIBUTION = re.compile(r"^\s*(?:\u2014|\u2015|\u2013|--)\s*")


@dataclass(frozen=True)
class Para:
    runs: Text
    level: int = 0
    bullet: Bullet = Bullet("none")
    align: str = "l"
    position: Optional[int] = None  # where its bullet sits (marL + indent), when explicit
    explicit_level: bool = False
    text_at: int = 0  # where its text starts (marL, explicit or inherited), in EMU
    starts_at: int = 0  # where its first line (or bullet) starts: marL + indent

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def visible(self) -> bool:
        return bool(self.text.replace("\u00a0", " ").strip())

    @property
    def is_list(self) -> bool:
        return self.bullet.kind in ("char", "number") and self.visible

    @property
    def is_code(self) -> bool:
        return bool(self.runs) and all(r.code for r in self.runs if r.text.strip()) and any(
            r.code for r in self.runs)

    @property
    def italic(self) -> bool:
        shown = [r for r in self.runs if r.text.strip()]
        return bool(shown) and all(r.italic for r in shown)


def is_monospaced(typeface: Optional[str]) -> bool:
    if not typeface:
        return False
    name = typeface.lower()
    return name in MONOSPACED or name.endswith(" mono") or "courier" in name


def _flag(value: Optional[str]) -> bool:
    return value in ("1", "true", "on")


class TextReader:
    """Reads the paragraphs of text frames; `link(rid)` gives a run's checked address."""

    def __init__(self, link: Callable[[str], Optional[str]]):
        self.link = link

    def paragraphs(self, tx_body, chain: StyleChain) -> List[Para]:
        paras = []
        raw = tx_body.findall(qn("a:p"))
        explicit = any(int((p.find(qn("a:pPr")) if p.find(qn("a:pPr")) is not None else p)
                           .get("lvl", "0") or 0) > 0 for p in raw)
        for p in raw:
            ppr = p.find(qn("a:pPr"))
            level = int(ppr.get("lvl", "0") or 0) if ppr is not None else 0
            level = min(max(level, 0), 8)
            bullet = chain.bullet(ppr, level)
            position = None
            if ppr is not None and ppr.get("marL") is not None:
                position = _int(ppr.get("marL")) + _int(ppr.get("indent", "0"))
            align = ppr.get("algn", "") if ppr is not None else ""
            if not align:
                for props in chain.level(level):
                    if props.get("algn"):
                        align = props.get("algn")
                        break
            runs = self.runs(p, chain, level)
            margin, indent = chain.margins(ppr, level)
            paras.append(Para(runs, level, bullet, align or "l", position, explicit, margin,
                              margin + indent))
        return _levels_from_indents(paras)

    def runs(self, p, chain: StyleChain, level: int) -> Text:
        runs: List[Run] = []
        for child in p:
            if child.tag == qn("a:r") or child.tag == qn("a:fld"):
                t = child.find(qn("a:t"))
                text = t.text if t is not None and t.text else ""
                if text:
                    runs.append(self.run(text, child.find(qn("a:rPr")), chain, level))
            elif child.tag == qn("a:br"):
                runs.append(self.run("\n", child.find(qn("a:rPr")), chain, level))
        return merge_runs(runs)

    def run(self, text: str, rpr, chain: StyleChain, level: int) -> Run:
        def attr(name):
            value = rpr.get(name) if rpr is not None else None
            return value if value is not None else chain.run_default(level, name)

        typeface = None
        link = None
        if rpr is not None:
            latin = rpr.find(qn("a:latin"))
            if latin is not None:
                typeface = latin.get("typeface")
            click = rpr.find(qn("a:hlinkClick"))
            if click is not None and click.get(qn("r:id")) and not click.get("action"):
                link = self.link(click.get(qn("r:id")))
        typeface = typeface or chain.typeface(level)
        baseline = _int(attr("baseline") or "0")
        underline = (attr("u") or "none") != "none"
        text = text.replace("\u000b", "\n")
        # Zero-width spaces and word joiners are where a program chose line breaks
        # (deckbuild writes them); the Markdown would carry them invisibly.
        text = text.translate(_INVISIBLE)
        return Run(text, bold=_flag(attr("b")), italic=_flag(attr("i")),
                   code=is_monospaced(typeface) and text != "\n",
                   strike=(attr("strike") or "noStrike") != "noStrike",
                   underline=underline and not link,
                   superscript=baseline > 0, subscript=baseline < 0, link=link)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _levels_from_indents(paras: List[Para]) -> List[Para]:
    """Where no paragraph of the frame names its level, the list's indents say it."""
    if any(p.explicit_level for p in paras):
        return paras
    positions = sorted({p.position for p in paras if p.is_list and p.position is not None})
    if len(positions) < 2:
        return paras
    rank = {}
    for position in positions:  # indents within a quarter of a level are the same level
        if rank and position - max(rank) < 4 * 12700:
            rank[position] = rank[max(rank)]
        else:
            rank[position] = len(set(rank.values()))
    out = []
    for p in paras:
        if p.is_list and p.position is not None:
            p = replace(p, level=rank[p.position], explicit_level=False)
        out.append(p)
    return out


def merge_runs(runs: Sequence[Run]) -> Text:
    """Neighbouring runs with the same formatting as one."""
    merged: List[Run] = []
    for run in runs:
        if merged and formatting(merged[-1]) == formatting(run) and "\n" not in (run.text, merged[-1].text):
            merged[-1] = with_text(merged[-1], merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def plain_runs(runs: Text, **drop) -> Text:
    """The runs with some formatting taken off (`italic=True` takes off italics)."""
    out = []
    for run in runs:
        values = dict(run.__dict__)
        for key in drop:
            values[key] = False
        out.append(Run(**values))
    return merge_runs(out)


def one_line(runs: Text) -> Text:
    """Line breaks as spaces: a title or a table cell's heading is one line."""
    return merge_runs([with_text(r, r.text.replace("\n", " ")) for r in runs])


# ---------------------------------------------------------------- paragraphs -> blocks


def number_format(scheme: str) -> Tuple[str, str]:
    match = _AUTONUMBER.match(scheme or "")
    if not match:
        return "decimal", "period"
    return _STYLE[match.group(1)], _DELIMITER.get(match.group(2) or "", "period")


def blocks_from_paragraphs(paras: Sequence[Para], quote_frame: bool = False) -> list:
    """Model blocks, in order. `quote_frame`: the frame as a whole is a quotation."""
    blocks: list = []
    index = 0
    paras = list(paras)
    if quote_frame:
        quote = _as_quote([p for p in paras if p.visible])
        if quote is not None:
            return [quote]
    while index < len(paras):
        para = paras[index]
        if para.is_code:
            lines = []
            while index < len(paras) and paras[index].is_code:
                lines.append("".join(r.text for r in paras[index].runs))
                index += 1
            code = "\n".join(line.rstrip() for line in lines)
            code = code.strip("\n")
            if code.strip():
                blocks.append(CodeBlock(code))
            continue
        if para.is_list:
            end, items = _list_run(paras, index)
            blocks.extend(_lists(items))
            index = end
            continue
        if not para.visible:
            index += 1
            continue
        if para.italic:
            end = index
            while end < len(paras) and paras[end].visible and paras[end].italic and \
                    not paras[end].is_list and not paras[end].is_code:
                end += 1
            if end < len(paras) and paras[end].visible and not paras[end].is_list and \
                    ATTRIBUTION.match(paras[end].text) and not paras[end].italic:
                blocks.append(_as_quote(paras[index:end + 1]))
                index = end + 1
                continue
        blocks.append(Paragraph(trimmed(para.runs)))
        index += 1
    return blocks


def _as_quote(paras: Sequence[Para]) -> Optional[Quote]:
    """Italic paragraphs, perhaps with a last line "— Someone", as a quotation."""
    if not paras:
        return None
    attribution = None
    last = paras[-1]
    if len(paras) > 1 and ATTRIBUTION.match(last.text) and not last.italic:
        attribution = _drop_prefix(last.runs, len(ATTRIBUTION.match(last.text).group(0)))
        paras = paras[:-1]
    if not all(p.italic and not p.is_list and not p.is_code for p in paras):
        return None
    texts = tuple(trimmed(plain_runs(p.runs, italic=True)) for p in paras)
    return Quote(texts, trimmed(attribution) if attribution else None)


def _drop_prefix(runs: Text, count: int) -> Text:
    out = []
    for run in runs:
        if count <= 0:
            out.append(run)
        elif len(run.text) <= count:
            count -= len(run.text)
        else:
            out.append(with_text(run, run.text[count:]))
            count = 0
    return tuple(out)


def _list_run(paras: Sequence[Para], index: int) -> Tuple[int, List[Para]]:
    """The list from `index`: its visible paragraphs, continuations marked; (end, paragraphs)."""
    run: List[Para] = []
    end = index
    while end < len(paras):
        para = paras[end]
        if not para.is_list and para.visible:
            item = _continued_item(para, run)
            if item is None:
                break
            para = replace(para, level=item.level, bullet=Bullet(CONTINUED))
        if para.visible:
            run.append(para)
        end += 1
    return end, run


def _continued_item(para: Para, before: Sequence[Para]) -> Optional[Para]:
    """The open list item `para` goes on (a paragraph without a bullet at the item's text:
    pandoc's and PowerPoint's way to show an item's further paragraph), or None."""
    if para.bullet.kind != "none" or para.is_code:
        return None
    deepest = 9
    for item in reversed(before):  # the last item, then the items it is nested in
        if not item.is_list or item.level >= deepest:
            continue
        deepest = item.level
        hanging = item.text_at - item.starts_at
        if hanging > 0 and item.starts_at + hanging // 2 <= para.starts_at <= \
                item.text_at + hanging // 2:
            return item
    return None


def _lists(paras: Sequence[Para]) -> List[ListBlock]:
    """List paragraphs (with their levels) as nested lists, one block per kind of list."""
    # A list that starts deeper than it goes on (after a paragraph PowerPoint indents,
    # which Markdown cannot), or that skips a level, is read at the levels it can have.
    levelled: List[Para] = []
    read_as = {}  # a level as the deck has it -> as read
    for para in paras:
        if para.bullet.kind == CONTINUED:
            level = read_as.get(para.level, levelled[-1].level if levelled else 0)
        elif not levelled:
            level = 0
        else:
            level = min(para.level - paras[0].level, levelled[-1].level + 1)
        if para.bullet.kind != CONTINUED:
            read_as[para.level] = max(level, 0)
        levelled.append(replace(para, level=max(level, 0)))
    blocks, _ = _list_at(levelled, 0, 0)
    return blocks


def _list_at(paras: List[Para], index: int, level: int):
    """The lists at `level` from `index`, until a paragraph above it; (blocks, next index)."""
    blocks: List[ListBlock] = []
    items: List[ListItem] = []
    current = None  # (ordered, style, delimiter) of the list being collected
    start = 1
    expected = None
    while index < len(paras):
        para = paras[index]
        if para.level < level:
            break
        if para.level > level:
            children, index = _list_at(paras, index, para.level)
            if items:
                last = items[-1]
                items[-1] = replace(last, children=last.children + tuple(children))
            else:  # a list that starts deeper: its items stand at this level
                items.append(ListItem((), tuple(children)))
            continue
        if para.bullet.kind == CONTINUED:  # the last item's further paragraph
            last = items[-1] if items else ListItem(())
            items[-1:] = [replace(last, continued=last.continued + (trimmed(para.runs),))]
            index += 1
            continue
        ordered = para.bullet.kind == "number"
        kind = (ordered,) + (number_format(para.bullet.scheme) if ordered else ("", ""))
        restart = ordered and para.bullet.start is not None and expected is not None and \
            para.bullet.start != expected
        if current is not None and (kind != current or restart):
            blocks.append(_block(items, current, start))
            items = []
            current = None
        if current is None:
            current = kind
            start = para.bullet.start if ordered and para.bullet.start else 1
            expected = start
        items.append(ListItem(trimmed(para.runs)))
        expected = (expected or 1) + 1
        index += 1
    if items:
        blocks.append(_block(items, current, start))
    return blocks, index


def _block(items, kind, start) -> ListBlock:
    ordered, style, delimiter = kind
    if not ordered:
        return ListBlock(tuple(items))
    return ListBlock(tuple(items), ordered=True, start=start, style=style, delimiter=delimiter)
