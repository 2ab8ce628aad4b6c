"""The rule verdict on a sentence's claim: the sources whose sentences carry most of its
content words or names and every one of its figures, or why none does (a figure they all
count otherwise, a figure no source gives, no sentence at all)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from lagebild.embed import Embedder
from lagebild.numbers import Quantity
from lagebild.terms import content_terms
from lagebild.verify import figures
from lagebild.verify.attribution import attributed
from lagebild.verify.index import SourceIndex
from lagebild.verify.model import Evidence, Issue, Verdict
from lagebild.verify.names import name_keys
from lagebild.verify.paraphrase import Paraphraser
from lagebild.verify.sentence import Details, dates_of, proper_names
from lagebild.verify.sources import source_issues

EVIDENCE = 3
NUMBER_CREDIT = 0.15  # coverage a carried number stands in for (at most two)
DOC_SENTENCES = 3  # sentences of one report that may together back a sentence
RELATED = 20  # candidate sentences searched for a number the sentence gets wrong
MIN_COVERAGE = 0.5  # share of the sentence's content weight its evidence must carry
MIN_CHECKABLE_TERMS = 4
RARE_NAME = 0.25  # share of a story's reports up to which a name they give is particular
_OPINION = re.compile(
    r"\b(?:meines Erachtens|meiner Meinung|ich finde|wir finden|man sollte|man muss|bleibt abzuwarten|"
    r"es bleibt spannend|in my view|i think|we believe|remains to be seen)\b|\?$",
    re.IGNORECASE,
)


def judge(
    index: SourceIndex,
    sentence: Details,
    paraphraser: Paraphraser | None,
    embedders: Sequence[Embedder] | None,
) -> Verdict:
    """Supported, contradicted, unsupported or not_checkable, by the claim alone (the
    paraphrase step, when given a ``paraphraser``, looks again where the rules find no
    support)."""
    text, language, origin = sentence.text, sentence.language, sentence.origin
    terms = sentence.terms
    names = set(sentence.names)
    quantities = sentence.figures
    issues = source_issues(index, text, origin)
    # A day or year makes a short sentence checkable too ("Der Damm wurde 1961 gebaut", "Die
    # Trauerfeier soll am Samstag stattfinden").
    mentions = dates_of(text, language)
    days = {mark for m in mentions for mark in m.says}
    # A feast or a month is a date, which the date rule compares in any language; as a
    # name it would ask a report in another language for its word ("Ostermontag").
    names -= {t for m in mentions for t in name_keys(m.text)}
    few = len(terms) < MIN_CHECKABLE_TERMS and not days
    if not quantities and not origin and (_OPINION.search(text) or few):
        return Verdict("not_checkable", 0.0, issues=issues)
    if origin:
        # The origin is checked on its own; its words do not count as content.
        own = set(content_terms(origin)) | name_keys(origin)
        terms = Counter({t: c for t, c in terms.items() if t not in own})
        names -= own
    weights = {t: index.idf(t) for t in terms} | {f"n:{n}": 2 * index.idf(f"n:{n}") for n in names}
    total = sum(weights.values()) or 1.0
    proper = names & proper_names(text, language)
    scored = []
    for i in index.candidates(weights):
        src = index.sources[i]
        keys = set(src.terms) | {f"n:{n}" for n in src.names}
        coverage = sum(w for k, w in weights.items() if k in keys) / total
        scored.append((coverage + figures.fit(quantities, src.quantities), i, coverage))
    scored.sort(reverse=True)
    ranked = [i for _, i, _ in scored]
    # Sources naming the same day or year are paraphrase candidates; a year or a date is as
    # specific an anchor as a counted figure, a weekday is not (a story's reports name its
    # Monday in many sentences on other facts).
    dated = {i for mark in days for i in index.dates.by_mark.get(mark, ())}
    # Each source by how many of the sentence's dates and years it names: "13 marzo 2013"
    # is a closer anchor for "13 marca 2013" than the many sentences naming only 2013.
    anchored = Counter(
        i for mark in days if not mark.startswith("wd:") for i in index.dates.by_mark.get(mark, ())
    )
    # A name shared with a report in another language anchors as a date does: across
    # languages little else is shared ("Basilika Santa Maria Maggiore" / "Basilica of St.
    # Mary Major"). Not a name most reports give (the story's place or person): that
    # shares nothing particular.
    rare = {n for n in proper if index.reports_naming[n] <= RARE_NAME * len(index.doc_names)}
    for i in index.candidates(f"n:{n}" for n in rare):
        if index.sources[i].doc.language not in (None, language):
            anchored[i] += 1
            dated.add(i)
    rescued = (
        paraphraser.same(text, language, [], quantities, embedders, dated, anchored)
        if paraphraser and not scored
        else None
    )
    if rescued:
        return _rescued(index, origin, rescued, issues)
    if not scored:
        return Verdict("unsupported", 0.0, [], issues + [Issue("unsupported_claim", "keine Quelle sagt das")])
    carrying = _carrying(index, scored, weights, proper, quantities, language)
    if not carrying:
        related = [index.sources[i] for _, i, c in scored[:RELATED] if c >= MIN_COVERAGE / 2]
        mismatch = figures.against(index, quantities, related, origin)
        if mismatch:
            issue, src = mismatch
            shown = [(s, i) for s, i, _ in scored if index.sources[i] is src][:1]
            return Verdict("contradicted", scored[0][0], index.evidence(shown), issues + [issue])
        partial = _partly_carried(index, scored, weights, proper, quantities, language)
        if partial:
            # The claim is backed, a detail is not: say which, rather than reject it all.
            score, chosen, missing = partial
            return Verdict(
                "supported",
                score,
                index.evidence([(score, i) for i in chosen]),
                issues + [figures.missing_detail(missing)],
            )
        rescued = (
            paraphraser.same(text, language, ranked, quantities, embedders, dated, anchored)
            if paraphraser
            else None
        )
        if rescued:
            return _rescued(index, origin, rescued, issues)
        changed = (
            paraphraser.other_figure(text, quantities, origin, language, embedders) if paraphraser else None
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
            index.evidence([(s, i) for s, i, _ in scored[:EVIDENCE]]),
            issues + [Issue("unsupported_claim", "kein Satz der Quellen trägt diese Aussage")],
        )
    best_score, chosen = carrying[0]
    others = [i for _, idx in carrying[1:] for i in idx]
    return attributed(index, origin, best_score, chosen, issues, others, quantities)


def _rescued(index: SourceIndex, origin: str | None, rescued, issues: list[Issue]) -> Verdict:
    score, i, missing = rescued
    if missing:
        issues = issues + [figures.missing_detail(missing)]
    return attributed(index, origin, score, [i], issues)


def _carrying(
    index: SourceIndex, scored, weights, proper: set[str], quantities: list[Quantity], language: str | None
) -> list[tuple[float, list[int]]]:
    """Documents whose closest sentences (up to DOC_SENTENCES) together carry the
    sentence's content and every one of its numbers, best first. Against a report in
    another language only proper names (``proper``: name tokens that are no common word)
    and numbers can be compared, so they must carry it."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for _, i, c in scored:
        if c > 0 and len(by_doc[index.sources[i].doc.id]) < DOC_SENTENCES:
            by_doc[index.sources[i].doc.id].append(i)
    name_weights = {k: w for k, w in weights.items() if k.startswith("n:")}
    # Across languages only proper names meet: a capitalised common noun ("Mittag",
    # "Glocke") is translated, so counting it would ask the other report for a word it
    # cannot have.
    proper_weights = {k: w for k, w in name_weights.items() if k[2:] in proper}
    out = []
    for idx in by_doc.values():
        doc = index.sources[idx[0]].doc
        same_language = language is None or doc.language is None or doc.language == language
        use = weights if same_language else proper_weights
        if not same_language and not quantities and len(use) < 2:
            continue
        keys = set().union(
            *(set(index.sources[i].terms) | {f"n:{n}" for n in index.sources[i].names} for i in idx)
        )
        total = sum(use.values())
        coverage = (
            sum(w for k, w in use.items() if k in keys) / total if total else (1.0 if quantities else 0.0)
        )
        theirs = [q for i in idx for q in index.sources[i].quantities]
        # Each number a report carries is strong evidence; less wording need match,
        # and across languages, where only names compare, two numbers suffice.
        numbers = min(len({q.value for q in quantities}), 2)
        credit = NUMBER_CREDIT if same_language else 2 * NUMBER_CREDIT + 0.05
        needed = MIN_COVERAGE - credit * numbers
        if coverage >= needed and figures.carried(quantities, theirs):
            out.append((coverage + figures.fit(quantities, theirs), idx))
    if not out and quantities:
        out = _carried_by_numbers(index, quantities, name_weights)
    out.sort(key=lambda x: -x[0])
    return out


