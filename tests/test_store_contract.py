"""The store interface, one suite for every store: SQLite in a temporary file, PostgreSQL in a
new database on a real server (see the postgres_server fixture in conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

from lagebild.errors import StoreError
from lagebild.model import Document, Features, Sentence, StoryState
from lagebild.store import open_store
from lagebild.store.base import FeedState


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """Where a store lives: a file path or a postgresql:// URL of an empty database."""
    if request.param == "sqlite":
        return str(tmp_path / "contract.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(target):
    with open_store(target) as store:
        yield store


def doc(i: int, text: str, url: str | None = "auto", **fields) -> Document:
    sentences, start = [], 0
    for idx, part in enumerate(text.split(". ")):
        sentences.append(Sentence(idx, start, start + len(part), part))
        start += len(part) + 2
    return Document(
        id=fields.pop("id", f"d{i}"),
        url=f"https://a.example/{i}" if url == "auto" else url,
        source=fields.pop("source", "Testblatt"),
        title=fields.pop("title", f"Titel {i}"),
        text=text,
        language=fields.pop("language", "de"),
        text_hash=f"h{text}",
        sentences=sentences,
        **fields,
    )


def test_document_roundtrip(store):
    stored = doc(
        1,
        "Die Brücke ist eingestürzt. Niemand wurde verletzt",
        published="2024-09-11T08:00:00+02:00",
        author="Anna Beispiel",
        kind="jsonl",
        meta={"rubrik": "Dresden", "tags": ["Brücke", 3]},
    )
    assert store.add_document(stored).status == "added"
    got = store.get_document("d1")
    assert (got.id, got.url, got.source, got.title, got.text) == (
        "d1",
        "https://a.example/1",
        "Testblatt",
        "Titel 1",
        stored.text,
    )
    assert (got.language, got.published, got.author, got.kind, got.text_hash, got.copy_of) == (
        "de",
        "2024-09-11T08:00:00+02:00",
        "Anna Beispiel",
        "jsonl",
        stored.text_hash,
        None,
    )
    assert got.meta == {"rubrik": "Dresden", "tags": ["Brücke", 3]} and got.ingested_at
    assert [(s.index, s.start, s.end, s.text) for s in got.sentences] == [
        (0, 0, 26, "Die Brücke ist eingestürzt"),
        (1, 28, 50, "Niemand wurde verletzt"),
    ]
    assert store.get_document("d9") is None
    assert store.id_for_url("https://a.example/1") == "d1" and store.id_for_url("https://x/") is None


def test_same_url_or_text_is_one_document_and_copies_are_marked(store):
    assert store.add_document(doc(1, "Text eins.")).status == "added"
    again = store.add_document(doc(2, "Text eins, geändert.", url="https://a.example/1"))
    assert (again.status, again.doc_id) == ("present", "d1")
    copy = store.add_document(doc(3, "Text eins."))
    assert (copy.status, copy.copy_of) == ("added", "d1")
    assert store.add_document(doc(4, "Ohne Adresse.", url=None)).status == "added"
    assert store.add_document(doc(5, "Ohne Adresse.", url=None)).doc_id == "d4"
    with pytest.raises(StoreError, match="d1: this id already names another document"):
        store.add_document(doc(6, "Anderer Text.", id="d1"))
    assert store.count_documents() == 3
    assert store.get_document("d3").copy_of == "d1"


def test_failed_insert_rolls_back(store):
    bad = doc(3, "Text drei.")
    bad.sentences = [Sentence(0, 0, 4, "Text"), Sentence(0, 5, 9, "drei")]  # the same index twice
    with pytest.raises(StoreError, match="d3: could not be stored"):
        store.add_document(bad)
    assert store.get_document("d3") is None and store.count_documents() == 0
    assert store.add_document(doc(4, "Text vier.")).status == "added"  # the store goes on


def test_nul_characters_do_not_lose_a_document(store):
    """SQLite keeps U+0000, PostgreSQL text cannot: either way the document and its
    sentence offsets are kept."""
    store.add_document(doc(1, "Vor\x00her. Danach"))
    got = store.get_document("d1")
    assert len(got.text) == 15 and got.text.startswith("Vor") and got.sentences[1].text == "Danach"


def test_documents_listing_order_and_summaries(store):
    store.add_document(doc(1, "Undatiert eins."))
    store.add_document(doc(2, "Spät. Zwei Sätze", published="2024-12-01T10:00:00+01:00"))
    store.add_document(doc(3, "Früh.", published="2024-01-05"))
    store.add_document(doc(4, "Undatiert zwei."))
    store.add_document(doc(5, "Mittel.", published="2024-06-01T00:00:00Z"))
    assert [d.id for d in store.documents()] == ["d3", "d5", "d2", "d1", "d4"]
    rows = store.summaries(["d4", "d2", "d3", "nicht-da"])
    assert [r.id for r in rows] == ["d3", "d2", "d4"]
    two = rows[1]
    assert (two.chars, two.sentences, two.title, two.kind, two.copy_of) == (16, 2, "Titel 2", "text", None)
    assert store.summaries([]) == [] and store.count_documents() == 5


def test_search_matches_words_as_sqlite_reads_them(store):
    store.add_document(
        doc(1, "Die Brücke über die Elbe ist eingestürzt. Das Kabel C-Lion1 ist 3.000 km lang")
    )
    store.add_document(
        doc(2, "Nordkorea soll Soldaten nach Russland geschickt haben.", title="Soldaten BRUCKE")
    )
    store.add_document(doc(3, "Soldaten, Soldaten und Soldaten in Russland.", title="Kursk"))

    def ids(query, limit=20):
        return sorted(d.id for d in store.search(query, limit))

    assert ids("Soldaten Russland") == ["d2", "d3"]  # every word must occur
    assert ids("brucke") == ids("BRÜCKE") == ["d1", "d2"]  # case and diacritics do not matter
    assert ids("C-Lion1") == ids("lion1") == ids("c lion1") == ["d1"]
    assert ids("3.000") == ids("000") == ["d1"]
    assert ids("Lion1-C") == []  # the parts of a word in a row, as a phrase
    assert ids("Elbe über") == ["d1"] and ids("Elbe Nordkorea") == []
    assert ids("Kursk Russland") == ["d3"] and ids("Titel 1") == ["d1"]  # titles count too
    assert ids("Brü*") == [] and ids("-- ;") == [] and ids("") == []
    assert store.search('"; DROP TABLE documents; --') == [] and store.count_documents() == 3
    assert ids("Soldaten", limit=1) in (["d2"], ["d3"])
    assert store.search("Soldaten")[0].id == "d3"  # the better match first


def test_feed_state(store):
    assert store.feed_state("https://f.example/rss") is None
    store.save_feed_state(FeedState("https://f.example/rss", etag='"x"'))
    store.save_feed_state(FeedState("https://f.example/rss", etag='"y"', last_modified="Mon", title="F"))
    state = store.feed_state("https://f.example/rss")
    assert (state.etag, state.last_modified, state.title) == ('"y"', "Mon", "F")


def test_sentence_vectors_are_kept_once(store, target):
    store.save_vectors({b"k1": b"\x01\x02", b"k2": b"\x03"})
    store.save_vectors({b"k1": b"\xff", b"k3": b"\x04"})  # a key stored before stays as it was
    assert store.vectors([b"k1", b"k2", b"k3", b"k9"]) == {b"k1": b"\x01\x02", b"k2": b"\x03", b"k3": b"\x04"}
    assert store.vectors([]) == {}
    with open_store(target, read_only=True) as reader:
        reader.save_vectors({b"k5": b"\x05"})  # a cache: a reader keeps nothing, and does not fail
        assert reader.vectors([b"k1", b"k5"]) == {b"k1": b"\x01\x02"}


class _Counting:
    """The real default model, counting what it is asked to embed, under a name of its own."""

    def __init__(self, model_id: str):
        from lagebild.embed import default_embedder

        self.real, self.calls = default_embedder(), []
        self.model_id, self.dim, self.languages = model_id, self.real.dim, self.real.languages

    def __call__(self, texts):
        self.calls.append(list(texts))
        return self.real(texts)


def test_stored_embedder_embeds_each_sentence_once_per_model(target):
    from lagebild.embed import StoredEmbedder

    texts = ["Die Brücke ist eingestürzt.", "Der Rhein ist gesperrt.", "Die Brücke ist eingestürzt."]
    model = _Counting("e5-test")
    with open_store(target) as store:
        first = StoredEmbedder(store, model)(texts)
    with open_store(target) as store:
        again = StoredEmbedder(store, model)(texts)
    assert model.calls == [texts[:2]] and abs(again - first).max() == 0
    assert abs(first - model.real(texts)).max() < 2e-3  # kept as float16
    # Another model's vectors are never read as this one's, though the texts are the same.
    other = _Counting("e5-test-2")
    with open_store(target) as store:
        StoredEmbedder(store, other)(texts)
    assert other.calls == [texts[:2]]


def test_read_only_store_reads_and_refuses_writes(store, target):
    store.add_document(doc(1, "Gelesen."))
    with open_store(target, read_only=True) as reader:
        assert reader.read_only and reader.get_document("d1").text == "Gelesen."
        with pytest.raises(StoreError, match="read-only"):
            reader.add_document(doc(2, "Geschrieben."))
        with pytest.raises(StoreError, match="read-only"):
            reader.save_feed_state(FeedState("https://f.example/rss"))
    assert store.count_documents() == 1


def test_reopening_keeps_everything(target):
    with open_store(target) as store:
        store.add_document(doc(1, "Bleibt."))
    with open_store(target) as store:
        assert store.count_documents() == 1 and not store.read_only


def test_newer_schema_refused(target):
    open_store(target).close()
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("UPDATE lagebild_schema SET version = version + 1")
    else:
        import sqlite3

        conn = sqlite3.connect(target)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    with pytest.raises(StoreError, match="newer than this lagebild understands"):
        open_store(target)


# -- clustering: features, statistics, duplicate indexes, stories ----------------------------


def features(
    doc_id: str, vector, names: dict, language: str | None = "de", lo=None, hi=None, model=""
) -> Features:
    return Features(doc_id, np.asarray(vector, dtype=np.float32), names, language, lo, hi, model)


def test_features_statistics_and_indexes(store):
    for i in (1, 2, 3):
        store.add_document(doc(i, f"Text {i}."))
    assert store.unclustered_doc_ids() == ["d1", "d2", "d3"] and store.featured_count() == 0
    store.save_features(features("d1", [1, 0], {"kursk": 1.0, "nato": 0.5}), [11, 12], [101])
    store.save_features(features("d2", [0, 1], {"kursk": 1.0}, "en", "2024-10-01", "2024-10-02"), [12], [102])
    store.save_features(features("d3", [1, 1], {"kursk": 0.3}, None), [13], [101, 103])
    got = store.features(["d2", "d9"])
    assert list(got) == ["d2"]
    f = got["d2"]
    assert (f.names, f.language, f.date_lo, f.date_hi) == ({"kursk": 1.0}, "en", "2024-10-01", "2024-10-02")
    assert f.embedding.dtype == np.float32 and list(f.embedding) == [0, 1]
    assert store.featured_count() == 3
    # df counts documents; the languages seen leave out the unknown one.
    assert store.term_stats(["n:kursk", "n:nato", "n:none"]) == {"n:kursk": (3, 2), "n:nato": (1, 1)}
    sums = store.language_embedding_sums()
    assert sorted(sums) == ["?", "de", "en"] and sums["de"][0] == 1 and list(sums["?"][1]) == [1, 1]
    assert store.docs_sharing([12], [103], exclude="d2") == {"d1", "d3"}
    assert store.docs_sharing([], [], exclude="d1") == set()
    store.set_duplicate_group("d1", "d1")
    store.set_duplicate_group("d3", "d1")
    store.set_duplicate_group("d3", "d3")  # moved to another group
    assert (store.duplicate_group("d3"), store.duplicate_group("d2")) == ("d3", None)


def test_language_sums_and_unplaced_documents_are_kept_as_they_change(store):
    """What placing a new document reads instead of every stored row: per-language sums
    of embeddings, and the documents in no story."""
    for i in (1, 2, 3):
        store.add_document(doc(i, f"Text {i}."))
    store.save_features(features("d1", [1, 0], {}), [], [])
    store.save_features(features("d2", [0, 2], {}), [], [])
    store.save_features(features("d3", [3, 0], {}, "en"), [], [])
    # Saved again under another language: taken from German, added to English.
    store.save_features(features("d2", [0, 5], {}, "en"), [], [])
    sums = store.language_embedding_sums()
    assert {lang: (n, list(total)) for lang, (n, total) in sums.items()} == {
        "de": (1, [1, 0]),
        "en": (2, [3, 5]),
    }
    assert store.featured_count() == 3
    first = store.save_story_state(StoryState(None, ["d1", "d2"], np.ones(2)), "Eins")
    store.save_story_state(StoryState(None, ["d3"], np.ones(2)), "Zwei")
    assert store.unclustered_doc_ids() == []
    store.delete_story(first)  # its documents are in no story again, in ingest order
    assert store.unclustered_doc_ids() == ["d1", "d2"]
    store.clear_features()
    assert store.featured_count() == 0 and store.language_embedding_sums() == {}
    assert store.features(["d1", "d2", "d3"]) == {} and store.term_stats(["n:x"]) == {}


def test_features_name_their_model(store):
    store.add_document(doc(1, "Text 1."))
    store.add_document(doc(2, "Text 2."))
    assert not store.features_of_other_models("e5/384")  # none stored yet
    store.save_features(features("d1", [1, 0], {}, model="e5/384"), [], [])
    assert store.features(["d1"])["d1"].model == "e5/384"
    assert not store.features_of_other_models("e5/384")
    assert store.features_of_other_models("e5/768") and store.features_of_other_models("a/1")
    store.save_features(features("d2", [1, 0], {}, model="b/2"), [], [])
    assert store.features_of_other_models("e5/384") and store.features_of_other_models("b/2")


def test_stories_are_saved_listed_and_removed(store):
    for i, day in enumerate(["2024-10-01", "2024-10-03", None, "2024-10-02"], 1):
        store.add_document(doc(i, f"Text {i}.", published=day, language="en" if i == 2 else "de"))
    first = store.save_story_state(
        StoryState(None, ["d2", "d1"], np.ones(2), "2024-10-01", "2024-10-03"), "Eins"
    )
    second = store.save_story_state(StoryState(None, ["d3"], np.zeros(2)), "Zwei")
    assert (first, second) == (1, 2)
    assert store.unclustered_doc_ids() == ["d4"]
    state = store.story_state(first)
    assert state.doc_ids == ["d2", "d1"] and list(state.embedding_sum) == [1, 1]
    assert (state.date_lo, state.date_hi) == ("2024-10-01", "2024-10-03")
    store.set_duplicate_group("d1", "d1")
    store.set_duplicate_group("d2", "d1")
    story = store.story(first)
    assert (story.title, story.doc_ids, story.languages) == ("Eins", ["d1", "d2"], ["de", "en"])
    assert (story.first_published, story.last_published) == ("2024-10-01", "2024-10-03")
    assert story.duplicate_groups == [["d1", "d2"]] and story.sources == ["Testblatt"]
    # d3 moves into story 1 and is its newest member; story 2 is left without members.
    store.save_story_state(StoryState(first, ["d1", "d2", "d3"], np.full(2, 3.0)), "Eins neu")
    assert store.story_state(first).doc_ids == ["d1", "d2", "d3"]
    assert store.story_ids_of_docs(["d1", "d3", "d4"]) == {"d1": first, "d3": first}
    centroids = store.story_centroids()
    assert centroids.ids == [first, second] and centroids.sums.tolist() == [[3, 3], [0, 0]]
    assert (centroids.date_lo, centroids.date_hi) == ([None, None], [None, None])
    assert [s.id for s in store.stories()] == [first, second] and store.story(second).doc_ids == []
    store.delete_story(second)
    assert store.story(second) is None and store.story_state(second) is None
    # The next story takes the next id after the highest, as SQLite's rowid does.
    assert store.save_story_state(StoryState(None, ["d4"], np.ones(2)), "Drei") == 2
    store.clear_stories()
    assert store.stories() == [] and store.duplicate_group("d2") is None
    assert store.unclustered_doc_ids() == ["d1", "d2", "d3", "d4"] and store.featured_count() == 0


def test_update_stories_places_every_document(store):
    from conftest import story_documents
    from lagebild.stories import recluster, update_stories

    docs = story_documents()[:12]
    for d in docs:
        store.add_document(d)
    report = update_stories(store)
    assert report.documents == len(docs) and store.unclustered_doc_ids() == []
    placed = sorted(i for s in store.stories() for i in s.doc_ids)
    assert placed == sorted(d.id for d in docs)
    before = [(s.title, s.doc_ids) for s in store.stories()]
    recluster(store)
    assert [(s.title, s.doc_ids) for s in store.stories()] == before


def test_a_new_embedding_model_embeds_and_places_every_document_anew(store):
    """Vectors of two models are never compared: when the model's name changes, every
    document's features are made again with the new one before any is placed."""
    from conftest import story_documents
    from lagebild.embed import default_embedder, model_key
    from lagebild.stories import update_stories

    docs = story_documents()[:6]
    ids = sorted(d.id for d in docs)
    for d in docs[:5]:
        store.add_document(d)
    update_stories(store)
    e5 = model_key(default_embedder())
    assert {f.model for f in store.features(ids).values()} == {e5}
    store.add_document(docs[5])
    other = _Counting("e5-test")
    report = update_stories(store, embedder=other)
    assert report.documents == 6 and len(other.calls) == 1 and len(other.calls[0]) == 6
    assert {f.model for f in store.features(ids).values()} == {"e5-test/384"}
    assert not store.features_of_other_models("e5-test/384") and store.featured_count() == 6
    assert sorted(i for s in store.stories() for i in s.doc_ids) == ids
    # The same model again: nothing is embedded, nothing placed.
    assert update_stories(store, embedder=other).documents == 0 and len(other.calls) == 1
