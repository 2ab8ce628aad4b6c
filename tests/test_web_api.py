"""The JSON API, the Atom feed and the pages' answers, over HTTP against the real server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import feedparser
import httpx
import pytest

from conftest import ARTICLE, HOSTILE, serving, story_documents
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore
from lagebild.web.app import create_app
from lagebild.web.server import DEMO_DB, store_to_serve
from test_cli import validate


@pytest.fixture(scope="module")
def client(demo_site):
    with httpx.Client(base_url=demo_site, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def stories(client):
    return client.get("/api/stories").json()


def kursk(stories) -> dict:
    return next(s for s in stories if "kursk-de-01" in s["doc_ids"])


def hostile(stories) -> dict:
    return next(s for s in stories if "hostile-01" in s["doc_ids"])


def assert_one_line_error(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert words in message and "\n" not in message and "Traceback" not in message


def test_stories_follow_the_schema(stories):
    validate(stories, "stories")
    assert len(stories) == 4
    assert [s["size"] for s in stories] == sorted((s["size"] for s in stories), reverse=True)


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("q=Pistorius", lambda s: "kabel-de-01" in s["doc_ids"]),
        ("lang=en", lambda s: "en" in s["languages"]),
        ("since=2025-01-01", lambda s: s["last_published"][:10] >= "2025-01-01"),
        ("until=2024-01-01", lambda s: s["first_published"][:10] <= "2024-01-01"),
        ("min_size=10", lambda s: s["size"] >= 10),
    ],
)
def test_story_filters(client, stories, query, check):
    found = client.get(f"/api/stories?{query}").json()
    assert found and all(check(s) for s in found)
    assert len(found) < len(stories)


@pytest.mark.parametrize(
    ("query", "words"),
    [("since=gestern", "since: 'gestern' is not a date"), ("lang=deutsch", "lang:")],
)
def test_bad_filters_are_refused(client, query, words):
    assert_one_line_error(client.get(f"/api/stories?{query}"), 400, words)


def test_story_with_its_documents(client, stories):
    story = client.get(f"/api/stories/{kursk(stories)['id']}").json()
    validate([story], "stories")
    assert [d["id"] for d in story["documents"]] == story["doc_ids"]


def test_brief_follows_the_schema_and_is_cached(client, stories):
    url = f"/api/stories/{kursk(stories)['id']}/brief"
    first = client.get(url)
    brief = first.json()
    validate(brief, "brief")
    assert brief["headline"] and brief["sections"]
    # The story's course and the chart data are in the JSON, and the page shows the course.
    days = [e["day"] for e in brief["timeline"]]
    assert days and days == sorted(days) and all(e["citations"] for e in brief["timeline"])
    assert brief["charts"]["values"] and brief["charts"]["reports_per_day"]
    page = client.get(f"/stories/{kursk(stories)['id']}").text
    assert 'id="lauf"' in page and page.count("<li><strong>") >= len(days)
    started = time.perf_counter()
    again = client.get(url)
    assert again.content == first.content
    assert time.perf_counter() - started < 0.2


def test_claims_follow_the_schema(client, stories):
    claims = client.get(f"/api/stories/{kursk(stories)['id']}/claims").json()
    validate(claims, "claims")
    assert any(g["status"] == "contradicted" for g in claims["groups"])


def test_documents_list_search_and_show(client, stories):
    assert len(client.get("/api/documents").json()) == sum(s["size"] for s in stories)
    found = client.get("/api/documents", params={"q": "Pistorius"}).json()
    assert found[0]["id"] == "kabel-de-01"
    doc = client.get("/api/documents/kabel-de-01").json()
    validate(doc, "document")
    assert doc["sentences"][0]["text"] in doc["text"]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/api/stories/9999", "story 9999: no such story"),
        ("/api/stories/abc/brief", "story abc: no such story"),
        ("/api/stories/9999/claims", "story 9999: no such story"),
        ("/api/documents/nope", "document nope: no such document"),
        ("/api/ingest/nope", "ingest job nope: no such job"),
        ("/api/nothing-here", "not found"),
    ],
)
def test_unknown_things_are_404(client, path, words):
    assert_one_line_error(client.get(path), 404, words)


def test_unknown_story_page_is_a_short_404_page(client):
    response = client.get("/stories/9999")
    assert response.status_code == 404
    assert "story 9999: no such story" in response.text and "Traceback" not in response.text


def test_check_text_against_a_story(client, stories):
    response = client.post("/api/check", json={"text": ARTICLE, "story": kursk(stories)["id"]})
    report = response.json()
    validate(report, "check")
    verdicts = [s["verdict"] for s in report["sentences"]]
    assert verdicts[0] == "supported" and verdicts[1] != "supported" and verdicts[2] == "unsupported"
    assert report["story_id"] == kursk(stories)["id"]


def test_check_finds_its_story(client, stories):
    report = client.post("/api/check", json={"text": ARTICLE, "rules_only": True}).json()
    assert report["story_id"] == kursk(stories)["id"]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 400, "give either the article's text or its URL"),
        ({"text": "Ein Satz.", "url": "https://example.org/a"}, 400, "either"),
        ({"url": "/etc/passwd"}, 400, "not an http(s) URL"),
        ({"url": "file:///etc/passwd"}, 400, "not an http(s) URL"),
        ({"url": "http://127.0.0.1:9/artikel.html"}, 400, "refused"),
        ({"url": "http://[::1]/artikel.html"}, 400, "refused"),
        ({"text": ARTICLE, "story": 9999}, 404, "story 9999: no such story"),
        (
            {"text": "Die EZB senkte den Leitzins um 0,25 Prozentpunkte. Die Inflation sank."},
            404,
            "no story fits",
        ),
        ({"text": "x" * 100_001}, 422, "text:"),
        ({"text": ["not", "text"]}, 422, "text:"),
    ],
)
def test_check_bad_input(client, body, status, words):
    assert_one_line_error(client.post("/api/check", json=body), status, words)


def test_check_malformed_json_is_refused(client):
    response = client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"})
    assert_one_line_error(response, 422, "")


@pytest.mark.parametrize(
    ("inputs", "status", "words"),
    [
        (["http://127.0.0.1/feed.xml"], 400, "refused"),
        (["http://10.0.0.1/feed.xml", "https://example.org/feed.xml"], 400, "refused"),
        (["/etc/passwd"], 400, "not an http(s) URL"),
        (["  "], 400, "no input"),
        ([], 422, "inputs:"),
    ],
)
def test_ingest_bad_input(client, inputs, status, words):
    assert_one_line_error(client.post("/api/ingest", json={"inputs": inputs}), status, words)


def test_ingest_job_reports_each_failed_input(client):
    # The wiki API of these settings is on 127.0.0.1, which the guard refuses in the background.
    response = client.post("/api/ingest", json={"inputs": ["wiki:de:Oblast Kursk"]})
    assert response.status_code == 202
    job = _wait(client, response.headers["location"])
    assert job["state"] == "done"
    assert job["added"] == [] and len(job["failed"]) == 1
    assert "refused: 127.0.0.1 resolves to the non-public address" in job["failed"][0]["reason"]


def _wait(client, url: str) -> dict:
    deadline = time.monotonic() + 60
    while True:
        job = client.get(url).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_ingest_from_the_form_adds_a_page_and_places_it(tmp_path, web):
    settings = Settings(db=str(tmp_path / "site.db"), allow_private=True, timeout=2.0)
    with serving(create_app(settings, warm=False)) as base, httpx.Client(base_url=base, timeout=60) as c:
        url = web.base + "/artikel/sturm-kueste.html"
        response = c.post("/ingest", data={"inputs": f"{url}\n\n{web.base}/404\n"})
        assert response.status_code == 303
        status_page = response.headers["location"]
        job = _wait(c, "/api" + status_page)
        assert job["state"] == "done" and len(job["added"]) == 1 and job["stories_updated"] == 1
        assert job["failed"] == [{"input": web.base + "/404", "reason": "HTTP 404 Not Found"}]
        page = c.get(status_page).text
        assert "fertig" in page and "HTTP 404 Not Found" in page
        assert len(c.get("/api/stories").json()) == 1


def test_a_failing_article_server_is_a_502_not_a_bad_request(tmp_path, web):
    settings = Settings(db=str(tmp_path / "site.db"), allow_private=True, timeout=2.0)
    with serving(create_app(settings, warm=False)) as base, httpx.Client(base_url=base, timeout=60) as c:
        assert_one_line_error(c.post("/api/check", json={"url": web.base + "/500"}), 502, "HTTP 500")
        assert_one_line_error(c.post("/api/check", json={"url": "https://no-such-host.invalid/a"}), 502, "")


def test_check_against_given_sources(tmp_path, web):
    settings = Settings(db=str(tmp_path / "site.db"), allow_private=True, timeout=2.0)
    article = (
        "The storm knocked out power to about 40,000 homes along the coast on Tuesday night. "
        "The storm knocked out power to about 90,000 homes along the coast on Tuesday night."
    )
    sources = [web.base + "/artikel/sturm-kueste.html", ""]
    with serving(create_app(settings, warm=False)) as base, httpx.Client(base_url=base, timeout=60) as c:
        data = c.post("/api/check", json={"text": article, "sources": sources, "rules_only": True}).json()
        assert data["story_id"] is None
        assert [s["verdict"] for s in data["sentences"]] == ["supported", "contradicted"]
        assert data["sentences"][0]["evidence"][0]["quote"].startswith("The storm knocked out power")
        page = c.post("/check", data={"text": article, "sources": "\n".join(sources)}).text
        assert 'data-verdict="supported"' in page and 'data-verdict="contradicted"' in page
        assert "geprüft gegen 1 eigene Quelle" in page
        failed = c.post("/api/check", json={"text": article, "sources": [web.base + "/404"]})
        assert_one_line_error(failed, 400, "HTTP 404")
        both = c.post("/api/check", json={"text": article, "sources": sources[:1], "story": 1})
        assert_one_line_error(both, 400, "either a story or sources")


@pytest.mark.parametrize("path", ["/api/ingest", "/api/check", "/ingest", "/check"])
def test_posts_from_other_sites_are_refused(client, path):
    response = client.post(
        path, data={"inputs": "https://example.org/"}, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403 and "https://evil.example are refused" in response.text


def test_unexpected_errors_are_a_short_500(tmp_path):
    app = create_app(Settings(db=str(tmp_path / "unused.db")), warm=False)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret detail")

    with serving(app) as base:
        response = httpx.get(base + "/api/boom")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; the details are in the server log", "status": 500}


def test_form_errors_are_shown_on_the_form(client):
    page = client.post("/ingest", data={"inputs": "http://192.168.1.1/feed.xml"})
    assert page.status_code == 400 and "refused" in page.text and 'name="inputs"' in page.text
    page = client.post("/check", data={"text": "", "url": ""})
    assert page.status_code == 400 and "give either" in page.text and 'name="text"' in page.text


def test_check_form_shows_verdicts(client, stories):
    page = client.post("/check", data={"text": ARTICLE, "story": str(kursk(stories)["id"])}).text
    for verdict in ("supported", "unsupported"):
        assert f"sentence verdict-{verdict}" in page
    assert "Belegt" in page and "Nicht belegt" in page


def test_openapi_served_and_no_cdn_docs(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}/brief", "/api/check", "/api/ingest"):
        assert path in schema["paths"]
    assert client.get("/docs").status_code == 404
    assert "/api/stories/{story_id}/claims" in client.get("/api").text


def test_feed_has_one_entry_per_story(client, stories):
    response = client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(stories)
    assert {e.title for e in feed.entries} == {s["title"] for s in stories}
    assert all(e.updated_parsed and e.link.startswith(client.base_url.scheme) for e in feed.entries)
    kursk_entry = next(e for e in feed.entries if e.link.endswith(f"/stories/{kursk(stories)['id']}"))
    assert "Was bekannt ist" in kursk_entry.content[0].value


def test_feed_carries_hostile_text_as_text(client, stories):
    xml = client.get("/feed.atom").text
    assert "<script" not in xml and "<img" not in xml
    # The title is text, escaped once; the content is HTML carried as text, so the hostile
    # text in it is escaped twice.
    assert "<title>Titel &lt;script&gt;alert(1)&lt;/script&gt;" in xml
    assert "&amp;lt;script&amp;gt;alert(1)" in xml
    entry = next(
        e for e in feedparser.parse(xml).entries if e.link.endswith(f"/stories/{hostile(stories)['id']}")
    )
    assert entry.title == f"Titel {HOSTILE}"


@pytest.mark.parametrize("path", ["/", "/documents/hostile-01", "/stories/{hostile}"])
def test_pages_escape_third_party_text(client, stories, path):
    page = client.get(path.format(hostile=hostile(stories)["id"]))
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script" not in page.text and "<img" not in page.text
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none' covers it
    assert "default-src 'none'" in page.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/documents/hostile-01", "/stories/{hostile}"])
def test_only_http_urls_are_links(client, stories, path):
    page = client.get(path.format(hostile=hostile(stories)["id"])).text
    assert 'href="javascript:' not in page
    assert 'href="https://demo.lagebild.example/' in client.get("/documents/kabel-de-01").text


def test_serve_command_listens_on_loopback(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "lagebild",
        "serve",
        "--db",
        str(tmp_path / "empty.db"),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = _get_when_up(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "Noch keine Berichte" in page.text
        # A domain rebound to 127.0.0.1 still sends its own name.
        rebound = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": f"evil.example:{port}"})
        assert rebound.status_code == 400
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/ serves {tmp_path / 'empty.db'}" in out


def _get_when_up(url: str) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(url)
        except httpx.ConnectError:
            assert time.monotonic() < deadline, "lagebild serve did not start"
            time.sleep(0.1)


def test_serve_shows_the_demo_when_there_is_no_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert store_to_serve(Settings()).db == "lagebild.db"
    (tmp_path / DEMO_DB).touch()
    assert store_to_serve(Settings()).db == DEMO_DB
    assert store_to_serve(Settings(db="mine.db")).db == "mine.db"
    (tmp_path / "lagebild.db").touch()
    assert store_to_serve(Settings()).db == "lagebild.db"


def test_reports_stored_by_the_cli_while_serving_are_placed_in_stories(tmp_path):
    settings = Settings(db=str(tmp_path / "site.db"))
    with serving(create_app(settings, warm=False)) as base, httpx.Client(base_url=base, timeout=60) as c:
        assert c.get("/api/stories").json() == []
        with SQLiteStore(settings.db) as store:  # as `lagebild ingest --no-stories` would
            for doc in story_documents("kb-"):
                store.add_document(doc)
        assert "werden noch eingeordnet" in c.get("/").text
        deadline = time.monotonic() + 60
        while not (found := c.get("/api/stories").json()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert found and sum(s["size"] for s in found) == len(story_documents("kb-"))
