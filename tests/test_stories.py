"""Syndicated copies and story clustering on reports written for the tests (tests/data/stories.jsonl)."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from lagebild.dedup import containment, is_near_copy, shingles
from lagebild.ingest import ingest
from lagebild.stories import get_story, recluster, update_stories

STORIES = DATA / "stories.jsonl"
KELLBACH = {"kb-de-1", "kb-de-2", "kb-en-1", "kb-en-2", "kb-agentur-1", "kb-agentur-2"}
OSTWALD = {"ow-de-1", "ow-de-2", "ow-en-1"}


@pytest.fixture
def clustered(db, settings):
    ingest([str(STORIES)], db, settings)
    update_stories(db)
    return db


def partition(store) -> set[frozenset[str]]:
    return {frozenset(s.doc_ids) for s in store.stories()}


def test_languages_join_and_neighbour_event_stays_apart(clustered):
    assert partition(clustered) == {frozenset(KELLBACH), frozenset(OSTWALD)}
    big = clustered.stories()[0]
    assert big.languages == ["de", "en"]
    assert big.first_published.startswith("2024-03-12") and big.last_published.startswith("2024-03-14")
    assert "Kellbach" in big.title  # a German headline of the story


def test_syndicated_copy_with_new_headline_is_grouped(clustered):
    big = next(s for s in clustered.stories() if "kb-de-1" in s.doc_ids)
    assert big.duplicate_groups == [["kb-agentur-1", "kb-agentur-2"]]


def test_near_copy_measure():
    rows = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines()]
    text = {r["id"]: r["text"] for r in rows}
    assert is_near_copy(shingles(text["kb-agentur-1"]), shingles(text["kb-agentur-2"]))
    assert not is_near_copy(shingles(text["kb-de-1"]), shingles(text["kb-de-2"]))
    assert containment(set(), {"a"}) == (0.0, 0)


def test_stable_when_the_same_batch_comes_twice(clustered, settings):
    before = {s.id: (s.title, sorted(s.doc_ids)) for s in clustered.stories()}
    report = ingest([str(STORIES)], clustered, settings)
    assert report.added == []
    assert update_stories(clustered).documents == 0
    assert {s.id: (s.title, sorted(s.doc_ids)) for s in clustered.stories()} == before


def test_one_at_a_time_in_any_order_gives_the_same_stories(db, settings, tmp_path):
    lines = STORIES.read_text(encoding="utf-8").splitlines()
    for line in reversed(lines):
        path = tmp_path / "one.jsonl"
        path.write_text(line + "\n", encoding="utf-8")
        ingest([str(path)], db, settings)
        update_stories(db)
    assert partition(db) == {frozenset(KELLBACH), frozenset(OSTWALD)}


def test_recluster_rebuilds_the_same(clustered):
    before = partition(clustered)
    report = recluster(clustered)
    assert report.documents == len(KELLBACH | OSTWALD)
    assert partition(clustered) == before


def test_unknown_story_is_a_clear_error(clustered):
    from lagebild.errors import NotFoundError

    with pytest.raises(NotFoundError, match="story 999: no such story"):
        get_story(clustered, "999")
    with pytest.raises(NotFoundError, match="story abc: no such story"):
        get_story(clustered, "abc")


def test_time_window_separates_same_words_a_month_apart(db, settings, tmp_path):
    rows = [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines()]
    later = []
    for r in rows:
        if r["id"].startswith("kb-"):
            r = dict(
                r,
                id=r["id"] + "-later",
                url=r["url"] + "-later",
                published="2024-05-20" + r["published"][10:],
            )
            later.append(r)
    path = tmp_path / "later.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows + later) + "\n", "utf-8")
    ingest([str(path)], db, settings)
    update_stories(db)
    assert frozenset(KELLBACH) in partition(db)
    assert frozenset(r["id"] for r in later) in partition(db)


def _doc(language, text, title=None):
    from lagebild.analyse import analyse
    from lagebild.model import Document

    a = analyse(text, language)
    return Document(
        id=text[:8], url="u", source="s", title=title, text=text, language=a.language, sentences=a.sentences
    )


def test_headline_is_whole_and_german_first():
    from lagebild.stories import headline

    long_de = (
        "Nach tagelangem Regen ist der Fluss Lauter in der Kleinstadt Marlingen über die Ufer getreten, "
        "wie die Feuerwehr am Abend mitteilte, und hat die Altstadt überflutet."
    )
    english = _doc("en", "The river Lauter burst its banks.", title="Floods hit Marlingen")
    # A German title wins over an English one, and so does a German sentence (below).
    assert (
        headline([english, _doc("de", long_de, title="Hochwasser in Marlingen")]) == "Hochwasser in Marlingen"
    )
    # No title anywhere: a German opening sentence, cut after a whole clause, no ellipsis.
    got = headline([_doc("en", "The river Lauter burst its banks."), _doc("de", long_de)])
    assert (
        got == "Nach tagelangem Regen ist der Fluss Lauter in der Kleinstadt Marlingen über die Ufer getreten"
    )
    assert "…" not in got and len(got) <= 100
