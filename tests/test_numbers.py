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
    (
        "Das NIS informierte am 1. Nov. 2024 um 21:37 Uhr.",
        "de",
        [(2024, None, "Jahr", None), (21.37, None, "Uhrzeit", None)],
    ),
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
    ("Pelo menos 93 pessoas continuam desaparecidas.", "pt", 93, "Vermisste", "pelo menos"),
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


# Sentences written for the tests, one class of form per table, in the languages we read:
# (sentence, language, [(value, value_max, unit, approx)]).
UNITS_OF_TIME_AND_MEASURE = [
    ("La sequía duró 12 ans dans la région.", "fr", [(12, None, "Jahre", None)]),
    ("El mandato del alcalde duró doce años.", "es", [(12, None, "Jahre", None)]),
    ("Il cantiere è rimasto aperto per 12 anni.", "it", [(12, None, "Jahre", None)]),
    ("A ponte esteve fechada durante 12 anos.", "pt", [(12, None, "Jahre", None)]),
    (
        "Budowa trwała 12 lat, a remont 3 miesiące.",
        "pl",
        [(12, None, "Jahre", None), (3, None, "Monate", None)],
    ),
    ("De dijk werd 12 jaar lang versterkt.", "nl", [(12, None, "Jahre", None)]),
    ("Köprü 12 yıl boyunca kapalı kaldı.", "tr", [(12, None, "Jahre", None)]),
    ("Her 12-year term ends in May.", "en", [(12, None, "Jahre", None)]),
    ("Nach der 12-jährigen Amtszeit trat sie ab.", "de", [(12, None, "Jahre", None)]),
    ("Yaralılar 38 gün hastanede kaldı.", "tr", [(38, None, "Tage", None)]),
    ("Les secours ont travaillé pendant 40 heures.", "fr", [(40, None, "Stunden", None)]),
    ("Ratownicy pracowali przez 40 godzin.", "pl", [(40, None, "Stunden", None)]),
    ("Cayeron 180 milímetros en una tarde.", "es", [(180, None, "Millimeter", None)]),
    ("Il est tombé 180 millimètres en une nuit.", "fr", [(180, None, "Millimeter", None)]),
    ("Binnen een dag viel 180 mm regen.", "nl", [(180, None, "Millimeter", None)]),
    # A litre of rain per square metre is a millimetre.
    ("Es fielen 180 Liter Regen pro Quadratmeter.", "de", [(180, None, "Millimeter", None)]),
    ("Sono caduti 180 litri per metro quadrato.", "it", [(180, None, "Millimeter", None)]),
    ("Spadło 180 litrów wody na metr kwadratowy.", "pl", [(180, None, "Millimeter", None)]),
    (
        "El fuego arrasó 3.000 hectáreas a 40 kilómetros de la costa.",
        "es",
        [(3000, None, "Hektar", None), (40, None, "Kilometer", None)],
    ),
    (
        "Le vent a soufflé à 150 km/h sur 2 000 foyers.",
        "fr",
        [(150, None, "km/h", None), (2000, None, "Haushalte", None)],
    ),
    (
        "Spłonęło 30 budynków i 12 pojazdów.",
        "pl",
        [(30, None, "Gebäude", None), (12, None, "Fahrzeuge", None)],
    ),
    (
        "The storm cut power to 40,000 households across 300 square miles.",
        "en",
        [(40000, None, "Haushalte", None), (300, None, "Quadratmeilen", None)],
    ),
]
# A person's age is no span of years: "Alter" beside "Jahre".
AGES = [
    ("Die Bürgermeisterin starb im Alter von 71 Jahren.", "de", [(71, None, "Alter", None)]),
    ("Der Bürgermeister war knapp 71 Jahre alt.", "de", [(71, None, "Alter", "knapp")]),
    (
        "Der 71-Jährige war seit 20 Jahren im Amt.",
        "de",
        [(71, None, "Alter", None), (20, None, "Jahre", None)],
    ),
    ("Ein 19-jähriger Student wurde verletzt.", "de", [(19, None, "Alter", None)]),
    (
        "The 71-year-old mayor, aged 71, served for 20 years.",
        "en",
        [(71, None, "Alter", None), (71, None, "Alter", None), (20, None, "Jahre", None)],
    ),
    (
        "La maire est morte à 71 ans, après 20 ans de mandat.",
        "fr",
        [(71, None, "Alter", None), (20, None, "Jahre", None)],
    ),
    ("La alcaldesa murió a los 71 años.", "es", [(71, None, "Alter", None)]),
    ("La sindaca aveva 71 anni.", "it", [(71, None, "Alter", None)]),
    ("A presidente morreu aos 71 anos.", "pt", [(71, None, "Alter", None)]),
    ("Burmistrz zmarła w wieku 71 lat.", "pl", [(71, None, "Alter", None)]),
    ("De burgemeester overleed op 71-jarige leeftijd.", "nl", [(71, None, "Alter", None)]),
    ("Belediye başkanı 71 yaşında öldü.", "tr", [(71, None, "Alter", None)]),
    ("Starostka zemřela ve věku 71 let.", "cs", [(71, None, "Alter", None)]),
    ("Мэр умерла в возрасте 71 года.", "ru", [(71, None, "Alter", None)]),
]


