"""Claims and their comparison on sentences written for the tests in the devset's forms."""

from __future__ import annotations

import pytest

from conftest import report
from lagebild.claims import attribution, document_claims, reportative, story_claims
from lagebild.compare import agree, compare
from lagebild.labels import german_place
from lagebild.model import Document
from lagebild.numbers import find_quantities
from lagebild.origins import canonical_origins, normalise_origin, same_origin

# (sentence, expected origin, expected cue)
ATTRIBUTIONS = [
    ("Laut dem südkoreanischen Geheimdienst NIS sind rund 10.000 Soldaten in Russland.", "NIS", "laut"),
    ("Dem Pentagon zufolge sind 11.000 bis 12.000 Soldaten in Kursk.", "Pentagon", "zufolge"),
    (
        "Nach Angaben des ukrainischen Militärgeheimdienstes HUR sollen 3.000 Soldaten gefallen sein.",
        "HUR",
        "nach Angaben",
    ),
    ("Wie die Nachrichtenagentur Yonhap berichtete, seien die Soldaten verlegt worden.", "Yonhap", None),
    (
        "Mehr als 3.000 Nordkoreaner seien getötet oder verwundet worden, sagte Selenskyj am Montag.",
        "Selenskyj",
        "sagte",
    ),
    ("According to Cal Fire, flames have reached more than 5,300 buildings.", "CalFire", "according to"),
    ("Officials said more than 150,000 people were under evacuation orders.", "Behörden", "said"),
    (
        "Pentagon-Sprecherin Sabrina Singh sagte, etwa 10.000 Soldaten seien in Russland.",
        "Sabrina Singh",
        "sagte",
    ),
    ("Laut einem Bericht der Associated Press standen mehrere Viertel in Flammen.", "AP", "laut"),
    ("Über 12.000 Häuser brannten ab, so die Feuerwehr.", "Feuerwehr", "sagte"),
    ("Rund 100 Soldaten sollen gefallen sein.", None, None),
    (
        "Mindestens 24 Menschen starben, so das County of Los Angeles Department of Medical Examiner.",
        "Medical Examiner",
        "sagte",
    ),
    ("According to the Ministry of Defence, 300 soldiers died.", "Verteidigungsministerium", "according to"),
    ("Zusätzlich beschreibt Wikipedia die Kämpfe im Gebiet Kursk.", "Wikipedia", "sagte"),
    ("Die Agentur Yonhap meldete am Abend Proteste vor dem Parlament.", "Yonhap", "sagte"),  # not "Abend"
    ("Medienberichten zufolge gab es fünf Tote.", None, None),  # no one named
    # Speech in the perfect tenses; a role word of another language before the name.
    ("President Ana Lopes had said earlier that 2,000 troops were ready.", "Ana Lopes", "said"),
    # "has reported the most deaths" is what a place recorded; an article in capitals is no acronym.
    ("THE town of Marlingen has reported the most deaths, with 36 so far.", None, None),
    # A tally is its maker's; a place after it is what was counted.
    (
        "Le dernier bilan des services de secours, mardi soir, fait état de 12 morts à Marlingen.",
        "Rettungsdienste",
        "Bilanz",
    ),
    ("El balance de Protección Civil, el martes, es de 12 muertos.", "Zivilschutz", "Bilanz"),
    ("Le bilan de Valence, 95 morts, est le plus lourd depuis 1973.", None, None),
    ("È salito a 12 morti il bilancio dell'alluvione che colpisce la Marlinga, dice la radio.", None, None),
    # A day between an inverted verb and its subject; an adjective opening the subject where
    # there are no articles; never the subject of the reported clause.
    ("Zginęło 12 osób – poinformowało w czwartek polskie Centrum Kryzysowe (CK).", "CK", "sagte"),
    ("Le bilan est de 12 morts, a annoncé mardi le Vatican.", "Vatikan", "sagte"),
    ("O hospital informou que Maria Silva morreu.", None, None),
    # What is told of is no one who tells; an unnamed spokesperson speaks for the body.
    ("Der Gutachter, Professor in Marlingen, berichtete dort über den Stand der Arbeiten.", None, None),
    ("Nach Angaben eines Polizeisprechers brach ein weiteres Stück ab.", "Polizei", "nach Angaben"),
    # The object before an inverted verb and a fear are no one; a rank is no part of a name.
    ("Die Verluste bezifferte er auf mehr als 600 Tote.", None, None),
    ("Das wäre eine Gelegenheit für die Armee, so die Befürchtung in Kiew.", None, None),
    ("At least 10,000 are now there, spokesman Maj. Gen. Pat Ryder said.", "Pat Ryder", "said"),
    # A German genitive is the body in the nominative.
    ("Nach Erwartung des Geheimdienstes sollen es 10.000 werden.", "Geheimdienst", "nach Angaben"),
    ("Nach Angaben des Krankenhauses starben 12 Menschen.", "Krankenhaus", "nach Angaben"),
    # A spokesperson of a body speaks for it; a figure or a time is never who speaks.
    ("Vier Menschen starben, sagte ein Sprecher des Innenministeriums.", "Innenministerium", "sagte"),
    ("Four people died, a spokesman for the Interior Ministry said.", "Innenministerium", "said"),
    ("Der Gouverneur hatte zunächst mindestens 14 Tornados bestätigt.", None, None),
    ("Er wird um 10.00 Uhr im Rathaus erwartet, wie das Präsidialamt mitteilte.", "Präsidialamt", None),
    ("Polen und Österreich meldeten die höchste Zahl an Todesopfern.", None, None),
    ("Lokale Medien berichteten, dass der Pegel 9 m überschritten habe.", None, None),
    # A function word or a pronoun with its verb that opens a sentence is no one.
    ("That said, the DEA says that the border remains the main route.", "DEA", "said"),
    ("Other estimates are in the same range, we've said.", None, None),
    ("Laut UN sind 40 Menschen geflohen.", "UN", "laut"),  # an acronym that spells a function word
]


@pytest.mark.parametrize(("sentence", "origin", "cue"), ATTRIBUTIONS)
def test_attribution(sentence, origin, cue):
    got_origin, got_cue = attribution(sentence)
    assert got_origin == origin
    if cue:
        assert got_cue == cue


@pytest.mark.parametrize(
    ("sentence", "marker"),
    [
        ("Rund 100 Soldaten sollen gefallen sein.", "sollen"),
        ("Die Truppen seien bereits in Kursk.", "Konjunktiv I"),
        ("Die Zahl ist mutmaßlich höher.", "mutmaßlich"),
        ("Die Brücke ist gesperrt.", None),
    ],
)
def test_reportative(sentence, marker):
    assert reportative(sentence, "de") == marker


