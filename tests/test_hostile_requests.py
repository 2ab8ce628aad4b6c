"""Hostile and careless requests to the server and the CLI (issue 14, defects 10-15): story ids
that are not plain numbers, oversized bodies, cross-site posts, IPv6 loopback, a watch that
would never pause, and a database that may only be read."""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from conftest import report, serving, story_documents
from lagebild.errors import StoreError
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.store.sqlite import SQLiteStore
from lagebild.stories import get_story, story_brief, update_stories
from lagebild.watch import parse_interval
from lagebild.web.app import MAX_BODY_BYTES, create_app
from lagebild.web.server import allowed_hosts

# Not plain ASCII story numbers: beyond SQLite's INTEGER, superscript, fullwidth and Arabic-Indic 2.
BAD_IDS = ["99999999999999999999999", str(2**63), "9" * 5000, "²", "２", "٢", "-1", " 2"]


def build_store(path: Path) -> Path:
    """The test reports (tests/data/stories.jsonl) in two stories, ids 1 and 2."""
    with SQLiteStore(path) as store:
        for doc in story_documents():
            store.add_document(doc)
        update_stories(store)
        assert sorted(s.id for s in store.stories()) == [1, 2]
    return path


@pytest.fixture(scope="module")
def site_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("hostile") / "site.db")


@pytest.fixture(scope="module")
def site(site_db):
    with serving(create_app(Settings(db=str(site_db)), warm=False)) as base:
        yield base


@pytest.fixture(scope="module")
def client(site):
    with httpx.Client(base_url=site, timeout=60) as c:
        yield c


