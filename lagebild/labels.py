"""The German label of a fact, as a reader names what is counted: the unit's word, what
the reports say it is of (in German where a German report says it, else from the words of
the reports' languages for the recurring measures of disaster, death, office, money and
the events a time of day dates), where it was counted or whose it is, and the year of an
earlier event. A label that says no more than a measure's unit ("Meter", "Uhrzeit",
"EUR") names nothing a reader can compare: such facts stay out of the table."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from lagebild.claims import Claim
from lagebild.facts import Fact, clause, place_key
from lagebild.lexicon import is_rare, unknown_names
from lagebild.milestones import UNITS as MILESTONES
from lagebild.numbers import PEOPLE_AND_THINGS, Quantity, is_unit_word
from lagebild.origins import is_origin, normalise_origin

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
    "Magnitude": "Erdbebenstärke",
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
# A count of people in a state or of things names what is counted, and so does an
# earthquake's magnitude; "Personen", "Kinder" and "Länder" alone (which, what of them?)
# and every other measure, span, age, time and amount of money do not.
SELF_NAMING = PEOPLE_AND_THINGS - {"Menschen", "Kinder", "Länder"} | {"Magnitude"}
_MONEY = {"EUR", "USD", "GBP", "BRL", "PLN"}
# Millimetres are mostly of rain ("{} Niederschlag"), seldom a distance.
_LENGTHS = {"Kilometer", "Meter", "Meilen", "Zentimeter"}
_AREAS = {"Quadratkilometer", "Quadratmeilen", "Hektar", "Acres"}
# The recurring amounts of money in news (what something costs, what was given, what was
# lost), members voting for or against (not a body's size), the recurring events a time
# of day dates (a death, an announcement, the start of a fire, an attack, a storm's
# landfall, a vote, an opening, an outage), where a length measures from or how deep, long
# or high something is, and what an area is of.
_OF_CONCEPT += [
    ("Kosten in {}", _MONEY, r"\bkost|\bcost|coût|\bcout|\bcoste|\bcosto|\bcusto|koszt|náklad|стоим|maliyet"),
    (
        "Spenden in {}",
        _MONEY,
        r"spende|donat|\bdons?\b|donaci|donazion|doaç|darowizn|\bdatk|\bgiften|\bdar[yů]",
    ),
    (
        "Schäden in {}",
        _MONEY,
        r"schad|schäd|damage|dégâts|dommages|daños|\bdanni|\bdanos|szkod|škod|ущерб|hasar",
    ),
    (
        "Hilfen in {}",
        _MONEY,
        r"hilfe|\baid\b|\baide\b|ayuda|\baiuti|\bajuda|pomoc|\bsteun|\bhulp|помощ|yardım",
    ),
    (
        "{} dafür",
        {"Abgeordnete"},
        r"stimmt\w* für|für den (?:\w+)?antrag|voted (?:for|in favou?r)|in favou?r|a favor|ont voté pour|"
        r"votato a favore|głosował\w* za|stemden voor|hlasoval\w* pro",
    ),
    ("{} dagegen", {"Abgeordnete"}, r"stimmt\w* gegen|voted against|en contra|contre|contro|przeciw|tegen"),
    (
        "{} der Bekanntgabe",
        {"Uhrzeit"},
        r"(?<!un)bekannt|verkündet|announc|annonc|anunci|annunci|ogłos|aangekondigd|oznámil|объяв|duyur",
    ),
    (
        "{} des Beginns",
        {"Uhrzeit"},
        r"ausgebrochen|\bausbruch|\bbegann|\bbegan\b|broke out|\bstarted|erupted|a pris|a éclaté|"
        r"comenz|empez|\binici[óo]|scoppiat|iniziat|começ|wybuch|rozpocz|\bbegon\b|uitgebroken",
    ),
    (
        "{} des Angriffs",
        {"Uhrzeit"},
        r"angriff|anschlag|attack|attent|ataque|attacco|\batak|aanval|tatzeit|útok|saldır",
    ),
    (
        "{} des Landfalls",
        {"Uhrzeit"},
        r"auf land|landfall|touché terre|tocó tierra|toccato terra|atingiu terra",
    ),
    ("{} der Abstimmung", {"Uhrzeit"}, r"abstimm|\bvot[eéoó]|votazione|votação|głosow|\bstemd|stemming"),
    (
        "{} der Öffnung",
        {"Uhrzeit"},
        r"geöffnet|öffne|opened|reopen|ouvert|\babri(?!l)|abiert|apert|otwar|geopend",
    ),
    (
        "{} des Stromausfalls",
        {"Uhrzeit"},
        r"stromausfall|blackout|apag[óã]|\bpanne|coupure|falha|awari|stroomstoring|výpadek",
    ),
    (
        "Entfernung in {}",
        _LENGTHS,
        r"entfernt|südlich|nördlich|westlich|östlich|\baway\b|\b(?:south|north|east|west)\w*\s+of\b|"
        r"\bau (?:sud|nord)|à l['’](?:est|ouest)|al (?:sur|norte|este|oeste)|a (?:sul|norte)|uzak|odległ|"
        r"\bna (?:południe|północ)|ten (?:zuiden|noorden|oosten|westen)|"
        # "a 10 kilómetros de Valencia", "à 30 km de", "10 miles from"
        r"\b(?:km|kilom\w+|kilóm\w+|chilometri|quil[óô]metros|miles|meilen|mijl)\s+(?:de|da|di|from|von|od|van)\b",
    ),
    ("Verbrannte Fläche in {}", _AREAS, r"\bburn|brannt|brûl|quem|bruciat|spłon|verbrand|scorch|consum"),
    (
        "Überflutete Fläche in {}",
        _AREAS,
        r"flood|überflut|überschwemm|inond|inund|allag|zalan|overstroom|alag",
    ),
    ("Tiefe in {}", _LENGTHS, r"\btief|depth|\bdeep|profond|profundi|głęb|diepte|derinli|глубин"),
    (
        "Länge in {}",
        _LENGTHS,
        r"\blänge|\blang\b|\blong\b|length|longueur|\blargo|longitud|lungo|lunghezz|"
        r"comprimento|długo|lengte",
    ),
    (
        "Höhe in {}",
        _LENGTHS,
        r"\bhoch|\bhöhe|\btall\b|\bhigh\b|height|hauteur|\balt[oa]\b|altura|altezz|wysok|"
        r"\bhoog",
    ),
]
_CONCEPTS = [(words, units, re.compile(pattern, re.IGNORECASE)) for words, units, pattern in _OF_CONCEPT]
_CONCEPT_UNITS = frozenset().union(*(units for _, units, _ in _OF_CONCEPT))


def label(
    unit: str,
    german: list[tuple[Claim, Quantity]],
    fact: Fact,
    names: list[str],
    every: list[tuple[Claim, Quantity]] = (),
    setting: frozenset[str] = frozenset(),
) -> tuple[str, bool, list[str]]:
    """A German label naming what is counted, whether it does, and the names it gives
    (where or whose): the unit's reader's word, what the German reports say it is of
    ("Todesopfer durch heftige Unwetter", "Tage im Krankenhaus"), else what most of all its
    reports say it is of in words of their language (_OF_CONCEPT: "trois jours de deuil"
    gives "Tage Staatstrauer"), the place it was counted in and the year of an earlier
    event. A part of a count, or an age, takes the name its figures stand nearest to
    (near_name: "36 victims" in "the town of Paiporta", "aged 69" beside "Cardinal
    Prevost"); a span, time or amount is named by its words only, as the names around it
    are seldom whose it is ("24 hours ... above the Sistine Chapel"). A label names what
    is counted when it says more than a measure's unit or an unplaced part."""
    if unit in MILESTONES:
        return unit, True, []  # the unit says which day or rank it is; no place or phrase narrows it
    text = _LABEL.get(unit, unit)
    phrases: Counter = Counter()
    for c, q in german:
        after = c.sentence[q.end : q.end + 60]
        m = _OF_WHAT.match(after) or _NOUN_AFTER.match(after)
        if m:
            phrases[m.group(1)] += 1
    of = concept = None
    if phrases:
        of = phrases.most_common(1)[0][0]
        text = f"{text} {of}"
    else:
        of = concept = _concept(unit, every)
        if of:
            # "Entfernung in Kilometern": a unit after "in" takes the dative plural
            word = text + "n" if "in {}" in of and text.endswith("er") else text
            text = of.format(word)
    names = [n for n in names if n not in text]
    if not names and not of and (fact.part and unit in SELF_NAMING or unit == "Alter"):
        near = near_name(every, setting, unit == "Alter")
        names = [near] if near and near not in text else []
    if fact.background and not of:
        text += " insgesamt"  # the size of a body or whole ("des 300-köpfigen Parlaments")
    if names:
        text += f" ({', '.join(names)})"
    elif fact.part:
        text += " (Teilzahl)"  # a part of a whole whose group or place no name tells
    if fact.era is not None:
        text += f", früheres Ereignis ({fact.era})" if fact.era else ", früheres Ereignis"
    # Counted people of whom the reports say no state ("Personen in den Waldbränden") are
    # named only by a concept that says one ("Personen ohne Strom").
    named = (
        (bool(concept) if unit == "Menschen" else bool(of or names)) or unit in SELF_NAMING and not fact.part
    )
    return text, named, names


# How far from an age the person it is of is named: in apposition ("Cardinal Prevost, aged
# 69") or as the subject of a short clause ("Papst Franziskus ist ... im Alter von 88").
_AGE_REACH = 40


def near_name(
    every: list[tuple[Claim, Quantity]], setting: frozenset[str], person: bool = False
) -> str | None:
    """The name most of a fact's figures stand nearest to in their clause (facts.clause),
    a name of a person, body or place other than the origin and the story's setting: which
    town's part of a toll, which party's members; with ``person``, the person named within
    _AGE_REACH of the figure (whose age it is). The figures of German reports vote when
    there are any, the label being German; half of them must agree. Of figures given in a
    row ("18 of one party and 172 of the others"), a name between them is the first's."""
    german = [(c, q) for c, q in every if c.language == "de"]
    votes: Counter = Counter()
    pool = german or every
    for c, q in pool:
        start, end = clause(c, q)
        if any(o.unit == q.unit and o.end <= q.start for o in c.quantities if o is not q):
            start = q.end  # the words before belong to the figure before
        origin = c.attributed_to or ""
        best = None
        # The names a gazetteer types, and words their language does not know ("Marenza"),
        # which no compound of known words is ("Pflegeheim").
        typed = (
            [*c.people]
            if person
            else [*c.people, *c.organisations, *c.places, *unknown_names(c.sentence, c.language)]
        )
        for name in dict.fromkeys(typed):
            at = c.sentence.find(name, start, end)
            if at < 0 or not _names_someone(name, c.language, origin, setting):
                continue
            distance = q.start - at - len(name) if at < q.start else at - q.end
            if person and distance > _AGE_REACH:
                continue
            if best is None or distance < best[0]:
                best = (distance, name)
        if best:
            votes[best[1]] += 1
    top = votes.most_common(1)
    return top[0][0] if top and 2 * top[0][1] >= len(pool) else None


def _names_someone(name: str, language: str | None, origin: str, setting: frozenset[str]) -> bool:
    """Whether a name of a clause can say whose or where a figure is: not the origin (who
    gave it), not the story's setting (every figure is of it), not a month, pronoun or unit
    word, and a name indeed: a word its language barely knows, or, where only names are
    capitalised (not German), a run of capitalised words ("People Power Party")."""
    if name == origin or normalise_origin(name) == origin or not is_origin(name):
        return False
    words = name.split()
    if all(is_unit_word(w) for w in words):
        return False  # "Menschen", "Soldaten"; a name may hold one ("People Power Party")
    if {place_key(name), *(place_key(w) for w in words if len(w) > 3)} & setting:
        return False
    if language != "de" and len(words) > 1:
        return True
    return any(is_rare(w, language) for w in words) if language == "de" else is_rare(name, language)


def _concept(unit: str, every: list[tuple[Claim, Quantity]]) -> str | None:
    """The German label of the _OF_CONCEPT whose words most of a fact's reports have
    nearest a figure (figure_concept), if a third of them do: a fact is told in many ways
    ("returned to the house of the Father" says a death without its word), and one report
    that names it is one voice. Of concepts as often found, the one listed first."""
    found: dict[str, set[str]] = {}
    for c, q in every:
        w = figure_concept(unit, c, q)
        if w:
            found.setdefault(w, set()).add(c.doc_id)
    if not found:
        return None
    order = [w for w, _, _ in _CONCEPTS]
    top = min(found, key=lambda w: (-len(found[w]), order.index(w)))
    return top if 3 * len(found[top]) >= len({c.doc_id for c, _ in every}) else None


def figure_concept(unit: str, c: Claim, q: Quantity) -> str | None:
    """The _OF_CONCEPT whose words stand nearest a figure in its clause (the words between
    the figures before and after it): "17 km from the city, at a depth of 10 km" gives a
    distance and a depth. None for the size of a body or a whole, which did nothing ("der
    derzeit 574 Abgeordneten"), and for a unit no concept is of."""
    if q.background or unit not in _CONCEPT_UNITS:
        return None
    # The clause runs over the whole a part is of ("331 der derzeit 574 Abgeordneten
    # hatten ... für den Antrag gestimmt").
    wholes = [o for o in c.quantities if o.background and o.start >= q.end]
    through = replace(q, end=max([q.end, *(o.end for o in wholes)]))
    start, end = clause(c, through)
    # Within the clause, the words near: what a figure is of follows it further than it
    # precedes it ("331 der derzeit 574 Abgeordneten hatten zuvor in der ...").
    start, end = max(start, q.start - 80), min(end, through.end + 100)
    near = []
    for order, (w, units, pattern) in enumerate(_CONCEPTS):
        if unit in units:
            spots = [m.start() for m in pattern.finditer(c.sentence, start, end)]
            if spots:
                near.append((min(abs(at - q.start) for at in spots), order, w))
    return min(near)[2] if near else None


def german_place(place: str) -> str:
    """A country as a German reader names it ("Romania" -> "Rumänien"); other places as
    the reports write them."""
    from babel import Locale

    key = place_key(place)
    return Locale("de").territories.get(key[1:], place) if key.startswith("@") else place
