"""Opening an organization's PowerPoint template safely, before python-pptx sees it.

A template comes from another organization, a website or an e-mail, and its
parts are copied into every deck built with it. So before anything reads it:

- **Sizes first.** A .pptx is a zip file. Its directory is read (not its parts)
  and the template is refused, naming the limit, when the file, the directory,
  the number of parts, a part's or the parts' total inflated size, or a large
  part's compression ratio is beyond what a real template has, or when parts
  overlap in the file (a zip bomb): in milliseconds and without inflating
  anything. Parts are then inflated no further than the sizes checked.
- **XML without DTDs.** Every XML part is parsed without entities, DTDs or the
  network, and a part with a `<!DOCTYPE>` is refused: PowerPoint never writes
  one, and python-pptx would keep the entity references and drop their
  definitions (a deck that does not open), or an entity could read files or
  expand into gigabytes. The numbers and colours our readers convert (positions,
  sizes, colour changes, text sizes) are checked too, so a damaged template is
  reported with the file, part and line instead of failing deep inside a reader.
- **Nothing reachable from outside.** Relationships that point outside the
  package are what PowerPoint fetches on opening (a picture linked to
  `\\\\host\\share\\x.png` sends the viewer's Windows credentials to that host).
  Only hyperlinks to http, https, mailto and tel addresses (the links a deck's
  Markdown may have) are kept; every other external relationship is removed
  with what refers to it (a linked picture, a link on a shape), with a warning
  naming the template.

`open_template_package(path)` answers with the package python-pptx can open
(`.stream()`) and the warnings; every reader of a template goes through it.
The answer is kept per file and modification time, so a build that reads the
template three times (geometry, deck, handout) checks it once.
"""
from __future__ import annotations

import functools
import io
import os
import posixpath
import re
import stat as stat_module
import struct
import zipfile
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from .errors import DeckError, Finding

MB = 1024 * 1024

# What a real template stays well within (the largest we have seen: 40 MB, 300 parts).
MAX_FILE_BYTES = 200 * MB  # the .pptx file itself
MAX_DIRECTORY_BYTES = 4 * MB  # the zip's directory (about 80 bytes a part)
MAX_PARTS = 10_000
MAX_TOTAL_BYTES = 300 * MB  # every part inflated
MAX_PART_BYTES = 200 * MB  # one part inflated (a picture or a video)
MAX_XML_BYTES = 30 * MB  # one XML part inflated (parsed into memory)
MAX_RATIO = 200  # inflated / compressed, for parts over RATIO_FROM bytes
RATIO_FROM = 1 * MB

# The addresses a hyperlink may keep: those a deck's own links may have.
KEPT_SCHEMES = ("http", "https", "mailto", "tel")

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
HYPERLINK = R + "/hyperlink"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"


@dataclass(frozen=True)
class TemplatePackage:
    """A template checked (and, where needed, cleaned) for python-pptx to open."""

    path: str
    data: bytes  # the file's bytes, or a cleaned copy when something was removed
    warnings: Tuple[Finding, ...] = ()  # what was removed, naming the template

    def stream(self) -> io.BytesIO:
        """A fresh file object for `pptx.Presentation`."""
        return io.BytesIO(self.data)


def open_template_package(path) -> TemplatePackage:
    """The template at `path`, checked; DeckError naming the file when it cannot be used."""
    path = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise DeckError(f"cannot read the template ({exc.strerror})", path) from None
    if not stat_module.S_ISREG(info.st_mode):
        raise DeckError("the template is not a file (a folder, device or pipe); name a .pptx"
                        " file", path)
    if info.st_size > MAX_FILE_BYTES:
        raise DeckError(f"the template is {info.st_size / MB:.0f} MB; deckbuild opens templates"
                        f" of up to {MAX_FILE_BYTES // MB} MB (make its pictures smaller in"
                        " PowerPoint: File > Compress Pictures)", path)
    return _checked(path, info.st_mtime_ns, info.st_size, info.st_ino)


def presentation(path):
    """python-pptx's `Presentation` of the checked template (for readers that need no warnings)."""
    from pptx import Presentation
    return Presentation(open_template_package(path).stream())


