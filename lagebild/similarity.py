"""How alike two reports are: the one score story clustering is built on.

The score of two reports is the cosine of their language-centred lead
embeddings plus a small share of the cosine of the names both carry:

- Embedding (multilingual-e5, about 100 languages): the only signal that every
  language earns alike. Its raw vectors carry the language as well as the
  content (on the devset, three Arabic reports of three different events were
  closer to each other than to their stories), so each report's vector has its
  language's mean offset removed first. The offset is estimated from the
  store's own reports, shrunk towards zero while a language has few of them
  (a language with one report must not have its content taken for its
  language). This is the "mean centring" known to make multilingual encoders
  language-neutral.
- Names: capitalised words, transliterated to Latin letters (so "Валенсия",
  "Βαλένθια" and "Valencia" meet), cut to five letters, weighted by IDF and kept
  only when the store has seen them in two or more languages (German nouns are
  capitalised too; names survive translation). Two events told in the same
  words but at different places or with different actors (two floods, two
  hurricanes) differ here most.
Time is not part of the score: it costs and limits which groups may merge
(linkage.py): groups whose dated reports are more than WINDOW_DAYS apart stay
apart. A report without a date has an unknown time: it is judged by its
content alone and never stretches a story's span.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from lagebild.model import Features

# Shrinkage of a language's mean offset: with n reports the offset counts
# n / (n + CENTRE_SHRINK), so a language needs 5 reports before its offset
# counts half. Devset, average link on 280 characters, best threshold each:
# B-cubed 0.95 at 3, 0.97 at 5, 0.94 at 10, 0.90 without centring.
CENTRE_SHRINK = 5.0
# Share of the names cosine in the score. Names decide between events the
# embedding puts close; at 0.1 the devset's threshold plateau (F1 >= 0.93) is
# widest; at 0.2 same-language pairs start to outweigh cross-language ones.
NAME_WEIGHT = 0.1
NAME_LETTERS = 5
WINDOW_DAYS = 30


def days_apart(lo_a, hi_a, lo_b, hi_b):
    """Days between two spans [lo, hi] of day numbers (numbers or numpy arrays, which
    broadcast); negative when they overlap, NaN where a bound is NaN (undated)."""
    return np.maximum(lo_a - hi_b, lo_b - hi_a)


def day_number(iso: str) -> int:
    """An ISO date as a day count (proleptic ordinal)."""
    return date.fromisoformat(iso).toordinal()


@dataclass(slots=True)
class ReportVector:
    """A report as the score sees it."""

    doc_id: str
    embedding: np.ndarray  # language-centred, unit length
    names: dict[str, float]  # IDF-weighted multilingual names, unit length
    lo: int | None  # first and last day its date allows; None when undated
    hi: int | None


def language_offsets(sums: dict[str, tuple[int, np.ndarray]]) -> dict[str, np.ndarray]:
    """Each language's shrunk offset from the mean of all reports, from per-language
    (count, embedding sum) pairs."""
    total = sum(count for count, _ in sums.values())
    if not total:
        return {}
    mean = sum(vector for _, vector in sums.values()) / total
    return {
        lang: (count / (count + CENTRE_SHRINK)) * (vector / count - mean)
        for lang, (count, vector) in sums.items()
        if count
    }


class Similarity:
    """Turns Features into ReportVectors and scores sets of them, with the store's
    language offsets and name statistics as they are when it is made."""

    def __init__(self, store):
        self.store = store
        self.n = max(store.featured_count(), 1)
        self.offsets = language_offsets(store.language_embedding_sums())
        self._stats: dict[str, tuple[int, int]] = {}
        self._vectors: dict[str, ReportVector] = {}

    def vector(self, f: Features) -> ReportVector:
        """The report's vector (cached by document id)."""
        v = self._vectors.get(f.doc_id)
        if v is None:
            e = np.asarray(f.embedding, dtype=np.float32)
            offset = self.offsets.get(f.language or "?")
            if offset is not None:
                e = e - offset
            e = e / (float(np.linalg.norm(e)) or 1.0)
            v = ReportVector(
                f.doc_id,
                e.astype(np.float32),
                self._names(f.names),
                day_number(f.date_lo) if f.date_lo else None,
                day_number(f.date_hi) if f.date_hi else None,
            )
            self._vectors[f.doc_id] = v
        return v

    def _names(self, counts: dict[str, float]) -> dict[str, float]:
        missing = ["n:" + k for k in counts if "n:" + k not in self._stats]
        if missing:
            found = self.store.term_stats(missing)
            for key in missing:
                self._stats[key] = found.get(key, (0, 0))
        out = {}
        for name, count in counts.items():
            df, langs = self._stats["n:" + name]
            idf = math.log((self.n + 1) / (df + 0.5))
            if langs >= 2 and idf > 0 and count > 0:
                out[name] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(w * w for w in out.values())) or 1.0
        return {k: w / norm for k, w in out.items()}

    def matrix(self, rows: list[ReportVector], cols: list[ReportVector] | None = None) -> np.ndarray:
        """Scores of every row against every column (of the rows with themselves by default)."""
        cols = rows if cols is None else cols
        scores = np.stack([r.embedding for r in rows]) @ np.stack([c.embedding for c in cols]).T
        vocab: dict[str, int] = {}
        for v in (*rows, *cols):
            for name in v.names:
                vocab.setdefault(name, len(vocab))
        if vocab:
            scores += NAME_WEIGHT * (_name_matrix(rows, vocab) @ _name_matrix(cols, vocab).T)
        return scores

    def name_matrix(self, vectors: list[ReportVector]) -> np.ndarray:
        """The reports' name vectors as the rows of one matrix (over the names they carry)."""
        vocab: dict[str, int] = {}
        for v in vectors:
            for name in v.names:
                vocab.setdefault(name, len(vocab))
        return _name_matrix(vectors, vocab)


def _name_matrix(vectors: list[ReportVector], vocab: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(vectors), len(vocab)), dtype=np.float32)
    for i, v in enumerate(vectors):
        for name, w in v.names.items():
            m[i, vocab[name]] = w
    return m
