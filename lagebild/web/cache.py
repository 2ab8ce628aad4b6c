"""Briefs and claims per story, computed once per story version.

A brief takes about a second to write and verify; the story page and the brief
JSON are asked for far more often than a story changes. A story's version is
what the brief is made of: its title, its documents and their duplicate groups
(stored documents never change), so a story that gained a report or was
regrouped is computed again on the next request, and nothing else is.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from lagebild.compare import Comparison
from lagebild.model import Brief, Story
from lagebild.render.brief import brief_dict
from lagebild.render.claims import claims_dict
from lagebild.settings import Settings
from lagebild.store import DocumentSummary, Store
from lagebild.stories import documents_of, get_story, story_brief_and_comparison
from lagebild.verify import Verifier

log = logging.getLogger("lagebild.web")
# A brief that fell back to the extractive writer (the model's endpoint was down) is
# written again by the model after this many seconds, not at every request.
FALLBACK_SECONDS = 300.0


@dataclass
class StoryView:
    """Everything the story page, the brief and the claims API show of one story version."""

    version: tuple
    story: Story
    documents: list[DocumentSummary]
    brief: Brief
    comparison: Comparison
    brief_json: bytes
    claims_json: bytes
    # The rendered story page, filled in by the first request that renders it.
    page: str | None = None
    # When the brief fell back to another writer than the one asked for (else None).
    fell_back_at: float | None = None

    def current(self, version: tuple) -> bool:
        """Whether this view is the one of ``version`` and need not be written again."""
        if self.version != version:
            return False
        return self.fell_back_at is None or time.monotonic() - self.fell_back_at < FALLBACK_SECONDS


def story_version(story: Story) -> tuple:
    """What a story's brief depends on; a new value means the brief must be written again."""
    return (story.title, tuple(story.doc_ids), tuple(tuple(g) for g in story.duplicate_groups))


class StoryCache:
    """The latest computed view of each recently asked-for story (least recently used dropped)."""

    def __init__(self, compute: threading.Lock, size: int = 256, settings: Settings | None = None):
        # Writing briefs embeds text with one shared model; ``compute`` runs such work one at a time.
        self.compute = compute
        self.size = size
        # Which writer (and model) writes the briefs: part of each brief's version.
        self.settings = settings or Settings()
        self._views: OrderedDict[int, StoryView] = OrderedDict()
        self._guard = threading.Lock()

    def view(self, store: Store, story_id: str | int) -> StoryView:
        """The story's view, computed now if the story is new or changed (NotFoundError if unknown)."""
        story = get_story(store, str(story_id))
        writer = (self.settings.writer, self.settings.llm_url, self.settings.llm_model)
        version = story_version(story) + writer
        view = self._get(story.id)
        if view is not None and view.current(version):
            return view
        with self.compute:
            # Another request may have computed it while this one waited.
            view = self._get(story.id)
            if view is None or not view.current(version):
                view = self._compute(store, story, version)
                self._put(story.id, view)
        return view

    def _compute(self, store: Store, story: Story, version: tuple) -> StoryView:
        def warn(message: str) -> None:
            log.warning("story %s: %s", story.id, message)

        brief, comparison = story_brief_and_comparison(store, str(story.id), self.settings, warn)
        return StoryView(
            fell_back_at=time.monotonic() if brief.writer != self.settings.writer else None,
            version=version,
            story=story,
            documents=store.summaries(story.doc_ids),
            brief=brief,
            comparison=comparison,
            brief_json=_json(brief_dict(brief)),
            claims_json=_json(claims_dict(story.id, comparison)),
        )

    def _get(self, story_id: int) -> StoryView | None:
        with self._guard:
            view = self._views.get(story_id)
            if view is not None:
                self._views.move_to_end(story_id)
            return view

    def _put(self, story_id: int, view: StoryView) -> None:
        with self._guard:
            self._views[story_id] = view
            self._views.move_to_end(story_id)
            while len(self._views) > self.size:
                self._views.popitem(last=False)


class VerifierCache:
    """The verifier (the index of a story's source sentences) of recently checked story
    versions: indexing 60 reports takes ~0.4 s, checking a sentence a few milliseconds.
    Use under the compute lock: a verifier is not safe to share between threads."""

    def __init__(self, size: int = 16):
        self.size = size
        self._verifiers: OrderedDict[tuple, Verifier] = OrderedDict()

    def get(self, store: Store, story: Story) -> tuple[Verifier, list]:
        """The story's verifier and its documents, built now if the story is new or changed."""
        key = (story.id, story_version(story))
        verifier = self._verifiers.get(key)
        if verifier is None:
            verifier = self._verifiers[key] = Verifier(documents_of(store, story.doc_ids))
            while len(self._verifiers) > self.size:
                self._verifiers.popitem(last=False)
        self._verifiers.move_to_end(key)
        return verifier, list(verifier.docs.values())


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()
