"""The PostgreSQL tables behind dedup and clustering: features, statistics, indexes, stories.

The same rows and the same answers as sqlite_clusters.py. Vectors are float32 bytes in
BYTEA columns (pgvector is not among Debian 12's packages, and nothing here searches by
vector inside the database). Rows that several writers may touch at once are written in
one order (sorted keys) with ``ON CONFLICT``, so that two writers neither deadlock nor fail.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import numpy as np

from lagebild.model import Features, Story, StoryState
from lagebild.store.base import StoryCentroids
from lagebild.store.rows import add_to_sum, centroids, largest_first, story_from_rows
from lagebild.store.rows import blob as _blob
from lagebild.store.rows import vector as _vector


class PostgresClusterTables:
    """Mixed into PostgresStore; uses its ``conn`` (autocommit) and ``_retry`` (transactions)."""

    @contextmanager
    def clustering(self) -> Iterator[None]:
        """See Store.clustering: a session advisory lock, held by one process at a time."""
        from lagebild.store.postgres import CLUSTERING_LOCK

        if self.read_only:
            yield
            return
        self.conn.execute("SELECT pg_advisory_lock(%s)", (CLUSTERING_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (CLUSTERING_LOCK,))

    def unclustered_doc_ids(self) -> list[str]:
        """See Store.unclustered_doc_ids."""
        rows = self.conn.execute("SELECT doc_id FROM unplaced ORDER BY seq")
        return [r[0] for r in rows]

    def save_features(self, features: Features, sentence_hashes: list[int], band_keys: list[int]) -> None:
        """See Store.save_features."""
        self._retry(lambda: self._save_features(features, sentence_hashes, band_keys))

    def _save_features(self, features: Features, sentence_hashes: list[int], band_keys: list[int]) -> None:
        c = self.conn
        old = c.execute(
            "SELECT language, embedding FROM features WHERE doc_id = %s FOR UPDATE", (features.doc_id,)
        ).fetchone()
        c.execute(
            "INSERT INTO features (doc_id, embedding, names, language, date_lo, date_hi, model)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (doc_id) DO UPDATE SET"
            " embedding = excluded.embedding, names = excluded.names, language = excluded.language,"
            " date_lo = excluded.date_lo, date_hi = excluded.date_hi, seq = excluded.seq,"
            " model = excluded.model",
            (
                features.doc_id,
                _blob(features.embedding),
                json.dumps(features.names),
                features.language,
                features.date_lo,
                features.date_hi,
                features.model,
            ),
        )
        c.execute(
            "INSERT INTO term_stats (term, df, langs) SELECT t, 1, ARRAY[%(lang)s::text]"
            " FROM unnest(%(terms)s::text[]) t ON CONFLICT (term) DO UPDATE SET df = term_stats.df + 1,"
            " langs = CASE WHEN %(lang)s::text = ANY(term_stats.langs) THEN term_stats.langs"
            " ELSE term_stats.langs || %(lang)s::text END",
            {"lang": features.language or "?", "terms": sorted({f"n:{n}" for n in features.names})},
        )
        for table, column, values in (
            ("sentence_hashes", "hash", sentence_hashes),
            ("lsh_bands", "band_key", band_keys),
        ):
            c.execute(
                f"INSERT INTO {table} ({column}, doc_id) SELECT v, %s FROM unnest(%s::bigint[]) v"
                " ON CONFLICT DO NOTHING",
                (features.doc_id, sorted(set(values))),
            )
        # Last, in the order of their languages: writers of one language take turns here.
        changes = [(features.language, features.embedding, 1)]
        if old:
            changes.append((old[0], _vector(old[1]), -1))
        for language, embedding, sign in sorted(changes, key=lambda c: (c[0] or "?", c[2])):
            self._add_to_sum(language, embedding, sign)

    def _add_to_sum(self, language: str | None, embedding, sign: int) -> None:
        key = language or "?"
        self.conn.execute(
            "INSERT INTO language_sums (language, n, total) VALUES (%s, 0, '') ON CONFLICT DO NOTHING", (key,)
        )
        row = self.conn.execute(
            "SELECT n, total FROM language_sums WHERE language = %s FOR UPDATE", (key,)
        ).fetchone()
        n, total = add_to_sum((row[0], bytes(row[1])) if row[0] else None, embedding, sign)
        self.conn.execute("UPDATE language_sums SET n = %s, total = %s WHERE language = %s", (n, total, key))

    def features(self, doc_ids: list[str]) -> dict[str, Features]:
        """See Store.features."""
        rows = self.conn.execute(
            "SELECT doc_id, embedding, names, language, date_lo, date_hi, model FROM features"
            " WHERE doc_id = ANY(%s::text[])",
            (list(doc_ids),),
        )
        return {row[0]: Features(row[0], _vector(row[1]), json.loads(row[2]), *row[3:]) for row in rows}

    def language_embedding_sums(self) -> dict[str, tuple[int, np.ndarray]]:
        """See Store.language_embedding_sums."""
        rows = self.conn.execute("SELECT language, n, total FROM language_sums WHERE n > 0")
        return {lang: (n, _vector(total)) for lang, n, total in rows}

    def featured_count(self) -> int:
        """See Store.featured_count."""
        return self.conn.execute("SELECT coalesce(sum(n), 0) FROM language_sums").fetchone()[0]

    def features_of_other_models(self, model: str) -> bool:
        """See Store.features_of_other_models."""
        # Two ranges of the index, not "<>", which would read every row of this model.
        row = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM features WHERE model < %s)"
            " OR EXISTS (SELECT 1 FROM features WHERE model > %s)",
            (model, model),
        ).fetchone()
        return bool(row[0])

    def clear_features(self) -> None:
        """See Store.clear_features."""

        def clear() -> None:
            for table in ("features", "language_sums", "term_stats", "sentence_hashes", "lsh_bands"):
                self.conn.execute(f"DELETE FROM {table}")

        self._retry(clear)

    def term_stats(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """See Store.term_stats."""
        rows = self.conn.execute(
            "SELECT term, df, cardinality(array_remove(langs, '?')) FROM term_stats"
            " WHERE term = ANY(%s::text[])",
            (list(keys),),
        )
        return {term: (df, langs) for term, df, langs in rows}

    def docs_sharing(self, sentence_hashes: list[int], band_keys: list[int], exclude: str) -> set[str]:
        """See Store.docs_sharing."""
        rows = self.conn.execute(
            "SELECT doc_id FROM sentence_hashes WHERE hash = ANY(%s::bigint[])"
            " UNION SELECT doc_id FROM lsh_bands WHERE band_key = ANY(%s::bigint[])",
            (list(sentence_hashes), list(band_keys)),
        )
        return {r[0] for r in rows} - {exclude}

    def set_duplicate_group(self, doc_id: str, group_id: str) -> None:
        """See Store.set_duplicate_group."""
        self.conn.execute(
            "INSERT INTO duplicates (doc_id, group_id) VALUES (%s, %s)"
            " ON CONFLICT (doc_id) DO UPDATE SET group_id = excluded.group_id",
            (doc_id, group_id),
        )

    def duplicate_group(self, doc_id: str) -> str | None:
        """See Store.duplicate_group."""
        row = self.conn.execute("SELECT group_id FROM duplicates WHERE doc_id = %s", (doc_id,)).fetchone()
        return row[0] if row else None

    def story_centroids(self) -> StoryCentroids:
        """See Store.story_centroids."""
        rows = self.conn.execute("SELECT id, embedding_sum, date_lo, date_hi FROM stories ORDER BY id")
        return centroids(rows.fetchall())

    def story_ids_of_docs(self, doc_ids: list[str]) -> dict[str, int]:
        """See Store.story_ids_of_docs."""
        rows = self.conn.execute(
            "SELECT doc_id, story_id FROM story_docs WHERE doc_id = ANY(%s::text[])", (list(doc_ids),)
        )
        return dict(rows.fetchall())

    def story_state(self, story_id: int) -> StoryState | None:
        """See Store.story_state."""
        row = self.conn.execute(
            "SELECT embedding_sum, date_lo, date_hi FROM stories WHERE id = %s", (story_id,)
        ).fetchone()
        if row is None:
            return None
        doc_ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT doc_id FROM story_docs WHERE story_id = %s ORDER BY seq", (story_id,)
            )
        ]
        return StoryState(story_id, doc_ids, _vector(row[0]).copy(), row[1], row[2])

    def save_story_state(self, state: StoryState, title: str | None) -> int:
        """See Store.save_story_state; a new story gets the next id after the highest, as
        SQLite's INTEGER PRIMARY KEY gives it."""
        return self._retry(lambda: self._save_story_state(state, title))

    def _save_story_state(self, state: StoryState, title: str | None) -> int:
        from lagebild.store.postgres import STORY_ID_LOCK

        c = self.conn
        values = (
            title,
            _blob(state.embedding_sum),
            state.date_lo,
            state.date_hi,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
        if state.id is None:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (STORY_ID_LOCK,))
            story_id = c.execute(
                "INSERT INTO stories (id, title, embedding_sum, date_lo, date_hi, updated_at)"
                " SELECT coalesce(max(id), 0) + 1, %s, %s, %s, %s, %s FROM stories RETURNING id",
                values,
            ).fetchone()[0]
        else:
            story_id = state.id
            c.execute(
                "UPDATE stories SET title = %s, embedding_sum = %s, date_lo = %s, date_hi = %s,"
                " updated_at = %s WHERE id = %s",
                (*values, story_id),
            )
            c.execute("DELETE FROM story_docs WHERE story_id = %s", (story_id,))
        # A document in another story moves here and counts as newly added (SQLite's
        # INSERT OR REPLACE gives it a new rowid, which orders a story's members).
        c.execute(
            "INSERT INTO story_docs (doc_id, story_id) SELECT d, %s FROM unnest(%s::text[])"
            " WITH ORDINALITY AS m(d, n) ORDER BY n"
            " ON CONFLICT (doc_id) DO UPDATE SET story_id = excluded.story_id, seq = excluded.seq",
            (story_id, list(dict.fromkeys(state.doc_ids))),
        )
        c.execute("DELETE FROM unplaced WHERE doc_id = ANY(%s::text[])", (list(state.doc_ids),))
        state.id = story_id
        return story_id

    def delete_story(self, story_id: int) -> None:
        """See Store.delete_story."""

        def delete() -> None:
            self.conn.execute(
                "INSERT INTO unplaced (doc_id) SELECT s.doc_id FROM story_docs s"
                " JOIN documents d ON d.id = s.doc_id WHERE s.story_id = %s ORDER BY d.seq"
                " ON CONFLICT DO NOTHING",
                (story_id,),
            )
            self.conn.execute("DELETE FROM story_docs WHERE story_id = %s", (story_id,))
            self.conn.execute("DELETE FROM stories WHERE id = %s", (story_id,))

        self._retry(delete)

    def clear_stories(self) -> None:
        """See Store.clear_stories."""

        def clear() -> None:
            self.conn.execute("DELETE FROM story_docs")
            self.conn.execute("DELETE FROM stories")
            self.conn.execute("DELETE FROM duplicates")
            self.conn.execute(
                "INSERT INTO unplaced (doc_id) SELECT id FROM documents ORDER BY seq ON CONFLICT DO NOTHING"
            )

        self._retry(clear)

    def stories(self) -> list[Story]:
        """See Store.stories."""
        ids = [r[0] for r in self.conn.execute("SELECT id FROM stories")]
        return largest_first(self.story(i) for i in ids)

    def story(self, story_id: int) -> Story | None:
        """See Store.story."""
        head = self.conn.execute("SELECT title FROM stories WHERE id = %s", (story_id,)).fetchone()
        if head is None:
            return None
        rows = self.conn.execute(
            "SELECT d.id, d.language, d.source, d.published, dup.group_id FROM story_docs s"
            " JOIN documents d ON d.id = s.doc_id LEFT JOIN duplicates dup ON dup.doc_id = d.id"
            " WHERE s.story_id = %s ORDER BY d.published IS NULL, d.published, d.seq",
            (story_id,),
        ).fetchall()
        return story_from_rows(story_id, head[0], rows)
