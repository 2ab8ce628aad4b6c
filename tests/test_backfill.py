"""Backfill on a real Dask cluster: the same documents and stories as ingest, resumable after
SIGKILL on both stores, one-line errors. One local cluster of two processes serves the module
(starting one costs seconds); the command-line runs reach it through --scheduler."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import DATA, WEB
from lagebild.backfill import backfill, dask_client
from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.stories import update_stories


@pytest.fixture(scope="module")
def client():
    """A client of a local Dask cluster of two worker processes, as `lagebild backfill` makes."""
    with dask_client(None, 2, timeout=30) as made:
        yield made


def _lagebild(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "lagebild", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def _warc(path: Path) -> None:
    """Two of our fixture pages as archived responses, and an image the reader passes over."""
    writer = WARCWriter(path.open("wb"), gzip=True)
    pages = {
        "https://rheinbote.example/bruecke": "bruecke-gesperrt.html",
        "https://herald.example/storm": "sturm-kueste.html",
        "https://bild.example/logo.png": None,
    }
    for url, name in pages.items():
        ctype = "text/html; charset=utf-8" if name else "image/png"
        body = (WEB / "artikel" / name).read_bytes() if name else b"\x89PNG"
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )
    writer.out.close()


def _archive(folder: Path) -> list[str]:
    """Our test stories as JSONL, with an exact copy under another URL and a bad line, and a
    WARC of pages."""
    rows = [json.loads(line) for line in (DATA / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    copy = {**rows[0], "id": "kopie-1", "url": "https://kopie.example/bruecke", "source": "Kopieblatt"}
    lines = [json.dumps(r, ensure_ascii=False) for r in [*rows[:4], copy, *rows[4:]]]
    lines.insert(3, '{"url": "https://kaputt.example/", "source": "Kaputt"}')
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _warc(folder / "pages.warc.gz")
    return [str(folder / "reports.jsonl"), str(folder / "pages.warc.gz")]


def _contents(store) -> tuple[list, list]:
    docs = [store.get_document(s.id) for s in store.documents()]
    stored = [
        (
            d.id,
            d.url,
            d.source,
            d.title,
            d.text,
            d.language,
            d.published,
            d.copy_of,
            [(s.start, s.end) for s in d.sentences],
        )
        for d in docs
    ]
    stories = sorted(sorted(s.doc_ids) for s in store.stories())
    return stored, stories


def test_backfill_stores_and_places_what_ingest_does(client, tmp_path):
    inputs = _archive(tmp_path)
    settings = Settings(db=str(tmp_path / "backfill.db"))
    with open_store(str(tmp_path / "backfill.db")) as store:
        report = backfill(inputs, store, settings, client)
        # The workers embedded the leads: placing the reports finds every feature stored.
        added = [r.doc_id for r in report.added]
        assert sorted(store.features(added)) == sorted(added)
        placed = update_stories(store)
        filled = _contents(store)
        assert store.unclustered_doc_ids() == []
    with open_store(str(tmp_path / "ingest.db")) as store:
        expected = ingest(inputs, store, settings)
        update_stories(store)
        ingested = _contents(store)
    assert filled == ingested
    assert len(report.added) == len(expected.added) == 12 and placed.documents == 12
    assert [(r.doc_id, r.copy_of) for r in report.copies] == [("kopie-1", "kb-de-1")]
    assert [(f.label, f.reason) for f in report.failed] == [(f.label, f.reason) for f in expected.failed]
    assert [f.label for f in report.failed] == [f"{inputs[0]}:4"]
    assert len({url for _, url, *_ in filled[0]}) == 12


def test_backfill_again_skips_what_is_stored(client, tmp_path):
    inputs = _archive(tmp_path)
    settings = Settings(db=str(tmp_path / "b.db"))
    with open_store(settings.db) as store:
        first = backfill(inputs, store, settings, client)
        again = backfill(inputs, store, settings, client)
        assert store.count_documents() == len(first.added) == 12
    assert again.added == [] and len(again.present) == 12 and len(again.failed) == 1


_TOWNS = ["Kellbach", "Ostheim", "Lindau am See", "Bergfeld", "Wasserburg", "Altdorf", "Neumark"]
_EVENTS = [
    ("ein Hochwasser am Mühlbach", "Die Feuerwehr pumpte {n} Keller leer."),
    ("einen Brand in einer Lagerhalle", "Rund {n} Einsatzkräfte löschten bis in die Nacht."),
    ("einen Unfall auf der Landstraße", "Die Strecke blieb {n} Minuten gesperrt."),
    ("einen Stromausfall im Gewerbegebiet", "Etwa {n} Haushalte waren ohne Strom."),
    ("ein Konzert auf dem Marktplatz", "Die Veranstalter zählten {n} Besucher."),
    ("eine Sitzung des Stadtrats", "Der Haushalt wurde mit {n} Stimmen beschlossen."),
]


def _big_archive(path: Path, count: int) -> None:
    """``count`` short reports written for this test, each under its own URL, on a handful of
    local events in several towns."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            town = _TOWNS[n % len(_TOWNS)]
            event, detail = _EVENTS[n % len(_EVENTS)]
            text = f"In {town} meldete die Stadt für Tag {n} {event}. " + detail.format(n=n + 3)
            row = {"url": f"https://lokal.example/meldung/{n}", "source": "Lokalblatt", "text": text}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _killed_and_resumed(client, db: str, tmp_path: Path) -> None:
    count = 200
    _big_archive(tmp_path / "big.jsonl", count)
    scheduler = client.scheduler.address
    with open_store(db) as store:  # made before the backfill, so that polling can read it
        assert store.count_documents() == 0
        process = _lagebild("backfill", str(tmp_path / "big.jsonl"), "--scheduler", scheduler, "--db", db)
        deadline = time.monotonic() + 120
        while store.count_documents() == 0:
            assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        stored_when_killed = store.count_documents()
    assert 0 < stored_when_killed < count, "the kill came too late to test resuming"
    code, out, err = _finish(
        _lagebild("backfill", str(tmp_path / "big.jsonl"), "--scheduler", scheduler, "--db", db)
    )
    assert code == 0, err
    assert out.startswith(f"added {count - stored_when_killed}, present {stored_when_killed}, failed 0, ")
    with open_store(db) as store:
        urls = [s.url for s in store.documents()]
        assert len(urls) == len(set(urls)) == count
        assert store.unclustered_doc_ids() == []
        assert sum(s.size for s in store.stories()) == count


