"""The sources of a check, indexed once: each source sentence's details (with the origin
its report gives it), and lookups by word, name and figure value."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lagebild.claims import document_claims, points_back
from lagebild.milestones import UNITS as MILESTONES
from lagebild.model import Document
from lagebild.numbers import Quantity
from lagebild.source_names import name_words
from lagebild.verify.dates import DateIndex
from lagebild.verify.model import Evidence
from lagebild.verify.names import name_keys
from lagebild.verify.sentence import Details, details


@dataclass(slots=True)
class Source:
    """A source sentence: its details, the figures and origin its report's claims give it."""

    doc: Document
    details: Details
    quantities: list[Quantity]
    origin: str | None
    # Named by the report itself, not inferred from context: only such an origin can
    # contradict the one a checked sentence names.
    explicit: bool

    @property
    def text(self) -> str:
        return self.details.text

    @property
    def terms(self) -> Counter:
        return self.details.terms

    @property
    def names(self) -> frozenset[str]:
        return self.details.names


class SourceIndex:
    """The source sentences of a set of documents and what to look them up by."""

    def __init__(self, docs: list[Document]):
        self.docs = {d.id: d for d in docs}
        self.sources: list[Source] = []
        self.df: Counter = Counter()
        self.origins: set[str] = set()
        self.publishers = {d.source for d in docs}
        # Origins may be spelled differently across languages ("Selenskyj", "Zelensky");
        # a publisher's name is spelled one way, so only its exact words count.
        self.publisher_words = {w for p in self.publishers for w in name_words(p)}
        for doc in docs:
            self.sources += _sources(doc)
        for src in self.sources:
            self.df.update(set(src.terms) | {f"n:{n}" for n in src.names})
            if src.origin:
                self.origins.add(src.origin)
        self.n = max(len(self.sources), 1)
        self.all_names = {n for src in self.sources for n in src.names}
        self.all_names |= {n for d in docs for n in name_keys(d.title or "")}
        self.source_words = {w for d in docs for w in name_words(d.text)}
        self.by_value: dict[float, list[int]] = defaultdict(list)
        self.doc_names: dict[str, set[str]] = defaultdict(set)
        self.by_term: dict[str, list[int]] = {}
        for i, src in enumerate(self.sources):
            self.doc_names[src.doc.id] |= src.names
            for q in src.quantities:
                self.by_value[q.value].append(i)
            for key in set(src.terms) | {f"n:{n}" for n in src.names}:
                self.by_term.setdefault(key, []).append(i)
        # How many reports give each name token.
        self.reports_naming = Counter(n for names in self.doc_names.values() for n in names)
        self.position = {(src.doc.id, src.text): i for i, src in enumerate(self.sources)}
        self.dates = DateIndex(
            [(src.text, src.doc.language, src.doc.published, src.doc.id) for src in self.sources]
        )

    def idf(self, key: str) -> float:
        """The rarity of a word or name (``n:`` key) among the source sentences."""
        return math.log((self.n + 1) / (self.df.get(key, 0) + 0.5))

    def candidates(self, keys: Iterable[str]) -> set[int]:
        """The source sentences sharing any of the keys (words, ``n:`` names)."""
        found: set[int] = set()
        for key in keys:
            found.update(self.by_term.get(key, ()))
        return found

    def overlap(self, sentence: Details) -> Callable[[int], float]:
        """A source sentence -> its share of the sentence's content weight (only names
        and figures compare with a source in another language)."""
        weights = {t: self.idf(t) for t in sentence.terms}
        weights |= {f"n:{n}": 2 * self.idf(f"n:{n}") for n in sentence.names}
        # A figure compares in any language, as names do ("vier Menschen", "quatre personnes").
        for q in sentence.quantities:
            if q.unit != "Jahr":
                weights[f"v:{q.value}"] = 2 * math.log(
                    (self.n + 1) / (len(self.by_value.get(q.value, ())) + 0.5)
                )
        names = {k: w for k, w in weights.items() if k[:2] in ("n:", "v:")}
        language = sentence.language

        def share(i: int) -> float:
            src = self.sources[i]
            same = language is None or src.doc.language in (None, language)
            use = weights if same else names
            keys = set(src.terms) | {f"n:{n}" for n in src.names} | {f"v:{q.value}" for q in src.quantities}
            return sum(w for k, w in use.items() if k in keys) / (sum(use.values()) or 1.0)

        return share

    def evidence(self, ranked: list[tuple[float, int]]) -> list[Evidence]:
        """The ranked source sentences as evidence."""
        return [
            Evidence(self.sources[i].doc.id, self.sources[i].doc.source, self.sources[i].text, round(s, 3))
            for s, i in ranked
        ]


def _sources(doc: Document) -> list[Source]:
    """A report's sentences with the figures and origin its claims give them: a sentence's
    main claim speaks for its origin, and an origin named right after ("Das sagte ...")
    is the sentence's own."""
    claims, quantities_of = {}, defaultdict(list)
    for c in document_claims(doc):
        claims.setdefault(c.sentence_index, c)  # a sentence's main claim comes first
        # A day of an event or a rank ("the 266th pope") is a claim but no count: the date
        # rule judges days, and no count may be backed by one.
        quantities_of[c.sentence_index] += [q for q in c.quantities if q.unit not in MILESTONES]
    read = [details(s.text, doc.language) for s in doc.sentences]
    out = []
    for s in doc.sentences:
        claim = claims.get(s.index)
        origin = claim.attributed_to if claim else read[s.index].origin
        explicit = origin is not None and not (claim and claim.inherited)
        after = s.index + 1
        if (
            origin is None
            and after < len(read)
            and read[after].origin
            and points_back(doc.sentences[after].text)
        ):
            origin = read[after].origin  # "... Korrosion aus. Das sagte Karin Vogt."
            explicit = True
        quantities = quantities_of[s.index] if claim else list(read[s.index].quantities)
        out.append(Source(doc, read[s.index], quantities, origin, explicit))
    return out


def doc_origins(doc: Document) -> set[str]:
    """The origins a report's claims name."""
    return {c.attributed_to for c in document_claims(doc) if c.attributed_to}
