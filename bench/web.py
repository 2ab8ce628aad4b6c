"""Throughput and latency of `lagebild serve` on loopback, on the bundled demo corpus.

Builds the demo store in a temporary folder, starts `lagebild serve` as its own
process and loads the story page and the brief JSON of the largest story once
cached: with wrk when it is installed
(Debian package `wrk`), else with a pool of Python threads, which share the
machine's cores with the server and so understate what it can do.

    .venv/bin/python bench/web.py [--duration 10] [--connections 4,16] [--tool auto|wrk|python]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from _devset import table
from lagebild.demo import corpus_path
from lagebild.embed import StoredEmbedder
from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.stories import story_brief, story_comparison, update_stories


def build_demo(folder: Path) -> Path:
    """The demo corpus ingested and clustered into a fresh store, its sentences embedded:
    the server's warm-up would otherwise embed them in the background during the load."""
    db = folder / "demo.db"
    with open_store(str(db)) as store:
        ingest([str(corpus_path())], store, Settings(db=str(db)))
        update_stories(store)
        StoredEmbedder(store)([s.text for d in store.documents() for s in store.get_document(d.id).sentences])
    return db


def cache_miss(db: Path) -> float:
    """Milliseconds to compute what the server caches for the largest story."""
    with open_store(str(db)) as store:
        story_id = str(store.stories()[0].id)
        story_brief(store, story_id)  # loads the models once, outside the timing
        started = time.perf_counter()
        story_brief(store, story_id)
        story_comparison(store, story_id)
        return (time.perf_counter() - started) * 1000


def check_times(base: str, db: Path, story_id: int) -> tuple[float, float]:
    """Milliseconds for a 20-sentence check against the story: the first, then the median of five."""
    with open_store(str(db)) as store:
        story = store.story(int(story_id))
        sentences = [s.text for i in story.doc_ids for s in store.get_document(i).sentences[1:4]]
    article = " ".join(sentences[:20])
    times = []
    for _ in range(6):
        started = time.perf_counter()
        httpx.post(
            f"{base}/api/check", json={"text": article, "story": story_id}, timeout=120
        ).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], sorted(times[1:])[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url).raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                sys.exit(f"the server at {url} did not start")
            time.sleep(0.1)


def with_wrk(url: str, duration: int, connections: int) -> tuple[float, float, float, int]:
    """req/s, p50 ms, p99 ms, errors as wrk measures them."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p99 = (_ms(re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1)) for p in (50, 99))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def with_threads(url: str, duration: int, connections: int) -> tuple[float, float, float, int]:
    """The same numbers from `connections` Python threads, each with a keep-alive client."""
    stop = time.monotonic() + duration

    def worker() -> tuple[list[float], int]:
        latencies, errors = [], 0
        with httpx.Client() as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                errors += client.get(url).status_code != 200
                latencies.append((time.perf_counter() - started) * 1000)
        return latencies, errors

    started = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        results = list(pool.map(lambda _: worker(), range(connections)))
    elapsed = time.monotonic() - started
    latencies = sorted(ms for r in results for ms in r[0])
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99, sum(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per target.")
    parser.add_argument(
        "--connections", default="4,16", help="Concurrent connections, one run per value (4,16)."
    )
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()
    tool = "wrk" if args.tool == "auto" and shutil.which("wrk") else args.tool
    tool = "python" if tool == "auto" else tool
    load = with_wrk if tool == "wrk" else with_threads

    with tempfile.TemporaryDirectory() as tmp:
        db = build_demo(Path(tmp))
        miss = cache_miss(db)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "lagebild", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base + "/api/stories")
            stories = httpx.get(base + "/api/stories").json()
            # Every brief written before the load: the server's own warm-up in the background
            # would otherwise share the cores with the first target.
            for s in stories:
                httpx.get(f"{base}/api/stories/{s['id']}/brief", timeout=120).raise_for_status()
            story = stories[0]
            targets = {
                "story page": f"{base}/stories/{story['id']}",
                "brief JSON": f"{base}/api/stories/{story['id']}/brief",
            }
            rows = []
            for connections in [int(c) for c in args.connections.split(",")]:
                for name, url in targets.items():
                    httpx.get(url).raise_for_status()
                    rate, p50, p99, errors = load(url, args.duration, connections)
                    rows.append([name, connections, f"{rate:.0f}", f"{p50:.1f}", f"{p99:.1f}", errors])
            checks = check_times(base, db, story["id"])
        finally:
            server.terminate()
            server.wait(timeout=20)

    print(
        f"lagebild serve on loopback, demo corpus, largest story ({story['size']} documents); "
        f"{tool}, {args.duration} s per target\n"
    )
    print(table(["target (cached)", "connections", "req/s", "p50 ms", "p99 ms", "errors"], rows))
    print(f"\na cache miss (brief and claims written for this story, in process): {miss:.0f} ms")
    first, later = checks
    print(
        f"POST /api/check, 20 sentences of the story's reports against it: first {first:.0f} ms "
        f"(loads the model, indexes the story), then median {later:.0f} ms"
    )


if __name__ == "__main__":
    main()
