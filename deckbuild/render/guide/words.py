"""The facilitator guide's own words, all in one table.

Every word the guide adds ("Run of show", "Materials", "Slide {number}") is
looked up here by its English text, with `{name}` placeholders filled in after
the lookup, in the deck's language through deckbuild's strings (`deckbuild.i18n`:
this table goes into deckbuild.pot, tools/i18n_template.py).
"""
from __future__ import annotations

WORDS = (
    "Facilitator guide",
    "Cover",
    "About this guide",
    "Everything the trainer needs beside the slides: the run of show with its clock times,"
    " the materials to bring, what to prepare, then every slide with its time, speaker notes,"
    " activities, debrief questions and answers.",
    "Session",
    "{minutes} minutes",
    "{minutes} minutes, {start}\u2013{end}",
    "{slides} slides, {activities} activities",
    "{slides} slides, 1 activity",
    "{slides} slides, no activities",
    "Run of show",
    "Start",
    "Section or activity",
    "Slides",
    "Minutes",
    "Running total",
    "Opening",
    "Activity: {title}",
    "Total",
    "End",
    "Planned duration",
    "The times add up to {total} minutes: {difference} minutes over the planned {duration}.",
    "The times add up to {total} minutes: {difference} minutes short of the planned"
    " {duration}.",
    "Not timed: {names}.",
    "Materials",
    "Nothing to bring is listed: add a '::: materials' list to the deck.",
    "for the session",
    "for '{title}' (slide {number})",
    "slide {number}",
    "Before the session",
    "Slide {number}",
    "Slide {number} \u00b7 {title}",
    "{minutes} min",
    "{minutes} min \u00b7 {start}\u2013{end}",
    "no time set",
    "no time of its own",
    "Speaker notes",
    "No speaker notes for this slide.",
    "Facilitator note",
    "In the participants' handout",
    "Answer",
    "Participants see",
    "Steps",
    "Debrief",
    "Activity",
    "Prepare",
    "{section} \u00b7 {start}\u2013{end}",
    "{section}",
)
_KNOWN = frozenset(WORDS)


class Words:
    """The guide's words in the deck's language (deckbuild/i18n/LANG.po)."""

    def __init__(self, lang: str = "en"):
        from ...i18n import words_for as strings_for
        self.lang = lang
        self.strings = strings_for(lang)

    def text(self, message: str, **values) -> str:
        if message not in _KNOWN:
            raise KeyError(f"not in the guide's words: {message!r}")
        return self.strings.text(message, **values)

    def date(self, text: str) -> str:
        """A date of the deck ("2026-11") in the language's form ("noviembre de 2026")."""
        return self.strings.date(text)


def words_for(lang: str) -> Words:
    return Words(lang)
