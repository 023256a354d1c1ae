"""pandoc's simple, multiline and grid tables (pipe tables are Python-Markdown's own).

No Python-Markdown extension reads these three, so they are read here, by the
rules of pandoc's manual:
- simple: a header line, a line of dash groups (one per column), rows, and a
  blank line; headerless, it opens and closes with the dash line;
- multiline: opens with a full dash line, rows may take several lines and are
  set apart by blank lines, closes with a dash line; the dash groups give the
  relative column widths;
- grid: `+---+---+` borders, `|` between cells, `+===+` under the header, colons
  in the border for alignment.
A column's alignment comes from where the header text sits over its dashes
(flush right: right, flush left: left, neither: centre, both: default).
A caption (`Table: ...` or `: ...`, with `{#tbl-x}` attributes) just before or
after the table belongs to it.

`TableFinder` runs before the structure pass (which would take a dash line for a
slide break) and leaves one placeholder line per table; `TableBuilder` turns the
placeholder into the `<table>` element the rest of the reader knows, with
`data-widths` when the source gave widths and a `<caption>` child.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from .lines import code_lines

TABLE_OPEN, TABLE_CLOSE = "\ue010", "\ue011"
_PLACEHOLDER = re.compile(f"^ *{TABLE_OPEN}table (\\d+){TABLE_CLOSE} *$")
_DASHES = re.compile(r"^( *)(-+)( +-+)* *$")
_DASH_GROUP = re.compile(r"-+")
_GRID_BORDER = re.compile(r"^( *)\+(?:[-=:]+\+)+ *$")
_CAPTION = re.compile(r"^ {0,3}(?:Table)?:[ \t]+\S")
_CAPTION_ATTRS = re.compile(r"[ \t]*\{([^{}]*)\}[ \t]*$")
_FENCE_LINE = re.compile(r"^ {0,3}:{3,}")
_STRUCTURE = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|:{3,})")  # what a table never holds
_LIST_MARKER = re.compile(r"^( *)(?:[-*+]|\(?(?:\d{1,9}|#|[a-zA-Z]|[ivxlcdmIVXLCDM]{2,8}|@\w*)"
                          r"[.)])( +)\S")


@dataclass
class TableData:
    header: List[str]
    rows: List[List[str]]
    aligns: List[str]
    widths: List[float] = field(default_factory=list)
    caption: str = ""
    attrs: str = ""  # the caption's attributes, `#tbl-x .class`
    blocks: bool = False  # cells hold block Markdown (grid tables)


class TableFinder(Preprocessor):
    """Finds the tables, keeps them aside and leaves a placeholder line for each."""

    def __init__(self, md, store: List[TableData]):
        super().__init__(md)
        self.store = store

    def run(self, lines: List[str]) -> List[str]:
        out: List[str] = []
        code = code_lines(lines)
        content_column = -1  # where the text of the last list item starts
        index = 0
        while index < len(lines):
            line = lines[index]
            if code[index]:
                out.append(line)
                index += 1
                continue
            marker = _LIST_MARKER.match(line)
            if marker:
                # The text starts after the spaces, or one space in when there are five or more.
                content_column = marker.end(2) if len(marker.group(2)) <= 4 else \
                    marker.start(2) + 1
            elif line.strip() and not line.startswith(" "):
                content_column = -1
            # A table starts a block: after a blank line, or right after a `:::` fence.
            starts = index == 0 or not lines[index - 1].strip() or \
                bool(_FENCE_LINE.match(lines[index - 1]))
            found = read_table(lines, index, code) if starts else None
            if found is None:
                out.append(line)
                index += 1
                continue
            table, end, indent = found
            caption_at = _caption_before(out)
            if caption_at is not None and not table.caption:
                table.caption, table.attrs = _caption(out[caption_at:])
                del out[caption_at:]
                while out and not out[-1].strip():
                    out.pop()
                out.append("")
            if not table.caption:
                after = _caption_after(lines, end)
                if after is not None:
                    table.caption, table.attrs = _caption(lines[end + 1:after])
                    end = after - 1
            self.store.append(table)
            if indent < content_column:
                indent = 0  # less indented than the list item's text: the list has ended
            out.extend(["", " " * indent + f"{TABLE_OPEN}table {len(self.store) - 1}"
                        f"{TABLE_CLOSE}", ""])
            index = end + 1
        return out


def _caption_before(out: List[str]) -> Optional[int]:
    """Where a caption paragraph right before the table starts in `out`, if there is one."""
    end = len(out)
    while end and not out[end - 1].strip():
        end -= 1
    if end == len(out) or end == 0:
        return None
    start = end
    while start and out[start - 1].strip():
        start -= 1
    return start if _CAPTION.match(out[start]) else None


def _caption_after(lines: List[str], end: int) -> Optional[int]:
    """The index after a caption paragraph following the table (a blank line between)."""
    start = end + 1
    if start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _CAPTION.match(lines[start]):
        return None
    stop = start
    while stop < len(lines) and lines[stop].strip():
        stop += 1
    return stop


def _caption(lines: List[str]) -> Tuple[str, str]:
    text = " ".join(line.strip() for line in lines if line.strip())
    text = re.sub(r"^(?:Table)?:[ \t]+", "", text)
    match = _CAPTION_ATTRS.search(text)
    if match:
        return text[:match.start()].rstrip(), match.group(1).strip()
    return text, ""


def read_table(lines: List[str], start: int, code: Optional[List[bool]] = None):
    """(TableData, index of its last line, its indentation) for a table at `start`, or None."""
    found = _read_table(lines, start)
    if found and code is not None and any(code[start:found[1] + 1]):
        return None  # a table never holds fenced code
    return found


def _read_table(lines: List[str], start: int):
    line = lines[start]
    if _STRUCTURE.match(line):
        return None  # a heading or a `:::` fence is never a table's header
    if _GRID_BORDER.match(line):
        return _grid(lines, start)
    if _DASHES.match(line) and start + 1 < len(lines) and lines[start + 1].strip():
        if _is_full_rule(line):
            found = _multiline(lines, start)
            if found:
                return found
        return _headerless(lines, start)
    if start + 1 < len(lines) and _DASHES.match(lines[start + 1]) and line.strip():
        return _simple(lines, start)
    return None


def _is_full_rule(line: str) -> bool:
    return len(_DASH_GROUP.findall(line)) == 1


def _columns(dash_line: str) -> List[Tuple[int, int]]:
    return [m.span() for m in _DASH_GROUP.finditer(dash_line)]


def _cells(line: str, columns: List[Tuple[int, int]]) -> List[str]:
    """A row cut at the columns: each cell runs from its dashes' start to the next column's."""
    cells = []
    for number, (start, _) in enumerate(columns):
        end = columns[number + 1][0] if number + 1 < len(columns) else len(line)
        begin = 0 if number == 0 else start
        cells.append(line[begin:end].strip())
    return cells


def _align(texts: List[str], columns: List[Tuple[int, int]]) -> List[str]:
    """pandoc's rule: where the header's text sits over each column's dashes."""
    aligns = []
    for number, (start, end) in enumerate(columns):
        left = right = False
        seen = False
        for text in texts:
            segment_end = columns[number + 1][0] if number + 1 < len(columns) else len(text)
            begin = 0 if number == 0 else start
            segment = text[begin:max(segment_end, end)]
            if not segment.strip():
                continue
            seen = True
            first = begin + len(segment) - len(segment.lstrip())
            last = begin + len(segment.rstrip())
            left = left or first == start
            right = right or last == end
        if not seen or (left and right):
            aligns.append("")
        elif right:
            aligns.append("right")
        elif left:
            aligns.append("left")
        else:
            aligns.append("center")
    return aligns


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _simple(lines: List[str], start: int):
    header, dashes = lines[start], lines[start + 1]
    columns = _columns(dashes)
    if len(columns) < 2:
        return None  # one column under a line: a heading, as pandoc reads it
    rows, index = [], start + 2
    while index < len(lines) and lines[index].strip():
        if _DASHES.match(lines[index]) and index + 1 >= len(lines) or \
                _DASHES.match(lines[index]) and not lines[index + 1].strip():
            index += 1  # a closing dash line (pandoc writes one after headerless tables)
            break
        rows.append(_cells(lines[index], columns))
        index += 1
    table = TableData(_cells(header, columns), rows, _align([header], columns))
    return table, index - 1, _indent(dashes)


