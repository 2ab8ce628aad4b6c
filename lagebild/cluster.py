"""Online story clustering: each new document joins the best story or opens one.

A document is compared with a story's centroid on three signals, added up:
- the cosine of its lead's embedding with the story's mean embedding
  (multilingual e5: German and English reports of one event land close);
- the cosine of TF-IDF weighted terms (same-language wording);
- the cosine of TF-IDF weighted names, counting only names the store has seen
  in more than one language: those carry an event across languages.
Time gates the comparison: a document more than WINDOW_DAYS from every dated
member of a story cannot join it; undated documents are not gated.

Centroids rather than nearest members keep the result stable under the order
of arrival. After each batch the touched stories (and small stories near them)
are consolidated: a story that holds two events is split (two parts that fit
each other poorly, or that each have a defining name, carried by most of their
members, that the other part lacks: "Helene" and "Milton", hurricanes hitting
Florida two weeks apart, told in the same words), stories that fit together
are merged, and each document moves to the story it fits best. That
repairs what the order of arrival got wrong. Candidate stories come from the
store's indexes (stories whose time span is near, stories indexed under the
document's rarest names), never from a scan of all.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from lagebild.model import Features, StoryState

THRESHOLD = 1.1
TERM_WEIGHT = 1.0
NAME_WEIGHT = 1.0
WINDOW_DAYS = 30
MAX_TERMS = 300
ROUNDS = 3
SEARCH_HITS = 30
TOP_NAMES = 6
RARE_NAMES = 3
NEIGHBOUR_SIZE = 50
# Only this many candidates, the closest by embedding, get the full score.
SHORTLIST = 8
SPLIT_SEEDS = 3
MERGE_SHORTLIST = 4
BIG_STORY = 200  # stories above this size are not split or reassigned as a whole on every update
SPLIT_MARGIN = 0.15
CONFLICT_GAP_DAYS = 2


def _log_tf(count: float) -> float:
    return 1.0 + math.log(count) if count > 0 else 0.0


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


@dataclass(slots=True)
class _DocVec:
    """A document's weighted vectors, computed once per batch."""

    f: Features
    terms: dict[str, float]
    terms_norm: float
    names: dict[str, float]
    names_norm: float
    top_name: str | None
    search: list[str]
    lo: int | None
    hi: int | None


@dataclass(slots=True)
class _Live:
    """A story in memory: weighted sums kept up to date as members come and go."""

    state: StoryState
    members: set[str] = field(default_factory=set)
    emb: np.ndarray | None = None
    terms: dict[str, float] = field(default_factory=dict)
    terms_sq: float = 0.0
    names: dict[str, float] = field(default_factory=dict)
    names_sq: float = 0.0
    name_docs: dict[str, float] = field(default_factory=dict)  # members naming each name
    lo: int | None = None
    hi: int | None = None
    exact: bool = False  # sums rebuilt from members' features (may be changed)
    _top: str | None = None
    _emb_unit: np.ndarray | None = None

    def defining_name(self) -> str | None:
        """The name most members carry, if it is carried by most of three or more members."""
        if self._top is None:
            size = len(self.state.doc_ids)
            top = max(self.names, key=lambda k: (self.name_docs.get(k, 0.0), self.names[k]), default=None)
            ok = top is not None and size >= 3 and self.name_docs.get(top, 0.0) >= 0.6 * size
            self._top = top if ok else ""
        return self._top or None

    def emb_unit(self) -> np.ndarray:
        if self._emb_unit is None:
            norm = float(np.linalg.norm(self.emb)) or 1.0
            self._emb_unit = self.emb / norm
        return self._emb_unit