def test_aliases_across_languages_and_transliterations():
    assert normalise_origin("der südkoreanische Geheimdienst NIS") == "NIS"
    assert normalise_origin("South Korea's spy agency") == "NIS"
    assert normalise_origin("das US-Verteidigungsministerium") == "Pentagon"
    for a, b in [
        ("Selenskyj", "Zelensky"),
        ("Zelenskyy", "Selenskyj"),
        ("Umerov", "Umjerow"),
        ("Umierov", "Umerov"),
    ]:
        assert same_origin(a, b), (a, b)
    assert not same_origin("Selenskyj", "Putin")
    canon = canonical_origins(["Selenskyj", "Selenskyj", "Zelensky", "Zelenskyy", "Putin"])
    assert canon["Zelensky"] == canon["Zelenskyy"] == "Selenskyj" and canon["Putin"] == "Putin"
    # A person is shown by the full name a story gives, whichever word of it a report uses.
    canon = canonical_origins(["Berg", "Berg", "Anna Berg", "Kim", "Kim Sun-ho", "NIS", "Polizei"])
    assert canon["Berg"] == "Anna Berg" and canon["Kim"] == "Kim Sun-ho" and canon["NIS"] == "NIS"
    assert canonical_origins(["Seoul", "Seouls"])["Seouls"] == "Seoul"  # "nach Einschätzung Seouls"
    canon = canonical_origins(["Kim", "Kim Sun Ho", "Kim Sun-ho"])  # one name, spelled two ways
    assert canon["Kim"] == canon["Kim Sun-ho"] == "Kim Sun Ho"


def doc(doc_id: str, text: str, published: str, source: str = "Testblatt") -> Document:
    return report(doc_id, text, published, source)


def origins_by_value(d: Document) -> dict:
    """Each figure of a document's claims with the origin its claim gives it."""
    return {q.value: c.attributed_to for c in document_claims(d) for q in c.quantities}


def test_document_claims_carry_numbers_origins_and_hedges():
    d = doc(
        "a",
        "Laut NIS sind rund 10.000 Soldaten in Russland. Das Wetter war kalt. "
        "Rund 100 Soldaten sollen gefallen sein.",
        "2024-11-01",
    )
    claims = document_claims(d)
    assert [c.sentence_index for c in claims] == [0, 2]
    first, second = claims
    assert (first.attributed_to, first.cue, first.hedged) == ("NIS", "laut", True)
    assert first.quantities[0].unit == "Soldaten" and first.quantities[0].approx == "rund"
    assert second.hedged and second.cue == "sollen" and second.attributed_to == "NIS"  # from the document


def test_compare_corroborated_contradicted_single():
    docs = [
        doc("a", "Laut NIS sind rund 10.000 nordkoreanische Soldaten in Russland.", "2024-11-01", "A"),
        doc(
            "b",
            "Der Geheimdienst NIS schätzt, dass etwa 10.000 nordkoreanische Soldaten in Russland sind.",
            "2024-11-01",
            "B",
        ),
        doc(
            "c",
            "Das Pentagon spricht von 11.000 bis 12.000 nordkoreanischen Soldaten in Russland.",
            "2024-11-02",
            "C",
        ),
        doc(
            "d", "Rund 100 Soldaten sollen gefallen sein, 1.000 Soldaten seien verwundet.", "2024-12-19", "D"
        ),
    ]
    result = compare(story_claims(docs), {})
    troops = next(g for g in result.groups if {"a#0", "b#0", "c#0"} <= set(g.claim_ids))
    assert troops.status == "contradicted" and troops.independent_sources == 3
    assert result.groups[0] is troops  # most sources first
    same = compare(story_claims(docs[:2]), {})
    assert same.groups[0].status == "corroborated"
    copies = compare(story_claims(docs[:2]), {"b": "a"})
    assert copies.groups[0].status == "single_source" and copies.groups[0].independent_sources == 1


def test_intervals():
    q = lambda s: find_quantities(s, "de")[0]  # noqa: E731
    assert agree(q("mindestens 5 Tote"), q("10 Tote"))
    assert not agree(q("100 Tote"), q("1.000 Tote"))
    assert agree(q("rund 10.000 Soldaten"), q("10.500 Soldaten"))
    assert not agree(q("rund 10.000 Soldaten"), q("11.000 bis 12.000 Soldaten"))
    assert agree(q("bis zu 500 Gebäude"), q("300 Gebäude"))


def test_origin_taken_from_the_document_when_the_sentence_names_none():
    d = doc(
        "k",
        "Seoul (dpa) - Das Parlament hob das Dekret auf. Es stimmten 190 Abgeordnete dafür. "
        "Laut Polizei wurden 20 Menschen getötet. Am Abend waren es 25 Tote.",
        "2024-12-03",
    )
    by_sentence = {c.sentence_index: c for c in document_claims(d)}
    assert by_sentence[1].attributed_to == "dpa" and by_sentence[1].cue == "Kontext"
    assert by_sentence[3].attributed_to == "Polizei"  # the document's other death toll
    assert not by_sentence[3].hedged  # inherited, not stated as reported in the sentence


def test_an_origin_that_gave_an_amount_in_words_gives_no_figure_to_the_next_sentence():
    # Written for the test: the authorities said "several", the writer counts 40.
    d = report(
        "n",
        "Later that day the authorities reported several deaths. "
        "In the last two days, 40 people have died in the town.",
        "2024-10-31",
        language="en",
    )
    assert next(c for c in document_claims(d) if c.sentence_index == 1).attributed_to is None
    # One that spoke of the count itself goes on with the figure beside it.
    d = doc(
        "o",
        "Mindestens fünf Menschen sind bei den Bränden gestorben. "
        "Die Behörden erwarten, dass die Zahl der Todesopfer steigt.",
        "2025-01-08",
    )
    assert next(c for c in document_claims(d) if c.sentence_index == 0).attributed_to == "Behörden"


def test_a_span_of_time_does_not_pass_its_origin_to_another_span():
    # Written for the test: two facts of one report that both count days.
    d = doc(
        "t",
        "Nach Angaben der Klinik lag der Bürgermeister 38 Tage im Krankenhaus. "
        "Die Stadt ordnete drei Tage Trauer an. Laut Feuerwehr wurden 40 Menschen verletzt. "
        "Am Abend waren es 45 Verletzte.",
        "2025-03-03",
    )
    by_sentence = {c.sentence_index: c for c in document_claims(d)}
    assert by_sentence[0].attributed_to == "Klinik"
    assert by_sentence[1].attributed_to is None
    assert by_sentence[3].attributed_to == "Feuerwehr"  # a count of people still links


def test_a_count_far_from_the_origin_of_its_report_takes_no_origin():
    # Written for the test: the report has moved on between the two tolls; the second is
    # the writer's, or an origin's the report does not name.
    d = doc(
        "f",
        "Laut Polizei wurden in Marlingen 20 Menschen getötet. Das Rathaus blieb geschlossen. "
        "Die Bahn fuhr nicht. In der ganzen Region starben 31 Menschen.",
        "2025-03-03",
    )
    by_sentence = {c.sentence_index: c for c in document_claims(d)}
    assert by_sentence[0].attributed_to == "Polizei"
    assert by_sentence[3].attributed_to is None


