"""Detection of the header of a plain-text article: date line, headline and dateline.

A plain-text article may begin with

1. a date line ``date 2022-06-28 https://...`` (leading spaces allowed, URL optional,
   ``date:`` accepted too);
2. a headline: the first non-empty line when it is short (at most 200 characters), does
   not end like a sentence (``.``, ``,``, ``;``, ``:``) and is followed by a blank line,
   or is "clearly a headline" (most words capitalised) even without the blank line;
3. a dateline at the start of the body: ``BEIJING:``, ``BEIJING —``,
   ``KYIV, Ukraine (AP) —``, ``WASHINGTON, Jan 12 (Reuters) -``,
   ``MOSCOW, January 10. /TASS/.``, ``Kyiv (AFP) -``.

``split_header`` removes the date line and the headline from the text.  The dateline stays
in the text (it is part of the article's first sentence) and is only reported, as a place
name in title case (``"Beijing"``).
"""
from __future__ import annotations

import re

from .dates import parse_date

__all__ = ["find_dateline", "split_header"]

MAX_TITLE_CHARS = 200

_DATE_LINE = re.compile(r"^[ \t]*date:?[ \t]+(?P<date>\S+(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?)"
                        r"(?:[ \t]+(?P<url>(?:https?|ftp)://\S+))?[ \t]*$", re.IGNORECASE)

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATEPART = rf"(?:,?\s+(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)"
_UPPER_PLACE = r"(?P<place>[A-Z][A-Z'’.\-/]*[A-Z.](?:\s+[A-Z][A-Z'’.\-/]*[A-Z.]){0,3})"
_TITLE_PLACE = r"(?P<place>[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2})"
_REGION = r"(?:,\s+[A-Z][A-Za-z'’.\-]*(?:\s+[A-Z][A-Za-z'’.\-]*){0,3})"
_AGENCY = r"(?:\s*\([A-Za-z][A-Za-z .&\-]{0,30}\))"
_SEP = r"(?:\s*(?::|--?|\.?\s*/TASS/\.?)\s+|\s*[—–]\s*)"

# BEIJING: / KYIV, Ukraine (AP) — / WASHINGTON, Jan 12 (Reuters) -
_DATELINE_UPPER = re.compile(rf"^{_UPPER_PLACE}(?:{_DATEPART}|{_REGION})?{_DATEPART}?{_AGENCY}?{_SEP}(?=\S)")
# Kyiv (AFP) - / Beijing, Jan 12 (Reuters) -   (mixed case needs an agency or a date)
_DATELINE_TITLE = re.compile(
    rf"^{_TITLE_PLACE}{_REGION}?(?:{_DATEPART}{_AGENCY}?|{_AGENCY}){_SEP}(?=\S)")

# WASHINGTON (CNN)The ... : an agency in brackets glued to the first word
_DATELINE_AGENCY_GLUED = re.compile(
    rf"^{_UPPER_PLACE}{_REGION}?\s*\((?:CNN|AP|AFP|Reuters|Xinhua|TASS|UPI)\)\s*(?=[A-Z“\"‘])")

