"""Resolving date expressions against the publication date.

``resolve("on Friday", "2024-01-13") -> ("2024-01-12", "day")``;
``resolve("last November", "2023-05-09") -> ("2022-11", "month")``;
``resolve("in 2019", ...) -> ("2019", "year")``.  Returns ``(None, None)`` when the expression
names no resolvable date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday"])}


def _d(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def _month_back(y: int, m: int, n: int) -> tuple[int, int]:
    m -= n
    while m < 1:
        m += 12
        y -= 1
    return y, m


def _soon(pub: date, month: int, day: int) -> bool:
    """Whether month/day of the publication year falls within the 45 days after publication."""
    try:
        return 0 < (date(pub.year, month, day) - pub).days <= 45
    except ValueError:
        return False


def resolve(expr: str, published: str | None, future: bool = False) -> tuple[str | None, str | None]:
    """``future``: the expression dates something still to come ("will visit Ghana on Friday"),
    so a bare weekday, day or month is the next one, not the last one."""
    e = " " + re.sub(r"[^\w\s-]", " ", expr.lower()) + " "
    e = re.sub(r"\s+", " ", e)
    pub = _d(published)
    # explicit full dates: "January 12, 2024", "12 January 2024", "2024-01-12"
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", expr)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    words = e.split()
    # ("may" is the month in a short expression or next to a day: "from May 12 to 13")
    month = next((MONTHS[w] for i, w in enumerate(words) if w in MONTHS and not (
        w == "may" and len(words) > 3 and not any(x.isdigit() for x in words[max(0, i - 1):i + 2]))), None)
    year_m = re.search(r"\b(19\d{2}|20\d{2})\b", e)
    year = int(year_m.group(1)) if year_m else None
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", e)
    dnum = int(day_m.group(1)) if day_m and (not year_m or day_m.group(1) != year_m.group(1)) else None
    if month and dnum and 1 <= dnum <= 31:
        y = year or (pub.year if pub else None)
        if y is None:
            return None, None
        if not year and pub and not future and (month, dnum) > (pub.month, pub.day) and not _soon(pub, month, dnum):
            y -= 1          # "on March 28", said in January of the next year; a date in the coming
            #                 weeks is still to come ("followed by a return visit on March 28")
        elif not year and pub and future and (month, dnum) < (pub.month, pub.day) and pub.month - month > 1:
            y += 1          # "will visit on January 5", said in December
        try:
            return date(y, month, dnum).isoformat(), "day"
        except ValueError:
            return None, None
    if pub is None:
        if month and year:
            return f"{year:04d}-{month:02d}", "month"
        if year:
            return f"{year:04d}", "year"
        return None, None
    if " today " in e or " tonight " in e or " this morning " in e or " this afternoon " in e:
        return pub.isoformat(), "day"
    if " yesterday " in e:
        return (pub - timedelta(days=1)).isoformat(), "day"
    if " tomorrow " in e:
        return (pub + timedelta(days=1)).isoformat(), "day"
    wd = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if wd is not None:
        if " next " in e:
            delta = (wd - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), "day"
        if future and " last " not in e:
            return (pub + timedelta(days=(wd - pub.weekday()) % 7)).isoformat(), "day"
        delta = (pub.weekday() - wd) % 7
        if " last " in e and delta == 0:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat(), "day"
    if month:
        if year:
            return f"{year:04d}-{month:02d}", "month"
        y = pub.year
        if " next " in e:
            if month <= pub.month:
                y += 1
        elif " last " in e:
            if month >= pub.month:
                y -= 1
        elif future:
            if month < pub.month:
                y += 1
        elif month > pub.month:
            y -= 1
        return f"{y:04d}-{month:02d}", "month"
    if " this month " in e or " earlier this month " in e or " later this month " in e:
        return f"{pub.year:04d}-{pub.month:02d}", "month"
    if " last month " in e:
        y, mo = _month_back(pub.year, pub.month, 1)
        return f"{y:04d}-{mo:02d}", "month"
    if " next month " in e:
        y, mo = _month_back(pub.year, pub.month, -1)
        return f"{y:04d}-{mo:02d}", "month"
    if year:
        return f"{year:04d}", "year"
    if " last year " in e:
        return f"{pub.year - 1:04d}", "year"
    if " this year " in e or " earlier this year " in e:
        return f"{pub.year:04d}", "year"
    if " next year " in e:
        return f"{pub.year + 1:04d}", "year"
    return None, None


def is_before(d: str | None, published: str | None, days: int) -> bool:
    """True when a (possibly partial) date lies more than ``days`` days before publication."""
    p = _d(published)
    if not d or not p:
        return False
    parts = d.split("-")
    try:
        if len(parts) == 3:
            last = date(int(parts[0]), int(parts[1]), int(parts[2]))
        elif len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            last = nxt - timedelta(days=1)
        else:
            last = date(int(parts[0]), 12, 31)
    except ValueError:
        return False
    return (p - last).days > days
