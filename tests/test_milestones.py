"""Days of events and ranks: claims of their own kind, never counts (sentences written for
the tests in the forms reports use)."""

from __future__ import annotations

import pytest

from conftest import report
from lagebild.claims import story_claims
from lagebild.compare import compare
from lagebild.milestones import ADMITTED, DISCHARGED, RANK, find_milestones
from lagebild.numbers import find_quantities
from lagebild.render.claims import table_rows

# (sentence, language, expected (unit, value) in order)
MILESTONES = [
    ("The former senator was admitted on February 14 with pneumonia.", "en", [(ADMITTED, 14)]),
    ("Die Sängerin wurde am 14. Februar in die Klinik eingeliefert.", "de", [(ADMITTED, 14)]),
    ("Le ministre est sorti de l'hôpital le 23 mars après un long séjour.", "fr", [(DISCHARGED, 23)]),
    ("La actriz recibió el alta médica el 23 de marzo.", "es", [(DISCHARGED, 23)]),
    ("O treinador recebeu alta no dia 23 de março.", "pt", [(DISCHARGED, 23)]),
    ("Il vescovo è stato dimesso il 23 marzo.", "it", [(DISCHARGED, 23)]),
    ("Il sindaco è stato ricoverato dal 14 febbraio al 23 marzo.", "it", [(ADMITTED, 14), (DISCHARGED, 23)]),
    ("Premier został wypisany ze szpitala 23 marca.", "pl", [(DISCHARGED, 23)]),
    ("Abraham Lincoln, the 16th president, was shot in a theatre.", "en", [(RANK, 16)]),
    ("Er ist der 46. Präsident der Republik.", "de", [(RANK, 46)]),
    ("Benedykt był 265. następcą św. Piotra.", "pl", [(RANK, 265)]),
    ("El 265º papa renunció en febrero.", "es", [(RANK, 265)]),
]


@pytest.mark.parametrize(("sentence", "language", "expected"), MILESTONES)
def test_days_of_events_and_ranks(sentence, language, expected):
    assert [(q.unit, q.value) for q in find_milestones(sentence, language)] == expected


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("He admitted on Monday that 23 people had died.", "en"),  # no day of a month
        ("Am 23. März stieg die Zahl der Toten auf 40.", "de"),  # a day, but no stay in hospital
        ("La temperatura más alta se registró el 23 de marzo.", "es"),  # "alta" is high here
        ("It was the 2nd time in a week that 5 people were hurt.", "en"),  # no holder of an office
    ],
)
def test_no_milestone_without_its_event(sentence, language):
    assert find_milestones(sentence, language) == []


def test_days_and_ranks_are_no_counts_for_the_check_stage():
    # The check stage reads figures with find_quantities: a day stays a date there (its
    # date rule checks it), a rank is no count.
    for sentence, language, _ in MILESTONES:
        assert not {q.value for q in find_quantities(sentence, language)} & {14, 16, 23, 46, 265}, sentence


def test_milestones_are_claims_kept_out_of_the_table():
    docs = [
        report(
            "a", "Die Sängerin wurde am 23. März aus der Klinik entlassen. 40 Menschen starben.", "2025-04-21"
        ),
        report("b", "La cantante recibió el alta médica el 23 de marzo.", "2025-04-21", language="es"),
    ]
    claims = story_claims(docs)
    days = [(c.doc_id, q.value) for c in claims for q in c.quantities if q.unit == DISCHARGED]
    assert sorted(days) == [("a", 23), ("b", 23)]
    result = compare(claims, {})
    group = next(g for g in result.groups if g.unit == DISCHARGED)
    assert group.what == DISCHARGED and group.status == "corroborated"
    assert all(row["what"] != DISCHARGED for row in table_rows(result))
