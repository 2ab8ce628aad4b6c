"""The SQLite tables behind dedup and clustering: features, statistics, indexes, stories."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime

import numpy as np

from lagebild.model import Features, Story, StoryState

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
        rows = self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN story_docs s ON s.doc_id = d.id"
            " WHERE s.doc_id IS NULL ORDER BY d.rowid"
        )
        return [r[0] for r in rows]

    def save_features(self, features: Features, sentence_hashes: list[int], band_keys: list[int]) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute(
                "INSERT OR REPLACE INTO features"
                " (doc_id, embedding, names, language, date_lo, date_hi) VALUES (?,?,?,?,?,?)",
                (
                    features.doc_id,
                    np.asarray(features.embedding, dtype=np.float32).tobytes(),
                    json.dumps(features.names),
                    features.language,
                    features.date_lo,
                    features.date_hi,
                ),
            )
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
                "SELECT doc_id, embedding, names, language, date_lo, date_hi FROM features"
                f" WHERE doc_id IN ({_marks(len(chunk))})",
                chunk,
            ):
                out[row[0]] = Features(
                    row[0],
                    np.frombuffer(row[1], dtype=np.float32),
                    json.loads(row[2]),
                    row[3],
                    row[4],
                    row[5],
                )
        return out

    def language_embedding_sums(self) -> dict[str, tuple[int, np.ndarray]]:
        out: dict[str, tuple[int, np.ndarray]] = {}
        for lang, emb in self.conn.execute("SELECT language, embedding FROM features"):
            key = lang or "?"
            c, v = out.get(key, (0, 0.0))
            out[key] = (c + 1, v + np.frombuffer(emb, dtype=np.float32))
        return out

    def featured_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM features").fetchone()[0]

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

    def story_centroids(self) -> dict[int, tuple[np.ndarray, str | None, str | None]]:
        rows = self.conn.execute("SELECT id, embedding_sum, date_lo, date_hi FROM stories")
        return {sid: (np.frombuffer(blob, dtype=np.float32), lo, hi) for sid, blob, lo, hi in rows}

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
        return StoryState(
            story_id,
            doc_ids,
            np.frombuffer(row[0], dtype=np.float32).copy(),
            row[1],
            row[2],
        )

    def save_story_state(self, state: StoryState, title: str | None) -> int:
        c = self.conn
        now = datetime.now(UTC).isoformat(timespec="seconds")
        values = (
            title,
            np.asarray(state.embedding_sum, dtype=np.float32).tobytes(),
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
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return state.id

    def delete_story(self, story_id: int) -> None:
        self.conn.execute("DELETE FROM story_docs WHERE story_id = ?", (story_id,))
        self.conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def clear_stories(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        c.execute("DELETE FROM story_docs")
        c.execute("DELETE FROM stories")
        c.execute("DELETE FROM duplicates")
        c.execute("COMMIT")

    def stories(self) -> list[Story]:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM stories")]
        stories = [self.story(i) for i in ids]
        return sorted(
            (s for s in stories if s is not None),
            key=lambda s: (-s.size, s.last_published or "", s.id),
        )

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
        groups: dict[str, list[str]] = defaultdict(list)
        for doc_id, _, _, _, group in rows:
            if group:
                groups[group].append(doc_id)
        dates = [r[3] for r in rows if r[3]]
        return Story(
            id=story_id,
            title=head[0] or "",
            doc_ids=[r[0] for r in rows],
            languages=sorted({r[1] for r in rows if r[1]}),
            sources=sorted({r[2] for r in rows}),
            first_published=min(dates) if dates else None,
            last_published=max(dates) if dates else None,
            duplicate_groups=[g for g in groups.values() if len(g) > 1],
        )