def _headerless(lines: List[str], start: int):
    """A dash line, rows, a dash line (simple), or rows set apart by blank lines (multiline)."""
    dashes = lines[start]
    columns = _columns(dashes)
    rows: List[List[str]] = []
    current: List[str] = []
    multiline = False
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if _DASHES.match(line) and line.strip():
            if current and multiline:
                rows.append(_join_cells(current, columns, True))
            else:
                rows.extend(_cells(text, columns) for text in current)
            break
        if _STRUCTURE.match(line):
            return None
        if not line.strip():
            if index + 1 >= len(lines) or not lines[index + 1].strip():
                return None  # never closed: not a table
            multiline = True
            if current:
                rows.append(_join_cells(current, columns, True))
                current = []
        else:
            current.append(line)
        index += 1
    else:
        return None
    if not rows:
        return None
    if multiline:
        rows = [_join_cells_lines(r) for r in rows]
    first = [line for line in lines[start + 1:index] if line.strip()][:1]
    table = TableData([], rows, _align(first, columns), _widths(columns, dashes)
                      if multiline else [])
    return table, index, _indent(dashes)


def _join_cells(block: List[str], columns, multiline: bool) -> List[str]:
    if not multiline and len(block) == 1:
        return _cells(block[0], columns)
    return ["\n".join(parts) for parts in zip(*(_cells(line, columns) for line in block))]


