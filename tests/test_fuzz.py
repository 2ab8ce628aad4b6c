"""Fuzzing every input kind with hostile data, each beside a good record (issue 14).

Every example writes one hostile input next to good records, ingests them into a fresh SQLite
store (or sends them to a real server) and asserts that no exception escapes, that the good
records are stored, and that time and memory stay bounded. The strategies are in fuzzing.py.

Profiles: ``ci`` (the default) runs 20 small, derandomised examples per test and does not
shrink a failure, so CI neither flakes nor spends minutes on a known defect;
``LAGEBILD_FUZZ=long`` runs 400 larger examples per test with a random seed and shrinks.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from datetime import timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import serving
from fuzzing import (
    ATOM_MARKER,
    BASE,
    GOOD_PAGE,
    GOOD_PAGE_MARKER,
    GOOD_SITE,
    INVALID_UTF8,
    MARKERS,
    PROFILE,
    SECONDS,
    SECRET,
    SECRET_NAME,
    SERVER_PATHS,
    at_server,
    bytes_at_server,
    check_body,
    dated_feed,
    feed_date,
    fuzz_settings,
    good_line,
    good_text,
    good_warc_record,
    hostile_bytes,
    hostile_feed,
    hostile_html,
    hostile_opml,
    hostile_text,
    ingest_beside_good,
    ingest_inputs,
    json_line,
    loopback_url,
    nested_json,
    peak_rss_mb,
    stored,
    warc_intact,
    warc_record,
    write_warc,
)
from lagebild.cli import main as cli
from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore

_COMMON = dict(
    database=None,
    # Examples are slow by nature (a fresh store, extraction, analysis) and some are large.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
    deadline=timedelta(seconds=SECONDS),
    print_blob=True,
)
FUZZ = {
    "ci": hypothesis_settings(
        max_examples=20,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        report_multiple_bugs=False,
        **_COMMON,
    ),
    "long": hypothesis_settings(max_examples=400, **_COMMON),
}[PROFILE]
RSS_GROWTH_MB = 1024  # per test module, coarse: the issue's goal is no input over 1 GB


@pytest.fixture(scope="module")
def rss():
    """The peak RSS before the module's first example."""
    return peak_rss_mb()


@contextmanager
def example_folder() -> Iterator[Path]:
    """A fresh folder for one example's files and store (tmp_path is one per test, not per example)."""
    with tempfile.TemporaryDirectory(prefix="lagebild-fuzz-") as tmp:
        yield Path(tmp)


def assert_sound(outcome, rss_before: float) -> None:
    """What every ingest example asserts."""
    assert outcome.error is None, f"an exception escaped ingest: {outcome.error}"
    assert not outcome.lost, f"good records lost: {outcome.lost}"
    assert not outcome.leaked, "a local file was read through a link, or the store is damaged"
    assert outcome.seconds < SECONDS, f"took {outcome.seconds:.1f} s"
    assert peak_rss_mb() - rss_before < RSS_GROWTH_MB, f"peak RSS grew from {rss_before:.0f} MB"


def good_file(folder: Path) -> Path:
    """The good plain-text report beside a hostile file."""
    path = folder / "a-good.txt"
    path.write_text("Hochwasser\n" + good_text("beside"), encoding="utf-8")
    return path


# -- JSONL ---------------------------------------------------------------------------------------


def ingest_jsonl_line(base: str, hostile: bytes):
    """A .jsonl file of a good line, the hostile line and another good line, ingested."""
    with example_folder() as folder:
        path = folder / "reports.jsonl"
        path.write_bytes(good_line("first") + b"\n" + hostile + b"\n" + good_line("last") + b"\n")
        return ingest_beside_good(
            [str(path)], fuzz_settings(folder, base), [MARKERS["first"], MARKERS["last"]]
        )


