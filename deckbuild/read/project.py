"""The trainer's project folder: where a deck's pictures, fonts and region files are.

Every file a deck or region names (a picture, a font, a logo, a template) is found
by `project_file`: inside the project folder, there, and readable, or a message
that says which of these it is not.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import DeckError
from .textfile import is_file


def project_root_for(deck_path: Path) -> Path:
    """The folder a deck's files must stay inside: above `source/`, else its own."""
    folder = deck_path.resolve().parent
    return folder.parent if folder.name == "source" else folder


def regions_dir_for(deck_path: Path) -> Path:
    """source/regions beside the deck, as the deck's path was given (for messages)."""
    return Path(deck_path).parent / "regions"


def project_file(name: str, folder: Path, root: Path, what: str) -> Path:
    """The file `name` (relative to `folder`) as a checked absolute path.

    Raises a DeckError without a place (the caller knows the line) when the file is
    outside `root`, missing or unreadable; `what` names it ("picture", "font"...).
    """
    file = (folder / name).resolve()
    if not file.is_relative_to(root.resolve()):
        raise DeckError(f"the {what} '{name}' is outside the project folder; copy it into"
                        " assets/")
    try:
        found = is_file(file)  # a folder it may not search, a symlink loop: said so
    except DeckError as exc:
        raise DeckError(f"the {what} '{name}': {exc}") from None
    if not found:
        hint = f"paths are relative to {root}" if folder == root else f"looked for {file}"
        raise DeckError(f"the {what} '{name}' does not exist ({hint})")
    if not os.access(file, os.R_OK):
        raise DeckError(f"the {what} '{name}' cannot be read (check its permissions)")
    return file
