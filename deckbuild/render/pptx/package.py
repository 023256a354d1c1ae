"""The .pptx package: document properties and byte-for-byte reproducible zips.

python-pptx stamps the current time into every zip entry; trainers keep decks in
version control, so a rebuild that changes nothing must change no byte. Entries
are rewritten with one fixed timestamp, in the order python-pptx wrote them. The
compressed data is copied as it is, not inflated and compressed again: for a
large deck that second compression cost as much as writing all its slides.
"""
from __future__ import annotations

import datetime
import functools
import io
import posixpath
import struct
import zipfile
import zlib
from typing import Sequence, Tuple

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn

from ...model import Meta

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The property set every custom document property belongs to (ECMA-376, part 1, 22.3).
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

_LANGUAGE_TAGS = ("defRPr", "rPr", "endParaRPr")


def set_default_language(prs, lang: str) -> None:
    """The deck's language as the language of the presentation's default text, its masters
    and layouts: text a trainer types later in PowerPoint is spell-checked in it, not in the
    template's language."""
    parts = [prs.part] + [master.part for master in prs.slide_masters] + \
        [layout.part for master in prs.slide_masters for layout in master.slide_layouts]
    for part in parts:
        for element in part._element.iter(*(qn(f"a:{tag}") for tag in _LANGUAGE_TAGS)):
            if element.get("lang") not in (None, lang):
                element.set("lang", lang)


def set_core_properties(prs, meta: Meta, when: datetime.datetime) -> None:
    core = prs.core_properties
    core.title = meta.title[:255]
    core.author = "; ".join(meta.authors)[:255] or meta.organization[:255]
    core.subject = (meta.subject or meta.subtitle)[:255]
    core.keywords = ", ".join(meta.keywords)[:255]
    core.comments = meta.description[:2000]
    core.language = meta.lang
    core.last_modified_by = "deckbuild"
    core.revision = 1
    naive = when.replace(tzinfo=None)
    core.created = naive
    core.modified = naive
    core.last_printed = naive
    category = dict(meta.custom).get("category")
    if category:
        core.category = category[:255]


def custom_properties_xml(properties: Sequence[Tuple[str, str]]) -> bytes:
    """docProps/custom.xml: each property as text (vt:lpwstr), numbered from pid 2."""
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    seen = set()
    for pid, (name, value) in enumerate(
            [(n, v) for n, v in properties if n.strip()], start=2):
        name = name.strip()[:255]
        if name.lower() in seen:  # names are compared without case in Office
            continue
        seen.add(name.lower())
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=CUSTOM_FMTID,
                                pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_custom_properties(prs, properties: Sequence[Tuple[str, str]]) -> None:
    """Front-matter keys with no meaning of their own, as custom document properties.

    python-pptx has no API for them: the part is added with its content type and the
    package-level relationship, so PowerPoint's File > Properties > Custom lists them.
    """
    if not properties:
        return
    package = prs.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, package,
                custom_properties_xml(properties))
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def package_bytes(prs, when: datetime.datetime) -> bytes:
    """The .pptx file, with `when` on every zip entry.

    What python-pptx's `save` writes, in the same order and byte for byte, less
    its time: its relationship files build every <Relationship> by parsing a
    string of XML and find every relative address with `posixpath.relpath`,
    which took a quarter of a large deck's build. Here they are written straight;
    `_relationships_xml` is checked against python-pptx's own in the tests. Should
    a later python-pptx rename the private helpers used, its own `save` is used.
    """
    try:
        from pptx.opc.oxml import serialize_part_xml
        from pptx.opc.serialized import _ContentTypesItem
        package = prs.part.package
        package_rels = package._rels
    except (ImportError, AttributeError):
        return _saved(prs, when)
    parts = tuple(package.iter_parts())
    members = [deflated_member("[Content_Types].xml",
                               serialize_part_xml(_ContentTypesItem.xml_for(parts))),
               deflated_member("_rels/.rels", _relationships_xml(package_rels, "/"))]
    for part in parts:
        members.append(getattr(part, "frozen_member", None)  # see `frozen`
                       or deflated_member(part.partname.membername, part.blob))
        rels = part.rels
        if len(rels):
            members.append(deflated_member(part.partname.rels_uri.membername,
                                           _relationships_xml(rels, part.partname.baseURI)))
    return zip_members(members, when)


