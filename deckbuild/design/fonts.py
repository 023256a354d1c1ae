"""Fonts: which file and which widths measure a font family, for every stage.

A template names its fonts (Calibri, Verdana...); PowerPoint draws them, and
deckbuild must measure text exactly as wide as PowerPoint will set it. In
order, a family is measured with:

1. **A metric-compatible open font shipped with deckbuild** (`design/fonts/`):
   the same advance widths as the Office font, under our own names (see
   `tools/subset_fonts.py` and the licence files there). Arial and Helvetica as
   Liberation Sans, Times New Roman as Liberation Serif, Courier New as
   Liberation Mono, Calibri as Carlito, Cambria as Caladea. The same on every
   machine, so a build gives the same bytes everywhere.
2. **The font file itself**, when this machine has it (found with fontconfig's
   `fc-list`, else in the usual font folders), read with fontTools.
3. **A wider stand-in** (DejaVu Sans, "Deckbuild Wide"), for a font nobody here
   has: text measured wider than it is still fits, at worst a little smaller than
   needed. `coverage()` says which it was, so the caller can warn once.

Faces are looked up by family and bold/italic; `Face.width` measures, and
`Face.path` is the TrueType file to draw or embed with (the handout).
"""
from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

FONT_DIR = Path(__file__).resolve().parent / "fonts"
STYLES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
          (True, True): "BoldItalic"}
WIDE = "Deckbuild Wide"
# Office's fonts (and their open twins) -> the bundled font with the same widths.
COMPATIBLE: Dict[str, str] = {
    "arial": "Deckbuild Sans", "helvetica": "Deckbuild Sans", "liberation sans": "Deckbuild Sans",
    "arimo": "Deckbuild Sans", "helvetica neue": "Deckbuild Sans",
    "times new roman": "Deckbuild Serif", "times": "Deckbuild Serif",
    "liberation serif": "Deckbuild Serif", "tinos": "Deckbuild Serif",
    "courier new": "Deckbuild Mono", "courier": "Deckbuild Mono",
    "liberation mono": "Deckbuild Mono", "cousine": "Deckbuild Mono",
    "calibri": "Deckbuild Sans C", "carlito": "Deckbuild Sans C",
    "cambria": "Deckbuild Serif C", "caladea": "Deckbuild Serif C",
    "dejavu sans": WIDE,
}
# What each bundled family stands in for, as the README and `template check` say it.
BUNDLED_FROM = {"Deckbuild Sans": "Liberation Sans", "Deckbuild Serif": "Liberation Serif",
                "Deckbuild Mono": "Liberation Mono", "Deckbuild Sans C": "Carlito",
                "Deckbuild Serif C": "Caladea", WIDE: "DejaVu Sans"}
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts",
                "C:/Windows/Fonts", "~/AppData/Local/Microsoft/Windows/Fonts")


@dataclass(frozen=True)
class Coverage:
    """How a family is measured: `kind` is compatible, machine or stand-in."""

    family: str
    kind: str
    measured_as: str  # the font whose widths are used, as a person knows it

    @property
    def exact(self) -> bool:
        return self.kind != "stand-in"


@dataclass(frozen=True)
class Face:
    family: str  # as the template names it
    bold: bool
    italic: bool
    path: str  # the TrueType file whose widths measure it
    units_per_em: int
    widths: Tuple[Tuple[int, Tuple[int, ...]], ...]  # (first code point, advances) runs

    @property
    def key(self) -> str:
        """A stable name for this face: measuring caches and reportlab use it."""
        return f"{FACE_PREFIX}{self.family}|{STYLES[(self.bold, self.italic)]}"

    @functools.cached_property
    def advances(self) -> Dict[int, int]:
        table: Dict[int, int] = {}
        for first, values in self.widths:
            for offset, value in enumerate(values):
                table[first + offset] = value
        return table

    def has(self, char: str) -> bool:
        return ord(char) in self.advances

    def width(self, text: str, size: float) -> float:
        """`text` set at `size` points, without kerning (as PowerPoint sets it by default)."""
        advances, units = self.advances, 0
        scale = size / self.units_per_em
        extra = 0.0
        for char in text:
            value = advances.get(ord(char))
            if value is None:
                extra += missing_em(char) * size
            else:
                units += value
        return units * scale + extra


FACE_PREFIX = "face:"


def missing_em(char: str) -> float:
    """Width in ems of a character a font lacks (drawn from a fallback font).

    Wide East Asian characters and emoji take a full em or more; for the rest
    0.8 em is at least as wide as most letters of other scripts.
    """
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if ord(char) >= 0x1F000:
        return 1.25
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.8


def normal(family: str) -> str:
    return " ".join(family.split()).casefold()


