"""Text made safe inside XML and reportlab's paragraph markup (shared by the PDF outputs
and the fonts' markup)."""


def esc(text: str) -> str:
    """`&`, `<` and `>` as entities, as `xml.sax.saxutils.escape` writes them.

    Written out because importing saxutils also loads urllib.request, http and email
    (about 14 ms of every handout's start) for two string functions.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
