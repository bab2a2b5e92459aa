"""Publication-date parsing for input records and headers.

``parse_date`` turns the date strings found in feeds, CSV/JSON fields and text headers
into ISO ``YYYY-MM-DD``.  Only the calendar date is kept, as written: a timestamp such as
``2024-01-12T23:30:00-05:00`` gives ``2024-01-12`` (the local date of the outlet), not the
UTC date.  Anything ambiguous or unrecognised gives ``None`` rather than a guess; in
particular ``01/02/2024`` (day/month or month/day?) is ``None``, while ``25/01/2024`` and
``01/25/2024`` (also ``7/23/17``: two-digit years are 1970-2069) are unambiguous and accepted.
"""
from __future__ import annotations

import datetime as _dt
import re
from email.utils import parsedate_tz

__all__ = ["parse_date"]

MIN_YEAR = 1800
MAX_YEAR = 2100

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"

# 2024-01-12, 2024-01-12T10:00:00Z, 2024-01-12 10:00, 2024/01/12, 2024.01.12
_YMD = re.compile(r"^(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?:$|[T\s]\S*)")
# 20240112 (compact ISO), optionally followed by a time
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:$|T\d)")
# January 12, 2024 / Jan. 12 2024 / Friday, January 12th, 2024
_MDY_NAMED = re.compile(r"^" + _WEEKDAY + _MONTH_RE + r"\s+" + _DAY_RE + r",?\s+" + _YEAR_RE + r"\b",
                        re.IGNORECASE)
# 12 Jan 2024 / 12 January, 2024 / Fri, 12 Jan 2024 10:00:00 GMT / 12-Jan-2024
_DMY_NAMED = re.compile(r"^" + _WEEKDAY + _DAY_RE + r"(?:\s+|-)(?:of\s+)?" + _MONTH_RE
                        + r",?(?:\s+|-)" + _YEAR_RE + r"\b", re.IGNORECASE)
# 12/01/2024, 12.01.2024, 12-01-2024 (only when unambiguous)
_NUMERIC_XY = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\b")


def _make(year: int, month: int, day: int) -> str | None:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(s) -> str | None:
    """Return the ISO date ``YYYY-MM-DD`` for a date string, or ``None``.

    Accepts ``date``/``datetime`` objects as well as strings: ISO dates and datetimes,
    ``2024/01/12``, ``January 12, 2024``, ``12 Jan 2024``, RFC 2822 dates used by feeds
    (``Fri, 12 Jan 2024 10:00:00 GMT``) and compact ``20240112``.
    """
    if s is None:
        return None
    if isinstance(s, _dt.datetime):
        return _make(s.year, s.month, s.day)
    if isinstance(s, _dt.date):
        return _make(s.year, s.month, s.day)
    if not isinstance(s, str):
        return None
    text = " ".join(s.split())
    if not text:
        return None

    m = _YMD.match(text)
    if m:
        return _make(int(m["year"]), int(m["month"]), int(m["day"]))
    m = _COMPACT.match(text)
    if m:
        return _make(int(m["year"]), int(m["month"]), int(m["day"]))
    m = _MDY_NAMED.match(text) or _DMY_NAMED.match(text)
    if m:
        return _make(int(m["year"]), _MONTHS[m["mon"].lower()], int(m["day"]))
    m = _NUMERIC_XY.match(text)
    if m:
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if len(m["year"]) == 2:
            year += 2000 if year < 70 else 1900
        if a > 12 >= b:
            return _make(year, b, a)         # day/month/year
        if b > 12 >= a:
            return _make(year, a, b)         # month/day/year
        if a == b:
            return _make(year, a, b)
        return None                          # ambiguous
    # Last resort: RFC 2822 variants the patterns above did not cover.
    parsed = parsedate_tz(text)
    if parsed and parsed[0]:
        return _make(parsed[0], parsed[1], parsed[2])
    return None
