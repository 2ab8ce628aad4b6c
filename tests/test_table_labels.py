"""The numbers table's labels: each row names what is counted, of what or whose, in German;
a fact whose label would say no more than its unit stays out of the table (not out of the
JSON). Sentences written for the tests, in the forms real reports use; the places and
people are invented."""

from __future__ import annotations

from conftest import report
from lagebild.compare import compare
from lagebild.facts import place_key
from lagebild.render.claims import claims_markdown, table_rows
from lagebild.render.table import table_facts


def labels(docs, duplicate_of=None) -> dict[float, tuple[str, bool]]:
    """Each figure's fact label and whether it names what is counted."""
    result = compare(
        __import__("lagebild.claims", fromlist=["story_claims"]).story_claims(docs), duplicate_of or {}
    )
    return {m.quantity.value: (g.what, g.named) for g in result.groups for m in g.mentions}


def test_a_part_of_a_toll_is_named_by_the_town_its_figures_stand_nearest_to():
    docs = [
        report(
            "a",
            "The town of Marenza has reported the most flood deaths in the province, "
            "with 36 victims confirmed so far out of the current total of 70.",
            "2025-03-10",
            "A",
            language="en",
        ),
        report(
            "b",
            "Las autoridades de Marenza han confirmado 40 de los 95 fallecidos del país.",
            "2025-03-12",
            "B",
            language="es",
        ),
        # The story's other reports name no town: Marenza is a part of it, not its setting.
        *[
            report(f"t{n}", f"Die Zahl der Todesopfer der Flut stieg auf {n + 96}.", "2025-03-13", f"T{n}")
            for n in range(4)
        ],
    ]
    found = labels(docs)
    assert found[36] == ("Todesopfer (Marenza)", True)
    assert found[40][0] == "Todesopfer (Marenza)"


def test_a_part_no_name_tells_stays_out_of_the_table_but_not_out_of_the_groups():
    from lagebild.claims import story_claims

    docs = [
        report(
            "a",
            "Selon les secours, au moins 92 personnes sont mortes dans la province et trois autres "
            "dans les provinces voisines.",
            "2025-03-10",
            "A",
            language="fr",
        ),
    ]
    result = compare(story_claims(docs), {})
    three = [g for g in result.groups if any(m.quantity.value == 3 for m in g.mentions)]
    assert three and three[0].what == "Todesopfer (Teilzahl)" and not three[0].named
    shown = {e["value"] for row in table_rows(result) for e in row["entries"]}
    assert 3 not in shown
    assert three[0].as_dict()["named"] is False  # the JSON keeps it, and says why it is not shown


def test_a_party_s_members_are_named_by_the_party_and_a_name_between_counts_is_the_first_s():
    docs = [
        report(
            "a",
            "In all, 171 lawmakers voted for the motion. The vote came with 21 lawmakers of the ruling "
            "Civic Renewal Party and 150 lawmakers of the opposition in favour.",
            "2025-03-10",
            "A",
            language="en",
        ),
    ]
    found = labels(docs)
    assert found[21] == ("Abgeordnete (Civic Renewal Party)", True)
    assert "Civic" not in found[150][0]  # the name before it is the count before's


def test_an_age_is_named_by_the_person_beside_it_and_not_by_a_name_far_away():
    docs = [
        report(
            "a",
            "Cardinal Ortelli, aged 71, was elected on the fourth ballot.",
            "2025-03-10",
            "A",
            language="en",
        ),
        report(
            "b",
            "President Anna Kerbel welcomed guests from many countries to the reopening of the "
            "restored and now 860-year-old building.",
            "2025-03-10",
            "B",
            language="en",
        ),
    ]
    found = labels(docs)
    assert found[71] == ("Alter in Jahren (Cardinal Ortelli)", True)
    assert found[860][1] is False


def test_a_time_of_day_is_named_by_the_event_most_of_its_reports_date():
    docs = [
        report("a", "Der Altbischof ist um 7.35 Uhr gestorben, teilte das Bistum mit.", "2025-03-10", "A"),
        report("b", "Il vescovo è morto alle 7:35 nella sua residenza.", "2025-03-10", "B", language="it"),
        # The same time in words that name no death, as a quotation gives it
        report(
            "c",
            "At 7:35 this morning the bishop returned to his Lord, the diocese said.",
            "2025-03-10",
            "C",
            language="en",
        ),
        report("d", "Le diocèse a annoncé la nouvelle à 9h47.", "2025-03-10", "D", language="fr"),
        report("e", "L'incendie a pris vers 18h50 dans les combles.", "2025-03-10", "E", language="fr"),
        report(
            "f",
            "Gegen 21:40 Uhr griff ein Mann beim Stadtfest mehrere Menschen an; der Angriff dauerte Minuten.",
            "2025-03-10",
            "F",
        ),
        report("g", "Ein bislang unbekannter Mann fuhr um 14:05 Uhr davon.", "2025-03-10", "G"),
    ]
    found = labels(docs)
    assert found[7.35] == ("Uhrzeit des Todes", True)
    assert found[9.47] == ("Uhrzeit der Bekanntgabe", True)
    assert found[18.5] == ("Uhrzeit des Beginns", True)
    assert found[21.4] == ("Uhrzeit des Angriffs", True)
    # "unbekannter" is no announcement: a time no words name is left out of the table
    assert found[14.05] == ("Uhrzeit", False)


