"""Compare: claims about the same fact across sources, and how they agree.

A fact is a count of one thing (the unit: Soldaten, Tote, Gebäude ...) in one place and
time (facts.Fact: the places its clause names beyond the story's setting, the year of
an earlier event). Figures of the same fact are grouped when their sentences share
content words or the value (single link) and their reports lie within LINK_DAYS of each
other; spans and measures of very different size are never one fact (850 years of a
cathedral, five years of its restoration). Values are compared as the intervals they
allow (Quantity.interval). Different values of different origins contradict each other
only when both describe days at most SAME_TIME_DAYS apart (the day a sentence names,
"am 3. Dezember", else the day its report appeared): a count that grows from day to day
("5 Tote" on Jan 8, "24" on Jan 12) is an update, and so is a count of people or things
that differs where a report's day is unknown, as such counts rise while a story goes on.
Syndicated copies count as one source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

from lagebild.claims import Claim
from lagebild.dates import reference_day
from lagebild.facts import (
    Fact,
    earlier,
    era,
    forecast,
    located,
    part,
    place_key,
    qualifies,
    scope,
    setting,
    story_year,
    summed_parts,
)
from lagebild.labels import figure_concept, german_place, label
from lagebild.milestones import UNITS as MILESTONES
from lagebild.numbers import (
    LOWER_BOUND,
    NEAR_TOLERANCE,
    PEOPLE_AND_THINGS,
    UPPER_BOUND,
    Quantity,
    is_unit_word,
    tells_what_happened,
)
from lagebild.origins import normalise_origin, spelling_key
from lagebild.terms import STOPWORDS, content_terms

LINK_DAYS = 14
SAME_TIME_DAYS = 2
MIN_SHARED_TERMS = 2
SKIP_UNITS = {None, "Jahr", "%"}
# How alike the spelling keys of one place in two languages are ("valencya", "valencia").
SAME_SPELLING = 0.85
# Spans and measures of one fact differ by rounding or by a day, not by a factor: above
# this ratio two of them are different facts unless their words say otherwise.
SPAN_RATIO = 2.0
# How far the magnitudes of one earthquake differ between agencies (7.7, 7.9); an
# aftershock is weaker by more.
MAGNITUDE_SPREAD = 0.3
# How far a round amount may be from a precise one it rounds ("840 Millionen", "846 million").
ROUNDED = 0.02
# Amounts one concept names that differ by no more than rounding ("846" and "840 Millionen").
ALIKE_RATIO = 1.1
# What happened to the people a story counts: each is one count per place and event.
STATES = frozenset({"Tote", "Verletzte", "Vermisste", "Evakuierte", "Eingeschlossene", "Tote und Verletzte"})
# What an event does to things, counted as it goes on: buildings destroyed, homes and
# households without power, cars swept away rise from one day to the next as tolls do.
DAMAGED = frozenset({"Gebäude", "Haushalte", "Fahrzeuge"})


@dataclass(slots=True)
class Mention:
    """One quantity of one claim."""

    claim: Claim
    quantity: Quantity
    terms: set[str]
    day: int | None
    fact: Fact | None = None
    # Given as an earlier state ("the previous toll stood at 11") or as what a count is
    # expected to reach (facts.forecast): of another time, never contradicted.
    earlier: bool = False
    forecast: bool = False


@dataclass
class ClaimGroup:
    """Claims about one fact, with their agreement."""

    id: int
    what: str
    unit: str
    status: str
    claim_ids: list[str]
    independent_sources: int
    updated: bool = False
    mentions: list[Mention] = field(default_factory=list)
    # Whether the label names what is counted (labels.label); a fact whose label says no
    # more than a unit ("Meter", "Uhrzeit") stays out of the table a reader sees.
    named: bool = True
    # The places the fact is of, in German ("Paiporta", "Rumänien"); none for the story's
    # whole count. Not in the JSON: the label says them.
    where: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The fields of spec/claims.schema.json, plus the values side by side."""
        return {
            "id": self.id,
            "what": self.what,
            "status": self.status,
            "claim_ids": self.claim_ids,
            "independent_sources": self.independent_sources,
            "updated": self.updated,
            "unit": self.unit,
            "named": self.named,
            "values": [
                {
                    "claim_id": m.claim.id,
                    "doc_id": m.claim.doc_id,
                    "source": m.claim.source,
                    "quote": m.claim.sentence,
                    "attributed_to": m.claim.attributed_to,
                    "published": m.claim.published,
                    "refers_to": reference_day(m.claim.dates, m.claim.published),
                    "earlier": m.earlier,
                    "forecast": m.forecast,
                    **m.quantity.as_dict(),
                }
                for m in self.mentions
            ],
        }


