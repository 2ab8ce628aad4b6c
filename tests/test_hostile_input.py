"""Hostile and careless input (issue 14): each bad input fails alone with a one-line reason
naming it, the good inputs beside it are stored, and no exception ends the run."""

from __future__ import annotations

import dataclasses
import io
import json
import time

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import WEB
from lagebild import ingest as ingest_module
from lagebild.ingest import ingest
from lagebild.model import RawDocument
from lagebild.stories import story_brief, update_stories

TEXT = "Die Feuerwehr meldete am Montag rund 20 Einsätze in der Stadt. Verletzt wurde niemand."
KABEL = "Nach Angaben des Betreibers ist das Datenkabel seit Sonntag unterbrochen."
ATOM = "Officials said the harbour would stay closed until Friday."


def line(url: str, text: str = TEXT, **fields) -> dict:
    return {"url": url, "source": "Testblatt", "text": text, **fields}


def write_jsonl(path, rows: list) -> str:
    """Rows as JSONL; a row given as bytes is written as it is."""
    data = b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)
    path.write_bytes(data)
    return str(path)


def stored_urls(db) -> set[str]:
    return {d.url for d in db.documents()}


def assert_one_line(report) -> None:
    for failure in report.failed:
        assert "\n" not in failure.label + failure.reason, failure


# -- 1: lone surrogates ----------------------------------------------------------------------


def test_lone_surrogates_are_replaced_wherever_they_come_from(web, db, settings, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            line(
                "https://a.example/s\ud800",
                "Der Text \ud800 ist kaputt. Der Rest ist gut.",
                source="Quelle \udc00",
                title="Titel \ud800",
                author="\udfff",
                extra={"note": ["\ud800"]},
            ),
            line("https://a.example/gut"),
        ],
    )
    later = write_jsonl(tmp_path / "b.jsonl", [line("https://b.example/gut")])
    inputs = [path, web.base + "/artikel/\ud800.html", "wiki:de:\ud800", later]
    report = ingest(inputs, db, settings)
    assert_one_line(report)
    assert stored_urls(db) == {"https://a.example/s\ufffd", "https://a.example/gut", "https://b.example/gut"}
    doc = db.get_document(db.id_for_url("https://a.example/s\ufffd"))
    assert doc.text.startswith("Der Text \ufffd ist kaputt.")
    assert (doc.source, doc.title, doc.author) == ("Quelle \ufffd", "Titel \ufffd", "\ufffd")
    assert doc.meta["extra"] == {"note": ["\ufffd"]}
    assert [f.label for f in report.failed] == [web.base + "/artikel/\ufffd.html", "wiki:de:\ufffd"]
    assert "HTTP 404" in report.failed[0].reason and "no such article" in report.failed[1].reason


def test_an_unexpected_error_fails_its_document_or_input_not_the_run(db, settings, tmp_path, monkeypatch):
    # A reader with a bug: its first document cannot be stored (meta that is not JSON), its
    # second is good, then it raises. Only what went wrong is lost, with the class named.
    def buggy_reader(path, ctx):
        yield RawDocument(label=f"{path}#1", kind="text", text=TEXT, source="A", meta={"bad": object()})
        yield RawDocument(label=f"{path}#2", kind="text", text=TEXT + " Neu.", source="A")
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(ingest_module.READERS, ".buggy", buggy_reader)
    (tmp_path / "x.buggy").write_text("")
    later = write_jsonl(tmp_path / "later.jsonl", [line("https://later.example/1")])
    report = ingest([str(tmp_path / "x.buggy"), later], db, settings)
    assert_one_line(report)
    assert [f.label for f in report.failed] == [f"{tmp_path / 'x.buggy'}#1", str(tmp_path / "x.buggy")]
    assert "TypeError" in report.failed[0].reason
    assert "ZeroDivisionError: division by zero" in report.failed[1].reason
    assert len(report.added) == 2 and "https://later.example/1" in stored_urls(db)


# -- 2 and 16: URLs that cannot be a document's address ----------------------------------------


def test_bad_urls_in_jsonl_fail_their_line(db, settings, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            line("http://a.example:99999/"),
            line("http://[::1"),
            line("javascript:alert(1)"),
            line("data:text/html,<p>x</p>"),
            line("http:///ohne-host"),
            line("https://a.example/gut"),
        ],
    )
    report = ingest([path], db, settings)
    assert_one_line(report)
    assert [f.label for f in report.failed] == [f"{path}:{n}" for n in range(1, 6)]
    reasons = [f.reason for f in report.failed]
    assert "cannot be parsed" in reasons[0] and "99999" in reasons[0]
    assert "cannot be parsed" in reasons[1]
    assert all("only http and https" in r for r in reasons[2:4])
    assert "no host" in reasons[4]
    assert stored_urls(db) == {"https://a.example/gut"}


