"""Names as details: which names of a sentence are proper names, and which of them no
report of the story gives (an invented person, place or organisation)."""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.claims import entities
from lagebild.entities import classify
from lagebild.lexicon import KNOWN_WORD, is_rare, lexicon, unknown_names
from lagebild.numbers import is_unit_word
from lagebild.source_names import name_words
from lagebild.terms import name_tokens

# Letters that languages of the Latin script write for one sound, as a name crosses from one
# to another ("Kardynalskiego" / "Cardinal", "Wolodymyr" / "Volodymyr", "Selenskyj" /
# "Zelensky"): name tokens compare by their cognate form.
_COGNATE = str.maketrans({"k": "c", "q": "c", "w": "v", "y": "i", "j": "i", "z": "s"})


def cognate(token: str) -> str:
    """A name token (terms.name_tokens) as it compares across languages."""
    return token.translate(_COGNATE)


def name_keys(text: str) -> set[str]:
    """The name tokens of a text in their cognate form, as the check compares names."""
    return {cognate(t) for t in name_tokens(text)}


def _common_acronym(name: str, language: str | None) -> bool:
    """Whether a name is an acronym its language writes often: an abbreviated common noun
    ("AVC" for a stroke in French, "PIB", "GDP") or a body everyone abbreviates. Reports in
    other languages abbreviate it otherwise or spell it out, so it is no detail to look up."""
    from wordfreq import zipf_frequency

    return (
        name.isupper()
        and " " not in name
        and lexicon(language) is not None
        and zipf_frequency(name, language) >= KNOWN_WORD
    )


def names_not_carried(
    sentence: str,
    language: str | None,
    origin: str | None,
    publisher_words: set[str],
    known: set[str],
    dated: Sequence[str] = (),
) -> list[str]:
    """The names of a sentence (people, organisations, places that are no common word of
    its language) whose tokens are not among ``known`` (the cognate forms of the story's
    reports' name tokens): an invented detail ("um über den Krieg im Sudan zu sprechen"). A name the
    reports use elsewhere passes, since evidence in another language may spell it
    otherwise or say it in other words (Walencja, "goutte froide" for DANA). The origin
    and the publishers are judged as sources, not here; so are the words of the dates it
    names (``dated``: "am Ostermontag" is a day)."""
    named = classify(entities(sentence), origin)
    places = named.places + [
        p for p in unknown_names(sentence, language) if not any(p in n for n in named.places)
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
        n
        for n in names
        if not publisher_words & set(name_words(n))
        and (n in people or is_rare(n, language))
        and not _common_acronym(n, language)
        and not any(n in d or d in n for d in dated)
    ]
    # A name of only short words ("JD" of "JD Vance") gives no token to look up: unjudged.
    keys = {n: name_keys(n.split()[-1] if n in people else n) for n in names}
    return [n for n in names if keys[n] and not keys[n] & known]