def test_origin_from_a_pointing_back_sentence_and_from_a_vote():
    d = doc(
        "p",
        "Bei dem Unglück starben 12 Menschen. Das teilte die Polizei am Abend mit. "
        "In der Nationalversammlung stimmten 190 Abgeordnete für den Antrag.",
        "2024-12-03",
    )
    by_sentence = {c.sentence_index: c for c in document_claims(d)}
    assert by_sentence[0].attributed_to == "Polizei" and by_sentence[0].quantities[0].unit == "Tote"
    assert by_sentence[2].attributed_to == "Nationalversammlung"
    # The vote split by party is the writer's count, not the body's result.
    split = doc(
        "s",
        "In der Nationalversammlung stimmten 18 Abgeordnete der Regierungspartei und "
        "172 Abgeordnete der Opposition für den Antrag.",
        "2024-12-03",
    )
    assert [c.attributed_to for c in document_claims(split)] == [None]


def test_a_figure_repeated_without_origin_takes_the_origin_other_reports_name():
    docs = [
        doc("a", "Mehr als 12.000 Gebäude brannten ab, so CalFire.", "2025-01-12", "A"),
        doc("b", "More than 12,000 buildings burned down in the blazes.", "2025-01-12", "B"),
        doc("c", "Mehr als 12.000 Gebäude brannten nieder, berichtete die Polizei.", "2025-01-13", "C"),
        doc("d", "Mehr als 12.000 Gebäude sind zerstört, sagte CalFire.", "2025-01-13", "D"),
        doc("e", "Es gab 15 Tote. Mehr als 40.000 Gebäude sind bedroht.", "2025-01-13", "E"),
    ]
    by_doc = {c.doc_id: c for c in story_claims(docs)}
    assert by_doc["b"].attributed_to == "CalFire"  # named twice, the Polizei once
    assert by_doc["b"].cue == "andere Berichte" and by_doc["b"].inherited
    assert by_doc["c"].attributed_to == "Polizei"  # a report's own origin stays
    assert by_doc["e"].attributed_to is None  # no other report gives these figures


def test_the_size_of_a_whole_is_background_not_the_reported_figure():
    d = doc(
        "y",
        "Für den Antrag votierten sämtliche 190 Abgeordneten des 300-köpfigen Hauses, "
        "meldete die Agentur Yonhap.",
        "2024-12-04",
    )
    main, background = document_claims(d)
    assert main.attributed_to == "Yonhap" and [q.value for q in main.quantities] == [190]
    assert background.sentence_index == main.sentence_index and background.id == main.id + "b"
    assert background.attributed_to is None and [q.value for q in background.quantities] == [300]
    assert not background.hedged


def test_figures_compared_by_the_day_the_sentence_names():
    # Both reports appear on the same day, but one gives the toll of a week before:
    # an update, not a contradiction. Without that date the two would contradict.
    earlier = doc("e", "Am 7. Januar meldete die Polizei 5 Tote in Altadena.", "2025-01-14", "E")
    now = doc("n", "Die Polizei meldet inzwischen 24 Tote in Altadena.", "2025-01-14", "N")
    group = compare(story_claims([earlier, now]), {}).groups[0]
    assert group.status != "contradicted" and group.updated
    values = {v["claim_id"]: v["refers_to"] for v in group.as_dict()["values"]}
    assert values == {"e#0": "2025-01-07", "n#0": "2025-01-14"}
    other = doc("u", "Die Feuerwehr meldete 5 Tote in Altadena.", "2025-01-14", "U")
    assert compare(story_claims([other, now]), {}).groups[0].status == "contradicted"
    # The same origin with two figures of one day has corrected itself.
    again = doc("a", "Die Polizei meldete 5 Tote in Altadena.", "2025-01-14", "A")
    group = compare(story_claims([again, now]), {}).groups[0]
    assert group.status != "contradicted" and group.updated


def test_claims_name_people_organisations_places_and_dates():
    d = doc(
        "t",
        "Pentagon-Sprecherin Sabrina Singh sagte am Montag, etwa 10.000 Soldaten seien in der Region Kursk. "
        "Laut dem Geheimdienst NIS stimmten in Seoul 190 Abgeordnete gegen Präsident Yoon Suk Yeol.",
        "2024-11-05",
    )
    first, second = document_claims(d)
    assert first.people == ["Sabrina Singh"] and first.places == ["Kursk"]
    assert first.dates == ["2024-11-04"]
    assert second.organisations == ["Geheimdienst NIS"] and second.places == ["Seoul"]
    assert second.people == ["Yoon Suk Yeol"]
    assert first.as_dict()["people"] == ["Sabrina Singh"] and first.as_dict()["refers_to"] == "2024-11-04"


def test_figures_of_a_breakdown_are_not_one_fact():
    docs = [
        doc(
            "a",
            "Im Parlament stimmten 190 Abgeordnete für den Antrag, 18 Abgeordnete der Regierungspartei "
            "und 172 Abgeordnete der Opposition.",
            "2024-12-04",
            "A",
        ),
        doc("b", "Im Parlament stimmten 190 Abgeordnete für den Antrag der Opposition.", "2024-12-04", "B"),
    ]
    groups = compare(story_claims(docs), {}).groups
    votes = next(g for g in groups if len(g.mentions) > 1)
    assert {m.quantity.value for m in votes.mentions} == {190} and votes.status == "corroborated"
    assert all(len(g.mentions) == 1 for g in groups if g is not votes)  # 18 and 172 stand alone


def test_figures_that_merely_could_both_hold_do_not_corroborate():
    def status(first: str, second: str) -> str:
        docs = [doc("a", first, "2024-12-20", "A"), doc("b", second, "2024-12-21", "B")]
        return compare(story_claims(docs), {}).groups[0].status

    assert status("Mindestens 30 Soldaten wurden getötet.", "Mehr als 3.000 Soldaten wurden getötet.") == (
        "single_source"
    )
    assert status("Mindestens 100 Soldaten wurden getötet.", "At least 100 soldiers were killed.") == (
        "corroborated"
    )
    assert status("Rund 10.000 Soldaten sind dort.", "Etwa 10.000 Soldaten sind dort.") == "corroborated"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Laut NIS sind 10.000 Soldaten in Russland, das Pentagon spricht dagegen von 12.000 Soldaten.",
            [("NIS", [10000]), ("Pentagon", [12000])],
        ),
        (
            "According to the NIS, 10,000 troops are in Russia, while the Pentagon said 12,000 were there.",
            [("NIS", [10000]), ("Pentagon", [12000])],
        ),
        ("Dem Pentagon zufolge sind 11.000 bis 12.000 Soldaten in Kursk.", [("Pentagon", [11000])]),
    ],
)
def test_each_figure_takes_the_origin_of_its_clause(sentence, expected):
    claims = document_claims(doc("o", sentence, "2024-11-01"))
    assert [(c.attributed_to, [q.value for q in c.quantities]) for c in claims] == expected
    assert [c.id for c in claims] == ["o#0", "o#0.1"][: len(expected)]


