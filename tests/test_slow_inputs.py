"""Issue 13's slow inputs: the work that made each one slow is done once, not per item.

Times are measured by `make bench-hostile` (bench/hostile.py), never here. These
tests count what used to be repeated: the measuring of a long word's characters,
the decoding of a template's background, the placing of QR modules, and the XML
trees python-pptx kept for every finished slide.
"""
from __future__ import annotations

import io
import zipfile

from pptx import Presentation
from reportlab.lib.utils import ImageReader

from conftest import REGION
from deckbuild.build import render
from deckbuild.layout import linebreak
from deckbuild.model import Run
from deckbuild.render.handout import qr


def test_a_long_word_measures_each_distinct_character_once(monkeypatch):
    calls = []
    real = linebreak.LineBreaker._part_width

    def counted(self, index, start, end):
        calls.append(end - start)
        return real(self, index, start, end)

    monkeypatch.setattr(linebreak.LineBreaker, "_part_width", counted)
    layout = linebreak.LineBreaker((Run("xy" * 50_000),), 600, 18)
    assert len(layout.lines) > 100
    # Two distinct characters, a few whole-word measures and one measure per line;
    # measuring a character at a time made it 100,000.
    assert sum(1 for length in calls if length == 1) <= 2
    assert len(calls) < 3 * len(layout.lines)


def test_a_word_that_fits_at_no_size_is_not_laid_out_at_each(project, monkeypatch):
    sizes = []
    real = linebreak.LineBreaker.__init__

    def counted(self, runs, width, size, *args, **kwargs):
        if any(len(run.text) > 10_000 for run in runs):
            sizes.append(size)
        real(self, runs, width, size, *args, **kwargs)

    monkeypatch.setattr(linebreak.LineBreaker, "__init__", counted)
    linebreak._broken.cache_clear()
    deck = project.read("---\ntitle: T\noverflow: shrink\n---\n\n## A word\n\n" + "x" * 200_000)
    assert deck.slides[1].body_size == 10
    assert len(set(sizes)) <= 6  # 24 to 18 pt, then straight to the smallest (was 13 sizes)


def test_a_template_background_is_decoded_once_per_handout(project, monkeypatch):
    from hostile import EXAMPLE_TEMPLATE, MASTER, MASTER_RELS, IMAGE, patched
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 180, 40)).save(picture, "PNG")

    def with_background(text):
        background = ('<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rId90"/><a:stretch>'
                      '<a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>')
        start, end = text.index("<p:bg>"), text.index("</p:bg>") + len("</p:bg>")
        return text[:start] + background + text[end:]

    def relationship(text):
        return text.replace("</Relationships>", f'<Relationship Id="rId90" Type="{IMAGE}"'
                            ' Target="../media/background.png"/></Relationships>')

    template = project.root / "assets" / "t.pptx"
    def png_type(text):
        if 'Extension="png"' in text:
            return text
        return text.replace("<Default ", '<Default Extension="png" ContentType="image/png"/>'
                            "<Default ", 1)

    patched(template, {MASTER: with_background, MASTER_RELS: relationship,
                       "[Content_Types].xml": png_type},
            {"ppt/media/background.png": picture.getvalue()})
    assert EXAMPLE_TEMPLATE.exists()
    project.region(REGION.replace("variables:", "theme:\n  template: assets/t.pptx\nvariables:"))
    deck = project.read("---\ntitle: T\nregion: testland\n---\n\n"
                        + "".join(f"## Slide {n}\n\n- point\n\n" for n in range(12)))
    decoded = []
    real = ImageReader.getRGBData

    def counted(self):
        decoded.append(self)
        return real(self)

    monkeypatch.setattr(ImageReader, "getRGBData", counted)
    pdf = render(deck, "handout")
    assert pdf.startswith(b"%PDF-")
    assert len({id(reader) for reader in decoded}) == 1  # 13 miniatures, one decoding


def test_qr_codes_never_go_through_reportlabs_module_by_module_placing(monkeypatch):
    encoder = qr._qrencoder()
    placed = []
    monkeypatch.setattr(encoder.QRCode, "mapData", lambda self, *a: placed.append(a))
    monkeypatch.setattr(encoder.QRUtil, "getLostPoint", lambda *a: placed.append(a))
    qr.symbol_rows.cache_clear()
    for n in range(50):
        qr.qr_modules(f"https://service{n}.example.org/help")
    # Once per QR version for the shared layout, never per code (was 9 per code).
    assert len(placed) <= 3


def test_written_slides_keep_no_xml_tree(project, monkeypatch):
    from deckbuild.render.pptx import frozen
    frozen_parts = []
    real = frozen._freeze
    monkeypatch.setattr(frozen, "_freeze", lambda part: (real(part), frozen_parts.append(part)))
    deck = project.read("---\ntitle: T\n---\n\n" + "".join(
        f"## Slide {n}\n\n- point {n}\n\n::: notes\nSay {n}.\n:::\n\n" for n in range(40)))
    data = render(deck, "pptx")
    assert len(frozen_parts) == 2 * 40 + 1  # every slide and notes page, and the title slide
    assert all(part._element is None for part in frozen_parts)
    prs = Presentation(io.BytesIO(data))
    assert [s.shapes.title.text for s in prs.slides][1:3] == ["Slide 0", "Slide 1"]
    assert prs.slides[2].notes_slide.notes_text_frame.text == "Say 1."
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
