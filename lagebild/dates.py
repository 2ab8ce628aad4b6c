"""Dates inside a sentence, resolved against the report's publication date.

A figure refers to a day: "Am 3. Dezember stimmten 190 Abgeordnete ...", "on
Tuesday the toll rose to 25". Comparing figures needs that day rather than
the day the report appeared. Written by hand rather than with dateparser:
its search_dates takes tens of milliseconds a sentence and reads many German
words as dates ("Mai" in names, "Am"), while news uses a handful of forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lagebild import feasts

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


# What a checked sentence says about when: the days, dates and years it names, each as
# marks ("wd:0" for a Monday, "dm:3.12" for the 3rd of December, "y:2024") that compare
# across languages. A source sentence also *means* what follows from its publication date
# ("gestern" in a report of 2025-01-14 is Monday the 13th of January 2025).
_SUFFIX = r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht|s)?"  # "Montagabend", "Mondays"
_YEAR = re.compile(r"\b\d{4}\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as a sentence writes it: its words, what they say, and what they mean once
    resolved against the report's publication date (a superset of what they say)."""

    text: str
    says: frozenset[str]
    means: frozenset[str]


def date_mentions(sentence: str, language: str | None, published: str | None = None) -> list[DateMention]:
    """The days, dates and years a sentence names ("am Montag", "21 de abril de 2025",
    "1936"), in any language CLDR has month and weekday names for."""
    from lagebild.numbers import find_quantities

    pub = _parse_iso(published)
    out, taken = [], []
    folded = _fold_text(sentence)
    # A feast's name is its day ("Ostermontag" is the Monday after Easter, in any language);
    # its weekday word ("Easter Monday") is then no day of its own.
    for m in feasts.pattern().finditer(folded):
        says, means = feasts.marks(m.group(), pub)
        out.append(DateMention(sentence[m.start() : m.end()], frozenset(says), frozenset(means)))
        taken.append((m.start(), m.end()))
    for m in _pattern(language or "").finditer(folded):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        g = m.groupdict()
        says = set()
        if g["wd"]:
            says.add(f"wd:{_names(language or '')[1][_fold(g['wd'])]}")
        day, month = g["d1"] or g["d2"], g["m1"] or g["m2"]
        if day and month:
            says.add(f"dm:{int(day)}.{_names(language or '')[0][_fold(month)]}")
        elif g["d3"] or g["d4"]:
            says.add(f"dm:{int(g['d3'] or g['d4'])}.{int(g['m3'] or g['m4'])}")
        year = g["y1"] or g["y2"] or g["y3"] or g["y4"]
        if year:
            says.add(f"y:{year}")
        resolved = _resolve_marks(says, g["rel"], pub)
        if says or resolved:
            out.append(
                DateMention(sentence[m.start() : m.end()], frozenset(says), frozenset(says | resolved))
            )
            taken.append((m.start(), m.end()))
    # A year named alone ("1936 geboren", "seit 2013"), as the figures module reads years.
    for q in find_quantities(sentence, language):
        if q.unit == "Jahr" and not any(a <= q.start < b for a, b in taken):
            marks = frozenset(f"y:{y}" for y in _YEAR.findall(q.raw))
            if marks:
                out.append(DateMention(q.raw, marks, marks))
    return out


def _resolve_marks(says: set[str], relative: str | None, pub: date | None) -> set[str]:
    """The marks of the one day a mention names, when it names one: a full date, or a
    weekday, a day without a year or "gestern" resolved against the publication date."""
    day = None
    dm = next((m[3:] for m in says if m.startswith("dm:")), None)
    year = next((int(m[2:]) for m in says if m.startswith("y:")), None)
    try:
        if dm and year:
            d, mo = map(int, dm.split("."))
            day = date(year, mo, d)
        elif dm and pub:
            d, mo = map(int, dm.split("."))
            day = date(pub.year, mo, d)
            if day > pub + timedelta(days=7):
                day = date(pub.year - 1, mo, d)
        elif pub and any(m.startswith("wd:") for m in says):
            wd = int(next(m for m in says if m.startswith("wd:"))[3:])
            day = pub - timedelta(days=(pub.weekday() - wd) % 7)
        elif pub and relative:
            day = pub - timedelta(days=_RELATIVE[relative.lower()])
    except ValueError:
        return set()  # "31. Februar"
    if day is None:
        return set()
    return {f"wd:{day.weekday()}", f"dm:{day.day}.{day.month}", f"y:{day.year}"}


def _fold(word: str) -> str:
    """A name as looked up: lower-case, without accents or a closing dot ("Déc." -> "dec")."""
    return _fold_text(word.lower().rstrip("."))


def _fold_text(text: str) -> str:
    """The text without accents, one character for one, so that a match's span is the
    original's too ("giovedì" is found as "giovedi", "décembre" as "decembre")."""
    return text.translate(_FOLDS)


class _Folds(dict):
    """Code point -> its character without accents, worked out the first time it is asked
    for (str.translate looks each character up here)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        plain = [x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)]
        self[code] = plain[0] if len(plain) == 1 else c
        return self[code]


_FOLDS = _Folds()


@lru_cache(maxsize=64)
def _names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names of a language (CLDR through babel, in running text and
    standing alone, so Polish "kwietnia" as well as "kwiecień") with the German and English
    ones, which articles quote in any language; month -> 1-12, weekday -> 0-6 (Monday 0).
    Only full names: abbreviations are common words in other languages (Polish "sie" for
    August is "się"), save the German and English ones news use ("Dez.", "Jan. 14")."""
    from babel import Locale, UnknownLocaleError

    months = {_fold(k): v for k, v in _MONTHS.items()}
    days = {_fold(k): v for k, v in _WEEKDAYS.items()}
    try:
        locale = Locale.parse(language) if language else None
    except (UnknownLocaleError, ValueError):
        locale = None
    if locale is not None:
        for context in ("format", "stand-alone"):
            months |= {_fold(name): n for n, name in locale.months[context]["wide"].items()}
            days |= {_fold(name): n for n, name in locale.days[context]["wide"].items()}
    return months, days


@lru_cache(maxsize=64)
def _pattern(language: str) -> re.Pattern:
    months, days = _names(language)
    month = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    weekday = "|".join(re.escape(d) for d in sorted(days, key=len, reverse=True))
    return re.compile(
        # 3. Dezember 2024, 21 de abril de 2025, 1er avril, 3 Dec
        rf"\b(?P<d1>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<m1>{month})(?![\w])\.?"
        rf"(?:,?\s+(?:de\s+)?(?P<y1>\d{{4}})\b)?"
        # Jan. 14, 2025
        rf"|\b(?P<m2>{month})(?![\w])\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?"
        r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"  # 2024-12-03
        r"|\b(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4})\b"  # 03.12.2024
        rf"|\b(?P<wd>{weekday}){_SUFFIX}(?![\w])"
        rf"|\b(?P<rel>{'|'.join(_RELATIVE)})\b",
        re.IGNORECASE,
    )