_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _relationships_xml(rels, base_uri: str) -> bytes:
    """A .rels file as python-pptx writes it: relationships in numerical rId order."""
    root = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
    tag = f"{{{_RELS_NS}}}Relationship"
    order = sorted((int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)
                   for rid in rels.keys())
    for _, rid in order:
        rel = rels[rid]
        if rel.is_external:
            etree.SubElement(root, tag, {"Id": rid, "Type": rel.reltype,
                                         "Target": rel.target_ref, "TargetMode": "External"})
        else:
            etree.SubElement(root, tag, {"Id": rid, "Type": rel.reltype, "Target":
                                         _relative_ref(str(rel.target_partname), base_uri)})
    return etree.tostring(root, encoding="UTF-8", standalone=True)


@functools.lru_cache(maxsize=4096)
def _relative_ref(partname: str, base_uri: str) -> str:
    """`PackURI.relative_ref`: the address of `partname` from the folder `base_uri`."""
    if base_uri == "/":
        return partname[1:]
    return posixpath.relpath(partname, base_uri)


def _saved(prs, when: datetime.datetime) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return reproducible_zip(out.getvalue(), when)


def reproducible_zip(data: bytes, when: datetime.datetime) -> bytes:
    """The same package with fixed timestamps and attributes on every entry."""
    stamp = _zip_stamp(when)
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    if len(infos) >= 0xFFFF or len(data) >= 0xFFFFFFFF or \
            any(info.compress_type != zipfile.ZIP_DEFLATED for info in infos):
        return _rewritten(source, stamp)  # ZIP64, or an entry python-pptx did not deflate
    view = memoryview(data)
    return zip_members(((info.filename, info.CRC, info.file_size, _raw_entry(view, info))
                        for info in infos), when)


def deflated_member(name: str, data: bytes) -> tuple:
    """(name, CRC, size, deflated bytes): one zip member, compressed as zipfile does."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush()


def zip_members(members, when: datetime.datetime) -> bytes:
    """A zip of deflated members, each with the same timestamp and attributes."""
    stamp = _zip_stamp(when)
    dos_time = (stamp.hour << 11) | (stamp.minute << 5) | (stamp.second // 2)
    dos_date = ((stamp.year - 1980) << 9) | (stamp.month << 5) | stamp.day
    out = io.BytesIO()
    central = []
    for filename, crc, size, raw in members:
        name = filename.encode("ascii") if filename.isascii() else filename.encode("utf-8")
        flags = 0 if filename.isascii() else 0x800
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, zipfile.ZIP_DEFLATED,
                              dos_time, dos_date, crc, len(raw), size, len(name), 0))
        out.write(name)
        out.write(raw)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags,
                                   zipfile.ZIP_DEFLATED, dos_time, dos_date, crc, len(raw), size,
                                   len(name), 0, 0, 0, 0, 0o644 << 16, offset) + name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    if len(central) >= 0xFFFF:  # ZIP64's end records: a deck of over 16,000 slides
        record = out.tell()
        out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(central),
                              len(central), size, start))
        out.write(struct.pack("<IIQI", 0x07064B50, 0, record, 1))
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, size, start, 0))
        return out.getvalue()
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          size, start, 0))
    return out.getvalue()


def _zip_stamp(when: datetime.datetime) -> datetime.datetime:
    """`when`, within the years a zip entry can hold (1980 to 2107)."""
    return min(max(when, datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)),
               datetime.datetime(2107, 12, 31, tzinfo=datetime.timezone.utc))


def _raw_entry(view: memoryview, info: zipfile.ZipInfo) -> memoryview:
    """An entry's compressed bytes, found after its local header."""
    header = info.header_offset
    name_length, extra_length = struct.unpack("<HH", view[header + 26:header + 30])
    begin = header + 30 + name_length + extra_length
    return view[begin:begin + info.compress_size]


def _rewritten(source: zipfile.ZipFile, stamp: datetime.datetime) -> bytes:
    """The slow, general way: every entry read and written again by zipfile."""
    date_time = stamp.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
