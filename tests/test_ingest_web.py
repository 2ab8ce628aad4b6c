"""Ingest over real HTTP from the loopback fixture server: pages, feeds, OPML, Wikipedia."""

from __future__ import annotations

import dataclasses

import pytest

from lagebild.ingest import ingest

BRUECKE = "Die Stadtverwaltung sperrte die Brücke Nr. 5 am Donnerstagmorgen für den gesamten Verkehr."
TEASER_TARGET = "Der Stadtrat beschloss am Abend einen Sanierungsplan über 12 Millionen Euro."
KABEL = "Nach Angaben des Betreibers ist das Datenkabel seit Sonntag unterbrochen."
ATOM = "Officials said the harbour would stay closed until Friday."
RDF = "Die Feuerwehr war mit rund 80 Einsatzkräften vor Ort."


def texts(db) -> dict[str, str]:
    return {s.url: db.get_document(s.id).text for s in db.documents()}


def all_sentences(db) -> set[str]:
    return {s.text for d in db.documents() for s in db.get_document(d.id).sentences}


def test_page_main_text_and_metadata(web, db, settings):
    url = web.base + "/artikel/bruecke-gesperrt.html"
    report = ingest([url], db, settings)
    assert [f.reason for f in report.failed] == []
    doc = db.get_document(report.added[0].doc_id)
    assert BRUECKE in doc.text
    assert BRUECKE in [s.text for s in doc.sentences]
    assert "Leserkommentar: Das war ja klar" not in doc.text
    assert "Anzeige: Jetzt Girokonto eröffnen" not in doc.text
    assert doc.source == "Rheinbote"
    assert doc.published.startswith("2024-09-12")
    assert doc.language == "de"
    assert doc.url == url
    assert doc.title


def test_user_agent_names_lagebild(web, db, settings):
    ingest([web.base + "/artikel/sturm-kueste.html"], db, settings)
    path, headers = web.requests[-1]
    assert path == "/artikel/sturm-kueste.html"
    assert headers["User-Agent"].startswith("lagebild/")


def test_private_address_refused_without_flag(web, db, settings):
    strict = dataclasses.replace(settings, allow_private=False)
    report = ingest([web.base + "/artikel/kabel-schaden.html"], db, strict)
    assert report.added == []
    (failure,) = report.failed
    assert failure.label == web.base + "/artikel/kabel-schaden.html"
    assert "127.0.0.1" in failure.reason and "--allow-private" in failure.reason


def test_redirect_to_private_address_refused(web, db, settings):
    # A public-looking start is not enough: every hop is checked. Here the start
    # itself is loopback, so check the guard function on a hop directly.
    from lagebild.errors import FetchError
    from lagebild.ingest.fetch import check_address

    strict = dataclasses.replace(settings, allow_private=False)
    for url in ("http://10.1.2.3/x", "http://169.254.169.254/latest", "http://[::1]/", "file:///etc/passwd"):
        with pytest.raises(FetchError):
            check_address(url, strict)


def test_rss_teaser_entries_fetch_their_pages(web, db, settings):
    report = ingest([web.base + "/feeds/rss2-teaser.xml"], db, settings)
    assert report.failed == []
    assert len(report.added) == 3
    sentences = all_sentences(db)
    assert {BRUECKE, TEASER_TARGET, KABEL} <= sentences
    kinds = {db.get_document(r.doc_id).kind for r in report.added}
    assert kinds == {"feed-page"}
    doc = db.get_document(report.added[0].doc_id)
    assert doc.meta["feed"] == web.base + "/feeds/rss2-teaser.xml"


def test_feed_conditional_get_and_known_entries(web, db, settings):
    url = web.base + "/feeds/rss2-teaser.xml"
    ingest([url], db, settings)
    before = len(web.requests)
    again = ingest([url], db, settings)
    assert again.added == [] and again.failed == []
    assert any("HTTP 304" in note for note in again.notes)
    sent = web.requests[before:]
    assert [p for p, _ in sent] == ["/feeds/rss2-teaser.xml"]
    assert sent[0][1].get("If-None-Match")


def test_atom_full_content_needs_no_page_fetch(web, db, settings):
    report = ingest([web.base + "/feeds/atom.xml"], db, settings)
    assert report.failed == [] and len(report.added) == 2
    assert ATOM in all_sentences(db)
    assert not any(p.startswith("/atom/entry") for p in web.paths())
    doc = db.get_document(report.added[0].doc_id)
    assert doc.kind == "feed" and doc.source == "Coastal Herald" and doc.published


def test_rdf_feed(web, db, settings):
    report = ingest([web.base + "/feeds/rdf.xml"], db, settings)
    assert report.failed == [] and len(report.added) == 2
    assert RDF in all_sentences(db)


def test_opml_by_url_brings_every_feed(web, db, settings):
    report = ingest([web.base + "/feeds/feeds.opml"], db, settings)
    assert report.failed == [] and len(report.added) == 4
    assert {ATOM, RDF} <= all_sentences(db)


def test_opml_file(web, db, settings, tmp_path):
    opml = (web_file("feeds/feeds.opml")).replace("{BASE}", web.base)
    path = tmp_path / "subs.opml"
    path.write_text(opml, encoding="utf-8")
    report = ingest([str(path)], db, settings)
    assert report.failed == [] and len(report.added) == 4


def test_truncated_feed_keeps_complete_entries(web, db, settings):
    url = web.base + "/feeds/truncated.xml"
    report = ingest([url], db, settings)
    assert len(report.added) >= 1
    assert "Der Deich hat gehalten, aber er hat gelitten" in "".join(texts(db).values())
    reasons = {f.label: f.reason for f in report.failed}
    assert "malformed" in reasons[url]
    # The cut-off entry still has its link; its page is missing on this server.
    assert "HTTP 404" in reasons[web.base + "/truncated/item-2.html"]


