"""More than 7 bullets in one place: too much for a room to read while listening."""
from ...model import Columns, ListBlock
from ..registry import rule

LIMIT = 7


def count_items(block: ListBlock) -> int:
    return sum(1 + sum(count_items(child) for child in item.children) for item in block.items)


def _areas(blocks):
    """The slide's text areas: the body, or each column of a column layout."""
    plain = [b for b in blocks if not isinstance(b, Columns)]
    yield plain
    for block in blocks:
        if isinstance(block, Columns):
            yield from block.columns


@rule("too-many-bullets")
def too_many_bullets(context):
    for slide in context.deck.slides:
        most = max((sum(count_items(b) for b in area if isinstance(b, ListBlock))
                    for area in _areas(slide.blocks)), default=0)
        if most > LIMIT:
            yield (f"this slide has {most} bullets; more than {LIMIT} is hard to follow. Split"
                   " it with another heading or move details into the notes", slide.source)