def _names_conflict(a: _Live, b: _Live) -> bool:
    """Whether two stories are consecutive events: their time spans are apart by more
    than CONFLICT_GAP_DAYS and each has a defining name few of the other's members
    carry. At the same time, different names are facets of one story (two cables
    cut in one night); one after the other, they are two events (two hurricanes)."""
    if a.lo is None or b.lo is None or max(a.lo - b.hi, b.lo - a.hi) <= CONFLICT_GAP_DAYS:
        return False
    name_a, name_b = a.defining_name(), b.defining_name()
    if not (name_a and name_b) or name_a == name_b:
        return False
    rare_in_b = b.name_docs.get(name_a, 0.0) <= 0.2 * len(b.state.doc_ids)
    rare_in_a = a.name_docs.get(name_b, 0.0) <= 0.2 * len(a.state.doc_ids)
    return rare_in_a and rare_in_b


def _add_into(target: dict[str, float], vec: dict[str, float], sign: float) -> float:
    """Add ``sign * vec`` into ``target``; returns the change of the squared norm."""
    delta = 0.0
    for key, value in vec.items():
        old = target.get(key, 0.0)
        new = old + sign * value
        if new > 1e-9:
            target[key] = new
        else:
            new = 0.0
            target.pop(key, None)
        delta += new * new - old * old
    return delta


def _dot(small: dict[str, float], large: dict[str, float]) -> float:
    return sum(w * large.get(k, 0.0) for k, w in small.items())


