"""Opening a PowerPoint file someone sent us, without trusting it.

The package is checked by `template_package`, the one door every PowerPoint
file deckbuild reads goes through: sizes and compression ratios before
anything is unpacked (zip bombs), no DTDs, numbers checked, and every
relationship to something outside the file removed (a linked picture would be
fetched from that address when the deck is opened); only web, e-mail and
phone hyperlinks are kept. Its messages speak of a template; here they are
about the deck being imported.

Before that, the two kinds of file that are not a zip at all and that trainers
do have are named: an old .ppt, and a password-protected deck (PowerPoint
saves those in an encrypted container).
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from ...errors import DeckError
from ..textfile import exists, is_file

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .ppt and encrypted files
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
PRESENTATION_MAIN = ("application/vnd.openxmlformats-officedocument.presentationml"
                     ".presentation.main+xml")


def open_presentation(path) -> Tuple[object, List[str]]:
    """(the deck as a python-pptx Presentation, what was removed from it as it was opened).

    .potx templates and .ppsx shows open too (python-pptx has their part classes);
    their main part is given the ordinary presentation type, so a template saved
    from it is a .pptx PowerPoint opens.
    """
    from pptx.package import Package

    from ...template_package import open_template_package

    path = Path(path)
    where = str(path)
    _refuse_other_formats(path)
    try:
        package = open_template_package(where)
    except DeckError as exc:
        raise DeckError(_about_the_deck(exc.message), where) from None
    try:
        prs_part = Package.open(package.stream()).main_document_part
        prs = prs_part.presentation
        prs_part._content_type = PRESENTATION_MAIN
        prs.slides  # noqa: B018 - the slide list is read now, so damage shows here
    except Exception as exc:  # python-pptx and lxml raise many kinds for broken parts
        raise DeckError("this file is damaged or is not a PowerPoint deck"
                        f" ({type(exc).__name__}: {str(exc)[:120]})", where) from None
    removed = [_about_the_deck(w.message) for w in package.warnings]
    return prs, removed


def _refuse_other_formats(path: Path) -> None:
    where = str(path)
    if not is_file(path) and exists(path):
        return  # a folder, pipe or device: opening the package refuses it without reading
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            if head != _OLE:
                return
            data = handle.read(16 << 20)
    except FileNotFoundError:
        raise DeckError("there is no such file", where) from None
    except IsADirectoryError:
        raise DeckError("this is a folder, not a PowerPoint file", where) from None
    except OSError as exc:
        raise DeckError(f"cannot read this file ({exc.strerror})", where) from None
    if any(marker in data for marker in _ENCRYPTED):
        raise DeckError("this deck is protected with a password: open it in PowerPoint, remove"
                        " the password (File > Info > Protect Presentation > Encrypt with"
                        " Password, then clear it), save it and import it again", where)
    raise DeckError("this is an old PowerPoint file (.ppt): open it in PowerPoint or LibreOffice"
                    " and save it as .pptx, then import that", where)


def _about_the_deck(message: str) -> str:
    """The package checker's words for a template, said of the deck being imported."""
    for old, new in (("the template's", "the deck's"), ("the template", "the deck"),
                     ("from the template", "from the deck"), ("templates", "decks"),
                     ("template", "deck")):
        message = message.replace(old, new)
    return message
