"""Pictures, as both renderers need them: checked once, converted when needed.

python-pptx and reportlab take PNG and JPEG; other formats Pillow can open
(GIF, WebP, BMP, TIFF, CMYK JPEG) are converted to PNG in memory. Corrupt
files and decompression bombs become a clear `DeckError`, not a crash.
"""
from __future__ import annotations

import functools
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from .errors import DeckError

PILImage.MAX_IMAGE_PIXELS = 90_000_000  # about 9,500 x 9,500: larger is refused


@dataclass(frozen=True)
class Picture:
    data: bytes
    extension: str  # "png" | "jpg"
    width: int
    height: int


@functools.lru_cache(maxsize=256)
def load_picture(path: str) -> Picture:
    """The picture ready to embed; raises DeckError (without a line) when it cannot be."""
    file = Path(path)
    if file.suffix.lower() == ".svg":
        raise DeckError("SVG pictures cannot be placed yet: export the picture as PNG", path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DeckError(f"cannot read the picture ({exc.strerror})", path) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(raw))
            image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise DeckError("this picture is too large (over 90 million pixels); make it smaller",
                        path) from None
    except Exception:  # Pillow raises many kinds for broken files
        raise DeckError("this file is not a picture that can be read (it may be damaged)",
                        path) from None
    width, height = image.size
    if image.format == "PNG" or (image.format == "JPEG" and image.mode in ("RGB", "L")):
        return Picture(raw, "png" if image.format == "PNG" else "jpg", width, height)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info
                              else "RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return Picture(out.getvalue(), "png", width, height)