@functools.lru_cache(maxsize=256)
def coverage(family: str) -> Coverage:
    """How `family` is measured (see the module's docstring)."""
    bundled = COMPATIBLE.get(normal(family))
    if bundled is not None:
        return Coverage(family, "compatible", BUNDLED_FROM[bundled])
    if _readable_machine_font(family):
        return Coverage(family, "machine", family)
    return Coverage(family, "stand-in", BUNDLED_FROM[WIDE])


@functools.lru_cache(maxsize=256)
def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """The face that measures `family` in bold and/or italic (see `coverage`)."""
    bundled = COMPATIBLE.get(normal(family))
    if bundled is None and not _readable_machine_font(family):
        bundled = WIDE
    if bundled is not None:
        entry = _bundled()[f"{bundled}|{STYLES[(bold, italic)]}"]
        return Face(family, bold, italic, str(FONT_DIR / entry["file"]), entry["units_per_em"],
                    tuple((run[0], tuple(run[1:])) for run in entry["widths"]))
    files = _machine_files(family)
    path = files.get((bold, italic)) or files.get((bold, False)) or files.get((False, False)) \
        or next(iter(files.values()))
    units, widths = _read_widths(path)
    return Face(family, bold, italic, path, units, widths)


def face_for_key(key: str) -> Face:
    """The face a `Face.key` names."""
    family, _, style = key[len(FACE_PREFIX):].rpartition("|")
    bold, italic = next(k for k, v in STYLES.items() if v == style)
    return face(family, bold, italic)


def font_file(family: str, bold: bool = False, italic: bool = False) -> str:
    """The TrueType file that draws (or embeds) `family` with the widths it is measured with."""
    return face(family, bold, italic).path


@functools.lru_cache(maxsize=1)
def _bundled() -> dict:
    import json
    return json.loads((FONT_DIR / "metrics.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=256)
def _readable_machine_font(family: str) -> bool:
    """Whether this machine has `family` in a file whose widths can be read (a damaged or
    unusual file is measured like a font nobody has)."""
    files = _machine_files(family)
    if not files:
        return False
    try:
        for path in files.values():
            _read_widths(path)
    except Exception:  # fontTools raises many kinds for files it cannot read
        return False
    return True


@functools.lru_cache(maxsize=256)
def _machine_files(family: str) -> Dict[Tuple[bool, bool], str]:
    """This machine's TrueType files of `family`, by (bold, italic); empty when it has none."""
    wanted = normal(family)
    return {style: path for (name, style), path in _machine_fonts().items() if name == wanted}


@functools.lru_cache(maxsize=1)
def _machine_fonts() -> Dict[Tuple[str, Tuple[bool, bool]], str]:
    """(family, (bold, italic)) -> file, for the TrueType fonts installed here."""
    import shutil
    import subprocess
    found: Dict[Tuple[str, Tuple[bool, bool]], str] = {}
    if shutil.which("fc-list"):
        try:
            listing = subprocess.run(["fc-list", "--format", "%{family}\t%{style}\t%{file}\n"],
                                     capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        for line in listing.splitlines():
            families, style, path = (line.split("\t") + ["", ""])[:3]
            if not path.lower().endswith(".ttf"):
                continue
            for name in families.split(","):
                found.setdefault((normal(name), _style(style)), path)
        return found
    for folder in FONT_FOLDERS:
        for path in Path(os.path.expanduser(folder)).rglob("*.[tT][tT][fF]") \
                if Path(os.path.expanduser(folder)).is_dir() else ():
            name, style = _names(str(path))
            if name:
                found.setdefault((normal(name), _style(style)), str(path))
    return found


def _style(style: str) -> Tuple[bool, bool]:
    words = style.lower()
    return ("bold" in words, "italic" in words or "oblique" in words)


def _names(path: str) -> Tuple[str, str]:
    """A font file's family and style names ('' when it cannot be read)."""
    try:
        from fontTools.ttLib import TTFont
        font = TTFont(path, lazy=True, fontNumber=0)
        table = font["name"]
        family = table.getDebugName(16) or table.getDebugName(1) or ""
        style = table.getDebugName(17) or table.getDebugName(2) or ""
        return family, style
    except Exception:  # a damaged or unusual font file is not one we can measure
        return "", ""


@functools.lru_cache(maxsize=32)
def _read_widths(path: str):
    from fontTools.ttLib import TTFont
    font = TTFont(path, lazy=True, fontNumber=0)
    advances = font["hmtx"].metrics
    widths = {code: advances[glyph][0] for code, glyph in font.getBestCmap().items()
              if glyph in advances}
    runs = []
    for code in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1][1]) == code:
            runs[-1][1].append(widths[code])
        else:
            runs.append((code, [widths[code]]))
    return font["head"].unitsPerEm, tuple((first, tuple(values)) for first, values in runs)