@FUZZ
@given(hostile=json_line())
@example(hostile=b'{"url": "http://x.invalid/", "source": "s", "text": "a \\ud800 b."}')
@example(hostile=b'{"url": "http://a:99999/", "source": "s", "text": "Ein Satz."}')
@example(hostile=b'{"url": "http://[::1", "source": "s", "text": "Ein Satz."}')
def test_jsonl_line_with_hostile_fields(web, rss, hostile):
    assert_sound(ingest_jsonl_line(web.base, hostile), rss)


@FUZZ
@given(hostile=hostile_bytes())
@example(hostile=b'{"url": "http://x.invalid/", "source": "s", "text": "caf\xe9"}')
def test_jsonl_line_of_hostile_bytes(web, rss, hostile):
    assert_sound(ingest_jsonl_line(web.base, hostile), rss)


@FUZZ
@given(hostile=nested_json())
@example(hostile=b"[" * 100_000 + b"]" * 100_000)
def test_jsonl_line_nested_deeply(web, rss, hostile):
    assert_sound(ingest_jsonl_line(web.base, hostile), rss)


# -- files in a folder: HTML and text ------------------------------------------------------------


@FUZZ
@given(page=hostile_html(), suffix=st.sampled_from([".html", ".htm", ".html.gz"]))
@example(page=b'<link rel="canonical" href="http://a:99999/"><p>Ein Satz.</p>', suffix=".html")
def test_hostile_html_file_beside_a_good_one(web, rss, page, suffix):
    with example_folder() as folder:
        good_file(folder)
        (folder / f"b-hostile{suffix}").write_bytes(gzip.compress(page) if suffix.endswith(".gz") else page)
        outcome = ingest_beside_good([str(folder)], fuzz_settings(folder, web.base), [MARKERS["beside"]])
    assert_sound(outcome, rss)


@FUZZ
@given(data=hostile_bytes(), suffix=st.sampled_from([".txt", ".md"]), bom=st.booleans())
def test_hostile_text_file_beside_a_good_one(web, rss, data, suffix, bom):
    with example_folder() as folder:
        good_file(folder)
        (folder / f"b-hostile{suffix}").write_bytes(b"\xef\xbb\xbf" * bom + data)
        outcome = ingest_beside_good([str(folder)], fuzz_settings(folder, web.base), [MARKERS["beside"]])
    assert_sound(outcome, rss)


# -- WARC ----------------------------------------------------------------------------------------


@FUZZ
@given(
    records=st.lists(warc_record(), min_size=1, max_size=3),
    compress=st.booleans(),
    tail=st.one_of(st.none(), hostile_bytes()),
)
@example(records=[{**good_warc_record("first"), "uri": None}], compress=False, tail=None)
def test_hostile_warc_records_between_good_ones(web, rss, records, compress, tail):
    with example_folder() as folder:
        path = folder / ("archive.warc.gz" if compress else "archive.warc")
        first, last = good_warc_record("first"), good_warc_record("last")
        write_warc(path, [first, *records, last], compress)
        if tail is not None:
            with path.open("ab") as out:
                out.write(tail)
        # A header broken by a line break hides where its record ends, and so the next one.
        goods = [MARKERS["first"]] + ([MARKERS["last"]] if warc_intact(records) else [])
        outcome = ingest_beside_good([str(path)], fuzz_settings(folder, web.base), goods)
    assert_sound(outcome, rss)


# -- feeds and OPML ------------------------------------------------------------------------------


# The issue's feed defects: an entry link that does not parse, one without a link, an empty feed.
_ISSUE_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    f"<item><link>{GOOD_SITE}/first</link><description>{escape(good_text('first'))}</description></item>"
    "<item><link>http://a:99999/</link><description>Ein Satz.</description></item>"
    "<item><link>http://[::1</link><description>Ein Satz.</description></item>"
    "<item><description>Ein Eintrag ohne Link mit genug Text.</description></item>"
    f"<item><link>{GOOD_SITE}/last</link><description>{escape(good_text('last'))}</description></item>"
    "</channel></rss>"
).encode()


