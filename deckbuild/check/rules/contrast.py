"""Theme colour pairs that are hard to read: contrast below 4.5:1 (WCAG 2 AA, normal text)."""
from ...model import Source
from .. import rule

MINIMUM = 4.5


def luminance(colour: str) -> float:
    """WCAG relative luminance of an RRGGBB colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


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
