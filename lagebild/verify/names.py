"""Names as details: which names of a sentence are proper names, and which of them no
report of the story gives (an invented person, place or organisation)."""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.claims import entities
from lagebild.entities import classify
from lagebild.numbers import is_unit_word
from lagebild.source_names import name_words
from lagebild.terms import name_tokens

# Zipf frequency (wordfreq) from which a capitalised word is a common word of its language
# ("Rede", "Regen", "Liter", "Tage" in German score 4.4-5.4) rather than a name ("Chiva"
# 1.7, "Vance" 2.8, "Sudan" 3.5); a name as common as "Spanien" (4.7) is then no detail.
COMMON_WORD = 4.0


def is_rare(name: str, language: str | None) -> bool:
    """Whether no word of a name is a common word of the sentence's language: German
    nouns are capitalised, and a run of them ("Tage Staatstrauer") looks like a name."""
    from wordfreq import zipf_frequency

    return all(zipf_frequency(w, language or "en") < COMMON_WORD for w in name_words(name, lower=False))


# A word its language's lexicon barely knows (wordfreq's Zipf scale; "Vallmora", "Paiporta"
# 0.0, the compound "Hochwassergebieten" 1.2, "Dammbruch" 2.5) is a name: after a word that
# places it ("in", "bei", "the village of", "Hauptstadt") it is a place, even one no
# gazetteer lists. The gazetteer types only the places it knows, and an invented village
# must not pass for want of an entry.
UNKNOWN_WORD = 1.0
_PLACE_LEADS = {
    "de": r"in|im|nach|aus|bei|nahe|um|Stadt|Hauptstadt|Kleinstadt|Dorf|Ort|Ortschaft|Gemeinde|Kreis|"
    r"Landkreis|Bezirk|Region|Provinz|Kanton",
    "en": r"in|at|near|from|(?:town|city|village|capital|region|province|district|county|municipality) of",
    "fr": r"à|en|près de|dans|(?:ville|village|commune|région|province) de",
    "es": r"en|cerca de|desde|(?:ciudad|pueblo|municipio|localidad|región|provincia) de",
    "it": r"a|in|presso|vicino a|(?:città|paese|comune|regione|provincia) di",
    "pt": r"em|perto de|(?:cidade|vila|município|região|província) de",
    "nl": r"in|bij|nabij|(?:stad|dorp|gemeente|regio|provincie)",
    "pl": r"w|we|pod|koło|(?:miasto|miasta|wieś|wsi|gmina|gminie|regionie)",
}


@lru_cache(maxsize=16)
def _place_pattern(language: str) -> re.Pattern | None:
    leads = _PLACE_LEADS.get(language)
    if not leads:
        return None
    return re.compile(rf"(?<![\w-])(?:{leads})\s+([^\W\d_][\w'’-]*)")


def unknown_places(sentence: str, language: str | None) -> list[str]:
    """Capitalised words after a word that places them whose language barely knows them:
    places no gazetteer need list ("in Marenza", "the village of Pellaro")."""
    from wordfreq import zipf_frequency

    pattern = _place_pattern(language or "")
    if pattern is None:
        return []
    return [
        name
        for name in dict.fromkeys(m.group(1) for m in pattern.finditer(sentence))
        if name[0].isupper() and zipf_frequency(name, language) < UNKNOWN_WORD
    ]


def names_not_carried(
    sentence: str,
    language: str | None,
    origin: str | None,
    publisher_words: set[str],
    known: set[str],
) -> list[str]:
    """The names of a sentence (people, organisations, places that are no common word of
    its language) whose tokens are not among ``known`` (the name tokens of the story's
    reports): an invented detail ("um über den Krieg im Sudan zu sprechen"). A name the
    reports use elsewhere passes, since evidence in another language may spell it
    otherwise or say it in other words (Walencja, "goutte froide" for DANA). The origin
    and the publishers are judged as sources, not here."""
    named = classify(entities(sentence), origin)
    places = named.places + [
        p for p in unknown_places(sentence, language) if not any(p in n for n in named.places)
    ]
    names = [n for n in named.people + named.organisations + places if n != origin]
    names = [n for n in names if not (origin and set(name_words(n)) <= set(name_words(origin)))]
    # A person's first name may be a common word ("Maria", "Mark"): the family name
    # decides, and only it counts as named by the reports. (Not for a run that opens with
    # what is counted, "drei Tage Staatstrauer": German nouns look like names.)
    people = {
        n
        for n in names
        if n in named.people and not is_unit_word(n.split()[0]) and is_rare(n.split()[-1], language)
    }
    names = [
        n for n in names if not publisher_words & set(name_words(n)) and (n in people or is_rare(n, language))
    ]
    # A name of only short words ("JD" of "JD Vance") gives no token to look up: unjudged.
    keys = {n: set(name_tokens(n.split()[-1] if n in people else n)) for n in names}
    return [n for n in names if keys[n] and not keys[n] & known]
