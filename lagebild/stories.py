"""Keeping stories current: features, duplicate groups and clustering for new documents."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lagebild.claims import story_claims
from lagebild.cluster import Clusterer
from lagebild.compare import Comparison, compare
from lagebild.dedup import band_keys, duplicate_group, sentence_hashes, shingles
from lagebild.embed import Embedder, default_embedder, model_key
from lagebild.errors import NotFoundError
from lagebild.features import document_features
from lagebild.model import Features, Story, StoryState
from lagebild.store import Store

BATCH = 32
TITLE_CANDIDATES = 25


@dataclass
class StoriesReport:
    """What one update did."""

    documents: int
    stories_written: int
    duplicates: int


def update_stories(
    store: Store, progress: Callable[[int], None] | None = None, embedder: Embedder | None = None
) -> StoriesReport:
    """Cluster every document that is in no story yet (new ones, or left by a crash), its lead
    embedded by ``embedder`` (default embed.default_embedder()). Features embedded by another
    model are never compared with this one's: then every document is embedded and placed anew."""
    embedder = embedder or default_embedder()
    with store.clustering():
        if store.features_of_other_models(model_key(embedder)):
            store.clear_stories()
            store.clear_features()
        return _update_stories(store, progress, embedder)


def _update_stories(store: Store, progress: Callable[[int], None] | None, embedder: Embedder):
    pending = store.unclustered_doc_ids()
    if not pending:
        return StoriesReport(0, 0, 0)
    placed, duplicates = [], 0
    for start in range(0, len(pending), BATCH):
        ids = pending[start : start + BATCH]
        known = store.features(ids)
        docs = [store.get_document(i) for i in ids]
        fresh = document_features([d for d in docs if d.id not in known], embedder)
        # Sentence hashes and MinHash bands cost a few ms a report: made once, used to store
        # the features and to find the report's duplicates.
        marks = {d.id: (sentence_hashes(d), band_keys(shingles(d.text))) for d in docs}
        for f in fresh:
            store.save_features(f, *marks[f.doc_id])
            known[f.doc_id] = f
        for doc in docs:
            duplicates += _group_duplicates(store, doc, *marks[doc.id])
            placed.append(known[doc.id])
        if progress:
            progress(len(ids))
    # Built after the features are stored: its language offsets and name statistics count them.
    clusterer = Clusterer(store, _title_chooser(store))
    # In date order, so that each chunk's neighbourhood is what is near it in time.
    written = clusterer.update(sorted(placed, key=lambda f: (f.date_lo is None, f.date_lo or "", f.doc_id)))
    return StoriesReport(len(pending), len(written), duplicates)


def recluster(
    store: Store, progress: Callable[[int], None] | None = None, embedder: Embedder | None = None
) -> StoriesReport:
    """Rebuild all stories and duplicate groups from scratch (features of ``embedder``'s
    model are kept)."""
    embedder = embedder or default_embedder()
    with store.clustering():
        store.clear_stories()
        if store.features_of_other_models(model_key(embedder)):
            store.clear_features()
        return _update_stories(store, progress, embedder)


def _group_duplicates(store: Store, doc, hashes, keys) -> int:
    group = duplicate_group(store, doc, hashes, keys)
    if group is None:
        return 0
    if store.duplicate_group(group) is None:
        store.set_duplicate_group(group, group)
    store.set_duplicate_group(doc.id, group)
    return 1


def _title_chooser(store: Store) -> Callable[[StoryState, dict[str, Features]], str]:
    def choose(state: StoryState, features: dict[str, Features]) -> str:
        norm = float(np.linalg.norm(state.embedding_sum)) or 1.0
        centroid = state.embedding_sum / norm
        ranked = sorted(
            state.doc_ids,
            key=lambda d: -float(np.dot(features[d].embedding, centroid)) if d in features else 0.0,
        )
        docs = [d for d in (store.get_document(i) for i in ranked[:TITLE_CANDIDATES]) if d]
        return headline(docs)

    return choose


HEADLINE_CHARS = 100
# Where a sentence may be cut so that what stays is whole clauses.
_CLAUSE_END = re.compile(r"\s*(?:[,;:]|\s[–—-])\s")