@pytest.mark.parametrize(("sentence", "language", "expected"), UNITS_OF_TIME_AND_MEASURE + AGES)
def test_units_of_time_and_measure_and_ages(sentence, language, expected):
    test_quantities(sentence, language, expected)


WORD_NUMBERS = [
    ("Fueron decretados tres días de duelo.", "es", [(3, None, "Tage", None)]),
    ("Le préfet a décrété trois jours de deuil.", "fr", [(3, None, "Tage", None)]),
    ("Au moins quatre-vingt-treize morts ont été recensés.", "fr", [(93, None, "Tote", "au moins")]),
    ("La regione ha proclamato tre giorni di lutto.", "it", [(3, None, "Tage", None)]),
    ("O governo decretou três dias de luto.", "pt", [(3, None, "Tage", None)]),
    ("Wojewoda ogłosił trzy dni żałoby.", "pl", [(3, None, "Tage", None)]),
    ("Dwadzieścia trzy osoby zginęły.", "pl", [(23, None, "Tote", None)]),
    ("De gemeente hield drie dagen rouw.", "nl", [(3, None, "Tage", None)]),
    (
        "Zehntausend Soldaten und dreiundzwanzig Tote.",
        "de",
        [(10000, None, "Soldaten", None), (23, None, "Tote", None)],
    ),
    ("Twenty-five people were evacuated.", "en", [(25, None, "Evakuierte", None)]),
    ("Más de dos docenas de personas fueron rescatadas.", "es", [(24, None, "Menschen", "más de")]),
    # Round numbers are about as many.
    ("Un millier de pompiers sont mobilisés.", "fr", [(1000, None, "Einsatzkräfte", "millier")]),
    ("Una decena de vehículos quedaron atrapados.", "es", [(10, None, "Fahrzeuge", "decena")]),
    # The same words are articles and prepositions: "dos" is "of the" in Portuguese.
    ("Um dos feridos foi levado ao hospital.", "pt", []),
    ("Une des maisons a brûlé, un homme est mort.", "fr", []),
    ("Uno de los dos puentes cayó.", "es", []),
    ("Ein Mann wurde festgenommen, einer floh.", "de", []),
    ("Es gab Schäden in Millionenhöhe, mehrere Millionen Euro.", "de", []),
]


@pytest.mark.parametrize(("sentence", "language", "expected"), WORD_NUMBERS)
def test_number_words_by_language(sentence, language, expected):
    test_quantities(sentence, language, expected)


@pytest.mark.parametrize(
    ("sentence", "language", "values", "background"),
    [
        ("Die Grünen stellen 90 Abgeordnete des 630-köpfigen Bundestags.", "de", [90, 630], [630]),
        ("The 450-member chamber passed it with 240 votes.", "en", [450, 240], [450]),
        ("L'Assemblée nationale de 577 députés a adopté le texte.", "fr", [577], [577]),
        ("El Congreso de 350 diputados aprobó la ley.", "es", [350], [350]),
        ("240 de los 350 diputados votaron a favor.", "es", [240, 350], [350]),
        ("240 z 460 posłów głosowało za.", "pl", [240, 460], [460]),
        ("240 des 577 députés étaient présents.", "fr", [240, 577], [577]),
        ("240 van de 300 Kamerleden stemden voor.", "nl", [240, 300], [300]),
        ("Sejm liczy 460 posłów.", "pl", [460], [460]),
    ],
)
def test_the_size_of_a_body_is_its_own_quantity(sentence, language, values, background):
    found = find_quantities(sentence, language)
    assert [q.value for q in found] == values
    assert [q.value for q in found if q.background] == background
    assert {q.unit for q in found if q.background} == {"Abgeordnete"}