def _join_cells_lines(row: List[str]) -> List[str]:
    return [" ".join(part for part in cell.split("\n") if part) for cell in row]


def _multiline(lines: List[str], start: int):
    """A full dash line, header lines, the column dash line, rows, a closing dash line."""
    index = start + 1
    header_lines = []
    while index < len(lines) and lines[index].strip() and not _DASHES.match(lines[index]):
        if _STRUCTURE.match(lines[index]):
            return None
        header_lines.append(lines[index])
        index += 1
    if index >= len(lines) or not _DASHES.match(lines[index]) or not header_lines:
        return None
    dashes = lines[index]
    columns = _columns(dashes)
    rows: List[List[str]] = []
    current: List[str] = []
    index += 1
    while index < len(lines):
        line = lines[index]
        if _DASHES.match(line) and line.strip():
            if current:
                rows.append(_join_cells_lines(_join_cells(current, columns, True)))
            break
        if _STRUCTURE.match(line):
            return None
        if not line.strip():
            if current:
                rows.append(_join_cells_lines(_join_cells(current, columns, True)))
                current = []
            if index + 1 < len(lines) and not lines[index + 1].strip():
                return None  # two blank lines: not closed
        else:
            current.append(line)
        index += 1
    else:
        return None
    header = _join_cells_lines(_join_cells(header_lines, columns, True))
    table = TableData(header, rows, _align(header_lines, columns), _widths(columns, dashes))
    return table, index, _indent(dashes)


def _widths(columns: List[Tuple[int, int]], dashes: str) -> List[float]:
    """Each column's share: its dashes and the space after them, as pandoc counts."""
    spans = []
    for number, (start, end) in enumerate(columns):
        following = columns[number + 1][0] if number + 1 < len(columns) else end + 1
        spans.append(following - start)
    total = float(sum(spans)) or 1.0
    return [span / total for span in spans]