def test_den_angaben_zufolge_points_back():
    d = doc(
        "z",
        "Laut NIS sind 3.000 Soldaten in Russland. "
        "Den Angaben zufolge wurden 1.500 Soldaten nach Kursk gebracht.",
        "2024-11-01",
    )
    assert [c.attributed_to for c in document_claims(d)] == ["NIS", "NIS"]


# Sentences written for the tests in the forms news in each language use.
ORIGINS_BY_LANGUAGE = [
    ("Selon les autorités locales, au moins 40 personnes sont mortes à Marlingen.", "Behörden"),
    ("Au moins 40 personnes sont mortes, a annoncé la préfecture de Marlingen.", "Präfektur Marlingen"),
    ("Según la Guardia Civil, 40 personas murieron en la riada.", "Guardia Civil"),
    ("La cifra de muertos asciende a 40, informó el Ayuntamiento de Marlingen.", "Stadtverwaltung Marlingen"),
    ("Secondo i vigili del fuoco, i morti sono almeno 40.", "Feuerwehr"),
    ("Segundo as autoridades, há pelo menos 40 mortos.", "Behörden"),
    ("Według policji co najmniej 40 osób zginęło w powodzi.", "Polizei"),
    ("Według straży pożarnej zginęło 40 osób.", "Feuerwehr"),
    ("Volgens persbureau EFE zitten nog 1200 mensen vast.", "EFE"),
    ("Gwardia Cywilna poinformowała o 40 ofiarach.", "Gwardia Cywilna"),
    ("Il pontefice è morto a 88 anni, ha annunciato il Vaticano.", "Vatikan"),
    ("Citing the emergency services, the broadcaster put the toll at 40.", "Rettungsdienste"),
    # A preposition is no subject: "se reportó en la localidad de Mira" names no origin.
    ("Una muerte adicional se reportó en la localidad de Mira, 40 en total.", None),
]


@pytest.mark.parametrize(("sentence", "origin"), ORIGINS_BY_LANGUAGE)
def test_origins_in_other_languages(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "phrase",
    [
        "He",
        "It",
        "er",
        "Nov",
        "Mitte Oktober",
        "Dienstag",
        "lundi",
        "Intelligence",
        "Defense",
        "South Korean",
        "ukrainische",
        "einer Mitteilung",  # "In einer Mitteilung hieß es": who issued it is not said
        "a statement",
    ],
)
def test_pronouns_months_nationalities_and_class_words_are_no_origin(phrase):
    assert normalise_origin(phrase) is None


@pytest.mark.parametrize("name", ["Vatikan", "Jordan", "Selenskyj", "Sabrina Singh", "NIS", "Korea"])
def test_names_that_look_like_them_still_are(name):
    assert normalise_origin(name) == name


@pytest.mark.parametrize(
    ("text", "language", "origin"),
    [
        (
            "Landrat Peter Holm besuchte die Altstadt. Es seien 400 Menschen evakuiert worden, sagte er.",
            "de",
            "Peter Holm",
        ),
        (
            "District chief Peter Holm toured the town. He said 400 people had been evacuated.",
            "en",
            "Peter Holm",
        ),
        # Two people before: "he" would be a guess.
        ("Sabine Kroll and Tobias Wend met on Monday. He said 400 people had been evacuated.", "en", None),
    ],
)
def test_a_pronoun_speaks_for_the_one_person_named_before(text, language, origin):
    (claim,) = document_claims(report("pronoun", text, "2025-03-10", language=language))
    assert claim.attributed_to == origin


def test_an_article_in_capitals_is_no_acronym():
    # A tabloid's opening word in capitals ("THE ministry said"); a real acronym still wins.
    assert normalise_origin("THE Interior Ministry") == "Innenministerium"
    assert normalise_origin("THE spy agency NIS") == "NIS"


def test_an_adverb_that_opens_the_sentence_is_not_part_of_the_origin():
    # "Wcześniej Gwardia Cywilna podawała ..." ("Earlier the Guardia Civil gave ...").
    assert normalise_origin("Wcześniej Gwardia Cywilna") == "Gwardia Cywilna"
    assert normalise_origin("Earlier the Pentagon") == "Pentagon"
    assert normalise_origin("Zuvor die Polizei") == "Polizei"


def test_the_word_of_the_unit_links_no_two_facts():
    # Written for the test: a pontificate of 12 years in three reports and, in another, the
    # age of a man quoted; they share the word for years and the church, not the fact.
    docs = [
        doc("j1", "Sein Pontifikat in der Kirche dauerte 12 Jahre.", "2025-04-21"),
        report("j2", "Son pontificat à la tête de l'Église a duré 12 ans.", "2025-04-21", "B", "fr"),
        report("j3", "Su pontificado en la Iglesia duró 12 años.", "2025-04-21", "C", "es"),
        report(
            "j4", "Un fidèle de l'Église de 33 ans a pleuré devant la cathédrale.", "2025-04-21", "D", "fr"
        ),
    ]
    groups = [g for g in compare(story_claims(docs), {}).groups if g.unit == "Jahre"]
    assert sorted(sorted(m.quantity.value for m in g.mentions) for g in groups) == [
        [12.0, 12.0, 12.0],
        [33.0],
    ]


# Sentences written for these tests in the forms reports use, with the claim expected of
# each: (language, sentence, value, vague, origin, unit).
CLAIMS_BY_LANGUAGE = [
    (
        "de",
        "Laut Polizei kamen in Marlingen 2'000 Menschen in Notunterkünften unter.",
        2000,
        False,
        "Polizei",
        None,
    ),
    (
        "de",
        "Nach Angaben der Feuerwehr sind Tausende Menschen evakuiert worden.",
        None,
        True,
        "Feuerwehr",
        None,
    ),
    (
        "en",
        "At least 48 people died in the floods, according to the fire department.",
        48,
        False,
        "Feuerwehr",
        "Tote",
    ),
    (
        "fr",
        "Selon les secours, au moins 12 000 personnes ont été évacuées.",
        12000,
        False,
        "Rettungsdienste",
        "Evakuierte",
    ),
    (
        "es",
        "Según la policía, 1.500 personas fueron evacuadas en la región.",
        1500,
        False,
        "Polizei",
        "Evakuierte",
    ),
    ("it", "Secondo i vigili del fuoco, almeno 23 persone sono morte.", 23, False, "Feuerwehr", "Tote"),
    ("pl", "Według policji w powodzi zginęło 14 osób.", 14, False, "Polizei", "Tote"),
    ("pt", "Segundo as autoridades, 300 pessoas ficaram desalojadas.", 300, False, "Behörden", "Menschen"),
    ("nl", "Volgens de brandweer zijn 40 mensen omgekomen.", 40, False, "Feuerwehr", "Tote"),
]


