"""Every output is reopened before it replaces the last good one.

A deck that PowerPoint cannot open is worse than no new deck: it replaces the
one that worked. So each output's bytes are read back the way a reader reads
them before they are written anywhere:

- the deck (.pptx): its zip directory, every part unpacked against its CRC, the
  content types naming every part, every internal relationship's target
  present, the main presentation part there, and every XML part parsed (expat:
  well-formed, no DTD, no entity);
- the handout (.pdf): its header, its end, its cross-reference table (each entry
  pointing at the object it names) and its trailer's catalogue.

What python-pptx needs to open a package is checked here without building its
object tree, which would cost as much as a tenth of the deck's build; the tests
reopen outputs with python-pptx and pypdf themselves.
"""
from __future__ import annotations

import posixpath
import re
import struct
import zlib
from typing import Dict, List, Tuple
from xml.parsers import expat


class Unreadable(Exception):
    """The output does not reopen; the message says where it breaks."""


def reopen(kind: str, data: bytes) -> None:
    """Raise `Unreadable` unless `data` reopens as an output of `kind` ("pptx" or "handout")."""
    if kind == "pptx":
        reopen_pptx(data)
    else:
        reopen_pdf(data)


# ---------------------------------------------------------------- the deck

_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "officeDocument")


def reopen_pptx(data: bytes) -> None:
    """Each part is unpacked, checked and let go in turn: a 28,000-slide deck's XML is
    hundreds of megabytes unpacked, and only its names and relationships are kept."""
    entries = _directory(data)
    names = {entry[0] for entry in entries}
    if "[Content_Types].xml" not in names:
        raise Unreadable("it has no [Content_Types].xml")
    defaults = overrides = None
    targets: List[Tuple[str, str, str]] = []  # (.rels part, its folder, target)
    main = None
    for entry in entries:
        name = entry[0]
        if not name.endswith((".xml", ".rels")):
            _inflate(data, entry)  # checked against its CRC, then dropped
            continue
        body = _inflate(data, entry)
        _well_formed(name, body)
        if name == "[Content_Types].xml":
            defaults, overrides = _content_types(body)
        elif name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))
            for rel_type, target, external in _relationships(name, body):
                if external:
                    continue
                resolved = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/") \
                    if not target.startswith("/") else target.lstrip("/")
                targets.append((name, target, resolved))
                if name == "_rels/.rels" and rel_type == _OFFICE_DOCUMENT:
                    main = resolved
    for name in names:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        if "/" + name not in overrides and extension not in defaults:
            raise Unreadable(f"the part {name} has no content type")
    for rels, target, resolved in targets:
        if resolved not in names:
            raise Unreadable(f"{rels} refers to {target}, which is not in the file")
    if main is None:
        raise Unreadable("it names no presentation part")


