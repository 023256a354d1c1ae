"""Which font draws each character: embedded TrueType faces, all of them.

The handout names the PDF's standard fonts (Helvetica, Courier, Times) as the
deck is measured in them, and draws them with the metric-compatible faces
deckbuild ships (`design/fonts/`: Liberation Sans, Mono and Serif under our
names), embedded, as PDF/UA asks: the same widths, so the miniatures' lines
break where the deck's do. A character that face lacks is drawn with the first
TTF named under `fonts:` that has it, else with DejaVu Sans ("Deckbuild Wide":
arrows, check marks, geometric shapes), and what no font can show is reported,
slide by slide, instead of being printed as boxes without a word.
"""
from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..design.fonts import FACE_PREFIX, face, face_for_key
from ..errors import DeckError
from .escape import esc

# The PDF standard fonts the handout names, and the families whose shipped faces draw them.
BASE_FAMILIES = {"Helvetica": "Helvetica", "Courier": "Courier New", "Times": "Times New Roman"}
FORCE_BOLD = 1 << 18  # the PDF font flag reportlab sets for bold TrueType faces

# Scripts whose letters change shape or order when set (reportlab cannot shape them):
# drawn from a font they would come out unjoined and left to right.
SHAPED_SCRIPTS = (
    ("Hebrew", 0x0590, 0x05FF), ("Arabic", 0x0600, 0x06FF), ("Syriac", 0x0700, 0x074F),
    ("Arabic", 0x0750, 0x077F), ("Thaana", 0x0780, 0x07BF), ("Devanagari", 0x0900, 0x097F),
    ("Bengali", 0x0980, 0x09FF), ("Gurmukhi", 0x0A00, 0x0A7F), ("Gujarati", 0x0A80, 0x0AFF),
    ("Oriya", 0x0B00, 0x0B7F), ("Tamil", 0x0B80, 0x0BFF), ("Telugu", 0x0C00, 0x0C7F),
    ("Kannada", 0x0C80, 0x0CFF), ("Malayalam", 0x0D00, 0x0D7F), ("Sinhala", 0x0D80, 0x0DFF),
    ("Thai", 0x0E00, 0x0E7F), ("Lao", 0x0E80, 0x0EFF), ("Tibetan", 0x0F00, 0x0FFF),
    ("Myanmar", 0x1000, 0x109F), ("Khmer", 0x1780, 0x17FF), ("Hebrew", 0xFB1D, 0xFB4F),
    ("Arabic", 0xFB50, 0xFDFF), ("Arabic", 0xFE70, 0xFEFF),
)


@functools.lru_cache(maxsize=16)
def embedded(name: str = "Helvetica") -> Tuple[str, frozenset]:
    """(reportlab name, characters) of the embedded face that draws the standard font
    `name` (Helvetica, Helvetica-Bold, Courier-Oblique, Times-BoldItalic...)."""
    stem, _, style = name.partition("-")
    family = BASE_FAMILIES.get(stem, "Helvetica")
    bold, italic = "Bold" in style, "Oblique" in style or "Italic" in style
    for b in (False, True):  # the family's four faces, so <b> and <i> in paragraphs resolve
        for i in (False, True):
            addMapping(_family(family), b, i, face_font(face(family, b, i).key)[0])
    return face_font(face(family, bold, italic).key)


def load_base_fonts() -> None:
    """Read the bundled faces every handout draws with (the four of Helvetica's and
    Courier's stand-ins, and DejaVu): done by the build while the deck is read."""
    for name in ("Helvetica", "Courier"):
        embedded(name)
    wide_font()


def handout_font(name: str) -> str:
    """The reportlab name that draws the standard font `name` in the handout."""
    return embedded(name)[0]


def _family(family: str) -> str:
    return "DeckBase-" + "".join(c for c in family if c.isalnum())


@functools.lru_cache(maxsize=1)
def wide_font() -> Tuple[str, frozenset]:
    """DejaVu Sans (shipped as Deckbuild Wide): what the base faces lack, but it has."""
    return face_font(face("DejaVu Sans").key)


@functools.lru_cache(maxsize=4096)
def standard_shows(char: str) -> bool:
    """True when the handout's own faces (the base face, else Deckbuild Wide) have `char`."""
    return ord(char) in embedded()[1] or ord(char) in wide_font()[1]


