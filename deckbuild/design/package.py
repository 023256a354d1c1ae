"""Opening an organization's template: every reader of a template goes through here.

The package is checked first by `template_package` (sizes before unpacking, no
DTDs, no outside references), then opened with python-pptx.
"""
from __future__ import annotations

from ..errors import DeckError


def open_presentation(path: str):
    """The template at `path` as a python-pptx Presentation; DeckError naming the file."""
    from pptx import Presentation

    from ..template_package import open_template_package
    package = open_template_package(path)  # sizes, DTDs and outside links checked first
    try:
        return Presentation(package.stream())
    except Exception:  # python-pptx raises many kinds for files that are not a deck
        raise DeckError("this file is not a PowerPoint presentation that can be opened (save"
                        " the template from PowerPoint as .pptx)", path) from None
