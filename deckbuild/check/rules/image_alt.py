"""A picture without alt text: a screen reader cannot say what it shows."""
import os

from ...model import Image, iter_blocks
from ..registry import rule


@rule("image-alt")
def image_alt(context):
    for slide in context.deck.slides:
        for block in iter_blocks(slide.blocks):
            if isinstance(block, Image) and not block.alt.strip():
                name = os.path.basename(block.path) or "a picture"
                yield (f"the picture '{name}' has no alt text; write what it shows between the"
                       f" brackets: ![what it shows]({name})", slide.source)
