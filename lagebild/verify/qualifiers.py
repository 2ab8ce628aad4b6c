"""Qualifiers that turn a claim around: negation (a statement and its opposite), and a
sentence presented as a consequence or a cause.

The verifier asks these after the claim itself: a sentence is backed only when its
polarity is the sources' too.
"""

from __future__ import annotations

import re

from lagebild.numbers import find_quantities
from lagebild.terms import content_terms
from lagebild.verify.names import name_keys

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
    # A clause's figures are its content too: "He was not 88" says no word but its number.
    return [
        (negated(c, language), set(content_terms(c)) | {f"v:{q.value}" for q in find_quantities(c, language)})
        for c in _CLAUSE.split(text)
    ]


# A negation right after "and", "but", "so that" ("creyentes y no creyentes", "an emergency
# but not the worst case", "aby nie") or inside quotation marks negates a part, a wish or
# someone's words, not what the sentence asserts: across languages, where only the presence
# of a negation can be compared, it says nothing.
_COORDINATION = {
    "de": "und|oder|aber|sondern|doch",
    "en": "and|or|but",
    "fr": "et|ou|mais",
    "es": "y|o|pero",
    "it": "e|o|ma",
    "pt": "e|ou|mas",
    "pl": "i|lub|ale|aby|by",
    "nl": "en|of|maar",
}
_QUOTED = re.compile(r"[\"„“”«»‚‘’][^\"„“”«»]*[\"“”«»]")


def _anchors(text: str, language: str | None) -> set[str]:
    """What compares across languages: names and figures."""
    return name_keys(text) | {f"v:{q.value}" for q in find_quantities(text, language)}


def _tells_negated_clauses(
    quote: str, quote_language: str | None, sentence: str, language: str | None
) -> bool:
    """Whether a quote in another language may speak to what the sentence negates: it
    shares a name or figure with a negated clause, or those have none to compare (then it
    may, as far as anyone can tell)."""
    denied = set().union(*(_anchors(c, language) for c in _CLAUSE.split(sentence) if negated(c, language)))
    return not denied or bool(_anchors(quote, quote_language) & denied)


def _asserts_negation(text: str, language: str | None) -> bool:
    pattern = _NEGATION.get(language or "")
    if not pattern:
        return False
    plain = _QUOTED.sub(" ", text)
    words = _COORDINATION.get(language or "")
    after = re.compile(rf"(?i)(?<![\w-])(?:{words})\s+$") if words else None
    return any(not (after and after.search(plain, 0, m.start())) for m in pattern.finditer(plain))


# States that exclude each other, in the words reports use for them (stems, matched at a
# word start). Written for the states news reports turn on: a person alive or dead, an
# emergency or curfew declared or lifted, a person held or set free, a road or border
# open or closed, a missing person found.
_STATES = {
    "alive": {
        "de": "lebend|lebt|am leben|überlebt",
        "en": "alive|survived|survivor",
        "fr": "vivant|en vie|survécu",
        "es": "vivo|viva|con vida|sobrevivi",
        "it": "vivo|viva|in vita|sopravviss",
        "pt": "vivo|viva|com vida|sobreviv",
        "pl": "żyje|żywy|żywa|przeżył",
        "nl": "levend|leeft|in leven|overleefd",
    },
    "dead": {
        "de": "tot|tote|getötet|gestorben|starb|ums leben",
        "en": "dead|died|killed",
        "fr": "mort|décédé|tué",
        "es": "muert|falleci|fallecid",
        "it": "mort|deceduto|ucciso",
        "pt": "mort|faleceu|falecid",
        "pl": "zmarł|zginął|zginęł|nie żyje|martw",
        "nl": "dood|overleden|omgekomen|gedood",
    },
    "declared": {
        "de": r"ausgerufen|rief\b[^.,;]{0,60}?\baus\b|verhängt",
        "en": "declared|imposed",
        "fr": "décrété|déclaré|instauré",
        "es": "declar|decret|impuesto|impuso",
        "it": "dichiarat|decretat|impost",
        "pt": "declarad|decretad|impost",
        "pl": "ogłosił|ogłoszon|wprowadził|wprowadzon",
        "nl": "uitgeroepen|afgekondigd|ingesteld",
    },
    "lifted": {
        "de": r"aufgehoben|hob\b[^.,;]{0,60}?\bauf\b|beendet",
        "en": "lifted|revoked|ended",
        "fr": "levé|levée|abrogé",
        "es": "levant|revoc|derog",
        "it": "revocat|abrogat|tolto",
        "pt": "levantad|revogad",
        "pl": "zniósł|zniesion|odwołał|odwołan",
        "nl": "opgeheven|ingetrokken",
    },
    "held": {
        "de": "festgenommen|verhaftet|inhaftiert",
        "en": "arrested|detained|in custody",
        "fr": "arrêté|interpellé|détenu",
        "es": "detenid|arrestad",
        "it": "arrestat|fermat|detenut",
        "pt": "detid|pres|capturad",
        "pl": "zatrzyman|aresztowan",
        "nl": "gearresteerd|aangehouden|opgepakt",
    },
    "freed": {
        "de": "freigelassen|entlassen|auf freiem fuß",
        "en": "released|freed",
        "fr": "libéré|relâché",
        "es": "liberad|excarcelad",
        "it": "liberat|rilasciat|scarcerat",
        "pt": "libertad|solt",
        "pl": "zwolnion|uwolnion",
        "nl": "vrijgelaten",
    },
    "open": {
        "de": "geöffnet|wiedereröffnet|freigegeben",
        "en": "reopened|opened",
        "fr": "rouvert|ouvert",
        "es": "abiert|reabiert",
        "it": "apert|riapert",
        "pt": "abert|reabert",
        "pl": "otwart",
        "nl": "geopend|heropend",
    },
    "closed": {
        "de": "gesperrt|geschlossen",
        "en": "closed|shut",
        "fr": "fermé|bloqué",
        "es": "cerrad|cortad",
        "it": "chius|bloccat",
        "pt": "fechad|bloquead",
        "pl": "zamknięt",
        "nl": "gesloten|afgesloten",
    },
    "missing": {
        "de": "vermisst|verschollen",
        "en": "missing",
        "fr": "disparu",
        "es": "desaparecid",
        "it": "dispers",
        "pt": "desaparecid",
        "pl": "zaginion|zaginął",
        "nl": "vermist",
    },
    "found": {
        "de": "gefunden|geborgen|aufgefunden",
        "en": "found",
        "fr": "retrouvé",
        "es": "encontrad|hallad",
        "it": "ritrovat|trovat",
        "pt": "encontrad|achad",
        "pl": "odnalezion|znalezion",
        "nl": "gevonden",
    },
}
_OPPOSITE = {
    "alive": "dead",
    "dead": "alive",
    "declared": "lifted",
    "lifted": "declared",
    "held": "freed",
    "freed": "held",
    "open": "closed",
    "closed": "open",
    "missing": "found",
    "found": "missing",
}
_STATE_PATTERN = {
    (state, lang): re.compile(rf"(?i)(?<![\w-])(?:{words})")
    for state, langs in _STATES.items()
    for lang, words in langs.items()
}