@functools.lru_cache(maxsize=2)
def _checked(path: str, mtime_ns: int, size: int, inode: int) -> TemplatePackage:
    try:
        with open(path, "rb") as handle:
            data = handle.read(size + 1)  # the size checked (a file grown since: refused)
    except OSError as exc:
        raise DeckError(f"cannot read the template ({exc.strerror})", path) from None
    if len(data) > MAX_FILE_BYTES:
        raise DeckError(f"the template is over {MAX_FILE_BYTES // MB} MB, the most deckbuild"
                        " opens", path)
    return _Checker(path, data).run()


def _not_pptx(path: str, why: str = "") -> DeckError:
    return DeckError("this file is not a PowerPoint presentation that can be opened"
                     + (f" ({why})" if why else "")
                     + " (save the template from PowerPoint as .pptx)", path)


def _damaged(path: str, part: str, line: int, problem: str) -> DeckError:
    where = f"{part}, line {line}" if line else part
    return DeckError(f"the template is damaged ({where}: {problem}); open it in PowerPoint,"
                     " save it again and build again", path)


# Attributes our readers turn into numbers or colours, by element: (namespace, name).
_INTEGER = re.compile(r"^-?[0-9]{1,19}$")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
_COLOUR_CHANGES = ("lumMod", "lumOff", "tint", "shade", "alpha", "alphaMod", "alphaOff",
                   "satMod", "satOff", "hueMod", "hueOff", "hue", "sat", "lum", "red", "green",
                   "blue", "redMod", "greenMod", "blueMod", "redOff", "greenOff", "blueOff")
_NUMBERS: Dict[Tuple[str, str], Tuple[Tuple[str, "re.Pattern"], ...]] = {
    **{(A, name): (("x", _INTEGER), ("y", _INTEGER)) for name in ("off", "chOff")},
    **{(A, name): (("cx", _INTEGER), ("cy", _INTEGER)) for name in ("ext", "chExt")},
    **{(P, name): (("cx", _INTEGER), ("cy", _INTEGER)) for name in ("sldSz", "notesSz")},
    **{(A, name): (("val", _INTEGER),) for name in _COLOUR_CHANGES},
    (A, "srgbClr"): (("val", _HEX),),
    (A, "sysClr"): (("lastClr", _HEX),),
    **{(A, name): (("sz", _INTEGER),) for name in ("rPr", "defRPr", "endParaRPr")},
    **{(A, name): (("val", _INTEGER),) for name in ("spcPts", "spcPct", "buSzPct", "buSzPts")},
    (A, "xfrm"): (("rot", _INTEGER),),
    (P, "ph"): (("idx", _INTEGER),),
    (A, "bodyPr"): tuple((side, _INTEGER) for side in ("lIns", "tIns", "rIns", "bIns", "rot")),
    (A, "ln"): (("w", _INTEGER),),
    (A, "gs"): (("pos", _INTEGER),),
    (A, "lin"): (("ang", _INTEGER),),
}
_NUMBER_TAGS = [f"{{{ns}}}{name}" for ns, name in _NUMBERS]