class Clusterer:
    """Assigns documents to stories in memory, then writes the changed stories back."""

    def __init__(self, store, title_for: Callable[[StoryState, dict[str, Features]], str]):
        self.store = store
        self.title_for = title_for
        self.n = max(store.featured_count(), 1)
        self.stats: dict[str, tuple[int, int]] = {}
        self.live: dict[int, _Live] = {}
        self.vecs: dict[str, _DocVec] = {}
        self.doc_story: dict[str, int] = {}
        self.touched: set[int] = set()
        self.deleted: set[int] = set()
        self.sql_candidates: dict[str, set[int]] = {}
        self.stored_emb: dict[int, np.ndarray] = {}
        self.by_week: dict[int, set[int]] = defaultdict(set)
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.added: list[str] = []
        self._next_temp = -1

    # -- weights -----------------------------------------------------------

    def _weigh(self, sums: dict[str, float], prefix: str, multilingual: bool) -> dict[str, float]:
        missing = [prefix + k for k in sums if prefix + k not in self.stats]
        if missing:
            found = self.store.term_stats(missing)
            for key in missing:
                self.stats[key] = found.get(key, (0, 0))
        out = {}
        for key, value in sums.items():
            df, langs = self.stats[prefix + key]
            if multilingual and langs < 2:
                continue
            idf = math.log((self.n + 1) / (df + 0.5))
            if idf > 0 and value > 0:
                out[key] = value * idf
        return out

    def _vec(self, f: Features) -> _DocVec:
        vec = self.vecs.get(f.doc_id)
        if vec is None:
            terms = self._weigh({k: _log_tf(v) for k, v in f.terms.items()}, "t:", False)
            names = self._weigh({k: _log_tf(v) for k, v in f.names.items()}, "n:", True)
            # The names that find candidate stories: the most frequent, and the rarest.
            frequent = [k for k, _ in sorted(f.names.items(), key=lambda kv: -kv[1])[:TOP_NAMES]]
            weighted = self._weigh(f.names, "n:", False)
            rare = [k for k, _ in sorted(weighted.items(), key=lambda kv: -kv[1])[:RARE_NAMES]]
            vec = _DocVec(
                f,
                terms,
                math.sqrt(sum(w * w for w in terms.values())),
                names,
                math.sqrt(sum(w * w for w in names.values())),
                max(names, key=names.get) if names else None,
                list(dict.fromkeys(frequent + rare)),
                _day(f.date_lo) if f.date_lo else None,
                _day(f.date_hi) if f.date_hi else None,
            )
            self.vecs[f.doc_id] = vec
        return vec

    # -- stories in memory -------------------------------------------------

    def _get(self, key: int) -> _Live | None:
        if key in self.deleted:
            return None
        live = self.live.get(key)
        if live is None:
            state = self.store.story_state(key)
            if state is None:
                return None
            live = _Live(state, set(state.doc_ids), state.embedding_sum.astype(np.float32))
            live.terms = self._weigh(state.terms, "t:", False)
            live.names = self._weigh(state.names, "n:", True)
            live.name_docs = dict(state.names)  # raw log-tf sums: at least one per member
            live.terms_sq = sum(w * w for w in live.terms.values())
            live.names_sq = sum(w * w for w in live.names.values())
            live.lo = _day(state.date_lo) if state.date_lo else None
            live.hi = _day(state.date_hi) if state.date_hi else None
            self.live[key] = live
            self.doc_story.update((d, key) for d in state.doc_ids)
            self._index(key)
        return live

    def _exact(self, key: int) -> _Live:
        """Rebuild a story's sums from its members' features before changing it."""
        live = self._get(key)
        if not live.exact:
            missing = [d for d in live.state.doc_ids if d not in self.vecs]
            for f in self.store.features(missing).values():
                self._vec(f)
            live.emb = np.zeros(self._dim(), dtype=np.float32)
            live.terms, live.names, live.terms_sq, live.names_sq = {}, {}, 0.0, 0.0
            live.name_docs = {}
            live.lo = live.hi = None
            live.members = set()
            for doc_id in live.state.doc_ids:
                if doc_id in self.vecs:
                    self._add(live, self.vecs[doc_id])
            live.exact = True
        self.touched.add(key)
        return live

    def _dim(self) -> int:
        return next(iter(self.vecs.values())).f.embedding.shape[0]

    def _new(self) -> int:
        key = self._next_temp
        self._next_temp -= 1
        state = StoryState(None, [], np.zeros(self._dim(), dtype=np.float32), {}, {})
        self.live[key] = _Live(state, emb=state.embedding_sum.copy(), exact=True)
        self.touched.add(key)
        return key

    def _add(self, live: _Live, v: _DocVec) -> None:
        live.members.add(v.f.doc_id)
        live.emb = live.emb + v.f.embedding
        live.terms_sq += _add_into(live.terms, v.terms, 1.0)
        live.names_sq += _add_into(live.names, v.names, 1.0)
        _add_into(live.name_docs, dict.fromkeys(v.names, 1.0), 1.0)
        if v.lo is not None:
            live.lo = v.lo if live.lo is None else min(live.lo, v.lo)
            live.hi = v.hi if live.hi is None else max(live.hi, v.hi)
        live._top = live._emb_unit = None

    def _remove(self, live: _Live, v: _DocVec) -> None:
        live.members.discard(v.f.doc_id)
        live.emb = live.emb - v.f.embedding
        live.terms_sq += _add_into(live.terms, v.terms, -1.0)
        live.names_sq += _add_into(live.names, v.names, -1.0)
        _add_into(live.name_docs, dict.fromkeys(v.names, 1.0), -1.0)
        if v.lo is not None and (v.lo == live.lo or v.hi == live.hi):
            dated = [self.vecs[d] for d in live.members if self.vecs[d].lo is not None]
            live.lo = min((d.lo for d in dated), default=None)
            live.hi = max((d.hi for d in dated), default=None)
        live._top = live._emb_unit = None

    def _join(self, v: _DocVec, key: int) -> None:
        live = self._exact(key)
        live.state.doc_ids.append(v.f.doc_id)
        self._add(live, v)
        self.doc_story[v.f.doc_id] = key
        self._index(key, v)

    def _leave(self, v: _DocVec, key: int) -> None:
        live = self._exact(key)
        live.state.doc_ids.remove(v.f.doc_id)
        self._remove(live, v)

    def _index(self, key: int, v: _DocVec | None = None) -> None:
        """Index a story under the weeks and names of a new member (or, when loaded, its own)."""
        live = self.live[key]
        lo, hi = (v.lo, v.hi) if v else (live.lo, live.hi)
        if lo is not None:
            for week in range((lo - WINDOW_DAYS) // 7, (hi + WINDOW_DAYS) // 7 + 1):
                self.by_week[week].add(key)
        names = v.search if v else sorted(live.names, key=live.names.get, reverse=True)[:TOP_NAMES]
        for name in names:
            self.by_name[name].add(key)

    # -- scoring -----------------------------------------------------------

    def score(self, v: _DocVec, live: _Live, gate: bool = True) -> float:
        """How well a document fits a story; -inf when time rules it out (if ``gate``)."""
        if not live.members and not live.state.doc_ids:
            return -math.inf
        if gate and v.lo is not None and live.lo is not None:
            gap = max(v.lo - live.hi, live.lo - v.hi, 0)
            if gap > WINDOW_DAYS:
                return -math.inf
        score = float(np.dot(v.f.embedding, live.emb_unit()))
        if v.terms_norm and live.terms_sq > 0:
            score += TERM_WEIGHT * _dot(v.terms, live.terms) / (v.terms_norm * math.sqrt(live.terms_sq))
        if v.names_norm and live.names_sq > 0:
            score += NAME_WEIGHT * _dot(v.names, live.names) / (v.names_norm * math.sqrt(live.names_sq))
        return score

    def _candidates(self, v: _DocVec) -> set[int]:
        doc_id = v.f.doc_id
        if doc_id not in self.sql_candidates:
            keys: set[int] = set()
            if v.f.date_lo:
                keys.update(
                    self.store.story_ids_in_window(
                        _shift(v.f.date_lo, -WINDOW_DAYS), _shift(v.f.date_hi, WINDOW_DAYS)
                    )
                )
            keys.update(self.store.story_ids_named(v.search, SEARCH_HITS))
            self.sql_candidates[doc_id] = keys
        keys = set(self.sql_candidates[doc_id])
        if v.lo is not None:
            keys.update(self.by_week.get(v.lo // 7, ()))
        for name in v.search:
            keys.update(self.by_name.get(name, ()))
        return {k for k in keys if k not in self.deleted}

    def _best(self, v: _DocVec, keys: set[int]) -> tuple[int | None, float]:
        keys = [k for k in keys if k not in self.deleted]
        if len(keys) > SHORTLIST:
            keys = self._shortlist(v, keys)
        best_key, best = None, -math.inf
        for key in keys:
            live = self._get(key)
            if live is None or not live.state.doc_ids:
                continue
            s = self.score(v, live)
            if s > best:
                best_key, best = key, s
        return best_key, best

    def _shortlist(self, v: _DocVec, keys: list[int]) -> list[int]:
        """The SHORTLIST candidates closest by embedding; stories not yet in memory are
        compared by their stored embedding only, so they are not loaded in full."""
        stored = [k for k in keys if k not in self.live]
        missing = [k for k in stored if k not in self.stored_emb]
        if missing:
            for key, emb in self.store.story_embeddings(missing).items():
                norm = float(np.linalg.norm(emb)) or 1.0
                self.stored_emb[key] = emb / norm
        rows, order = [], []
        for k in keys:
            if k in self.live:
                if not self.live[k].state.doc_ids:
                    continue
                rows.append(self.live[k].emb_unit())
            elif k in self.stored_emb:
                rows.append(self.stored_emb[k])
            else:
                continue
            order.append(k)
        if not rows:
            return []
        sims = np.stack(rows) @ v.f.embedding
        top = np.argsort(-sims)[:SHORTLIST]
        return [order[i] for i in top]

    def best_story(self, f: Features) -> tuple[int | None, float]:
        """The stored story a document would fit best and its score (THRESHOLD is the bar a
        report must clear to join it), or (None, 0.0) when there are no stories."""
        v = self._vec(f)
        keys = self._candidates(v) or {s.id for s in self.store.stories()}
        key, score = self._best(v, keys)
        return key, (score if key is not None else 0.0)

    # -- assignment --------------------------------------------------------

    def add(self, f: Features) -> None:
        """Place a new document in the best-fitting story, or a new one.

        Syndicated copies need no special case: their features equal their
        original's, so they land in its story.
        """
        v = self._vec(f)
        self.added.append(f.doc_id)
        self._place(v, self._candidates(v))

    def _place(self, v: _DocVec, keys: set[int]) -> int:
        key, best = self._best(v, keys)
        if key is None or best < THRESHOLD:
            key = self._new()
        self._join(v, key)
        return key

    def consolidate(self) -> None:
        """Split, merge and reassign the touched stories and the small stories nearest
        to the new documents."""
        for doc_id in self.added:
            v = self.vecs[doc_id]
            for near in self._shortlist(v, list(self._candidates(v))):
                live = self._get(near)
                if live is not None and len(live.state.doc_ids) <= NEIGHBOUR_SIZE:
                    self._exact(near)
        for key in sorted(self.touched):
            if 4 <= len(self.live[key].state.doc_ids) <= BIG_STORY:
                self._try_split(key)
        self._merge_touched()
        for _ in range(ROUNDS):
            moved = 0
            # Large settled stories keep their members; only their new ones are placed again.
            new = set(self.added)
            docs = [
                d
                for k in sorted(self.touched)
                for d in self.live[k].state.doc_ids
                if len(self.live[k].state.doc_ids) <= BIG_STORY or d in new
            ]
            for doc_id in docs:
                v = self.vecs[doc_id]
                current = self.doc_story[doc_id]
                self._leave(v, current)
                keys = self._candidates(v) | {current}
                target = self._place(v, keys)
                moved += target != current
                if not self.live[current].state.doc_ids:
                    self._drop(current)
            if not moved:
                break

    def _try_split(self, key: int) -> None:
        """Split off the part of a story that fits a story of its own better.

        Seeded with the member that fits its story worst, members move over
        while they fit the new part better than the rest; the split stands only
        if the two parts would not have joined each other. This undoes merges
        made while a distinguishing name was not yet known in two languages.
        """
        live = self.live[key]
        fits = {}
        for doc_id in list(live.state.doc_ids):
            v = self.vecs[doc_id]
            self._remove(live, v)
            fits[doc_id] = self.score(v, live)
            self._add(live, v)
        # The worst-fitting member may be a lone outlier rather than the seed of
        # a second event, so a few of the worst are tried in turn.
        for seed_id in sorted(fits, key=fits.get)[:SPLIT_SEEDS]:
            if self._split_from(key, self.vecs[seed_id]):
                return

    def _split_from(self, key: int, seed: _DocVec) -> bool:
        live = self.live[key]
        part = self._new()
        self._leave(seed, key)
        self._join(seed, part)
        for _ in range(ROUNDS):
            moved = 0
            for doc_id in list(live.state.doc_ids):
                if len(live.state.doc_ids) == 1:
                    break
                v = self.vecs[doc_id]
                self._leave(v, key)
                if self.score(v, self.live[part]) > self.score(v, live):
                    self._join(v, part)
                    moved += 1
                else:
                    self._join(v, key)
            if not moved:
                break
        if self._apart(self.live[part], live):
            return True
        for doc_id in list(self.live[part].state.doc_ids):
            self._leave(self.vecs[doc_id], part)
            self._join(self.vecs[doc_id], key)
        self._drop(part)
        return False

    def _apart(self, a: _Live, b: _Live) -> bool:
        """Whether two parts of two or more members are two events: their defining names
        conflict, or they fit each other clearly worse (by SPLIT_MARGIN) than a report
        must fit a story to join it. Splitting asks for more than joining, so that a
        story's sub-topics (one source's figures, say) stay in it."""
        if len(a.state.doc_ids) < 2 or len(b.state.doc_ids) < 2:
            return False
        return _names_conflict(a, b) or not self._fit_together(a, b, THRESHOLD - SPLIT_MARGIN)

    def _apart_or_small_misfit(self, a: _Live, b: _Live) -> bool:
        """Whether two stories must stay apart: the same test as for a split, so
        that what a split would not separate, a merge joins (and a single report
        must fit as well as it must to join)."""
        if len(a.state.doc_ids) < 2 or len(b.state.doc_ids) < 2:
            return not self._fit_together(a, b)
        return self._apart(a, b)

    def _fit_together(self, a: _Live, b: _Live, threshold: float = THRESHOLD) -> bool:
        """Whether the members of each story fit the other on average above the threshold,
        and the two do not have different defining names."""
        if _names_conflict(a, b):
            return False
        # Time is judged between the stories' spans: a long story may have members
        # far from the other story although the two spans touch.
        if a.lo is not None and b.lo is not None and max(a.lo - b.hi, b.lo - a.hi) > WINDOW_DAYS:
            return False
        for mine, other in ((a, b), (b, a)):
            fits = [self.score(self.vecs[d], other, gate=False) for d in mine.state.doc_ids]
            if sum(fits) / len(fits) < threshold:
                return False
        return True

    def _merge_touched(self) -> None:
        """Merge touched stories that are not apart: stories opened apart (a German and
        an English one, say) before the reports that link them arrived."""
        for key in sorted(self.touched):
            live = self.live.get(key)
            if live is None or not live.state.doc_ids:
                continue
            near = set()
            for doc_id in live.state.doc_ids:
                near |= self._candidates(self.vecs[doc_id])
            near = [
                k for k in near & self.touched if k != key and self.live.get(k) and self.live[k].state.doc_ids
            ]
            if len(near) > MERGE_SHORTLIST:
                # Only the stories closest by centroid are worth the full test.
                sims = np.stack([self.live[k].emb_unit() for k in near]) @ live.emb_unit()
                near = [near[i] for i in np.argsort(-sims)[:MERGE_SHORTLIST]]
            for other in sorted(near):
                if key in self.deleted:
                    continue
                o = self.live.get(other)
                if o is None or not o.state.doc_ids or self._apart_or_small_misfit(live, o):
                    continue
                small, large = sorted((key, other), key=lambda k: len(self.live[k].state.doc_ids))
                for doc_id in list(self.live[small].state.doc_ids):
                    self._leave(self.vecs[doc_id], small)
                    self._join(self.vecs[doc_id], large)
                self._drop(small)
                if small == key:
                    break
                live = self.live[key]

    def _drop(self, key: int) -> None:
        self.deleted.add(key)
        self.touched.discard(key)
        self.live.pop(key, None)

    # -- writing -----------------------------------------------------------

    def save(self) -> list[int]:
        """Write the touched stories back and drop emptied ones; returns the ids written."""
        for key in sorted(self.deleted):
            if key > 0:
                self.store.delete_story(key)
        saved = []
        features = {d: v.f for d, v in self.vecs.items()}
        for key in sorted(self.touched):
            state = self.live[key].state
            if not state.doc_ids:
                if state.id is not None:
                    self.store.delete_story(state.id)
                continue
            self._raw_sums(state)
            saved.append(self.store.save_story_state(state, self.title_for(state, features)))
        return saved

    def _raw_sums(self, state: StoryState) -> None:
        """The persisted sums: raw log-tf (weighted again with the IDF of a later batch)."""
        emb = np.zeros(self._dim(), dtype=np.float32)
        terms: dict[str, float] = defaultdict(float)
        names: dict[str, float] = defaultdict(float)
        days = []
        for doc_id in state.doc_ids:
            f = self.vecs[doc_id].f
            emb += f.embedding
            for k, c in f.terms.items():
                terms[k] += _log_tf(c)
            for k, c in f.names.items():
                names[k] += _log_tf(c)
            if f.date_lo:
                days += [f.date_lo, f.date_hi]
        state.embedding_sum = emb
        state.terms = dict(sorted(terms.items(), key=lambda kv: -kv[1])[:MAX_TERMS])
        state.names = dict(sorted(names.items(), key=lambda kv: -kv[1])[:MAX_TERMS])
        state.date_lo, state.date_hi = (min(days), max(days)) if days else (None, None)
