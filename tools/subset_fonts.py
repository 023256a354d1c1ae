"""Make deckbuild's bundled fonts: metric-compatible open fonts, subset and renamed.

    python tools/subset_fonts.py [SOURCE_DIR ...]

deckbuild measures text in a template's fonts. PowerPoint's common fonts are not
free, but open fonts with the same widths are: Liberation Sans, Serif and Mono
(Arial, Times New Roman, Courier New), Carlito (Calibri), Caladea (Cambria), and
DejaVu Sans measures fonts nobody has (it is wider than most, and it is what
LibreOffice draws them with on most Linux systems). This keeps the characters
of Latin, Latin Extended, Greek, Cyrillic and the punctuation decks use, drops
hinting (nothing draws these at screen sizes), renames each font (the SIL Open
Font License reserves the names Liberation and Carlito for the originals, and
the Bitstream Vera licence the names Bitstream and Vera), and writes every
face's advance widths to metrics.json, so measuring needs no font parsing.

Sources are looked for in the folders given, else where Debian and Ubuntu
install them (fonts-liberation2, fonts-crosextra-carlito, fonts-crosextra-caladea,
fonts-dejavu-core).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "deckbuild" / "design" / "fonts"
DEFAULT_SOURCES = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/crosextra",
                   "/usr/share/fonts/truetype/dejavu"]
STYLES = {"Regular": (False, False), "Bold": (True, False), "Italic": (False, True),
          "BoldItalic": (True, True)}
# Our name -> (source file stem, its style suffixes) and what it is.
FAMILIES = {
    "Deckbuild Sans": ("LiberationSans", {s: s for s in STYLES}),
    "Deckbuild Serif": ("LiberationSerif", {s: s for s in STYLES}),
    "Deckbuild Mono": ("LiberationMono", {s: s for s in STYLES}),
    "Deckbuild Sans C": ("Carlito", {s: s for s in STYLES}),
    "Deckbuild Serif C": ("Caladea", {s: s for s in STYLES}),
    "Deckbuild Wide": ("DejaVuSans", {"Regular": "", "Bold": "-Bold", "Italic": "-Oblique",
                                      "BoldItalic": "-BoldOblique"}),
}
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0250, 0x036F),  # IPA, spacing modifiers, combining marks
    (0x0370, 0x03FF), (0x0400, 0x052F),  # Greek, Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese...)
    (0x2000, 0x206F), (0x2070, 0x20CF),  # punctuation, super/subscripts, currency
    (0x2100, 0x215F), (0x2190, 0x21FF),  # letterlike, number forms, arrows
    (0x2200, 0x22FF), (0x25A0, 0x25FF),  # maths operators, geometric shapes (bullets)
    (0x2713, 0x2718), (0xFB00, 0xFB06),  # check marks, Latin ligatures
]


def find(stem: str, suffix: str, folders) -> Path:
    for folder in folders:
        for name in (f"{stem}-{suffix}.ttf", f"{stem}{suffix}.ttf"):
            path = Path(folder) / name
            if path.is_file():
                return path
    raise SystemExit(f"cannot find {stem} {suffix} in {', '.join(map(str, folders))}")


def rename(font: TTFont, family: str, style: str) -> None:
    """Every name record that names the font, renamed (copyright and licence kept)."""
    spaced = {"BoldItalic": "Bold Italic"}.get(style, style)
    legacy_style = spaced if spaced in ("Regular", "Bold", "Italic", "Bold Italic") else "Regular"
    names = {1: family, 2: legacy_style, 3: f"{family} {spaced}; deckbuild subset",
             4: f"{family} {spaced}", 6: f"{family.replace(' ', '')}-{style}",
             16: family, 17: spaced}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def _runs(widths):
    """{code point: advance} as [first code point, advance, advance...] runs of neighbours."""
    runs = []
    for code in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1]) - 1 == code:
            runs[-1].append(widths[code])
        else:
            runs.append([code, widths[code]])
    return runs


def main(folders) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.layout_features = []  # widths are measured without kerning, as PowerPoint sets text
    options.drop_tables += ["FFTM"]
    unicodes = [c for low, high in RANGES for c in range(low, high + 1)]
    metrics = {}
    for family, (stem, suffixes) in FAMILIES.items():
        for style, suffix in suffixes.items():
            font = TTFont(find(stem, suffix, folders))
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=unicodes)
            subsetter.subset(font)
            rename(font, family, style)
            file = f"{family.replace(' ', '')}-{style}.ttf"
            font.save(OUT / file)
            cmap = font.getBestCmap()
            advances = font["hmtx"].metrics
            widths = _runs({code: advances[glyph][0] for code, glyph in cmap.items()})
            metrics[f"{family}|{style}"] = {"file": file, "source": f"{stem}{suffix or ''}",
                                            "units_per_em": font["head"].unitsPerEm,
                                            "widths": widths}
            print(f"{file}: {len(cmap)} characters, {(OUT / file).stat().st_size // 1024} KB")
    (OUT / "metrics.json").write_text(json.dumps(metrics, separators=(",", ":"), sort_keys=True)
                                      + "\n")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT_SOURCES)