def test_bad_urls_in_feeds_fail_their_entry(web, db, settings):
    url = web.base + "/feeds/kaputte-links.xml"
    report = ingest([url], db, settings)
    assert_one_line(report)
    reasons = [f.reason for f in report.failed]
    assert len(reasons) == 3
    assert "cannot be parsed" in reasons[0]
    assert all("only http and https" in r for r in reasons[1:])
    assert all(f.label.startswith(url + " entry ") for f in report.failed)
    # Character references that name no character do not stop the feed either.
    (added,) = report.added
    assert KABEL in db.get_document(added.doc_id).text


def test_bad_urls_in_opml_fail_their_feed(web, db, settings):
    report = ingest([web.base + "/feeds/kaputt.opml"], db, settings)
    assert_one_line(report)
    assert [f.label for f in report.failed] == ["http://[::1/feed.xml", "http://127.0.0.1:99999/feed.xml"]
    assert len(report.added) == 2


def test_a_broken_canonical_link_is_ignored(db, settings, tmp_path):
    body = "<p>" + TEXT + "</p>"
    for name, canonical in [("a.html", "http://a.example:99999/x"), ("b.html", "javascript:alert(1)")]:
        page = f'<html><head><link rel="canonical" href="{canonical}"></head><body>{body}</body></html>'
        (tmp_path / name).write_text(page.replace("Montag", name))
    report = ingest([str(tmp_path / "a.html"), str(tmp_path / "b.html")], db, settings)
    assert report.failed == [] and len(report.added) == 2
    assert stored_urls(db) == {None}


# -- 3 and 5: JSONL lines stand alone ----------------------------------------------------------


def test_deeply_nested_json_fails_its_line(db, settings, tmp_path):
    huge_number = b'{"n": ' + b"1" * 5000 + b"}"
    rows = [line("https://a.example/1"), b"[" * 100_000, huge_number, line("https://a.example/4")]
    path = write_jsonl(tmp_path / "a.jsonl", rows)
    report = ingest([path], db, settings)
    assert [f.label for f in report.failed] == [f"{path}:2", f"{path}:3"]
    assert "nested too deeply" in report.failed[0].reason and "4300 digits" in report.failed[1].reason
    assert len(report.added) == 2


def test_invalid_utf8_fails_only_its_line(db, settings, tmp_path):
    bad = json.dumps(line("https://a.example/2")).encode().replace(b"Stadt", b"St\xffadt")
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            "\ufeff".encode() + json.dumps(line("https://a.example/1")).encode(),
            bad,
            line("https://a.example/3"),
        ],
    )
    report = ingest([path], db, settings)
    (failure,) = report.failed
    assert failure.label == f"{path}:2" and "not UTF-8" in failure.reason
    assert stored_urls(db) == {"https://a.example/1", "https://a.example/3"}


def test_an_overlong_line_is_skipped_without_losing_the_next(db, settings, tmp_path):
    small = dataclasses.replace(settings, max_bytes=1000)
    long_line = line("https://a.example/lang", "x" * 3000)
    path = write_jsonl(tmp_path / "a.jsonl", [long_line, line("https://a.example/2")])
    report = ingest([path], db, small)
    (failure,) = report.failed
    assert failure.label == f"{path}:1" and "line too long" in failure.reason
    assert stored_urls(db) == {"https://a.example/2"}


# -- 4: WARC records without a target URI -------------------------------------------------------


def test_warc_response_without_target_uri_fails_alone(db, settings, tmp_path):
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for number, url in enumerate([None, "https://w.example/gut", "http://w.example:99999/"], 1):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><p>{TEXT.replace('Montag', f'Tag {number}')}</p></body></html>".encode()
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=http)
        writer.write_record(record)
    # A response record whose block is no HTTP response (warcio writes it only as a resource).
    block = b"kein HTTP\r\n\r\n<html><body><p>x</p></body></html>"
    record = writer.create_warc_record("https://w.example/kaputt", "resource", payload=io.BytesIO(block))
    at = out.tell()
    writer.write_record(record)
    data = out.getvalue()
    path = tmp_path / "a.warc"
    path.write_bytes(data[:at] + data[at:].replace(b"WARC-Type: resource", b"WARC-Type: response", 1))
    later = write_jsonl(tmp_path / "later.jsonl", [line("https://later.example/1")])
    report = ingest([str(path), later], db, settings)
    assert_one_line(report)
    assert [f.label.split(" ")[0] for f in report.failed] == [f"{path}#1", f"{path}#3", f"{path}#4"]
    assert "no WARC-Target-URI" in report.failed[0].reason
    assert "cannot be parsed" in report.failed[1].reason
    assert "not a readable HTTP response" in report.failed[2].reason
    assert stored_urls(db) == {"https://w.example/gut", "https://later.example/1"}


