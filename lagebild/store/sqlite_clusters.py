"""The SQLite tables behind dedup and clustering: features, statistics, indexes, stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import numpy as np

from lagebild.model import Features, Story, StoryState
from lagebild.store.base import StoryCentroids
from lagebild.store.rows import add_to_sum, blob, centroids, largest_first, story_from_rows, vector

_CHUNK = 500  # SQLite limits the number of ? parameters in one statement


def _chunks(items: list, size: int = _CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class ClusterTables:
    """Mixed into SQLiteStore; uses its ``conn`` (autocommit, explicit transactions)."""

    conn = None  # set by SQLiteStore

    def unclustered_doc_ids(self) -> list[str]:
        rows = self.conn.execute("SELECT doc_id FROM unplaced ORDER BY rowid")
        return [r[0] for r in rows]

    def save_features(self, features: Features, sentence_hashes: list[int], band_keys: list[int]) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            old = c.execute(
                "SELECT language, embedding FROM features WHERE doc_id = ?", (features.doc_id,)
            ).fetchone()
            if old:
                self._add_to_sum(old[0], vector(old[1]), -1)
            c.execute(
                "INSERT OR REPLACE INTO features"
                " (doc_id, embedding, names, language, date_lo, date_hi, model) VALUES (?,?,?,?,?,?,?)",
                (
                    features.doc_id,
                    blob(features.embedding),
                    json.dumps(features.names),
                    features.language,
                    features.date_lo,
                    features.date_hi,
                    features.model,
                ),
            )
            self._add_to_sum(features.language, features.embedding, 1)
            self._count_terms(features)
            c.executemany(
                "INSERT OR IGNORE INTO sentence_hashes (hash, doc_id) VALUES (?,?)",
                [(h, features.doc_id) for h in sentence_hashes],
            )
            c.executemany(
                "INSERT OR IGNORE INTO lsh_bands (band_key, doc_id) VALUES (?,?)",
                [(k, features.doc_id) for k in band_keys],
            )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _add_to_sum(self, language: str | None, embedding, sign: int) -> None:
        key = language or "?"
        row = self.conn.execute("SELECT n, total FROM language_sums WHERE language = ?", (key,)).fetchone()
        self.conn.execute(
            "INSERT OR REPLACE INTO language_sums (language, n, total) VALUES (?, ?, ?)",
            (key, *add_to_sum(row, embedding, sign)),
        )

    def _count_terms(self, features: Features) -> None:
        lang = features.language or "?"
        keys = [f"n:{n}" for n in features.names]
        known = {}
        for chunk in _chunks(keys):
            for term, langs in self.conn.execute(
                f"SELECT term, langs FROM term_stats WHERE term IN ({_marks(len(chunk))})", chunk
            ):
                known[term] = langs
        updates, inserts = [], []
        for key in keys:
            if key in known:
                langs = set(filter(None, known[key].split(",")))
                langs.add(lang)
                updates.append((",".join(sorted(langs)), key))
            else:
                inserts.append((key, lang))
        self.conn.executemany("UPDATE term_stats SET df = df + 1, langs = ? WHERE term = ?", updates)
        self.conn.executemany("INSERT INTO term_stats (term, df, langs) VALUES (?, 1, ?)", inserts)

    def features(self, doc_ids: list[str]) -> dict[str, Features]:
        out = {}
        for chunk in _chunks(list(doc_ids)):
            for row in self.conn.execute(
                "SELECT doc_id, embedding, names, language, date_lo, date_hi, model FROM features"
                f" WHERE doc_id IN ({_marks(len(chunk))})",
                chunk,
            ):
                out[row[0]] = Features(row[0], vector(row[1]), json.loads(row[2]), *row[3:])
        return out

    def language_embedding_sums(self) -> dict[str, tuple[int, np.ndarray]]:
        rows = self.conn.execute("SELECT language, n, total FROM language_sums WHERE n > 0")
        return {lang: (n, vector(total)) for lang, n, total in rows}

    def featured_count(self) -> int:
        return self.conn.execute("SELECT coalesce(sum(n), 0) FROM language_sums").fetchone()[0]

    def features_of_other_models(self, model: str) -> bool:
        # Two ranges of the index, not "<>", which would read every row of this model.
        return any(
            self.conn.execute(f"SELECT 1 FROM features WHERE model {op} ? LIMIT 1", (model,)).fetchone()
            for op in ("<", ">")
        )

    def clear_features(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in ("features", "language_sums", "term_stats", "sentence_hashes", "lsh_bands"):
                c.execute(f"DELETE FROM {table}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def term_stats(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        out = {}
        for chunk in _chunks(list(keys)):
            for term, df, langs in self.conn.execute(
                f"SELECT term, df, langs FROM term_stats WHERE term IN ({_marks(len(chunk))})", chunk
            ):
                out[term] = (df, len([x for x in langs.split(",") if x and x != "?"]))
        return out

    def docs_sharing(self, sentence_hashes: list[int], band_keys: list[int], exclude: str) -> set[str]:
        found: set[str] = set()
        for table, column, values in (
            ("sentence_hashes", "hash", sentence_hashes),
            ("lsh_bands", "band_key", band_keys),
        ):
            for chunk in _chunks(list(values)):
                found.update(
                    r[0]
                    for r in self.conn.execute(
                        f"SELECT DISTINCT doc_id FROM {table} WHERE {column} IN ({_marks(len(chunk))})",
                        chunk,
                    )
                )
        found.discard(exclude)
        return found

    def set_duplicate_group(self, doc_id: str, group_id: str) -> None:
        self.conn.execute(
            "INSERT INTO duplicates (doc_id, group_id) VALUES (?, ?)"
            " ON CONFLICT(doc_id) DO UPDATE SET group_id = excluded.group_id",
            (doc_id, group_id),
        )

    def duplicate_group(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT group_id FROM duplicates WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def story_centroids(self) -> StoryCentroids:
        rows = self.conn.execute("SELECT id, embedding_sum, date_lo, date_hi FROM stories ORDER BY id")
        return centroids(rows.fetchall())

    def story_ids_of_docs(self, doc_ids: list[str]) -> dict[str, int]:
        out = {}
        for chunk in _chunks(list(doc_ids)):
            out.update(
                self.conn.execute(
                    f"SELECT doc_id, story_id FROM story_docs WHERE doc_id IN ({_marks(len(chunk))})", chunk
                ).fetchall()
            )
        return out

    def story_state(self, story_id: int) -> StoryState | None:
        row = self.conn.execute(
            "SELECT embedding_sum, date_lo, date_hi FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        doc_ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT doc_id FROM story_docs WHERE story_id = ? ORDER BY rowid", (story_id,)
            )
        ]
        return StoryState(story_id, doc_ids, vector(row[0]).copy(), row[1], row[2])

    def save_story_state(self, state: StoryState, title: str | None) -> int:
        c = self.conn
        now = datetime.now(UTC).isoformat(timespec="seconds")
        values = (
            title,
            blob(state.embedding_sum),
            state.date_lo,
            state.date_hi,
            now,
        )
        c.execute("BEGIN IMMEDIATE")
        try:
            if state.id is None:
                cur = c.execute(
                    "INSERT INTO stories (title, embedding_sum, date_lo, date_hi, updated_at)"
                    " VALUES (?,?,?,?,?)",
                    values,
                )
                state.id = cur.lastrowid
            else:
                c.execute(
                    "UPDATE stories SET title=?, embedding_sum=?, date_lo=?, date_hi=?,"
                    " updated_at=? WHERE id=?",
                    (*values, state.id),
                )
                c.execute("DELETE FROM story_docs WHERE story_id = ?", (state.id,))
            c.executemany(
                "INSERT OR REPLACE INTO story_docs (doc_id, story_id) VALUES (?, ?)",
                [(d, state.id) for d in state.doc_ids],
            )
            c.executemany("DELETE FROM unplaced WHERE doc_id = ?", [(d,) for d in state.doc_ids])
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return state.id

    def delete_story(self, story_id: int) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute(
                "INSERT OR IGNORE INTO unplaced (doc_id) SELECT s.doc_id FROM story_docs s"
                " JOIN documents d ON d.id = s.doc_id WHERE s.story_id = ? ORDER BY d.rowid",
                (story_id,),
            )
            c.execute("DELETE FROM story_docs WHERE story_id = ?", (story_id,))
            c.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def clear_stories(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM story_docs")
            c.execute("DELETE FROM stories")
            c.execute("DELETE FROM duplicates")
            c.execute("INSERT OR IGNORE INTO unplaced (doc_id) SELECT id FROM documents ORDER BY rowid")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def stories(self) -> list[Story]:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM stories")]
        return largest_first(self.story(i) for i in ids)

    def story(self, story_id: int) -> Story | None:
        head = self.conn.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
        if head is None:
            return None
        rows = self.conn.execute(
            "SELECT d.id, d.language, d.source, d.published, dup.group_id FROM story_docs s"
            " JOIN documents d ON d.id = s.doc_id LEFT JOIN duplicates dup ON dup.doc_id = d.id"
            " WHERE s.story_id = ? ORDER BY d.published IS NULL, d.published, d.rowid",
            (story_id,),
        ).fetchall()
        return story_from_rows(story_id, head[0], rows)