@FUZZ
@given(feed=hostile_feed(), suffix=st.sampled_from([".rss", ".atom"]))
@example(feed=(_ISSUE_FEED, True), suffix=".rss")
def test_hostile_feed_entries_between_good_ones(web, rss, feed, suffix):
    content, intact = feed
    with example_folder() as folder:
        path = folder / f"feed{suffix}"
        path.write_bytes(bytes_at_server(content, web.base))
        # Relative entry links resolve against the feed's path: they must not read this file.
        (folder / SECRET_NAME).write_text(SECRET, encoding="utf-8")
        goods = [MARKERS["first"]] + ([MARKERS["last"]] if intact else [])
        outcome = ingest_beside_good([str(path)], fuzz_settings(folder, web.base), goods)
    assert_sound(outcome, rss)


@FUZZ
@given(date=feed_date(), flavour=st.sampled_from(["rss", "atom", "rdf"]))
@example(date="0000", flavour="rss")
@example(date="0001-01-01T00:00:00+01:00", flavour="atom")
@example(date="9999-12-31T23:59:59-14:00", flavour="rdf")
def test_feed_entry_dated_out_of_range_between_good_ones(web, rss, date, flavour):
    with example_folder() as folder:
        path = folder / "feed.rss"
        path.write_bytes(dated_feed(flavour, date))
        goods = [MARKERS["first"], MARKERS["last"]]
        outcome = ingest_beside_good([str(path)], fuzz_settings(folder, web.base), goods)
    assert_sound(outcome, rss)


@FUZZ
@given(bad=st.sampled_from(INVALID_UTF8), flavour=st.sampled_from(["rss", "atom", "rdf"]))
def test_one_invalid_byte_in_a_feed_garbles_no_other_entry(web, rss, bad, flavour):
    # The last good entry says "Sandsäcken": read as cp1252 it would be stored as "SandsÃ¤cken".
    content = dated_feed(flavour, "2024-09-10T08:00:00Z").replace(b"Ein Satz.", b"Ein Satz " + bad + b".")
    with example_folder() as folder:
        path = folder / "feed.rss"
        path.write_bytes(content)
        goods = [MARKERS["first"], MARKERS["last"]]
        outcome = ingest_beside_good([str(path)], fuzz_settings(folder, web.base), goods)
    assert_sound(outcome, rss)


@FUZZ
@given(opml=hostile_opml())
@example(
    opml=(
        b'<opml><body><outline xmlUrl="{BASE}/feeds/atom.xml"/><outline xmlUrl="http://a:99999/"/></body></opml>',
        True,
    )
)
def test_hostile_opml_beside_a_good_feed(web, rss, opml):
    content, well_formed = opml
    with example_folder() as folder:
        secret = folder / "private" / SECRET_NAME
        secret.parent.mkdir()
        secret.write_text(SECRET, encoding="utf-8")
        lists = folder / "lists"
        lists.mkdir()
        good_file(lists)
        (lists / "b-feeds.opml").write_bytes(bytes_at_server(content, web.base, secret))
        goods = [MARKERS["beside"]] + ([ATOM_MARKER] if well_formed else [])
        outcome = ingest_beside_good([str(lists)], fuzz_settings(folder, web.base), goods)
    assert_sound(outcome, rss)


# -- the command line ----------------------------------------------------------------------------

CLI_OPTIONS = ["-", "--", "--bogus", "-x", "--timeout", "--timeout=-1", "--timeout=nan", "--timeout=0",
               "--format=xml", "--source", "--allow-private=no", "--json"]  # fmt: skip


