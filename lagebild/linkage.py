"""Average-link clustering of reports into stories, with time and names as constraints.

A story is a group of reports whose average pairwise score (similarity.py) is at
least THRESHOLD. Average link rather than single link: one report that resembles
two stories (a flood report that cites the other flood's toll) cannot chain them.
Time costs groups part of their average and, beyond WINDOW_DAYS, forbids a merge;
consecutive events of one kind with their own names stay apart.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from lagebild.similarity import WINDOW_DAYS, days_apart

# Average score two groups of reports need to be one story. On the devset's 143
# reports (22 stories, 16 languages) B-cubed F1 is 0.979 at 0.845, 0.973 at 0.85,
# 0.966 at 0.855, 0.937 at 0.865: above, single foreign-language reports fall out of
# their stories; at 0.835 two floods a month apart (average 0.838) merge (F1 0.90).
# At 0.85 the demo corpus's bridge collapse loses its follow-ups of later weeks.
THRESHOLD = 0.845

# Days between two groups' dated reports cost their average score up to TIME_WEIGHT
# (at WINDOW_DAYS; less the more names they share): reports of one event come close
# together, and a story that goes on for months keeps coming. At 0.05, two hurricanes
# twelve days apart merge on the devset; at 0.15, a bridge collapse and its follow-ups
# weeks later (demo corpus) fall apart; 0.1 keeps both right.
TIME_WEIGHT = 0.1

# A report or group that hardly shares names with a story (cosine of their name profiles
# below NAMES_APART), and whose own name the story lacks while it lacks the story's,
# is a consecutive event of the same kind when their dated spans are more than
# CONSECUTIVE_GAP_DAYS apart. Devset hard negatives score 0.06-0.25; random splits of
# one story into two multilingual halves 0.35 at the 1st percentile.
NAMES_APART = 0.3
CONSECUTIVE_GAP_DAYS = 2


def average_link(
    scores: np.ndarray,
    spans: list[tuple[int | None, int | None]],
    threshold: float = THRESHOLD,
    names: np.ndarray | None = None,
) -> list[int]:
    """Cluster labels of an average-link clustering of a square score matrix, cut where
    the average score between two clusters falls below ``threshold``; two clusters whose
    dated spans are more than WINDOW_DAYS apart are never merged (see _link).

    Two clusters whose average reaches the threshold have at least one pair that
    does, so the reports fall apart into the connected components of the pairs at or
    above the threshold, and each is clustered alone: the same result, at the cost of
    the largest component rather than of all reports.
    """
    n = scores.shape[0]
    names = np.zeros((n, 0)) if names is None else names
    count, component = connected_components(csr_matrix(scores >= threshold), directed=False)
    labels = np.arange(n)
    for c in range(count):
        idx = np.flatnonzero(component == c)
        if len(idx) > 1:
            sub = _link(scores[np.ix_(idx, idx)], [spans[i] for i in idx], threshold, names[idx])
            labels[idx] = idx[sub]
    return [int(x) for x in labels]


def _link(
    scores: np.ndarray, spans: list[tuple[int | None, int | None]], threshold: float, names: np.ndarray
) -> np.ndarray:
    """Average-link labels (local indexes) of one component. The days between two
    clusters' dated spans (first and last possible day of their dated members) cost
    their average (_time_cost); beyond WINDOW_DAYS they never merge, nor do
    consecutive events (_consecutive_events).

    Written by hand because scipy's linkage takes no such constraint. Clusters merge
    best pair first (Lance-Williams update of the average), so a story may grow
    through time report by report, as a long story does, while two events months
    apart stay two; undated reports have no span and never stretch one.
    """
    n = scores.shape[0]
    avg = scores.astype(np.float64)
    np.fill_diagonal(avg, -np.inf)
    size = np.ones(n)
    lo = np.array([s[0] if s[0] is not None else np.nan for s in spans], dtype=np.float64)
    hi = np.array([s[1] if s[1] is not None else np.nan for s in spans], dtype=np.float64)
    profile = names.astype(np.float64)
    norms = np.linalg.norm(profile, axis=1)
    cost = _time_cost(days_apart(lo[:, None], hi[:, None], lo[None, :], hi[None, :]), _cosines(profile))
    np.fill_diagonal(cost, np.inf)
    labels = np.arange(n)
    active = np.ones(n, dtype=bool)
    # How many reports carry each name (ties broken by weight, so that a single
    # report's most specific name counts as its own).
    carried = (names > 0).astype(np.float64)
    net = avg - cost
    # Each row's best partner, kept up to date, so that a merge costs O(n), not O(n^2).
    best = net.argmax(axis=1)
    best_val = net[np.arange(n), best]

    def refresh(rows):
        for i in rows:
            best[i] = int(np.argmax(net[i]))
            best_val[i] = net[i, best[i]]

    while True:
        a = int(np.argmax(best_val))
        b = int(best[a])
        if best_val[a] < threshold:
            break
        if _cosines(profile[a : a + 1], profile[b : b + 1])[0, 0] < NAMES_APART and _consecutive_events(
            carried[a] + 1e-3 * profile[a],
            carried[b] + 1e-3 * profile[b],
            size[a],
            size[b],
            (lo[a], hi[a]),
            (lo[b], hi[b]),
        ):
            cost[a, b] = cost[b, a] = np.inf
            net[a, b] = net[b, a] = -np.inf
            refresh((a, b))
            continue
        carried[a] += carried[b]
        # Merge b into a.
        merged = (size[a] * avg[a] + size[b] * avg[b]) / (size[a] + size[b])
        avg[a, :] = merged
        avg[:, a] = merged
        avg[a, a] = -np.inf
        avg[b, :] = -np.inf
        avg[:, b] = -np.inf
        size[a] += size[b]
        labels[labels == b] = a
        active[b] = False
        lo[a] = np.fmin(lo[a], lo[b])
        hi[a] = np.fmax(hi[a], hi[b])
        profile[a] += profile[b]
        # The merged group's name cosine with every other: over its own names only (a
        # report has a few dozen of the thousands a component has), norms kept up to date.
        own = np.flatnonzero(profile[a])
        norms[a] = np.linalg.norm(profile[a, own])
        shared = (profile[:, own] @ profile[a, own]) / np.maximum(norms * norms[a], 1e-12)
        row = np.where(active, _time_cost(days_apart(lo[a], hi[a], lo, hi), shared), np.inf)
        row[a] = np.inf
        cost[a, :] = row
        cost[:, a] = row
        net[a, :] = avg[a] - row
        net[:, a] = net[a, :]
        net[b, :] = -np.inf
        net[:, b] = -np.inf
        best_val[b] = -np.inf
        stale = np.flatnonzero(active & ((best == a) | (best == b)))
        better = active & (net[:, a] > best_val)
        best[better] = a
        best_val[better] = net[better, a]
        refresh([a, *stale])
    return labels


def _consecutive_events(names_a, names_b, size_a, size_b, span_a, span_b) -> bool:
    """Whether a report or group is a later or earlier event of the same kind as a story
    of three or more reports: their dated spans are more than CONSECUTIVE_GAP_DAYS
    apart, the story has a defining name (carried by most of its reports) that the
    other side mostly lacks, and the other side's own most carried name is rare in
    the story. Hurricanes, storms and operations a week apart are told in the same
    words; their names tell them apart. At the same time, different names are facets
    of one story (two cables cut in one night)."""
    if np.isnan(span_a[0]) or np.isnan(span_b[0]) or names_a.size == 0:
        return False
    if days_apart(*span_a, *span_b) <= CONSECUTIVE_GAP_DAYS:
        return False
    for story, other, n_story, n_other in (
        (names_a, names_b, size_a, size_b),
        (names_b, names_a, size_b, size_a),
    ):
        if n_story < 3 or not other.any():
            continue
        top, own = int(np.argmax(story)), int(np.argmax(other))
        if (
            story[top] >= 0.6 * n_story
            and other[top] <= 0.2 * n_other
            and other[own] >= 0.6 * n_other
            and story[own] <= 0.2 * n_story
        ):
            return True
    return False


def _time_cost(gap: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """What the days between two groups' dated spans cost their average score: nothing
    when they overlap or either is undated (NaN), up to TIME_WEIGHT at WINDOW_DAYS,
    less the more names they share (``shared``, the cosine of their name profiles), and
    beyond WINDOW_DAYS they never merge."""
    days = np.nan_to_num(gap, nan=0.0).clip(min=0.0)
    return np.where(days > WINDOW_DAYS, np.inf, TIME_WEIGHT * days / WINDOW_DAYS * (1.0 - shared))


def _cosines(rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
    cols = rows if cols is None else cols
    if rows.shape[1] == 0:
        return np.zeros((rows.shape[0], cols.shape[0]))
    rn = np.linalg.norm(rows, axis=1)
    cn = np.linalg.norm(cols, axis=1)
    return (rows @ cols.T) / np.maximum(np.outer(rn, cn), 1e-12)
