"""Backfill: an archive of many reports into the store, the per-document work on Dask.

A document's way in is ingest's, split in two: ``prepare`` (extract, analyse) needs no
store and runs on Dask workers, in batches; ``record`` (store, count) runs here, in the
client, the one writer. Results are written in input order, so a backfill stores what
ingest would and marks the same copies. What is stored is skipped by the readers before
any work is sent out, and each document is stored in its own transaction: a backfill
killed at any moment and started again loses nothing and stores nothing twice.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

from distributed import Client, Future, LocalCluster

from lagebild.dedup import band_keys, sentence_hashes, shingles
from lagebild.embed import E5Embedder
from lagebild.errors import ClusterError
from lagebild.features import document_features
from lagebild.ingest import Progress, label_of, prepare, read_inputs, record
from lagebild.ingest.base import Context, Item, Known
from lagebild.ingest.fetch import Fetcher
from lagebild.model import Document, Failure, Features, IngestReport, RawDocument
from lagebild.settings import Settings
from lagebild.store import Store

# A batch is one Dask task: large enough that scheduling (about a millisecond a task) is
# small against the work (8 reports embed in about a second), small enough that the workers
# finish together: at the end of a run one worker waits while another ends its last batch
# (with 32 a batch, the devset's 326 reports were 11 tasks of ~4 s, and 2 workers gave 1.6
# times one worker). Saved pages vary from kilobytes to megabytes, so bytes bound it too.
BATCH_ITEMS = 8
BATCH_BYTES = 4 * 1024 * 1024
# Batches sent out per worker thread before the oldest is written: enough that no worker
# waits for the writer, few enough that memory stays flat however large the archive is.
AHEAD_PER_THREAD = 4

# Where each item of a batch came from (its input, its label), kept here while the items are
# away on a worker.
Names = list[tuple[str, str]]
# What placing a document in a story needs: its features and its duplicate marks.
Marks = tuple[Features, list[int], list[int]]


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int | None, timeout: float) -> Iterator[Client]:
    """A Dask client: of the running scheduler at ``scheduler`` (tcp://HOST:PORT), else of a
    local cluster of ``workers`` processes (default: one per core), closed on exit.

    Raises ClusterError naming the scheduler when it cannot be reached in ``timeout`` seconds,
    or the local cluster when it cannot start."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, ValueError, TypeError) as exc:
            raise ClusterError(f"--scheduler {scheduler}: cannot connect ({_reason(exc)})") from None
        with client:
            yield client
        return
    count = workers or os.cpu_count() or 1
    try:
        # Threads would share one interpreter lock, and extraction and analysis are Python code.
        cluster = LocalCluster(
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            # The scheduler's health and metrics endpoints listen even without a dashboard; on
            # a free loopback port, two backfills at once do not warn about a port in use.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        )
    except (OSError, RuntimeError, TimeoutError) as exc:  # no process, port or folder to be had
        raise ClusterError(
            f"--workers {count}: the local Dask cluster did not start ({_reason(exc)})"
        ) from None
    with cluster, Client(cluster) as client:
        yield client


def _reason(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def backfill(
    inputs: Iterable[str],
    store: Store,
    settings: Settings,
    client: Client,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest every input, preparing documents on the workers of ``client`` and storing
    them here; failures are collected, never raised, so the rest goes on. Stories are not
    updated (``stories.update_stories`` places the new documents afterwards)."""
    report = IngestReport()
    ahead = AHEAD_PER_THREAD * max(1, sum(client.nthreads().values()))
    sent: deque[tuple[Names, Future]] = deque()
    with Fetcher(settings) as fetcher:
        ctx = Context(store, settings, fetcher)
        for batch in _batches(read_inputs(inputs, ctx)):
            names = [(spec, label_of(item, spec)) for spec, item in batch]
            items = [item for _, item in batch]
            sent.append((names, client.submit(prepare_batch, items, settings, pure=False)))
            if len(sent) > ahead:
                _write(*sent.popleft(), store, report, progress)
        while sent:
            _write(*sent.popleft(), store, report, progress)
        report.notes.extend(ctx.notes)
    return report


def prepare_batch(
    items: list[Item], settings: Settings
) -> list[tuple[Document | Failure | Known, Marks | None]]:
    """``ingest.prepare`` for each item of a batch, and for each document what placing it in
    a story needs (its features, with the lead's embedding, and its duplicate marks): the
    task a Dask worker runs. Embedding is most of a report's cost; done here, the stories
    step that follows finds it stored and only places the reports."""
    prepared = [prepare(item, settings) for item in items]
    docs = [p for p in prepared if isinstance(p, Document)]
    features = {f.doc_id: f for f in document_features(docs, _worker_embedder())} if docs else {}
    return [
        (
            p,
            (features[p.id], sentence_hashes(p), band_keys(shingles(p.text)))
            if isinstance(p, Document)
            else None,
        )
        for p in prepared
    ]


@lru_cache(maxsize=1)
def _worker_embedder() -> E5Embedder:
    # One engine thread: a worker process shares the machine with the other workers.
    return E5Embedder(num_threads=1)


def _batches(items: Iterator[tuple[str, Item]]) -> Iterator[list[tuple[str, Item]]]:
    batch: list[tuple[str, Item]] = []
    size = 0
    for spec, item in items:
        batch.append((spec, item))
        if isinstance(item, RawDocument):
            size += len(item.html or item.text or "")
        if len(batch) >= BATCH_ITEMS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _write(names: Names, future: Future, store: Store, report: IngestReport, progress: Progress | None):
    try:
        prepared = future.result()
    except Exception as exc:  # a worker lost (killed, out of memory): its batch fails, the rest goes on
        reason = f"its Dask task failed ({type(exc).__name__}: {str(exc)[:200]})"
        prepared = [(Failure(label, reason), None) for _, label in names]
    future.release()
    for (spec, label), (done, marks) in zip(names, prepared, strict=True):
        outcome = record(done, label, store, report)
        if outcome == "added" and marks:
            # Stored after its document: a kill in between leaves the stories step to make them.
            store.save_features(*marks)
        if progress:
            progress(spec, outcome)
