"""The files one deck names: its pictures, its fonts, its region file."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import DeckError, Findings
from ..media import load_picture
from ..model import Image
from .project import project_file, project_root_for, regions_dir_for
from .region import check_region_key, load_region, region_path
from .textfile import exists, safe_string
from .yamlsource import YamlMap, as_text

FONT_SUFFIXES = (".ttf", ".ttc")


class DeckFiles:
    """Finds what a deck names: pictures relative to the deck, fonts and regions in the project."""

    def __init__(self, deck: Path):
        self.deck = Path(deck)
        self.where = str(self.deck)
        self.root = project_root_for(self.deck)

    def picture(self, src: str, alt: str, line: int) -> Image:
        if not src:
            raise DeckError("this picture has no file name", self.where, line)
        if "://" in src or src.startswith("data:"):
            raise DeckError(f"pictures must be files in the project, not web addresses"
                            f" ({src[:60]})", self.where, line, rule="missing-file")
        try:
            file = project_file(src, self.deck.resolve().parent, self.root, "picture")
        except DeckError as exc:
            raise DeckError(exc.message, self.where, line, rule="missing-file") from None
        try:
            picture = load_picture(str(file))
        except DeckError as exc:
            raise DeckError(f"the picture '{src}': {exc.message}", self.where, line,
                            rule="image-type") from None
        return Image(str(file), safe_string(alt), picture.width, picture.height)

    def fonts(self, front: YamlMap) -> tuple:
        """`fonts:` (one path or a list, relative to the project) as checked absolute paths.

        The handout draws with them what its standard font cannot show (Vietnamese,
        Arabic, Chinese...); reportlab reads TrueType files only.
        """
        value = front.get("fonts")
        if value is None or value == "":
            return ()
        items = value if isinstance(value, list) else [value]
        lines = getattr(value, "lines", None) or \
            [getattr(front, "lines", {}).get("fonts", 1)] * len(items)
        found = []
        for item, line in zip(items, lines):
            if isinstance(item, (dict, list)) or not as_text(item).strip():
                raise DeckError("'fonts' lists font files, one path a line, like"
                                " '- assets/fonts/NotoSans-Regular.ttf'", self.where, line)
            name = as_text(item).strip()
            try:
                file = project_file(name, self.root, self.root, "font")
            except DeckError as exc:
                raise DeckError(exc.message, self.where, line) from None
            if file.suffix.lower() not in FONT_SUFFIXES:
                raise DeckError(f"the font '{name}' is not a TrueType font (.ttf); the handout"
                                " can use only those", self.where, line)
            found.append(str(file))
        return tuple(dict.fromkeys(found))

    def region(self, front: YamlMap, region: Optional[str], findings: Findings):
        """The region named on the command line (`region`), else by the front matter's."""
        key = region or as_text(front.get("region")).strip() or None
        if not key:
            return None
        # A wrong `region:` in the deck is reported at its line in the deck.
        where = (self.where, getattr(front, "lines", {}).get("region", 1)) if not region \
            else (None, 0)
        problem = check_region_key(key)
        file = None if problem else region_path(regions_dir_for(self.deck), key)
        if file is not None and not exists(file):  # a pipe or device: refused by load_region
            names = [p.stem for p in sorted(file.parent.glob("*.yaml"))]
            problem = (f"there is no region '{key}' (no file {file})"
                       + (f"; there are: {', '.join(names)}" if names else ""))
        if problem:
            raise DeckError(problem, *where)
        return load_region(file, self.root, findings)
