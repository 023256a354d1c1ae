"""The rules of `deckbuild check`, one per module; importing them registers them."""
from . import (bullets, contrast, duplicate_title, empty_slide, image_alt, missing_title,
               nesting, small_text)  # noqa: F401