def _standard_text(text: str) -> bool:
    """True when the base face has every character and none is invisible (such as the
    soft hyphen)."""
    if "\u00ad" in text:
        return False
    chars = embedded()[1]
    return all(ord(char) in chars for char in text)


def invisible(char: str) -> bool:
    """Zero-width format characters (joiners, marks of direction): nothing to draw."""
    return unicodedata.category(char) == "Cf"


def shaped_script(char: str) -> Optional[str]:
    code = ord(char)
    for name, low, high in SHAPED_SCRIPTS:
        if low <= code <= high:
            return name
    return None


@dataclass(frozen=True)
class FallbackFont:
    """One registered TTF: its name for reportlab, where it came from, what it has."""

    name: str
    family: str
    path: str
    chars: frozenset
    bold: bool
    italic: bool


class FontSet:
    """The fallback fonts of one handout, registered with reportlab under stable names."""

    def __init__(self, files: Sequence[str] = ()):
        self.fonts: List[FallbackFont] = []
        families: Dict[str, Dict[Tuple[bool, bool], str]] = {}
        for path in files:
            font = _register(path)
            if any(f.name == font.name for f in self.fonts):
                continue
            self.fonts.append(font)
            families.setdefault(font.family, {})[(font.bold, font.italic)] = font.name
        # Every family gets all four faces (the regular one standing in for missing
        # ones) so reportlab's <b> and <i> inside a <font face> always resolve.
        self.faces: Dict[str, Dict[Tuple[bool, bool], str]] = {}
        for family, faces in families.items():
            regular = faces.get((False, False)) or next(iter(faces.values()))
            full = {}
            for bold in (False, True):
                for italic in (False, True):
                    full[(bold, italic)] = (faces.get((bold, italic))
                                            or faces.get((bold, False))
                                            or faces.get((False, italic)) or regular)
            self.faces[family] = full
            for (bold, italic), name in full.items():
                addMapping(family, bold, italic, name)
        # Each real file maps back to its own family and style (set last, so a face
        # standing in for a missing style does not claim that style).
        for font in self.fonts:
            addMapping(font.family, font.bold, font.italic, font.name)
        # Per face: characters it draws that are not invisible, so a text of only those is
        # one piece without a look at each of its characters (most of a handout's text).
        self._plain: Dict[Tuple[str, frozenset], set] = {}

    # -- choosing fonts

    @property
    def code_face(self) -> str:
        return handout_font("Courier")

    def fallback_for(self, char: str, bold: bool = False, italic: bool = False) -> Optional[str]:
        """The registered font that draws `char`, the face closest to bold/italic; or None."""
        for font in self.fonts:
            if ord(char) in font.chars:
                face = self.faces[font.family][(bold, italic)]
                if ord(char) in self._chars(face):
                    return face
                return font.name
        return None

    def _chars(self, name: str) -> frozenset:
        for font in self.fonts:
            if font.name == name:
                return font.chars
        return frozenset()

    def shows(self, char: str) -> bool:
        return standard_shows(char) or invisible(char) or any(ord(char) in f.chars
                                                             for f in self.fonts)

    def missing(self, text: str) -> List[str]:
        """The characters of `text` no font of this handout can draw, in order, once each."""
        # Each distinct character once, in the order it first appears (a 1,000,000-letter
        # word is one character to look at, not a million).
        return [char for char in dict.fromkeys(normalise(text))
                if not char.isspace() and not self.shows(char)]

    def split(self, text: str, font: str, bold: bool = False,
              italic: bool = False) -> List[Tuple[str, str]]:
        """`text` as (font name, text) pieces: `font` where it can, fallbacks elsewhere.

        `font` is a reportlab name, or a template font's face key (`design.fonts`): that
        face's TrueType file draws what it has.
        """
        text = normalise(text)
        if font.startswith(FACE_PREFIX):
            found = face_font(font)
            if found is None:  # reportlab cannot draw with that file: our base face instead
                return self.split(text, "Helvetica-Bold" if bold else "Helvetica", bold, italic)
            return self._split_face(text, *found, bold, italic)
        if font:  # a standard font's name: its embedded face
            return self._split_face(text, *embedded(font), bold, italic)
        if _standard_text(text):  # paragraph markup in the style's own (base) face
            return [(font, text)] if text else []
        return self._split_face(text, font, embedded()[1], bold, italic)

    def _split_face(self, text: str, name: str, chars: frozenset, bold: bool, italic: bool):
        plain = self._plain.setdefault((name, chars), set())
        distinct = set(text)
        if distinct <= plain:
            return [(name, text)] if text else []
        for char in distinct - plain:
            if ord(char) in chars and not invisible(char):
                plain.add(char)
        pieces: List[Tuple[str, str]] = []
        for char in text:
            if invisible(char):
                continue
            chosen = name
            if ord(char) not in chars:
                chosen = self.fallback_for(char, bold, italic) or \
                    (wide_font()[0] if ord(char) in wide_font()[1] else name or embedded()[0])
            if pieces and pieces[-1][0] == chosen:
                pieces[-1] = (chosen, pieces[-1][1] + char)
            else:
                pieces.append((chosen, char))
        return pieces

    def markup(self, text: str, bold: bool = False, italic: bool = False) -> str:
        """Escaped paragraph markup of `text`, fallback stretches in <font face>.

        The face is chosen here for `bold`/`italic`: inside <b>, reportlab's
        <font face> would otherwise set the regular face.
        """
        out = []
        for name, piece in self.split(text, "", bold, italic):
            out.append(f'<font face="{name}">{esc(piece)}</font>' if name else esc(piece))
        return "".join(out)

    def width(self, text: str, font: str, size: float, bold: bool = False,
              italic: bool = False) -> float:
        return sum(pdfmetrics.stringWidth(piece, name, size)
                   for name, piece in self.split(text, font, bold, italic))