RANGES_AND_SHARES = [
    ("Il y aurait 11\u202f000–12\u202f000 soldats.", "fr", [(11000, 12000, "Soldaten", None)]),
    ("Entre 11\u202f000 et 12\u202f000 soldats.", "fr", [(11000, 12000, "Soldaten", None)]),
    ("Od 11\u00a0000 do 12\u00a0000 żołnierzy.", "pl", [(11000, 12000, "Soldaten", None)]),
    ("Między 11 000 a 12 000 żołnierzy.", "pl", [(11000, 12000, "Soldaten", None)]),
    ("Entre 11.000 y 12.000 soldados.", "es", [(11000, 12000, "Soldaten", None)]),
    ("Tra 11.000 e 12.000 soldati.", "it", [(11000, 12000, "Soldaten", None)]),
    ("Tussen 11.000 en 12.000 soldaten.", "nl", [(11000, 12000, "Soldaten", None)]),
    # "and" alone joins two counts, a rise is two counts in turn.
    (
        "Es gab 5 Tote und 6 Verletzte, dann 7 und 8 Tote.",
        "de",
        [
            (5, None, "Tote", None),
            (6, None, "Verletzte", None),
            (7, None, "Tote", None),
            (8, None, "Tote", None),
        ],
    ),
    ("The toll rose from 40 to 52 deaths.", "en", [(40, None, "Tote", None), (52, None, "Tote", None)]),
    ("El balance ha pasado de 40 a 52 muertos.", "es", [(40, None, "Tote", None), (52, None, "Tote", None)]),
    ("Le bilan est passé de 40 à 52 morts.", "fr", [(40, None, "Tote", None), (52, None, "Tote", None)]),
    ("Le taux atteint 35 pour cent.", "fr", [(35, None, "%", None)]),
    ("El 35 por ciento de la cosecha.", "es", [(35, None, "%", None)]),
    ("Il 35 per cento dei voti.", "it", [(35, None, "%", None)]),
    ("35 por cento dos votos.", "pt", [(35, None, "%", None)]),
    ("35 procent głosów.", "pl", [(35, None, "%", None)]),
    ("35 procent van de stemmen.", "nl", [(35, None, "%", None)]),
    ("Oyların yüzde 35'i ve %40'ı.", "tr", [(35, None, "%", None), (40, None, "%", None)]),
    ("Явка составила 35%.", "ru", [(35, None, "%", None)]),
    # Scale words of the language (CLDR).
    ("Ewakuowano 2,4 tys. osób.", "pl", [(2400, None, "Evakuierte", None)]),
    ("Costará 300 mil millones de dólares.", "es", [(300e9, None, "USD", None)]),
    ("Il danno è di 2,5 miliardi di euro.", "it", [(2.5e9, None, "EUR", None)]),
    ("Er zijn 3 miljoen mensen getroffen.", "nl", [(3e6, None, "Menschen", None)]),
    ("Les dégâts atteignent 2 milliards d'euros.", "fr", [(2e9, None, "EUR", None)]),
]


@pytest.mark.parametrize(("sentence", "language", "expected"), RANGES_AND_SHARES)
def test_ranges_shares_and_scales(sentence, language, expected):
    test_quantities(sentence, language, expected)