@dataclass
class Comparison:
    """All claims of a story and their groups, most independent sources first."""

    claims: list[Claim]
    groups: list[ClaimGroup]


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can both be true."""
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    return alo <= bhi * 1.001 and blo <= ahi * 1.001


def _day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def compare(claims: list[Claim], duplicate_of: dict[str, str]) -> Comparison:
    """Group the claims' quantities by fact and judge each group."""
    places, year, parts = setting(claims), story_year(claims), summed_parts(claims)
    spellings = Counter(p for c in claims for p in set(c.places))
    mentions = [
        Mention(
            c,
            q,
            set(content_terms(c.sentence)),
            # The day a milestone names is its value, not the time the report speaks of.
            _day(c.published if q.unit in MILESTONES else reference_day(c.dates, c.published)),
            Fact(
                q.unit,
                # The whole a count of the dead is a part of is the toll itself ("40 of the
                # 95 deaths"); the size of a body ("of its 300 members") is presupposed.
                q.background and q.unit not in STATES,
                scope(c, q, places),
                era(c, q, year),
                q.unit in STATES and part(c, q) or (c.id, q.start) in parts,
            ),
            earlier(c, q),
            forecast(c, q),
        )
        for c in claims
        for q in c.quantities
        if q.unit not in SKIP_UNITS and not q.vague and not qualifies(c, q)
    ]
    _ages_in_years(mentions)
    _narrowest_in_report(mentions)
    clusters = _cluster(mentions)
    groups = []
    for members in clusters:
        reports = {duplicate_of.get(m.claim.doc_id, m.claim.doc_id) for m in members}
        status, updated = _status(members, reports, duplicate_of)
        what, named, where = _what(members, places, spellings)
        groups.append(
            ClaimGroup(
                id=0,
                what=what,
                unit=members[0].quantity.unit,
                status=status,
                claim_ids=list(dict.fromkeys(m.claim.id for m in members)),
                independent_sources=len(reports),
                updated=updated,
                mentions=sorted(members, key=lambda m: (m.day or 0, m.claim.id)),
                named=named,
                where=where,
            )
        )
    groups.sort(key=_rank)
    for number, group in enumerate(groups, 1):
        group.id = number
        for m in group.mentions:
            m.claim.group_id = m.claim.group_id or number
    return Comparison(claims, groups)


def _rank(group: ClaimGroup) -> tuple:
    """Where a fact stands in the table: the more independent sources, the higher; among as
    many, a contradiction first, then what happened to people (the dead, the missing, the
    evacuated: what a report of a disaster or a war is read for), then a figure someone is
    named for, then a story's current facts before those of earlier events."""
    named = any(m.claim.attributed_to for m in group.mentions)
    fact = group.mentions[0].fact
    return (
        -group.independent_sources,
        group.status != "contradicted",
        fact.unit not in STATES,
        not named,
        fact.era is not None,
        group.what,
    )


