"""Theme colour pairs that are hard to read: contrast below 4.5:1 (WCAG 2 AA, normal text)."""
from ...design.colour import TEXT_MINIMUM as MINIMUM
from ...design.colour import contrast
from ...model import Source
from ..registry import rule


@rule("contrast")
def low_contrast(context):
    theme = context.deck.theme
    default = context.deck.source
    accent_where = theme.accent_source or default
    pairs = (
        ("text", theme.text, "the background", theme.background, default),
        ("text on section slides", theme.on_accent, "the accent colour", theme.accent,
         accent_where),
        ("links in the accent colour", theme.accent, "the background", theme.background,
         accent_where),
        ("muted text (captions, details)", theme.muted, "the background", theme.background,
         default),
    )
    for what, colour, on, ground, where in pairs:
        ratio = contrast(colour, ground)
        if ratio < MINIMUM:
            advice = " Choose a darker accent colour." if "accent" in what + on else ""
            yield (f"{what} (#{colour}) on {on} (#{ground}) has a contrast of {ratio:.1f}:1;"
                   f" text needs at least {MINIMUM:g}:1 to be read by everyone.{advice}",
                   Source(where.path, where.line))
