"""QR codes for the handout: encoded once, drawn as one vector path.

reportlab's QR widget encoded each code twice (once to measure, once to draw)
and drew every dark run as a graphics object with validated attributes: for the
seed deck's nine resources that was most of the handout's time. Here the code
is encoded once with reportlab's own encoder (its choice of mask scored faster,
see `best_mask`) and drawn as one filled path of
rectangles in module units (whole numbers, written straight into the page with
`Canvas.addLiteral`), which is as sharp on paper and reads the same.
"""
from __future__ import annotations

import functools
import importlib.util
import itertools
import re
import sys
from pathlib import Path

from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the code, as the standard asks
_ENCODER = "reportlab.graphics.barcode.qrencoder"
_encoder_module = None


def _qrencoder():
    """reportlab's QR encoder module (it imports nothing of reportlab's).

    It is loaded by itself when possible: importing it through its package runs the
    package's __init__, which loads every other barcode kind (about 30 ms).
    """
    global _encoder_module
    if _encoder_module is None:
        _encoder_module = sys.modules.get(_ENCODER) or _load_encoder()
    return _encoder_module


def _load_encoder():
    import reportlab.graphics
    path = Path(reportlab.graphics.__file__).parent / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("deckbuild._reportlab_qrencoder", path)
    if spec is None or spec.loader is None:
        return importlib.import_module(_ENCODER)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        # Our own copy, so it may remember the error correction polynomial of each
        # length (a pure function reportlab works out again for every code).
        utilities = module.QRUtil
        utilities.getErrorCorrectPolynomial = staticmethod(
            functools.lru_cache(maxsize=None)(utilities.getErrorCorrectPolynomial))
    except Exception:  # a reportlab that reorganised its files: the ordinary way
        return importlib.import_module(_ENCODER)
    return module


@functools.lru_cache(maxsize=1024)
def qr_modules(data: str, level: str = "M") -> tuple:
    """Rows of booleans, dark = True, without the quiet zone.

    Remembered, as watch mode builds the same addresses again after every save.
    """
    encoder = _qrencoder()
    code = encoder.QRCode(None, getattr(encoder.QRErrorCorrectLevel, level))
    code.addData(data)
    if code.version is None:
        code.version = code.calculate_version()
    code.makeImpl(False, best_mask(code))
    return tuple(tuple(bool(module) for module in row) for row in code.modules)


def best_mask(code) -> int:
    """The mask reportlab's `getBestMaskPattern` picks, found several times faster.

    Choosing among the eight masks means scoring eight trial symbols; reportlab
    builds each one module by module and scores it with per-module Python loops,
    which was most of a QR code's time. Here the trial symbol is built once, each
    mask is laid over its rows as bit masks (the same for every code of a version),
    and `_score` gives reportlab's scores from whole rows at once.
    """
    code.makeImpl(True, 0)  # trial symbol: its format bits are all light, whatever the mask
    count = code.moduleCount
    masks = _mask_rows(code, count)
    data = [int("".join("1" if m else "0" for m in row), 2) ^ mask
            for row, mask in zip(code.modules, masks[0])]  # mask 0 taken off again
    best, best_score = 0, None
    for number, mask_rows in enumerate(masks):
        score = _score([format(row ^ mask, f"0{count}b") for row, mask in zip(data, mask_rows)])
        if best_score is None or score < best_score:
            best, best_score = number, score
    return best


_MASK_ROWS: dict = {}


def _mask_rows(code, count: int) -> list:
    """For each of the 8 masks, one int per row: the data modules that mask flips."""
    if code.version not in _MASK_ROWS:
        positions = list(code.dataPosIterator())
        masks = []
        for number in range(8):
            flips = _qrencoder().QRUtil.getMask(number)
            rows = [0] * count
            for column, row in positions:
                if flips(row, column):
                    rows[row] |= 1 << (count - 1 - column)
            masks.append(rows)
        _MASK_ROWS[code.version] = masks
    return _MASK_ROWS[code.version]


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER = "10111010000"  # the one direction reportlab's rule 3 looks for


def lost_points(modules) -> int:
    """reportlab's `QRUtil.getLostPoint` for a symbol given as rows of modules."""
    return _score(["".join("1" if m else "0" for m in row) for row in modules])


def _score(rows: list) -> int:
    """reportlab's `QRUtil.getLostPoint`, rule for rule (quirks included), from rows of
    "0"/"1" strings."""
    columns = ["".join(column) for column in zip(*rows)]
    count = len(rows)
    # Rule 1: runs of five or more alike, in rows and in columns: 3 + (length - 5).
    score = sum(len(run) - 2 for line in rows + columns for run in _RUN.findall(line))
    # Rule 2: 2x2 blocks alike, 3 each (rows as bit masks).
    bits = [int(row, 2) for row in rows]
    inside = (1 << (count - 1)) - 1
    for upper, lower in zip(bits, bits[1:]):
        alike = ~(upper ^ lower)
        score += 3 * (alike & (alike >> 1) & ~(upper ^ (upper >> 1)) & inside).bit_count()
    # Rule 3: a finder-like run then four light modules, rows only and not
    # overlapping (reportlab compares column tuples with a list, which never
    # matches, and stops one position short of the end of a row).
    last = count - len(_FINDER)
    for row in rows:
        start = row.find(_FINDER)
        while 0 <= start < last:
            score += 40
            start = row.find(_FINDER, start + len(_FINDER))
    # Rule 4: how far the share of dark modules is from half.
    dark = sum(row.count("1") for row in rows)
    return score + 10 * (abs(100 * dark // (count * count) - 50) // 5)


class QrCode(Flowable):
    """A square QR code of `size` points, quiet zone included."""

    def __init__(self, data: str, size: float, level: str = "M"):
        super().__init__()
        self.data = data
        self.size = size
        self.modules = qr_modules(data, level)
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        step = self.size / (len(self.modules) + 2 * QUIET_ZONE)
        rects = []
        for row_index, row in enumerate(self.modules):
            column = 0
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    rects.append(f"{column} {row_index} {length} 1 re")
                column += length
        canvas = self.canv
        canvas.saveState()
        # Module units, rows downwards from the top left corner of the code.
        canvas.transform(step, 0, 0, -step, QUIET_ZONE * step, self.size - QUIET_ZONE * step)
        canvas.addLiteral("0 g\n" + "\n".join(rects) + "\nf")
        canvas.restoreState()
