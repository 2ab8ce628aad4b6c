"""Hostile input at scale (issue 14): thousands of generated inputs, each beside good records.

Reuses the strategies and the harness of the fuzz suite (tests/fuzzing.py) with the long
profile's sizes, and runs each kind in its own process (so that its peak RSS is its own) with
a fixed seed. Every input is ingested beside good records into a fresh SQLite store, or sent
to a real server (uvicorn on loopback) over a store holding a good record. Counted per kind:
inputs tried, tracebacks (an exception escaped ingest, an HTTP 500, an ingest job that ended
in an internal error), hangs (an input still running after 60 s is stopped by an alarm),
inputs after which a good record was missing, the slowest input, and the process's peak RSS.

Then the feed shapes of tests/data/web/feeds/ are ingested from the fixture server one by
one, and the issue's own pathological inputs are ingested once each.

Goals (issue 14): 0 tracebacks, 0 good records lost, no input over 30 s or 1 GB.

    .venv/bin/python bench/fuzz.py              # about 5,000 inputs
    .venv/bin/python bench/fuzz.py --scale 0.1  # a tenth of them, for a quick look
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests"
# The strategies read their sizes when fuzzing is imported: the long profile's, unless set.
os.environ.setdefault("LAGEBILD_FUZZ", "long")
sys.path.insert(0, str(TESTS))

import httpx  # noqa: E402
from hypothesis import HealthCheck, Phase, given  # noqa: E402
from hypothesis import seed as fixed_seed  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import fuzzing as fz  # noqa: E402
from _devset import table  # noqa: E402
from conftest import WEB, FixtureServer, serving  # noqa: E402
from lagebild.ingest import ingest  # noqa: E402
from lagebild.store.sqlite import SQLiteStore  # noqa: E402
from lagebild.web.app import create_app  # noqa: E402

HANG_SECONDS = 60

# Inputs per kind at --scale 1: over 5,000 in all.
KINDS = {
    # Slowest first, so that the two processes finish at about the same time.
    "feed entries (rss/atom/rdf)": 100,
    "html file": 220,
    "jsonl: hostile fields": 1100,
    "jsonl: hostile bytes": 800,
    "text file": 800,
    "warc records": 700,
    "opml": 450,
    "api: POST /api/check": 400,
    "jsonl: deep nesting": 300,
    "feed entry dates": 300,
    "api: POST /api/ingest": 150,
}


class Hang(Exception):
    """An input ran past HANG_SECONDS."""


@dataclass
class Tally:
    """What the inputs of one kind did."""

    kind: str
    inputs: int = 0
    tracebacks: int = 0
    hangs: int = 0
    lost: int = 0
    worst: float = 0.0
    total: float = 0.0
    peak_mb: float = 0.0
    examples: list[str] = field(default_factory=list)

    def record(self, seconds: float, error: str | None, lost: bool, what: str) -> None:
        """Count one input; keep a few findings to print."""
        self.inputs += 1
        self.worst = max(self.worst, seconds)
        self.total += seconds
        if error is not None:
            self.tracebacks += 1
        self.lost += lost
        if (error or lost) and len(self.examples) < 3:
            self.examples.append(f"{error or 'good record lost'} <- {what[:400]}")


@contextmanager
def alarm(seconds: int):
    """Raise Hang in this (the main) thread when the block runs longer than ``seconds``."""

    def ring(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def timed(tally: Tally, what: str, run) -> None:
    """Run one input's ``run()`` -> (error, lost) under the hang alarm and count it."""
    start = time.monotonic()
    try:
        with alarm(HANG_SECONDS):
            error, lost = run()
    except Hang:
        tally.hangs += 1
        error, lost = None, False
    tally.record(time.monotonic() - start, error, lost, what)


# -- the kinds -----------------------------------------------------------------------------------


