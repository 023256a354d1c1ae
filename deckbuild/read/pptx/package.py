"""Opening a PowerPoint file someone sent us, without trusting it.

A .pptx is a zip of XML parts. Before python-pptx sees one, every part is
decompressed here with a hard limit (a zip bomb stops at the limit, not when
memory runs out), XML parts that declare a DTD (the entity tricks of "billion
laughs" and external entities) are refused, and the old binary formats
(.ppt, and password-protected files, which PowerPoint saves as an encrypted
container) get a message that says what to do. Relationships that would make
a viewer fetch something from outside the file are reported by the reader.

`open_presentation` is the one door: when a shared safe-package module lands,
this function is what switches to it.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...errors import DeckError

MAX_FILE = 1 << 30  # 1 GiB on disk
MAX_TOTAL = 2 << 30  # 2 GiB decompressed in all
MAX_PART = 512 << 20  # 512 MiB decompressed for one part (a video)
MAX_XML_PART = 64 << 20  # 64 MiB for one XML part
MAX_RATIO = 200  # a part that decompresses more than 200 times its size, and is big
MAX_ENTRIES = 20_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .ppt and encrypted files
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_MAIN_TYPES = ("presentationml.presentation.main+xml", "presentationml.template.main+xml",
               "presentationml.slideshow.main+xml", "ms-powerpoint.presentation.macroEnabled",
               "ms-powerpoint.template.macroEnabled", "ms-powerpoint.slideshow.macroEnabled")
PRESENTATION_MAIN = ("application/vnd.openxmlformats-officedocument.presentationml"
                     ".presentation.main+xml")


def read_package(path) -> dict:
    """Every part of the file, decompressed within the limits: {zip name: bytes}."""
    path = Path(path)
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise DeckError(f"this file is {size >> 20} MB; decks over {MAX_FILE >> 20} MB are"
                            " not imported (compress its pictures and videos in PowerPoint:"
                            " File > Compress Media, Picture Format > Compress Pictures)", where)
        with open(path, "rb") as handle:
            head = handle.read(8)
            handle.seek(0)
            data = handle.read()
    except FileNotFoundError:
        raise DeckError("there is no such file", where) from None
    except IsADirectoryError:
        raise DeckError("this is a folder, not a PowerPoint file", where) from None
    except OSError as exc:
        raise DeckError(f"cannot read this file ({exc.strerror})", where) from None
    if head == _OLE:
        if _ENCRYPTED in data:
            raise DeckError("this deck is protected with a password: open it in PowerPoint,"
                            " remove the password (File > Info > Protect Presentation), save it"
                            " and import it again", where)
        raise DeckError("this is an old PowerPoint file (.ppt): open it in PowerPoint or"
                        " LibreOffice and save it as .pptx, then import that", where)
    if not head.startswith(b"PK"):
        raise DeckError("this is not a PowerPoint file (.pptx): it is not a zip package", where)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise DeckError("this file is damaged: it is not a complete .pptx package (was it"
                        " fully downloaded?)", where) from None
    if len(infos) > MAX_ENTRIES:
        raise DeckError(f"this file holds {len(infos)} parts, far more than a deck does; it"
                        " is not imported", where)
    parts = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise DeckError("this file is encrypted; save it in PowerPoint without a password"
                            " and import it again", where)
        limit = MAX_XML_PART if _is_xml(info.filename) else MAX_PART
        try:
            blob = _bounded_read(archive, info, limit)
        except _TooBig:
            raise DeckError(f"the part {info.filename} of this file decompresses to more than"
                            f" {limit >> 20} MB; it is not imported (this is how a zip bomb"
                            " looks)", where) from None
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
            raise DeckError(f"this file is damaged (its part {info.filename} cannot be read)",
                            where) from None
        if len(blob) > (1 << 20) and len(blob) > MAX_RATIO * max(info.compress_size, 1):
            ratio = len(blob) // max(info.compress_size, 1)
            raise DeckError(f"the part {info.filename} of this file decompresses {ratio} times"
                            " its size; it is not imported (this is how a zip bomb looks)",
                            where)
        total += len(blob)
        if total > MAX_TOTAL:
            raise DeckError(f"this file decompresses to more than {MAX_TOTAL >> 20} MB; it is"
                            " not imported", where)
        if _is_xml(info.filename) and _declares_dtd(blob):
            raise DeckError(f"the part {info.filename} of this file declares a DTD, which"
                            " PowerPoint never writes; it is not imported", where)
        parts[info.filename] = blob
    types = parts.get("[Content_Types].xml")
    if types is None or not any(t.encode() in types for t in _MAIN_TYPES):
        raise DeckError("this is not a PowerPoint file (.pptx): the package holds no"
                        " presentation (a Word or Excel file?)", where)
    return parts


def open_presentation(path):
    """The deck as a python-pptx Presentation, opened from the checked parts.

    .potx templates and .ppsx shows open too (as python-pptx's part classes allow);
    their main part is given the ordinary presentation type, so a template saved
    from it is a .pptx PowerPoint opens.
    """
    from pptx.package import Package

    parts = read_package(path)
    try:
        package = Package.open(io.BytesIO(_stored_zip(parts)))
        prs_part = package.main_document_part
        prs = prs_part.presentation
        prs_part._content_type = PRESENTATION_MAIN
        prs.slides  # noqa: B018 - reads the slide list now, so damage shows here
    except DeckError:
        raise
    except Exception as exc:  # python-pptx and lxml raise many kinds for broken parts
        raise DeckError(f"this file is damaged and cannot be read as a deck ({type(exc).__name__}"
                        f": {str(exc)[:120]})", str(path)) from None
    return prs


class _TooBig(Exception):
    pass


def _bounded_read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, read in pieces: never more than `limit`, whatever it declares."""
    if info.file_size > limit:
        raise _TooBig
    chunks = []
    size = 0
    with archive.open(info) as member:
        while True:
            chunk = member.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise _TooBig
            chunks.append(chunk)
    return b"".join(chunks)


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _declares_dtd(blob: bytes) -> bool:
    """A DTD can only come before the root element, so the start of the part tells."""
    head = blob[:8192]
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def _stored_zip(parts: dict) -> bytes:
    """The parts again as a zip without compression: python-pptx reads it at once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return out.getvalue()
