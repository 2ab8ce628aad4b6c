"""Ingest throughput on the real pages of ../shared/devset/html/, and memory as the corpus grows.

End to end = read file, extract, analyse (language, sentences), store in SQLite,
through the same ingest() the CLI calls. Extraction alone = trafilatura doing
the same extraction job (text and metadata) on the same pages in memory.
Memory: the pages are repeated under new URLs (timing only, never quality) in a
.jsonl that ingest streams; each size runs in a fresh process and reports its
peak RSS, which should stay flat.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from _devset import html_pages, table
from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore

ROUNDS = 3


def extraction_alone(pages) -> float:
    start = time.perf_counter()
    for _, html, _ in pages:
        trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_images=False)
    return time.perf_counter() - start


def end_to_end(folder: Path, db: Path) -> tuple[float, int]:
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    with SQLiteStore(db) as store:
        report = ingest([str(folder)], store, Settings(db=str(db)))
    return time.perf_counter() - start, len(report.added)


def peak_rss_child(jsonl: str, db: str) -> None:
    with SQLiteStore(db) as store:
        ingest([jsonl], store, Settings(db=db))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


def memory_rows(pages, tmp: Path) -> list[list]:
    rows = []
    for times in (1, 4, 16):
        jsonl = tmp / f"x{times}.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for n in range(times):
                for page_id, html, _ in pages:
                    out.write(
                        json.dumps(
                            {
                                "url": f"https://bench.invalid/{n}/{page_id}",
                                "source": "bench",
                                "html": html.decode("utf-8", "replace"),
                            }
                        )
                        + "\n"
                    )
        db = tmp / f"mem{times}.db"
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(jsonl), str(db)],
            capture_output=True,
            text=True,
            check=True,
        )
        elapsed = time.perf_counter() - start
        docs = times * len(pages)
        rows.append([f"x{times}", docs, f"{docs / elapsed:.1f}", int(out.stdout.strip().splitlines()[-1])])
    return rows


def main() -> None:
    pages = list(html_pages())
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        folder = tmp / "pages"
        folder.mkdir()
        for page_id, html, _ in pages:
            (folder / f"{page_id}.html").write_bytes(html)
        alone = min(extraction_alone(pages) for _ in range(ROUNDS))
        runs = [end_to_end(folder, tmp / "e2e.db") for _ in range(ROUNDS)]
        e2e, added = min(runs)
        n = len(pages)
        print(f"Ingest of {n} real pages of ../shared/devset/html (best of {ROUNDS}, 1 process)\n")
        print(
            table(
                ["pipeline", "docs", "docs/s", "ms/doc", "x extraction"],
                [
                    [
                        "extraction alone (trafilatura)",
                        n,
                        f"{n / alone:.1f}",
                        f"{1000 * alone / n:.1f}",
                        "1.00",
                    ],
                    [
                        "end to end (read+extract+analyse+store)",
                        added,
                        f"{n / e2e:.1f}",
                        f"{1000 * e2e / n:.1f}",
                        f"{e2e / alone:.2f}",
                    ],
                ],
            )
        )
        print("\nMemory as the corpus grows (pages repeated under new URLs, streamed from .jsonl)\n")
        print(table(["corpus", "docs", "docs/s", "peak RSS MB"], memory_rows(pages, tmp)))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        peak_rss_child(sys.argv[2], sys.argv[3])
    else:
        main()
