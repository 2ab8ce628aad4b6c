"""Sources as details: a publisher or origin a sentence names must be one the reports
are or name; a near miss is a misspelling ("Merkure" for "Merkur")."""

from __future__ import annotations

from lagebild.origins import GENERIC_ORIGINS, ROLE_WORDS, VAGUE_ORIGIN, normalise_origin, same_origin
from lagebild.source_names import name_words, named_sources, near_miss
from lagebild.verify.index import SourceIndex
from lagebild.verify.model import Issue


def source_issues(index: SourceIndex, sentence: str, origin: str | None) -> list[Issue]:
    """Named publishers or origins that no source carries, or near-misses of ones that do."""
    named = named_sources(sentence)
    if origin:
        named.add(origin)
    issues = []
    # A specific origin ("laut UN") must be one the sources name; a general one need not.
    origins = index.origins | GENERIC_ORIGINS
    known = origins | index.publishers
    for name in named:
        canon = normalise_origin(name) or name
        if VAGUE_ORIGIN.match(canon) or canon.lower() in ROLE_WORDS:
            continue  # "Medienberichten zufolge", "aus Polizeikreisen", "Sheriff": no one named
        if any(same_origin(canon, k) for k in origins) or set(name_words(canon)) <= index.publisher_words:
            continue
        if initials(canon) in index.publisher_words:
            continue  # "der Saarländische Rundfunk" is the publisher "SR"
        if set(name_words(canon)) <= index.source_words:
            # Named by the reports, though not as an origin: whether it said this is
            # the attribution's question, not an unknown source.
            continue
        near = near_miss(canon, known)
        if near:
            issues.append(
                Issue("misspelled_source", f"„{name}“ ist hier keine Quelle; gemeint ist wohl „{near}“")
            )
        else:
            issues.append(Issue("unknown_source", f"keine Quelle ist oder nennt „{name}“"))
    return issues


def initials(name: str) -> str:
    """The initials of a name's capitalised words, lower-cased, as a publisher's short name
    spells them ("Saarländischer Rundfunk" -> "sr"); empty for fewer than two."""
    initials = [w[0] for w in name_words(name, lower=False) if w[0].isupper()]
    return "".join(initials).lower() if len(initials) >= 2 else ""