def _cluster(mentions: list[Mention]) -> list[list[Mention]]:
    """Link mentions of the same thing counted, closest pairs first (the same number, then
    the most shared words). Two figures of one sentence are never one fact ("24 Tote:
    acht im Palisades-Feuer, 16 im Eaton-Feuer"), nor is the size of a whole the count
    of its part ("190 der 300 Abgeordneten"): groups that would join them stay apart.
    A figure of a breakdown (a sentence with several counts of one thing) links by its
    number only: the words it shares with other reports belong to all its parts."""
    parts = Counter((id(m.claim), m.quantity.unit) for m in mentions)
    definite = [
        bool(_DEFINITE.search(m.claim.sentence, max(0, m.quantity.start - 6), m.quantity.start))
        for m in mentions
    ]
    words_link = [parts[(id(m.claim), m.quantity.unit)] == 1 for m in mentions]
    # What a measure or an amount is of, said in any language ("Spenden", "Entfernung"):
    # two figures of one unit and one such concept that differ by rounding are one fact
    # ("€846 million", "840 Millionen Euro"); a story has many distances, areas and sums,
    # and one sentence may date two events ("announced his death at 7:35"): not times.
    concepts = [_told_as(m) for m in mentions]
    # The words of the unit itself ("ans", "anni", "Tote") are shared by every figure of
    # that unit: they say nothing about which fact it is.
    terms = [{t for t in m.terms if not is_unit_word(t)} for m in mentions]
    edges = []
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            b = mentions[j]
            if a.fact != b.fact:
                continue
            if a.day is not None and b.day is not None and abs(a.day - b.day) > LINK_DAYS:
                continue
            shared = len(terms[i] & terms[j])
            same = _same_number(a, b)
            # The story's count of the dead (missing, evacuated ...), or a place's, of no
            # earlier event and no part, is one fact in every language, whatever its words.
            f = a.fact
            toll = f.unit in STATES and f.era is None and not f.background and not f.part
            # "the five deaths" points back at a count given before, which may be of a part
            toll = toll and not (definite[i] or definite[j])
            # Two times of day in one story are mostly two events (the death, its
            # announcement): only the same time links them.
            by_words = a.quantity.unit != "Uhrzeit" and words_link[i] and words_link[j]
            by_words = by_words and _comparable_size(a.quantity, b.quantity)
            alike = concepts[i] is not None and concepts[i] == concepts[j] and _close(a.quantity, b.quantity)
            if same or (toll or shared >= MIN_SHARED_TERMS) and by_words or alike:
                edges.append((not same, -shared, i, j))
    edges.sort()
    parent = list(range(len(mentions)))
    sentences = [{(m.claim.doc_id, m.claim.sentence_index)} for m in mentions]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, _, i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj and not sentences[ri] & sentences[rj]:
            parent[ri] = rj
            sentences[rj] |= sentences[ri]
    out: dict[int, list[Mention]] = {}
    for i, m in enumerate(mentions):
        out.setdefault(find(i), []).append(m)
    return list(out.values())


def _ages_in_years(mentions: list[Mention]) -> None:
    """A number of years that another report gives as an age is that age ("860 years of
    history" beside "the 860-year-old cathedral"): one fact, not a span beside an age."""
    ages = {m.quantity.value for m in mentions if m.fact.unit == "Alter"}
    for m in mentions:
        if m.fact.unit == "Jahre" and m.quantity.value in ages:
            m.fact = replace(m.fact, unit="Alter")


def _narrowest_in_report(mentions: list[Mention]) -> None:
    """A report or an origin that gives a count once with where or of what it is ("W samej
    Walencji 216 ofiar", "36 victims out of the current total of 70") and once bare (a
    headline, a caption, "z 216 ofiar") repeats one figure: the bare mentions take the
    narrower fact."""
    by_figure: dict[tuple, list[Mention]] = {}
    for m in mentions:
        # One origin's figure in several reports is one figure too ("bis zu 225 km/h, wie
        # das Hurrikan-Zentrum mitteilte", once with the region of landfall).
        key = (m.claim.attributed_to or m.claim.doc_id, m.fact.unit, m.quantity.value, m.quantity.value_max)
        by_figure.setdefault(key, []).append(m)
    for same in by_figure.values():
        narrow = {m.fact for m in same if m.fact.scope or m.fact.part}
        if len(narrow) != 1:
            continue
        fact = next(iter(narrow))
        for m in same:
            if not (m.fact.scope or m.fact.part or m.fact.background) and m.fact.era is None:
                m.fact = fact


# An article right before a count ("the five deaths", "les 95 morts", "die 24 Toten").
_DEFINITE = re.compile(r"\b(?i:the|die|den|der|les|los|las|il|gli|os|as|het)\s+$")


