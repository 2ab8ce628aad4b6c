"""The brief cache of the web UI: computed once per story version, again when the story changes."""

from __future__ import annotations

import threading

import pytest

from conftest import story_documents
from lagebild.errors import NotFoundError
from lagebild.stories import update_stories
from lagebild.web.cache import StoryCache


def test_brief_kept_until_the_story_changes(db):
    docs = {d.id: d for d in story_documents("kb-")}
    for doc_id in ("kb-de-1", "kb-en-1"):
        db.add_document(docs[doc_id])
    update_stories(db)
    cache = StoryCache(threading.Lock())
    (story,) = db.stories()

    first = cache.view(db, story.id)
    assert cache.view(db, str(story.id)) is first
    assert first.brief.story_id == story.id and b'"headline"' in first.brief_json

    db.add_document(docs["kb-de-2"])
    update_stories(db)
    changed = cache.view(db, story.id)
    assert changed is not first
    assert "kb-de-2" in [d.id for d in changed.documents]
    assert cache.view(db, story.id) is changed


def test_unknown_story(db):
    with pytest.raises(NotFoundError, match="story 7: no such story"):
        StoryCache(threading.Lock()).view(db, 7)


def test_warming_writes_briefs_and_embeds_the_latest_stories_sentences(settings):
    from lagebild.embed import embedder_for, paraphrase_embedders
    from lagebild.store import open_store
    from lagebild.web.state import Web

    with open_store(settings.db) as store:
        for doc in story_documents("kb-"):
            store.add_document(doc)
        update_stories(store)
    web = Web(settings)
    web.warm()
    store = web.store()
    (story, *_) = store.stories()
    # Each under the model a check compares it by (USE for the languages it knows).
    embedders = paraphrase_embedders(store)
    keys = {
        embedder_for(embedders, doc.language).key(s.text)
        for doc in map(store.get_document, story.doc_ids)
        for s in doc.sentences
    }
    assert len(store.vectors(list(keys))) == len(keys)
    assert web.cache.view(store, story.id) is web.cache.view(store, story.id)


def test_a_story_verifier_is_kept_until_the_story_changes(db):
    from lagebild.web.cache import VerifierCache

    docs = {d.id: d for d in story_documents("kb-")}
    for doc_id in ("kb-de-1", "kb-en-1"):
        db.add_document(docs[doc_id])
    update_stories(db)
    cache = VerifierCache()
    (story,) = db.stories()
    first, sources = cache.get(db, story)
    assert cache.get(db, story)[0] is first and {d.id for d in sources} == {"kb-de-1", "kb-en-1"}
    db.add_document(docs["kb-de-2"])
    update_stories(db)
    (story,) = db.stories()
    changed, sources = cache.get(db, story)
    assert changed is not first and "kb-de-2" in changed.docs and "kb-de-2" not in first.docs
