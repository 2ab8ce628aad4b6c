"""The verifier: a sentence's claim judged by the rules (and the paraphrase step), then
its details (polarity, dates, names) checked against the sources that carry it."""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.embed import Embedder
from lagebild.model import Document
from lagebild.origins import same_origin
from lagebild.verify import figures, rules
from lagebild.verify.index import SourceIndex
from lagebild.verify.model import Issue, Verdict
from lagebild.verify.names import names_not_carried
from lagebild.verify.paraphrase import Paraphraser
from lagebild.verify.qualifiers import (
    CONSEQUENCE,
    confirmation_not_carried,
    contrary,
    opposite_state,
    ranks_not_carried,
    states,
)
from lagebild.verify.sentence import Details, dates_of, details


class Verifier:
    """Checks sentences against the sentences of a set of source documents."""

    def __init__(
        self, docs: list[Document], semantic: bool = False, embedders: Sequence[Embedder] | None = None
    ):
        """``semantic``: look for paraphrases where the rules find no support; ``embedders``:
        the Embedders of that step, the preferred first, each for the languages it knows
        (default embed.paraphrase_embedders(); embed.paraphrase_embedders(store) keeps the
        sources' vectors in the store). Both may be set again later."""
        self.semantic = semantic
        self.embedders = embedders
        self.index = SourceIndex(docs)
        self.docs = self.index.docs
        self.origins = self.index.origins
        self._paraphraser = Paraphraser(self.index)

    def check(self, sentence: str, language: str | None = None) -> Verdict:
        """Judge one sentence: supported, contradicted, unsupported or not_checkable. A
        sentence whose claim is carried is supported only when its polarity, its dates and
        the people, organisations and places it names are the reports' too (else
        contradicted, or unsupported with an unsupported_detail naming the others)."""
        mine = details(sentence, language)
        paraphraser = self._paraphraser if self.semantic else None
        verdict = rules.judge(self.index, mine, paraphraser, self.embedders)
        if verdict.verdict == "unsupported" and CONSEQUENCE.match(sentence):
            issue = Issue(
                "non_sequitur", "als Folge oder Grund dargestellt, doch keine Quelle trägt den Zusammenhang"
            )
            return Verdict(verdict.verdict, verdict.score, verdict.evidence, verdict.issues + [issue])
        if verdict.verdict != "supported":
            return verdict
        # The evidence with the language of each quote, as the qualifier rules read it.
        quoted = [(e.quote, self.docs[e.doc_id].language) for e in verdict.evidence]
        opposite = self._opposite(mine, quoted)
        if opposite:
            return Verdict("contradicted", verdict.score, verdict.evidence, verdict.issues + [opposite])
        issues = []
        when = dates_of(sentence, language)
        dates = self.index.dates.not_carried(
            when,
            [self.index.position[e.doc_id, e.quote] for e in verdict.evidence],
            self.index.overlap(mine),
            lambda i: self.index.sources[i].text,
            contradicts=not self._another_tally(mine, verdict),
        )
        if dates and dates[0] == "date_mismatch":
            return Verdict("contradicted", verdict.score, verdict.evidence, verdict.issues + [Issue(*dates)])
        if dates:
            issues.append(Issue(*dates))
        missing = names_not_carried(
            sentence,
            language,
            mine.origin,
            self.index.publisher_words,
            self.index.all_names,
            [m.text for m in when],
        )
        if missing:
            issues.append(Issue("unsupported_detail", "keine Quelle nennt " + ", ".join(missing)))
        reserve = confirmation_not_carried(sentence, language, quoted)
        if reserve:
            issues.append(
                Issue("unsupported_detail", f"die Quellen berichten das nur unter Vorbehalt („{reserve}“)")
            )
        ranks = ranks_not_carried(sentence, language, quoted)
        if ranks:
            issues.append(
                Issue("unsupported_detail", "keine Quelle sagt " + ", ".join(f"„{w}“" for w in ranks))
            )
        if not issues:
            return verdict
        return Verdict("unsupported", verdict.score, verdict.evidence, verdict.issues + issues)

    def _another_tally(self, sentence: Details, verdict: Verdict) -> bool:
        """Whether the closest evidence backs the sentence's counts only within bounds, with
        other values ("mindestens 24" / 25): a tally of another day, whose date says nothing
        against the sentence's (tolls are updated over days)."""
        counted = [q for q in sentence.figures if q.unit]
        first = verdict.evidence[0]
        theirs = details(first.quote, self.docs[first.doc_id].language).quantities
        return bool(counted) and not all(any(t.value == q.value for t in theirs) for q in counted)

    def _opposite(self, sentence: Details, quoted: list[tuple[str, str | None]]) -> Issue | None:
        """Evidence that says the opposite (qualifiers.contrary), or that gives the opposite
        state (qualifiers.opposite_state) while no source on the same names gives the
        sentence's: states change over days ("declared" on Tuesday, "lifted" on Wednesday),
        and a report of either day is right."""
        text, language = sentence.text, sentence.language
        quote = contrary(text, language, quoted)
        if not quote:
            quote = opposite_state(text, language, quoted)
            mine = states(text, language)
            if quote and any(
                mine & states(src.text, src.doc.language)
                for src in (
                    self.index.sources[i] for i in self.index.candidates({f"n:{n}" for n in sentence.names})
                )
            ):
                quote = None
        return Issue("contradiction", f"die Quelle sagt das Gegenteil: „{quote}“") if quote else None

    def backed_by_quotes(
        self, sentence: str, quotes: list[tuple[str, str | None]], publishers: tuple[str, ...] = ()
    ) -> bool:
        """Whether a sentence written from claims is carried by the quotes it cites
        ((quote, language) pairs): each of its figures by a quote counting the same
        thing, and any origin it names by a quote, or by the publisher of a quote that
        names none (who states a figure without naming anyone says it themselves)."""
        quantities = details(sentence, "de").figures
        if not quantities:
            return False
        theirs = [t for quote, lang in quotes for t in details(quote, lang).quantities]
        for q in quantities:
            if not any(figures.same_thing(q, t) and figures.backs(t, q) for t in theirs):
                return False
        origin = details(sentence, "de").origin
        if origin:
            named = [details(quote, lang).origin for quote, lang in quotes]
            if any(n and same_origin(origin, n) for n in named):
                return True
            return any(n is None and same_origin(origin, p) for n, p in zip(named, publishers, strict=False))
        return True