def test_amounts_of_money_lengths_and_areas_are_named_by_what_they_measure():
    docs = [
        report(
            "a",
            "The restoration is estimated to cost €700 million, the ministry said.",
            "2025-03-10",
            "A",
            language="en",
        ),
        report(
            "b", "Le village se trouve à 70 kilomètres au sud de Lorvane.", "2025-03-10", "B", language="fr"
        ),
        report(
            "c", "The two fires have burned about 56 square miles so far.", "2025-03-10", "C", language="en"
        ),
        report("d", "Das Beben ereignete sich in zehn Kilometern Tiefe.", "2025-03-10", "D"),
        report("e", "The bridge is 93 metres, the engineers said.", "2025-03-10", "E", language="en"),
    ]
    found = labels(docs)
    assert found[700_000_000] == ("Kosten in EUR", True)
    assert found[70] == ("Entfernung in Kilometern", True)
    assert found[56] == ("Verbrannte Fläche in Quadratmeilen", True)
    assert found[10] == ("Tiefe in Kilometern", True)
    assert found[93] == ("Meter", False)


def test_a_count_in_brackets_after_a_name_is_that_name_s():
    docs = [
        report(
            "a",
            "Six semaines après la tempête Kiara (23 morts), la région subit de nouvelles inondations.",
            "2025-03-10",
            "A",
            language="fr",
        ),
    ]
    # ... and of an event before the story's when the sentence says it came after it
    assert labels(docs)[23] == ("Todesopfer (Kiara), früheres Ereignis", True)
    docs = [report("b", "Der Sturm Kiara (23 Tote) zieht weiter nach Osten.", "2025-03-10", "B")]
    assert labels(docs)[23] == ("Todesopfer (Sturm Kiara)", True)


def test_a_term_its_acronym_spells_is_no_place_of_a_count():
    docs = [
        report(
            "a",
            "La Borrasca Fría en Capas Altas (BFCA) ha dejado un saldo provisional de 63 víctimas fatales.",
            "2025-03-10",
            "A",
            language="es",
        ),
    ]
    assert labels(docs)[63] == ("Todesopfer", True)


def test_a_place_is_shown_in_the_spelling_most_reports_give():
    docs = [
        report("a", "W samej Walencji zginęło 216 osób, podała policja.", "2025-03-10", "A", language="pl"),
        *[
            report(
                f"v{n}",
                f"Las lluvias en Valencia dejaron {n + 2} heridos.",
                "2025-03-10",
                f"V{n}",
                language="es",
            )
            for n in range(3)
        ],
    ]
    assert labels(docs)[216][0] == "Todesopfer (Valencia)"


def test_a_country_of_several_words_is_that_name_whole_not_its_opening_letters():
    # "São Pedro e Miquelão" (Saint Pierre and Miquelon) opened "São Pedro" of a square.
    assert not place_key("São Pedro").startswith("@")
    assert not place_key("Costa Brava").startswith("@")
    assert place_key("South Korea's") == place_key("Südkorea") == "@KR"
    assert place_key("Czech Republic") == place_key("Tschechien")


def test_a_table_with_no_named_fact_says_so_instead_of_an_empty_table():
    from lagebild.claims import story_claims

    docs = [report("a", "The bridge is 93 metres long and 40 metres high.", "2025-03-10", "A", language="en")]
    result = compare(story_claims(docs), {})
    assert not table_facts([g.as_dict() for g in result.groups if not g.named])
    text = claims_markdown(
        "Brücke", compare(story_claims([report("b", "Sie maß 12 Meter.", "2025-03-10")]), {})
    )
    assert "| Was |" not in text and "--format json" in text


def test_a_story_across_countries_counts_in_each_and_one_country_s_toll_is_one_row_in_every_language():
    docs = [
        report("a", "In Rumänien kamen bis Samstag mindestens vier Menschen ums Leben.", "2025-09-14", "A"),
        report("b", "En Roumanie, le bilan est monté à six morts.", "2025-09-15", "B", language="fr"),
        report(
            "c", "In Polen werden drei Menschen vermisst, in Rumänien ist die Lage ernst.", "2025-09-15", "C"
        ),
        report("d", "Le fleuve a débordé en Pologne et en Roumanie.", "2025-09-15", "D", language="fr"),
        report(
            "e",
            "The storm killed at least 18 people across Romania and Poland.",
            "2025-09-16",
            "E",
            language="en",
        ),
    ]
    found = labels(docs)
    assert found[4][0] == found[6][0] == "Todesopfer (Rumänien)"
    assert found[18][0] == "Todesopfer"  # the whole storm's toll is no country's