def _partly_carried(index: SourceIndex, scored, weights, proper, quantities, language):
    """The best report that carries the sentence with all but its unbacked figures,
    if at least one figure is backed: (score, sentences, the figures it lacks)."""
    if len(quantities) < 2:
        return None
    for k in range(len(quantities)):
        rest = quantities[:k] + quantities[k + 1 :]
        carrying = _carrying(index, scored, weights, proper, rest, language)
        if carrying:
            score, chosen = carrying[0]
            return score, chosen, [quantities[k]]
    return None


def _carried_by_numbers(index: SourceIndex, quantities, name_weights) -> list[tuple[float, list[int]]]:
    """Reports that state every number of the sentence (in any words) and name most
    of what the sentence names somewhere in their text: a headline "Waldbrände in
    Los Angeles: 25 Tote" backs "The Los Angeles fires have killed 25 people"."""
    by_doc: dict[str, dict[int, int]] = defaultdict(dict)
    for k, q in enumerate(quantities):
        for i in index.by_value.get(q.value, ()):
            if any(figures.same_thing(q, t) and figures.backs(t, q) for t in index.sources[i].quantities):
                by_doc[index.sources[i].doc.id].setdefault(k, i)
    total = sum(name_weights.values())
    out = []
    for doc_id, found in by_doc.items():
        if len(found) < len(quantities) or not total:
            continue
        names = {f"n:{n}" for n in index.doc_names[doc_id]}
        coverage = sum(w for k, w in name_weights.items() if k in names) / total
        if coverage >= MIN_COVERAGE:
            out.append((coverage, sorted(set(found.values()))))
    return out