def _comparable_size(a: Quantity, b: Quantity) -> bool:
    """Whether two figures may be one fact by their size: counts of people and things grow
    while a story goes on; spans and measures of one fact stay within SPAN_RATIO, ages
    within a year."""
    if a.unit in PEOPLE_AND_THINGS:
        return True
    lo, hi = sorted((a.value, b.value))
    if a.unit == "Alter":
        return hi - lo <= 1  # one person's age differs by a birthday at most: 69 and 88 are two people
    if a.unit == "Magnitude":
        return hi - lo <= MAGNITUDE_SPREAD  # agencies differ a little; 7.7 and 6.4 are two quakes
    return lo > 0 and hi / lo <= SPAN_RATIO


def _rounded(a: Quantity, b: Quantity) -> bool:
    """Whether one amount is the other rounded: a round figure ("840 Millionen", "1,5
    Mrd.") within ROUNDED of a more precise one. Only amounts and measures: a count of
    people or things is given to the unit, and two counts that differ are two states."""
    if a.unit in PEOPLE_AND_THINGS or a.value_max is not None or b.value_max is not None:
        return False
    lo, hi = sorted((a.value, b.value))
    return any(_round(q) for q in (a, b)) and lo > 0 and (hi - lo) / hi <= ROUNDED


def _round(q: Quantity) -> bool:
    """Whether a figure is written round: its digits end in a zero ("840 Millionen",
    "2,000"; not "846 million", "1,5 Mrd.")."""
    digits = re.sub(r"\D", "", q.raw)
    return bool(digits) and digits.endswith("0")


def _told_as(m: Mention) -> str | None:
    """The concept a figure is told as (labels.figure_concept); an earthquake's magnitude
    is one of its own."""
    if m.quantity.unit == "Magnitude":
        return "Magnitude"
    return figure_concept(m.quantity.unit, m.claim, m.quantity)


def _close(a: Quantity, b: Quantity) -> bool:
    """Whether two amounts differ by rounding at most (ALIKE_RATIO); times never: each
    names its minute."""
    if a.unit == "Uhrzeit":
        return False
    lo, hi = sorted((a.value, b.value))
    return lo > 0 and hi / lo <= ALIKE_RATIO


def _same_number(a: Mention, b: Mention) -> bool:
    # The same count of the same thing in two languages shares no words but the number.
    return a.quantity.value == b.quantity.value and a.quantity.value_max == b.quantity.value_max


def _status(members: list[Mention], reports: set[str], duplicate_of: dict[str, str]) -> tuple[str, bool]:
    """The group's status, and whether its value changed over time. Corroborated needs two
    reports that confirm each other, not merely figures that could both hold ("mindestens
    30" and "mehr als 3.000" are no confirmation). Contradicted needs two origins (who is
    quoted, else the publisher) that give values that cannot both hold at one time."""
    contradicted = updated = confirmed = False
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            same_report = duplicate_of.get(a.claim.doc_id, a.claim.doc_id) == duplicate_of.get(
                b.claim.doc_id, b.claim.doc_id
            )
            if agree(a.quantity, b.quantity):
                confirmed = confirmed or not same_report and _confirm(a.quantity, b.quantity)
                continue
            if _rounded(a.quantity, b.quantity):
                continue  # "840 Millionen" beside "846 million": rounded, neither says otherwise
            # Counts of what happened to people (the dead, the missing, the evacuated) and to
            # things (DAMAGED) change from one day to the next: only one day's counts are at
            # the same time. Where a
            # day is unknown, no time of a count can be shown to be the same. Other counts,
            # spans, ages and times stay: reports a day or two apart describe the same time.
            dated = a.day is not None and b.day is not None
            same_time = 0 if a.fact.unit in STATES | DAMAGED else SAME_TIME_DAYS
            apart = abs(a.day - b.day) > same_time if dated else a.fact.unit in PEOPLE_AND_THINGS
            if apart or a.earlier or b.earlier or a.forecast or b.forecast:
                updated = True
            elif _origin(a) == _origin(b):
                updated = True  # one origin gave two figures: it corrected itself
            elif not same_report:
                contradicted = True
    if contradicted:
        return "contradicted", updated
    return ("corroborated" if confirmed else "single_source"), updated


