"""Number parsing as a table of the forms German and English reports use."""

from __future__ import annotations

import pytest

from lagebild.numbers import find_quantities, parse_number

# (sentence written for the test, language, [(value, value_max, unit, approx)])
CASES = [
    (
        "Rund 10.000 Soldaten sollen nach Russland verlegt worden sein.",
        "de",
        [(10000, None, "Soldaten", "rund")],
    ),
    ("Das Pentagon sprach von 11.000 bis 12.000 Soldaten.", "de", [(11000, 12000, "Soldaten", None)]),
    ("Es seien zwischen 11.000 und 12.000 Soldaten.", "de", [(11000, 12000, "Soldaten", None)]),
    ("between 11,000 and 12,000 troops", "en", [(11000, 12000, "Soldaten", None)]),
    ("about 10,000 North Korean troops", "en", [(10000, None, "Soldaten", "about")]),
    ("Etwa 10 000 nordkoreanische Soldaten", "de", [(10000, None, "Soldaten", "etwa")]),
    ("Die Soldaten erhalten ca. 2000 Dollar pro Monat.", "de", [(2000, None, "USD", "ca.")]),
    ("damages from $135 billion to $150 billion", "en", [(135e9, 150e9, "USD", None)]),
    ("Mindestens fünf Menschen sind ums Leben gekommen.", "de", [(5, None, "Tote", "mindestens")]),
    (
        "Mehr als 3.000 Nordkoreaner wurden getötet oder verwundet.",
        "de",
        [(3000, None, "Tote und Verletzte", "mehr als")],
    ),
    ("mehr als 3.000 Tote und Verwundete", "de", [(3000, None, "Tote und Verletzte", "mehr als")]),
    ("Die Abgeordneten tagten zehn Stunden.", "de", [(10, None, "Stunden", None)]),
    ("more than 5,300 structures", "en", [(5300, None, "Gebäude", "more than")]),
    ("etwa sechs Stunden nachdem", "de", [(6, None, "Stunden", "etwa")]),
    ("1,5 Millionen Haushalte ohne Strom", "de", [(1.5e6, None, "Haushalte", None)]),
    ("Die Kosten liegen bei 3,5 Mio. Euro.", "de", [(3.5e6, None, "EUR", None)]),
    ("The fire was 27% contained.", "en", [(27, None, "%", None)]),
    ("killing 10 people", "en", [(10, None, "Tote", None)]),
    ("Tausende wurden vertrieben.", "de", [(2000, None, None, "tausende")]),
    ("erstmals seit 1979", "de", [(1979, None, "Jahr", None)]),
    ("Das NIS informierte am 1. Nov. 2024 um 21:37 Uhr.", "de", [(2024, None, "Jahr", None)]),
    ("Am 11. September stürzte ein Teil ein.", "de", []),
    ("Zum 5. Mal tagte der Krisenstab.", "de", []),
    ("Ein Mann wurde festgenommen.", "de", []),
    ("voted 190-0 to lift martial law", "en", [(190, None, None, None)]),
    # A part counts what its whole counts.
    (
        "With 190 of its 300 members in the chamber",
        "en",
        [(190, None, "Abgeordnete", None), (300, None, "Abgeordnete", None)],
    ),
    (
        "Alle 190 der 300 Abgeordneten stimmten zu.",
        "de",
        [(190, None, "Abgeordnete", None), (300, None, "Abgeordnete", None)],
    ),
]


@pytest.mark.parametrize(("sentence", "language", "expected"), CASES)
def test_quantities(sentence, language, expected):
    got = [(q.value, q.value_max, q.unit, q.approx) for q in find_quantities(sentence, language)]
    assert got == [(float(v), None if m is None else float(m), u, a) for v, m, u, a in expected]


def test_raw_and_offsets_are_verbatim():
    sentence = "Nach Angaben des NIS sind rund 10.000 Soldaten in Kursk."
    (q,) = find_quantities(sentence, "de")
    assert q.raw == "rund 10.000" and sentence[q.start : q.end] == q.raw


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("10.000", "de", 10000),
        ("10,000", "en", 10000),
        ("10 000", "de", 10000),
        ("3,5", "de", 3.5),
        ("3.5", "en", 3.5),
        ("1.234.567", "de", 1234567),
        ("12", None, 12),
    ],
)
def test_parse_number(text, language, value):
    assert parse_number(text, language) == value


def test_the_size_of_a_whole_is_marked_background():
    for sentence, values in [
        ("With 190 of its 300 members in the chamber, the assembly approved the motion.", [300]),
        ("Only 190 deputies out of 300 could reach the chamber.", [300]),
        ("Sämtliche 190 Abgeordneten des 300-köpfigen Hauses votierten dafür.", [300]),
        ("Rund 10.000 Soldaten sollen verlegt worden sein.", []),
    ]:
        assert [q.value for q in find_quantities(sentence) if q.background] == values, sentence


# Sentences written for the tests, in the number forms the web writes.
NUMBER_FORMS = [
    ("Rund 2'000 Soldaten sind an der Grenze.", "de", 2000, "Soldaten", "rund"),
    ("Es sind 12\u202f000 Soldaten.", "de", 12000, "Soldaten", None),
    ("Il y a 12\u00a0000 soldats dans la région.", "fr", 12000, "Soldaten", None),
    ("Au moins 95 personnes sont mortes.", "fr", 95, "Tote", "au moins"),
    ("Al menos 51 personas murieron.", "es", 51, "Tote", "al menos"),
    ("Sono almeno 92 i morti.", "it", 92, "Tote", "almeno"),
    ("Pelo menos 93 pessoas continuam desaparecidas.", "pt", 93, "Menschen", "pelo menos"),
    ("Zginęło co najmniej 40 osób.", "pl", 40, "Tote", "co najmniej"),
    ("Zo'n 1200 mensen zitten vast.", "nl", 1200, "Menschen", "zo'n"),
]


@pytest.mark.parametrize(("sentence", "language", "value", "unit", "approx"), NUMBER_FORMS)
def test_number_forms_of_the_web(sentence, language, value, unit, approx):
    (q,) = find_quantities(sentence, language)
    assert (q.value, q.unit, q.approx) == (value, unit, approx)


@pytest.mark.parametrize("sentence", ["Tausende Soldaten sind dort.", "Des milliers de personnes ont fui."])
def test_vague_amounts_stay_vague(sentence):
    (q,) = find_quantities(sentence, None)
    assert q.vague
    assert q.interval()[1] == float("inf")  # a lower bound at most, never a point


def test_a_rise_to_a_figure_is_no_upper_bound():
    (q,) = find_quantities("Do 62 wzrosła liczba ofiar.", "pl")
    assert (q.value, q.approx) == (62, None)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Francis, the 266th head of the church, died.", "en"),
        ("Le 266e pape est mort.", "fr"),
        ("François 1er est mort.", "fr"),
    ],
)
def test_ranks_are_not_counts(sentence, language):
    assert find_quantities(sentence, language) == []
