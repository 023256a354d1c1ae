"""The one date a build writes into both outputs, so rebuilding changes no byte.

`SOURCE_DATE_EPOCH` (the reproducible-builds convention) wins; else the deck's
`date:` (as typed: "2026-11" or "2026-11-26"); else a fixed date. Never the clock.
"""
from __future__ import annotations

import datetime
import os
import re

from ..errors import DeckError
from ..model import Meta

FALLBACK_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC


def source_date_epoch():
    """SOURCE_DATE_EPOCH as a date, None when it is not set; DeckError when it is not a date.

    The reproducible-builds convention asks tools to stop on a malformed value
    rather than guess (reportlab, too, would fail on it deep inside).
    """
    text = os.environ.get("SOURCE_DATE_EPOCH")
    if text is None or not text.strip():
        return None
    epoch = text.strip()
    if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > LAST_EPOCH:
        raise DeckError(f"'{text[:40]}' is not a date: SOURCE_DATE_EPOCH must be a whole number"
                        " of seconds since 1970-01-01, like 1767225600 (what 'date +%s'"
                        " prints); fix it or unset it", "SOURCE_DATE_EPOCH")
    return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)


def build_date(meta: Meta) -> datetime.datetime:
    """SOURCE_DATE_EPOCH when set, else the deck's `date:`, else a fixed date (UTC)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", meta.date or "")
    if match:
        try:
            return datetime.datetime(int(match.group(1)), int(match.group(2) or 1),
                                     int(match.group(3) or 1), tzinfo=datetime.timezone.utc)
        except ValueError:
            pass
    return FALLBACK_DATE