class _Checker:
    def __init__(self, path: str, data: bytes):
        self.path = path
        self.data = data
        self.warnings: List[Finding] = []

    def run(self) -> TemplatePackage:
        entries = self.directory()
        xml: Dict[str, object] = {}  # part name -> parsed tree, for the parts we read
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            for info in entries:
                if _is_xml(info.filename):
                    xml[info.filename] = self.parse(archive, info)
        changed = self.external_relationships(xml)
        self.structure({info.filename for info in entries}, xml)
        if not changed:
            return TemplatePackage(self.path, self.data, tuple(self.warnings))
        return TemplatePackage(self.path, self.rewrite(entries, xml, changed),
                               tuple(self.warnings))

    # -- the zip's directory, before anything is inflated

    def directory(self) -> List[zipfile.ZipInfo]:
        size, entries_declared = _directory_size(self.data)
        if size is None:
            raise _not_pptx(self.path, "it is not a zip package")
        if size > MAX_DIRECTORY_BYTES or entries_declared > MAX_PARTS:
            raise DeckError(f"the template has more parts than a PowerPoint file has (over"
                            f" {MAX_PARTS:,}); deckbuild did not open it", self.path)
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise _not_pptx(self.path, "its zip directory cannot be read") from None
        if len(entries) > MAX_PARTS:
            raise DeckError(f"the template has {len(entries):,} parts; deckbuild opens templates"
                            f" of up to {MAX_PARTS:,}", self.path)
        names = set()
        total = 0
        for info in entries:
            if info.filename in names:
                raise _not_pptx(self.path, f"the part {info.filename[:80]} appears twice")
            names.add(info.filename)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _not_pptx(self.path, f"the part {info.filename[:80]} is compressed in a way"
                                " PowerPoint does not use")
            limit = MAX_XML_BYTES if _is_xml(info.filename) else MAX_PART_BYTES
            if info.file_size > limit:
                raise DeckError(f"the template's part {info.filename[:80]} would be"
                                f" {info.file_size / MB:,.0f} MB unpacked; deckbuild opens parts"
                                f" of up to {limit // MB} MB (a zip bomb, or a huge picture or"
                                " video): it was not opened", self.path)
            if info.file_size > RATIO_FROM and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise DeckError(f"the template's part {info.filename[:80]} is compressed"
                                f" {info.file_size / max(info.compress_size, 1):,.0f} times (over"
                                f" {MAX_RATIO}: a zip bomb); it was not opened", self.path)
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise DeckError(f"the template would be {total / MB:,.0f} MB unpacked; deckbuild opens"
                            f" templates of up to {MAX_TOTAL_BYTES // MB} MB (a zip bomb, or"
                            " too many large pictures): it was not opened", self.path)
        spans = sorted((info.header_offset, info.header_offset + info.compress_size, info.filename)
                       for info in entries)
        for (_, end, name), (start, _, other) in zip(spans, spans[1:]):
            if start < end:
                raise _not_pptx(self.path, f"its parts {name[:60]} and {other[:60]} overlap,"
                                " as in a zip bomb")
        if spans and spans[-1][1] > len(self.data):
            raise _not_pptx(self.path, "the file is cut short")
        return entries

    # -- XML parts

    def parse(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo):
        from lxml import etree
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise _damaged(self.path, info.filename, 0, f"cannot be unpacked: {exc}") from None
        except Exception as exc:  # zlib.error and the like: a damaged part
            raise _damaged(self.path, info.filename, 0, f"cannot be unpacked: {exc}") from None
        if len(data) != info.file_size:
            raise _damaged(self.path, info.filename, 0, "its size is not the one recorded")
        if _has_doctype(data):
            raise DeckError(f"the template's part {info.filename} holds a DTD (<!DOCTYPE ...>),"
                            " which PowerPoint never writes and deckbuild does not read (it can"
                            " hide entities that expand or read other files); save the template"
                            " again from PowerPoint", self.path)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 dtd_validation=False, huge_tree=False, remove_comments=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            line = exc.lineno or 0
            raise _damaged(self.path, info.filename, line, "not well-formed XML: "
                           + str(exc.msg or exc).split(" (line")[0][:120]) from None
        tree = root.getroottree()
        if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
            raise DeckError(f"the template's part {info.filename} holds a DTD (<!DOCTYPE ...>);"
                            " save the template again from PowerPoint", self.path)
        for element in root.iter(*_NUMBER_TAGS):
            namespace, _, name = element.tag[1:].partition("}")
            for attribute, pattern in _NUMBERS[(namespace, name)]:
                value = element.get(attribute)
                if value is not None and not pattern.match(value):
                    kind = "a colour like 1F6F8B" if pattern is _HEX else "a whole number"
                    raise _damaged(self.path, info.filename, element.sourceline or 0,
                                   f'<{_prefix(namespace)}{name} {attribute}="{value[:40]}">'
                                   f" is not {kind}")
        return root

    # -- external relationships

    def external_relationships(self, xml: Dict[str, object]) -> Dict[str, bool]:
        """Remove external relationships other than kept hyperlinks; the parts changed."""
        changed: Dict[str, bool] = {}
        for name in sorted(xml):
            if not name.endswith(".rels"):
                continue
            root = xml[name]
            owner = _owner(name)
            dropped: Dict[str, str] = {}
            for rel in list(root):
                if not isinstance(rel.tag, str) or rel.get("TargetMode") != "External":
                    continue
                target = rel.get("Target") or ""
                kind = rel.get("Type") or ""
                if kind == HYPERLINK and _kept_address(target):
                    continue
                root.remove(rel)
                dropped[rel.get("Id") or ""] = kind
                self.warnings.append(Finding(
                    "warning", _removed_message(kind, target, owner or name), self.path,
                    rule="template-link"))
            if dropped:
                changed[name] = True
                if owner in xml:
                    _remove_references(xml[owner], dropped)
                    changed[owner] = True
        return changed

    # -- the parts python-pptx looks up

    def structure(self, names: Set[str], xml: Dict[str, object]) -> None:
        """Every part a relationship points to is in the file with a content type, the parts
        that need a layout, master or theme have one, and every relationship the presentation
        part refers to is in its list (python-pptx stops at any of them). Other parts' dangling
        references (PowerPoint repairs them) are left to the readers, which skip them."""
        for required in (CONTENT_TYPES, PACKAGE_RELS):
            if required not in xml:
                raise _not_pptx(self.path, f"it has no {required} part")
        defaults, overrides = _content_types(xml[CONTENT_TYPES])
        known: Dict[str, Set[str]] = {}  # part -> the ids and types of its relationships
        for name in sorted(n for n in xml if n.endswith(".rels")):
            owner = _owner(name)
            known[owner or ""] = ids = set()
            for rel in xml[name]:
                if not isinstance(rel.tag, str):
                    continue
                ids.update((rel.get("Id"), rel.get("Type")))
                if rel.get("TargetMode") == "External":
                    continue
                target = _target(owner, rel.get("Target") or "")
                if target not in names:
                    raise _damaged(self.path, name, rel.sourceline or 0,
                                   f"it points to {target[:80]}, which is not in the file")
                extension = target.rpartition(".")[2].lower()
                if target.lower() not in overrides and extension not in defaults:
                    raise _damaged(self.path, CONTENT_TYPES, 0,
                                   f"the part {target[:80]} has no content type")
        for name, kind in [("", "officeDocument")] + [
                (part, _NEEDED.get(overrides[part.lower()], "")) for part in xml
                if overrides.get(part.lower()) in _NEEDED]:
            if f"{R}/{kind}" not in known.get(name, ()):
                raise _damaged(self.path, name or PACKAGE_RELS, 0,
                               f"it has no relationship to its {kind}")
        main = _main_part(xml[PACKAGE_RELS])
        if main in xml:  # its masters, slides and notes master are looked up by id at once
            ids = known.get(main, set())
            for value in xml[main].xpath("//@*[namespace-uri()=$ns]", ns=R):
                if value and value not in ids:
                    raise _damaged(self.path, main, value.getparent().sourceline or 0,
                                   f"it refers to the relationship '{value[:40]}', which its list"
                                   " of relationships does not have")

    def rewrite(self, entries, xml, changed) -> bytes:
        from lxml import etree
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as result:
            for info in entries:
                if info.filename in changed:
                    data = etree.tostring(xml[info.filename].getroottree(), encoding="UTF-8",
                                          xml_declaration=True, standalone=True)
                else:
                    data = archive.read(info)
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                result.writestr(copy, data)
        return out.getvalue()


