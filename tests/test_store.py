"""The SQLite store: schema versioning, WAL, full-text search, bad files."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from lagebild.errors import StoreError
from lagebild.model import Document, Sentence
from lagebild.store import open_store
from lagebild.store.base import FeedState
from lagebild.store.sqlite import SCHEMA_VERSION, SQLiteStore


def doc(i: int, text: str, url: str | None = None) -> Document:
    return Document(
        id=f"d{i}",
        url=url,
        source="Test",
        title=f"Titel {i}",
        text=text,
        language="de",
        text_hash=f"h{hash(text)}",
        sentences=[Sentence(0, 0, len(text), text)],
    )


def test_schema_version_and_wal(tmp_path):
    path = tmp_path / "s.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    SQLiteStore(path).close()  # reopening migrates nothing and keeps the file


def test_newer_schema_refused(tmp_path):
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this lagebild understands"):
        SQLiteStore(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "kein.db"
    path.write_text("just text, not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot open as a lagebild database"):
        open_store(str(path))


def test_roundtrip_search_and_feed_state(db):
    db.add_document(doc(1, "Die Brücke über die Elbe ist eingestürzt.", "https://a.example/1"))
    db.add_document(doc(2, "Nordkorea soll Soldaten nach Russland geschickt haben.", "https://a.example/2"))
    got = db.get_document("d1")
    assert got.sentences[0].text == got.text and got.ingested_at
    assert [d.id for d in db.search("Soldaten Russland")] == ["d2"]
    assert db.search('"; DROP TABLE documents; --') == []
    assert db.id_for_url("https://a.example/2") == "d2"
    db.save_feed_state(FeedState("https://f.example/rss", etag='"x"'))
    db.save_feed_state(FeedState("https://f.example/rss", etag='"y"', last_modified="Mon"))
    state = db.feed_state("https://f.example/rss")
    assert (state.etag, state.last_modified) == ('"y"', "Mon")


def test_failed_insert_rolls_back(db):
    bad = doc(3, "Text drei.", "https://a.example/3")
    bad.sentences = [Sentence(0, 0, 4, "Text"), Sentence(0, 5, 9, "drei")]  # duplicate index
    with pytest.raises(StoreError, match="d3: could not be stored"):
        db.add_document(bad)
    assert db.get_document("d3") is None and db.count_documents() == 0


def test_schema_5_gains_models_language_sums_and_unplaced_documents(tmp_path):
    """A file of schema 5 (features of e5, the only model there was; one document in a story,
    one in none) keeps its features and stories, and gains what placing reads instead of
    every row."""
    from lagebild.store.rows import E5_MODEL
    from lagebild.store.sqlite import MIGRATIONS, _statements

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:5]:
        for statement in _statements(script):
            conn.execute(statement)
    for i, lang, vector in ((1, "de", [1.0, 2.0]), (2, "de", [3.0, 4.0]), (3, None, [1.0, 0.0])):
        conn.execute(
            "INSERT INTO documents (id, source, kind, text, text_hash, ingested_at)"
            " VALUES (?, 'T', 'text', ?, ?, '2024-01-01')",
            (f"d{i}", f"Text {i}.", f"h{i}"),
        )
        conn.execute(
            "INSERT INTO features (doc_id, embedding, names, language) VALUES (?, ?, '{}', ?)",
            (f"d{i}", np.asarray(vector, dtype=np.float32).tobytes(), lang),
        )
    conn.execute("INSERT INTO stories (id, embedding_sum, updated_at) VALUES (1, x'', '2024-01-01')")
    conn.execute("INSERT INTO story_docs (doc_id, story_id) VALUES ('d2', 1)")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert {f.model for f in store.features(["d1", "d2", "d3"]).values()} == {E5_MODEL}
        sums = store.language_embedding_sums()
        assert {k: (n, list(v)) for k, (n, v) in sums.items()} == {"de": (2, [4, 6]), "?": (1, [1, 0])}
        assert store.featured_count() == 3 and store.unclustered_doc_ids() == ["d1", "d3"]
        assert store.story(1).doc_ids == ["d2"]


def test_a_file_of_the_first_schema_5_drops_the_term_columns_it_kept(tmp_path):
    """Schema 5 first kept the term columns and dropped them only later: a file made then
    must still take new stories (its NOT NULL terms made every story update fail)."""
    from lagebild.model import Document, Sentence
    from lagebild.store.sqlite import MIGRATIONS, _statements

    path = tmp_path / "first5.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:4]:
        for statement in _statements(script):
            conn.execute(statement)
    # Migration 5 as it first was: the indexes emptied, the name table dropped, no column.
    for statement in ("DELETE FROM stories", "DELETE FROM features", "DROP TABLE story_names"):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    text = "Die Brücke über die Elbe ist am Montag eingestürzt."
    with SQLiteStore(path) as store:
        store.add_document(
            Document(
                id="d1",
                url=None,
                source="T",
                title="Brücke",
                text=text,
                language="de",
                text_hash="h1",
                sentences=[Sentence(0, 0, len(text), text)],
            )
        )
        from lagebild.stories import update_stories

        update_stories(store)
        assert [s.doc_ids for s in store.stories()] == [["d1"]]
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(stories)")}
    assert not columns & {"terms", "names"}