def test_warc_record_without_content_length_is_named(db, settings, tmp_path):
    # A line break in a header value ends the header block early: Content-Length is lost.
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for number, url in enumerate(
        ["https://w.example/1", "https://w.example/2\n\n ", "https://w.example/3"], 1
    ):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><p>{TEXT.replace('Montag', f'Tag {number}')}</p></body></html>".encode()
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=http)
        writer.write_record(record)
    path = tmp_path / "a.warc.gz"
    path.write_bytes(out.getvalue())
    report = ingest([str(path)], db, settings)
    (failure,) = report.failed
    assert failure.label == f"{path}#2" and "no Content-Length" in failure.reason
    assert stored_urls(db) == {"https://w.example/1", "https://w.example/3"}


# -- 8: feed entries without a link, empty feeds -----------------------------------------------


def test_feed_entries_without_link_are_stored_once(web, db, settings):
    feeds = [web.base + "/feeds/ohne-link.xml", web.base + "/feeds/atom-ohne-link.xml"]
    report = ingest(feeds, db, settings)
    assert report.failed == [] and len(report.added) == 4
    docs = [db.get_document(r.doc_id) for r in report.added]
    assert {d.url for d in docs} == {None}
    assert {d.kind for d in docs} == {"feed"}
    texts = " ".join(d.text for d in docs)
    for sentence in (
        "Der Pegel der Wiesel in Auenfeld ist in der Nacht um 40 Zentimeter gefallen.",
        "Etwa 900 Haushalte waren fünf Stunden ohne Strom.",
        "Die Brücke über die Kell in Kellstadt ist seit Dienstagmittag wieder für Autos frei.",
        "Two freighters are waiting at anchor in the bay.",
    ):
        assert sentence in texts
    assert docs[0].meta["entry_id"] == "talbote-eil-2024-1187"
    assert docs[0].source == "Talbote Eilmeldungen"


def test_feed_entries_without_link_keep_their_id_when_their_text_changes(db, settings, tmp_path):
    feed = tmp_path / "eil.rss"
    original = (WEB / "feeds" / "ohne-link.xml").read_text()
    feed.write_text(original)
    first = ingest([str(feed)], db, settings)
    assert first.failed == [] and len(first.added) == 3
    feed.write_text(original.replace("um 40 Zentimeter", "um 45 Zentimeter"))
    again = ingest([str(feed)], db, settings)
    assert again.failed == [] and again.added == [] and len(again.present) == 3


