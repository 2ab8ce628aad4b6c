"""Dates inside sentences, in the forms German and English reports use (written for the tests)."""

from __future__ import annotations

import pytest

from lagebild.dates import date_mentions, find_dates, reference_day

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


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("Der Papst starb am Ostermontag in seiner Residenz.", "de"),
        ("The pope died on Easter Monday at his residence.", "en"),
        ("Le pape est mort le lundi de Pâques dans sa résidence.", "fr"),
        ("El papa murió el Lunes de Pascua en su residencia.", "es"),
        ("Il papa è morto il lunedì dell’Angelo nella sua residenza.", "it"),
        ("O papa morreu na segunda-feira de Páscoa na sua residência.", "pt"),
        ("Papież zmarł w poniedziałek wielkanocny w swojej rezydencji.", "pl"),
        ("De paus stierf op tweede paasdag in zijn residentie.", "nl"),
    ],
)
def test_a_feast_names_its_day_in_any_language(sentence, language):
    (mention,) = date_mentions(sentence, language, "2025-04-22")
    assert mention.says == {"hol:e+1", "wd:0"}
    assert mention.means == {"hol:e+1", "wd:0", "dm:21.4", "y:2025"}


def test_a_fixed_feast_is_its_day_and_the_last_one_before_the_report():
    (mention,) = date_mentions("Die Brücke war seit Heiligabend gesperrt.", "de", "2025-01-03")
    assert mention.says == {"dm:24.12"} and "y:2024" in mention.means