@pytest.mark.parametrize(
    ("sentence", "language", "clock"),
    [
        ("Le bâtiment a brûlé le 14 mars, du lundi 12 au mardi 13.", "fr", []),
        ("El edificio ardió el 14 de marzo.", "es", []),
        ("L'edificio è bruciato il 14 marzo alle 7,40.", "it", [7.4]),
        ("O prédio ardeu em 14 de março, às 7h40.", "pt", [7.4]),
        ("Budynek spłonął 14 marca o godzinie 7.40 rano.", "pl", [7.4]),
        ("Het gebouw brandde op 14 maart om 7:40 uur.", "nl", [7.4]),
        ("Bina 14 Mart'ta saat 07.40'ta yandı.", "tr", [7.4]),
        ("Здание сгорело 14 марта.", "ru", []),
        ("The building burned on March 14 at 7:40 a.m.", "en", [7.4]),
        ("Das Gebäude brannte am 14.03. um 7.40 Uhr, gemeldet am 14.03.2025.", "de", [7.4]),
        ("Les portes ouvrent à 19h30 et ferment à 23h.", "fr", [19.3]),
        ("Sur l'A-7, à la COP30 et au G20.", "fr", []),
    ],
)
def test_dates_clock_times_and_names_are_not_counts(sentence, language, clock):
    # A clock time to the minute is a fact of its own, the time of day (when something
    # happened); a time to the hour, a date or a name counts nothing.
    found = find_quantities(sentence, language)
    assert [q.value for q in found] == clock and all(q.unit == "Uhrzeit" for q in found)


@pytest.mark.parametrize(
    ("sentence", "language", "value", "unit", "approx", "vague"),
    [
        ("Miles de personas salieron a la calle.", "es", 2000, "Menschen", "miles", True),
        ("The fire burned 300 miles of forest.", "en", 300, "Meilen", None, False),
        ("Decine di migliaia di persone sono fuggite.", "it", 20000, "Menschen", "decine", True),
        ("Des dizaines de milliers de personnes ont fui.", "fr", 20000, "Menschen", "dizaines", True),
        ("Setki osób zostało ewakuowanych.", "pl", 200, "Evakuierte", "setki", True),
    ],
)
def test_vague_amounts_of_each_language(sentence, language, value, unit, approx, vague):
    (q,) = find_quantities(sentence, language)
    assert (q.value, q.unit, q.approx, q.vague) == (value, unit, approx, vague)


@pytest.mark.parametrize(
    "sentence, language",
    [
        ("In Marlingen hat ein Mann drei Menschen getötet und acht weitere verletzt.", "de"),
        ("In Marlingen hat ein Mann 3 Menschen getötet und 8 weitere verletzt.", "de"),
        ("A man killed three people in Marlingen and injured eight others.", "en"),
    ],
)
def test_more_of_the_people_counted_before_are_their_own_count(sentence, language):
    # "acht weitere": the people counted before; the verb of its own clause says what happened.
    found = [(q.value, q.unit) for q in find_quantities(sentence, language)]
    assert found == [(3.0, "Tote"), (8.0, "Verletzte")]


@pytest.mark.parametrize(
    ("sentence", "language", "unit"),
    [
        # Written for the test, in the forms disaster reports use.
        ("Rund 30.000 Menschen mussten sich in Sicherheit bringen.", "de", "Evakuierte"),
        ("Mandatory evacuations for more than 100,000 people remain in place.", "en", "Evakuierte"),
        ("Más de 5.000 personas fueron evacuadas de sus casas.", "es", "Evakuierte"),
        ("Volgens de politie zitten er nog zo'n 800 mensen vast op de snelweg.", "nl", "Eingeschlossene"),
        ("About 1,200 people were stranded on the roads overnight.", "en", "Eingeschlossene"),
        ("Rund 300 Menschen saßen in ihren Autos fest.", "de", "Eingeschlossene"),
        ("In den Autos saßen rund 300 Menschen fest.", "de", "Eingeschlossene"),
        # "fest" after an arrest holds people in another sense: they are counted as people.
        ("Die Polizei nahm zwölf Menschen fest.", "de", "Menschen"),
        # "vast" is Dutch only after its noun; here an English adjective, and the count is of the dead.
        ("Five people died in a vast fire near the port.", "en", "Tote"),
    ],
)
def test_people_brought_to_safety_or_held_are_counted_apart(sentence, language, unit):
    (found,) = find_quantities(sentence, language)
    assert found.unit == unit