def _directory(data: bytes) -> List[tuple]:
    """(name, method, CRC, size, compressed size, header offset) of every part."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if at < 0 or len(data) - at < 22:
        raise Unreadable("it is not a zip file")
    _, _, _, _, count, size, offset, _ = struct.unpack("<4sHHHHIIH", data[at:at + 22])
    if count == 0xFFFF or offset == 0xFFFFFFFF:  # ZIP64: over 65,535 parts (a huge deck)
        locator = data[at - 20:at]
        if len(locator) < 20 or not locator.startswith(b"PK\x06\x07"):
            raise Unreadable("its ZIP64 directory cannot be found")
        record = struct.unpack("<Q", locator[8:16])[0]
        if data[record:record + 4] != b"PK\x06\x06":
            raise Unreadable("its ZIP64 directory is damaged")
        count, size, offset = struct.unpack("<QQQ", data[record + 32:record + 56])
    entries = []
    seen = set()
    position = offset
    try:
        for _ in range(count):
            (signature, _, _, flags, method, _, _, crc, packed, size, name_length, extra_length,
             comment_length, _, _, _, header) = struct.unpack("<4sHHHHHHIIIHHHHHII",
                                                              data[position:position + 46])
            if signature != b"PK\x01\x02":
                raise Unreadable("its zip directory is damaged")
            name = data[position + 46:position + 46 + name_length].decode(
                "utf-8" if flags & 0x800 else "cp437")
            if 0xFFFFFFFF in (packed, size, header):
                size, packed, header = _zip64_sizes(
                    data[position + 46 + name_length:position + 46 + name_length + extra_length],
                    size, packed, header)
            position += 46 + name_length + extra_length + comment_length
            if name in seen:
                raise Unreadable(f"the part {name} appears twice")
            seen.add(name)
            entries.append((name, method, crc, size, packed, header))
    except struct.error as exc:
        raise Unreadable(f"its zip structure is damaged ({exc})") from None
    return entries


def _inflate(data: bytes, entry: tuple) -> bytes:
    name, method, crc, size, packed, header = entry
    try:
        if data[header:header + 4] != b"PK\x03\x04":
            raise Unreadable(f"the part {name} is not where the directory says")
        local_name, local_extra = struct.unpack("<HH", data[header + 26:header + 30])
        start = header + 30 + local_name + local_extra
        raw = data[start:start + packed]
        if method == 8:
            body = zlib.decompress(raw, -15)
        elif method == 0:
            body = raw
        else:
            raise Unreadable(f"the part {name} is compressed in an unknown way")
    except (struct.error, zlib.error) as exc:
        raise Unreadable(f"the part {name} is damaged ({exc})") from None
    if len(body) != size or zlib.crc32(body) != crc:
        raise Unreadable(f"the part {name} is damaged (its checksum differs)")
    return body


def _zip64_sizes(extra: bytes, size: int, packed: int, header: int) -> Tuple[int, int, int]:
    """The sizes and offset a ZIP64 extra field holds in place of 0xFFFFFFFF."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack("<HH", extra[at:at + 4])
        if kind == 1:
            values = list(struct.unpack(f"<{length // 8}Q", extra[at + 4:at + 4 + length // 8 * 8]))
            if size == 0xFFFFFFFF and values:
                size = values.pop(0)
            if packed == 0xFFFFFFFF and values:
                packed = values.pop(0)
            if header == 0xFFFFFFFF and values:
                header = values.pop(0)
            break
        at += 4 + length
    return size, packed, header


def _well_formed(name: str, body: bytes) -> None:
    parser = expat.ParserCreate()

    def refuse(*_args):
        raise Unreadable(f"the part {name} holds a DTD or an entity")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(body, True)
    except expat.ExpatError as exc:
        raise Unreadable(f"the part {name} is not well-formed XML (line {exc.lineno}:"
                         f" {expat.ErrorString(exc.code)})") from None


def _attributes(body: bytes, element: str) -> List[Dict[str, str]]:
    found: List[Dict[str, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag, attributes):
        if tag.rsplit(" ", 1)[-1] == element:
            found.append(attributes)

    parser.StartElementHandler = start
    parser.Parse(body, True)
    return found


def _content_types(body: bytes) -> Tuple[set, set]:
    defaults = {a.get("Extension", "").lower() for a in _attributes(body, "Default")}
    overrides = {a.get("PartName", "") for a in _attributes(body, "Override")}
    return defaults, overrides


def _relationships(name: str, body: bytes) -> List[Tuple[str, str, bool]]:
    return [(a.get("Type", ""), a.get("Target", ""), a.get("TargetMode") == "External")
            for a in _attributes(body, "Relationship")]


# ---------------------------------------------------------------- the handout

_OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")


def reopen_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise Unreadable("it does not start as a PDF file does")
    tail = data[-1024:]
    if b"%%EOF" not in tail:
        raise Unreadable("it is cut short (no %%EOF at its end)")
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
    if not match:
        raise Unreadable("its end names no cross-reference table")
    position = int(match.group(1))
    if data[position:position + 4] != b"xref":
        raise Unreadable("its cross-reference table is not where its end says")
    lines = re.compile(rb"(\d+) (\d+)\s*\r?\n").match(data, position + 4 + _eol(data, position + 4))
    if not lines:
        raise Unreadable("its cross-reference table cannot be read")
    first, count = int(lines.group(1)), int(lines.group(2))
    table = lines.end()
    objects = 0
    for index in range(count):
        entry = data[table + 20 * index:table + 20 * index + 20]
        if len(entry) < 18 or entry[17:18] not in (b"n", b"f"):
            raise Unreadable(f"its cross-reference entry {first + index} is damaged")
        if entry[17:18] == b"f":
            continue
        offset = int(entry[:10])
        found = _OBJECT.match(data, offset)
        if not found or int(found.group(1)) != first + index:
            raise Unreadable(f"object {first + index} is not where the cross-reference table"
                             " says")
        objects += 1
    trailer = data.find(b"trailer", table + 20 * count)
    if trailer < 0 or not re.search(rb"/Root\s+\d+\s+\d+\s+R", data[trailer:trailer + 400]):
        raise Unreadable("its trailer names no document catalogue")
    if objects == 0:
        raise Unreadable("it holds no objects")


def _eol(data: bytes, at: int) -> int:
    """The length of the line break at `at` (after the "xref" keyword)."""
    if data[at:at + 2] == b"\r\n":
        return 2
    return 1 if data[at:at + 1] in (b"\n", b"\r") else 0
