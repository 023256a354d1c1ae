"""Handout QR codes: one encoding, one path, and a phone camera reads them."""
import io
import shutil
import subprocess

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from hypothesis import given, settings
from hypothesis import strategies as st

from deckbuild.render.handout.qr import QUIET_ZONE, QrCode, _qrencoder, lost_points, qr_modules

URL = "https://portal.ct.gov/dmhas/initiatives/dmhas-initiatives/harm-reduction"


def test_modules_are_a_square_of_a_qr_size():
    rows = qr_modules(URL)
    count = len(rows)
    assert all(len(row) == count for row in rows)
    assert (count - 21) % 4 == 0  # version 1 is 21 modules; each version adds 4
    # The three finder patterns: dark 7x7 corners with a light ring inside.
    for top, left in ((0, 0), (0, count - 7), (count - 7, 0)):
        assert all(rows[top][left + c] and rows[top + 6][left + c] for c in range(7))
        assert not rows[top + 1][left + 1]


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789:/.-?=&", min_size=1, max_size=200),
       st.sampled_from("LMQH"))
def test_mask_scores_and_symbol_match_reportlab(data, level):
    """Scoring masks faster must not change which mask is chosen, nor the symbol."""
    encoder = _qrencoder()
    code = encoder.QRCode(None, getattr(encoder.QRErrorCorrectLevel, level))
    code.addData(data)
    code.version = code.calculate_version()
    for mask in range(8):
        code.makeImpl(True, mask)
        assert lost_points(code.modules) == encoder.QRUtil.getLostPoint(code)
    reference = encoder.QRCode(None, getattr(encoder.QRErrorCorrectLevel, level))
    reference.addData(data)
    reference.make()
    assert [list(row) for row in qr_modules(data, level)] == \
        [[bool(m) for m in row] for row in reference.modules]


def test_flowable_is_the_size_asked_for():
    code = QrCode(URL, 72)
    assert code.wrap(500, 500) == (72, 72)
    assert code.size / (len(code.modules) + 2 * QUIET_ZONE) > 1  # modules over a point wide


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="needs pdftoppm and zbarimg")
def test_a_reader_decodes_it(tmp_path):
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LETTER)
    QrCode(URL, 0.95 * 72).drawOn(canvas, 100, 500)
    canvas.showPage()
    canvas.save()
    (tmp_path / "qr.pdf").write_bytes(out.getvalue())
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "qr.pdf"),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True,
                             text=True)
    assert decoded.stdout.strip() == URL


def test_symbols_of_every_mode_and_many_sizes_match_reportlab():
    """Byte, numeric, alphanumeric and kanji data, versions 1 to about 20, every level."""
    encoder = _qrencoder()
    samples = ["0", "0123456789" * 3, "HTTPS://EXAMPLE.ORG/A-B", "tel:+15555550102",
               "mailto:someone@example.org", "https://example.org/caf\u00e9", "\u65e5\u672c\u8a9e",
               "https://findtreatment.gov/locator?" + "q=naloxone&" * 20]
    samples += [f"https://service{n}.example.org/" + "p" * (n * 7) for n in range(30)]
    for data in samples:
        for level in "LMQH":
            reference = encoder.QRCode(None, getattr(encoder.QRErrorCorrectLevel, level))
            reference.addData(data)
            reference.make()
            assert [list(row) for row in qr_modules(data, level)] == \
                [[bool(m) for m in row] for row in reference.modules], (data, level)