def file_kind(kind: str, base: str, tally: Tally, examples: int, seed: int) -> None:
    """Inputs of a file kind, each ingested beside good records into a fresh store."""

    def once(files: dict[str, bytes], target: str, goods: list[str], hostile) -> None:
        with tempfile.TemporaryDirectory(prefix="lagebild-fuzz-") as tmp:
            folder = Path(tmp)
            secret = folder / "private" / fz.SECRET_NAME
            secret.parent.mkdir()
            secret.write_text(fz.SECRET, encoding="utf-8")
            (folder / "in").mkdir()
            if target:
                # Beside a single input, where relative links in it lead; never in a folder ingested whole.
                (folder / "in" / fz.SECRET_NAME).write_text(fz.SECRET, encoding="utf-8")
            for name, content in files.items():
                (folder / "in" / name).write_bytes(fz.bytes_at_server(content, base, secret))

            def run():
                outcome = fz.ingest_beside_good(
                    [str(folder / "in" / target)], fz.fuzz_settings(folder, base), goods
                )
                return outcome.error, bool(outcome.lost or outcome.leaked)

            timed(tally, repr(hostile), run)

    good_txt = ("Hochwasser\n" + fz.good_text("beside")).encode()
    ends = [fz.MARKERS["first"], fz.MARKERS["last"]]

    def jsonl(line: bytes) -> None:
        once(
            {"r.jsonl": fz.good_line("first") + b"\n" + line + b"\n" + fz.good_line("last") + b"\n"},
            "r.jsonl",
            ends,
            line,
        )

    def warc(records: list[dict], compress: bool, tail: bytes | None) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "a.warc"
            fz.write_warc(
                path, [fz.good_warc_record("first"), *records, fz.good_warc_record("last")], compress
            )
            content = path.read_bytes() + (tail or b"")
        name = "a.warc.gz" if compress else "a.warc"
        goods = ends if fz.warc_intact(records) else ends[:1]
        once({name: content}, name, goods, (records, tail))

    def html(page: bytes, suffix: str) -> None:
        page = gzip.compress(page) if suffix.endswith(".gz") else page
        once({"a.txt": good_txt, f"b{suffix}": page}, "", [fz.MARKERS["beside"]], page)

    def text(data: bytes, suffix: str) -> None:
        once({"a.txt": good_txt, f"b{suffix}": data}, "", [fz.MARKERS["beside"]], data)

    def feed(made: tuple[bytes, bool]) -> None:
        content, intact = made
        once({"f.rss": content}, "f.rss", ends if intact else ends[:1], content)

    def dated(date: str, flavour: str) -> None:
        once({"f.rss": fz.dated_feed(flavour, date)}, "f.rss", ends, (flavour, date))

    def opml(made: tuple[bytes, bool]) -> None:
        content, well_formed = made
        goods = [fz.MARKERS["beside"]] + ([fz.ATOM_MARKER] if well_formed else [])
        once({"a.txt": good_txt, "b.opml": content}, "", goods, content)

    runs = {
        "jsonl: hostile fields": (jsonl, fz.json_line()),
        "jsonl: hostile bytes": (jsonl, fz.hostile_bytes()),
        "jsonl: deep nesting": (jsonl, fz.nested_json()),
        "html file": (html, fz.hostile_html(), st.sampled_from([".html", ".htm", ".html.gz"])),
        "text file": (text, fz.hostile_bytes(), st.sampled_from([".txt", ".md"])),
        "warc records": (
            warc,
            st.lists(fz.warc_record(), min_size=1, max_size=3),
            st.booleans(),
            st.one_of(st.none(), fz.hostile_bytes()),
        ),
        "feed entries (rss/atom/rdf)": (feed, fz.hostile_feed()),
        "feed entry dates": (dated, fz.feed_date(), st.sampled_from(["rss", "atom", "rdf"])),
        "opml": (opml, fz.hostile_opml()),
    }
    body, *strategies = runs[kind]
    generate(body, strategies, examples, seed)


