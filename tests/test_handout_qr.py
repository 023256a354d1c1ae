"""QR codes a phone reads back as exactly the printed address (needs pdftoppm and zbarimg)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deckbuild.build import load
from deckbuild.errors import Findings
from deckbuild.render.handout import render_handout
from deckbuild.render.handout.resources import address_lines

pytestmark = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                                reason="needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)")

ROOT = Path(__file__).resolve().parent.parent
LONG = ("https://services.example.org/find/a/very/long/path/to/a/page/that/must/wrap"
        "/over/several/lines?region=testland&topic=harm-reduction&lang=en")


def decoded(pdf: bytes, folder: Path) -> list:
    """Every QR code found on every page, rendered at 150 dpi."""
    path = folder / "handout.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(path), str(folder / "page")],
                   check=True)
    found = []
    for image in sorted(folder.glob("page-*.png")):
        result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)],
                                capture_output=True, text=True)
        found += [line for line in result.stdout.splitlines() if line]
    return found


def test_seed_deck_qr_codes_decode_to_every_address(tmp_path):
    deck = load(ROOT / "source" / "harm-reduction.md", None, Findings())
    addresses = [r.url for g in deck.resource_groups for r in g.items if r.url]
    found = decoded(render_handout(deck), tmp_path)
    assert sorted(found) == sorted(addresses)


def test_long_addresses_wrap_and_still_decode(project, tmp_path):
    from conftest import REGION
    project.region(REGION.replace("https://clinic.testland.example.org", LONG))
    deck = project.read(f"""
    ---
    title: Links
    region: testland
    ---

    ## Where to look

    - The [finder]({LONG.replace("services", "finder")})
    """)
    folder = tmp_path / "pages"
    folder.mkdir()
    found = decoded(render_handout(deck, paper="a4"), folder)
    assert LONG in found and LONG.replace("services", "finder") in found
    for url in found:
        assert found.count(url) == 1


def test_address_lines_break_after_separators_and_lose_nothing():
    lines = address_lines(LONG, 200)
    assert "".join(lines) == LONG
    assert len(lines) > 1
    assert all(line[-1] in "/?&=#._~:+,;-" for line in lines[:-1])
    # a '/' wins over a '-' when both are in reach
    assert address_lines("https://example.org/harm-reduction/and-more-words", 160) == [
        "https://example.org/", "harm-reduction/", "and-more-words"]
