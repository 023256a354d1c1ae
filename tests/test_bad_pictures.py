"""Pictures that cannot be placed as they are: converted, or refused with `path:line`."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from deckbuild.build import load, render
from deckbuild.errors import DeckError, Findings
from deckbuild.media import load_picture


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG file whose header claims a huge picture: a decompression bomb."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b""))


def _deck_with(project, src: str):
    return project.deck(f"## Picture\n\nSome text.\n\n![A picture]({src})\n")


def _pictures(pptx_bytes: bytes) -> list:
    prs = Presentation(io.BytesIO(pptx_bytes))
    return [shape for slide in prs.slides for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _pdf_images(pdf_bytes: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


@pytest.mark.parametrize("name, make, content_type", [
    ("photo.webp", lambda p: PILImage.new("RGB", (40, 30), (200, 10, 10)).save(p), "image/png"),
    ("moving.gif", lambda p: PILImage.new("P", (40, 30)).save(p), "image/png"),
    ("print.jpg", lambda p: PILImage.new("CMYK", (40, 30), (0, 90, 90, 0)).save(p), "image/png"),
    ("plain.jpg", lambda p: PILImage.new("RGB", (40, 30), (0, 90, 90)).save(p), "image/jpeg"),
    ("alpha.png", lambda p: PILImage.new("RGBA", (40, 30), (0, 90, 90, 90)).save(p),
     "image/png"),
])
def test_pictures_in_other_formats_are_converted_for_both_outputs(project, name, make,
                                                                  content_type):
    make(project.root / "assets" / name)
    deck = load(_deck_with(project, f"../assets/{name}"), None, Findings())
    pictures = _pictures(render(deck, "pptx"))
    assert len(pictures) == 1
    assert pictures[0].image.content_type == content_type
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "A picture"
    assert _pdf_images(render(deck, "handout")) == 1


@pytest.mark.parametrize("name, content, message", [
    ("missing.png", None, "does not exist"),
    ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG pictures cannot"),
    ("broken.png", b"\x89PNG\r\n\x1a\nthis is not a picture at all", "may be damaged"),
    ("words.jpg", b"just some text", "may be damaged"),
    ("bomb.png", _png_claiming(30_000, 30_000), "too large"),
])
def test_pictures_that_cannot_be_placed_are_errors_with_their_line(project, name, content,
                                                                   message):
    if content is not None:
        (project.root / "assets" / name).write_bytes(content)
    path = _deck_with(project, f"../assets/{name}")
    with pytest.raises(DeckError, match=message) as caught:
        load(path, None, Findings())
    assert (caught.value.path, caught.value.line) == (str(path), 5)
    assert f"'../assets/{name}'" in caught.value.message


def test_a_picture_just_over_the_limit_is_refused_too(project):
    """Pillow only warns between the limit and twice it; that is refused as well."""
    (project.root / "assets" / "big.png").write_bytes(_png_claiming(10_000, 10_000))
    with pytest.raises(DeckError, match="too large"):
        load(_deck_with(project, "../assets/big.png"), None, Findings())


def test_picture_paths_are_read_from_the_decks_folder(project):
    PILImage.new("RGB", (20, 20)).save(project.root / "assets" / "here.png")
    PILImage.new("RGB", (20, 20)).save(project.source / "beside.png")
    deck = load(project.deck("## A\n\n![x](beside.png)\n\n## B\n\n![y](../assets/here.png)\n"),
                None, Findings())
    assert len(_pictures(render(deck, "pptx"))) == 2
    path = project.deck("## A\n\n![x](assets/here.png)\n")  # the project folder is not used
    with pytest.raises(DeckError, match="does not exist") as caught:
        load(path, None, Findings())
    assert str(project.source / "assets" / "here.png") in caught.value.message


@pytest.mark.parametrize("src", ["../../outside.png", "../assets/../../outside.png",
                                 "/etc/hosts", "../assets/link.png"])
def test_a_picture_outside_the_project_is_refused(project, src):
    outside = project.root.parent / "outside.png"
    PILImage.new("RGB", (20, 20)).save(outside)
    (project.root / "assets" / "link.png").symlink_to(outside)
    path = _deck_with(project, src)
    with pytest.raises(DeckError, match="outside the project folder") as caught:
        load(path, None, Findings())
    assert caught.value.line == 5


def test_a_web_address_is_not_a_picture(project):
    path = _deck_with(project, "https://example.org/cat.png")
    with pytest.raises(DeckError, match="not web addresses") as caught:
        load(path, None, Findings())
    assert caught.value.line == 5


def test_a_picture_is_converted_once(project):
    image = project.root / "assets" / "once.webp"
    PILImage.new("RGB", (10, 10)).save(image)
    load_picture.cache_clear()
    load_picture(str(image))
    load_picture(str(image))
    assert load_picture.cache_info().hits == 1


def test_a_broken_logo_is_reported_with_the_region_files_line(project):
    from conftest import REGION
    (project.root / "assets" / "logo.png").write_bytes(b"not a picture")
    region = project.region(REGION.replace("  email: info@testland.example.org\n",
                                           "  email: info@testland.example.org\n"
                                           "  logo: assets/logo.png\n"))
    path = project.deck("---\nregion: testland\n---\n\n## One\n")
    with pytest.raises(DeckError, match="the logo 'assets/logo.png': .*damaged") as caught:
        load(path, None, Findings())
    assert (caught.value.path, caught.value.line) == (str(region), 8)