def _directory_size(data: bytes) -> Tuple[Optional[int], int]:
    """(the zip directory's size, its number of entries) from the end record, or (None, 0)."""
    tail = data[-(65536 + 22):]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None, 0
    _, _, _, count, total, size, _, _ = struct.unpack("<4sHHHHIIH", tail[at:at + 22])
    if total == 0xFFFF or size == 0xFFFFFFFF:  # zip64: more than a template ever needs
        return MAX_DIRECTORY_BYTES + 1, MAX_PARTS + 1
    return size, total


def _is_xml(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".xml", ".rels"))


_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def _has_doctype(data: bytes) -> bool:
    """A DOCTYPE in the prolog (before the first element), in UTF-8 or UTF-16."""
    head = data[:4096]
    return any(marker in head for marker in _DOCTYPES) or \
        (b"<!DOCTYPE" in data and data.find(b"<!DOCTYPE") < _first_element(data))


def _first_element(data: bytes) -> int:
    for match in re.finditer(rb"<([A-Za-z_])", data):
        return match.start()
    return len(data)


def _prefix(namespace: str) -> str:
    return {A: "a:", P: "p:"}.get(namespace, "")


def _owner(rels_name: str) -> Optional[str]:
    """ppt/slides/_rels/slide1.xml.rels -> ppt/slides/slide1.xml (None for the package's)."""
    folder, _, file = rels_name.rpartition("/")
    if not folder.endswith("_rels") or not file.endswith(".rels"):
        return None
    base = folder[: -len("_rels")]
    return f"{base}{file[: -len('.rels')]}" if base or file != ".rels" else None


