"""Attribution: whether the sources give a claim to the origin the sentence names
("laut NIS"), to another one (misattribution), or to none (unconfirmed)."""

from __future__ import annotations

import re

from lagebild.numbers import Quantity
from lagebild.origins import GENERIC_ORIGINS, normalise_origin, same_origin
from lagebild.source_names import name_words, publisher_is
from lagebild.verify import figures
from lagebild.verify.index import Source, SourceIndex, doc_origins
from lagebild.verify.model import Issue, Verdict
from lagebild.verify.sources import initials

# Origins that name no one in particular ("nach Angaben der Behörden", "officials said"):
# a public body a source names (police, fire brigade, rescue services) is one of them, so a
# claim given to them needs a source that carries it, not one that names them. A person
# or another body a source names is someone in particular: then the origin is checked.
UNSPECIFIC = {"Behörden"}
# Word stems that make a named body a public one, in the languages the claims read ("Guardia
# Civil", "Gwardia Cywilna", "Protección Civil", "the Interior Ministry", "Generalitat",
# "préfecture"): "the authorities" of another report may stand for any of them.
_PUBLIC_BODY = re.compile(
    r"\b(?:polic|polizei|politie|guard|gwardi|garde|gendarm|carabinier|feuerwehr|fire\s+(?:service|department)|"
    r"bomber|pompier|vigili\s+del\s+fuoco|straż|bombeir|brandweer|protec|protez|zivilschutz|ministr|ministe|"
    r"regierung|government|gobiern|gouvernement|governo|rząd|regering|generalitat|junta|ayuntamiento|"
    r"council|préfect|prefect|emergenc|rettung|soccors|army|armee|armée|ejército|esercito|wojsk|exército)",
    re.IGNORECASE,
)


def attributed(
    index: SourceIndex,
    origin: str | None,
    score: float,
    chosen: list[int],
    issues: list[Issue],
    others: list[int] = (),
    quantities: list[Quantity] = (),
) -> Verdict:
    """Supported by the chosen sentences, unless they name another origin than the
    sentence does (misattribution) or none (the attribution is unconfirmed). Another
    report that carries the claim or its figures under the sentence's origin backs it
    too: "Laut Pentagon ... 10.000" is right when one report says so, even if the
    closest wording comes from a report citing the NIS."""
    sources = index.sources
    evidence = index.evidence([(score, i) for i in chosen])
    named = {normalise_origin(sources[i].origin) for i in chosen if sources[i].explicit}
    if (
        origin
        and normalise_origin(origin) in UNSPECIFIC
        and named
        and all(n in GENERIC_ORIGINS or _PUBLIC_BODY.search(n) for n in named)
    ):
        return Verdict("supported", score, evidence, issues)
    unknown_origin = any(i.kind in ("unknown_source", "misspelled_source") for i in issues)
    if (
        origin
        and not unknown_origin
        # When the closest sentence names its origin, it speaks for whose claim this is;
        # the sentences chosen beside it for other words do not.
        and not any(
            backed(origin, sources[i]) for i in (chosen[:1] if sources[chosen[0]].explicit else chosen)
        )
    ):
        backing = _elsewhere(index, origin, others, quantities)
        if backing is not None:
            # The sentence that names the origin is the evidence a reader needs first.
            return Verdict("supported", score, index.evidence([(score, backing)]) + evidence, issues)
        named = [sources[i].origin for i in chosen if sources[i].explicit]
        if named:
            detail = f"die Quellen schreiben das {named[0]} zu, nicht {origin}"
            return Verdict("contradicted", score, evidence, issues + [Issue("misattribution", detail)])
        issues = issues + [
            Issue("unconfirmed_attribution", f"die Quellen tragen das, nennen aber nicht {origin}")
        ]
    return Verdict("supported", score, evidence, issues)


def _elsewhere(index: SourceIndex, origin: str, others: list[int], quantities: list[Quantity]) -> int | None:
    """A sentence that backs the claim under ``origin``: one of the other carrying
    sentences, or one that states every counted figure of the sentence (any language)."""
    for i in others:
        if backed(origin, index.sources[i]):
            return i
    counted = [q for q in quantities if q.unit]
    if not counted:
        return None
    for i in index.by_value.get(counted[0].value, ()):
        src = index.sources[i]
        if figures.carried(counted, src.quantities) and src.origin and same_origin(origin, src.origin):
            return i
    return None


def backed(origin: str, src: Source) -> bool:
    """Whether a source sentence gives its claim to ``origin``."""
    # Only an origin the report names itself backs one: an origin inferred from other
    # reports of the story may belong to another figure (216 from the data centre,
    # inferred as the Guardia Civil's because another report credits it with 51).
    if src.origin and src.explicit and same_origin(origin, src.origin):
        return True
    # A report that states a figure without naming anyone says it itself: "nach Angaben
    # der Olive Press" is backed by The Olive Press's own sentence, "laut Saarländischem
    # Rundfunk" by SR's.
    if not src.explicit and (
        publisher_is(origin, src.doc.source) or initials(origin) in name_words(src.doc.source)
    ):
        return True
    # A sentence that names its own origin is not backed for another one by the
    # report quoting that one elsewhere ("erklärte Macron, ..." is not the pope's words
    # because the report quotes the pope's message too).
    if src.explicit and src.origin:
        return False
    return any(same_origin(origin, c) for c in doc_origins(src.doc))
