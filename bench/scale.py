"""Scale (issue 15): lagebild with many documents, on SQLite and PostgreSQL.

0. The ceiling: leads embedded per second by one process, then by two at once (what two
   backfill workers can gain at most on this machine, embedding being most of their work).
1. Backfill: `backfill` on a local Dask cluster of 1 and 2 workers, each into a new store, on
   an archive of --sample reports (the devset's reports under new URLs, every third lower-case
   word marked with the copy's number, and its saved pages as HTML): reports/s while storing,
   the speedup of 2 workers, placing in stories, peak RSS of the client and of each worker.
   Embedding a lead costs ~50 ms on two cores, so 100,000 reports would take hours: a sample
   of a few thousand gives steady rates.
2. A store of --docs documents, built the cheapest honest way. The devset's reports are
   ingested and placed in stories for real. Every further copy k of them is analysed and
   stored for real (marked text, new id and URL, dates shifted by 40 days x k: sentences,
   full-text index, names, sentence hashes and MinHash bands are its own), but its lead
   embedding is its original's (copied, not computed) and its stories are the original's
   stories, copied with the copy's members and dates (clustering 100,000 reports from scratch
   takes hours). The store is built to --docs/10 first, measured, then built on to --docs.
3. Adding one document (ingest + stories, in a process of its own) to the store at both sizes:
   seconds, peak RSS, and the work the store did: rows read per table (PostgreSQL's
   statistics) or SQLite's virtual-machine steps. The same work at both sizes shows that no
   step reads all stored documents.
4. `lagebild serve` against the PostgreSQL store at both sizes: story page and brief JSON of
   a story of the largest kind, p50/p99 at 4 and 16 connections once cached (wrk if
   installed), while a writer process adds a document every 0.25 s (reports of a new week,
   so they open stories of their own and leave the cached one as it is); the server's peak RSS.

Each table row carries the one-minute load average at its end: on a shared machine, numbers
taken under load are slower than the code. PostgreSQL: --pg URL (a server where databases
may be created), else a temporary server made with initdb (Debian's postgresql package),
with its default settings; the build's own connection does not wait for the disk.

    .venv/bin/python bench/scale.py [--docs 2000] [--sample 300] [--stores sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager, nullcontext
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
from web import free_port, wait_until_up, with_threads, with_wrk

from _devset import html_pages, marked, stories, table
from lagebild.backfill import backfill, dask_client
from lagebild.dedup import band_keys, sentence_hashes, shingles
from lagebild.ingest import build_document, ingest
from lagebild.model import Features, RawDocument, StoryState
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.stories import update_stories

SHIFT_DAYS = 40
WRITER_PAUSE = 0.25


def load() -> str:
    """The one-minute load average now."""
    return f"{os.getloadavg()[0]:.2f}"


def peak_rss_mb() -> int:
    """This process's peak resident memory in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# -- the reports ------------------------------------------------------------------------


def copy_row(row: dict, copy: int, mark: int | None = None) -> dict:
    """Copy ``copy`` of a devset report: a new id and URL, its date shifted by SHIFT_DAYS per
    copy, its text marked with ``mark`` (default: the copy's number; copy 0 is the original)."""
    made = dict(row, id=f"{row['id']}-{copy}" if mark is None else f"{row['id']}-m{mark}")
    made["url"] = f"{row['url']}/copy{copy}" + ("" if mark is None else f"/m{mark}")
    if row.get("published") and len(row["published"]) >= 10 and copy:
        made["published"] = (
            date.fromisoformat(row["published"][:10]) + timedelta(SHIFT_DAYS * copy)
        ).isoformat()
    mark = copy if mark is None else mark
    if mark:
        made["text"] = marked(row["text"], mark)
    return made


def write_archive(path: Path, count: int) -> None:
    """``count`` reports for backfill: copies of the devset's reports and saved pages."""
    rows, pages = stories(), list(html_pages())
    written, copy = 0, 1
    with path.open("w", encoding="utf-8") as out:
        while written < count:
            made = [copy_row(r, copy) for r in rows]
            made += [
                {
                    "url": f"https://bench.invalid/{copy}/{pid}",
                    "source": "bench",
                    "html": html.decode("utf-8", "replace"),
                }
                for pid, html, _ in pages
            ]
            for row in made[: count - written]:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += min(len(made), count - written)
            copy += 1