# Capitalised labels that look like a dateline but are not places.
_NOT_PLACES = frozenset(["UPDATE", "UPDATED", "UPDATES", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL", "COMMENT", "COMMENTARY", "FACTBOX", "EXPLAINER", "FILE", "PHOTO", "PHOTOS", "VIDEO", "WATCH", "LIVE", "NOTE", "NOTICE", "WARNING", "CORRECTION", "REVIEW", "INTERVIEW", "FEATURE", "SPECIAL", "REPORT", "UPDATE:", "FLASH", "URGENT", "ALERT", "Q", "A", "QA", "NEWS", "NATO", "OPEC", "ASEAN", "BRICS", "WHO", "IMF", "IAEA", "EU", "UN", "US", "USA", "UK", "SCO", "CPC", "PLA", "DPRK", "ROK", "PRC", "ROC", "OSCE", "CCTV", "CGTN", "CNN", "BBC", "AFP", "AP", "REUTERS", "XINHUA", "TASS", "RIA", "NHK", "KYODO", "YONHAP", "NBC", "ABC", "CBS", "FOX", "MSNBC", "PTI", "ANI", "IANS", "EFE", "DPA", "ANSA", "AL-JAZEERA", "DW", "RT", "VOA", "RFA", "NPR", "PBS", "G7", "G20", "AU", "EDITOR'S", "NOTE", "MORE", "READ", "ALSO", "RELATED", "SOURCE", "SOURCES", "BACKGROUND", "CONTEXT", "TOPLINE", "THE", "WHAT", "WHY", "HOW", "WHEN", "WHERE", "WHO", "ABOVE", "BELOW", "TOP", "PICTURED", "CAPTION", "CREDIT", "LISTEN", "PHOTO:", "IMAGE", "GRAPHIC", "MAP", "CHART", "TRANSCRIPT", "SUMMARY", "HIGHLIGHTS", "SPOILER", "WARNING:", "DISCLAIMER"])


def _title_case(place: str) -> str:
    words = []
    for w in place.split():
        words.append("-".join(p[:1].upper() + p[1:].lower() if p else p for p in w.split("-")))
    return " ".join(words)


def find_dateline(text: str) -> str | None:
    """Return the place of a dateline at the start of ``text`` in title case, or None."""
    head = text.lstrip()[:160]
    m = _DATELINE_UPPER.match(head) or _DATELINE_AGENCY_GLUED.match(head)
    if m:
        place = m.group("place").split("/")[0].strip(" .")   # WASHINGTON/NEW YORK
        letters = re.sub(r"[^A-Z]", "", place)
        key = place.replace("’", "'")
        if len(letters) >= 3 and key not in _NOT_PLACES and key.split()[0] not in _NOT_PLACES:
            return _title_case(place)
        return None
    m = _DATELINE_TITLE.match(head)
    if m:
        return m.group("place").strip(" .")
    return None


def _looks_like_headline(line: str) -> bool:
    """Most content words capitalised: 'Beijing Asks US to Stop Official Interaction'."""
    words = [w.strip("‘’“”\"'()[],:;") for w in line.split()]
    content = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    if len(words) < 3 or len(content) < 2:
        return False
    caps = sum(1 for w in content if w[:1].isupper())
    return caps / len(content) >= 0.75


def _title_candidate(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > MAX_TITLE_CHARS:
        return False
    if len(s.split()) < 2:
        return False
    core = s.rstrip("\"'”’)]»")
    if not core or core[-1] in ".,;:":
        return False
    if "://" in s or s.lower().startswith("by "):
        return False
    if find_dateline(s + " x") and not _looks_like_headline(s):
        return False
    return True


def split_header(raw: str, *, detect_title: bool = True) -> dict:
    """Split a plain-text article into its header fields and the remaining text.

    Returns ``{"date", "url", "title", "text", "dateline"}``: ``date`` is ISO or None,
    ``text`` is ``raw`` without the date line and the headline line (and without the blank
    lines that followed them); the dateline text stays in ``text``.  With
    ``detect_title=False`` (the caller already knows the title) only the date line is
    removed and ``title`` is None.
    """
    lines = (raw or "").split("\n")
    i = 0
    n = len(lines)
    date = url = title = None

    def skip_blank(k: int) -> int:
        while k < n and not lines[k].strip():
            k += 1
        return k

    i = skip_blank(i)
    if i < n:
        m = _DATE_LINE.match(lines[i])
        if m and parse_date(m.group("date")):
            date = parse_date(m.group("date"))
            url = m.group("url")
            i = skip_blank(i + 1)

    if detect_title and i < n and _title_candidate(lines[i]):
        nxt = i + 1
        rest_start = skip_blank(nxt)
        has_rest = rest_start < n
        blank_after = nxt < n and not lines[nxt].strip()
        # without a blank line, the next line must not continue a hard-wrapped sentence
        clear = (_looks_like_headline(lines[i]) and nxt < n
                 and not lines[nxt].lstrip()[:1].islower())
        if has_rest and (blank_after or clear):
            title = " ".join(lines[i].split())
            i = rest_start

    text = "\n".join(lines[i:]).strip("\n")
    return {"date": date, "url": url, "title": title, "text": text, "dateline": find_dateline(text)}