@pytest.mark.parametrize(("language", "sentence", "value", "vague", "origin", "unit"), CLAIMS_BY_LANGUAGE)
def test_claims_in_each_language(language, sentence, value, vague, origin, unit):
    (claim,) = document_claims(report("x", sentence, "2025-03-10", language=language))
    (q,) = [q for q in claim.quantities if q.value == value or value is None and q.vague]
    assert q.vague == vague and claim.attributed_to == origin
    if unit:
        assert q.unit == unit


def test_a_pronoun_or_a_role_alone_never_becomes_an_origin():
    # Two people named before "er": which one speaks is a guess, so no origin.
    d = doc(
        "p",
        "Bürgermeister Jan Weber traf Landrat Tom Maier in Marlingen. Er sagte, 30 Häuser seien zerstört.",
        "2025-03-10",
    )
    assert all(c.attributed_to is None for c in document_claims(d) if c.quantities)
    alone = doc("q", "He said 30 houses were destroyed. The minister said 40 were damaged.", "2025-03-10")
    origins = {c.attributed_to for c in document_claims(alone)}
    assert not origins & {"He", "he", "Minister", "minister"}
    # One person named before: the pronoun and the role stand for that person.
    one = doc(
        "r",
        "„Wir zählen 30 zerstörte Häuser“, sagte Landrat Tom Maier in Marlingen. "
        "„Es sind 12 Tote“, sagte der Landrat. Er sagte, 40 Häuser seien beschädigt.",
        "2025-03-10",
    )
    assert {c.attributed_to for c in document_claims(one)} == {"Tom Maier"}


def test_a_quotation_over_several_sentences_is_its_speakers():
    d = report(
        "q",
        "“The water rose in minutes. At 3:40 the first 20 houses were flooded,” "
        "Mayor Anna Berg, who leads the crisis team, said on Monday.",
        "2025-03-10",
        language="en",
    )
    claims = document_claims(d)
    assert {c.attributed_to for c in claims if c.quantities} == {"Anna Berg"}


def test_a_government_that_decrees_is_the_origin_of_its_days():
    d = report(
        "g",
        "Le gouvernement espagnol, qui a réuni une cellule de crise, a décrété trois jours de deuil.",
        "2025-03-10",
        language="fr",
    )
    (claim,) = document_claims(d)
    assert claim.attributed_to == "Regierung" and claim.quantities[0].value == 3


def test_a_toll_that_grows_over_a_week_is_updated_not_contradicted():
    from lagebild.render.claims import claims_markdown

    days = [("01", "Polizei", 5), ("04", "Feuerwehr", 12), ("07", "Polizei", 19), ("08", "Polizei", 27)]
    docs = [
        doc(
            f"t{n}",
            f"Laut {who} sind in Marlingen {toll} Menschen ums Leben gekommen.",
            f"2025-03-{day}",
            f"Blatt {n}",
        )
        for n, (day, who, toll) in enumerate(days)
    ]
    result = compare(story_claims(docs), {})
    (toll,) = [g for g in result.groups if g.unit == "Tote"]
    assert toll.status != "contradicted" and toll.updated
    row = next(
        line for line in claims_markdown("Flut", result).splitlines() if line.startswith("| Todesopfer")
    )
    assert "fortgeschrieben" in row and "widersprüchlich" not in row


def test_one_fact_per_row_by_place_and_earlier_event():
    docs = [
        doc(
            "a",
            "Laut Polizei sind in der Region Marlingen 95 Menschen ums Leben gekommen.",
            "2025-03-10",
            "A",
        ),
        doc("b", "Die Flut in der Region Marlingen hat 95 Menschen das Leben gekostet.", "2025-03-10", "B"),
        doc(
            "c",
            "Allein in Dresden starben mehr als 40 Menschen.",
            "2025-03-10",
            "C",
        ),
        doc("d", "Es ist die schwerste Flut seit den 300 Toten der Flut von 1973.", "2025-03-10", "D"),
    ]
    groups = compare(story_claims(docs), {}).groups
    by_value = {m.quantity.value: g for g in groups for m in g.mentions}
    assert by_value[95] is not by_value[40] and by_value[95] is not by_value[300]
    assert "Dresden" in by_value[40].what and "1973" in by_value[300].what
    assert all(g.status != "contradicted" for g in groups)


def test_spans_of_very_different_size_are_different_facts():
    docs = [
        doc(
            "a",
            "Die 850 Jahre alte Kathedrale wurde nach fünf Jahren Bauzeit wiedereröffnet.",
            "2024-12-07",
            "A",
        ),
        doc("b", "Nach fünf Jahren Arbeit ist die Kathedrale wieder offen.", "2024-12-07", "B"),
        doc("c", "Die Kathedrale ist seit 850 Jahren ein Wahrzeichen.", "2024-12-07", "C"),
    ]
    groups = compare(story_claims(docs), {}).groups
    assert all(len({m.quantity.value for m in g.mentions}) == 1 for g in groups)
    assert all(g.status != "contradicted" for g in groups)


@pytest.mark.parametrize(
    ("language", "sentence", "origin"),
    [
        ("de", "Das hat die Feuerwehr am Abend mitgeteilt.", "Feuerwehr"),
        ("nl", "De regering heeft drie dagen van nationale rouw afgekondigd.", "Regierung"),
        ("pl", "Według najnowszych danych rządowych w powodzi w Polsce zginęło 14 osób.", "Regierung"),
        ("pl", "Policja: w powodzi zginęło 14 osób", "Polizei"),
        ("pl", "Do 14 wzrosła liczba ofiar – poinformowały władze.", "Behörden"),
        ("de", "Das Bundesland wurde mit 14 Gemeinden zum Katastrophengebiet erklärt.", None),
    ],
)
def test_origins_in_perfect_tenses_headlines_and_data_of_a_body(language, sentence, origin):
    assert attribution(sentence)[0] == origin


def test_a_statement_takes_the_origin_named_beside_it():
    d = report(
        "s",
        "Das hat die Stadt Marlingen mitgeteilt. In einer Mitteilung hieß es, 12 Häuser seien zerstört.",
        "2025-03-10",
        language="de",
    )
    (claim,) = [c for c in document_claims(d) if c.quantities]
    assert claim.attributed_to == "Stadt Marlingen"


@pytest.mark.parametrize(
    ("language", "sentence", "origin"),
    [
        ("it", "Sono almeno 23 i morti, dati diffusi dalla Protezione Civile.", "Zivilschutz"),
        ("es", "Hay 40 desaparecidos, según datos facilitados por la Guardia Civil.", "Guardia Civil"),
        # A relative clause the phrase runs on into is not part of the name.
        (
            "it",
            "Sono 23 i morti, dati diffusi dalla Croce Verde Marlinghese che sono destinati ad aggravarsi.",
            "Croce Verde Marlinghese",
        ),
    ],
)
def test_a_passive_agent_of_figures_is_their_origin(language, sentence, origin):
    assert attribution(sentence)[0] == origin


