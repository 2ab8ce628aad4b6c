"""Story clustering: new reports are clustered with their neighbourhood, stories kept.

New reports are clustered (linkage.py, with the scores of similarity.py)
together with the members of the stories they could join (their neighbourhood:
the stories whose centroids are closest to them), from scratch. So a report
that links two stories opened apart (a German and an English one) merges them,
a story that turns out to hold two events splits, and the result depends on the
set of reports in the neighbourhood, not on the order in which they came. Each
resulting group is saved under the id of the old story it shares most with.

Candidate stories are found by the cosine of their stored centroids with the
new reports (one matrix product over all stories), never by comparing reports.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lagebild.linkage import average_link
from lagebild.model import Features, StoryState
from lagebild.similarity import WINDOW_DAYS, ReportVector, Similarity, day_number, days_apart

# Stories a new report may join: the closest by centroid among those its date
# allows, and the closest whatever their time (see _candidates).
SHORTLIST = 8
ANY_TIME_SHORTLIST = 2
# New reports clustered at once: the neighbourhood matrix grows with its square.
CHUNK = 256


class Clusterer:
    """Places new reports in stories and writes the changed stories back."""

    def __init__(self, store, title_for: Callable[[StoryState, dict[str, Features]], str]):
        self.store = store
        self.title_for = title_for
        self.similarity = Similarity(store)
        self.centroids: dict[int, np.ndarray] = {}
        self.spans: dict[int, tuple[int, int] | None] = {}
        self.features: dict[str, Features] = {}
        for key, (total, lo, hi) in store.story_centroids().items():
            self._remember(key, total, lo, hi)

    def _remember(self, key: int, total: np.ndarray, lo: str | None, hi: str | None) -> None:
        self.centroids[key] = total / (float(np.linalg.norm(total)) or 1.0)
        self.spans[key] = (day_number(lo), day_number(hi)) if lo else None

    def update(self, new: list[Features]) -> list[int]:
        """Cluster new reports with their neighbourhoods, CHUNK at a time; returns the
        ids of the stories written."""
        written: list[int] = []
        for start in range(0, len(new), CHUNK):
            written += self._update_chunk(new[start : start + CHUNK])
        return sorted(set(written))

    def _update_chunk(self, new: list[Features]) -> list[int]:
        for f in new:
            self.features[f.doc_id] = f
        vectors = [self.similarity.vector(f) for f in new]
        old = {key: self.store.story_state(key) for key in self._candidates(vectors)}
        old = {k: s for k, s in old.items() if s is not None}
        members = sorted({d for s in old.values() for d in s.doc_ids} | {f.doc_id for f in new})
        self._load(members)
        vectors = [self.similarity.vector(self.features[d]) for d in members]
        labels = average_link(
            self.similarity.matrix(vectors),
            [(v.lo, v.hi) for v in vectors],
            names=self.similarity.name_matrix(vectors),
        )
        clusters: dict[int, list[str]] = {}
        for doc_id, label in zip(members, labels, strict=True):
            clusters.setdefault(label, []).append(doc_id)
        return self._write(list(clusters.values()), old)

    def _candidates(self, vectors: list[ReportVector]) -> set[int]:
        """Per report, the SHORTLIST stories closest by centroid among those its date
        allows (all, for an undated report), and the closest two whatever their time:
        an undated report of this report's event may sit in a story far in time, and
        only a story in the neighbourhood is clustered again."""
        if not self.centroids:
            return set()
        keys = list(self.centroids)
        sims = np.stack([v.embedding for v in vectors]) @ np.stack([self.centroids[k] for k in keys]).T
        lo = np.array([self.spans[k][0] if self.spans[k] else -(10**9) for k in keys])
        hi = np.array([self.spans[k][1] if self.spans[k] else 10**9 for k in keys])
        out: set[int] = set()
        for row, v in zip(sims, vectors, strict=True):
            out.update(keys[j] for j in np.argsort(-row)[:ANY_TIME_SHORTLIST])
            if v.lo is not None:
                row = np.where(days_apart(v.lo, v.hi, lo, hi) > WINDOW_DAYS, -np.inf, row)
            out.update(keys[j] for j in np.argsort(-row)[:SHORTLIST] if np.isfinite(row[j]))
        return out

    def _load(self, doc_ids: list[str]) -> None:
        missing = [d for d in doc_ids if d not in self.features]
        if missing:
            self.features.update(self.store.features(missing))

    def _write(self, clusters: list[list[str]], old: dict[int, StoryState]) -> list[int]:
        """Save each cluster under the id of the old story it shares most members with
        (each old story's id goes to one cluster), delete old stories left empty."""
        owner = {d: key for key, state in old.items() for d in state.doc_ids}
        pairs = []
        for index, docs in enumerate(clusters):
            counts: dict[int, int] = {}
            for d in docs:
                if d in owner:
                    counts[owner[d]] = counts.get(owner[d], 0) + 1
            pairs += [(-n, key, index) for key, n in counts.items()]
        ids: dict[int, int] = {}
        used: set[int] = set()
        for _, key, index in sorted(pairs):
            if index not in ids and key not in used:
                ids[index] = key
                used.add(key)
        written = []
        for index, docs in enumerate(clusters):
            key = ids.get(index)
            if key is not None and sorted(old[key].doc_ids) == sorted(docs):
                continue  # unchanged
            state = self._state(key, docs)
            saved = self.store.save_story_state(state, self.title_for(state, self.features))
            self._remember(saved, state.embedding_sum, state.date_lo, state.date_hi)
            written.append(saved)
        for key in set(old) - used:
            self.store.delete_story(key)
            self.centroids.pop(key, None)
            self.spans.pop(key, None)
        return written

    def _state(self, key: int | None, doc_ids: list[str]) -> StoryState:
        """A story as persisted: its members, the sum of their centred embeddings, its dates."""
        features = [self.features[d] for d in doc_ids]
        days = [day for f in features if f.date_lo for day in (f.date_lo, f.date_hi)]
        vectors = [self.similarity.vector(f) for f in features]
        return StoryState(
            key,
            list(doc_ids),
            np.sum([v.embedding for v in vectors], axis=0),
            min(days) if days else None,
            max(days) if days else None,
        )

    def best_story(self, f: Features) -> tuple[int | None, float]:
        """The stored story a report fits best and its average score with the story's
        members (THRESHOLD is what joining asks), or (None, 0.0) when there are none."""
        v = self.similarity.vector(f)
        best_key, best = None, -np.inf
        for key in sorted(self._candidates([v])):
            state = self.store.story_state(key)
            if state is None or not state.doc_ids:
                continue
            self._load(state.doc_ids)
            members = [self.similarity.vector(self.features[d]) for d in state.doc_ids if d in self.features]
            if not members:
                continue
            score = float(self.similarity.matrix([v], members).mean())
            if score > best:
                best_key, best = key, score
        return best_key, (best if best_key is not None else 0.0)
