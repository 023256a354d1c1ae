"""Times as trainers write them: `{time=5m}` on a heading or an activity, `duration: 90m`
and `start: "9:00"` in the front matter.

A time is hours, minutes and seconds in any mix (`90s`, `5m`, `5 min`, `1h15m`,
`1.5h`); a bare number is minutes (`duration: 90`). A clock time is `9:00`,
`14:30`, `9.30`, `9am` or `2:30 pm`. Each parser returns its value or raises
`ValueError` with the sentence the trainer reads (the caller adds path and line).
"""
from __future__ import annotations

import re
from typing import Tuple

MAX_TIME = 8 * 3600  # one slide, activity or section: more is a typo (90h for 90m)
MAX_SESSION = 24 * 3600  # a session's duration, or all its times together

_UNITS = {"h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)"
                   r"(?![a-z])", re.I)
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$", re.I)


def parse_time(text, limit: int = MAX_TIME) -> int:
    """`5m` -> 300 seconds. `limit`: the most that is not a typo."""
    typed = str(text).strip()
    value = typed.lower()
    if value.startswith("-"):
        raise ValueError(f"a time cannot be negative ('{typed}')")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", value):
        seconds = round(float(value.replace(",", ".")) * 60)  # a bare number: minutes
    else:
        seconds, position = 0, 0
        for match in _PART.finditer(value):
            if value[position:match.start()].strip():
                break
            seconds += round(float(match.group(1).replace(",", ".")) *
                             _UNITS[match.group(2)[0].lower()])
            position = match.end()
        if not typed or position == 0 or value[position:].strip():
            raise ValueError(f"'{typed[:40]}' is not a time: write minutes, hours or seconds,"
                             " like 5m, 1h15m or 90s")
    if seconds > limit:
        raise ValueError(f"'{typed}' is {spoken(seconds)}, more than "
                         f"{spoken(limit)}: is it a typo (90h for 90m)?")
    return seconds


def parse_clock(text) -> Tuple[int, bool]:
    """`"9:00"` -> (540 minutes after midnight, False); `"2:30 pm"` -> (870, True)."""
    typed = str(text).strip()
    match = _CLOCK.match(typed)
    problem = ValueError(f"'{typed[:40]}' is not a time of day like \"9:00\", \"14:30\" or"
                         " \"2:30 pm\"")
    if not match:
        raise problem
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if match.group(2) is None and not half:
        raise problem  # "9" alone: a number, not a time of day
    if minute > 59 or (half and not 1 <= hour <= 12) or hour > 23:
        raise problem
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return hour * 60 + minute, bool(half)


def spoken(seconds: int) -> str:
    """300 -> "5 minutes", 5400 -> "90 minutes", 28800 -> "8 hours": for messages."""
    if seconds >= 2 * 3600 and seconds % 3600 == 0:
        return f"{seconds // 3600} hours"
    minutes, rest = divmod(seconds, 60)
    if rest and not minutes:
        return f"{rest} second{'s' * (rest != 1)}"
    text = f"{minutes} minute{'s' * (minutes != 1)}"
    return text + (f" {rest} s" if rest else "")
