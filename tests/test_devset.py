"""Opt-in checks on the real devset, read in place; skipped when ../shared is absent."""

from __future__ import annotations

import pytest

from conftest import SHARED
from lagebild.ingest import ingest

DEVSET = SHARED / "devset" / "stories.jsonl"
pytestmark = pytest.mark.skipif(not DEVSET.exists(), reason="../shared/devset is not beside this checkout")


def test_devset_ingests_completely_and_idempotently(db, settings):
    lines = sum(1 for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip())
    report = ingest([str(DEVSET)], db, settings)
    assert report.failed == []
    assert len(report.added) == lines
    for summary in db.documents():
        doc = db.get_document(summary.id)
        assert doc.language and doc.sentences
        assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    again = ingest([str(DEVSET)], db, settings)
    assert again.added == [] and len(again.present) == lines