def _target(owner: Optional[str], target: str) -> str:
    """The part a relationship of `owner` (None: the package) points to, as a zip name."""
    base = "/" + (owner.rpartition("/")[0] if owner else "")
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


_PML = "application/vnd.openxmlformats-officedocument.presentationml."
# A part of this content type is unusable without a relationship of that type.
_NEEDED = {_PML + "slide+xml": "slideLayout", _PML + "slideLayout+xml": "slideMaster",
           _PML + "slideMaster+xml": "theme"}


def _main_part(package_rels) -> Optional[str]:
    """The presentation part the package's relationships name (officeDocument)."""
    for rel in package_rels:
        if isinstance(rel.tag, str) and rel.get("Type") == f"{R}/officeDocument":
            return _target(None, rel.get("Target") or "")
    return None


def _content_types(root) -> Tuple[Set[str], Dict[str, str]]:
    """([Content_Types].xml's default extensions, {part name: content type}), in lower case."""
    defaults, overrides = set(), {}
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if element.tag == f"{{{CT}}}Default":
            defaults.add((element.get("Extension") or "").lower())
        elif element.tag == f"{{{CT}}}Override":
            name = (element.get("PartName") or "").lstrip("/").lower()
            overrides[name] = element.get("ContentType") or ""
    return defaults, overrides


def _kept_address(target: str) -> bool:
    scheme = target.split(":", 1)[0].strip().lower() if ":" in target else ""
    if scheme not in KEPT_SCHEMES:
        return False
    if scheme in ("http", "https"):
        rest = target.split(":", 1)[1]
        return rest.startswith("//") and not rest.startswith("///") and "\\" not in rest
    return True


def _removed_message(kind: str, target: str, part: str) -> str:
    shown = target if len(target) <= 80 else target[:77] + "..."
    what = kind.rsplit("/", 1)[-1]
    if what == "hyperlink":
        return (f"removed a link to '{shown}' from the template ({part}): only http, https,"
                " mailto and tel links are kept")
    if what == "image":
        return (f"removed a picture the template links to outside itself ('{shown}', {part}):"
                " PowerPoint would fetch it from there when the deck is opened; insert the"
                " picture into the template instead")
    return (f"removed a link to '{shown}' ({what}) from the template ({part}): a deck never"
            " refers to files outside itself")


_LINK_ELEMENTS = {"hlinkClick", "hlinkHover", "hlinkMouseOver", "videoFile", "audioFile",
                  "quickTimeFile", "wavAudioFile", "snd"}
_PICTURE = f"{{{P}}}pic"
_BLIP = f"{{{A}}}blip"
_BLIP_FILL = f"{{{A}}}blipFill"


def _remove_references(root, dropped: Dict[str, str]) -> None:
    """Take out what refers to removed relationships: links, linked pictures, media."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        refs = [name for name, value in element.attrib.items()
                if name.startswith(f"{{{R}}}") and value in dropped]
        if not refs:
            continue
        local = element.tag.rpartition("}")[2]
        if local in _LINK_ELEMENTS:
            _detach(element)
            continue
        if local == "oleObj":
            frame = _ancestor(element, f"{{{P}}}graphicFrame")
            _detach(frame if frame is not None else element)
            continue
        for name in refs:
            del element.attrib[name]
        if element.tag == _BLIP and not any(n.startswith(f"{{{R}}}") for n in element.attrib):
            picture = _ancestor(element, _PICTURE)
            if picture is not None:
                _detach(picture)
            else:  # a background or a shape filled with the picture: filled with nothing
                fill = element.getparent()
                if fill is not None and fill.tag in (_BLIP_FILL, f"{{{P}}}blipFill"):
                    parent = fill.getparent()
                    if parent is not None:
                        from lxml import etree
                        empty = etree.Element(f"{{{A}}}noFill")
                        empty.tail = fill.tail
                        parent.replace(fill, empty)


def _ancestor(element, tag: str):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _detach(element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
