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
The centroids are read as one matrix: reading them row by row took 0.4 s of
placing one report in a store of 14,000 stories.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lagebild.linkage import average_link
from lagebild.model import Features, StoryState
from lagebild.similarity import WINDOW_DAYS, ReportVector, Similarity, day_number, days_apart
from lagebild.store.base import StoryCentroids

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
        self.centroids = Centroids(store.story_centroids())
        self.features: dict[str, Features] = {}

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
        keys, matrix, lo, hi = self.centroids.live()
        if not keys:
            return set()
        sims = np.stack([v.embedding for v in vectors]) @ matrix.T
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
            self.centroids.put(saved, state.embedding_sum, state.date_lo, state.date_hi)
            written.append(saved)
        for key in set(old) - used:
            self.store.delete_story(key)
            self.centroids.remove(key)
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


# The day bounds of an undated story: every date is within the window of it.
_UNDATED = 10**9
# date.toordinal() of numpy's day 0 (1970-01-01).
_EPOCH_ORDINAL = 719163


class Centroids:
    """Every story's unit centroid and dated span, kept as arrays for the shortlist: one
    matrix product and one comparison of spans, however many stories there are."""

    def __init__(self, stored: StoryCentroids):
        n = len(stored.ids)
        self.keys = list(stored.ids)
        self.index = {key: i for i, key in enumerate(self.keys)}
        sums = np.asarray(stored.sums, dtype=np.float32).reshape(n, -1) if n else np.zeros((0, 0), np.float32)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        self.matrix = sums / np.where(norms == 0, 1.0, norms)
        self.lo = _day_numbers(stored.date_lo, stored.date_lo, -_UNDATED)
        self.hi = _day_numbers(stored.date_hi, stored.date_lo, _UNDATED)
        self.alive = np.ones(n, dtype=bool)

    def put(self, key: int, total: np.ndarray, lo: str | None, hi: str | None) -> None:
        """Remember a story's new sum and span (a new story is added at the end)."""
        row = np.asarray(total, dtype=np.float32)
        row = row / (float(np.linalg.norm(row)) or 1.0)
        span = (day_number(lo), day_number(hi)) if lo else (-_UNDATED, _UNDATED)
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.keys)
            self.keys.append(key)
            self.matrix = _grown(self.matrix, len(self.keys), row.shape[0])
            self.lo, self.hi, self.alive = (_grown(a, len(self.keys)) for a in (self.lo, self.hi, self.alive))
        self.matrix[i], self.lo[i], self.hi[i], self.alive[i] = row, span[0], span[1], True

    def remove(self, key: int) -> None:
        """Forget a deleted story."""
        i = self.index.pop(key, None)
        if i is not None:
            self.alive[i] = False

    def live(self) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
        """The stories' keys, unit centroids (a row each) and first and last days."""
        n = len(self.keys)
        rows = np.flatnonzero(self.alive[:n])
        return [self.keys[i] for i in rows], self.matrix[rows], self.lo[rows], self.hi[rows]


def _grown(array: np.ndarray, size: int, width: int | None = None) -> np.ndarray:
    """``array`` with room for ``size`` rows: doubled when full, so adding is cheap."""
    if len(array) >= size:
        return array
    shape = (max(16, 2 * size),) + ((width,) if width is not None else array.shape[1:])
    grown = np.zeros(shape, dtype=array.dtype)
    if len(array):
        grown[: len(array)] = array
    return grown


def _day_numbers(days: list[str | None], dated: list[str | None], undated: int) -> np.ndarray:
    """Day numbers (date.toordinal()) of ISO days; ``undated`` where a story has no date."""
    values = np.array([d if lo else "NaT" for d, lo in zip(days, dated, strict=True)], dtype="datetime64[D]")
    out = values.astype(np.int64) + _EPOCH_ORDINAL
    return np.where(np.isnat(values), undated, out)
