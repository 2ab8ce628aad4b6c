"""Details of a checked sentence beyond its claim: whether it is negated, which names it
gives that may be common words, which days and years it names, and whether it is
presented as a consequence.

The verifier asks these after the claim itself: a sentence is backed only when its names,
its polarity and its dates are the sources' too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from lagebild.dates import DateMention, date_mentions
from lagebild.source_names import name_words
from lagebild.terms import content_terms

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


# A negation holds for its clause: "vier Menschen starben, die Ursache ist noch nicht
# geklärt" negates the cause, not the deaths. Punctuation bounds clauses in every language.
_CLAUSE = re.compile(r"[,;:()–—]")


def _clauses(text: str, language: str | None) -> list[tuple[bool, set[str]]]:
    return [(negated(c, language), set(content_terms(c))) for c in _CLAUSE.split(text)]


# A negation right after "and", "but", "so that" ("creyentes y no creyentes", "an emergency
# but not the worst case", "aby nie") or inside quotation marks negates a part, a wish or
# someone's words, not what the sentence asserts: across languages, where only the presence
# of a negation can be compared, it says nothing.
_COORDINATION = {
    "de": "und|oder|aber|sondern|doch", "en": "and|or|but", "fr": "et|ou|mais", "es": "y|o|pero",
    "it": "e|o|ma", "pt": "e|ou|mas", "pl": "i|lub|ale|aby|by", "nl": "en|of|maar",
}  # fmt: skip
_QUOTED = re.compile(r"[\"„“”«»‚‘’][^\"„“”«»]*[\"“”«»]")


def _asserts_negation(text: str, language: str | None) -> bool:
    pattern = _NEGATION.get(language or "")
    if not pattern:
        return False
    plain = _QUOTED.sub(" ", text)
    words = _COORDINATION.get(language or "")
    after = re.compile(rf"(?i)(?<![\w-])(?:{words})\s+$") if words else None
    return any(not (after and after.search(plain, 0, m.start())) for m in pattern.finditer(plain))


def contrary(sentence: str, language: str | None, evidence: list[tuple[str, str | None]]) -> str | None:
    """The evidence quote ((quote, language) pairs) that says the opposite of the sentence:
    a clause the sentence negates that the evidence states without negation (or, in
    another language, evidence with no negation at all), or a clause the evidence negates
    that the sentence states ("noch nicht im Einsatz" / "im Einsatz")."""
    mine = _clauses(sentence, language)
    same = [(q, _clauses(q, language)) for q, lang in evidence if lang == language]
    for no, terms in mine:
        if not no or not terms:
            continue
        told = [(q, neg) for q, clauses in same for neg, t in clauses if t & terms]
        if told and not any(neg for _, neg in told):
            return told[0][0]
        # Across languages clauses do not compare; evidence without any negation word of
        # its language (one we know) cannot carry the sentence's.
        other = [(q, lang) for q, lang in evidence if lang != language and lang in _NEGATION]
        if (
            not same
            and other
            and _asserts_negation(sentence, language)
            and not any(_NEGATION[lang].search(q) for q, lang in other)
        ):
            return other[0][0]
    said = set().union(*(t for no, t in mine if not no))
    denied = set().union(*(t for no, t in mine if no))
    for q, clauses in same:
        for neg, t in clauses:
            if neg and len(t & said) >= max(2, len(t) / 2) and not t & denied:
                return q
    return None


# Zipf frequency (wordfreq) from which a capitalised word is a common word of its language
# ("Rede", "Regen", "Liter", "Tage" in German score 4.4-5.4) rather than a name ("Chiva"
# 1.7, "Vance" 2.8, "Sudan" 3.5); a name as common as "Spanien" (4.7) is then no detail.
COMMON_WORD = 4.0


def is_rare(name: str, language: str | None) -> bool:
    """Whether no word of a name is a common word of the sentence's language: German
    nouns are capitalised, and a run of them ("Tage Staatstrauer") looks like a name."""
    from wordfreq import zipf_frequency

    return all(zipf_frequency(w, language or "en") < COMMON_WORD for w in name_words(name, lower=False))


# A day or year that the evidence sentences lack is still carried by another report's
# sentence that shares a name, a figure or rare words with the checked one (this share of
# its content weight): reports tell "died on Monday" and "born in 1936" apart from the
# sentence closest in words, and in other languages. On the devset, sentences carrying a
# report's own weekday share 0.10-0.52; a shifted weekday is named only by sentences on
# other facts, which share at most 0.07.
SAME_CLAIM = 0.1


def _same_day(mine: DateMention, theirs: DateMention) -> bool:
    """Whether a source names the day of a full date without contradicting its year: "21 de
    abril" in an undated report carries "21.04.2025", "21 April 2024" does not."""
    days = {k for k in mine.says if k.startswith("dm:")}
    if not days or not days <= theirs.says:
        return False
    years = {k for k in theirs.means if k.startswith("y:")}
    return not years or {k for k in mine.says if k.startswith("y:")} <= years


