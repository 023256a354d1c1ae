"""The one date a build writes into both outputs, so rebuilding changes no byte.

`SOURCE_DATE_EPOCH` (the reproducible-builds convention) wins; else the deck's
`date:` (as typed: "2026-11" or "2026-11-26"); else a fixed date. Never the clock.
"""
from __future__ import annotations

import datetime
import os
import re

from ..model import Meta

FALLBACK_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)


def build_date(meta: Meta) -> datetime.datetime:
    """SOURCE_DATE_EPOCH when set, else the deck's `date:`, else a fixed date (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        except (OverflowError, OSError, ValueError):
            pass
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", meta.date or "")
    if match:
        try:
            return datetime.datetime(int(match.group(1)), int(match.group(2) or 1),
                                     int(match.group(3) or 1), tzinfo=datetime.timezone.utc)
        except ValueError:
            pass
    return FALLBACK_DATE