def test_a_count_in_brackets_after_another_events_name_is_no_ones():
    d = report(
        "b",
        "Nach dem Sturm Xaver (12 Tote) meldete die Feuerwehr nun mindestens 40 Tote.",
        "2025-03-10",
        language="de",
    )
    assert origins_by_value(d) == {12: None, 40: "Feuerwehr"}


def test_counts_of_named_parts_and_earlier_tolls_are_not_contradictions():
    docs = [
        doc("a", "Die Polizei meldet 25 Tote, davon 16 beim Nordhang-Feuer.", "2025-01-14", "A"),
        doc("b", "Laut Feuerwehr sind 16 Menschen durch das Nordhang-Feuer gestorben.", "2025-01-14", "B"),
        doc("c", "The fires killed nine and 16 people respectively, the coroner said.", "2025-01-14", "C"),
        doc("d", "The previous death toll stood at 11, officials said on Tuesday.", "2025-01-14", "D"),
        doc("e", "At least 25 people have died in the fires, officials said.", "2025-01-14", "E"),
    ]
    groups = compare(story_claims(docs), {}).groups
    (toll,) = [g for g in groups if 25 in {m.quantity.value for m in g.mentions}]
    assert {m.quantity.value for m in toll.mentions} == {25, 11}
    assert toll.status != "contradicted" and toll.updated


def test_a_quotation_takes_the_speaker_of_the_sentence_that_introduces_it():
    text = "Es war Landrat Tom Maier, der vor die Presse trat und sagte:\n„Wir haben 30 Häuser verloren.“"
    d = report("i", text, "2025-03-10", language="de")
    (claim,) = [c for c in document_claims(d) if c.quantities]
    assert claim.attributed_to == "Tom Maier"


def test_missing_people_and_an_age_given_in_years_are_one_fact_each():
    assert find_quantities("Vier Menschen werden noch vermisst.", "de")[0].unit == "Vermisste"
    assert find_quantities("Sette persone risultano disperse.", "it")[0].unit == "Vermisste"
    docs = [
        doc("a", "Die 860 Jahre alte Kathedrale ist wieder offen.", "2024-12-07", "A"),
        doc("b", "La catedral tiene más de 860 años de historia.", "2024-12-07", "B"),
    ]
    groups = compare(story_claims(docs), {}).groups
    assert len([g for g in groups if g.unit in ("Alter", "Jahre")]) == 1


def test_figures_after_an_attribution_that_closes_the_speech_are_the_writers():
    d = doc(
        "w",
        "Mindestens 40 Häuser sind zerstört, sagte die Polizei am Abend, "
        "bevor sie die 12 Straßen des Viertels sperrte.",
        "2025-03-10",
    )
    assert origins_by_value(d) == {40: "Polizei", 12: None}
    on = doc(
        "o",
        "Mindestens 40 Häuser sind zerstört, sagte die Polizei und fügte hinzu, 12 seien beschädigt.",
        "2025-03-10",
    )
    assert {c.attributed_to for c in document_claims(on)} == {"Polizei"}


def test_a_setting_narrowed_to_one_place_and_places_given_as_examples_scope_a_count():
    docs = [
        doc("a", "In Sachsen starben laut Polizei 30 Menschen.", "2025-03-10", "A"),
        doc("b", "Laut Feuerwehr starben in Sachsen 30 Menschen.", "2025-03-10", "B"),
        doc("c", "Allein in Sachsen starben laut Polizei 12 Menschen in Dresden.", "2025-03-10", "C"),
        doc("d", "Orte wie Dresden meldeten mehr als 12 Tote.", "2025-03-10", "D"),
    ]
    groups = compare(story_claims(docs), {}).groups
    by_value = {m.quantity.value: g for g in groups for m in g.mentions}
    assert by_value[30] is not by_value[12]
    assert all(g.status != "contradicted" for g in groups)


def test_counts_in_a_row_take_the_place_after_them():
    # Written for the test: each count's place follows it, so the place before "seven" is
    # the count before's.
    docs = [
        report(
            "a",
            "The toll rose to 30, including 18 lives lost in the North Fire "
            "and another seven in the Canyon Fire.",
            "2025-03-10",
            language="en",
        ),
    ]
    groups = compare(story_claims(docs), {}).groups
    what = {(m.claim.doc_id, m.quantity.value): g.what for g in groups for m in g.mentions}
    assert what[("a", 7)] == "Todesopfer (Canyon Fire)" and what[("a", 18)] == "Todesopfer (North Fire)"


def test_a_bare_age_and_a_count_the_report_credits_elsewhere():
    assert find_quantities("He was 88.", "en")[0].unit == "Alter"
    assert find_quantities("Papież miał 88", "pl")[0].unit == "Alter"
    d = doc(
        "r",
        "Die Stadt Marlingen zählte 40 zerstörte Häuser. Der Regen hielt an. "
        "Das Wetteramt meldete neue Gewitter. In Marlingen sind 40 Häuser zerstört.",
        "2025-03-10",
    )
    last = [c for c in document_claims(d) if c.sentence_index == 3][0]
    assert last.attributed_to == "Stadt Marlingen"


def test_a_count_measured_against_is_an_earlier_events_even_undated():
    d = report(
        "u",
        "Ce bilan, le plus lourd depuis les 300 décès de la crue de 1973, pourrait encore s'aggraver, "
        "selon la préfecture.",
        None,
        language="fr",
    )
    by_value = {
        q.value: c.attributed_to for c in document_claims(d) for q in c.quantities if q.unit == "Tote"
    }
    assert by_value == {300: None}


def test_ages_of_two_people_are_two_facts():
    docs = [
        doc("a", "Der neue Papst ist 69 Jahre alt.", "2025-05-08", "A"),
        doc("b", "Sein Vorgänger starb im Alter von 88 Jahren.", "2025-05-08", "B"),
        doc("c", "Der Papst starb im Alter von 88 Jahren.", "2025-05-08", "C"),
    ]
    groups = compare(story_claims(docs), {}).groups
    assert all(len({m.quantity.value for m in g.mentions}) == 1 for g in groups)
    assert all(g.status != "contradicted" for g in groups)


def test_only_the_figures_other_reports_credit_travel():
    docs = [
        doc("a", "Laut Polizei kamen 40 Menschen ums Leben.", "2025-03-10", "A"),
        doc(
            "b",
            "In Marlingen kamen 40 Menschen ums Leben, die Flut dauerte zwölf Stunden.",
            "2025-03-10",
            "B",
        ),
    ]
    by_value = {q.value: c.attributed_to for c in story_claims(docs) if c.doc_id == "b" for q in c.quantities}
    assert by_value == {40: "Polizei", 12: None}
    assert attribution("Valilik, kasabada 40 kişinin öldüğünü duyurdu.")[0] is None  # not a known body
    assert attribution("Vatikan, Papa'nın sabah 07.35'te öldüğünü duyurdu.")[0] == "Vatikan"


