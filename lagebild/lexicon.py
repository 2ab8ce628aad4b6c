"""Which words a language knows, by their frequency in its written use (wordfreq): a
capitalised word its language uses often is a common word, not a name; one it barely
knows is a name, even one no gazetteer lists. The check asks this of a sentence's names,
the numbers table of the names it labels a fact by."""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.source_names import name_words

# Zipf frequency (wordfreq) from which a capitalised word is a common word of its language
# ("Rede", "Regen", "Liter", "Tage" in German score 4.4-5.4) rather than a name ("Chiva"
# 1.7, "Vance" 2.8, "Sudan" 3.5); a name as common as "Spanien" (4.7) is then no detail.
COMMON_WORD = 4.0


def is_rare(name: str, language: str | None) -> bool:
    """Whether no word of a name is a common word of the sentence's language: German
    nouns are capitalised, and a run of them ("Tage Staatstrauer") looks like a name."""
    from wordfreq import zipf_frequency

    words_of = lexicon(language) or "en"
    return all(zipf_frequency(w, words_of) < COMMON_WORD for w in name_words(name, lower=False))


@lru_cache(maxsize=64)
def lexicon(language: str | None) -> str | None:
    """The language if wordfreq has a word list for it (it fails or guesses for others)."""
    from wordfreq import available_languages

    return language if language in available_languages() else None


# A capitalised word its language's lexicon barely knows (wordfreq's Zipf scale; "Vallmora",
# "Paiporta" 0.0, the compound "Hochwassergebieten" 1.2, "Dammbruch" 2.5) is a name, even
# one no gazetteer lists: the gazetteer types only the places it knows, and an invented
# village must not pass for want of an entry.
UNKNOWN_WORD = 1.0


def unknown_names(sentence: str, language: str | None) -> list[str]:
    """Capitalised words whose language barely knows them: names no gazetteer need list
    ("in Marenza", "the village of Pellaro", "Austria, Vorlanza and Romania")."""
    from wordfreq import zipf_frequency

    if lexicon(language) is None or language in AGGLUTINATIVE:
        return []
    words = re.findall(r"(?<![\w-])([^\W\d_][\w'’]{3,})", sentence)
    return [
        w
        for w in dict.fromkeys(words)
        if w[0].isupper() and zipf_frequency(w, language) < UNKNOWN_WORD and not _compound(w, language)
    ]


# Languages that add case endings to names ("Katoliklerin", "Franciscus'un"): a lexicon
# cannot tell an inflected name from an unknown one.
AGGLUTINATIVE = {"tr", "fi", "hu", "et"}
# In languages that write compounds as one word, a compound the lexicon lacks ends in a
# word it knows well ("Notfall|einheit", "Hochwasser|gebieten"); a name does not
# ("Vallmora", "Marenza"). Elsewhere such an ending says nothing ("Vor|lanza" in Spanish).
KNOWN_WORD = 3.0
COMPOUNDING = {"de", "nl", "sv", "da", "nb", "no", "fi", "hu", "is"}


def _compound(word: str, language: str) -> bool:
    from wordfreq import zipf_frequency

    if language not in COMPOUNDING:
        return False
    lower = word.lower()
    return any(zipf_frequency(lower[k:], language) >= KNOWN_WORD for k in range(3, len(lower) - 3))