def test_an_empty_feed_is_not_an_error(web, db, settings, tmp_path):
    (tmp_path / "leer.atom").write_text('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    report = ingest([web.base + "/feeds/leer.xml", str(tmp_path / "leer.atom")], db, settings)
    assert report.failed == [] and report.added == []
    assert [n for n in report.notes if "0 entries" in n] == [
        f"{web.base}/feeds/leer.xml: the feed has 0 entries",
        f"{tmp_path / 'leer.atom'}: the feed has 0 entries",
    ]


def test_an_unclosed_comment_in_an_entry_takes_no_time(db, settings, tmp_path):
    # feedparser's HTML sanitizer searched such a body in quadratic time (a minute at 260 kB).
    body = "&lt;p&gt;" + TEXT + "&lt;/p&gt;&lt;!" + "-" * 200_000
    item = f"<item><description>{body}</description></item>"
    feed = f'<rss version="2.0"><channel><title>T</title>{item}</channel></rss>'
    (tmp_path / "kommentar.rss").write_text(feed)
    started = time.monotonic()
    report = ingest([str(tmp_path / "kommentar.rss")], db, settings)
    assert time.monotonic() - started < 10
    assert report.failed == [] and len(report.added) == 1


def test_an_entry_dated_out_of_range_is_kept_undated(db, settings, tmp_path):
    items = "".join(
        f"<item><link>https://f.example/{n}</link><pubDate>{date}</pubDate>"
        f"<description>{TEXT.replace('Montag', f'Tag {n}')} {'Mehr. ' * 100}</description></item>"
        for n, date in enumerate(["2024-10-01T08:00:00+02:00", "9999-12-31T23:59:59-14:00", "0000"], 1)
    )
    (tmp_path / "datum.rss").write_text(
        f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    report = ingest([str(tmp_path / "datum.rss")], db, settings)
    assert report.failed == [] and len(report.added) == 3
    dates = [db.get_document(r.doc_id).published for r in report.added]
    assert dates[0].startswith("2024-10-01") and dates[1:] == [None, None]


# -- 17: a teaser whose page cannot be fetched --------------------------------------------------


def test_teaser_with_a_failing_page_keeps_the_entry_summary_and_retries(web, db, settings):
    url = web.base + "/feeds/teaser-kaputt.xml"
    report = ingest([url], db, settings)
    assert_one_line(report)
    # The one-sentence teaser is worth nothing alone; the three-sentence summary is kept.
    (failure,) = report.failed
    assert failure.label == web.base + "/500" and "HTTP 500" in failure.reason
    kinds = sorted(db.get_document(r.doc_id).kind for r in report.added)
    assert kinds == ["feed-page", "feed-summary"]
    summary = next(db.get_document(r.doc_id) for r in report.added if r.doc_id.startswith("s"))
    assert summary.url is None and summary.meta["link"] == web.base + "/404"
    assert "Ab Samstag soll der Fahrplan wieder gelten." in summary.text
    assert summary.title == "Fähre nach Hallig Sand fällt aus"
    (note,) = [n for n in report.notes if "/404" in n]
    assert "HTTP 404" in note and "summary" in note
    # The next run fetches the feed in full (no 304) and tries the page again.
    before = len(web.requests)
    again = ingest([url], db, settings)
    assert [p for p in web.paths()[before:] if p in ("/feeds/teaser-kaputt.xml", "/404")] == [
        "/feeds/teaser-kaputt.xml",
        "/404",
    ]
    assert again.added == [] and summary.id in {r.doc_id for r in again.present}


def test_teaser_whose_page_was_refused_gets_the_page_on_a_later_run(web, db, settings, tmp_path):
    feed = (WEB / "feeds" / "teaser-kaputt.xml").read_text().replace("{BASE}", web.base)
    (tmp_path / "kurz.rss").write_text(feed)
    strict = dataclasses.replace(settings, allow_private=False)
    first = ingest([str(tmp_path / "kurz.rss")], db, strict)
    assert sorted(db.get_document(r.doc_id).kind for r in first.added) == ["feed-summary", "feed-summary"]
    assert all("refused" in n for n in first.notes)
    second = ingest([str(tmp_path / "kurz.rss")], db, settings)
    (page,) = [db.get_document(r.doc_id) for r in second.added]
    assert page.kind == "feed-page" and KABEL in page.text
    assert page.url == web.base + "/artikel/kabel-schaden.html"
    # Summary and page are one report: grouped as copies, and the page speaks for them.
    (summary,) = [d for d in (db.get_document(r.doc_id) for r in first.added) if d.meta["link"] == page.url]
    assert page.meta["summary"] == summary.id
    update_stories(db)
    assert db.duplicate_group(page.id) == db.duplicate_group(summary.id) is not None
    (story_id,) = set(db.story_ids_of_docs([page.id, summary.id]).values())
    brief = story_brief(db, story_id)
    said = brief.lead + [s for _, section in brief.sections for s in section]
    cited = {c.doc_id for s in said for c in s.citations}
    assert page.id in cited and summary.id not in cited


def test_the_pages_of_one_feed_are_fetched_within_its_time(web, db, settings, tmp_path):
    # Written for the test: twelve teasers whose pages never answer. Each fetch may take
    # 3 x --timeout; the feed's pages together get FEED_PAGES_TIME_FACTOR x --timeout.
    from lagebild.ingest.feeds import FEED_PAGES_TIME_FACTOR

    items = "".join(
        f"<item><title>Meldung {n}</title><link>{web.base}/never?{n}</link>"
        f"<description>Kurzmeldung {n} aus Marlingen. Mehr folgt.</description></item>"
        for n in range(12)
    )
    (tmp_path / "langsam.rss").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Langsam</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    quick = dataclasses.replace(settings, timeout=0.3)
    start = time.monotonic()
    report = ingest([str(tmp_path / "langsam.rss")], db, quick)
    elapsed = time.monotonic() - start
    assert elapsed < FEED_PAGES_TIME_FACTOR * 0.3 + 3 * 0.3 + 2, f"{elapsed:.1f} s"
    # Every entry is accounted for: its summary kept (two sentences) and the page tried next run.
    assert len(report.added) == 12 and not report.failed
    assert sum("spent its" in n for n in report.notes) >= 1


def test_one_invalid_byte_leaves_the_other_entries_of_a_utf8_feed_intact(db, settings, tmp_path):
    from fuzzing import dated_feed

    # Before: one invalid byte in one entry had feedparser read the whole feed as cp1252.
    feed = dated_feed("rss", "2024-09-10T08:00:00Z").replace(b"Ein Satz.", b"Ein Satz \xff.")
    (tmp_path / "bytes.rss").write_bytes(feed)
    report = ingest([str(tmp_path / "bytes.rss")], db, settings)
    texts = " ".join(db.get_document(r.doc_id).text for r in report.added)
    assert "Sandsäcken" in texts and "Ã" not in texts
