"""The run of show: a deck's sections and activities against the clock, from the model.

`deckbuild check` compares it with the session's `duration:`; the facilitator
guide prints it, with clock times from `start:`. A section runs from its section
slide to the next one; the slides before the first section are the opening.

What a slide takes is its own `{time=...}`, else the sum of its activities' times.
What a section takes: its slides' times when every slide is timed; its heading's
`{time=...}` when none is; when only some are, the larger of the two. The title
slide, section slides and the later parts of a slide split to fit take no time
of their own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from .model import Activity, Columns, Deck, Layout, Slide, Text


@dataclass(frozen=True)
class TimedSlide:
    number: int  # in the deck
    slide: Slide
    seconds: Optional[int]  # None: not timed
    start: int  # seconds after the session starts
    activities: Tuple[Activity, ...] = ()

    @property
    def activity_seconds(self) -> int:
        return sum(a.time or 0 for a in self.activities)


@dataclass(frozen=True)
class Section:
    title: Text  # () for the opening
    slide: Optional[Slide]  # its section slide; None for the opening
    number: int  # the section slide's number, or the first slide's
    slides: Tuple[TimedSlide, ...]  # the slides that can be timed
    budget: Optional[int]  # the section heading's `{time=...}`
    seconds: int  # what it takes in the run of show
    start: int  # seconds after the session starts

    @property
    def opening(self) -> bool:
        return self.slide is None

    @property
    def timed(self) -> Tuple[TimedSlide, ...]:
        return tuple(s for s in self.slides if s.seconds is not None)

    @property
    def untimed(self) -> Tuple[TimedSlide, ...]:
        return tuple(s for s in self.slides if s.seconds is None)

    @property
    def slide_seconds(self) -> int:
        return sum(s.seconds for s in self.timed)

    @property
    def has_time(self) -> bool:
        return self.budget is not None or bool(self.timed)


@dataclass(frozen=True)
class RunOfShow:
    sections: Tuple[Section, ...]
    duration: Optional[int]  # the session's planned length (`duration:`)
    start: Optional[int]  # minutes after midnight (`start:`)
    twelve_hour: bool = False

    @property
    def total(self) -> int:
        return sum(s.seconds for s in self.sections)

    @property
    def timed(self) -> bool:
        """Whether the deck plans its time at all (a duration, or any time)."""
        return self.duration is not None or any(s.has_time or any(
            t.activity_seconds for t in s.slides) for s in self.sections)

    def clock(self, offset: int) -> str:
        """The time of day `offset` seconds into the session ("9:05", "2:30 pm"), or ""."""
        return clock_text(self.start, offset, self.twelve_hour)


def clock_text(start: Optional[int], offset: int, twelve_hour: bool = False) -> str:
    if start is None:
        return ""
    minutes = (start + offset // 60) % (24 * 60)
    hour, minute = divmod(minutes, 60)
    if not twelve_hour:
        return f"{hour}:{minute:02d}"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'am' if hour < 12 else 'pm'}"


def slide_seconds(slide: Slide) -> Optional[int]:
    """A slide's own time, else its activities' together; None when neither is given."""
    if slide.time is not None:
        return slide.time
    times = [a.time for a in activities_of(slide) if a.time is not None]
    return sum(times) if times else None


def activities_of(slide: Slide) -> Tuple[Activity, ...]:
    """The slide's activities, in columns too, in reading order."""
    return tuple(_activities(slide.blocks))


def _activities(blocks):
    for block in blocks:
        if isinstance(block, Activity):
            yield block
        elif isinstance(block, Columns):
            for column in block.columns:
                yield from _activities(column)


def takes_time(slide: Slide) -> bool:
    """Title slides, section slides and continued parts take none of their own."""
    return slide.layout not in (Layout.TITLE, Layout.SECTION) and not slide.continued


def run_of_show(deck: Deck) -> RunOfShow:
    groups: List[Tuple[Optional[Slide], int, List[Tuple[int, Slide]]]] = [(None, 1, [])]
    for number, slide in enumerate(deck.slides, 1):
        if slide.layout is Layout.SECTION:
            groups.append((slide, number, []))
        else:
            groups[-1][2].append((number, slide))
    if len(groups) > 1 and not any(takes_time(slide) for _, slide in groups[0][2]):
        groups.pop(0)  # no opening (at most a title slide): the deck starts with a section
    sections = []
    clock = 0
    for heading, number, members in groups:
        start, timed = clock, []
        for slide_number, slide in members:
            activities = activities_of(slide)
            if not takes_time(slide):
                if activities and timed:  # a continued part's activity: its slide's
                    timed[-1] = _with_activities(timed[-1], activities)
                continue
            seconds = slide_seconds(slide)
            timed.append(TimedSlide(slide_number, slide, seconds, clock, activities))
            clock += seconds or 0
        budget = heading.time if heading is not None else None
        section = Section(heading.title if heading is not None else (), heading,
                          number if heading is not None else (members[0][0] if members else 1),
                          tuple(timed), budget, 0, start)
        seconds = _section_seconds(section)
        clock = start + seconds
        sections.append(replace(section, seconds=seconds))
    session = deck.session
    return RunOfShow(tuple(sections), session.duration, session.start, session.twelve_hour)


def _section_seconds(section: Section) -> int:
    if not section.untimed:
        return section.slide_seconds if section.slides else (section.budget or 0)
    if not section.timed:
        return section.budget or 0
    return max(section.budget or 0, section.slide_seconds)


def _with_activities(timed: TimedSlide, activities) -> TimedSlide:
    return replace(timed, activities=timed.activities + tuple(activities))


def minutes_text(seconds: int) -> str:
    """300 -> "5", 90 -> "1.5", 4500 -> "75": minutes as the run of show prints them."""
    minutes = seconds / 60
    return f"{minutes:g}" if minutes == int(minutes) else f"{minutes:.1f}".rstrip("0")