@pytest.mark.parametrize(
    ("sentence", "language", "units"),
    [
        # Written for the test: birth years in the forms obituaries and profiles use.
        (
            "Né le 3 mai 1941 à Lyon, l'écrivain a publié son premier roman en 1968.",
            "fr",
            ["Geburtsjahr", "Jahr"],
        ),
        ("Born in Cork in 1952, she joined the party in 1979.", "en", ["Geburtsjahr", "Jahr"]),
        ("Die Schauspielerin wurde 1948 in Kassel geboren.", "de", ["Geburtsjahr"]),
        ("Sie wurde 1948 in Kassel geboren und 1990 zur Intendantin berufen.", "de", ["Geburtsjahr", "Jahr"]),
        ("Urodził się 2 lutego 1950 roku w Gdańsku.", "pl", ["Geburtsjahr"]),
        # An adjective of birth describes someone; the year is that of what they did.
        ("Der in Kassel geborene Regisseur drehte 1987 seinen ersten Film.", "de", ["Jahr"]),
    ],
)
def test_a_year_of_birth_is_a_fact_of_its_own(sentence, language, units):
    assert [q.unit for q in find_quantities(sentence, language)] == units


def test_different_times_of_one_story_are_two_facts_and_the_same_time_agrees():
    # Written for the test: the time of an event in three languages, and the later time
    # its announcement was made, which shares every word with it but is another fact.
    from conftest import report
    from lagebild.claims import story_claims
    from lagebild.compare import compare

    docs = [
        report("t1", "Der Damm in Marlingen brach um 7:35 Uhr, teilte die Feuerwehr mit.", "2025-03-10"),
        report(
            "t2", "The dam in Marlingen broke at 7:35 a.m., the fire service said.", "2025-03-10", "B", "en"
        ),
        report("t3", "Le barrage de Marlingen a cédé à 7h35, selon les pompiers.", "2025-03-10", "C", "fr"),
        report("t4", "Der Damm in Marlingen brach, teilte die Feuerwehr um 9:47 Uhr mit.", "2025-03-10", "D"),
    ]
    groups = [g for g in compare(story_claims(docs), {}).groups if g.unit == "Uhrzeit"]
    assert sorted((sorted(m.quantity.value for m in g.mentions), g.status) for g in groups) == [
        ([7.35, 7.35, 7.35], "corroborated"),
        ([9.47], "single_source"),
    ]


@pytest.mark.parametrize(
    ("sentence", "language", "unit"),
    [
        # Written for the test: lives a disaster took are its dead, in any language ...
        ("La riada de 1996 cobró 87 vidas.", "es", "Tote"),
        ("La crue a coûté la vie à 87 personnes.", "fr", "Tote"),
        ("Das Hochwasser forderte 87 Menschenleben.", "de", "Tote"),
        # ... lives someone saved are not.
        ("Firefighters saved 87 lives.", "en", None),
        ("Die Retter haben 87 Menschenleben gerettet.", "de", None),
    ],
)
def test_lives_lost_are_deaths_and_lives_saved_are_not(sentence, language, unit):
    (found,) = [q for q in find_quantities(sentence, language) if q.unit != "Jahr"]
    assert found.unit == unit


