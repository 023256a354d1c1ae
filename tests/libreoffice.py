"""What LibreOffice draws: a deck converted to PDF by soffice, read back with pdftotext.

Tests that use this skip when soffice or pdftotext is missing. Word boxes come
from `pdftotext -bbox`; poppler draws every box from 0.95 em above the baseline
to 0.35 em below it, deeper than any glyph of Liberation Sans (the font
LibreOffice draws Arial with: ascender 0.905 em, descender 0.212 em), so `Word`
turns the box back into the glyphs' own extent before anything is compared.
LibreOffice writes a zero-width space with the space glyph (its own advance is
cancelled), and poppler counts that glyph's width into a word ending in one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import List
from xml.etree import ElementTree

import pytest

XHTML = "{http://www.w3.org/1999/xhtml}"
POPPLER_ASCENT, POPPLER_DESCENT = 0.95, 0.35
ASCENDER, DESCENDER = 0.905, 0.212
SPACE = 0.278  # the space glyph's width, in ems
SOFT_BREAK = "\u200b"


def available() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


needs_libreoffice = pytest.mark.skipif(not available(),
                                       reason="needs LibreOffice (soffice) and pdftotext")


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    right: float
    baseline: float
    size: float

    @property
    def top(self) -> float:
        return self.baseline - ASCENDER * self.size

    @property
    def bottom(self) -> float:
        return self.baseline + DESCENDER * self.size


@dataclass(frozen=True)
class Line:
    words: tuple

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def baseline(self) -> float:
        return max(w.baseline for w in self.words)


def convert(pptx: bytes, folder: Path, to: str = "pdf") -> Path:
    """The deck converted by LibreOffice (to "pdf", "odp"...) in a profile of its own
    (folder/lo-profile), so that runs at the same time do not clash."""
    source = folder / "deck.pptx"
    source.write_bytes(pptx)
    profile = (folder / "lo-profile").resolve()
    env = dict(os.environ, HOME=str(folder.resolve()))
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", to, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300, env=env)
    return folder / f"deck.{to}"


def to_pdf(pptx: bytes, folder: Path) -> Path:
    """The deck as LibreOffice draws it (a PDF)."""
    return convert(pptx, folder, "pdf")


def drawn_pages(pdf: Path) -> List[List[Line]]:
    """Every page's lines of words, in pdftotext's reading order."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, timeout=120).stdout
    pages = []
    for page in ElementTree.fromstring(out).iter(XHTML + "page"):
        lines = []
        for line in page.iter(XHTML + "line"):
            words = []
            for w in line.iter(XHTML + "word"):
                y_min, y_max = float(w.get("yMin")), float(w.get("yMax"))
                size = (y_max - y_min) / (POPPLER_ASCENT + POPPLER_DESCENT)
                text = w.text or ""
                right = float(w.get("xMax"))
                if text.endswith(SOFT_BREAK):
                    right -= SPACE * size
                words.append(Word(text, float(w.get("xMin")), right,
                                  y_max - POPPLER_DESCENT * size, size))
            if words:
                lines.append(Line(tuple(words)))
        pages.append(lines)
    return pages


@dataclass(frozen=True)
class ShapeBox:
    name: str
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, word: Word) -> bool:
        """The word is inside, give or take rounding: 0.5 pt across and 2 % of its size
        up and down (LibreOffice puts a line's baseline 0.2 em above its bottom, where
        Liberation Sans's descender reaches 0.212 em)."""
        across, down = 0.5, 0.5 + 0.02 * word.size
        return (self.left - across <= word.left and word.right <= self.right + across
                and self.top - down <= word.top and word.bottom <= self.bottom + down)


def shape_boxes(slide) -> List[ShapeBox]:
    """The boxes of a python-pptx slide's shapes that carry text (tables included), in points."""
    boxes = []
    for shape in slide.shapes:
        if not (shape.has_text_frame or getattr(shape, "has_table", False)):
            continue
        if shape.left is None or shape.width is None:
            continue
        left, top = shape.left / 12700, shape.top / 12700
        boxes.append(ShapeBox(shape.name, left, top, left + shape.width / 12700,
                              top + shape.height / 12700))
    return boxes


def stray_words(prs, pages, slide_width: float = 960.0, slide_height: float = 540.0) -> List[str]:
    """Words drawn outside the slide, or outside every text box of their slide."""
    found = []
    for number, (slide, lines) in enumerate(zip(prs.slides, pages), 1):
        boxes = shape_boxes(slide)
        for line in lines:
            for word in line.words:
                inside_slide = (0 <= word.left and word.right <= slide_width and 0 <= word.top
                                and word.bottom <= slide_height)
                if not inside_slide or not any(box.holds(word) for box in boxes):
                    found.append(f"slide {number}: '{word.text}' at x {word.left:.1f}-"
                                 f"{word.right:.1f}, y {word.top:.1f}-{word.bottom:.1f}")
    return found