def test_what_was_decreed_is_the_act_of_whoever_other_reports_name():
    docs = [
        doc("a", "Die Regierung hat drei Tage Staatstrauer angeordnet.", "2025-03-10", "A"),
        report("b", "Un deuil de trois jours a été décrété.", "2025-03-10", "B", language="fr"),
        doc("c", "Die Flut dauerte drei Tage.", "2025-03-10", "C"),
    ]
    origins = {c.doc_id: c.attributed_to for c in story_claims(docs) if c.quantities}
    assert origins == {"a": "Regierung", "b": "Regierung", "c": None}


@pytest.mark.parametrize(
    ("sentence", "origin"),
    [
        ("According to the regional fire service, 14 people were killed.", "Feuerwehr"),
        ("According to the local police, three people were hurt.", "Polizei"),
        # A nationality before the body is the body's, never the origin itself.
        ("According to Spanish authorities, 40 people are missing.", "Behörden"),
    ],
)
def test_a_body_with_adjectives_before_it_is_the_origin(sentence, origin):
    assert attribution(sentence)[0] == origin


def _group_of(groups, value):
    return next(g for g in groups if value in {m.quantity.value for m in g.mentions})


def test_counts_that_add_up_to_a_whole_are_its_parts():
    docs = [
        doc("a", "Laut Polizei sind in Marlingen 216 Menschen ums Leben gekommen.", "2025-03-10", "A"),
        report(
            "b",
            "Spośród ofiar 190 ofiar to Polacy, a 26 to cudzoziemcy.",
            "2025-03-10",
            "B",
            language="pl",
        ),
        report(
            "c",
            "The council passed the bill with 190 lawmakers voting in favour.",
            "2025-03-10",
            "C",
            language="en",
        ),
        report(
            "d",
            "It passed with 18 lawmakers of the Green Party and 172 lawmakers of the Red Party voting yes.",
            "2025-03-10",
            "D",
            language="en",
        ),
    ]
    groups = compare(story_claims(docs), {}).groups
    assert _group_of(groups, 216) is not _group_of(groups, 190)
    lawmakers = [g for g in groups if g.unit == "Abgeordnete"]
    assert {m.quantity.value for m in _group_of(lawmakers, 18).mentions} == {18}
    assert _group_of(lawmakers, 190) is not _group_of(lawmakers, 172)
    # Counts given in turn add up to nothing: "from 62 to 92" is one toll at two times.
    rising = [
        doc("e", "Die Polizei meldete 154 Tote.", "2025-03-10", "E"),
        doc("f", "Die Zahl der Toten stieg laut Polizei von 62 auf 92.", "2025-03-11", "F"),
    ]
    mentions = [m for g in compare(story_claims(rising), {}).groups for m in g.mentions]
    assert not any(m.fact.part for m in mentions)


def test_a_figure_a_report_repeats_is_the_narrowest_fact_it_gives():
    docs = [
        doc("a", "Laut Regierung starben 224 Menschen im ganzen Land.", "2025-03-10", "A"),
        report(
            "b",
            "Większość z 216 ofiar miała ponad 70 lat. W samej Walencji zginęło 216 osób.",
            "2025-03-10",
            "B",
            language="pl",
        ),
        doc("c", "In Valencia und im ganzen Land meldeten die Behörden 230 Tote.", "2025-03-11", "C"),
    ]
    groups = compare(story_claims(docs), {}).groups
    valencia = _group_of(groups, 216)
    assert {m.claim.sentence_index for m in valencia.mentions} == {0, 1}
    assert valencia is not _group_of(groups, 224)
    # "over 70" marks out the victims by age: no one's age, no fact of its own.
    assert not [g for g in groups if g.unit == "Alter"]


def test_the_whole_a_part_of_the_dead_is_counted_of_is_the_toll():
    docs = [
        report("a", "There have been 40 of the 95 deaths in Marlingen, the police said.", "2025-03-10", "A"),
        report("b", "At least 95 people died in the floods, the police said.", "2025-03-10", "B"),
    ]
    groups = compare(story_claims(docs), {}).groups
    toll = _group_of(groups, 95)
    assert {m.claim.doc_id for m in toll.mentions} == {"a", "b"}
    assert 40 not in {m.quantity.value for m in toll.mentions}


def test_figures_in_a_relative_clause_on_the_origin_are_the_writers():
    fr = report(
        "r",
        "Le gouvernement, qui a mobilisé 300 gendarmes, a annoncé 12 morts.",
        "2025-03-10",
        language="fr",
    )
    assert origins_by_value(fr) == {300: None, 12: "Regierung"}
    it = report(
        "i", "Il governo, che ha inviato 500 soldati, ha annunciato 12 morti.", "2025-03-10", language="it"
    )
    assert origins_by_value(it) == {500: None, 12: "Regierung"}
    # What is counted and when are never who counts ("meldete 12 Tote", "Am Abend meldete").
    assert attribution("Die Polizei, die mit 200 Beamten im Einsatz war, meldete 12 Tote.") == (None, None)
    assert attribution("Am Abend meldete 12 Tote die Polizei.")[0] != "Am Abend"


def test_the_table_shows_current_figures_not_history_or_a_reports_details():
    from lagebild.render.claims import table_rows

    docs = [
        report("a", "Officials said 10 people had died in Marlingen.", "2025-03-10", "A", language="en"),
        report("b", "The previous death toll stood at 11, officials said.", "2025-03-11", "B", language="en"),
        doc(
            "c",
            "Laut Regierung starben 24 Menschen. Die Flut kam in der Nacht. "
            "Das Wasser stand zwei Meter hoch. Zudem waren neun Todesopfer Kinder.",
            "2025-03-12",
            "C",
        ),
    ]
    (toll,) = [r for r in table_rows(compare(story_claims(docs), {})) if r["what"].startswith("Todesopfer")]
    shown = {(e["who"], e["value"]) for e in toll["entries"]}
    assert shown == {("Behörden", 10), ("Regierung", 24)}
    # An origin's undated larger count is later than its dated smaller one; a figure given
    # only as an earlier state is marked so.
    more = [
        report("d", "The fire service said 30 people had died.", None, "D", language="en"),
        report("e", "The fire service said 20 people had died.", "2025-03-11", "E", language="en"),
        report(
            "f", "The previous death toll stood at 8, the coroner said.", "2025-03-11", "F", language="en"
        ),
    ]
    from lagebild.render.claims import claims_markdown

    result = compare(story_claims(more), {})
    (toll,) = [r for r in table_rows(result) if r["what"].startswith("Todesopfer")]
    assert {(e["who"], e["value"]) for e in toll["entries"]} == {("Feuerwehr", 30), ("Medical Examiner", 8)}
    assert "Medical Examiner 8 (früherer Stand)" in claims_markdown("Brand", result)