# A figure in the forms the web writes it, in each language the claims read, as data:
# (language, text, value, unit, vague). Vague amounts are kept vague, never a point value.
WEB_FORMS = [
    ("de", "Rund 2’000 Soldaten.", 2000, "Soldaten", False),
    ("fr", "Au moins 12\u202f000 soldats.", 12000, "Soldaten", False),
    ("de", "Etwa 10.000 Soldaten.", 10000, "Soldaten", False),
    ("en", "About 10,000 soldiers.", 10000, "Soldaten", False),
    ("de", "1,5 Mio. Euro", 1_500_000, "EUR", False),
    ("en", "1.5 million people", 1_500_000, "Menschen", False),
    ("es", "1,5 millones de personas", 1_500_000, "Menschen", False),
    ("it", "1,5 milioni di persone", 1_500_000, "Menschen", False),
    ("pl", "1,5 mln osób", 1_500_000, "Menschen", False),
    ("nl", "1,5 miljoen mensen", 1_500_000, "Menschen", False),
    ("pt", "1,5 milhão de pessoas", 1_500_000, "Menschen", False),
    ("de", "zehntausend Soldaten", 10000, "Soldaten", False),
    ("it", "diecimila soldati", 10000, "Soldaten", False),
    ("es", "diez mil soldados", 10000, "Soldaten", False),
    ("pl", "dziesięć tysięcy żołnierzy", 10000, "Soldaten", False),
    ("nl", "tienduizend soldaten", 10000, "Soldaten", False),
    ("pt", "dez mil soldados", 10000, "Soldaten", False),
    ("fr", "quatre-vingt-douze morts", 92, "Tote", False),
    ("en", "dozens of soldiers", None, "Soldaten", True),
    ("de", "Tausende Soldaten", None, "Soldaten", True),
    ("es", "cientos de soldados", None, "Soldaten", True),
    ("it", "migliaia di persone", None, "Menschen", True),
    ("pl", "tysiące żołnierzy", None, "Soldaten", True),
    ("nl", "duizenden mensen", None, "Menschen", True),
    ("pt", "milhares de pessoas", None, "Menschen", True),
    ("en", "several hundred soldiers", None, "Soldaten", True),
    ("de", "mehrere tausend Soldaten", None, "Soldaten", True),
]


@pytest.mark.parametrize(("language", "text", "value", "unit", "vague"), WEB_FORMS)
def test_figures_in_the_forms_the_web_writes(language, text, value, unit, vague):
    (q,) = find_quantities(text, language)
    assert (q.unit, q.vague) == (unit, vague)
    if value is not None:
        assert q.value == value
    else:
        assert q.interval()[1] == float("inf")  # a vague amount is a lower bound at most


# Arabic writes its prepositions onto the word ("بمقتل") and "at least" after the noun.
@pytest.mark.parametrize(
    ("text", "unit", "approx"),
    [
        ("أدت الفيضانات إلى مقتل 40 شخصا على الأقل.", "Tote", "على الأقل"),
        ("تسببت العاصفة بمقتل 12 شخصا.", "Tote", None),
        ("أصيب 30 شخصا بجروح.", "Verletzte", None),
        ("تم إجلاء أكثر من 1500 شخص.", "Evakuierte", "أكثر من"),
        ("ما زال 7 أشخاص مفقودين.", "Vermisste", None),
    ],
)
def test_counts_of_people_in_arabic(text, unit, approx):
    (q,) = find_quantities(text, "ar")
    assert (q.unit, q.approx) == (unit, approx)
    assert q.interval()[1] == float("inf") if approx else q.interval()[0] == q.value


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Bei dem Unfall wurden drei Menschen getötet und acht verletzt.", "de"),
        ("Three people were killed and eight injured.", "en"),
        ("Trois personnes ont été tuées et huit blessées.", "fr"),
    ],
)
def test_a_count_in_words_after_and_is_a_count_of_its_own(sentence, language):
    assert [(q.value, q.unit) for q in find_quantities(sentence, language)] == [(3, "Tote"), (8, "Verletzte")]
    # A count of something else inside the clause does not end it.
    (dead, _) = find_quantities("Fünf Menschen sind bei sechs Bränden ums Leben gekommen.", "de")
    assert dead.unit == "Tote"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Written for the test in the forms reports use: the unit of the second count is
        # the one the sentence just gave.
        (
            "The toll rose to 30, including 18 lives lost in the north and another seven in the valley.",
            "en",
            [(30, None), (18, "Tote"), (7, "Tote")],
        ),
        ("Im Norden starben 18 Menschen, sieben kamen im Tal ums Leben.", "de", [(18, "Tote"), (7, "Tote")]),
        ("Von den 25 Todesopfern wurden sieben im Tal gefunden.", "de", [(25, "Tote"), (7, "Tote")]),
        ("Al menos 90 muertos, 30 de ellos en el valle.", "es", [(90, "Tote"), (30, "Tote")]),
        # No count of people before: a number word alone counts nothing.
        ("Three said they would come back.", "en", []),
        ("Zwei Brände wüten noch, drei sind gelöscht.", "de", [(2, "Brände")]),
        # A verb of its own makes the second count one of something else.
        ("Zwei Menschen starben und Hunderte wurden vertrieben.", "de", [(2, "Tote"), (200, None)]),
        (
            "Ce jour-là, 12 personnes étaient mortes et 40 avaient été blessées.",
            "fr",
            [(12, "Tote"), (40, None)],
        ),
    ],
)
def test_a_count_takes_the_unit_the_sentence_just_gave(text, language, expected):
    assert [(q.value, q.unit) for q in find_quantities(text, language)] == expected