def _origin(m: Mention) -> str:
    return m.claim.attributed_to or m.claim.source


def _confirm(a: Quantity, b: Quantity) -> bool:
    """Whether two agreeing figures state the same: a bound ("mindestens 100") confirms
    only a figure with nearly the same anchor; pinned figures confirm when they overlap."""
    bounds = LOWER_BOUND | UPPER_BOUND
    if (a.approx or "").lower() in bounds or (b.approx or "").lower() in bounds:
        return abs(a.value - b.value) <= NEAR_TOLERANCE * max(a.value, b.value)
    return True


_NAME = re.compile(r"\b[A-ZÄÖÜ][\w-]{2,}(?:\s+[A-ZÄÖÜ][\w-]{2,})?")


def _what(members: list[Mention], setting: frozenset[str], spellings: Counter) -> tuple[str, bool, list[str]]:
    """The German label of the fact (labels.label: what is counted, of what, where),
    whether it names what is counted, and the places it is of (those of its names a
    gazetteer knows as places). The place is the one the fact's scope names, in the
    spelling most of the story's sentences give it ("Walencja" is "Valencia"), else the
    name most often found right after the numbers ("Soldaten (Kursk)")."""
    fact = members[0].fact
    names = []
    if fact.scope:
        counts = Counter(
            p
            for m in members
            for p in (*m.claim.places, *m.claim.entities)
            if place_key(p) in fact.scope or "allein " + place_key(p) in fact.scope
        )
        # One name for each place of the scope ("in Polen und Tschechien"), the one most
        # figures give it.
        by_place: dict[str, str] = {}
        for p, _ in counts.most_common():
            by_place.setdefault(place_key(p).removeprefix("allein "), p)
        names = [german_place(_usual_spelling(p, spellings)) for p in by_place.values()]
    if not names:
        name = _name_after(members)
        names = [name] if name else []
    german = [(m.claim, m.quantity) for m in members if m.claim.language == "de"]
    every = [(m.claim, m.quantity) for m in members]
    text, named, shown = label(fact.unit, german, fact, names, every, setting)
    # Only places: a named part ("Palisades Fire") is no "in" of a German sentence.
    where = [n for n in shown if n in spellings or place_key(n).startswith("@")]
    return text, named, where


def _usual_spelling(place: str, spellings: Counter) -> str:
    """The spelling of a place most of a story's sentences give, among those that are one
    name transliterated or written in another language (their origins.spelling_key differ
    by a letter or two: "Walencja", "Valencia")."""
    key = spelling_key(place)
    same = [p for p in spellings if SequenceMatcher(None, spelling_key(p), key).ratio() >= SAME_SPELLING]
    return max(same, key=lambda p: (spellings[p], p == place), default=place)


def _name_after(members: list[Mention]) -> str | None:
    """The name most often found right after the numbers, if a quarter of them have it."""
    origins = {m.claim.attributed_to for m in members if m.claim.attributed_to}
    words: Counter = Counter()
    # The label is German: names from German sentences when there are any.
    german = [m for m in members if m.claim.language == "de"]
    for m in german or members:
        # Within the figure's clause: a name after a comma is another clause's ("56 square
        # miles, surpassing the size of San Francisco").
        after = re.split(r"[,;:(]", m.claim.sentence[m.quantity.end :][:70].rsplit(" ", 1)[0])[0]
        # Only a name says where or whose: a German noun after the figure is as likely
        # part of what happened ("in Sicherheit bringen", "ihr Leben verloren").
        named = set(m.claim.places)  # a body or a person after a count is mostly who gave it
        for found in _NAME.finditer(after):
            w, parts = found.group(), found.group().split()
            if not located(after[: found.start()]):
                continue  # "3.2 million homes ... and caused the Tropicana Field roof": no where
            named_origin = w in origins or normalise_origin(w) in origins
            if not any(w in n or n in w for n in named) or tells_what_happened(w):
                continue
            if parts[0].lower() not in STOPWORDS and not named_origin and not any(map(is_unit_word, parts)):
                words[w] += 1
                break
    top = words.most_common(1)
    return top[0][0] if top and top[0][1] >= max(1, len(members) // 4) else None