def test_figures_describing_a_person_are_the_writers():
    d = report(
        "p",
        "The Vatican confirmed the death of Cardinal Peter Holm, the first Danish cardinal in almost 500 "
        "years. Cardinal Peter Holm, the archbishop of the city for 12 years, died on Monday with 3 "
        "others in the crash, the Vatican said.",
        "2025-03-10",
        language="en",
    )
    assert origins_by_value(d) == {500: None, 12: None, 3: "Vatikan"}


def test_a_place_where_a_body_sits_and_a_vague_amount_give_no_origin():
    sentence = "El consulado argentino en Marlinga confirmó que no hay argentinos entre las víctimas."
    assert attribution(sentence) == (None, None)
    assert attribution("La policía local en Marlinga confirmó 12 muertos.")[0] == "Polizei"
    docs = [
        report("a", "Sono 12 i morti e decine i dispersi, dati diffusi dalla Protezione Civile.", None, "A"),
        report("b", "Hay decenas de personas desaparecidas.", None, "B", language="es"),
    ]
    (claim,) = [c for c in story_claims(docs) if c.doc_id == "b"]
    assert claim.attributed_to is None


def test_damage_that_grows_over_days_is_updated_and_a_name_only_mentioned_is_no_place():
    docs = [
        report(
            "a", "About 1.5 million homes were without power on Wednesday.", "2025-03-10", "A", language="en"
        ),
        report(
            "b",
            "The storm cut power to 3.2 million homes and tore the Marlin Arena roof off.",
            "2025-03-11",
            "B",
            language="en",
        ),
    ]
    (homes,) = [g for g in compare(story_claims(docs), {}).groups if g.unit == "Gebäude"]
    assert homes.status != "contradicted" and homes.updated
    assert "Marlin" not in homes.what


def test_a_country_named_in_several_languages_is_one_place_named_in_german():
    docs = [
        doc("a", "Laut Polizei werden in Tschechien vier Menschen vermisst.", "2025-03-10", "A"),
        report(
            "b",
            "Four people are missing in the Czech Republic, police said.",
            "2025-03-10",
            "B",
            language="en",
        ),
        *[
            doc(f"p{n}", f"Laut Feuerwehr sind in Polen {n + 5} Häuser zerstört.", "2025-03-10", f"P{n}")
            for n in range(4)
        ],
    ]
    (missing,) = [g for g in compare(story_claims(docs), {}).groups if g.unit == "Vermisste"]
    assert {m.claim.doc_id for m in missing.mentions} == {"a", "b"}
    assert missing.what == "Vermisste (Tschechien)"


def test_a_region_is_no_country_of_cldrs_unknown_region():
    # CLDR names a pseudo-territory "Unbekannte Region" / "Unknown Region": a place opening
    # with "Region" was taken for it and labelled so.
    assert german_place("Region Big Bend") == "Region Big Bend"
    assert german_place("Czech Republic") == "Tschechien"


def test_a_fact_no_german_report_names_is_labelled_by_what_its_reports_say_it_is_of():
    docs = [
        report(
            "a", "Le gouvernement a décrété trois jours de deuil national.", "2025-03-10", "A", language="fr"
        ),
        report("b", "El Gobierno decretó tres días de luto oficial.", "2025-03-10", "B", language="es"),
        report("c", "Ruim 150.000 huishoudens zitten zonder stroom.", "2025-03-10", "C", language="nl"),
        report("d", "Près de 150 000 foyers sont privés d'électricité.", "2025-03-10", "D", language="fr"),
    ]
    labels = {g.unit: g.what for g in compare(story_claims(docs), {}).groups}
    assert labels == {"Tage": "Tage Staatstrauer", "Haushalte": "Haushalte ohne Strom"}


def test_what_a_count_is_expected_to_reach_contradicts_no_value_of_now():
    from lagebild.render.claims import claims_markdown

    docs = [
        doc("a", "Laut NIS sind rund 3.000 nordkoreanische Soldaten in Russland.", "2025-03-10", "A"),
        doc(
            "b",
            "Laut Pentagon soll das Kontingent in Russland auf 10.000 nordkoreanische Soldaten anwachsen.",
            "2025-03-10",
            "B",
        ),
    ]
    result = compare(story_claims(docs), {})
    (soldiers,) = [g for g in result.groups if g.unit == "Soldaten"]
    assert len(soldiers.mentions) == 2 and soldiers.status != "contradicted"
    assert "Pentagon 10.000 (erwartet)" in claims_markdown("Truppen", result)
    # The count now, beside a rise expected without a figure, stays the count now.
    now = report("c", "At least 25 people died and the toll could rise.", "2025-03-10", "C", language="en")
    from lagebild.facts import forecast

    (claim,) = document_claims(now)
    assert not forecast(claim, claim.quantities[0])


def test_an_origin_named_by_its_kind_is_the_one_the_report_names_by_acronym():
    d = doc(
        "k",
        "Laut dem Geheimdienst NIS sind 3.000 Soldaten in Russland. "
        "Nach Erwartung des Geheimdienstes sollen es bis Dezember 10.000 Soldaten werden.",
        "2025-03-10",
    )
    assert origins_by_value(d) == {3000: "NIS", 10000: "NIS"}


def test_an_origins_figure_given_dated_and_undated_is_shown_with_its_day():
    from lagebild.render.table import latest_per_origin

    def value(claim_id, published):
        return {"claim_id": claim_id, "attributed_to": "Polizei", "source": "S", "value": 12, "raw": "12"} | {
            "published": published
        }

    group = {"values": [value("a#0", None), value("b#0", "2025-03-10"), value("c#0", None)]}
    (entry,) = latest_per_origin(group)
    assert (entry["doc_id"], entry["day"]) == ("b", "2025-03-10")


@pytest.mark.parametrize(
    ("text", "language", "writers", "said"),
    [
        # Written for the test: the writer describes whom the origin speaks of, set off
        # after the sentence's subject; the origin said what comes after.
        (
            "Le ministre, très affaibli après un séjour de 12 jours à l'hôpital, est mort d'un infarctus, "
            "a précisé le gouvernement lundi.",
            "fr",
            [12],
            [],
        ),
        (
            "El alcalde, que pasó 12 días en el hospital, murió a los 70 años, informó el Ayuntamiento.",
            "es",
            [12],
            [70],
        ),
        # The figure opens the description: that is what was said.
        ("Le bilan, au moins 95 morts, est provisoire, a précisé le gouvernement.", "fr", [], [95]),
    ],
)
def test_a_description_of_the_subject_is_the_writers(text, language, writers, said):
    claims = document_claims(report("d", text, "2025-04-21", language=language))
    named = [q.value for c in claims if c.attributed_to for q in c.quantities]
    unnamed = [q.value for c in claims if not c.attributed_to for q in c.quantities]
    assert (unnamed, named) == (writers, said)
