"""The session's time: the run of show against `duration:` in the front matter, by how
much over or under, and where (the sections over or under their own time)."""
from ...model import plain
from ...read.timing import spoken
from ...schedule import run_of_show
from ..registry import rule
from .section_time import section_name


@rule("session-time")
def session_time(context):
    run = run_of_show(context.deck)
    if run.duration is None or run.total == run.duration:
        return
    difference = run.total - run.duration
    over = difference > 0
    only = len(run.sections) == 1
    off = [s for s in run.sections if s.budget is not None and s.timed
           and (s.slide_seconds - s.budget) * difference > 0]
    if off:
        where = "; ".join(f"{section_name(s, only)} takes {spoken(s.seconds)} for its"
                          f" {spoken(s.budget)}" for s in off)
    else:
        where = "by section: " + ", ".join(
            f"{plain(s.title) or ('the deck' if only else 'opening')} {spoken(s.seconds)}"
            for s in run.sections)
    yield (f"the session runs {spoken(abs(difference))} {'over' if over else 'short'}: its"
           f" times add up to {spoken(run.total)} and 'duration:' is {spoken(run.duration)}"
           f" ({where})", context.deck.session.duration_source)
