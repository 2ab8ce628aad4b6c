"""Dates inside sentences, in the forms German and English reports use (written for the tests)."""

from __future__ import annotations

import pytest

from lagebild.dates import find_dates, reference_day

PUBLISHED = "2025-01-14"  # a Tuesday

CASES = [
    ("Am 3. Dezember stimmten 190 Abgeordnete für den Antrag.", ["2024-12-03"]),
    ("Das NIS informierte am 1. Nov. 2024 die Abgeordneten.", ["2024-11-01"]),
    ("The coroner's count reached 25 deaths on Tuesday, Jan. 14.", ["2025-01-14"]),
    ("The fire started on January 7th, 2025.", ["2025-01-07"]),
    ("Am Donnerstagabend teilte die Polizei mit, es gebe zehn Tote.", ["2025-01-09"]),
    ("Gestern starben fünf Menschen.", ["2025-01-13"]),
    ("Der Beschluss vom 03.12.2024 gilt, ebenso der vom 2024-12-04.", ["2024-12-03", "2024-12-04"]),
    ("Am 30. Dezember war davon noch keine Rede.", ["2024-12-30"]),  # last year's December
    ("Seit Dienstag brennt es in den Hügeln.", []),  # the start of a span, not the figure's day
    ("Mai Thi Nguyen sagte, der 31. Februar sei kein Tag.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_find_dates(sentence, expected):
    assert find_dates(sentence, PUBLISHED) == expected


def test_without_a_publication_date_only_full_dates_resolve():
    assert find_dates("Am Montag, dem 3. Dezember 2024, tagte das Parlament.", None) == ["2024-12-03"]


def test_reference_day_is_the_latest_named_day_up_to_publication():
    assert reference_day(["2025-01-07", "2025-01-12"], PUBLISHED) == "2025-01-12"
    assert reference_day(["2025-02-01"], PUBLISHED) == PUBLISHED  # not after the report
    assert reference_day([], PUBLISHED) == PUBLISHED and reference_day([], None) is None