def _grid(lines: List[str], start: int):
    border = lines[start]
    indent = _indent(border)
    edges = [m.start() for m in re.finditer(r"\+", border)]
    if len(edges) < 2:
        return None
    aligns = _grid_aligns(border, edges)
    header: List[str] = []
    rows: List[List[str]] = []
    current: List[List[str]] = [[] for _ in edges[:-1]]
    index = start + 1
    have_header = False
    while index < len(lines):
        line = lines[index]
        if _GRID_BORDER.match(line):
            cells = ["\n".join(_dedent_lines(parts)).strip() for parts in current]
            if "=" in line and not have_header and not rows:
                header, have_header = cells, True
                aligns = _grid_aligns(line, edges) if ":" in line else aligns
            else:
                rows.append(cells)
            current = [[] for _ in edges[:-1]]
            if index + 1 >= len(lines) or not lines[index + 1].strip().startswith("|"):
                break
            index += 1
            continue
        if not line.strip().startswith("|"):
            return None
        for number in range(len(edges) - 1):
            left, right = edges[number], edges[number + 1]
            cell = line[left + 1:right] if right <= len(line) else line[left + 1:]
            current[number].append(cell.rstrip("|").rstrip())
        index += 1
    else:
        return None
    widths = [float(edges[n + 1] - edges[n]) for n in range(len(edges) - 1)]
    total = sum(widths) or 1.0
    table = TableData(header, rows, aligns, [w / total for w in widths], blocks=True)
    return table, index, indent


def _grid_aligns(border: str, edges: List[int]) -> List[str]:
    aligns = []
    for number in range(len(edges) - 1):
        segment = border[edges[number] + 1:edges[number + 1]]
        left, right = segment.startswith(":"), segment.endswith(":")
        aligns.append("center" if left and right else "right" if right else
                      "left" if left else "")
    return aligns


def _dedent_lines(parts: List[str]) -> List[str]:
    text = [p for p in parts]
    indents = [len(p) - len(p.lstrip(" ")) for p in text if p.strip()]
    cut = min(indents) if indents else 0
    return [p[cut:] for p in text]


class TableBuilder(BlockProcessor):
    """The placeholder line -> `<table>` (`<thead>`, `<tbody>`, `<caption>`)."""

    def __init__(self, parser, store: List[TableData]):
        super().__init__(parser)
        self.store = store

    def test(self, parent, block):
        return bool(_PLACEHOLDER.match(block.split("\n", 1)[0]))

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        table = self.store[int(_PLACEHOLDER.match(first).group(1))]
        element = etree.SubElement(parent, "table")
        if table.widths:
            element.set("data-widths", " ".join(f"{w:.4f}" for w in table.widths))
        if table.attrs:
            element.set("data-caption-attrs", table.attrs)
        if table.caption:
            caption = etree.SubElement(element, "caption")
            caption.text = table.caption
        if table.header and any(cell.strip() for cell in table.header):
            row = etree.SubElement(etree.SubElement(element, "thead"), "tr")
            for number, text in enumerate(table.header):
                self._cell(row, "th", text, table, number)
        body = etree.SubElement(element, "tbody")
        for cells in table.rows:
            row = etree.SubElement(body, "tr")
            for number, text in enumerate(cells):
                self._cell(row, "td", text, table, number)
        return True

    def _cell(self, row, tag: str, text: str, table: TableData, number: int) -> None:
        cell = etree.SubElement(row, tag)
        align = table.aligns[number] if number < len(table.aligns) else ""
        if align:
            cell.set("style", f"text-align: {align};")
        if table.blocks and ("\n\n" in text or _LIST_MARKER.match(text) or "\n" in text and
                             any(_LIST_MARKER.match(line) for line in text.split("\n"))):
            self.parser.parseChunk(cell, text)  # a grid cell with paragraphs or a list
        else:
            cell.text = " ".join(part.strip() for part in text.split("\n") if part.strip())