def run_cli_ingest(base: str, arguments: list[str]) -> tuple[int, bool]:
    """``lagebild ingest GOOD ARGUMENTS...`` in this process: its exit code, and whether the
    good report was stored."""
    env = {
        "LAGEBILD_ALLOW_PRIVATE": "1",
        "LAGEBILD_TIMEOUT": "1",
        "LAGEBILD_WIKI_API": base + "/{lang}/w/api.php",
    }
    runner = CliRunner()
    with example_folder() as folder:
        good, db = good_file(folder), folder / "fuzz.db"
        start = time.monotonic()
        # Relative paths among the arguments name files of the example's folder, not of the checkout.
        with chdir(folder):
            result = runner.invoke(
                cli, ["ingest", "--db", str(db), "--no-stories", str(good), *arguments], env=env
            )
        seconds = time.monotonic() - start
        kept = db.exists() and stored(db, MARKERS["beside"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    assert seconds < SECONDS
    return result.exit_code, kept


@FUZZ
@given(
    arguments=st.lists(
        st.one_of(
            st.sampled_from(CLI_OPTIONS),
            loopback_url(),
            hostile_text(4).map(lambda t: f"wiki:de:{t}"),
            hostile_text(4),
        ).filter(lambda arg: "\x00" not in arg),  # no argv can hold a NUL byte
        min_size=1,
        max_size=3,
    )
)
@example(arguments=[BASE + "/a\nb", "http://[::1"])
def test_cli_ingest_with_hostile_arguments(web, arguments):
    code, kept = run_cli_ingest(web.base, [at_server(a, web.base) for a in arguments])
    assert kept or code == 2


@FUZZ
@given(name=st.binary(min_size=1, max_size=12).filter(lambda b: b"\x00" not in b and not b.startswith(b"-")))
@example(name=b"\x80")
def test_cli_ingest_with_an_argument_that_is_not_utf8(web, name):
    # Python hands such argv bytes over as lone surrogates (surrogateescape), and the report prints them.
    code, kept = run_cli_ingest(web.base, [os.fsdecode(name)])
    assert code in (0, 1) and kept


def test_cli_process_over_the_issues_hostile_files(tmp_path):
    # One real process over hostile files of each kind from the issue's report, and a file
    # name that is not UTF-8.
    folder = tmp_path / "inbox"
    folder.mkdir()
    good_file(folder)
    files = {
        "b-surrogate.jsonl": b'{"url": "http://x.invalid/a", "source": "s", "text": "a \\ud800 b."}\n',
        "c-port.jsonl": b'{"url": "http://a:99999/", "source": "s", "text": "Ein Satz."}\n',
        "d-nested.jsonl": b"[" * 100_000 + b"\n",
        "e-bytes.jsonl": good_line("first") + b"\n\xff\n" + good_line("last") + b"\n",
        os.fsdecode(b"f-\xff-name.txt"): b"\xff\xfe not UTF-8",
        "h-empty.rss": b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    write_warc(folder / "g-no-uri.warc", [{**good_warc_record("first"), "uri": None}], False)
    db = tmp_path / "fuzz.db"
    result = subprocess.run(
        [sys.executable, "-m", "lagebild", "ingest", str(folder), "--db", str(db), "--no-stories"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    assert all(stored(db, MARKERS[key]) for key in ("beside", "first", "last"))


# -- the web API ---------------------------------------------------------------------------------

# Statuses a request may get; 500 means an exception escaped.
API_STATUSES = {200, 202, 400, 404, 413, 422, 502}


@pytest.fixture(scope="module")
def site(web, tmp_path_factory):
    """A real server (uvicorn on loopback) over a store holding a good record; loopback URLs
    allowed, so that ingest jobs fetch from the fixture server. Yields a client and the store's path."""
    from lagebild.web.app import create_app

    folder = tmp_path_factory.mktemp("fuzz-site")
    settings = fuzz_settings(folder, web.base)
    (folder / "good.jsonl").write_bytes(good_line("first") + b"\n")
    with SQLiteStore(settings.db) as store:
        assert ingest([str(folder / "good.jsonl")], store, settings).added
    with serving(create_app(settings, warm=False)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client, Path(settings.db)


def post_json(client: httpx.Client, path: str, body: bytes) -> httpx.Response:
    """POST ``body`` as JSON and check the answer: a known status, errors as one line of JSON."""
    start = time.monotonic()
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert time.monotonic() - start < SECONDS
    assert response.status_code in API_STATUSES, response.text
    if response.status_code >= 400:
        message = response.json()["error"]
        assert "\n" not in message and "Traceback" not in message
    return response


def finished(client: httpx.Client, location: str) -> dict:
    """The ingest job at ``location`` once it has finished (or after SECONDS)."""
    deadline = time.monotonic() + SECONDS
    while True:
        job = client.get(location).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


@FUZZ
@given(body=check_body())
@example(body=json.dumps({"text": "Ein Satz.", "story": "\u00b2"}).encode())
@example(body=json.dumps({"text": "Ein Satz.", "story": 10**23}).encode())
def test_api_check_with_hostile_bodies(web, rss, site, body):
    client, _ = site
    post_json(client, "/api/check", bytes_at_server(body, web.base))
    assert client.get("/api/documents/good-first").status_code == 200
    assert peak_rss_mb() - rss < RSS_GROWTH_MB


@FUZZ
@given(inputs=ingest_inputs())
@example(inputs=["wiki:de:\ud800"])
@example(inputs=["http://a:99999/"])
@example(inputs=["http://[::1"])
def test_api_ingest_with_hostile_inputs_beside_a_good_one(web, rss, site, inputs):
    client, db = site
    body = json.dumps({"inputs": [*inputs, BASE + GOOD_PAGE]}).encode()
    response = post_json(client, "/api/ingest", bytes_at_server(body, web.base))
    if response.status_code == 202:
        job = finished(client, response.headers["location"])
        assert job["state"] == "done", job
        assert stored(db, GOOD_PAGE_MARKER)
    assert client.get("/api/documents/good-first").status_code == 200
    assert peak_rss_mb() - rss < RSS_GROWTH_MB


def test_api_refuses_a_body_over_the_limit(site):
    client, _ = site
    response = client.post(
        "/api/check", content=b"x" * (3 * 1024 * 1024), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "\n" not in response.json()["error"]
    assert client.get("/api/documents/good-first").status_code == 200


# Spellings of loopback (and of "this host") that resolve without asking DNS, IPv6 forms that
# stand for an IPv4 address among them: with the guard on, none may reach the fixture server.
LOOPBACK_HOSTS = [
    "127.0.0.1", "127.1", "0x7f.0.0.1", "0177.0.0.1", "2130706433", "localhost", "0.0.0.0",
    "[::1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]",
    "[64:ff9b::127.0.0.1]", "[2002:7f00:1::]",
]  # fmt: skip


@pytest.fixture(scope="module")
def guarded_site(tmp_path_factory):
    """A real server with the private-address guard on, as `lagebild serve` runs by default."""
    from lagebild.web.app import create_app

    settings = Settings(db=str(tmp_path_factory.mktemp("fuzz-guarded") / "site.db"), timeout=1.0)
    with serving(create_app(settings, warm=False)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield client


@FUZZ
@given(
    host=st.sampled_from(LOOPBACK_HOSTS),
    path=st.sampled_from(SERVER_PATHS),
    endpoint=st.sampled_from(["/api/ingest", "/api/check"]),
)
def test_api_refuses_loopback_in_every_spelling(web, guarded_site, host, path, endpoint):
    url = f"http://{host}:{web.base.rsplit(':', 1)[1]}{path}"
    body = {"inputs": [url]} if endpoint == "/api/ingest" else {"url": url, "rules_only": True}
    before = len(web.requests)
    response = post_json(guarded_site, endpoint, json.dumps(body).encode())
    assert response.status_code == 400, response.text
    assert len(web.requests) == before, "a refused URL reached the fixture server"
