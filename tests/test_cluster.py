"""Story clustering on reports written for the tests (tests/data/clusters.jsonl): a flood
in a made-up town told in German, English, Polish and Russian (the last two undated), a
mayoral election in the same town in the same week, a report a year later on the flood's
anniversary; a made-up country's martial law and, four months later, the court ruling
that removed its president (one report of the ruling undated)."""

from __future__ import annotations

import json
import random

import numpy as np

from conftest import DATA
from lagebild.ingest import ingest
from lagebild.linkage import average_link
from lagebild.render.stories import story_text
from lagebild.similarity import WINDOW_DAYS, language_offsets
from lagebild.store.sqlite import SQLiteStore
from lagebild.stories import update_stories
from lagebild.terms import name_tokens

CLUSTERS = DATA / "clusters.jsonl"
FLOOD = {"fl-de-1", "fl-de-2", "fl-en-1", "fl-pl-1", "fl-ru-1"}
ELECTION = {"el-de-1", "el-de-2", "el-en-1"}
MARTIAL_LAW = {"vl-de-1", "vl-en-1", "vl-de-2"}
RULING = {"vc-en-1", "vc-de-1"}
ROWS = [json.loads(line) for line in CLUSTERS.read_text(encoding="utf-8").splitlines()]


def partition(store) -> set[frozenset[str]]:
    return {frozenset(s.doc_ids) for s in store.stories()}


def clustered(tmp_path, settings, order: list[int], online: bool, name: str):
    store = SQLiteStore(tmp_path / f"{name}.db")
    batches = [[i] for i in order] if online else [order]
    for n, batch in enumerate(batches):
        path = tmp_path / f"{name}-{n}.jsonl"
        path.write_text("".join(json.dumps(ROWS[i], ensure_ascii=False) + "\n" for i in batch), "utf-8")
        ingest([str(path)], store, settings)
        update_stories(store)
    return store


def test_undated_reports_in_other_languages_join_and_events_stay_apart(tmp_path, settings):
    store = clustered(tmp_path, settings, list(range(len(ROWS))), False, "batch")
    got = partition(store)
    assert frozenset(FLOOD) in got  # the undated Polish and Russian reports joined
    assert frozenset(ELECTION) in got  # same town, same week, another event
    assert frozenset({"fl-de-2026"}) in got  # a year later: another story
    assert frozenset(MARTIAL_LAW) in got and frozenset(RULING) in got
    flood = next(s for s in store.stories() if "fl-pl-1" in s.doc_ids)
    # Undated reports do not stretch the story's time.
    assert flood.first_published.startswith("2025-03-10") and flood.last_published.startswith("2025-03-11")
    shown = story_text(flood, store.summaries(flood.doc_ids))
    assert "(2 undated)" in shown.splitlines()[1]
    assert [line.split()[0] for line in shown.splitlines() if "fl-pl-1" in line or "fl-ru-1" in line] == [
        "undated",
        "undated",
    ]
    store.close()


def test_result_does_not_depend_on_arrival_order(tmp_path, settings):
    batch = clustered(tmp_path, settings, list(range(len(ROWS))), False, "batch")
    expected = partition(batch)
    batch.close()
    for seed in range(2):
        order = random.Random(seed).sample(range(len(ROWS)), len(ROWS))
        store = clustered(tmp_path, settings, order, True, f"online{seed}")
        assert partition(store) == expected, f"order {order}"
        store.close()


def test_undated_report_that_came_first_moves_to_its_dated_story(tmp_path, settings):
    # The undated report of the ruling arrives while only the martial law story exists
    # and may join it; when the dated report of the ruling comes, months later, both
    # stories are clustered again and the undated one goes with its event.
    ids = [row["id"] for row in ROWS]
    order = [ids.index(i) for i in ("vl-de-1", "vl-en-1", "vl-de-2", "vc-en-1", "vc-de-1")]
    store = clustered(tmp_path, settings, order, True, "ruling")
    assert partition(store) == {frozenset(MARTIAL_LAW), frozenset(RULING)}
    store.close()


def test_undated_report_never_bridges_far_dates():
    # Two dated reports a year apart and an undated one that scores high with both:
    # the undated one joins one of them, the two never meet.
    scores = np.array([[1.0, 0.7, 0.95], [0.7, 1.0, 0.95], [0.95, 0.95, 1.0]])
    labels = average_link(scores, [(0, 0), (365, 365), (None, None)], threshold=0.8)
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])


def test_a_story_grows_through_time_report_by_report():
    # Reports every 20 days: each is within WINDOW_DAYS of the next, so the story chains.
    days = [0, 20, 40, 60]
    assert max(days) > WINDOW_DAYS
    labels = average_link(np.full((4, 4), 0.9), [(d, d) for d in days], threshold=0.8)
    assert len(set(labels)) == 1


def test_names_meet_across_scripts():
    latin = set(name_tokens("Hochwasser in Valencia und Marlingen"))
    assert set(name_tokens("Наводнение в Валенсии")) & latin == {"valen"}
    assert set(name_tokens("Πλημμύρες στη Βαλένθια")) & latin == {"valen"}
    assert set(name_tokens("Powódź w Marlingen")) & latin == {"marli"}


def test_language_offset_is_shrunk_for_rare_languages():
    one = np.array([1.0, 0.0], dtype=np.float32)
    other = np.array([0.0, 1.0], dtype=np.float32)
    offsets = language_offsets({"de": (100, 100 * one), "is": (1, other)})
    # German dominates the mean, so its offset is small; Iceland's single report keeps
    # most of its content (1 / (1 + shrink) of the offset is removed).
    assert np.linalg.norm(offsets["de"]) < 0.02
    assert 0.0 < np.linalg.norm(offsets["is"]) < 0.25