def test_a_count_in_the_country_of_the_story_s_city_is_the_story_s_not_a_narrower_one():
    docs = [
        *[
            report(f"v{n}", f"In Valencia stieg die Zahl der Todesopfer auf {n + 90}.", "2025-10-31", f"V{n}")
            for n in range(3)
        ],
        report(
            "e", "Inondations en Espagne : le nombre de morts atteint 95.", "2025-10-31", "E", language="fr"
        ),
    ]
    assert labels(docs)[95][0] == "Todesopfer"


def test_a_count_in_one_place_of_a_kind_is_a_part_of_its_town_s_toll():
    docs = [
        report(
            "a",
            "Five residents died in an unnamed nursing home, the town said.",
            "2025-10-31",
            "A",
            language="en",
        ),
        report("b", "In einem Pflegeheim starben zwei Bewohner.", "2025-10-31", "B"),
    ]
    found = labels(docs)
    assert found[5] == ("Todesopfer (Teilzahl)", False)
    assert found[2] == ("Todesopfer (Teilzahl)", False)


def test_the_table_shows_one_row_per_label():
    rows = [
        {"what": "Todesopfer (Marenza)", "unit": "Tote", "named": True, "id": 1},
        {"what": "Todesopfer (Marenza)", "unit": "Tote", "named": True, "id": 2},
        {"what": "Verletzte", "unit": "Verletzte", "named": True, "id": 3},
    ]
    assert [g["id"] for g in table_facts(rows)] == [1, 3]


def test_a_place_after_the_word_that_opens_a_sentence_is_a_claim_s_place():
    from lagebild.claims import entities

    sentence = "In Rumänien kamen vier Menschen ums Leben."
    assert "Rumänien" in entities(sentence, after_opening=True)
    # A lone word that opens a sentence may be any word, with or without the flag.
    assert "Rumänien" not in entities("Rumänien meldete vier Tote.", after_opening=True)


def test_a_count_is_of_the_place_nearest_it_and_of_the_places_given_with_that_one():
    docs = [
        report(
            "a",
            "In Polen gab es einen Toten, während in Tschechien vier Menschen vermisst werden.",
            "2025-09-15",
            "A",
        ),
        report("b", "In Polen und in Tschechien werden 20 Menschen vermisst.", "2025-09-15", "B"),
        report("c", "Die Flut traf auch Österreich.", "2025-09-15", "C"),
    ]
    found = labels(docs)
    assert found[4][0] == "Vermisste (Tschechien)"
    assert found[20][0] == "Vermisste (Polen, Tschechien)"


def test_members_voting_for_a_motion_are_named_so_and_the_body_s_size_is_not():
    docs = [
        report(
            "a",
            "289 der derzeit 570 Abgeordneten hatten am Abend für den Misstrauensantrag gestimmt.",
            "2025-12-04",
            "A",
        ),
        report(
            "b",
            "In all, 289 of the 570 members voted in favour of the motion.",
            "2025-12-04",
            "B",
            language="en",
        ),
    ]
    found = labels(docs)
    assert found[289] == ("Abgeordnete dafür", True)
    assert found[570][0] == "Abgeordnete insgesamt"  # the size of the body


def test_names_open_on_any_latin_capital_and_run_over_de_and_of():
    from lagebild.claims import entities

    assert entities("El martes, en el Condado de Los Ángeles, ardían dos incendios.") == [
        "Condado de Los Ángeles"
    ]
    assert "Łodzi" in entities("W Łodzi padało przez trzy dni.")
    # A place spelt with or without its accents is one place: "Los Ángeles" is the setting.
    assert place_key("Los Ángeles") == place_key("Los Angeles")


def test_one_origin_s_figure_given_once_with_its_place_is_that_place_s_in_every_report():
    docs = [
        report(
            "a",
            "Mit bis zu 225 Kilometern pro Stunde traf der Sturm auf Land, wie das Wetteramt mitteilte.",
            "2025-09-27",
            "A",
        ),
        report(
            "b",
            "Mit Windgeschwindigkeiten von bis zu 225 Kilometern pro Stunde traf der Sturm in der "
            "Region Marbella auf Land, wie das Wetteramt mitteilte.",
            "2025-09-27",
            "B",
        ),
    ]
    result = compare(__import__("lagebild.claims", fromlist=["story_claims"]).story_claims(docs), {})
    (wind,) = [g for g in result.groups if g.unit == "km/h"]
    assert len(wind.mentions) == 2 and "Marbella" in wind.what


