"""Do the preview's SVG slides break lines where LibreOffice breaks the deck's? (issue 18)

For the seed deck, and for it with templates from ../shared/templates (default: pandoc's
reference deck and Quarto's 4:3 Nord theme), this builds the .pptx, has LibreOffice
draw it as PDF, and compares every text line of every SVG slide (render/svg) with the
text LibreOffice draws on that baseline from that line's left edge: the same words on
the same line, or a mismatch is listed. The same check the handout's miniatures have
against LibreOffice (tests/test_handout_miniature.py), here for the preview.

    .venv/bin/python tools/preview_lines.py [TEMPLATE.pptx ...]

A script, not a test: the project's tests never read ../shared. Needs soffice.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckbuild.build import load, render  # noqa: E402
from deckbuild.errors import Findings  # noqa: E402
from deckbuild.render.svg import SvgSlides  # noqa: E402

TEMPLATES = ROOT.parent / "shared" / "templates"
DEFAULT = ("pandoc-reference.pptx", "quarto-nord-4x3.pptx")
SVG = "{http://www.w3.org/2000/svg}"
NEAR = 1.5  # points: how far LibreOffice's baseline may be from ours


def fragments(pdf: bytes) -> list:
    """Per page: [(x, baseline from the top, text)] of every piece of text drawn."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        found = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((x, height - y, text))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def svg_lines(svg: str) -> list:
    return [(float(t.get("x")), float(t.get("y")), "".join(t.itertext()))
            for t in ET.fromstring(svg).iter(SVG + "text") if t.get("class") == "line"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\u00ad", "")


def compare(svgs: list, pages: list) -> tuple:
    """(lines compared, [mismatches as text])."""
    compared, wrong = 0, []
    for number, (svg, found) in enumerate(zip(svgs, pages), 1):
        lines = svg_lines(svg)
        for x, y, text in lines:
            # LibreOffice's pieces on this baseline, from this line's start up to the next
            # line that starts further right on the same baseline (another column).
            right = min([ox for ox, oy, _ in lines if abs(oy - y) < NEAR and ox > x + NEAR],
                        default=float("inf"))
            theirs = "".join(t for fx, fy, t in sorted(found)
                             if abs(fy - y) < NEAR and x - NEAR <= fx < right - NEAR)
            compared += 1
            if squeeze(theirs) != squeeze(text):
                wrong.append(f"slide {number}: ours {text!r}, LibreOffice {theirs!r}")
    return compared, wrong


def project_with(folder: Path, template: Path = None) -> tuple:
    shutil.copytree(ROOT / "source", folder / "source")
    shutil.copytree(ROOT / "assets", folder / "assets")
    source = folder / "source" / "harm-reduction.md"
    if template is None:
        return source, None
    shutil.copy(template, folder / "assets" / template.name)
    region = (folder / "source" / "regions" / "connecticut.yaml").read_text(encoding="utf-8")
    region = region.replace("theme:\n", f"theme:\n  template: assets/{template.name}\n", 1)
    (folder / "source" / "regions" / "templated.yaml").write_text(region, encoding="utf-8")
    return source, "templated"


def check(label: str, template: Path = None) -> bool:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source, region = project_with(folder, template)
        deck = load(source, region, Findings())
        pptx = folder / "deck.pptx"
        pptx.write_bytes(render(deck, "pptx"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), str(pptx)],
                       check=True, capture_output=True, timeout=300)
        pages = fragments((folder / "deck.pdf").read_bytes())
        svgs = SvgSlides(deck, font_url=None).all()
        if len(pages) != len(svgs):
            print(f"{label}: LibreOffice drew {len(pages)} slides, the preview {len(svgs)}")
            return False
        compared, wrong = compare(svgs, pages)
        print(f"{label}: {len(svgs)} slides, {compared} lines, "
              f"{compared - len(wrong)} the same as LibreOffice's, {len(wrong)} different")
        for line in wrong[:20]:
            print("  " + line)
        return not wrong


def main(argv: list) -> int:
    if not shutil.which("soffice"):
        print("needs LibreOffice (soffice)")
        return 2
    templates = [Path(a) for a in argv] or [TEMPLATES / name for name in DEFAULT]
    results = [check("seed deck, deckbuild's design")]
    for template in templates:
        results.append(check(f"seed deck, template {template.name}", template))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