def test_wrong_declared_encoding(web, db, settings):
    report = ingest(
        [web.base + "/feeds/wrong-encoding.xml", web.base + "/pages/wrong-encoding.html"], db, settings
    )
    assert report.failed == []
    joined = "".join(texts(db).values())
    assert "Die Gemeinde Großröhrsdorf prüft die Schäden." in joined
    assert "Die Bürgermeisterin äußerte sich am Freitag zu den Plänen." in joined


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/404", "HTTP 404 Not Found"),
        ("/500", "HTTP 500 Internal Server Error"),
        ("/loop-a", "more than 5 redirects"),
        ("/huge", "too large"),
        ("/huge-chunked", "too large"),
        ("/never", "no answer within 1 s"),
        ("/artikel/nicht-da.html", "HTTP 404"),
    ],
)
def test_broken_servers_fail_clearly_and_lose_nothing(web, db, settings, path, reason):
    good = web.base + "/artikel/sturm-kueste.html"
    first = ingest([good], db, settings)
    assert len(first.added) == 1
    bad = web.base + path
    report = ingest([bad, web.base + "/artikel/kabel-schaden.html"], db, settings)
    (failure,) = report.failed
    assert failure.label == bad
    assert reason in failure.reason
    assert len(report.added) == 1
    assert db.count_documents() == 2


def test_redirect_followed(web, db, settings):
    report = ingest([web.base + "/moved"], db, settings)
    assert report.failed == []
    doc = db.get_document(report.added[0].doc_id)
    assert "The storm knocked out power to about 40,000 homes along the coast on Tuesday night." in doc.text
    assert doc.meta["final_url"] == web.base + "/artikel/sturm-kueste.html"


def test_same_url_is_one_document(web, db, settings):
    url = web.base + "/artikel/kabel-schaden.html"
    ingest([url], db, settings)
    before = len(web.requests)
    report = ingest([url + "#kommentare", url + "?utm_source=feed"], db, settings)
    assert report.added == [] and len(report.present) == 2
    assert len(web.requests) == before  # known URLs are not fetched again


def test_wikipedia_article(web, db, settings):
    report = ingest(["wiki:de:Oblast Kursk"], db, settings)
    assert report.failed == []
    doc = db.get_document(report.added[0].doc_id)
    assert doc.url == "https://de.wikipedia.org/wiki/Oblast_Kursk"
    assert doc.source == "Wikipedia (de)" and doc.language == "de"
    assert doc.meta["revision"] == 251234567
    assert "Die Oblast grenzt im Westen an die Ukraine." in [s.text for s in doc.sentences]
    path, _ = web.requests[-1]
    assert "prop=extracts" in path and "explaintext=1" in path and "formatversion=2" in path


def test_wikipedia_missing_and_malformed_spec(web, db, settings):
    report = ingest(["wiki:de:Gibt es nicht", "wiki:Kursk"], db, settings)
    reasons = {f.label: f.reason for f in report.failed}
    assert reasons["wiki:de:Gibt es nicht"] == "no such article on de.wikipedia.org"
    assert "expected wiki:LANG:Title" in reasons["wiki:Kursk"]


def web_file(name: str) -> str:
    from conftest import WEB

    return (WEB / name).read_text(encoding="utf-8")


def test_check_an_article_given_by_url(web, tmp_path):
    """`lagebild check URL` fetches the article through the same guarded client."""
    import json
    import subprocess
    import sys

    from conftest import DATA

    url = web.base + "/artikel/bruecke-gesperrt.html"
    args = [
        sys.executable,
        "-m",
        "lagebild",
        "check",
        url,
        "--sources",
        str(DATA / "stories.jsonl"),
        "--json",
        "--db",
        str(tmp_path / "x.db"),
    ]
    refused = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "--allow-private" in refused.stderr
    result = subprocess.run(args + ["--allow-private"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sentences"] and {s["verdict"] for s in data["sentences"]} <= {
        "supported",
        "contradicted",
        "unsupported",
        "not_checkable",
    }


def test_watch_runs_again_with_conditional_get(web, tmp_path):
    import os
    import subprocess
    import sys

    feed = web.base + "/feeds/atom.xml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lagebild",
            "watch",
            feed,
            "--every",
            "0s",
            "--runs",
            "2",
            "--allow-private",
            "--db",
            str(tmp_path / "w.db"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LAGEBILD_WATCH_MIN_INTERVAL": "0"},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "run 1: added 2, already present 0, failed 0" in lines[0]
    assert lines[0].endswith("sentences prepared for checks") and "; 0 sentences" not in lines[0]
    from lagebild.embed import embedder_for, paraphrase_embedders
    from lagebild.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "w.db") as store:
        embedders = paraphrase_embedders(store)
        keys = {
            embedder_for(embedders, doc.language).key(s.text)
            for doc in map(store.get_document, (d.id for d in store.documents()))
            for s in doc.sentences
        }
        assert len(store.vectors(list(keys))) == len(keys)
    assert "run 2: added 0, already present 0, failed 0" in lines[1]
    assert "HTTP 304" in lines[2]
    bad = subprocess.run(
        [sys.executable, "-m", "lagebild", "watch", feed, "--every", "bald"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "--every 'bald'" in bad.stderr


def test_parse_interval():
    from lagebild.watch import parse_interval

    assert [parse_interval(x) for x in ("30s", "15m", "2h", "1d", "5")] == [30, 900, 7200, 86400, 300]
