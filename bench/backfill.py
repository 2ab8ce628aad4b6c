"""Backfill throughput: `lagebild backfill` on a local Dask cluster of 1 and 2 workers against
plain `lagebild ingest`, on the same archive, each into a fresh SQLite file.

The archive is one .jsonl of the devset's reports (../shared/devset/stories.jsonl, text) and
its saved pages (html/, extracted on the way in), the pages repeated under new URLs (timing
only). Reported per run: the cluster's start, storing (read, extract, analyse, store: the
part backfill spreads over workers), placing in stories (sequential in both), and reports/s
of storing and of the whole run. Run by hand: python bench/backfill.py
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from _devset import html_pages, stories, table
from lagebild.backfill import backfill, dask_client
from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.stories import update_stories

PAGE_COPIES = 3


def write_archive(path: Path) -> int:
    """The devset as one .jsonl; returns the number of reports in it."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in stories():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        for copy in range(PAGE_COPIES):
            for page_id, html, _ in html_pages():
                row = {
                    "url": f"https://bench.invalid/{copy}/{page_id}",
                    "source": "bench",
                    "html": html.decode("utf-8", "replace"),
                }
                out.write(json.dumps(row) + "\n")
                count += 1
    return count


def run(archive: Path, db: Path, workers: int | None) -> tuple[float, float, float, int]:
    """(cluster start, storing, placing) in seconds and the reports added, for plain ingest
    (``workers`` None) or a backfill on a local cluster of ``workers`` processes."""
    settings = Settings(db=str(db))
    started = time.perf_counter()
    with open_store(str(db)) as store:
        if workers is None:
            ready = time.perf_counter()
            report = ingest([str(archive)], store, settings)
            stored = time.perf_counter()
        else:
            with dask_client(None, workers, timeout=60) as client:
                ready = time.perf_counter()
                report = backfill([str(archive)], store, settings, client)
                stored = time.perf_counter()
        update_stories(store)
        placed = time.perf_counter()
    return ready - started, stored - ready, placed - stored, len(report.added)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        archive = tmp / "archive.jsonl"
        total = write_archive(archive)
        rows = []
        for name, workers in (("ingest", None), ("backfill, 1 worker", 1), ("backfill, 2 workers", 2)):
            start, store, place, added = run(archive, tmp / f"{workers}.db", workers)
            rows.append(
                [
                    name,
                    added,
                    f"{start:.1f}",
                    f"{store:.1f}",
                    f"{added / store:.1f}",
                    f"{place:.1f}",
                    f"{added / (start + store + place):.1f}",
                ]
            )
    print(
        f"Backfill vs ingest: {total} devset reports ({PAGE_COPIES}x the saved pages as HTML), "
        f"{os.cpu_count()} cores\n"
    )
    headers = ["run", "reports", "start s", "store s", "stored/s", "stories s", "reports/s overall"]
    print(table(headers, rows))


if __name__ == "__main__":
    main()
