"""Who a checked sentence names as its source, and how such a name is compared.

A source is a name: a publisher ("Wie die Olive Press berichtete", 'Die Zeitung "X"
meldete', "Wie A, B und C berichteten") or the origin a claim is hung on. These are the
names the verifier asks the sources about (unknown, misspelled, or named by the reports).
"""

from __future__ import annotations

import re

from lagebild.origins import spelling_key

_REPORTED_BY = re.compile(
    r"\b(?:[Ww]ie|[Ll]aut|[Aa]ccording to)\s+(?:die\s+|der\s+|das\s+|dem\s+|the\s+)?"
    r"([\w.'’()&-]+(?:\s+[\w.'’()&-]+){0,3}?)"
    r"(?:\s+(?:berichtet|berichtete|meldete|meldet|schrieb|schreibt|reported|reports|wrote)\b|,)"
    # A publication named by its kind: 'Die Zeitung "Levante-EMV" meldete', 'the newspaper El País'.
    r"|\b(?:Zeitung|Zeitschrift|Magazin|Sender|Agentur|Nachrichtenagentur|Portal|newspaper|paper|"
    r"broadcaster|agency|magazine)\s+[„“\"»«]?([A-Z][\w.'’&-]+(?:\s+[A-Z][\w.'’&-]+){0,2})[“”\"«»]?"
)

# Several publishers at once: "Wie Cadena 3, La Quotidienne und die Olive Press berichteten".
_REPORTED_BY_MANY = re.compile(
    r"\b(?:[Ww]ie|[Aa]s)\s+((?:(?:die|der|das|the)\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){0,3}"
    r"(?:,\s+(?:(?:die|der|das|the)\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){0,3})*"
    r"\s+(?:und|and|sowie)\s+(?:(?:die|der|das|the)\s+)?[\w.'’&-]+(?:\s+[\w.'’&-]+){0,3}?)"
    r"\s+(?:berichteten|meldeten|schrieben|reported|wrote)\b"
)


def named_sources(sentence: str) -> set[str]:
    """The publishers a sentence names as telling it ("Wie X berichtete", "laut X", "Die
    Zeitung X meldete", each of "Wie A, B und C berichteten")."""
    named = {m.group(1) or m.group(2) for m in _REPORTED_BY.finditer(sentence)}
    for m in _REPORTED_BY_MANY.finditer(sentence):
        named |= {n for n in re.split(r",\s*|\s+(?:und|and|sowie)\s+", m.group(1)) if n}
    return named


def name_words(name: str, lower: bool = True) -> list[str]:
    """A name's words without punctuation and web suffixes ("watson.ch" -> watson)."""
    words = re.findall(r"[\w'’&-]+(?:\.[a-z]{2,3}\b)?", name.lower() if lower else name)
    return [re.sub(r"\.(?:de|at|ch|com|net|org|info|eu)$", "", w) for w in words]


def publisher_is(origin: str, publisher: str | None) -> bool:
    """Whether an origin names the publisher: all its words are in the publisher's name
    ("Olive Press" in "The Olive Press", "Reuters" in "Dawn (Reuters)")."""
    words = set(name_words(origin))
    return bool(publisher and words and words <= set(name_words(publisher)))


def near_miss(name: str, known: set[str]) -> str | None:
    """A known name one or two letters away ("Merkure" -> "Merkur")."""
    key = spelling_key(name)
    for k in sorted(known):
        for part in [k, *name_words(k, lower=False)]:
            other = spelling_key(part)
            if len(key) >= 4 and other and _edit_distance(key, other) <= (1 if len(key) < 7 else 2):
                return part
    return None


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
