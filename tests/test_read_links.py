"""read/links.py: an address's user name is left out, with a warning naming the real host."""
from __future__ import annotations

from conftest import REGION, slide_texts
from deckbuild.errors import Findings
from deckbuild.read.links import normalise_url, user_info_warning

TRICK = "https://www.example.org@evil.example/"


def test_a_user_name_before_the_host_is_left_out():
    assert normalise_url(TRICK) == ("https://evil.example/", None)
    assert normalise_url("https://user:secret@host.example/a") == ("https://host.example/a", None)
    assert normalise_url("https://www.example.org/a@b") == ("https://www.example.org/a@b", None)


def test_the_warning_names_the_host_the_address_goes_to():
    assert user_info_warning(TRICK) == (
        "the address 'https://www.example.org@evil.example/' goes to evil.example, not to"
        " www.example.org: what comes before '@' is a user name, and it was left out (the link"
        " is now to evil.example); check the address")
    assert user_info_warning("https://www.example.org/") is None
    assert user_info_warning("mailto:someone@example.org") is None


def test_region_and_deck_addresses_warn_and_show_the_real_host(project):
    project.region(REGION.replace("url: https://clinic.testland.example.org", f"url: \"{TRICK}\""))
    findings = Findings()
    deck = project.read(f"---\ntitle: T\nregion: testland\n---\n\n## A\n\n[here]({TRICK}x)\n\n"
                        "# Resources\n\n::: resources\n:::\n", findings=findings)
    warned = [(f.path.rsplit("/", 1)[-1], f.line) for f in findings if f.rule == "link-user-info"]
    region_line = REGION.split("\n").index("        url: https://clinic.testland.example.org") + 1
    assert warned == [("testland.yaml", region_line), ("deck.md", 8)]
    clinic = deck.region.groups[0].items[1]
    assert clinic.url == "https://evil.example/"
    from deckbuild.build import render
    import io
    from pptx import Presentation
    prs = Presentation(io.BytesIO(render(deck, "pptx")))
    shown = " ".join(t for slide in prs.slides for t in slide_texts(slide))
    assert "www.example.org@" not in shown.replace(TRICK, "")  # only where typed as text
    assert "evil.example" in shown
