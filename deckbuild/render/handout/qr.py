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
import operator
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


def qr_modules(data: str, level: str = "M") -> tuple:
    """Rows of booleans, dark = True, without the quiet zone: reportlab's symbol.

    Remembered, as watch mode builds the same addresses again after every save.
    """
    return tuple(tuple(c == "1" for c in row) for row in symbol_rows(data, level))


@functools.lru_cache(maxsize=1024)
def symbol_rows(data: str, level: str = "M") -> tuple:
    """The symbol reportlab's `QRCode.make` draws, as rows of "0"/"1", built row-wise.

    reportlab places every module with Python calls, once for each of the eight
    trial masks and again for the symbol (about 5 ms a code: a region with 10,000
    resources spent most of its handout there). The same steps here, each done
    once per version and reused: where each data bit goes (`_Layout`), the masks
    as bit rows, and the function patterns; the error correction is computed from
    log tables. reportlab still reads the data (its choice of numeric,
    alphanumeric, kanji or byte mode) and sizes the version.
    """
    encoder = _qrencoder()
    correction = getattr(encoder.QRErrorCorrectLevel, level)
    code = encoder.QRCode(None, correction)
    code.addData(data)
    version = code.calculate_version()
    layout = _layout(version)
    stream = _codewords(encoder, version, correction, code.dataList)
    bits = format(int.from_bytes(stream, "big"), f"0{8 * len(stream)}b") if stream else ""
    bits = bits[:layout.data_count].ljust(layout.data_count, "0")
    rows = layout.rows(bits)
    best = _best_of(layout, rows)
    trial = [int(row, 2) for row in rows]
    final = layout.final_bits(encoder, correction, best)
    return tuple(format((row ^ mask) | extra, f"0{layout.count}b")
                 for row, mask, extra in zip(trial, layout.masks[best], final))


def _best_of(layout: "_Layout", rows: list) -> int:
    """The first mask with the lowest score, scoring the whole symbol as two big integers
    (its rows, and its columns: a mask's columns are XORed in as its rows are)."""
    whole = int("".join(rows), 2)
    columns = int("".join("".join(column) for column in zip(*rows)), 2)
    scores = [layout.score(whole ^ mask, columns ^ mask_t)
              for mask, mask_t in zip(layout.whole_masks, layout.column_masks)]
    return scores.index(min(scores))


