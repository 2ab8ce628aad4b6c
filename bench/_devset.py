"""Where the devset lives, and a clean exit when it is not beside this checkout."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def require_devset() -> Path:
    """The devset folder, or exit 0 with a note when ../shared/devset is absent."""
    if not DEVSET.is_dir():
        print(f"skipped: {DEVSET} not found (put ../shared beside this checkout)")
        sys.exit(0)
    return DEVSET


def html_pages() -> Iterator[tuple[str, bytes, str]]:
    """(page id, raw HTML bytes, ground-truth article body) for every devset page."""
    root = require_devset() / "html"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for path in sorted((root / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        if page_id in truth:
            yield page_id, gzip.decompress(path.read_bytes()), truth[page_id]["articleBody"]


def stories() -> list[dict]:
    """The devset reports of stories.jsonl."""
    path = require_devset() / "stories.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def as_document(row: dict):
    """A devset report as an analysed Document (not stored)."""
    from lagebild.analyse import analyse
    from lagebild.model import Document

    a = analyse(row["text"], row.get("language"))
    return Document(
        id=row["id"],
        url=row["url"],
        source=row["source"],
        title=row.get("title"),
        text=row["text"],
        language=a.language,
        published=row.get("published"),
        sentences=a.sentences,
    )


def marked(text: str, copy: int) -> str:
    """The text with every third lower-case word marked with the copy's number: a distinct
    text that is no near duplicate, names and numbers unchanged (for timing only)."""
    words = text.split(" ")
    return " ".join(w + f"q{copy}" if i % 3 == 1 and w[:1].islower() else w for i, w in enumerate(words))


def sixty(rows: list[dict], count: int = 60) -> list:
    """``count`` Documents for timing from a story's reports: the reports, then copies in
    which every third lower-case word is marked, so that no sentence repeats (caches and
    duplicate handling would otherwise make the copies free). Names and numbers stay."""
    out = []
    copy = 0
    while len(out) < count:
        for row in rows[: count - len(out)]:
            row = dict(row, id=f"{row['id']}-{copy}")
            if copy:
                row["text"] = marked(row["text"], copy)
            out.append(as_document(row))
        copy += 1
    return out


def table(headers: list[str], rows: list[list]) -> str:
    """A plain fixed-width table."""
    cells = [headers] + [[f"{c:.3f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
