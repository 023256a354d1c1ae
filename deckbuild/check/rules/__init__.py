"""The rules of `deckbuild check`, one per module; importing them registers them."""
from . import bullets, contrast, duplicate_title, empty_slide  # noqa: F401
from . import image_alt, link_text, missing_title, nesting, small_text  # noqa: F401
from . import activity_time, section_time, session_time  # noqa: F401
