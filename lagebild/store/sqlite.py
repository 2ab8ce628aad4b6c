"""The SQLite store: one file, WAL mode, a versioned schema, FTS5 over the text."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from lagebild.errors import StoreError
from lagebild.model import AddResult, Document
from lagebild.store.base import DocumentSummary, FeedState, Store
from lagebild.store.rows import DOCUMENT_COLUMNS, E5_MODEL, document_from_rows, language_sums
from lagebild.store.sqlite_clusters import ClusterTables

# Each entry migrates the schema from version i to i+1; PRAGMA user_version
# holds the version a file is at, so later releases append, never rewrite.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        url         TEXT UNIQUE,
        source      TEXT NOT NULL,
        title       TEXT,
        author      TEXT,
        published   TEXT,
        language    TEXT,
        kind        TEXT NOT NULL,
        text        TEXT NOT NULL,
        text_hash   TEXT NOT NULL,
        copy_of     TEXT REFERENCES documents(id),
        ingested_at TEXT NOT NULL,
        meta        TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX documents_text_hash ON documents(text_hash);
    CREATE UNIQUE INDEX documents_urlless_text ON documents(text_hash) WHERE url IS NULL;
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx    INTEGER NOT NULL,
        start  INTEGER NOT NULL,
        end    INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid', tokenize='unicode61'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        title         TEXT,
        fetched_at    TEXT
    );
    """,
    # 2: clustering: features, term statistics, duplicate indexes, stories.
    """
    CREATE TABLE features (
        doc_id    TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        embedding BLOB NOT NULL,
        terms     TEXT NOT NULL,
        names     TEXT NOT NULL,
        language  TEXT,
        date_lo   TEXT,
        date_hi   TEXT
    );
    CREATE TABLE term_stats (
        term  TEXT PRIMARY KEY,
        df    INTEGER NOT NULL,
        langs TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID;
    CREATE TABLE sentence_hashes (
        hash   INTEGER NOT NULL,
        doc_id TEXT NOT NULL,
        PRIMARY KEY (hash, doc_id)
    ) WITHOUT ROWID;
    CREATE TABLE lsh_bands (
        band_key INTEGER NOT NULL,
        doc_id   TEXT NOT NULL,
        PRIMARY KEY (band_key, doc_id)
    ) WITHOUT ROWID;
    CREATE TABLE duplicates (
        doc_id   TEXT PRIMARY KEY,
        group_id TEXT NOT NULL
    );
    CREATE INDEX duplicates_group ON duplicates(group_id);
    CREATE TABLE stories (
        id            INTEGER PRIMARY KEY,
        title         TEXT,
        embedding_sum BLOB NOT NULL,
        terms         TEXT NOT NULL,
        names         TEXT NOT NULL,
        date_lo       TEXT,
        date_hi       TEXT,
        updated_at    TEXT NOT NULL
    );
    CREATE INDEX stories_dates ON stories(date_hi, date_lo);
    CREATE TABLE story_docs (
        doc_id   TEXT PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE
    );
    CREATE INDEX story_docs_story ON story_docs(story_id);
    """,
    # 3: the names that find a story's candidates without full-text search.
    """
    CREATE TABLE story_names (
        name     TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (name, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_names_story ON story_names(story_id);
    """,
    # 4: sentence embeddings, computed once when a check first needs them.
    """
    CREATE TABLE sentence_vectors (
        key    BLOB PRIMARY KEY,
        vector BLOB NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: clustering features changed (a longer lead embedded, names transliterated) and
    # stories are found another way: features, indexes and stories are made anew by the
    # next update; documents are kept. Terms and the story name index are no longer used.
    """
    DELETE FROM story_docs;
    DELETE FROM stories;
    DELETE FROM duplicates;
    DELETE FROM lsh_bands;
    DELETE FROM sentence_hashes;
    DELETE FROM term_stats;
    DELETE FROM features;
    DROP TABLE story_names;
    ALTER TABLE features DROP COLUMN terms;
    ALTER TABLE stories DROP COLUMN terms;
    ALTER TABLE stories DROP COLUMN names;
    """,
    # 6: see migrate_clustering_scale.
    lambda conn: migrate_clustering_scale(conn),
    # 7: see drop_unused_columns.
    lambda conn: drop_unused_columns(conn),
]

SCHEMA_VERSION = len(MIGRATIONS)

_SUMMARY_COLUMNS = """
    d.id, d.url, d.source, d.title, d.published, d.language, d.kind, length(d.text),
    (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id), d.copy_of
