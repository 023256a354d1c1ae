"""The .pptx package: the same bytes for the same deck, whatever the clock says."""
import datetime
import io
import time
import zipfile

import time_machine

from deckbuild.build import render
from deckbuild.render.pptx.package import _rewritten, reproducible_zip

WHEN = datetime.datetime(2026, 11, 26, 14, 30, 8, tzinfo=datetime.timezone.utc)


def some_zip(names=("[Content_Types].xml", "ppt/slides/slide1.xml", "ppt/media/image1.png")):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for index, name in enumerate(names):
            target.writestr(name, (f"<x>{index}</x>" * (50 + index)).encode())
    return out.getvalue()


def test_entries_keep_their_content_and_order_with_one_timestamp():
    original = zipfile.ZipFile(io.BytesIO(some_zip()))
    result = zipfile.ZipFile(io.BytesIO(reproducible_zip(some_zip(), WHEN)))
    assert result.testzip() is None
    assert result.namelist() == original.namelist()
    for info in result.infolist():
        assert result.read(info) == original.read(info.filename)
        assert info.date_time == (2026, 11, 26, 14, 30, 8)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.external_attr == 0o644 << 16


def test_copying_the_compressed_data_matches_compressing_again():
    data = some_zip()
    source = zipfile.ZipFile(io.BytesIO(data))
    assert reproducible_zip(data, WHEN) == _rewritten(source, WHEN)


def test_the_deck_is_reproducible_whatever_the_clock_says(project, monkeypatch):
    """Two renders years apart by the clock (time-machine moves it for C code too)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    markdown = """
    ---
    title: Twice
    date: 2026-11
    ---

    ## Same

    - bytes
    """
    renders, clocks = [], []
    for now in ("2031-03-04 05:06:07", "2044-09-10 11:12:13"):
        with time_machine.travel(datetime.datetime.fromisoformat(now), tick=False):
            clocks.append((time.time(), datetime.datetime.now(), time.localtime()[:6]))
            renders.append(render(project.read(markdown), "pptx"))
    assert clocks[0][0] != clocks[1][0] and clocks[0][1].year == 2031 and \
        clocks[1][2][0] == 2044  # the clock did move, for every way of asking it
    assert renders[0] == renders[1]


def test_package_written_as_python_pptx_saves_it(project, monkeypatch):
    """Our writer and python-pptx's save (with fixed times) give the same file."""
    import deckbuild.render.pptx as renderer
    from deckbuild.render.pptx import package
    from PIL import Image as PILImage
    PILImage.new("RGB", (30, 20), (200, 30, 30)).save(project.root / "assets" / "red.png")
    captured = {}

    def capture(prs, when):
        captured.update(prs=prs, when=when)
        return package.package_bytes(prs, when)

    monkeypatch.setattr(renderer, "package_bytes", capture)
    render(project.read("""
    ---
    title: Written
    ---

    ## Links and a picture

    - [a link](https://example.org/a?b=1&c=2) and <mailto:someone@example.org>

    ![Red](../assets/red.png)

    ::: notes
    Notes with [a link](https://example.org/notes).
    :::
    """), "pptx")
    prs, when = captured["prs"], captured["when"]
    for part in prs.part.package.iter_parts():
        if len(part.rels):
            assert package._relationships_xml(part.rels, part.partname.baseURI) == part.rels.xml
    assert package.package_bytes(prs, when) == package._saved(prs, when)
