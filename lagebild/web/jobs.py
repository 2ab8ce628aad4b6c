"""Ingest runs started from the browser or the API, one at a time in a background thread."""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lagebild.errors import LagebildError, NotFoundError
from lagebild.ingest import ingest
from lagebild.model import IngestReport
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.stories import update_stories

log = logging.getLogger("lagebild.web")

KEEP = 50  # finished jobs remembered for their status pages


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class IngestJob:
    """One ingest run: its inputs, progress while it runs, and its report when done."""

    id: str
    inputs: list[str]
    state: str = "queued"  # queued, running, stories, done, failed
    created: str = field(default_factory=_now)
    finished: str | None = None
    current: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "present": 0, "failed": 0})
    report: IngestReport | None = None
    stories_updated: int = 0
    error: str | None = None

    @property
    def running(self) -> bool:
        return self.state in ("queued", "running", "stories")

    def progress(self, spec: str, outcome: str) -> None:
        """Called by ingest for each document stored, found present or failed."""
        self.current = spec
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def as_dict(self) -> dict:
        """The job's state; once done, the fields of ``lagebild ingest --format json``."""
        data = {
            "id": self.id,
            "state": self.state,
            "inputs": self.inputs,
            "created": self.created,
            "finished": self.finished,
            "counts": self.counts,
            "error": self.error,
        }
        if self.report is not None:
            data |= {
                "added": [r.doc_id for r in self.report.added],
                "present": [r.doc_id for r in self.report.present],
                "copies": {r.doc_id: r.copy_of for r in self.report.copies},
                "failed": [{"input": f.label, "reason": f.reason} for f in self.report.failed],
                "notes": self.report.notes,
                "stories_updated": self.stories_updated,
            }
        return data


class IngestJobs:
    """Runs ingest jobs in order on one thread: SQLite takes one writer at a time anyway."""

    def __init__(self, settings: Settings, compute: threading.Lock):
        self.settings = settings
        self.compute = compute
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._guard = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lagebild-ingest")

    def submit(self, inputs: list[str]) -> IngestJob:
        """Queue an ingest of checked inputs; the job is returned at once."""
        job = IngestJob(id=uuid.uuid4().hex[:12], inputs=list(inputs))
        with self._guard:
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if not j.running]
            for old in finished[: max(0, len(finished) - KEEP)]:
                del self._jobs[old.id]
        self._executor.submit(self._run, job)
        return job

    def get(self, job_id: str) -> IngestJob:
        """A job by id, or NotFoundError."""
        with self._guard:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFoundError(f"ingest job {job_id}: no such job (jobs are kept until the server stops)")
        return job

    def recent(self, limit: int = 10) -> list[IngestJob]:
        """The latest jobs, newest first."""
        with self._guard:
            return list(reversed(self._jobs.values()))[:limit]

    def shutdown(self) -> None:
        """Drop queued jobs; a running one finishes its current document (each is its own transaction)."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: IngestJob) -> None:
        job.state = "running"
        try:
            with open_store(self.settings.db) as store:
                job.report = ingest(job.inputs, store, self.settings, progress=job.progress)
                job.state = "stories"
                with self.compute:
                    job.stories_updated = update_stories(store).stories_written
            job.state = "done"
        except LagebildError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception:
            log.exception("ingest job %s failed", job.id)
            job.state, job.error = "failed", "internal error; the details are in the server log"
        finally:
            job.current = None
            job.finished = _now()