def lagebild(*args: str, env: dict | None = None, user: list[str] = ()) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*user, sys.executable, "-m", "lagebild", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def assert_one_line(result: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert result.returncode == code, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def assert_json_error(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert words in message and "\n" not in message


# -- 10: story ids are ASCII digits within SQLite's INTEGER -----------------------------------


def test_get_story_takes_only_ascii_numbers(site_db):
    with SQLiteStore(site_db, read_only=True) as store:
        assert get_story(store, "2").id == 2
        for bad in BAD_IDS:
            with pytest.raises(Exception, match="no such story") as caught:
                get_story(store, bad)
            assert caught.type.__name__ == "NotFoundError"


@pytest.mark.parametrize("story_id", BAD_IDS[:6])
@pytest.mark.parametrize("path", ["/api/stories/{}", "/api/stories/{}/claims", "/stories/{}"])
def test_web_answers_404_to_ids_that_are_not_plain_numbers(client, path, story_id):
    response = client.get(path.format(story_id))
    assert response.status_code == 404, response.text[:300]
    assert "no such story" in response.text and "Traceback" not in response.text


def test_web_finds_story_2_by_its_ascii_id(client):
    assert client.get("/api/stories/2").json()["id"] == 2


def test_check_against_a_huge_story_number_is_404(client):
    response = client.post("/api/check", json={"text": "Die Brücke ist gesperrt.", "story": 10**30})
    assert_json_error(response, 404, "no such story")


@pytest.mark.parametrize("story_id", ["99999999999999999999999", "２", "٢"])
def test_cli_story_refuses_ids_that_are_not_plain_numbers(site_db, story_id):
    assert_one_line(lagebild("story", story_id, "--db", str(site_db)), 1, f"story {story_id}: no such story")


# -- 11: request bodies over MAX_BODY_BYTES are refused before they are read -----------------


def _request_head(site: str, path: str, headers: str) -> bytes:
    port = site.rsplit(":", 1)[1]
    return f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{headers}\r\n".encode()


def _read_answer(s: socket.socket, start: bytes = b"") -> tuple[str, bytes]:
    """The status line and body of an HTTP answer, read until its Content-Length is complete."""
    data = start
    while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
        more = s.recv(65536)
        if not more:
            break
        data += more
    head, body = data.split(b"\r\n\r\n", 1)
    return head.decode("latin-1").split("\r\n")[0], body


def _length(data: bytes) -> int:
    lines = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower().split("\r\n")
    return next((int(line.split(":", 1)[1]) for line in lines if line.startswith("content-length:")), 0)


def test_a_declared_large_body_is_refused_unread(site):
    port = int(site.rsplit(":", 1)[1])
    head = "Content-Type: application/json\r\nContent-Length: 400000000\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        # Only the head is sent: the answer cannot wait for (or read) the 400 MB.
        s.sendall(_request_head(site, "/api/check", head))
        status, body = _read_answer(s)
    assert status.startswith("HTTP/1.1 413"), status
    assert json.loads(body) == {
        "error": f"the request body is larger than {MAX_BODY_BYTES:,} bytes",
        "status": 413,
    }


def test_a_chunked_body_is_refused_once_over_the_limit(site):
    port = int(site.rsplit(":", 1)[1])
    head = "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
    chunk = b"x" * 65536
    sent, answer = 0, b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(_request_head(site, "/api/check", head))
        try:
            while sent < 100 * MAX_BODY_BYTES and not answer:
                s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                if select.select([s], [], [], 0)[0]:
                    answer = s.recv(65536)
        except OSError:  # the server closed the connection after its answer
            answer = answer or s.recv(65536)
        status, body = _read_answer(s, answer)
    assert status.startswith("HTTP/1.1 413"), status
    error = json.loads(body)
    assert error["status"] == 413 and "larger than" in error["error"]
    # What loopback socket buffers hold besides the limit, far from the 200 MB offered.
    assert sent < 10 * MAX_BODY_BYTES


def test_a_page_form_over_the_limit_is_refused(client):
    response = client.post("/check", data={"text": "x" * (MAX_BODY_BYTES + 1)})
    assert response.status_code == 413 and "larger than" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_a_body_under_the_limit_is_read(client):
    # Read and judged by its content (the article is too long), not refused by its size.
    response = client.post("/api/check", json={"text": "x" * (MAX_BODY_BYTES // 2)})
    assert_json_error(response, 422, "text:")


@pytest.mark.parametrize(
    ("path", "body", "words"),
    [
        ("/api/ingest", {"inputs": ["wiki:de:\ud800"]}, "inputs.0: Value error, not valid Unicode"),
        ("/api/check", {"text": "Ein \ud800 Satz."}, "text:"),
        ("/api/check", {"url": "https://a.example/\udfff"}, "url:"),
    ],
)
def test_text_with_a_lone_surrogate_is_refused(client, path, body, words):
    # json.dumps writes the surrogate as the JSON escape "\ud800", as a hostile client would.
    sent = client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})
    assert_json_error(sent, 422, words)


# -- 12: the cross-site check compares scheme, host and port -----------------------------------


def test_only_posts_from_this_servers_own_origin_pass(client, site):
    def post(origin: str) -> httpx.Response:
        return client.post("/api/check", json={}, headers={"origin": origin})

    # Its own origin passes the check (and the empty request is then refused as such).
    assert_json_error(post(site), 400, "give either")
    port = site.rsplit(":", 1)[1]
    for other in [
        f"https://127.0.0.1:{port}",
        "http://127.0.0.1:1",
        "http://127.0.0.1",
        f"http://localhost:{port}",
        f"http://127.0.0.1:{port}.evil.example",
        "null",
        "http://[::1",
    ]:
        assert_json_error(post(other), 403, "refused")
    form = client.post(
        "/ingest", data={"inputs": "https://a.example/"}, headers={"origin": f"https://127.0.0.1:{port}"}
    )
    assert form.status_code == 403


# -- 13: serving on ::1 accepts the bracketed Host browsers send -------------------------------


def test_allowed_hosts_bracket_ipv6():
    assert "[::1]" in allowed_hosts("::1") and "::1" not in allowed_hosts("::1")
    assert "[::1]" in allowed_hosts("127.0.0.1")
    assert allowed_hosts("0.0.0.0") is None


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_serve_on_ipv6_loopback_answers_browsers(tmp_path):
    with socket.socket(socket.AF_INET6) as s:
        s.bind(("::1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "lagebild", "serve", "--host", "::1", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--db", str(tmp_path / "empty.db")], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://[::1]:{port}/")  # Host: [::1]:PORT, as a browser sends it
                break
            except httpx.ConnectError:
                assert server.poll() is None and time.monotonic() < deadline, "lagebild serve did not start"
                time.sleep(0.1)
        assert page.status_code == 200, page.text
        rebound = httpx.get(f"http://[::1]:{port}/", headers={"host": f"evil.example:{port}"})
        assert rebound.status_code == 400
    finally:
        server.terminate()
        server.communicate(timeout=20)


# -- 14: watch pauses at least a minimum between runs ----------------------------------------


def test_parse_interval_has_a_floor_and_a_ceiling():
    assert parse_interval("1m", minimum=60) == 60
    for bad in ["0s", "59s", "0.5m", "9" * 400, "366d"]:
        with pytest.raises(ValueError, match="at least 60s"):
            parse_interval(bad, minimum=60)


def test_watch_refuses_a_pause_below_the_minimum(tmp_path):
    db = tmp_path / "w.db"
    result = lagebild("watch", "feed.xml", "--every", "0s", "--db", str(db))
    assert result.returncode == 2 and "at least 60s" in result.stderr and "Traceback" not in result.stderr
    assert not db.exists()  # refused before anything ran
    lowered = {"LAGEBILD_WATCH_MIN_INTERVAL": "30"}
    result = lagebild("watch", "feed.xml", "--every", "30s", "--runs", "1", "--db", str(db), env=lowered)
    assert "at least" not in result.stderr and "run 1:" in result.stdout


# -- 15: a read-only database can be read ------------------------------------------------------


def test_a_store_opened_read_only_reads_and_skips_only_cache_writes(tmp_path):
    path = build_store(tmp_path / "ro.db")
    with open_store(str(path), read_only=True) as store:
        assert store.read_only and store.count_documents() == len(story_documents())
        brief = story_brief(store, "1")  # embeds sentences, whose vectors it cannot keep
        assert brief.story_id == 1
        assert store.conn.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0] == 0
        with pytest.raises(StoreError, match="read-only"):
            store.add_document(report("new-1", "Ein neuer Bericht.", None, url="https://a.example/1"))
        with pytest.raises(StoreError, match="read-only"):
            store.delete_story(1)
    with SQLiteStore(path) as store:  # nothing was lost
        assert store.count_documents() == len(story_documents()) and len(store.stories()) == 2


def _as_other_user() -> list[str] | None:
    """The command prefix that runs the CLI as a user whom file permissions bind: none when
    that is us already; as root (who may write any file), setpriv to nobody."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.fixture
def read_only_db():
    """A store whose file (0444) and folder (0555) cannot be written, in a folder the user
    of _as_other_user() can reach; permissions are restored for the cleanup."""
    folder = Path(tempfile.mkdtemp(prefix="lagebild-ro-"))
    try:
        path = build_store(folder / "ro.db")
        (folder / "home").mkdir()
        (folder / "article.txt").write_text("Die Lindenbrücke in Kellbach ist eingestürzt.\n")
        report = {"url": "https://a.example/1", "source": "A", "text": "Neu."}
        (folder / "new.jsonl").write_text(json.dumps(report))
        (folder / "home").chmod(0o777)
        for p in [path, folder / "article.txt", folder / "new.jsonl"]:
            p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        folder.chmod(0o555)
        yield path
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_cli_reads_a_read_only_database_and_refuses_to_write_it(read_only_db):
    user = _as_other_user()
    if user is None:
        pytest.skip("running as root without setpriv: file permissions do not bind root")
    db = ["--db", str(read_only_db)]
    env = {"HOME": str(read_only_db.parent / "home")}
    for args in [("docs",), ("story", "1"), ("claims", "1"), ("brief", "2"), ("stories", "--json")]:
        result = lagebild(*args, *db, env=env, user=user)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.strip()
    assert sorted(s["id"] for s in json.loads(result.stdout)) == [1, 2]
    for args in [("ingest", str(read_only_db.parent / "new.jsonl")), ("recluster",)]:
        assert_one_line(lagebild(*args, *db, env=env, user=user), 1, "read-only")
    assert not list(read_only_db.parent.glob("ro.db-*"))  # no journal, no index written