def states(text: str, language: str | None) -> set[str]:
    """The states (_STATES) a text asserts; none when it is negated."""
    if negated(text, language):
        return set()
    return {state for state in _STATES if (p := _STATE_PATTERN.get((state, language))) and p.search(text)}


def opposite_state(sentence: str, language: str | None, evidence: list[tuple[str, str | None]]) -> str | None:
    """Evidence in the opposite state of one the sentence asserts ("hob den Notstand auf" /
    "declared a state of emergency"), when the evidence does not name the sentence's state
    too and the sentence does not name the evidence's."""
    mine = states(sentence, language)
    for quote, lang in evidence:
        theirs = states(quote, lang)
        if any(_OPPOSITE[s] in theirs and s not in theirs and _OPPOSITE[s] not in mine for s in mine):
            return quote
    return None


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
        # its language (one we know) cannot carry the sentence's. The closest quote speaks
        # for the claim (the others were chosen for other words), and only if it shares a
        # name or figure with what the sentence negates: else it backs the other clauses
        # ("did not attend Holy Week, after 38 days in hospital" / "38 jours d'hôpital").
        other = [(q, lang) for q, lang in evidence if lang != language and lang in _NEGATION]
        if (
            not same
            and other
            and _asserts_negation(sentence, language)
            and _tells_negated_clauses(*other[0], sentence, language)
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


# Words that rank a claim's subject, so that a source must say them too: "many of them
# elite units" is not carried by a report of young recruits. By language, matched at a word
# start. ("first" and "only" are not among them: "a primera hora", "prima di", "nur" mean
# other things as often, and the devset's reports give them in words the check cannot
# compare across languages.)
_RANKS = {
    "elite": {
        "de": r"elite", "en": r"elite", "fr": r"élite|elite", "es": r"élite|elite", "it": r"élite|elite",
        "pt": r"elite", "pl": r"elit", "nl": r"elite",
    },
}  # fmt: skip
_RANK_PATTERN = {
    (rank, lang): re.compile(rf"(?i)(?<![\w-])(?:{words})")
    for rank, langs in _RANKS.items()
    for lang, words in langs.items()
}


def ranks_not_carried(
    sentence: str, language: str | None, evidence: list[tuple[str, str | None]]
) -> list[str]:
    """The words of the sentence that rank its claim's subject ("Elite") whose kind no
    evidence quote ((quote, language) pairs) says in its own language."""
    missing = []
    for rank in _RANKS:
        pattern = _RANK_PATTERN.get((rank, language))
        found = pattern.search(sentence) if pattern else None
        if found and not any(
            (theirs := _RANK_PATTERN.get((rank, lang))) and theirs.search(quote) for quote, lang in evidence
        ):
            missing.append(found.group(0))
    return missing


# "bestätigt" against sources that only report it under reserve ("soll", "angeblich",
# "reportedly"): the confirmation is a detail no source carries. Indirect speech alone
# (Konjunktiv I) is how German reports attribute any claim, no reserve.
_CONFIRMED = {
    "de": r"bestätigt|bestätigte", "en": r"confirmed|confirms", "fr": r"confirm", "es": r"confirm",
    "it": r"conferm", "pt": r"confirm", "pl": r"potwierdz", "nl": r"bevestig",
}  # fmt: skip
_CONFIRMED_PATTERN = {lang: re.compile(rf"(?i)(?<![\w-])(?:{words})") for lang, words in _CONFIRMED.items()}


def confirmation_not_carried(
    sentence: str, language: str | None, evidence: list[tuple[str, str | None]]
) -> str | None:
    """The reserve ("soll", "angeblich") under which every evidence quote reports what the
    sentence calls confirmed, if they all do."""
    pattern = _CONFIRMED_PATTERN.get(language or "")
    if not evidence or not pattern or not pattern.search(sentence) or _reserved(sentence, language):
        return None
    reserves = [_reserved(quote, lang) for quote, lang in evidence]
    return reserves[0] if all(reserves) else None


def _reserved(text: str, language: str | None) -> str | None:
    from lagebild.claims import reportative

    marker = reportative(text, language)
    return marker if marker and marker != "Konjunktiv I" else None
