"""The details of a sentence, derived once: its content words, names, figures and origin.

A checked sentence and each source sentence are read the same way, so that the rules
compare like with like and no stage parses a sentence's figures or origin again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from lagebild.claims import attribution
from lagebild.dates import DateMention, date_mentions
from lagebild.lexicon import is_rare
from lagebild.numbers import Quantity, find_quantities
from lagebild.terms import common_name_tokens, content_terms
from lagebild.verify.names import cognate, name_keys

# Vague plurals ("Tausende") are no figures a source must repeat.
VAGUE_WORDS = {
    "tausende",
    "hunderte",
    "dutzende",
    "zehntausende",
    "hunderttausende",
    "thousands",
    "hundreds",
    "dozens",
    "tens of thousands",
}


@dataclass(frozen=True, slots=True)
class Details:
    """What a sentence asserts, as the rules compare it."""

    text: str
    language: str | None
    terms: Counter
    names: frozenset[str]
    quantities: tuple[Quantity, ...]
    origin: str | None

    @property
    def figures(self) -> list[Quantity]:
        """The figures a source must carry: not years, not vague plurals, not a few things
        the sentence refers to as known ("the two fires", "les deux incendies")."""
        return [
            q
            for q in self.quantities
            if q.unit != "Jahr" and q.approx not in VAGUE_WORDS and not _referred(self.text, q, self.language)
        ]


# Definite articles by language: a small count right after one names things the reader
# already knows of ("the two fires"), which reports in other words need not count.
_DEFINITE = {
    "de": "die|der|den|dem|des",
    "en": "the",
    "fr": "les",
    "es": "los|las",
    "it": "i|gli|le",
    "pt": "os|as",
    "nl": "de|het",
}
_DEFINITE_BEFORE = {lang: re.compile(rf"(?i)(?<![\w-])(?:{words})\s+$") for lang, words in _DEFINITE.items()}
FEW = 12


def _referred(text: str, q: Quantity, language: str | None) -> bool:
    before = _DEFINITE_BEFORE.get(language or "")
    return bool(before and q.value <= FEW and before.search(text, max(0, q.start - 12), q.start))


@lru_cache(maxsize=4096)
def details(text: str, language: str | None) -> Details:
    """The details of one sentence (cached: an article's sentences are asked for by
    several rules, and a web server checks the same sentences again)."""
    return Details(
        text,
        language,
        content_terms(text),
        frozenset(name_keys(text)),
        tuple(find_quantities(text, language)),
        attribution(text)[0],
    )


@lru_cache(maxsize=4096)
def dates_of(text: str, language: str | None) -> tuple[DateMention, ...]:
    """The days, dates and years a checked sentence names (dates.date_mentions), read once
    for the rules that judge them (checkability, names, the date rule). Not a field of
    Details: source sentences are read with their report's publication date, by DateIndex."""
    return tuple(date_mentions(text, language))


@lru_cache(maxsize=4096)
def proper_names(text: str, language: str | None) -> frozenset[str]:
    """The name tokens of a sentence whose words are no common word of its language: the
    ones that survive translation (German capitalises every noun). Asked of checked
    sentences only: a word-frequency lookup per capitalised word is too dear for every
    source sentence."""
    common = common_name_tokens(text, lambda word: not is_rare(word, language))
    return details(text, language).names - {cognate(t) for t in common}
