"""The German label of a fact, as a reader names what is counted: the unit's word, what
the reports say it is of (in German where a German report says it, else from the words of
the reports' languages for the recurring measures of disaster, death and office), where it
was counted, and the year of an earlier event."""

from __future__ import annotations

import re
from collections import Counter

from lagebild.claims import Claim
from lagebild.facts import Fact, clause, place_key
from lagebild.milestones import UNITS as MILESTONES
from lagebild.numbers import Quantity

# The German label of each unit, as a reader names what is counted.
_LABEL = {
    "Tote": "Todesopfer",
    "Verletzte": "Verletzte",
    "Vermisste": "Vermisste",
    "Evakuierte": "Evakuierte",
    "Eingeschlossene": "Eingeschlossene",
    "Tote und Verletzte": "Tote und Verletzte",
    "Menschen": "Personen",  # counted people of whom the figure says nothing more
    "Alter": "Alter in Jahren",
    "Uhrzeit": "Uhrzeit",
    "Geburtsjahr": "Geburtsjahr",
    "Abgeordnete": "Abgeordnete",
}
# German words after a figure that say of what it is: "38 Tage im Krankenhaus", "drei Tage
# Staatstrauer", "mindestens 51 Menschen durch heftige Unwetter".
_OF_WHAT = re.compile(
    r"^\s*(?:[\wäöüß-]+\s+){0,2}?(?:lang\s+)?((?:im|in der|in den|durch|bei|nach|infolge|wegen)\s+"
    r"(?:(?:die|der|den|dem|des|das|einer|einem|eines)\s+)?(?:[a-zäöüß]+(?:e|en|er|es)\s+)?[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?)"
)
_NOUN_AFTER = re.compile(r"^\s*[\wäöüß-]+\s+([A-ZÄÖÜ][a-zäöüß]+(?:trauer|zeit|dauer|pause|frist)\b)")


# What news in any language say a span or a count is of, for a story no German report
# gives the words for: (the German label, "{}" standing for the unit's word; units it may
# label; the words in the languages the claims read). Days of mourning, days in hospital,
# years in office, homes without power, rain and wind are the recurring measures of
# disaster, death and office.
_OF_CONCEPT = [
    (
        "{} Staatstrauer",
        {"Tage", "Wochen"},
        r"trauer|mourning|deuil|luto|lutto|rouw|żałob|smutk|yas\b|траур",
    ),
    (
        "{} im Krankenhaus",
        {"Tage", "Wochen", "Monate"},
        r"krankenhaus|klinik|hospital|hôpital|ospedal|ricover|szpital|ziekenhuis|nemocnic|больниц|hastane",
    ),
    ("{} im Amt", {"Jahre", "Monate"}, r"pontifi|amtszeit|in office|mandat|papado|pontyfikat|pontificado"),
    (
        "{} ohne Strom",
        {"Gebäude", "Haushalte", "Menschen"},
        r"ohne strom|stromausfall|without (?:power|electricity)|power outage|knocked out power|lost power|"
        r"sans (?:électricité|courant)|privés? d['’]électricité|sin (?:luz|electricidad)|"
        r"senza (?:corrente|elettricità)|sem (?:energia|luz|eletricidade)|bez prądu|zonder stroom",
    ),
    (
        "{} Niederschlag",
        {"Millimeter", "Liter"},
        r"regen|rain|pluie|lluvia|pioggia|chuva|deszcz|opad|neerslag",
    ),
    ("Windgeschwindigkeit in {}", {"km/h", "mph"}, r"wind|vent|viento|vento|wiatr|rüzgar"),
    (
        "{} des Todes",
        {"Uhrzeit"},
        r"\bstarb|gestorben|\btod\b|died|death|décéd|\bmort\b|\bmort[oa]\b|muri[óo]|falleci|zmarł|śmier|"
        r"overleden|zemřel|умер|öldü|ölüm|spirat|hayatını kaybet|ums leben|perdu la vie|"
        r"lost (?:his|her) life",
    ),
]
_CONCEPTS = [(words, units, re.compile(pattern, re.IGNORECASE)) for words, units, pattern in _OF_CONCEPT]


def label(
    unit: str,
    german: list[tuple[Claim, Quantity]],
    fact: Fact,
    names: list[str],
    every: list[tuple[Claim, Quantity]] = (),
) -> str:
    """A German label naming what is counted: the unit's reader's word, what the German
    reports say it is of ("Todesopfer durch heftige Unwetter", "Tage im Krankenhaus"), else
    what most of all its reports say it is of in words of their language (_OF_CONCEPT:
    "trois jours de deuil" gives "Tage Staatstrauer"), the place it was counted in and the
    year of an earlier event."""
    if unit in MILESTONES:
        return unit  # the unit says which day or rank it is; no place or phrase narrows it
    text = _LABEL.get(unit, unit)
    phrases: Counter = Counter()
    for c, q in german:
        after = c.sentence[q.end : q.end + 60]
        m = _OF_WHAT.match(after) or _NOUN_AFTER.match(after)
        if m:
            phrases[m.group(1)] += 1
    if phrases:
        text = f"{text} {phrases.most_common(1)[0][0]}"
    else:
        concept = _concept(unit, every)
        text = concept.format(text) if concept else text
    names = [n for n in names if n not in text]
    if names:
        text += f" ({', '.join(names)})"
    elif fact.part:
        text += " (Teilzahl)"  # a part of a whole whose group or place no name tells
    if fact.era is not None:
        text += f", früheres Ereignis ({fact.era})" if fact.era else ", früheres Ereignis"
    return text


def _concept(unit: str, every: list[tuple[Claim, Quantity]]) -> str | None:
    """The German label of the _OF_CONCEPT that at least half of a fact's figures have the
    words of in their clause (the words between the figures before and after them)."""
    found: Counter = Counter()
    for c, q in every:
        start, end = clause(c, q)
        words = c.sentence[max(start, q.start - 80) : min(end, q.end + 80)]
        found.update({w for w, units, pattern in _CONCEPTS if unit in units and pattern.search(words)})
    top = found.most_common(1)
    return top[0][0] if top and 2 * top[0][1] >= len(every) else None


def german_place(place: str) -> str:
    """A country as a German reader names it ("Romania" -> "Rumänien"); other places as
    the reports write them."""
    from babel import Locale

    key = place_key(place)
    return Locale("de").territories.get(key[1:], place) if key.startswith("@") else place
