"""Link text that does not say where the link goes.

A screen reader can list a slide's links by their text alone: "click here" or
"here" says nothing there, and a bare address is read out letter by letter.
WCAG 2.4.4 (link purpose). A phone number as the text of a `tel:` link is fine.
"""
import re

from ...model import slide_runs
from ..registry import rule

VAGUE = {"click here", "here", "link", "this link", "click", "click this link",
         "more", "read more", "this", "this page"}
ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:(?://)?|www\.)\S+$|^[^\s@]+@[^\s@]+\.[a-z]{2,}$",
                     re.IGNORECASE)


def link_texts(slide):
    """(address, text) of every link on the slide and in its notes, in reading order;
    neighbouring runs of one link are one link."""
    links, url, text = [], None, []
    for run in slide_runs(slide, notes=True):
        if run.link != url and url is not None:
            links.append((url, "".join(text)))
        if run.link != url:
            url, text = run.link, []
        text.append(run.text)
    if url is not None:
        links.append((url, "".join(text)))
    return links


def problem(url: str, text: str) -> str:
    """What is wrong with a link's text, or ""."""
    words = re.sub(r"[^\w\s]", "", text).strip().lower()
    if words in VAGUE or words.startswith("click here"):
        return (f"the link text '{text.strip()}' does not say where the link goes; a screen"
                " reader may list the links alone. Write what it leads to between the"
                f" brackets: [what it is]({url})")
    if ADDRESS.match(text.strip()) and not url.startswith("tel:"):
        return (f"the link text is the bare address {text.strip()}; a screen reader reads it"
                " out letter by letter. Write what it leads to between the brackets:"
                f" [what it is]({url}) (the handout still prints the address)")
    return ""


@rule("link-text")
def link_text(context):
    for slide in context.deck.slides:
        for url, text in link_texts(slide):
            message = problem(url, text)
            if message:
                yield message, slide.source