def api_kind(kind: str, base: str, tally: Tally, examples: int, seed: int) -> None:
    """Bodies for one API endpoint, sent to a real server over a store holding a good record."""
    with tempfile.TemporaryDirectory(prefix="lagebild-fuzz-") as tmp:
        folder = Path(tmp)
        settings = fz.fuzz_settings(folder, base)
        (folder / "good.jsonl").write_bytes(fz.good_line("first") + b"\n")
        with SQLiteStore(settings.db) as store:
            ingest([str(folder / "good.jsonl")], store, settings)
        with (
            serving(create_app(settings, warm=False)) as site,
            httpx.Client(base_url=site, timeout=120) as client,
        ):

            def send(path: str, body: bytes) -> tuple[str | None, bool]:
                page_lost = False
                try:
                    response = client.post(path, content=body, headers={"content-type": "application/json"})
                    error = f"HTTP 500: {response.text[:200]}" if response.status_code >= 500 else None
                    if response.status_code == 202:
                        error = finished_job(client, response.headers["location"])
                        # The good page sits beside the hostile inputs of the same job.
                        page_lost = error is None and not fz.stored(Path(settings.db), fz.GOOD_PAGE_MARKER)
                except httpx.TransportError as exc:
                    error = f"{type(exc).__name__}: {exc}"
                return error, page_lost or client.get("/api/documents/good-first").status_code != 200

            def check(body: bytes) -> None:
                body = fz.bytes_at_server(body, base)
                timed(tally, body[:2000].decode(errors="replace"), lambda: send("/api/check", body))

            def ingest_inputs(inputs: list) -> None:
                body = fz.bytes_at_server(
                    json.dumps({"inputs": [*inputs, fz.BASE + fz.GOOD_PAGE]}).encode(), base
                )
                timed(tally, body[:2000].decode(errors="replace"), lambda: send("/api/ingest", body))

            if kind == "api: POST /api/check":
                generate(check, [fz.check_body()], examples, seed)
            else:
                generate(ingest_inputs, [fz.ingest_inputs()], examples, seed)


def finished_job(client, location: str) -> str | None:
    """None when the ingest job at ``location`` ends done, else what it ended with."""
    while True:
        job = client.get(location).json()
        if job["state"] == "done":
            return None
        if job["state"] == "failed":
            return f"job failed: {job['error']}"
        time.sleep(0.05)


def generate(body, strategies: list, examples: int, seed: int) -> None:
    """Call ``body`` on ``examples`` inputs drawn from ``strategies`` (generation only: the
    body counts, it never fails)."""
    run = hypothesis_settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )(fixed_seed(seed)(given(*strategies)(body)))
    run()


def warm_up(base: str) -> None:
    """Load what the first ingest loads (models, parsers), so that no input is charged for it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.jsonl").write_bytes(fz.good_line("first") + b"\n")
        (folder / "b.html").write_text(fz.good_html("last"), encoding="utf-8")
        fz.ingest_beside_good([str(folder)], fz.fuzz_settings(folder, base), [])


def run_kind(kind: str, examples: int, seed: int) -> Tally:
    """One kind in this (spawned) process, with its own fixture server."""
    server = FixtureServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tally = Tally(kind)
    warm_up(server.base)
    try:
        runner = api_kind if kind.startswith("api") else file_kind
        runner(kind, server.base, tally, examples, seed)
    finally:
        server.shutdown()
    tally.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"done: {tally}", file=sys.stderr, flush=True)
    return tally


# -- the feed shapes and the issue's own inputs --------------------------------------------------


def feed_shapes() -> list[list]:
    """Each feed and OPML file of tests/data/web/feeds/, ingested from the fixture server."""
    server = FixtureServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = []
    try:
        for path in sorted((WEB / "feeds").iterdir()):
            with tempfile.TemporaryDirectory() as tmp:
                settings = fz.fuzz_settings(Path(tmp), server.base)
                start = time.monotonic()
                with SQLiteStore(settings.db) as store:
                    report = ingest([f"{server.base}/feeds/{path.name}"], store, settings)
                seconds = time.monotonic() - start
            rows.append([path.name, len(report.added), len(report.failed), f"{seconds:.2f}"])
    finally:
        server.shutdown()
    return rows


def issue_input(name: str) -> list:
    """One of the issue's pathological inputs, ingested beside a good file in this process."""
    pages = {
        # 1.4 MB, one element of 100,000 attributes (ran past 190 s in date finding).
        "html: 100,000 attributes": ("b.html", fz.many_attributes(100_000, "2024-01-01").encode()),
        # 8 MB of paragraphs (152 s and 1.5 GB).
        "html: 8 MB of <p>x</p>": ("b.html", b"<p>x</p>" * (1024 * 1024)),
        "jsonl: 100,000 nested brackets": ("b.jsonl", b"[" * 100_000 + b"\n"),
    }
    file_name, content = pages[name]
    warm_up("http://127.0.0.1:9")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.txt").write_text("Hochwasser\n" + fz.good_text("beside"), encoding="utf-8")
        (folder / file_name).write_bytes(content)
        outcome = fz.ingest_beside_good(
            [str(folder)], fz.fuzz_settings(folder, "http://127.0.0.1:9"), [fz.MARKERS["beside"]]
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        name,
        f"{outcome.seconds:.1f}",
        "yes" if outcome.error else "no",
        len(outcome.lost),
        f"{peak:.0f}",
    ]