def normalise(text: str) -> str:
    """Composed characters (NFC): a fallback font has 'ệ', rarely 'e' plus two marks."""
    return unicodedata.normalize("NFC", text)


def shaped_scripts(text: str) -> List[str]:
    names: List[str] = []
    for char in dict.fromkeys(text):  # each distinct character once, in order
        name = shaped_script(char)
        if name and name not in names:
            names.append(name)
    return names


@functools.lru_cache(maxsize=64)
def face_font(key: str) -> Optional[Tuple[str, frozenset]]:
    """(reportlab name, characters) of a template font's face, registered once: the
    miniatures draw with the file the text was measured with (`design.fonts`). None when
    reportlab cannot use that file (a font that forbids embedding, say)."""
    face = face_for_key(key)
    name = "DeckFace-" + hashlib.sha1(f"{face.path}".encode("utf-8")).hexdigest()[:12]
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(name, face.path))
        except (TTFError, OSError, ValueError):
            return None
    return name, frozenset(face.advances)


@functools.lru_cache(maxsize=64)
def _register(path: str) -> FallbackFont:
    file = Path(path)
    name = "DeckFont-" + "".join(c if c.isalnum() else "-" for c in file.stem)
    registered = pdfmetrics._fonts.get(name)
    if registered is not None and getattr(registered.face, "filename", None) != str(file):
        name += "-" + hashlib.sha1(str(file).encode("utf-8")).hexdigest()[:8]
    try:
        font = TTFont(name, str(file))
    except (TTFError, OSError, ValueError) as exc:
        raise DeckError(f"this font cannot be used for the handout ({exc}); name a TrueType"
                        " (.ttf) font file", str(file)) from None
    pdfmetrics.registerFont(font)
    face = font.face
    family = face.familyName.decode("latin-1") if isinstance(face.familyName, bytes) else \
        str(face.familyName or name)
    style = face.styleName.decode("latin-1") if isinstance(face.styleName, bytes) else \
        str(face.styleName or "")
    style = style.lower()
    bold = bool(face.flags & FORCE_BOLD) or "bold" in style
    italic = bool(face.italicAngle) or "italic" in style or "oblique" in style
    return FallbackFont(name=name, family="DeckFamily-" + "".join(
        c if c.isalnum() else "-" for c in family), path=str(file),
        chars=frozenset(face.charToGlyph), bold=bold, italic=italic)