def test_backfill_killed_and_started_again_stores_each_report_once_sqlite(client, tmp_path):
    _killed_and_resumed(client, str(tmp_path / "big.db"), tmp_path)


def test_backfill_killed_and_started_again_stores_each_report_once_postgres(client, postgres_url, tmp_path):
    _killed_and_resumed(client, postgres_url, tmp_path)


def test_command_on_its_own_local_cluster_reports_bad_records_in_one_line(tmp_path):
    inputs = _archive(tmp_path)
    db = str(tmp_path / "cli.db")
    code, out, err = _finish(_lagebild("backfill", *inputs, "--workers", "1", "--db", db))
    assert code == 1
    assert out.startswith("added 12, present 0, failed 1, 12 placed in stories, ")
    assert out.rstrip().endswith(" reports/s)")
    assert err.strip() == f"lagebild: {inputs[0]}:4: needs a non-empty 'text' or 'html' field"


def test_json_summary_names_every_report(client, tmp_path):
    inputs = _archive(tmp_path)
    db = str(tmp_path / "json.db")
    scheduler = client.scheduler.address
    code, out, err = _finish(_lagebild("backfill", *inputs, "--scheduler", scheduler, "--db", db, "--json"))
    assert code == 1 and err.strip() == f"lagebild: {inputs[0]}:4: needs a non-empty 'text' or 'html' field"
    summary = json.loads(out)
    assert len(summary["added"]) == 12 and summary["present"] == [] and summary["placed"] == 12
    assert summary["copies"] == {"kopie-1": "kb-de-1"} and summary["stories_updated"] >= 1
    assert summary["failed"] == [
        {"input": f"{inputs[0]}:4", "reason": "needs a non-empty 'text' or 'html' field"}
    ]
    assert summary["seconds"] > 0 and summary["reports_per_second"] > 0
    code, out, _ = _finish(
        _lagebild("backfill", *inputs, "--scheduler", scheduler, "--db", db, "--format", "json")
    )
    again = json.loads(out)
    assert (
        again["added"] == [] and sorted(again["present"]) == sorted(summary["added"]) and again["placed"] == 0
    )


def test_local_cluster_that_cannot_start_is_one_line(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"url": "https://a.example/", "source": "A", "text": "Ein Satz."}\n')
    (tmp_path / "datei").write_text("a file where Dask wants its workers' folder")
    process = _lagebild(
        "backfill",
        str(tmp_path / "a.jsonl"),
        "--workers",
        "1",
        "--db",
        str(tmp_path / "x.db"),
        env={"DASK_TEMPORARY_DIRECTORY": str(tmp_path / "datei" / "dask")},
    )
    code, out, err = _finish(process)
    assert code == 1 and out == ""
    assert err.startswith("lagebild: --workers 1: the local Dask cluster did not start (")
    assert "Not a directory" in err and len(err.strip().splitlines()) == 1
    with open_store(str(tmp_path / "x.db")) as store:
        assert store.count_documents() == 0


def test_unreachable_scheduler_is_one_line_naming_it(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"url": "https://a.example/", "source": "A", "text": "Ein Satz."}\n')
    address = "tcp://127.0.0.1:9"
    process = _lagebild(
        "backfill",
        str(tmp_path / "a.jsonl"),
        "--scheduler",
        address,
        "--db",
        str(tmp_path / "x.db"),
        env={"LAGEBILD_TIMEOUT": "1"},
    )
    code, out, err = _finish(process)
    assert code == 1 and out == ""
    assert err.startswith(f"lagebild: --scheduler {address}: cannot connect (")
    assert len(err.strip().splitlines()) == 1


def test_other_commands_do_not_import_dask(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"url": "https://a.example/", "source": "A", "text": "Ein Satz."}\n')
    args = ["ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "a.db")]
    script = (
        "import sys\n"
        "from lagebild.cli import main\n"
        f"main({args!r}, standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
