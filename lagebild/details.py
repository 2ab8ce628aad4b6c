"""Details of a checked sentence beyond its claim: whether it is negated, which names it
gives that may be common words, and whether it is presented as a consequence.

The verifier asks these after the claim itself: a sentence is backed only when its names,
its polarity and its days are the sources' too.
"""

from __future__ import annotations

import re

from lagebild.source_names import name_words

# Negation by language: an odd count of these makes a statement its opposite.
_NEGATIONS = {
    "de": r"nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nirgends|niemand",
    "en": r"not|no|never|none|nobody|nothing|n't",
    "fr": r"pas|jamais|aucun|aucune|personne|rien",
    "es": r"no|nunca|ningún|ninguna|ninguno|nadie|nada",
    "it": r"non|mai|nessun|nessuna|nessuno|niente",
    "pt": r"não|nunca|nenhum|nenhuma|ninguém|nada",
    "pl": r"nie|nigdy|żaden|żadna|żadne",
    "nl": r"niet|geen|nooit|niemand|niets",
}
_NEGATION = {lang: re.compile(rf"(?i)(?<![\w-])(?:{words})(?![\w-])") for lang, words in _NEGATIONS.items()}
# Sentences presented as a consequence or a cause: "Dies zeigt", "Daher", "Weil ...".
CONSEQUENCE = re.compile(
    r"(?:Dies|Das|Es)\s+(?:zeigt|belegt|beweist|bedeutet)|Daher|Deshalb|Deswegen|Folglich|Somit|Dadurch|"
    r"Weil|Da\s|Aufgrund|Infolgedessen|This\s+(?:shows|proves|means)|Therefore|Thus|Hence|Because|"
    r"As\s+a\s+result|Consequently"
)


def negated(text: str, language: str | None) -> bool:
    """Whether a statement is negated (an odd count of its language's negation words)."""
    pattern = _NEGATION.get(language or "")
    return bool(pattern and len(pattern.findall(text)) % 2)


# Zipf frequency (wordfreq) from which a capitalised word is a common word of its language
# ("Rede", "Regen", "Liter", "Tage" in German score 4.4-5.4) rather than a name ("Chiva"
# 1.7, "Vance" 2.8, "Sudan" 3.5); a name as common as "Spanien" (4.7) is then no detail.
COMMON_WORD = 4.0


def is_rare(name: str, language: str | None) -> bool:
    """Whether no word of a name is a common word of the sentence's language: German
    nouns are capitalised, and a run of them ("Tage Staatstrauer") looks like a name."""
    from wordfreq import zipf_frequency

    return all(zipf_frequency(w, language or "en") < COMMON_WORD for w in name_words(name, lower=False))
