"""Feast days that news names instead of a date ("am Ostermontag", "on Christmas Eve",
"le lundi de Pâques"), as date marks that compare across languages.

Written by hand: the ``holidays`` package lists a country's public holidays under their
official names, while reports name feasts by their common ones ("Pasquetta",
"Heiligabend", "Palm Sunday"), public holidays or not, in whatever country they report from.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

# Feast -> its day: "e+N" days after Easter Sunday, or "D.M" for a fixed day. Names are
# written lower-case without accents (as dates.py folds text; Polish "ł" has no accent to
# lose). Bare feast names ("Ostern", "Pâques", "Christmas") are left out: they name a
# season as often as a day ("nach Ostern", "over Christmas").
_FEASTS = {
    "e-46": "aschermittwoch|ash wednesday|mercredi des cendres|miercoles de ceniza|"
    "mercoledi delle ceneri|quarta-feira de cinzas|sroda popielcowa|aswoensdag",
    "e-7": "palmsonntag|palm sunday|dimanche des rameaux|domingo de ramos|domenica delle palme|"
    "niedziela palmowa|niedziele palmowa|palmzondag",
    "e-3": "grundonnerstag|maundy thursday|holy thursday|jeudi saint|jueves santo|giovedi santo|"
    "quinta-feira santa|wielki czwartek|witte donderdag",
    "e-2": "karfreitag|good friday|vendredi saint|viernes santo|venerdi santo|sexta-feira santa|"
    "wielki piatek|goede vrijdag",
    "e-1": "karsamstag|holy saturday|samedi saint|sabado santo|sabato santo|sabado de aleluia|"
    "wielka sobota|wielka sobote|stille zaterdag",
    "e+0": "ostersonntag|easter sunday|dimanche de paques|domingo de resurreccion|domingo de pascua|"
    "domenica di pasqua|domingo de pascoa|niedziela wielkanocna|niedziele wielkanocna|"
    "paaszondag|eerste paasdag",
    "e+1": "ostermontag|easter monday|lundi de paques|lunes de pascua|lunedi di pasqua|"
    "lunedi dell'angelo|pasquetta|segunda-feira de pascoa|poniedziałek wielkanocny|"
    "lany poniedziałek|paasmaandag|tweede paasdag",
    "e+39": "christi himmelfahrt|ascension day|jeudi de l'ascension|jueves de la ascension|"
    "wniebowstapienie panskie|hemelvaartsdag",
    "e+49": "pfingstsonntag|whit sunday|pentecost sunday|dimanche de pentecote|domingo de pentecostes|"
    "domenica di pentecoste|zeslanie ducha swietego|pinksterzondag|eerste pinksterdag",
    "e+50": "pfingstmontag|whit monday|lundi de pentecote|lunes de pentecostes|lunedi di pentecoste|"
    "pinkstermaandag|tweede pinksterdag",
    "24.12": "heiligabend|heiligen abend|heiliger abend|christmas eve|veille de noel|reveillon de noel|"
    "nochebuena|vigilia di natale|vespera de natal|wigilia|wigilie|kerstavond",
    "25.12": "ersten weihnachtsfeiertag|erster weihnachtsfeiertag|christmas day|jour de noel|"
    "dia de navidad|giorno di natale|dia de natal|eerste kerstdag",
    "26.12": "zweiten weihnachtsfeiertag|zweiter weihnachtsfeiertag|stephanstag|boxing day|"
    "st stephen's day|santo stefano|tweede kerstdag",
    "31.12": "silvester|new year's eve|saint-sylvestre|nochevieja|san silvestro|vespera de ano novo|"
    "sylwester|sylwestra|oudejaarsavond|oudjaarsavond",
    "1.1": "neujahrstag|neujahr|new year's day|jour de l'an|dia de ano nuevo|capodanno|"
    "dia de ano novo|nowy rok|nieuwjaarsdag",
    "6.1": "dreikonigstag|epiphany|epiphanie|dia de reyes|epifania|dia de reis|trzech kroli|driekoningen",
    "1.11": "allerheiligen|all saints' day|toussaint|dia de todos los santos|ognissanti|"
    "dia de todos os santos|wszystkich swietych",
    "15.8": "maria himmelfahrt|assumption day|ferragosto|wniebowziecie",
}


def _key(name: str) -> str:
    """A feast's name as looked up: lower-case, one space for any run of spaces and hyphens
    ("segunda feira de páscoa" is written both ways), one apostrophe."""
    return re.sub(r"[-\s]+", " ", name.lower().replace("’", "'"))


FEAST = {_key(name): day for day, names in _FEASTS.items() for name in names.split("|")}


@lru_cache(maxsize=1)
def pattern() -> re.Pattern:
    """Any feast's name in folded text, longest first, as a word of its own ("Ostermontag",
    "Easter Monday", "lunedì dell'Angelo" folded to "lunedi dell'angelo")."""
    names = sorted(FEAST, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"[-\s]+").replace("'", "['’]") for n in names)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def marks(name: str, published: date | None) -> tuple[set[str], set[str]]:
    """What a feast's name says (a movable feast its place in the Easter cycle and its
    weekday, a fixed one its day and month) and what it means once its year is known from
    the report's publication date (the last such feast before it, within a week after)."""
    day = FEAST[_key(name)]
    if day.startswith("e"):
        offset = int(day[1:])
        says = {f"hol:{day}", f"wd:{(6 + offset) % 7}"}
    else:
        says = {f"dm:{day}"}
    if published is None:
        return says, says
    found = _on(day, published.year)
    if found > published + timedelta(days=7):
        found = _on(day, published.year - 1)
    return says, says | {f"wd:{found.weekday()}", f"dm:{found.day}.{found.month}", f"y:{found.year}"}


def _on(day: str, year: int) -> date:
    if day.startswith("e"):
        return easter(year) + timedelta(days=int(day[1:]))
    d, m = map(int, day.split("."))
    return date(year, m, d)