"""


class _Connection(sqlite3.Connection):
    """A connection whose writes to a read-only database raise StoreError naming the file:
    one place for every write method, instead of a bare sqlite3 error in each caller."""

    path = ""

    def execute(self, sql, parameters=(), /):
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as exc:
            raise _read_only_error(self.path, exc) from exc

    def executemany(self, sql, parameters, /):
        try:
            return super().executemany(sql, parameters)
        except sqlite3.OperationalError as exc:
            raise _read_only_error(self.path, exc) from exc


def _read_only_error(path: str, exc: sqlite3.OperationalError) -> Exception:
    if exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_READONLY:
        return StoreError(f"{path}: the database is read-only; this needs to write to it")
    return exc


# What reading a WAL database says when its -shm index is missing and cannot be made.
_NO_INDEX = (sqlite3.SQLITE_READONLY_DIRECTORY, sqlite3.SQLITE_READONLY_CANTINIT)


def writable(path: str) -> bool:
    """Whether SQLite can write the file at ``path`` (or create it): the file and its folder,
    where the write-ahead log and its index are kept, must both be writable."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(folder, os.W_OK) and (not os.path.exists(path) or os.access(path, os.W_OK))


class SQLiteStore(ClusterTables, Store):
    """A Store in one SQLite file."""

    def __init__(self, path: str | Path, read_only: bool | None = None):
        """Open (and create or migrate) the store at ``path``. ``read_only``: True opens it
        for reading only; False requires write access (StoreError without it); None opens
        it for reading only exactly when it cannot be written."""
        self.path = str(path)
        can_write = writable(self.path)
        if read_only is False and not can_write:
            raise StoreError(f"{self.path}: the database is read-only (no write access to it or its folder)")
        self.read_only = read_only or not can_write
        try:
            self.conn = self._connect()
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a lagebild database ({exc})") from exc

    def _connect(self) -> _Connection:
        if not self.read_only:
            conn = self._open(self.path)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            return conn
        uri = Path(self.path).resolve().as_uri()
        conn = self._open(f"{uri}?mode=ro", uri=True)
        try:
            sqlite3.Connection.execute(conn, "PRAGMA user_version")  # without _Connection's translation
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode not in _NO_INDEX:
                raise
            conn.close()
            # A WAL database needs its shared-memory index (the -shm file) even to be read.
            # Nobody can create it here, so nobody has the file open for writing either:
            # it cannot change while it is read, which is what immutable tells SQLite.
            conn = self._open(f"{uri}?immutable=1", uri=True)
        return conn

    def _open(self, target: str, uri: bool = False) -> _Connection:
        conn = sqlite3.connect(target, uri=uri, isolation_level=None, timeout=30, factory=_Connection)
        conn.path = self.path
        return conn

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this lagebild "
                f"understands ({SCHEMA_VERSION}); upgrade lagebild"
            )
        if version < SCHEMA_VERSION and self.read_only:
            raise StoreError(
                f"{self.path}: schema version {version} must be upgraded to {SCHEMA_VERSION}, "
                "and the database is read-only"
            )
        for target in range(version, SCHEMA_VERSION):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                step = MIGRATIONS[target]
                if callable(step):
                    step(self.conn)
                else:
                    for statement in _statements(step):
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {target + 1}")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def add_document(self, doc: Document) -> AddResult:
        """See Store.add_document; the check and the insert share one write transaction."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            result = self._add(doc)
            c.execute("COMMIT")
            return result
        except sqlite3.DatabaseError as exc:
            c.execute("ROLLBACK")
            raise StoreError(f"{doc.id}: could not be stored ({exc})") from exc
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _add(self, doc: Document) -> AddResult:
        c = self.conn
        if doc.url is not None:
            row = c.execute("SELECT id FROM documents WHERE url = ?", (doc.url,)).fetchone()
        else:
            row = c.execute(
                "SELECT id FROM documents WHERE url IS NULL AND text_hash = ?", (doc.text_hash,)
            ).fetchone()
        if row:
            return AddResult("present", row[0])
        clash = c.execute("SELECT url FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if clash:
            raise StoreError(f"{doc.id}: this id already names another document ({clash[0] or 'no URL'})")
        first = c.execute(
            "SELECT id FROM documents WHERE text_hash = ? ORDER BY rowid LIMIT 1", (doc.text_hash,)
        ).fetchone()
        copy_of = first[0] if first else None
        now = datetime.now(UTC).isoformat(timespec="seconds")
        c.execute(
            "INSERT INTO documents (id, url, source, title, author, published, language, kind,"
            " text, text_hash, copy_of, ingested_at, meta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.url,
                doc.source,
                doc.title,
                doc.author,
                doc.published,
                doc.language,
                doc.kind,
                doc.text,
                doc.text_hash,
                copy_of,
                now,
                json.dumps(doc.meta, ensure_ascii=False),
            ),
        )
        c.executemany(
            "INSERT INTO sentences (doc_id, idx, start, end) VALUES (?,?,?,?)",
            [(doc.id, s.index, s.start, s.end) for s in doc.sentences],
        )
        c.execute("INSERT INTO unplaced (doc_id) VALUES (?)", (doc.id,))
        return AddResult("added", doc.id, copy_of)

    def get_document(self, doc_id: str) -> Document | None:
        """See Store.get_document."""
        row = self.conn.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        row = row.fetchone()
        if row is None:
            return None
        sentences = self.conn.execute(
            "SELECT idx, start, end FROM sentences WHERE doc_id = ? ORDER BY idx", (doc_id,)
        )
        return document_from_rows(row, sentences)

    def id_for_url(self, url: str) -> str | None:
        """See Store.id_for_url."""
        row = self.conn.execute("SELECT id FROM documents WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def documents(self) -> Iterator[DocumentSummary]:
        """See Store.documents."""
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM documents d ORDER BY d.published IS NULL, d.published, d.rowid"
        for row in self.conn.execute(sql):
            yield DocumentSummary(*row)

    def summaries(self, doc_ids: list[str]) -> list[DocumentSummary]:
        """See Store.summaries."""
        rows = []
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i : i + 500]
            rows += self.conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM documents d WHERE d.id IN ({','.join('?' * len(chunk))})"
                " ORDER BY d.published IS NULL, d.published, d.rowid",
                chunk,
            ).fetchall()
        rows.sort(key=lambda r: (r[4] is None, r[4] or ""))
        return [DocumentSummary(*row) for row in rows]

    def count_documents(self) -> int:
        """See Store.count_documents."""
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[DocumentSummary]:
        """See Store.search; the query is matched as plain words, not FTS5 syntax."""
        words = [w for w in query.replace('"', " ").split() if w]
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts) LIMIT ?"
        )
        return [DocumentSummary(*row) for row in self.conn.execute(sql, (match, limit))]

    def feed_state(self, url: str) -> FeedState | None:
        """See Store.feed_state."""
        row = self.conn.execute(
            "SELECT url, etag, last_modified, title, fetched_at FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return FeedState(*row) if row else None

    def save_feed_state(self, state: FeedState) -> None:
        """See Store.save_feed_state."""
        self.conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, title, fetched_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,"
            " last_modified=excluded.last_modified, title=excluded.title,"
            " fetched_at=excluded.fetched_at",
            (state.url, state.etag, state.last_modified, state.title, state.fetched_at),
        )

    def vectors(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """See Store.vectors."""
        found: dict[bytes, bytes] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.conn.execute(f"SELECT key, vector FROM sentence_vectors WHERE key IN ({marks})", chunk)
            )
        return found

    def save_vectors(self, vectors: dict[bytes, bytes]) -> None:
        """See Store.save_vectors; a read-only store keeps nothing (the vectors are a cache)."""
        if self.read_only:
            return
        # One statement: atomic on its own in autocommit mode.
        self.conn.executemany(
            "INSERT OR IGNORE INTO sentence_vectors (key, vector) VALUES (?, ?)", vectors.items()
        )

    def close(self) -> None:
        """See Store.close."""
        self.conn.close()


def migrate_clustering_scale(conn: sqlite3.Connection) -> None:
    """Schema 6: placing a new document reads neither all documents nor all features.
    Features name the model that embedded them (all stored ones are e5's, the only model
    lagebild had); each language's count and sum of embeddings, and the documents in no
    story, are kept as they change instead of being found by reading every row."""
    for statement in _statements(
        f"""
        ALTER TABLE features ADD COLUMN model TEXT NOT NULL DEFAULT '';
        UPDATE features SET model = '{E5_MODEL}';
        CREATE INDEX features_model ON features(model);
        CREATE TABLE language_sums (
            language TEXT PRIMARY KEY,
            n        INTEGER NOT NULL,
            total    BLOB NOT NULL
        );
        -- In ingest order (its rowid), so that reading it joins no other table.
        CREATE TABLE unplaced (doc_id TEXT PRIMARY KEY);
        INSERT INTO unplaced (doc_id) SELECT d.id FROM documents d
            LEFT JOIN story_docs s ON s.doc_id = d.id WHERE s.doc_id IS NULL ORDER BY d.rowid;
        """
    ):
        conn.execute(statement)
    sums = language_sums(conn.execute("SELECT language, embedding FROM features ORDER BY rowid"))
    conn.executemany(
        "INSERT INTO language_sums (language, n, total) VALUES (?, ?, ?)",
        [(lang, n, total.tobytes()) for lang, (n, total) in sums.items()],
    )


def drop_unused_columns(conn: sqlite3.Connection) -> None:
    """Schema 7: files that reached schema 5 while it still kept the term columns (it
    dropped them only later) have ``stories.terms`` and ``stories.names`` NOT NULL, which
    no insert fills any more: every story update failed on them. Drop what is still there."""
    for table, column in (("features", "terms"), ("stories", "terms"), ("stories", "names")):
        if column in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("DROP TABLE IF EXISTS story_names")


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers contain inner semicolons)."""
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    return [s for s in statements if s]