def test_people_of_whom_no_state_is_said_are_not_a_row():
    docs = [report("a", "In den Waldbränden sind rund 200.000 Menschen betroffen.", "2025-01-10", "A")]
    found = labels(docs)
    assert found[200_000][1] is False


def test_a_distance_given_as_kilometres_from_a_place_is_one():
    docs = [
        report(
            "a",
            "Las lluvias arrasaron localidades como Benetússer, a 10 kilómetros de la capital.",
            "2025-10-30",
            "A",
            language="es",
        )
    ]
    assert labels(docs)[10][0].startswith("Entfernung in Kilometern")


def test_amounts_one_concept_names_are_one_fact_in_any_language_when_they_differ_by_rounding():
    from lagebild.claims import story_claims

    docs = [
        report(
            "a", "Die Spenden für den Wiederaufbau beliefen sich auf 846 Millionen Euro.", "2025-12-07", "A"
        ),
        report("b", "Donations for the rebuilding reached €850 million.", "2025-12-07", "B", language="en"),
        # another sum of the same kind, far from those: another fact
        report(
            "c",
            "Les dons des entreprises ont atteint 200 millions d'euros.",
            "2025-12-07",
            "C",
            language="fr",
        ),
    ]
    groups = [g for g in compare(story_claims(docs), {}).groups if g.unit == "EUR"]
    by_size = sorted(([m.quantity.value for m in g.mentions], g.what) for g in groups)
    assert by_size == [([200e6], "Spenden in EUR"), ([846e6, 850e6], "Spenden in EUR")]


def test_a_country_s_official_name_in_any_language_is_that_country():
    for name in (
        "République tchèque",
        "Repubblica Ceca",
        "República Checa",
        "Czech Republic",
        "Republika Czeska",
    ):
        assert place_key(name) == place_key("Tschechien") == "@CZ", name


def test_what_killed_people_is_no_place_they_were_counted_in():
    docs = [
        report(
            "a",
            "At least seven people have been killed by Storm Kiara across the region.",
            "2025-09-15",
            "A",
            language="en",
        ),
        report("b", "Der Sturm hat mindestens sieben Menschen das Leben gekostet.", "2025-09-15", "B"),
    ]
    assert labels(docs)[7][0] == "Todesopfer"


def test_a_name_after_to_and_a_verb_is_a_purpose_not_a_place():
    docs = [
        report(
            "a",
            "The crowd applauded the 160 firefighters who had risked their lives to save Santa Lucia.",
            "2025-12-08",
            "A",
            language="en",
        ),
        report("b", "Die Flammen erreichten auch Teile der Altstadt.", "2025-12-08", "B"),
    ]
    assert labels(docs)[160][0] == "Einsatzkräfte"


def test_a_quake_and_its_aftershock_are_two_facts_and_agencies_differ_by_a_little():
    from lagebild.claims import story_claims

    docs = [
        report("a", "Ein Erdbeben der Stärke 7,1 erschütterte die Küste.", "2025-03-28", "A"),
        report("b", "Kurz darauf folgte ein Nachbeben der Stärke 5,9.", "2025-03-28", "B"),
        report(
            "c",
            "A magnitude 7.3 earthquake struck the coast, the agency said.",
            "2025-03-28",
            "C",
            language="en",
        ),
    ]
    groups = [g for g in compare(story_claims(docs), {}).groups if g.unit == "Magnitude"]
    assert sorted(sorted(m.quantity.value for m in g.mentions) for g in groups) == [[5.9], [7.1, 7.3]]
    assert all(g.what == "Erdbebenstärke" and g.named for g in groups)


def test_children_or_countries_alone_say_not_which_and_are_no_row():
    docs = [
        report("a", "Sono almeno 92 i morti, tra cui 4 bambini.", "2025-10-31", "A", language="it"),
        report(
            "b", "Donors from 150 countries gave money for the rebuilding.", "2025-10-31", "B", language="en"
        ),
    ]
    found = labels(docs)
    assert found[4][1] is False and found[150][1] is False


def test_a_round_amount_beside_a_precise_one_it_rounds_is_no_contradiction():
    from lagebild.claims import story_claims

    def status(first: str, second: str) -> str:
        docs = [
            report("a", f"Die Spenden beliefen sich auf {first} Millionen Euro.", "2025-12-07", "A"),
            report("b", f"Donations reached €{second} million.", "2025-12-07", "B", language="en"),
        ]
        (g,) = [g for g in compare(story_claims(docs), {}).groups if g.unit == "EUR"]
        return g.status

    assert status("840", "846") != "contradicted"
    assert status("852", "846") == "contradicted"  # two precise figures that differ
