"""reopen.py: what the build reads back before an output may replace the last good one."""
from __future__ import annotations

import io
import zipfile

import pytest

from deckbuild.build import render
from deckbuild.reopen import Unreadable, reopen_pdf, reopen_pptx

MARKDOWN = "---\ntitle: Reopened\n---\n\n## A slide\n\n- a point\n\n::: notes\nSay it.\n:::\n"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from conftest import Project
    project = Project(tmp_path_factory.mktemp("reopen"))
    deck = project.read(MARKDOWN)
    return render(deck, "pptx"), render(deck, "handout")


def _rezip(data: bytes, change) -> bytes:
    source, result = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            name, body = change(info.filename, source.read(info))
            if name is not None:
                out.writestr(name, body)
    return result.getvalue()


def test_our_own_outputs_reopen(outputs):
    deck, handout = outputs
    reopen_pptx(deck)
    reopen_pdf(handout)


@pytest.mark.parametrize("change, problem", [
    (lambda n, b: (n, b.replace(b'name="', b'name="&org; ', 1)
                   if n == "ppt/slideLayouts/slideLayout1.xml" else b),
     "slideLayout1.xml is not well-formed XML"),
    (lambda n, b: (n, b.replace(b"?>", b"?><!DOCTYPE x [<!ENTITY e 'x'>]>", 1)
                   if n == "ppt/theme/theme1.xml" else b),
     "theme1.xml holds a DTD"),
    (lambda n, b: (None, b) if n == "ppt/slides/slide1.xml" else (n, b),
     "refers to slides/slide1.xml, which is not in the file"),
    (lambda n, b: (n, b.replace(b'Extension="rels"', b'Extension="relz"'))
     if n == "[Content_Types].xml" else (n, b),
     "has no content type"),
    (lambda n, b: (None, b) if n == "_rels/.rels" else (n, b),
     "names no presentation part"),
])
def test_a_broken_deck_does_not_reopen(outputs, change, problem):
    broken = _rezip(outputs[0], change)
    with pytest.raises(Unreadable, match=problem):
        reopen_pptx(broken)


def test_a_damaged_or_cut_deck_does_not_reopen(outputs):
    deck = outputs[0]
    with pytest.raises(Unreadable):
        reopen_pptx(deck[: len(deck) // 2])
    damaged = bytearray(deck)
    damaged[200:210] = b"\xff" * 10  # inside the first part's compressed data
    with pytest.raises(Unreadable):
        reopen_pptx(bytes(damaged))
    with pytest.raises(Unreadable, match="not a zip"):
        reopen_pptx(b"not a deck")


def test_a_broken_handout_does_not_reopen(outputs):
    handout = outputs[1]
    with pytest.raises(Unreadable, match="cut short"):
        reopen_pdf(handout[:-200])
    with pytest.raises(Unreadable, match="does not start"):
        reopen_pdf(b"<html>" + handout)
    table = handout.rindex(b"\nxref\n") + 1
    entries = handout.index(b"\n", table + 5) + 1
    second = entries + 2 * 20  # object 2's entry: its offset, made wrong
    wrong = handout[:second] + b"0000000001" + handout[second + 10:]
    with pytest.raises(Unreadable, match="object 2 is not where the cross-reference table says"):
        reopen_pdf(wrong)


def test_a_package_of_over_65535_parts_is_written_and_reopened_as_zip64():
    """A 20 MB deck has about 115,000 parts: ZIP64's end records, written and read."""
    import datetime
    from deckbuild.render.pptx.package import deflated_member, zip_members
    from deckbuild.reopen import _directory
    when = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
    data = zip_members([deflated_member(f"ppt/p{n}.xml", b"<a/>") for n in range(70000)], when)
    assert len(zipfile.ZipFile(io.BytesIO(data)).infolist()) == 70000
    assert len(_directory(data)) == 70000
