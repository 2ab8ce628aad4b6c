"""Dates inside a sentence, resolved against the report's publication date.

A figure refers to a day: "Am 3. Dezember stimmten 190 Abgeordnete ...", "on
Tuesday the toll rose to 25". Comparing figures needs that day rather than
the day the report appeared. Written by hand rather than with dateparser:
its search_dates takes tens of milliseconds a sentence and reads many German
words as dates ("Mai" in names, "Am"), while news uses a handful of forms.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    "januar": 1, "jan": 1, "january": 1, "jänner": 1,
    "februar": 2, "feb": 2, "february": 2,
    "märz": 3, "mär": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_RELATIVE = {"heute": 0, "today": 0, "gestern": 1, "yesterday": 1, "vorgestern": 2}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})\.?\s*(?P<m1>{_MONTH})\b\.?(?:\s+(?P<y1>\d{{4}}))?"  # 3. Dezember 2024, 3 Dec
    rf"|\b(?P<m2>{_MONTH})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}}))?"  # Jan 14
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"  # 2024-12-03
    r"|\b(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4})\b"  # 03.12.2024
    rf"|\b(?P<wd>{'|'.join(_WEEKDAYS)})(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?\b"
    rf"|\b(?P<rel>{'|'.join(_RELATIVE)})\b",
    re.IGNORECASE,
)
# "seit Dienstag", "since Jan. 7": the start of a span, not the day a figure describes.
_SINCE = re.compile(r"\b(?:seit|since|ab|from)\s+(?:dem\s+|am\s+)?$", re.IGNORECASE)


def find_dates(sentence: str, published: str | None) -> list[str]:
    """ISO dates a sentence names, in order; weekdays, "gestern" and dates without a year
    are resolved against ``published`` (they need it; without it they are skipped)."""
    pub = _parse_iso(published)
    out: list[str] = []
    for m in _DATE.finditer(sentence):
        day = _resolve(m, pub)
        if day and _SINCE.search(sentence, 0, m.start()) is None:
            out.append(day.isoformat())
    return list(dict.fromkeys(out))


def reference_day(sentence_dates: list[str], published: str | None) -> str | None:
    """The day a sentence's figures describe: the latest day it names up to its publication
    ("bis Dienstag waren es 25 Tote"), else the publication day."""
    pub = _parse_iso(published)
    days = [d for d in sentence_dates if pub is None or d <= pub.isoformat()]
    return max(days) if days else (pub.isoformat() if pub else None)


def _resolve(m: re.Match, pub: date | None) -> date | None:
    g = m.groupdict()
    try:
        if g["y3"]:
            return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        if g["y4"]:
            return date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        if g["m1"] or g["m2"]:
            month = _MONTHS[(g["m1"] or g["m2"]).lower()]
            day = int(g["d1"] or g["d2"])
            year = g["y1"] or g["y2"]
            if year:
                return date(int(year), month, day)
            if pub is None:
                return None
            guess = date(pub.year, month, day)
            # "am 30. Dezember" in a report of 2 January is last year's.
            return date(pub.year - 1, month, day) if guess > pub + timedelta(days=7) else guess
    except ValueError:
        return None  # "31. Februar"
    if pub is None:
        return None
    if g["wd"]:
        back = (pub.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        return pub - timedelta(days=back)
    if g["rel"]:
        return pub - timedelta(days=_RELATIVE[g["rel"].lower()])
    return None


def _parse_iso(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def day_marks(sentence: str) -> set[str]:
    """The days a sentence names, as written and without a year ("wd:0" for Montag or
    Monday, "3.12" for "3. Dezember" or "Dec 3"): comparable between two sentences when
    neither has a publication date to resolve them against."""
    marks = set()
    for m in _DATE.finditer(sentence):
        g = m.groupdict()
        if g["wd"]:
            marks.add(f"wd:{_WEEKDAYS[g['wd'].lower()]}")
        elif g["m1"] or g["m2"]:
            marks.add(f"{int(g['d1'] or g['d2'])}.{_MONTHS[(g['m1'] or g['m2']).lower()]}")
        elif g["m3"] or g["m4"]:
            marks.add(f"{int(g['d3'] or g['d4'])}.{int(g['m3'] or g['m4'])}")
    return marks
