"""Each section's time: its slides against its heading's `{time=...}`, slides without a time
beside timed ones, sections with no time at all (only in a deck that plans its time)."""
from ...model import Source, plain
from ...read.timing import spoken
from ...schedule import Section, run_of_show
from ..registry import rule


def section_name(section: Section, only: bool = False) -> str:
    """'History', or the opening's description (only: the deck has no sections)."""
    if section.opening:
        return "the deck" if only else "the opening (the slides before the first section)"
    return f"'{plain(section.title) or f'section on slide {section.number}'}'"


def section_source(section: Section) -> Source:
    if section.slide is not None:
        return section.slide.source
    return section.slides[0].slide.source if section.slides else Source("")


@rule("section-time")
def section_time(context):
    run = run_of_show(context.deck)
    if not run.timed:
        return
    only = len(run.sections) == 1
    for section in run.sections:
        name = section_name(section, only)
        where = section_source(section)
        timed, untimed = section.timed, section.untimed
        if not section.has_time and section.slides:
            yield (f"{name} has no time: add {{time=...}} to its heading or to its slides"
                   f" (for example {{time=10m}})", where)
        elif timed and untimed:
            named = ", ".join(f"'{plain(t.slide.title) or f'slide {t.number}'}' (line"
                              f" {t.slide.source.line})" for t in untimed[:3])
            more = f" and {len(untimed) - 3} more" if len(untimed) > 3 else ""
            count = f"{len(untimed)} slide{'s' * (len(untimed) != 1)}"
            yield (f"in {name}, {count} {'have' if len(untimed) != 1 else 'has'} no time while"
                   f" the others do: {named}{more}; give each a {{time=...}}",
                   untimed[0].slide.source)
        elif timed and section.budget is not None and section.slide_seconds != section.budget:
            difference = section.slide_seconds - section.budget
            yield (f"the slides of {name} add up to {spoken(section.slide_seconds)},"
                   f" {spoken(abs(difference))} {'over' if difference > 0 else 'under'} the"
                   f" section's {spoken(section.budget)}", where)
