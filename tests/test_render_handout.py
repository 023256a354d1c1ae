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
