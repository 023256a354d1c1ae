"""Lists nested more than 2 levels deep: the third level is small and far indented."""
from ...model import ListBlock, iter_blocks
from ..registry import rule

LIMIT = 2


def depth(block: ListBlock) -> int:
    return 1 + max((depth(child) for item in block.items for child in item.children), default=0)


@rule("deep-nesting")
def deep_nesting(context):
    for slide in context.deck.slides:
        deepest = max((depth(b) for b in iter_blocks(slide.blocks) if isinstance(b, ListBlock)),
                      default=0)
        if deepest > LIMIT:
            yield (f"a list on this slide is nested {deepest} levels deep; keep to {LIMIT}"
                   " levels (move the detail into the notes or onto its own slide)",
                   slide.source)