def _codewords(encoder, version: int, correction: int, data_list) -> bytes:
    """reportlab's `QRCode.createData`: the data codewords, padded, then the error
    correction codewords, interleaved block by block."""
    blocks = encoder.QRRSBlock.getRSBlocks(version, correction)
    value, length = 0, 0  # the bits so far, as one integer
    for item in data_list:
        if isinstance(item, encoder.QR8bitByte) and isinstance(item.data, bytes):
            size = item.getLengthBits(version)
            value = (((value << 4 | item.mode) << size | len(item.data)) << 8 * len(item.data)
                     | int.from_bytes(item.data, "big"))
            length += 4 + size + 8 * len(item.data)
        else:  # numeric, alphanumeric, kanji: reportlab writes them
            buffer = encoder.QRBitBuffer()
            item.write(buffer, version)
            bits = buffer.getLengthInBits()
            written = int.from_bytes(bytes(buffer.buffer), "big") >> (8 * len(buffer.buffer) - bits)
            value, length = value << bits | written, length + bits
    capacity = 8 * sum(block.dataCount for block in blocks)
    if length > capacity:
        raise ValueError(f"code length overflow ({length} > {capacity})")
    if length + 4 <= capacity:
        value, length = value << 4, length + 4
    if length % 8:
        value, length = value << (8 - length % 8), length + 8 - length % 8
    data = bytearray(value.to_bytes(length // 8, "big"))
    for index in range(capacity // 8 - len(data)):
        data.append(0xEC if index % 2 == 0 else 0x11)
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        piece = data[offset:offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(piece)
        ec_blocks.append(_remainder(piece, block.totalCount - block.dataCount))
    out = bytearray()
    for group in (data_blocks, ec_blocks):
        for index in range(max(len(b) for b in group)):
            out.extend(b[index] for b in group if index < len(b))
    return bytes(out)


# GF(256) with QR's polynomial (x^8 + x^4 + x^3 + x^2 + 1): logs and powers.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


@functools.lru_cache(maxsize=None)
def _generator(count: int) -> tuple:
    """The error correction polynomial of `count` codewords, as logs of its coefficients
    after the leading 1."""
    poly = [1]
    for step in range(count):
        nxt = [0] * (len(poly) + 1)
        for index, coefficient in enumerate(poly):
            nxt[index] ^= coefficient
            if coefficient:
                nxt[index + 1] ^= _EXP[_LOG[coefficient] + step]
        poly = nxt
    return tuple(_LOG[c] for c in poly[1:])


def _remainder(data, count: int) -> bytes:
    """The `count` error correction codewords of one block (Reed-Solomon)."""
    generator = _generator(count)
    exp, log = _EXP, _LOG
    remainder = [0] * count
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = remainder[1:]
        remainder.append(0)
        if factor:
            shift = log[factor]
            remainder = [r ^ exp[shift + g] for r, g in zip(remainder, generator)]
    return bytes(remainder)


class _Layout:
    """What every symbol of one version shares: where each data bit goes, which modules
    the function patterns darken, and the eight masks as bit rows."""

    def __init__(self, version: int):
        encoder = _qrencoder()
        code = encoder.QRCode(version, encoder.QRErrorCorrectLevel.M)
        code.addData("0")
        code.makeImpl(True, 0)  # function patterns in place (format and version bits light)
        count = self.count = code.moduleCount
        self.version = version
        positions = list(code.dataPosIterator())
        self.data_count = len(positions)
        sources = [[None] * count for _ in range(count)]
        for index, (column, row) in enumerate(positions):
            sources[row][column] = index
        # Each row is gathered from the data bits followed by "0" and "1" (the
        # function patterns' light and dark modules).
        light, dark = self.data_count, self.data_count + 1
        self._getters = []
        for row in range(count):
            indices = [sources[row][column] if sources[row][column] is not None
                       else (dark if code.modules[row][column] else light)
                       for column in range(count)]
            self._getters.append(operator.itemgetter(*indices))
        self.masks = []
        for number in range(8):
            flips = encoder.QRUtil.getMask(number)
            rows = [0] * count
            for column, row in positions:
                if flips(row, column):
                    rows[row] |= 1 << (count - 1 - column)
            self.masks.append(rows)
        self._final = {}
        # The masks as one integer each (row 0 most significant), and transposed.
        texts = [[format(row, f"0{count}b") for row in rows] for rows in self.masks]
        self.whole_masks = [int("".join(rows), 2) for rows in texts]
        self.column_masks = [int("".join("".join(c) for c in zip(*rows)), 2) for rows in texts]
        # Bit (r, c) of a whole symbol is bit (count-1-r)*count + (count-1-c).
        size = count * count
        self._all = (1 << size) - 1
        left_edge = sum(1 << (r * count + count - 1) for r in range(count))
        self._beside = self._all & ~left_edge  # (r, c) with c >= 1: compared with (r, c-1)
        self._below = self._all & ~(((1 << count) - 1) << (size - count))  # r >= 1
        self._size = size
        self._last_finder = count - len(_FINDER)

    def score(self, whole: int, columns: int) -> int:
        """`_score` of the symbol `whole` (rows) whose transpose is `columns`."""
        count, beside = self.count, self._beside
        score = 0
        # Rule 1: runs of 5 or more alike score their length - 2. With `alike` the
        # modules equal to their left neighbour, a run of L alike is L - 1 ones, and
        # four ones in a row start L - 4 times: L - 2 = that + 2 for each run.
        for lines in (whole, columns):
            alike = ~(lines ^ (lines >> 1)) & beside
            four = alike & (alike >> 1) & (alike >> 2) & (alike >> 3)
            score += four.bit_count() + 2 * (four & ~(four << 1)).bit_count()
        # Rule 2: 2x2 blocks alike, 3 each.
        across = ~(whole ^ (whole >> 1)) & beside
        down = ~(whole ^ (whole >> count)) & self._below
        score += 3 * (down & (down >> 1) & across).bit_count()
        # Rule 3: reportlab's finder-like runs, in rows, not overlapping.
        # (Found in the whole symbol's text; a find that crosses into the next row, or
        # starts at or after reportlab's last position, does not count.)
        text = format(whole, f"0{self._size}b")
        last, width = self._last_finder, len(_FINDER)
        found = text.find(_FINDER)
        while found >= 0:
            if found % count < last:
                score += 40
                found = text.find(_FINDER, found + width)
            else:
                found = text.find(_FINDER, found + 1)
        # Rule 4: how far the share of dark modules is from half.
        dark = whole.bit_count()
        return score + 10 * (abs(100 * dark // self._size - 50) // 5)

    def rows(self, bits: str) -> list:
        source = bits + "01"
        return ["".join(getter(source)) for getter in self._getters]

    def final_bits(self, encoder, correction: int, mask: int) -> list:
        """The modules only the finished symbol darkens: format and version information."""
        key = (correction, mask)
        if key not in self._final:
            code = encoder.QRCode(self.version, correction)
            code.moduleCount = self.count
            code.modules = [[False] * self.count for _ in range(self.count)]
            code.setupTypeInfo(False, mask)
            if self.version >= 7:
                code.setupTypeNumber(False)
            self._final[key] = [int("".join("1" if m else "0" for m in row), 2)
                                for row in code.modules]
        return self._final[key]


@functools.lru_cache(maxsize=None)
def _layout(version: int) -> _Layout:
    return _Layout(version)


def best_mask(code) -> int:
    """The mask reportlab's `getBestMaskPattern` picks for `code` (its version set)."""
    encoder = _qrencoder()
    layout = _layout(code.version)
    stream = _codewords(encoder, code.version, code.errorCorrectLevel, code.dataList)
    bits = format(int.from_bytes(stream, "big"), f"0{8 * len(stream)}b")
    bits = bits[:layout.data_count].ljust(layout.data_count, "0")
    return _best_of(layout, layout.rows(bits))


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
        self.level = level
        self.size = size
        self.modules = qr_modules(data, level)
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        step = self.size / (len(self.modules) + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        # Module units, rows downwards from the top left corner of the code.
        canvas.transform(step, 0, 0, -step, QUIET_ZONE * step, self.size - QUIET_ZONE * step)
        canvas.addLiteral(_path(self.data, self.level))
        canvas.restoreState()


_DARK_RUN = re.compile("1+")


@functools.lru_cache(maxsize=1024)
def _path(data: str, level: str) -> str:
    """The code's dark runs as one filled PDF path, in module units."""
    rects = [f"{run.start()} {number} {run.end() - run.start()} 1 re"
             for number, row in enumerate(symbol_rows(data, level))
             for run in _DARK_RUN.finditer(row)]
    return "0 g\n" + "\n".join(rects) + "\nf"