class DateIndex:
    """The days, dates and years each source sentence names, to ask whether a checked
    sentence's dates are carried: by its evidence, or by a sentence on the same claim."""

    def __init__(self, sentences: list[tuple[str, str | None, str | None]]):
        """``sentences``: the sources' (text, language, published), in the verifier's order."""
        self.mentions = [date_mentions(t, lang, pub) for t, lang, pub in sentences]
        self.by_mark: dict[str, list[int]] = defaultdict(list)
        for i, mentions in enumerate(self.mentions):
            for mark in {mark for m in mentions for mark in m.means}:
                self.by_mark[mark].append(i)

    def not_carried(
        self,
        sentence: str,
        language: str | None,
        evidence: list[int],
        overlap: Callable[[int], float],
        quote: Callable[[int], str],
    ) -> tuple[str, str] | None:
        """Whether every day, date and year the sentence names is carried: a date is a
        detail like a name, and a shifted one changes the claim ("am Donnerstag" for a
        Monday, "1938 geboren" for 1936). ``evidence``: the sources backing the claim;
        ``overlap``: a source's share of the sentence's content. (kind, detail):
        date_mismatch when the evidence itself names another date of that kind, quoting
        it; else unsupported_detail naming the dates no source on the claim carries."""
        mine = date_mentions(sentence, language)
        if not mine:
            return None
        carried = {mark for i in evidence for m in self.mentions[i] for mark in m.means}
        missing = [m for m in mine if not self._carried(m, carried, overlap)]
        if not missing:
            return None
        said = {mark for m in mine for mark in m.says}
        # Only a day names the same event's date: a sentence's years may each belong to
        # another event ("born in 1936, elected in 2013").
        kinds = {mark.split(":")[0] for m in missing for mark in m.says - carried} - {"y"}
        # The sentence closest to the claim speaks for its date; the others were chosen for
        # other words and may date other events.
        for i in evidence[:1]:
            if any(k.split(":")[0] in kinds and k not in said for m in self.mentions[i] for k in m.says):
                return "date_mismatch", f"die Quelle nennt ein anderes Datum: „{quote(i)}“"
        return "unsupported_detail", "keine Quelle nennt " + ", ".join(m.text for m in missing)

    def _carried(self, mention: DateMention, carried: set[str], overlap: Callable[[int], float]) -> bool:
        # A full date (day, month and year) is specific enough that any report naming it
        # tells the same event, in whatever words and language ("13 de marzo de 2013").
        if len(mention.says) >= 2 and any(
            mention.says <= m.says or _same_day(mention, m)
            for i in self.by_mark.get(min(mention.says), ())
            for m in self.mentions[i]
        ):
            return True
        return all(
            mark in carried or any(overlap(i) >= SAME_CLAIM for i in self.by_mark.get(mark, ()))
            for mark in mention.says
        )
