"""Opening an organization's template: every reader of a template goes through here.

The package is checked first by `template_package` (sizes before unpacking, no
DTDs, no outside references), then opened with python-pptx. A `.potx` (what
PowerPoint saves a template as) differs from a `.pptx` only in its main part's
content type, which python-pptx refuses: it is read as the presentation it is.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import DeckError

TEMPLATE_SUFFIXES = (".pptx", ".potx")
CONTENT_TYPES = "[Content_Types].xml"
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.{}.main+xml"


def open_presentation(path: str):
    """The template at `path` as a python-pptx Presentation; DeckError naming the file."""
    from pptx import Presentation

    from ..template_package import open_template_package
    package = open_template_package(path)  # sizes, DTDs and outside links checked first
    try:
        return Presentation(io.BytesIO(as_presentation(package.data)))
    except Exception:  # python-pptx raises many kinds for files that are not a deck
        raise DeckError("this file is not a PowerPoint presentation that can be opened (save"
                        " the template from PowerPoint as .pptx or .potx)", path) from None


def as_presentation(data: bytes) -> bytes:
    """A template package (.potx) as a presentation (.pptx); any other package unchanged."""
    template, presentation = MAIN.format("template").encode(), MAIN.format("presentation").encode()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read(CONTENT_TYPES)
            if template not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    body = archive.read(info.filename)
                    if info.filename == CONTENT_TYPES:
                        body = body.replace(template, presentation)
                    copy.writestr(info, body)
    except (zipfile.BadZipFile, KeyError):
        return data  # python-pptx says what is wrong with it
    return out.getvalue()
