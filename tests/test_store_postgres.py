"""What only the PostgreSQL store has to show: bad URLs and servers that are down, in one
line; several writers at once, threads and processes, losing nothing and never failing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from lagebild.errors import StoreError
from lagebild.store import open_store


def _lagebild(*args: str, db: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args, "--db", db],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "url, reason",
    [
        ("postgresql://lagebild:geheim@127.0.0.1:1/lagebild", "Connection refused"),
        ("postgresql://lagebild@127.0.0.1:abc/lagebild", 'invalid integer value "abc"'),
        ("postgresql://lagebild@127.0.0.1/lagebild?kein=1", 'invalid URI query parameter: "kein"'),
    ],
)
def test_bad_url_or_server_down_is_one_line_naming_it(url, reason):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "\n" not in message and "geheim" not in message and reason in message
    assert message.startswith(url.replace(":geheim", "") + ": cannot connect to PostgreSQL")
    for command in (["stories"], ["serve", "--port", "1"]):
        done = _lagebild(*command, db=url, timeout=60)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.strip() == f"lagebild: {message}"


def test_missing_database_is_named(postgres_server):
    url = urlunsplit(urlsplit(postgres_server)._replace(path="/gibt_es_nicht"))
    done = _lagebild("docs", db=url, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert 'database "gibt_es_nicht" does not exist' in done.stderr and len(done.stderr.splitlines()) == 1


def test_database_of_another_application_is_refused_in_one_line(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE documents (name TEXT)")
    with pytest.raises(StoreError, match='cannot create the lagebild tables .*"documents" already exists'):
        open_store(postgres_url)
    done = _lagebild("docs", db=postgres_url, timeout=60)
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1


def test_schema_is_made_once_when_processes_open_a_new_database_at_once(postgres_url):
    command = [sys.executable, "-m", "lagebild", "docs", "--json", "--db", postgres_url]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "abc"
    ]
    outputs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0, 0], outputs
    assert [json.loads(out) for out, _ in outputs] == [[], [], []]


def _report(i: int, text: str, url: str):
    from lagebild.model import Document, Sentence

    return Document(
        id=f"r{i}",
        url=url,
        source="Testblatt",
        title=None,
        text=text,
        language="de",
        text_hash=f"h{text}",
        sentences=[Sentence(0, 0, len(text), text)],
    )


def test_threads_adding_the_same_documents_store_each_once(postgres_url):
    """Eight writers, each with its own connection, add the same 40 reports at once: 20
    URLs, and each text under two URLs. Every URL is stored once, every text has exactly
    one original and one copy of it, and no writer fails."""
    import threading

    reports = [_report(i, f"Meldung Nummer {i // 2}.", f"https://a.example/{i}") for i in range(20)]
    open_store(postgres_url).close()  # the schema, made once (its own test is in the contract suite)
    start, results, failures = threading.Barrier(8), [], []

    def write(order):
        try:
            with open_store(postgres_url) as store:
                start.wait()
                results.extend(store.add_document(reports[i]) for i in order)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure of a writer
            failures.append(exc)

    orders = [list(range(20)) if w % 2 else list(reversed(range(20))) for w in range(8)]
    threads = [threading.Thread(target=write, args=(order,)) for order in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == [] and len(results) == 160
    assert sorted(r.doc_id for r in results if r.status == "added") == sorted(r.id for r in reports)
    with open_store(postgres_url) as store:
        rows = list(store.documents())
        assert len(rows) == 20 and len({r.url for r in rows}) == 20
        originals = [r for r in rows if r.copy_of is None]
        assert len(originals) == 10
        for row in rows:
            if row.copy_of:
                original = store.get_document(row.copy_of)
                assert original.copy_of is None and original.text == store.get_document(row.id).text


def _wait_for(url: str, deadline: float):
    import time

    import httpx

    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.2)


def test_two_ingests_and_a_serving_web_server_lose_nothing(postgres_url, web, tmp_path):
    """Two `lagebild ingest` processes store overlapping inputs and place them in stories
    while `lagebild serve` answers requests and runs an ingest job of its own: no process
    fails, every document is stored once and placed in exactly one story."""
    import os
    import time

    import httpx

    from conftest import DATA, _free_port
    from lagebild.demo import corpus_path

    open_store(postgres_url).close()
    port = _free_port()
    env = {**os.environ, "LAGEBILD_DB": postgres_url}
    server = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "serve", "--port", str(port), "--allow-private"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/api/stories", time.monotonic() + 60)
        corpus, extra = str(corpus_path()), str(DATA / "stories.jsonl")
        ingests = [
            subprocess.Popen(
                [sys.executable, "-m", "lagebild", "ingest", *inputs, "--format", "json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for inputs in ([corpus, extra], [extra, corpus])
        ]
        pages = [f"{web.base}/artikel/{name}.html" for name in ("sturm-kueste", "kabel-schaden")]
        job = httpx.post(base + "/api/ingest", json={"inputs": pages}, timeout=30)
        assert job.status_code == 202
        while any(p.poll() is None for p in ingests):
            for path in ("/api/stories", "/api/documents", "/"):
                assert httpx.get(base + path, timeout=60).status_code == 200
        outputs = [p.communicate(timeout=300) for p in ingests]
        deadline = time.monotonic() + 300
        while (state := httpx.get(base + job.headers["location"], timeout=30).json())["state"] != "done":
            assert state["state"] != "failed" and time.monotonic() < deadline, state
            time.sleep(0.3)
    finally:
        server.terminate()
        _, server_err = server.communicate(timeout=30)
    for process, (_, err) in zip(ingests, outputs, strict=True):
        assert process.returncode == 0 and "Traceback" not in err, err
    assert "Traceback" not in server_err and "ERROR" not in server_err, server_err
    with open_store(postgres_url) as store:
        rows = list(store.documents())
        lines = [line for f in (corpus, extra) for line in Path(f).read_text("utf-8").splitlines()]
        expected = {json.loads(line)["id"] for line in lines}
        stored = [r.id for r in rows]
        assert len(stored) == len(set(stored)) == len(expected) + 2 and expected <= set(stored)
        assert len({r.url for r in rows}) == len(rows)
        assert store.unclustered_doc_ids() == []
        placed = [d for s in store.stories() for d in s.doc_ids]
        assert sorted(placed) == sorted(stored) and all(s.doc_ids for s in store.stories())
    # Each document was added by exactly one of the three writers; the others found it present.
    added = [i for out, _ in outputs for i in json.loads(out)["added"]] + state["added"]
    assert sorted(added) == sorted(stored)


def test_demo_pipeline_gives_the_same_stories_and_briefs_on_both_stores(postgres_url, tmp_path):
    """`lagebild ingest`, `stories` and `brief` over the demo corpus: the same stories under
    the same ids and the same briefs on PostgreSQL as on SQLite."""
    from lagebild.demo import corpus_path

    results = {}
    for db in (str(tmp_path / "demo.db"), postgres_url):
        assert _lagebild("ingest", str(corpus_path()), db=db).returncode == 0
        stories = json.loads(_lagebild("stories", "--json", db=db).stdout)
        briefs = {
            s["id"]: json.loads(_lagebild("brief", str(s["id"]), "--format", "json", db=db).stdout)
            for s in stories
        }
        results[db] = (stories, briefs)
    (sqlite_stories, sqlite_briefs), (pg_stories, pg_briefs) = results.values()
    assert len(sqlite_stories) >= 3 and pg_stories == sqlite_stories
    assert pg_briefs == sqlite_briefs


def test_two_processes_placing_the_same_documents_take_turns(postgres_url):
    """Two `lagebild stories` processes find the same documents in no story and place them
    at once: the clustering lock lets one place them and the other find nothing left, so
    that each document is in one story, no story is empty and no name is counted twice."""
    from lagebild.demo import corpus_path

    assert _lagebild("ingest", "--no-stories", str(corpus_path()), db=postgres_url).returncode == 0
    command = [sys.executable, "-m", "lagebild", "stories", "--json", "--db", postgres_url]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in "ab"
    ]
    outputs = [p.communicate(timeout=300) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    assert json.loads(outputs[0][0]) == json.loads(outputs[1][0])
    with open_store(postgres_url) as store:
        ids = [r.id for r in store.documents()]
        stories = store.stories()
        assert all(s.doc_ids for s in stories) and sorted(d for s in stories for d in s.doc_ids) == sorted(
            ids
        )
        features = store.features(ids)
        names = {n for f in features.values() for n in f.names}
        counts = store.term_stats([f"n:{n}" for n in names])
        assert len(features) == store.featured_count() == len(ids)
        for name in names:
            assert counts[f"n:{name}"][0] == sum(name in f.names for f in features.values()), name


def test_clustering_lock_is_held_by_one_store_at_a_time(postgres_url):
    import threading

    with open_store(postgres_url) as first, open_store(postgres_url) as second:
        entered = threading.Event()

        def wait_for_turn():
            with second.clustering():
                entered.set()

        with first.clustering():
            waiter = threading.Thread(target=wait_for_turn)
            waiter.start()
            assert not entered.wait(1.0)  # the second store waits while the first holds it
        assert entered.wait(30)
        waiter.join()
        with open_store(postgres_url, read_only=True) as reader, reader.clustering():
            pass  # a reader places nothing and takes no lock


def test_schema_1_gains_models_language_sums_and_unplaced_documents(postgres_url):
    """As SQLite's schema 5: a database of schema 1 keeps its features and stories, which
    are e5's, and gains what placing reads instead of every row."""
    import numpy as np
    import psycopg

    from lagebild.store.postgres import MIGRATIONS
    from lagebild.store.rows import E5_MODEL

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(MIGRATIONS[0])
        conn.execute("CREATE TABLE lagebild_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO lagebild_schema VALUES (1)")
        for i, lang, vector in ((1, "de", [1.0, 2.0]), (2, "de", [3.0, 4.0]), (3, None, [1.0, 0.0])):
            conn.execute(
                "INSERT INTO documents (id, source, kind, text, text_hash, ingested_at, words)"
                " VALUES (%s, 'T', 'text', %s, %s, '2024-01-01', '')",
                (f"d{i}", f"Text {i}.", f"h{i}"),
            )
            conn.execute(
                "INSERT INTO features (doc_id, embedding, names, language) VALUES (%s, %s, '{}', %s)",
                (f"d{i}", np.asarray(vector, dtype=np.float32).tobytes(), lang),
            )
        conn.execute("INSERT INTO stories (id, embedding_sum, updated_at) VALUES (1, '', '2024-01-01')")
        conn.execute("INSERT INTO story_docs (doc_id, story_id) VALUES ('d2', 1)")
    with open_store(postgres_url) as store:
        assert {f.model for f in store.features(["d1", "d2", "d3"]).values()} == {E5_MODEL}
        sums = store.language_embedding_sums()
        assert {k: (n, list(v)) for k, (n, v) in sums.items()} == {"de": (2, [4, 6]), "?": (1, [1, 0])}
        assert store.featured_count() == 3 and store.unclustered_doc_ids() == ["d1", "d3"]
        assert store.story(1).doc_ids == ["d2"]