@pytest.mark.parametrize(
    ("language", "sentence", "value"),
    [
        ("it", "Circa 3.000 sfollati hanno passato la notte nelle palestre.", 3000),
        ("en", "About 1,600 evacuees were taken to shelters.", 1600),
        ("fr", "Quelque 2 000 évacués attendent de rentrer chez eux.", 2000),
        ("es", "Hay 500 desplazados en los albergues.", 500),
        ("de", "Rund 4.000 Vertriebene leben in Notunterkünften.", 4000),
    ],
)
def test_people_who_had_to_leave_named_by_a_noun_are_evacuees(language, sentence, value):
    (q,) = find_quantities(sentence, language)
    assert (q.value, q.unit) == (value, "Evakuierte")


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # a verb right before a count, and a count after "and" with its own verb
        ("en", "The explosion killed 9 and injured 31, the agency said.", [(9, "Tote"), (31, "Verletzte")]),
        ("en", "The explosion killed 9 people and injured 31.", [(9, "Tote"), (31, "Verletzte")]),
        ("de", "Bei dem Unfall starben 4 Menschen, 17 wurden verletzt.", [(4, "Tote"), (17, "Verletzte")]),
        # driven from their homes
        ("en", "Some 6,000 people were displaced by the floods.", [(6000, "Evakuierte")]),
        ("fr", "Près de 6 000 personnes ont dû quitter leur domicile.", [(6000, "Evakuierte")]),
        ("es", "Unas 6.000 personas tuvieron que abandonar sus hogares.", [(6000, "Evakuierte")]),
        # a count named before its figure, and an earlier figure after the later one
        ("de", "Die Zahl der Vermissten liegt nun bei 57.", [(57, "Vermisste")]),
        ("en", "The number of injured stands at 57.", [(57, "Verletzte")]),
        ("en", "The death toll has risen to 57, up from 44 on Monday.", [(57, "Tote"), (44, "Tote")]),
    ],
)
def test_what_happened_to_a_count_is_read_from_its_own_verb(language, sentence, expected):
    assert [(q.value, q.unit) for q in find_quantities(sentence, language)] == expected


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Ein Erdbeben der Stärke 6,8 erschütterte die Küste."),
        ("en", "A magnitude 6.8 earthquake struck the coast."),
        ("en", "The 6.8-magnitude quake struck at night."),
        ("fr", "Un séisme de magnitude 6,8 a frappé la côte."),
        ("es", "Un terremoto de magnitud 6,8 sacudió la costa."),
        ("it", "Un sisma di magnitudo 6.8 ha colpito la costa."),
        ("pl", "Trzęsienie ziemi o sile 6,8 nawiedziło wybrzeże."),
        ("tr", "6,8 büyüklüğündeki deprem kıyıyı vurdu."),
    ],
)
def test_an_earthquake_s_magnitude_is_a_measure_of_its_own(language, sentence):
    (q,) = find_quantities(sentence, language)
    assert (q.value, q.unit) == (6.8, "Magnitude")


def test_strength_is_a_magnitude_only_where_an_earthquake_is():
    (q,) = find_quantities("Die Truppe hat eine Stärke von 5 Bataillonen.", "de")
    assert q.unit is None


@pytest.mark.parametrize(
    ("language", "sentence", "unit"),
    [
        ("it", "Secondo la prefettura, i morti sono 17.", "Tote"),
        ("fr", "Les blessés sont 17, selon les secours.", "Verletzte"),
        ("fr", "Dix-sept personnes ont péri dans l'incendie.", "Tote"),
        ("en", "Seventeen people perished in the fire.", "Tote"),
    ],
)
def test_the_counted_named_before_a_copula_and_those_who_perished(language, sentence, unit):
    (q,) = find_quantities(sentence, language)
    assert (q.value, q.unit) == (17, unit)