def headline(docs: list) -> str:
    """A story's headline from its reports, most central first: a German report's whole
    title; else the first German opening sentence that fits HEADLINE_CHARS; else one cut
    after its last whole clause within HEADLINE_CHARS; else the same in any language; else
    the most central report's opening sentence whole. Never cut inside a clause, never an
    ellipsis."""

    def opening(doc) -> str:
        first = doc.sentences[0].text if doc.sentences else doc.text.strip().split("\n", 1)[0]
        return " ".join(first.split())

    for german in (True, False):
        pool = [d for d in docs if (d.language == "de") == german]
        for doc in pool:
            if doc.title and doc.title.strip():
                return " ".join(doc.title.split())
        for fit in (lambda s: s if len(s) <= HEADLINE_CHARS else None, whole_clauses):
            for doc in pool:
                found = fit(opening(doc))
                if found:
                    return found
    return opening(docs[0]) if docs else ""


def whole_clauses(sentence: str, limit: int = HEADLINE_CHARS) -> str | None:
    """The sentence, or its longest opening of whole clauses, within ``limit`` characters
    (without the clause's closing punctuation); None when even the first clause is longer."""
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    best = None
    for m in _CLAUSE_END.finditer(sentence):
        if m.start() > limit:
            break
        if m.start() >= 20:  # a dateline or a single word is no headline
            best = sentence[: m.start()].rstrip(" ,;:–—-")
    return best


# Story ids are SQLite INTEGER keys: ASCII digits only, as str.isdigit() also takes "²", and
# int() reads "２" and "٢" as 2 (story 2 under another name); 19 digits hold 2**63 - 1.
_STORY_ID = re.compile(r"[0-9]{1,19}")
MAX_STORY_ID = 2**63 - 1


def get_story(store: Store, story_id: str) -> Story:
    """A story by id (ASCII digits, at most a SQLite INTEGER), or NotFoundError naming it;
    the one rule for story ids given to the CLI and the web."""
    story_id = str(story_id)
    valid = _STORY_ID.fullmatch(story_id) and int(story_id) <= MAX_STORY_ID
    story = store.story(int(story_id)) if valid else None
    if story is None:
        raise NotFoundError(f"story {story_id}: no such story (see 'lagebild stories')")
    return story


def documents_of(store: Store, doc_ids: list[str]) -> list:
    """The stored documents with these ids, in this order (ids no longer stored are skipped)."""
    return [d for d in (store.get_document(i) for i in doc_ids) if d]


def _story_material(store: Store, story_id: str) -> tuple[Story, list, dict[str, str]]:
    """A story, its documents and, for each document in a duplicate group, the group's
    document that speaks for the report: its longest (a feed summary's later page, the
    fullest of syndicated copies), the first of equals."""
    story = get_story(store, story_id)
    docs = documents_of(store, story.doc_ids)
    length = {d.id: len(d.text) for d in docs}
    duplicate_of = {}
    for group in story.duplicate_groups:
        duplicate_of.update(dict.fromkeys(group, max(group, key=lambda i: length.get(i, -1))))
    return story, docs, duplicate_of


def story_comparison(store: Store, story_id: str) -> tuple[Story, Comparison]:
    """A story's claims and their groups (syndicated copies count as one source)."""
    story, docs, duplicate_of = _story_material(store, story_id)
    return story, compare(story_claims(docs), duplicate_of)


def story_brief(store: Store, story_id: str, settings=None, warn=None, progress=None):
    """The verified brief of a story, by the writer of ``settings`` (default: extractive);
    see story_brief_and_comparison."""
    return story_brief_and_comparison(store, story_id, settings, warn, progress)[0]


def story_brief_and_comparison(store: Store, story_id: str, settings=None, warn=None, progress=None):
    """The brief of a story and the comparison of claims it was written from (claims are
    made once for both). ``settings`` choose the writer (write.write); ``warn`` hears why a
    writer fell back to the extractive brief, ``progress`` a model's answer coming in."""
    from lagebild.embed import StoredEmbedder
    from lagebild.settings import Settings
    from lagebild.write import Material, write

    story, docs, duplicate_of = _story_material(store, story_id)
    comparison = compare(story_claims(docs), duplicate_of)
    material = Material(story, docs, comparison, duplicate_of, StoredEmbedder(store))
    return write(material, settings or Settings(), warn, progress), comparison
