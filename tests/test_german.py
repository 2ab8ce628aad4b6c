"""Figures of any language as a German reader reads them, in briefs and the numbers table."""

from __future__ import annotations

import pytest

from lagebild.german import german_amount, german_figure
from lagebild.numbers import find_quantities


@pytest.mark.parametrize(
    ("sentence", "language", "german"),
    [
        ("Au moins 23 personnes sont mortes.", "fr", "mindestens 23"),
        ("Sono almeno 18 i morti.", "it", "mindestens 18"),
        ("Hay cerca de 200 heridos.", "es", "etwa 200"),
        ("At least 7 people died.", "en", "mindestens 7"),
        ("Rund 40 Menschen starben.", "de", "rund 40"),
        # a bound that excludes its figure stays one
        ("Plus de 200 personnes ont été blessées.", "fr", "mehr als 200"),
        ("Murieron más de 40 personas.", "es", "mehr als 40"),
        ("Zginęło ponad 30 osób.", "pl", "mehr als 30"),
    ],
)
def test_hedges_of_other_languages_are_told_in_german(sentence, language, german):
    q = find_quantities(sentence, language)[0]
    assert german_amount(q.value, q.value_max, q.approx) == german


@pytest.mark.parametrize(
    ("sentence", "language", "shown"),
    [
        ("Le pape est mort à 7h35.", "fr", "7:35 Uhr"),
        ("Trois jours de deuil ont été décrétés.", "fr", "3"),
        ("Ewakuowano 1,6 tys. osób.", "pl", "1.600"),
        ("Donations reached €846 million.", "en", "846 Mio."),
        ("About 1.5 million homes lost power.", "en", "etwa 1,5 Mio."),
        ("Il est né en 1936 à Buenos Aires.", "fr", "1936"),
        ("Zwischen 11.000 und 12.000 Soldaten sind dort.", "de", "11.000 bis 12.000"),
    ],
)
def test_a_table_shows_each_figure_in_german(sentence, language, shown):
    q = find_quantities(sentence, language)[0]
    assert german_figure(q.as_dict()) == shown


def test_prose_writes_numbers_up_to_twelve_as_words():
    assert german_amount(4, words=True) == "vier"
    assert german_amount(12, approx="au moins", words=True) == "mindestens zwölf"
    assert german_amount(13, words=True) == "13"
    assert german_amount(4) == "4"  # a table compares digits