def raw(row: dict) -> RawDocument:
    return RawDocument(
        label=row["id"],
        kind="jsonl",
        url=row["url"],
        source=row["source"],
        title=row.get("title"),
        published=row.get("published"),
        language=row.get("language"),
        text=row["text"],
        id=row["id"],
    )


# -- PostgreSQL ---------------------------------------------------------------------------


def _program(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


@contextmanager
def postgres(given: str | None):
    """An admin URL of a PostgreSQL server: ``given``, else a temporary one (default settings)."""
    if given:
        yield given
        return
    initdb, pg_ctl = _program("initdb"), _program("pg_ctl")
    if not (initdb and pg_ctl):
        sys.exit("PostgreSQL's initdb and pg_ctl not found: install Debian's postgresql or pass --pg URL")
    folder = tempfile.mkdtemp(prefix="lagebild-bench-pg-")
    owner = "postgres" if os.geteuid() == 0 else None  # PostgreSQL refuses to run as root
    if owner:
        shutil.chown(folder, owner)
    data, port = os.path.join(folder, "data"), free_port()

    def run(*args):
        subprocess.run(args, user=owner, check=True, capture_output=True, timeout=120)

    run(initdb, "-D", data, "-U", "lagebild", "--auth=trust", "--encoding=UTF8", "--no-locale")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
    run(pg_ctl, "-D", data, "-l", os.path.join(folder, "log"), "-o", options, "-w", "start")
    try:
        yield f"postgresql://lagebild@127.0.0.1:{port}/postgres"
    finally:
        run(pg_ctl, "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def new_database(admin: str) -> str:
    import psycopg

    name = f"lagebild_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))


def rows_read(target: str) -> dict[str, int]:
    """Rows read so far per table (sequential scans plus index fetches), from PostgreSQL's
    statistics; a process's reads are counted once its connection has closed."""
    import psycopg

    with psycopg.connect(target, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT relname, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables"
        ).fetchall()
    return dict(rows)


# -- 1. backfill ----------------------------------------------------------------------------


def child_backfill(target: str, workers: int, archive: str) -> dict:
    """One backfill into a new store, then placing in stories (run in a process of its own)."""
    settings = Settings(db=target)
    started = time.perf_counter()
    with open_store(target) as store, dask_client(None, workers, timeout=60) as client:
        ready = time.perf_counter()
        report = backfill([archive], store, settings, client)
        stored = time.perf_counter()
        rss_workers = sorted(client.run(peak_rss_mb).values())
        update_stories(store)
        placed = time.perf_counter()
    return {
        "start": ready - started,
        "store": stored - ready,
        "stories": placed - stored,
        "added": len(report.added),
        "failed": len(report.failed),
        "rss_client": peak_rss_mb(),
        "rss_workers": rss_workers,
    }


def child_embed(count: str) -> dict:
    """Embed ``count`` devset leads in batches of 8 with one engine thread, as a backfill
    worker does (run in a process of its own): seconds, the model's loading left out."""
    from lagebild.embed import E5Embedder
    from lagebild.features import lead_text
    from lagebild.model import Document

    rows = stories()
    texts = [lead_text(Document("x", None, "", r.get("title"), r["text"], None)) for r in rows]
    texts = [marked(texts[i % len(texts)], i // len(texts)) for i in range(int(count))]
    embedder = E5Embedder(num_threads=1)
    embedder(texts[:1])
    started = time.perf_counter()
    for i in range(0, len(texts), 8):
        embedder(texts[i : i + 8])
    return {"seconds": time.perf_counter() - started}


def embedding_ceiling(count: int) -> list:
    """Leads embedded per second by one process, then by two at once: the most that two
    workers can gain over one on this machine when embedding is their work."""
    one = count / child("embed", str(count))["seconds"]
    both = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", "embed", str(count)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    seconds = max(json.loads(p.communicate()[0].strip().splitlines()[-1])["seconds"] for p in both)
    two = 2 * count / seconds
    return [f"{one:.1f}", f"{two:.1f}", f"{two / one:.2f}", load()]


def child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"bench child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_backfill(targets: dict[str, callable], sample: int, tmp: Path) -> list[list]:
    archive = tmp / "archive.jsonl"
    write_archive(archive, sample)
    rows = []
    for name, make in targets.items():
        one = None
        for workers in (1, 2):
            r = child("backfill", make(), str(workers), str(archive))
            rate = r["added"] / r["store"]
            one = one or rate
            rows.append(
                [
                    name,
                    workers,
                    r["added"],
                    f"{r['start']:.1f}",
                    f"{r['store']:.1f}",
                    f"{rate:.1f}",
                    f"{rate / one:.2f}",
                    f"{r['stories']:.1f}",
                    r["rss_client"],
                    "/".join(map(str, r["rss_workers"])),
                    load(),
                ]
            )
    return rows


# -- 2. the large store -----------------------------------------------------------------------


class Builder:
    """Builds a store copy by copy (see the module's docstring, 2.)."""

    def __init__(self, target: str, tmp: Path):
        self.target = target
        self.rows = stories()
        self.copies = 0
        self.seconds = 0.0
        started = time.perf_counter()
        seed = tmp / f"seed-{uuid.uuid4().hex[:6]}.jsonl"
        seed.write_text("".join(json.dumps(copy_row(r, 0), ensure_ascii=False) + "\n" for r in self.rows))
        with self.store() as store:
            ingest([str(seed)], store, Settings(db=target))
            update_stories(store)
            ids = [copy_row(r, 0)["id"] for r in self.rows]
            self.features = store.features(ids)
            self.stories = [(store.story_state(s.id), s.title, s.duplicate_groups) for s in store.stories()]
        largest = max(self.stories, key=lambda s: len(s[0].doc_ids))[0].id
        self.largest = {"0": largest, "last": largest}
        self.seconds += time.perf_counter() - started
        self.count = len(self.rows)

    @contextmanager
    def store(self):
        with open_store(self.target) as store:
            if hasattr(store.conn, "pgconn"):  # PostgreSQL: the build need not wait for the disk
                store.conn.execute("SET synchronous_commit = off")
            yield store

    def grow(self, docs: int) -> None:
        """Add copies until the store holds about ``docs`` documents."""
        started = time.perf_counter()
        settings = Settings(db=self.target)
        with self.store() as store:
            while self.count < docs:
                self.copies += 1
                self._copy(store, self.copies, settings)
                self.count += len(self.rows)
        self.seconds += time.perf_counter() - started

    def _copy(self, store, k: int, settings: Settings) -> None:
        for row in self.rows:
            made = copy_row(row, k)
            doc = build_document(raw(made), settings)
            store.add_document(doc)
            original = self.features[copy_row(row, 0)["id"]]
            lo, hi = (self._shift(d, k) for d in (original.date_lo, original.date_hi))
            store.save_features(
                Features(doc.id, original.embedding, original.names, doc.language, lo, hi, original.model),
                sentence_hashes(doc),
                band_keys(shingles(doc.text)),
            )
        for state, title, groups in self.stories:
            saved = store.save_story_state(
                StoryState(
                    None,
                    [f"{d[: d.rindex('-')]}-{k}" for d in state.doc_ids],
                    state.embedding_sum,
                    self._shift(state.date_lo, k),
                    self._shift(state.date_hi, k),
                ),
                title,
            )
            if state.id == self.largest["0"]:
                self.largest["last"] = saved
            for group in groups:
                for member in group:
                    store.set_duplicate_group(
                        f"{member[: member.rindex('-')]}-{k}", f"{group[0][: group[0].rindex('-')]}-{k}"
                    )

    @staticmethod
    def _shift(day: str | None, k: int) -> str | None:
        return (date.fromisoformat(day) + timedelta(SHIFT_DAYS * k)).isoformat() if day else None


# -- 3. adding one document -------------------------------------------------------------------


def child_add_one(target: str, path: str) -> dict:
    """Ingest one document and place it (run in a process of its own). The models are loaded
    first, as in a process that keeps running (watch, serve); their loading is timed apart."""
    from lagebild.embed import default_embedder

    steps = [0]
    settings = Settings(db=target)
    row = json.loads(Path(path).read_text(encoding="utf-8"))
    with open_store(target) as store:
        started = time.perf_counter()
        default_embedder()(["Ein Satz zum Laden des Modells."])
        build_document(raw(row), settings)  # analysis loads its own models; nothing is stored
        loaded = time.perf_counter()
        if hasattr(store.conn, "set_progress_handler"):  # SQLite: count virtual-machine steps
            store.conn.set_progress_handler(lambda: steps.__setitem__(0, steps[0] + 1) or 0, 1000)
        report = ingest([path], store, settings)
        stored = time.perf_counter()
        placed = update_stories(store)
        done = time.perf_counter()
    assert len(report.added) == 1 and placed.documents == 1, (report, placed)
    return {
        "load": loaded - started,
        "ingest": stored - loaded,
        "stories": done - stored,
        "steps": steps[0] * 1000,
        "rss": peak_rss_mb(),
    }


def add_one(builder: Builder, tmp: Path, name: str) -> list:
    row = next(r for r in builder.rows if r.get("published"))
    made = copy_row(row, builder.copies, mark=10_000 + builder.count)
    path = tmp / f"one-{uuid.uuid4().hex[:6]}.jsonl"
    path.write_text(json.dumps(made, ensure_ascii=False) + "\n", encoding="utf-8")
    postgresql = builder.target.startswith("postgresql")
    if postgresql:
        import psycopg

        with psycopg.connect(builder.target, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")  # what autovacuum does to a long-lived database
        before = rows_read(builder.target)
    r = child("add-one", builder.target, str(path))
    builder.count += 1
    if postgresql:
        time.sleep(1)
        after = rows_read(builder.target)
        delta = {t: after.get(t, 0) - before.get(t, 0) for t in after}
        top = sorted(delta.items(), key=lambda kv: -kv[1])[:3]
        work = ", ".join(f"{t} {n}" for t, n in top) + f" (all {sum(delta.values())})"
    else:
        work = f"{r['steps']:,} VM steps"
    total = r["ingest"] + r["stories"]
    times = [f"{r['load']:.2f}", f"{r['ingest']:.3f}", f"{r['stories']:.3f}", f"{total:.3f}"]
    return [name, builder.count - 1, *times, r["rss"], work, load()]


# -- 4. serving -------------------------------------------------------------------------------


def child_writer(target: str, until: str, first_mark: str) -> dict:
    """Add a document every WRITER_PAUSE seconds until the file ``until`` exists: reports of
    a week after the store's last copy, so they open stories of their own."""
    rows = [r for r in stories() if r.get("published")]
    settings = Settings(db=target)
    written, mark = 0, int(first_mark)
    with open_store(target) as store:
        while not os.path.exists(until):
            started = time.perf_counter()
            made = copy_row(rows[written % len(rows)], 10_000, mark=mark + written)
            store.add_document(build_document(raw(made), settings))
            update_stories(store)
            written += 1
            time.sleep(max(0.0, WRITER_PAUSE - (time.perf_counter() - started)))
    return {"written": written}


def bench_serve(builder: Builder, seconds: int, connections: list[int], tmp: Path, name: str) -> list[list]:
    tool = with_wrk if shutil.which("wrk") else with_threads
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "serve", "--db", builder.target, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        wait_until_up(f"{base}/api")
        wait_until_idle(server.pid)  # the server's own warm-up (briefs, sentence vectors) done
        targets = {
            "story page": f"{base}/stories/{builder.largest['last']}",
            "brief JSON": f"{base}/api/stories/{builder.largest['last']}/brief",
        }
        for url in targets.values():
            httpx.get(url, timeout=300).raise_for_status()  # cached from here on
        stop = tmp / f"stop-{uuid.uuid4().hex[:6]}"
        writer = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                "writer",
                builder.target,
                str(stop),
                str(20_000 + builder.count),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in connections:
            for target, url in targets.items():
                rate, p50, p99, errors = tool(url, seconds, n)
                rows.append([name, target, n, f"{rate:.0f}", f"{p50:.1f}", f"{p99:.1f}", errors, "", load()])
        stop.touch()
        written = json.loads(writer.communicate(timeout=300)[0].strip().splitlines()[-1])["written"]
        builder.count += written
        rss = _peak_rss_of(server.pid)
        for row in rows:
            row[7] = f"{rss} (writer: {written} docs)"
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def wait_until_idle(pid: int, quiet: float = 3.0, limit: float = 600.0) -> None:
    """Wait until the process has used no CPU for ``quiet`` seconds (at most ``limit``)."""
    deadline, last, since = time.monotonic() + limit, -1, time.monotonic()
    while time.monotonic() < deadline:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        used = int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
        if used != last:
            last, since = used, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.5)


def _peak_rss_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


# -- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="Documents in the large store (2000).")
    parser.add_argument("--sample", type=int, default=300, help="Reports in the backfill archive (300).")
    parser.add_argument(
        "--stores", default="sqlite,postgresql", help="Stores to measure (sqlite,postgresql)."
    )
    parser.add_argument("--pg", default=None, help="Admin URL of a PostgreSQL server (else a temporary one).")
    parser.add_argument("--parts", default="ceiling,backfill,add-one,serve", help="What to measure.")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per serve target (10).")
    parser.add_argument("--connections", default="4,16", help="Concurrent connections for serve (4,16).")
    args = parser.parse_args()
    kinds, parts = args.stores.split(","), args.parts.split(",")
    connections = [int(c) for c in args.connections.split(",")]
    server = postgres(args.pg) if "postgresql" in kinds else nullcontext()
    with tempfile.TemporaryDirectory() as tmpdir, server as admin:
        tmp = Path(tmpdir)
        targets = {}
        if "sqlite" in kinds:
            targets["SQLite"] = lambda: str(tmp / f"{uuid.uuid4().hex[:8]}.db")
        if "postgresql" in kinds:
            targets["PostgreSQL"] = lambda: new_database(admin)
        print(f"lagebild at scale: {os.cpu_count()} cores, load at start {load()}\n", flush=True)
        if "ceiling" in parts:
            print("Embedding alone, leads in batches of 8, one engine thread a process\n")
            headers = ["1 process leads/s", "2 processes leads/s", "speedup", "load"]
            print(table(headers, [embedding_ceiling(400)]) + "\n", flush=True)
        if "backfill" in parts:
            print(f"Backfill of {args.sample} reports (devset reports and pages under new URLs)\n")
            headers = ["store", "workers", "reports", "start s", "store s", "stored/s", "speedup"]
            headers += ["stories s", "RSS client MB", "RSS workers MB", "load"]
            print(table(headers, bench_backfill(targets, args.sample, tmp)) + "\n", flush=True)
        if not {"add-one", "serve"} & set(parts):
            return
        adds, serves, builds = [], [], []
        for name, make in targets.items():
            builder = Builder(make(), tmp)
            for size in (args.docs // 10, args.docs):
                builder.grow(size)
                builds.append([name, builder.count, f"{builder.seconds:.0f}", load()])
                if "add-one" in parts:
                    adds.append(add_one(builder, tmp, name))
                if "serve" in parts and name == "PostgreSQL":
                    serves += bench_serve(builder, args.duration, connections, tmp, f"{builder.count:,} docs")
        print("Stores built (see the docstring: copies analysed and stored, embeddings and stories copied)\n")
        print(table(["store", "documents", "build s (cumulative)", "load"], builds) + "\n")
        if adds:
            print("Adding one document (ingest + stories, a process of its own)\n")
            headers = ["store", "documents before", "loading s", "ingest s", "stories s", "total s"]
            headers += ["peak RSS MB", "rows read (PostgreSQL) or VM steps (SQLite)", "load"]
            print(table(headers, adds) + "\n")
        if serves:
            print(f"lagebild serve on PostgreSQL, cached; a writer adds a document every {WRITER_PAUSE} s\n")
            headers = ["store", "target", "connections", "req/s", "p50 ms", "p99 ms", "errors"]
            print(table([*headers, "server peak RSS MB", "load"], serves))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, rest = sys.argv[2], sys.argv[3:]
        if kind == "backfill":
            out = child_backfill(rest[0], int(rest[1]), rest[2])
        elif kind == "embed":
            out = child_embed(*rest)
        elif kind == "add-one":
            out = child_add_one(*rest)
        else:
            out = child_writer(*rest)
        print(json.dumps(out))
    else:
        main()