def report(tallies: list[Tally], shapes: list[list], issue: list[list], seed: int) -> None:
    """Print the tables."""
    total = sum(t.inputs for t in tallies)

    sizes = os.environ["LAGEBILD_FUZZ"]
    print(f"Hostile inputs, each beside good records (sizes: LAGEBILD_FUZZ={sizes}, seed {seed})\n")
    rows = [
        [
            t.kind,
            t.inputs,
            t.tracebacks,
            t.hangs,
            t.lost,
            f"{1000 * t.total / t.inputs:.0f}",
            f"{t.worst:.1f}",
            f"{t.peak_mb:.0f}",
        ]
        for t in tallies
    ]
    rows.append(
        [
            "all",
            total,
            sum(t.tracebacks for t in tallies),
            sum(t.hangs for t in tallies),
            sum(t.lost for t in tallies),
            f"{1000 * sum(t.total for t in tallies) / total:.0f}",
            f"{max(t.worst for t in tallies):.1f}",
            f"{max(t.peak_mb for t in tallies):.0f}",
        ]
    )
    print(
        table(
            [
                "kind",
                "inputs",
                "tracebacks",
                f"hangs >{HANG_SECONDS} s",
                "good lost",
                "mean ms",
                "worst s",
                "peak RSS MB",
            ],
            rows,
        )
    )
    print("\nFeed test shapes (tests/data/web/feeds/, from the loopback fixture server)\n")
    print(table(["file", "added", "failed", "seconds"], shapes))
    print("\nThe issue's pathological inputs, each beside a good file\n")
    print(table(["input", "seconds", "traceback", "good lost", "peak RSS MB"], issue))
    findings = [(t.kind, e) for t in tallies for e in t.examples]
    if findings:
        print("\nFindings (up to 3 per kind)\n")
        for kind, found in findings:
            print(f"{kind}: {found}")


def main() -> None:
    """Run every kind (two processes at a time by default) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the inputs per kind [1]")
    parser.add_argument("--jobs", type=int, default=2, help="kinds run at once [2]")
    parser.add_argument("--seed", type=int, default=14, help="hypothesis seed [14]")
    args = parser.parse_args()

    start = time.monotonic()
    spawn = get_context("spawn")
    # One fresh process per task, so that each peak RSS is that task's own.
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=spawn, max_tasks_per_child=1) as pool:
        counts = {kind: max(1, round(n * args.scale)) for kind, n in KINDS.items()}
        tallies = list(pool.map(run_kind, counts, counts.values(), [args.seed] * len(counts)))
        shapes = pool.submit(feed_shapes).result()
        issue = list(
            pool.map(
                issue_input,
                ["html: 100,000 attributes", "html: 8 MB of <p>x</p>", "jsonl: 100,000 nested brackets"],
            )
        )
    report(tallies, shapes, issue, args.seed)
    print(f"\n{sum(t.inputs for t in tallies):,} inputs in {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
