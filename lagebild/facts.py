"""What fact a figure states, beyond its unit: where it was counted, whether it is of an
earlier event, a part of a whole or of a later time, and whether it only qualifies another
figure (its German label is labels.py's).

A fact is what is counted (the unit, with its state: Tote, Vermisste, Evakuierte ...), of
what and where. Two figures are compared only when their facts match. The parts read
here hold in any language, as they rest on the sentence's figures, places and years,
not on its words:
- the scope of a count: a place named with it that is not the story's setting (the
  places most of the story's reports name), "in Paiporta" beside the region's toll;
- the era of a count: a year before the story's own in the figure's clause, "les 300
  décès des inondations de 1973", unless the year is what the figure is measured
  against ("the deadliest since 1973");
- a qualifier: a span of time that says over what time another figure was measured
  ("491 litres in eight hours", "In den letzten 48 Stunden ... 40 Tote") is part of that
  figure, no fact of its own;
- a part: a count of a subset of a whole its sentence or its story gives ("40 of the 95",
  counts that add up to another count of the story).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from lagebild.claims import Claim
from lagebild.entities import countries_of, country_names
from lagebild.milestones import UNITS as MILESTONES
from lagebild.numbers import LOWER_BOUND, PEOPLE_AND_THINGS, UPPER_BOUND, Quantity, is_part_of
from lagebild.terms import STOPWORDS

# Places most of a story's reports name are its setting; a place fewer name narrows a count.
SETTING_SHARE = 0.4
# Spellings of one place across languages share their opening ("Valencia", "Valence",
# "Valenciana"; "Paiporta"); inflected forms too ("Walencja", "Walencji").
_PLACE_KEY = 5
_SPANS = frozenset({"Stunden", "Minuten", "Tage", "Wochen", "Monate", "Jahre"})
_UNSCOPED = _SPANS | MILESTONES | {"Alter", "Uhrzeit", "Geburtsjahr", "Jahr", "%", None}
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A year a figure is measured against, not the year it is of: "since 1973", "seit 1973".
_SINCE = re.compile(
    r"(?:since|seit|depuis|desde|dal|dalla|dai|od|sinds|sedert|od roku|from)\s+(?:(?:the|de|del|l['’])\s*)?$",
    re.IGNORECASE,
)
# "in eight hours", "en seulement huit heures", "in den letzten 48 Stunden", "w ciągu 8 godzin".
_OVER_SPAN = re.compile(
    r"(?:\b(?:in|en|em|w|within|binnen|innerhalb|während|during|durante|pendant|over|nel|nelle|"
    r"entro|ciągu|na|in the last|in den letzten|en las últimas|dans les dernières|negli ultimi|"
    r"nas últimas|w ciągu ostatnich|in de afgelopen|seulement|solo|apenas|appena|only|just|"
    r"lediglich|nur|zaledwie|slechts)\s+)(?:(?:the|den|der|die|las|les|los|gli|le|i|de|het|"
    r"letzten|last|últimas|dernières|ultimi|ultime|ostatnich|afgelopen)\s+)?$",
    re.IGNORECASE,
)


def place_key(place: str) -> str:
    """The opening letters a place's spellings share; a country's code where the place is
    a country's name of several words, or those letters open its one-word name, in one of
    the languages the claims read and no other country's ("Tschechien", "Czech Republic",
    "Tchéquie" and "Czechy" are one place)."""
    whole = re.sub(r"['’]s$", "", _folded(place))  # "South Korea's"
    key = whole[:_PLACE_KEY]
    return _countries().get(whole) or _countries().get(key, key)


def _folded(name: str) -> str:
    """A name in lower case without accents: "Los Ángeles" is "Los Angeles" written in Spanish."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names (entities.country_names) and the opening letters of those of one word
    to their codes, less the openings two countries share ("Austria", "Australia")."""
    codes: dict[str, set[str]] = {}
    for code, name in country_names():
        if len(name) >= _PLACE_KEY:
            # A name of several words is that name whole: the opening letters of "São
            # Pedro e Miquelão" or "Costa Rica" open a square's or a coast's name too.
            codes.setdefault(_folded(name), set()).add(code)
            if " " not in name:
                codes.setdefault(_folded(name)[:_PLACE_KEY], set()).add(code)
    return {key: "@" + next(iter(c)) for key, c in codes.items() if len(c) == 1}


def setting(claims: list[Claim]) -> frozenset[str]:
    """The places (as place_key, and that of each of their words) that at least
    SETTING_SHARE of the story's reports name. A report that names a city names its
    country too: a count "en Espagne" is of a story set in Valencia, not narrower. A city
    name of several countries is of the one the story names ("Valencia" and "Spanien")."""
    named = {k[1:] for c in claims for p in c.places if (k := place_key(p)).startswith("@")}
    by_doc: dict[str, set[str]] = {}
    for c in claims:
        keys = by_doc.setdefault(c.doc_id, set())
        for p in c.places:
            keys.add(place_key(p))
            keys.update(place_key(w) for w in p.split() if len(w) > 3)
            codes = countries_of(p)
            codes = codes if len(codes) == 1 else codes & named
            if len(codes) == 1:
                keys.add("@" + next(iter(codes)))
    counts = Counter(k for keys in by_doc.values() for k in keys)
    need = SETTING_SHARE * len(by_doc)
    return frozenset(k for k, n in counts.items() if n >= need)


def story_year(claims: list[Claim]) -> int | None:
    """The year of the story: the latest year its reports appeared in, if any is dated."""
    years = [int(c.published[:4]) for c in claims if c.published and c.published[:4].isdigit()]
    return max(years) if years else None


def clause(claim: Claim, q: Quantity) -> tuple[int, int]:
    """Where the words about a figure lie: from the figure before it to the one after it
    (years excepted, they say when, not how many), within the sentence."""
    others = [o for o in claim.quantities if o is not q and o.unit not in ("Jahr",)]
    start = max((o.end for o in others if o.end <= q.start), default=0)
    end = min((o.start for o in others if o.start >= q.end), default=len(claim.sentence))
    return start, end


# A place a count was made in follows a locative preposition; an article or adjectives
# ("w samej Walencji", "in an unnamed Paiporta nursing home") may stand between them.
_LOCATIVE = re.compile(
    r"\b(?i:in|im|en|à|au|aux|w|we|nel|nella|nei|na|no|em|op|at|dans|bei|beim|near|from|durch|dem|auf|"
    # places given as examples of where: "localidades como Paiporta"
    r"como|such as|comme|come|zoals|jak)\s+(?:[a-zà-ÿąćęłńśźż'’-]+\s+){0,2}$"
    # "to" with its article only ("16 to the Eaton Fire"): "to save Notre Dame" is a purpose
    r"|\b(?i:to)\s+(?:the\s+)?$"
)


def located(before: str) -> bool:
    """Whether the words before a name put it as where something is or was counted ("in",
    "en", "w", "bei", "such as"): a name after other words is only mentioned."""
    return bool(_LOCATIVE.search(before[-30:]))


# "W samej Walencji", "in Valencia alone", "allein in Valencia": the setting narrowed to one
# of its places.
_ALONE = re.compile(
    r"\b(?i:samej|samym|seule|seul|sola|solo|alleen|allein|alone|only|nur|uniquement|solamente|únicamente|"
    r"soltanto|tylko)\b"
)
# A place a relative clause of place opens on ("localidades como Paiporta, ..., donde se han
# reportado más de 40 muertes").
_WHERE = re.compile(r"\b(?:donde|où|dove|where|wo|gdzie|waar|onde)\b", re.IGNORECASE)


def scope(claim: Claim, q: Quantity, story_setting: frozenset[str]) -> frozenset[str]:
    """The places and named parts of the story, other than its setting, that a count of
    people or things was made in: named after a preposition of place or cause in its
    clause, or before it in its sentence when the sentence counts it once ("95 Tote, mehr
    als 40 in Paiporta", "16 deaths in the Eaton Fire"). A named part is a name
    of two words or a compound ("Eaton Fire", "Eaton-Feuer") that names no person, body or
    the setting. Where the counted come from is no scope ("Soldaten aus Nordkorea"); areas
    and amounts have one ("23,700 acres in the Palisades Fire, 14,117 in the Eaton Fire"),
    spans, ages and times none (a time of death "in Rome" is the same fact)."""
    if q.unit in _UNSCOPED:
        return frozenset()
    bracketed = _bracketed_after(claim.sentence, q.start)
    if bracketed and not {place_key(bracketed), *(place_key(w) for w in bracketed.split())} & story_setting:
        return frozenset({place_key(bracketed)})  # "la tempête Boris (23 morts)": Boris's toll
    alone = sum(o.unit == q.unit for o in claim.quantities) == 1
    start, end = clause(claim, q)
    own = start  # the figure's own clause opens here
    if alone:
        # The sentence's names before the figure count as well ("localidades como Paiporta,
        # a 10 kilómetros de Valencia, donde ... más de 40 muertes"); a name after the next
        # figure belongs to that one ("25 Tote, davon 16 beim Nordhang-Feuer").
        start = 0
    spots = []  # (where the name is, its length, its key)
    for p in _named_parts(claim, story_setting):
        at = claim.sentence.find(p, start, end)
        if at < 0:
            continue
        before = claim.sentence[max(0, at - 45) : at]
        if _MAINLY.search(before) or claim.sentence.count("(", 0, at) > claim.sentence.count(")", 0, at):
            continue  # "mainly in the south-east" does not narrow the count; a bracket explains
        if _ACRONYM_AFTER.match(claim.sentence, at + len(p)):
            continue  # the end of a term its acronym spells ("Depresión Aislada en Niveles Altos (DANA)")
        where = at < q.start and _WHERE.search(claim.sentence, at, q.start)
        # An area or amount of a named part that is its clause's subject ("..., while the
        # Eaton Fire has consumed 14,117 acres"); a toll's subject is no such part.
        subject = own <= at < q.start and q.unit not in PEOPLE_AND_THINGS and own > 0
        if _LOCATIVE.search(before[-30:]) or where or subject:
            spots.append((at, len(p), place_key(p)))
    found = _nearest_places(claim.sentence, q, own, spots)
    for p in dict.fromkeys([*claim.places, *claim.entities]):
        # Any name so narrowed is a place ("W samej Walencji", an inflection no list holds).
        at = claim.sentence.find(p, start, end)
        around = claim.sentence[max(0, at - 20) : at + len(p) + 8]
        narrowed = at >= 0 and _ALONE.search(around)
        located = _LOCATIVE.search(claim.sentence[max(0, at - 30) : at]) and not _MAINLY.search(
            claim.sentence[:at]
        )
        if narrowed and located:
            found.add("allein " + place_key(p))
    return frozenset(found)


def _nearest_places(sentence: str, q: Quantity, own: int, spots: list[tuple[int, int, str]]) -> set[str]:
    """Of the places a count may be of, those of its own clause after it ("16 in the Eaton
    Fire and another nine in the Palisades Fire": the place before a count in a row is the
    one before's), else before it in its clause, else before its clause; of these the one
    nearest the figure with those joined to it by "and" or a comma ("in Polen und
    Tschechien"), as a sentence of several places gives each its count ("In Polen gab es
    einen Toten, während in Tschechien vier vermisst werden")."""
    after = [s for s in spots if s[0] >= q.end]
    within = [s for s in spots if own <= s[0] < q.start]
    group = sorted(after or within or spots, key=lambda s: s[0])
    if not group:
        return set()
    nearest = group[0] if after else group[-1]
    run = [nearest]
    for step in (1, -1):  # grow the run to either side over "and" and commas
        i = group.index(nearest) + step
        while 0 <= i < len(group):
            a, b = sorted((group[i], run[-1] if step == 1 else run[0]), key=lambda s: s[0])
            if not _JOINED.fullmatch(sentence[a[0] + a[1] : b[0]]):
                break
            run.insert(len(run) if step == 1 else 0, group[i])
            i += step
    return {s[2] for s in run}


# What stands between two places given together: "und", "and", "et", "y", "e", "i", "en",
# "oraz", "a", commas, and a preposition repeated ("in Polen und in Tschechien").
_JOINED = re.compile(
    r"\s*,?\s*(?:(?i:und|and|et|y|e|i|en|oraz|a|ou|or|oder|o)\s+)?(?:(?i:in|en|w|em|nel|nella|im|dans|au|à)\s+)?"
    r"(?:(?i:der|die|the|la|le|les|el|los|las|il|l['’])\s*)?"
)
_ACRONYM_AFTER = re.compile(r"\s*\([A-ZÄÖÜ]{2,}\)")
_NAME_BEFORE = re.compile(r"([A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+)*)\s*$")


def _bracketed_after(sentence: str, at: int) -> str | None:
    """The name a bracket that holds position ``at`` follows: a count in brackets after a
    name is that name's ("the storm Boris (23 dead)", "Spanien (95 Tote)")."""
    opened = sentence.rfind("(", 0, at)
    if opened < 0 or sentence.rfind(")", 0, at) > opened:
        return None
    m = _NAME_BEFORE.search(sentence, 0, opened)
    words = m.group(1).split() if m else []
    while words and words[0].lower() in STOPWORDS:
        words = words[1:]  # "Der Sturm Kiara (23 Tote)": the article is no part of the name
    return " ".join(words) or None


_MAINLY = re.compile(
    r"\b(?:principalement|mainly|mostly|largely|vor allem|überwiegend|hauptsächlich|sobre todo|"
    r"principalmente|mayoritariamente|soprattutto|głównie|przede wszystkim|vooral|voornamelijk|especially|"
    r"notably|quasiment tous|presque tous|almost all|nearly all|fast alle|casi todos|quasi tutti|"
    r"prawie wszys\w+|bijna alle)\b",
    re.IGNORECASE,
)


def _named_parts(claim: Claim, story_setting: frozenset[str]) -> list[str]:
    """The places of a sentence and its names of two words or compounds, less the names of
    people, bodies and the origin, and less any that name the story's setting (but for its
    countries where it has several)."""
    others = {*claim.people, *claim.organisations, claim.attributed_to or ""}
    names = [e for e in claim.entities if re.search(r"\w[\s-]\w", e) and e not in others and e[0].isupper()]
    # A story set in several countries (a storm across Central Europe) counts in each of
    # them: a count in one is that country's, not the story's.
    countries = {k for k in story_setting if k.startswith("@")}
    whole = story_setting - countries if len(countries) > 1 else story_setting
    out = []
    for name in dict.fromkeys([*claim.places, *names]):
        keys = {place_key(name)} | {place_key(w) for w in re.split(r"[\s-]+", name)}
        if not keys & whole:
            out.append(name)
    return out


# "le plus lourd depuis les 300 décès de 1973", "the deadliest since the 300 deaths of":
# a count a figure is measured against is an earlier event's.
_SINCE_COUNT = re.compile(
    r"\b(?i:since|seit|depuis|desde|dal|dai|dalle|od|sinds)\s+(?i:the|den|die|les|los|las|le|la|i|gli|le|de)?\s*$"
)
# "Cette année-là, 87 personnes étaient mortes": the year a sentence before named.
_THAT_YEAR = re.compile(
    r"\b(?:cette année-là|that year|in jenem jahr|in diesem jahr damals|aquel año|ese año|quell'anno|"
    r"quell’anno|w tamtym roku|tego roku|dat jaar|in dat jaar|naquele ano|nesse ano)\b",
    re.IGNORECASE,
)


def era(claim: Claim, q: Quantity, year: int | None) -> int | None:
    """The earlier year a figure is of ("300 décès des inondations de 1973"): a year
    before the story's in its clause, or any year there when the figure is what the
    story is measured against ("depuis les 300 décès de 1973"); 0 when the sentence says
    "that year" of a year named before or measures against a count of no named year; else
    None."""
    if q.unit not in PEOPLE_AND_THINGS:
        return None  # "five years after the 2019 fire" is a span of this story
    measured_against = bool(_SINCE_COUNT.search(claim.sentence[max(0, q.start - 25) : q.start]))
    start, end = clause(claim, q)
    for m in _YEAR.finditer(claim.sentence, start, end):
        if m.start() <= q.end and m.end() >= q.start:
            continue  # the figure itself
        since = _SINCE.search(claim.sentence[max(0, m.start() - 20) : m.start()])
        if measured_against or year is not None and int(m.group(1)) < year - 1 and not since:
            return int(m.group(1))
    named = _bracketed_after(claim.sentence, q.start)
    # "six weeks after storm Kiara (23 dead)": a count in brackets after an event the
    # sentence puts before this story's is that event's
    at = claim.sentence.rfind(named, 0, q.start) if named else -1
    after_it = at >= 0 and _AFTER_EVENT.search(claim.sentence[max(0, at - 40) : at])
    return 0 if measured_against or _THAT_YEAR.search(claim.sentence) or after_it else None


_AFTER_EVENT = re.compile(
    r"\b(?i:after|nach|après|apres|tras|después de|dopo|depois d[aeo]|po|na)\s+(?:[^\W\d_]+\s+){0,3}$"
)


def qualifies(claim: Claim, q: Quantity) -> bool:
    """Whether a figure only qualifies something else of its sentence: a span of time that
    says over what time it happened or was measured ("491 litres in eight hours", "in otto
    ore è caduta la pioggia di un anno": a span after "in", "within", "en" is how fast, not
    how long), or an age given as a bound, which marks out a group by age ("victims older
    than 70", "ofiary miały ponad 70 lat", "mayores de 70 años"), no one's age."""
    if q.unit == "Alter":
        return (q.approx or "").lower() in LOWER_BOUND | UPPER_BOUND
    return q.unit in _SPANS and bool(_OVER_SPAN.search(claim.sentence[max(0, q.start - 40) : q.start]))


# Between two counts of one thing, words that make them one count in turn, not a whole and
# its part ("rose from 62 to 92", "de 95 a 158", "von 11 auf 16").
_IN_TURN = re.compile(
    r"\b(?:to|à|a|auf|bis|do|naar|hasta|até|fino a|al|then|dann|puis|luego|poi|potem|daarna|now|nun|"
    r"désormais|ahora|ora|agora|teraz|nu)\b|→",
    re.IGNORECASE,
)


# Where "a" and "to" are no "to": Polish, Czech and Slovak "a" is "and", Polish "to" is "is"
# ("190 ofiar to Hiszpanie, a 26 obcokrajowcy").
_A_IS_AND = frozenset({"pl", "cs", "sk"})


def _in_turn(claim: Claim, a: Quantity, b: Quantity) -> bool:
    """Whether the words between two counts give them in turn ("from 62 to 92")."""
    between = claim.sentence[a.end : b.start]
    if claim.language in _A_IS_AND:
        between = re.sub(r"\b(?:a|to)\b", " ", between)
    return bool(_IN_TURN.search(between))


_RESPECTIVELY = re.compile(
    r"\b(?:respectively|jeweils|respectivement|respectivamente|rispettivamente|odpowiednio|respectievelijk)\b",
    re.IGNORECASE,
)


_OF_TOTAL = re.compile(
    r"\b(?i:out of|of|von|de|des|sur|su|z|ze|van|di|dos|das|del)\s+"
    r"(?i:the\s+|den\s+|les\s+|los\s+|las\s+|la\s+|le\s+|il\s+|o\s+|het\s+)?(?:[^\W\d_]+\s+)?(?i:total|gesamtzahl|totale|totaal|ogółem|łącznie|bilan|balance|bilancio)"
    r"\s+(?i:of|von|de|di|do|da|van|du|des|z)?\s*$"
)


# A count in one place of a kind ("in an unnamed nursing home", "dans une maison de
# retraite", "in einem Altenheim"): a part of its town's or the story's toll.
_IN_ONE = re.compile(
    r"\b(?i:in|at|dans|à|en|em|w|nel|nella|im|op)\s+(?i:a|an|one|une|un|una|uno|um|uma|ein|einem|einer|een)\s"
)


def part(claim: Claim, q: Quantity) -> bool:
    """Whether a count of people is the part of a whole its sentence gives ("40 of the 95
    deaths", "25 deaths, including 16 in the Eaton Fire"): a count of a subset, not the
    whole toll, or of one place of a kind ("in a nursing home"). The whole is the largest
    count of the same thing in the sentence; counts given in turn ("rose from 11 to 16")
    are none of its parts, counts given "respectively" all are."""
    if any(o.start >= q.end and is_part_of(claim.sentence[q.end : o.start]) for o in claim.quantities):
        return True
    # The whole may have gone to a claim of its own (its origin's); the words still show it.
    whole = re.search(r"\d", claim.sentence[q.end : q.end + 40])
    if whole and is_part_of(claim.sentence[q.end : q.end + whole.start()]):
        return True
    if any(o.start >= q.end and _OF_TOTAL.search(claim.sentence[q.end : o.start]) for o in claim.quantities):
        return True  # "36 victims confirmed so far out of the current total of 70"
    if _RESPECTIVELY.search(claim.sentence) and len(claim.quantities) > 1:
        return True  # "nine and 16 lives respectively": each of a whole's parts
    start, end = clause(claim, q)
    before = _IN_ONE.search(claim.sentence, max(start, q.start - 40), q.start)
    after = _IN_ONE.search(claim.sentence, q.end, min(end, q.end + 40))
    if (
        before
        and not re.search(r"[,;:]", claim.sentence[before.end() : q.start])
        or after
        and not re.search(r"[,;:]", claim.sentence[q.end : after.start()])
    ):
        return True  # "five people died in an unnamed nursing home", "In einem Heim starben zwei"
    for o in claim.quantities:
        if o is q or o.unit != q.unit or o.background or o.value <= q.value:
            continue
        lo, hi = sorted((o.end, q.start)) if o.end <= q.start else sorted((q.end, o.start))
        if not _IN_TURN.search(claim.sentence[lo:hi]):
            return True
    return False


def summed_parts(claims: list[Claim]) -> set[tuple[str, int]]:
    """(claim id, start) of the counts that split a whole into parts: two or more counts of
    one thing in a row in a sentence that add up to a count of that thing the story gives
    ("190 ofiar to Hiszpanie, a 26 obcokrajowcy" beside "216 ofiar"; "18 lawmakers of the
    ruling party and 172 of the opposition" beside "190 lawmakers"; "17 in the area of the
    Eaton Fire and six in the Palisades Fire" after "23 missing"). The parts name a group
    or a place in words no list holds, in any language; their sum says what they are. A
    count with no word of its own after a counted one counts the same ("a 26 -
    obcokrajowcy")."""
    totals: dict[str, set[float]] = {}
    for c in claims:
        for q in c.quantities:
            if q.unit in PEOPLE_AND_THINGS and not q.vague:
                totals.setdefault(q.unit, set()).add(q.value)
    out = set()
    for c in claims:
        runs: dict[str, list[Quantity]] = {}
        unit = None
        for q in c.quantities:
            if q.vague or q.background or q.value_max is not None:
                continue
            if q.unit in PEOPLE_AND_THINGS:
                unit = q.unit
            elif q.unit is not None or unit is None:
                continue
            runs.setdefault(unit, []).append(q)
        for unit, run in runs.items():
            for i in range(len(run) - 1):
                if run[i].unit != unit:
                    continue  # a run opens on a count that names what it counts
                total = run[i].value
                for j in range(i + 1, len(run)):
                    if _in_turn(c, run[j - 1], run[j]):
                        break  # "rose from 62 to 92": one count at two times, no parts
                    total += run[j].value
                    members = run[i : j + 1]
                    if total in totals.get(unit, ()) and all(q.value != total for q in members):
                        out.update((c.id, q.start) for q in members)
    return out


# Words that mark a figure as an earlier state of a count: an earlier tally ("the previous
# death toll stood at 11", "le bilan précédent") or a sentence that opens on it
# ("Wcześniej Gwardia Cywilna informowała o 51 osobach"). Who said something earlier
# ("X had said earlier that ...") says nothing of the count's time.
_EARLIER = re.compile(
    r"(?i:\b(?:previous|earlier|former|prior|vorherige\w*|bisherige\w*|frühere\w*|précédent\w*|anterior\w*|"
    r"precedent\w*|poprzedni\w*|eerdere|vorige)\s+(?:[\w-]+\s+){0,2}?(?:toll|count|figure|tally|number|bilan|"
    r"balance|bilancio|balanço|bilanz|zahl\w*|stand|cifra|recuento|conteggio|liczb\w*|aantal|dodental)\b|"
    r"\b(?:bilan|balance|bilancio|balanço|toll|Bilanz)\s+(?:précédent|anterior|precedente|previo)\b)|"
    r"^(?:Wcześniej|Earlier|Previously|Zuvor|Vorher|Auparavant|Anteriormente|Previamente|In precedenza|"
    r"Eerder)\b"
)


def earlier(claim: Claim, q: Quantity) -> bool:
    """Whether a figure's sentence gives it as an earlier state of a count."""
    if _EARLIER.match(claim.sentence):
        return True
    start, end = clause(claim, q)
    return bool(_EARLIER.search(claim.sentence[max(start, q.start - 60) : min(end, q.end + 30)]))


# A count expected to grow or to be reached ("soll bis Dezember auf etwa 10.000 anwachsen",
# "is expected to rise to 15,000", "devrait atteindre 200"): a figure of a later time.
_FORECAST = re.compile(
    r"\b(?:soll\w*|wird|werden|dürfte\w*|könnte\w*|expected to|expects?|will|could|may|might|devrai\w*|"
    r"pourrai\w*|va|vont|podría\w*|puede\w*|se espera|potrebbe\w*|dovrebbe\w*|pode|poderá|deverá|"
    r"ma|może|mogą|zal|zullen|kan)\b[^;]{0,80}?\b(?:anwachsen|ansteigen|steigen|wachsen|erreichen|rise|grow|"
    r"increase|climb|reach|augmenter|atteindre|grimper|aumentar|alcanzar|subir|crecer|crescere|aumentare|"
    r"salire|raggiungere|wzrosnąć|wzrosnie|osiągnąć|stijgen|groeien|bereiken)\b",
    re.IGNORECASE,
)


# What a count grows to: "auf 10.000", "to 15,000", "à 200" (not "25 dead, and the toll
# could rise": the 25 is the count now).
_TO_BEFORE = re.compile(r"\b(?:auf|to|à|a|al|hasta|fino a|do|tot|naar|até|para)\s+(?:\S+\s+)?$", re.I)


def forecast(claim: Claim, q: Quantity) -> bool:
    """Whether a figure's clause gives it as what a count is expected to grow to or reach,
    not as its value now."""
    start, end = clause(claim, q)
    to = _TO_BEFORE.search(claim.sentence[max(start, q.start - 30) : q.start])
    return bool(to and _FORECAST.search(claim.sentence[start:end]))


@dataclass(frozen=True, slots=True)
class Fact:
    """What a figure counts: unit, whether it is presupposed, whether it is a part of a
    whole, where and of which year."""

    unit: str | None
    background: bool
    scope: frozenset[str]
    era: int | None
    part: bool = False
