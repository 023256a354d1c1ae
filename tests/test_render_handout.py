"""The handout reopened with pypdf: what a participant reads on paper."""
from conftest import pdf_text

DECK = """
---
title: Harm Reduction
subtitle: Every door
region: testland
---

# History

## A Brief History

- 1983
- 1988

## Quote

> My door is always open.
> \u2014 A colleague

# Resources

::: resources
:::
"""


def _uris(reader):
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                found.append(str(action["/URI"]))
    return found


def test_handout_has_cover_content_quotes_and_resources(project):
    project.region()
    reader = project.pdf(DECK, region=None)
    text = pdf_text(reader)
    for expected in ["Harm Reduction", "Every door", "A Brief History", "1983",
                     "My door is always open.", "A colleague", "Testland Helpline",
                     "Someone to talk to.", "555-0101", "24/7", "National Line"]:
        assert expected in text, expected


def test_every_resource_address_is_printed_in_full_and_clickable(project):
    project.region()
    reader = project.pdf(DECK)
    text = pdf_text(reader).replace("\n", "")
    uris = _uris(reader)
    for url in ["https://help.testland.example.org/line", "https://clinic.testland.example.org",
                "https://national.example.org"]:
        assert url in text
        assert url in uris


def test_pages_are_numbered(project):
    project.region()
    reader = project.pdf(DECK)
    total = len(reader.pages)
    assert f"Page 1 of {total}" in reader.pages[0].extract_text()
    assert f"Page {total} of {total}" in reader.pages[-1].extract_text()


def test_document_information(project):
    project.region()
    info = project.pdf(DECK).metadata
    assert info.title == "Harm Reduction"


def test_every_font_is_embedded_truetype(project):
    """PDF/UA and print shops: no font left to the reader's machine (was Helvetica)."""
    project.region()
    deck = "---\ntitle: T\nregion: testland\n---\n\n## One\n\n- **bold** *italic* `code`\n\n" \
        "- [ ] a task\n- [x] done\n\n::: resources\n:::\n"
    for layout in ("notes", "outline", "full"):
        pdf = project.pdf(deck, region="testland", handout=layout)
        fonts = {}
        for page in pdf.pages:
            for font in page["/Resources"].get("/Font", {}).values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
        assert fonts, layout
        for name, font in fonts.items():
            descriptor = font.get("/FontDescriptor") or \
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), (layout, name)
        assert any("DeckbuildSans-Bold" in n for n in fonts) and \
            any("DeckbuildMono" in n for n in fonts), fonts


def test_the_handouts_own_text_is_10_pt_or_more_and_note_lines_3_to_1():
    from reportlab.lib.styles import ParagraphStyle
    from deckbuild.design.colour import contrast
    from deckbuild.model import Theme
    from deckbuild.render.handout import styles as handout_styles
    styles = handout_styles.Styles(Theme())
    sizes = {name: style.fontSize for name, style in vars(styles).items()
             if isinstance(style, ParagraphStyle)}
    assert min(sizes.values()) >= 10, sizes
    assert handout_styles.FOOTER_SIZE >= 10 and handout_styles.MIN_TEXT >= 10
    assert contrast(handout_styles.RULE_COLOUR, "FFFFFF") >= 3.0
