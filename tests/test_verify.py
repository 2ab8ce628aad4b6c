"""Verification of sentences against sources written for the tests (tests/data/stories.jsonl)."""

from __future__ import annotations

import pytest

from conftest import story_documents
from lagebild.verify import Verifier


@pytest.fixture(scope="module")
def verifier():
    return Verifier(story_documents())


def kinds(verdict) -> list[str]:
    return [i.kind for i in verdict.issues]


def test_supported_sentence_cites_a_verbatim_source_sentence(verifier):
    v = verifier.check(
        "In Kellbach ist ein rund 60 Meter langes Teilstück der Lindenbrücke in den Rhein gestürzt."
    )
    assert v.verdict == "supported" and kinds(v) == []
    assert v.evidence[0].doc_id == "kb-de-1" and v.evidence[0].quote.startswith(
        "In Kellbach ist in der Nacht"
    )


def test_changed_number_is_contradicted(verifier):
    v = verifier.check(
        "In Kellbach ist ein rund 90 Meter langes Teilstück der Lindenbrücke in den Rhein gestürzt."
    )
    assert v.verdict == "contradicted" and kinds(v) == ["number_mismatch"]


def test_swapped_origin_is_a_misattribution(verifier):
    v = verifier.check(
        "Laut Bürgermeister Jens Harms ist Korrosion an den Spanngliedern der Lindenbrücke die Ursache."
    )
    assert v.verdict == "contradicted" and "misattribution" in kinds(v)


def test_misspelled_and_unknown_publishers(verifier):
    v = verifier.check(
        "Wie der Rheinpsot berichtete, bleibt der Rhein bei Kellbach für die Schifffahrt gesperrt."
    )
    assert "misspelled_source" in kinds(v) and "Rheinpost" in v.issues[0].detail
    v = verifier.check(
        "Wie der Tagesspiegel berichtete, bleibt der Rhein bei Kellbach für die Schifffahrt gesperrt."
    )
    assert "unknown_source" in kinds(v)


def test_sentence_from_another_story_is_unsupported(verifier):
    v = verifier.check("Die Europäische Zentralbank senkte den Leitzins am Donnerstag um 0,25 Prozentpunkte.")
    assert v.verdict == "unsupported" and "unsupported_claim" in kinds(v)


def test_opinion_and_filler_are_not_checkable(verifier):
    assert verifier.check("Ob das reicht, bleibt abzuwarten.").verdict == "not_checkable"
    assert verifier.check("Was kommt als Nächstes?").verdict == "not_checkable"


def test_english_sentence_against_german_and_english_sources(verifier):
    v = verifier.check("Mayor Karin Vogt said corrosion of the steel tendons was the likely cause.", "en")
    assert v.verdict == "supported"


def test_backed_claim_with_an_unbacked_detail(verifier):
    v = verifier.check(
        "In Kellbach ist ein rund 60 Meter langes Teilstück der Lindenbrücke "
        "mit 14 Fahrzeugen in den Rhein gestürzt."
    )
    assert v.verdict == "supported" and kinds(v) == ["unsupported_detail"]
    assert "14" in v.issues[0].detail
