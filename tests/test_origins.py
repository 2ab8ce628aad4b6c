"""Who said it: the origins of claims as a reader sees them in the numbers table, on
sentences written for the tests in the forms real reports use."""

from __future__ import annotations

import pytest

from conftest import report
from lagebild.claims import attribution, document_claims, story_claims
from lagebild.origins import normalise_origin


def _origins(text: str, language: str) -> dict[float, str | None]:
    """Each figure of a report written for the test -> the origin its claim gives it."""
    doc = report("t1", text, "2024-10-30", language=language)
    return {q.value: c.attributed_to for c in document_claims(doc) for q in c.quantities}


@pytest.mark.parametrize(
    "text, language, figure, origin",
    [
        # A sentence that opens on a figure after another origin's claim is not its rest.
        (
            "Der Premier wird um 10.00 Uhr erwartet, wie das Präsidialamt mitteilte. "
            "312 der 577 Abgeordneten hatten zuvor für den Antrag gestimmt.",
            "de",
            312,
            None,
        ),
        (
            "The prime minister will resign on Thursday, the Elysee said. "
            "312 of the 577 deputies had voted against him.",
            "en",
            312,
            None,
        ),
        # A sentence cut at an abbreviation ("po godz.") goes on with the origin it named.
        (
            "Policja poinformowała po godz. 14 o tym, że liczba ofiar wzrosła do 73.",
            "pl",
            73,
            "Polizei",
        ),
    ],
)
def test_a_sentence_opening_on_a_figure_goes_on_only_after_a_cut(text, language, figure, origin):
    assert _origins(text, language)[figure] == origin


@pytest.mark.parametrize(
    "phrase",
    [
        "la Comunità Valenziana",
        "la Comunidad de Madrid",
        "la Generalitat Valenciana",
        "la Generalitat",
        "la Junta de Andalucía",
        "la Xunta",
        "la Regione Toscana",
        "la Région Bretagne",
        "Władze regionalne Walencji",
        "the regional authorities",
        "les autorités régionales",
        "el gobierno autonómico",
        "die Regionalregierung in Valencia",
    ],
)
def test_a_region_that_speaks_is_its_government(phrase):
    assert normalise_origin(phrase) == "Regionalregierung"


@pytest.mark.parametrize("phrase", ["la Comunità Europea", "la Comunidad Internacional", "Regierung"])
def test_other_communities_and_governments_are_no_regional_government(phrase):
    assert normalise_origin(phrase) != "Regionalregierung"


@pytest.mark.parametrize(
    "text, language, figure",
    [
        ("Sono almeno 40 i morti, secondo la Comunità Valenziana.", "it", 40),
        ("Según la Generalitat Valenciana, han muerto 40 personas.", "es", 40),
        ("Władze regionalne poinformowały, że zginęło 40 osób.", "pl", 40),
        ("Selon les autorités régionales, 40 personnes sont mortes.", "fr", 40),
        ("The regional government said 40 people had died.", "en", 40),
    ],
)
def test_a_regions_toll_is_the_regional_governments(text, language, figure):
    assert _origins(text, language)[figure] == "Regionalregierung"


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # Polish has no articles: a body of common nouns opens the sentence before its verb.
        ("Straż pożarna poinformowała, że zginęło 40 osób.", "Feuerwehr"),
        ("Służby ratunkowe podały, że zginęło 40 osób.", "Rettungsdienste"),
        ("Nowe przepisy poinformowały 40 osób.", None),  # no body the gazetteer knows
        ("The government said 40 people had died.", "Regierung"),
    ],
)
def test_a_body_of_common_nouns_that_opens_the_sentence(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # Shown without its article, a German name takes the strong form of its adjectives.
        (
            "Das Beben hatte die Stärke 6,2, wie das Nationale Erdbeben-Zentrum mitteilte.",
            "Nationales Erdbeben-Zentrum",
        ),
        ("Der Nationale Wetterdienst meldete 20 Tote.", "Nationaler Wetterdienst"),
        ("20 Tote, teilte der Deutsche Wetterdienst mit.", "Deutscher Wetterdienst"),
        ("Laut dem Auswärtigen Amt sind 20 Deutsche betroffen.", "Auswärtiges Amt"),
        ("Laut dem Nationalen Wetterdienst fielen 200 Liter.", "Nationaler Wetterdienst"),
        # A genitive: the noun in the nominative too.
        (
            "Nach Angaben des Nationalen Erdbeben-Zentrums starben 20 Menschen.",
            "Nationales Erdbeben-Zentrum",
        ),
        ("Nach Angaben des Roten Kreuzes starben 20 Menschen.", "Rotes Kreuz"),
        ("Nach Angaben des Landkreises Ahrweiler starben 20 Menschen.", "Landkreis Ahrweiler"),
        ("Laut einem Sprecher des Innenministeriums starben 20 Menschen.", "Innenministerium"),
        # A feminine noun keeps -e; its genitive after "der" loses the -n.
        (
            "Die Zahl stieg auf 20, wie die Nationale Katastrophenschutzbehörde mitteilte.",
            "Nationale Katastrophenschutzbehörde",
        ),
        (
            "Nach Angaben der Nationalen Katastrophenschutzbehörde starben 20 Menschen.",
            "Nationale Katastrophenschutzbehörde",
        ),
        # A noun that ends in -e is no adjective, nor is a foreign name's word.
        ("Nach Angaben der Gruppe Wagner starben 20 Soldaten.", "Gruppe Wagner"),
        ("In Marlingen starben nach Angaben der Olive Press 36 Menschen.", "Olive Press"),
        ("Laut der Grande Armée starben 12 Soldaten.", "Grande Armée"),
    ],
)
def test_a_german_name_without_its_article_takes_the_strong_form(sentence, origin):
    assert attribution(sentence)[0] == origin


def _story_origins(reports: list[tuple[str, str]]) -> set[str]:
    docs = [report(f"r{k}", text, "2024-10-30", language=lang) for k, (text, lang) in enumerate(reports)]
    return {c.attributed_to for c in story_claims(docs) if c.attributed_to}


def test_a_body_named_in_a_foreign_language_takes_the_spelling_most_reports_use():
    reports = [
        ("Wcześniej Gwardia Cywilna informowała o 40 ofiarach.", "pl"),
        ("Two Guardia Civil officers died when their barracks flooded.", "en"),
        ("La Guardia Civil ha rescatado a 200 personas.", "es"),
    ]
    assert _story_origins(reports) == {"Guardia Civil"}


def test_the_spelling_a_german_report_uses_wins():
    reports = [
        ("President Volodymyr Zelensky said 3,000 soldiers had died.", "en"),
        ("Wolodymyr Selenskyj besuchte die Front.", "de"),
    ]
    assert _story_origins(reports) == {"Wolodymyr Selenskyj"}


def test_a_name_no_other_report_spells_otherwise_and_other_bodies_stay_as_they_are():
    reports = [
        ("Wcześniej Gwardia Cywilna informowała o 40 ofiarach.", "pl"),
        ("La Guardia Nacional ha rescatado a 200 personas.", "es"),
    ]
    assert _story_origins(reports) == {"Gwardia Cywilna"}


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Thirty deaths have been confirmed in the county. That toll was a sharp increase from the "
            "morning, when 12 deaths were announced. "
            "In the afternoon, Governor Ana Lopes said 14 people had died.",
            "en",
        ),
        (
            "Im Bezirk wurden 30 Todesopfer bestätigt. Das waren deutlich mehr als am Morgen, als 12 Tote "
            "gemeldet worden waren. Am Nachmittag sagte Gouverneurin Ana Lopes, 14 Menschen seien tot.",
            "de",
        ),
    ],
)
def test_a_sentence_that_points_back_takes_no_origin_from_the_next(text, language):
    assert _origins(text, language)[12] is None


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # A role word before a name is no part of it: a woman's role in German, a parliament's
        # speaker, a town's head in French, Spanish, Italian.
        ("Am Nachmittag sagte Gouverneurin Ana Lopes, 14 Menschen seien tot.", "Ana Lopes"),
        ("Laut Staatsanwältin Eva Kurz wurden 12 Menschen verletzt.", "Eva Kurz"),
        ("National Assembly Speaker Woo Min-jae said 190 members voted for the motion.", "Woo Min-jae"),
        ("Le maire Jean Dufour a déclaré que 12 personnes sont mortes.", "Jean Dufour"),
        ("El alcalde Juan Pérez informó de 12 muertos.", "Juan Pérez"),
        ("Il sindaco Marco Rossi ha detto che 12 persone sono morte.", "Marco Rossi"),
    ],
)
def test_a_role_in_any_language_is_not_part_of_the_name(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "phrase, origin",
    [
        # An article is no acronym: "un"/"uno" open a phrase in French, Spanish, Italian.
        ("un habitant", None),
        ("uno de los testigos", None),
        ("la ONU", "UN"),
        ("die UNO", "UN"),
        # The prosecution and a town's administration by their kind; the place says which.
        ("le parquet de Paris", "Staatsanwaltschaft Paris"),
        ("la fiscalía de Valencia", "Staatsanwaltschaft Valencia"),
        ("el Ayuntamiento de Paiporta", "Stadtverwaltung Paiporta"),
        ("the city council", "Stadtverwaltung"),
        ("the Paris prosecutor's office", "Staatsanwaltschaft Paris"),
        # A place that only qualifies someone the phrase does not name is no origin.
        ("le maire de Paris", "Maire"),  # the role, resolved to the person the report names
        ("the Madrid prosecutor", None),
        ("the mayor of Madrid", "Mayor"),
    ],
)
def test_kinds_of_bodies_and_places_that_qualify_them(phrase, origin):
    assert normalise_origin(phrase) == origin


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Krankenhaus wurde einem Krankenpfleger zufolge überflutet, 40 Patienten wurden verlegt.",
        "Selon un Témoin, 40 personnes ont été évacuées.",
        "Según un Vecino, 40 personas fueron evacuadas.",
    ],
)
def test_someone_of_a_kind_is_no_origin(sentence):
    assert attribution(sentence)[0] is None


def test_a_towns_body_named_without_its_town_is_the_one_the_story_names():
    reports = [
        (
            "Une enquête a été ouverte, a annoncé le parquet de Paris. "
            "Douze ouvriers ont été entendus, a précisé le parquet.",
            "fr",
        ),
    ]
    assert _story_origins(reports) == {"Staatsanwaltschaft Paris"}


@pytest.mark.parametrize(
    "phrase, origin",
    [
        # A ministry in any language by its German name, with the country the phrase names.
        ("The Romanian Interior Ministry", "Innenministerium (Rumänien)"),
        ("le ministère roumain de l'Intérieur", "Innenministerium (Rumänien)"),
        ("el Ministerio del Interior", "Innenministerium"),
        ("Ministerstwo Spraw Wewnętrznych", "Innenministerium"),
        ("Ukraine's Defence Ministry", "Verteidigungsministerium (Ukraine)"),
        ("il ministero della Salute", "Gesundheitsministerium"),
        ("het ministerie van Buitenlandse Zaken", "Außenministerium"),
        # The US Department of Defense stays the Pentagon.
        ("the US Department of Defense", "Pentagon"),
    ],
)
def test_a_ministry_is_named_in_german(phrase, origin):
    assert normalise_origin(phrase) == origin


def test_a_ministry_in_two_languages_is_one_origin():
    reports = [
        ("The Romanian Interior Ministry reported that 5,000 families were affected.", "en"),
        ("Le ministère roumain de l'Intérieur a fait état de 5.000 ménages touchés.", "fr"),
    ]
    assert _story_origins(reports) == {"Innenministerium (Rumänien)"}


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # A known body of common nouns after an opening phrase, before its verb.
        ("En Roumanie, les services de secours ont annoncé avoir retrouvé quatre corps.", "Rettungsdienste"),
        ("En Valencia, la policía local informó de 12 muertos.", "Polizei"),
        ("Ayer, el equipo local ganó 3 partidos.", None),
        (
            "Le ministère roumain de l'Intérieur a fait état de 5.000 ménages touchés.",
            "Innenministerium (Rumänien)",
        ),
    ],
)
def test_a_known_body_after_an_opening_phrase_and_fait_etat(sentence, origin):
    assert attribution(sentence)[0] == origin


def test_a_countrys_ministry_does_not_take_in_a_ministry_named_without_country():
    reports = [
        ("The Romanian Interior Ministry reported that 5,000 families were affected.", "en"),
        ("In Polen starben vier Menschen, sagte ein Sprecher des Innenministeriums.", "de"),
    ]
    assert _story_origins(reports) == {"Innenministerium (Rumänien)", "Innenministerium"}


@pytest.mark.parametrize(
    "text, language, origin",
    [
        (
            "Thirty deaths were confirmed in the county, the sheriff said on Sunday. "
            "Search efforts go on, Sheriff Anna Berg said.",
            "en",
            "Anna Berg",
        ),
        (
            "30 Menschen seien ums Leben gekommen, sagte der Bürgermeister am Abend. "
            "Bürgermeister Jan Kowal bat die Bewohner um Geduld.",
            "de",
            "Jan Kowal",
        ),
        # Two people in the role: who spoke is not said.
        (
            "Thirty deaths were confirmed, the sheriff said. Sheriff Anna Berg and Sheriff Tom Lee met.",
            "en",
            None,
        ),
    ],
)
def test_a_role_alone_is_the_one_person_the_report_names_in_it(text, language, origin):
    assert _origins(text, language)[30] == origin


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # Cues of Russian, Ukrainian, Czech and Slovak reports.
        ("В результате взрыва погибли 25 человек, сообщает ИРНА.", "ИРНА"),
        ("За даними ДСНС, загинули 25 людей.", "ДСНС"),
        ("Podle ČTK zemřelo 25 lidí.", "ČTK"),
        ("Papež zemřel v pondělí ráno, oznámil Vatikán.", "Vatikan"),
        # A town after words that name no one is where, not who.
        ("Situácia je podľa najnovších informácií v meste Ostrava vážna, zaplavilo 80 domov.", None),
    ],
)
def test_cues_of_more_languages_and_a_town_is_no_origin(sentence, origin):
    assert attribution(sentence)[0] == origin


def test_an_agency_named_beside_other_origins_is_cited_for_its_own_statement_only():
    text = (
        "Bei der Explosion starben 25 Menschen, meldete der Sender IRIB. "
        "Der Brand war zu 80 Prozent gelöscht. "
        "Die Ursache sei falsche Lagerung gewesen, berichtete die AP."
    )
    assert _origins(text, "de")[80] is None


def test_a_person_whose_name_holds_a_place_is_still_the_origin():
    sentence = "Según el alcalde Tomás Ribera, al menos 14 personas murieron en Marlinga."
    assert attribution(sentence)[0] == "Tomás Ribera"


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "In Polen starben vier Menschen, sagte ein Sprecher des Innenministeriums. "
            "In Österreich starben zwei Menschen.",
            "de",
        ),
        (
            "Four people died in Poland, the Interior Ministry said. Two people died in Austria.",
            "en",
        ),
    ],
)
def test_a_neighbours_origin_does_not_carry_to_a_count_in_another_country(text, language):
    origins = _origins(text, language)
    assert origins[4] == "Innenministerium" and origins[2] is None


def test_more_english_verbs_of_speech_and_the_full_name_for_a_surname():
    text = (
        "Operations Chief Ana Lopes emphasized the urgency, saying 20 homes had burned. "
        '"We need to move fast," Lopes said.'
    )
    doc = report("t1", text, "2024-10-30", language="en")
    assert {c.attributed_to for c in story_claims([doc]) if c.attributed_to} == {"Ana Lopes"}


def test_a_person_named_by_one_word_takes_the_full_name_the_reports_write():
    reports = [
        ("Präsident Tom Berger besuchte das Lager.", "de"),
        ("Mindestens 20 Menschen seien gestorben, sagte Berger.", "de"),
    ]
    assert _story_origins(reports) == {"Tom Berger"}
    # Two people of that name in the reports: which one spoke is not said.
    reports.append(("Eva Berger, his wife, stayed at home.", "en"))
    assert _story_origins(reports) == {"Berger"}


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # German names a body in the dative, in the singular and in compounds of what it gave.
        ("Den Rettungskräften zufolge starben 12 Menschen.", "Rettungsdienste"),
        ("Laut den Feuerwehren brannten 12 Häuser.", "Feuerwehr"),
        ("Nach Angaben des Rettungsdienstes starben 12 Menschen.", "Rettungsdienste"),
        ("Laut Polizeiangaben starben 12 Menschen.", "Polizei"),
        ("Nach Polizeiangaben starben 12 Menschen.", "Polizei"),
        ("Laut Regierungsangaben starben 12 Menschen.", "Regierung"),
        # A compound of no body names no one.
        ("Nach Medieninformationen starben 12 Menschen.", None),
        ("Medienberichten zufolge starben 12 Menschen.", None),
    ],
)
def test_a_german_body_in_the_dative_singular_or_a_compound(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # Bodies every language names in its own words, shown by their German name.
        ("El balance de Protección Civil es de 12 muertos.", "Zivilschutz"),
        ("Selon la Croix-Rouge, 12 personnes sont mortes.", "Rotes Kreuz"),
        ("According to the National Hurricane Center, winds reached 120 mph.", "Nationales Hurrikanzentrum"),
        (
            "Der Sturm erreichte 200 km/h, wie das Nationale Hurrikan-Zentrum mitteilte.",
            "Nationales Hurrikanzentrum",
        ),
        ("Secondo l'Organizzazione mondiale della sanità, 12 persone sono morte.", "WHO"),
        # "who" is no acronym in lower case.
        ("Residents who fled said 12 homes burned.", None),
    ],
)
def test_bodies_every_language_names_in_its_own_words(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # A name set off by commas after its role, before the verb.
        ("El presidente de la región, Carlos Marín, confirmó 12 muertos.", "Carlos Marín"),
        ("Die Bürgermeisterin von Marlingen, Eva Kurz, sagte, 12 Menschen seien gestorben.", "Eva Kurz"),
        ("The city's deputy mayor, Tom Berger, said 12 homes were flooded.", "Tom Berger"),
        # Not a place in a list, nor a subject after an inverted verb, nor a role's body.
        ("In Paris, Berlin, Rome, said the analysts, 12 people were hurt.", None),
        ("Der Gutachter, Professor in Marlingen, berichtete über 12 Schäden.", None),
        # The body a spokesperson speaks for, between the role and the name.
        ("Rzecznik MSWiA Jan Kowal poinformował, że zginęło 12 osób.", "Jan Kowal"),
        # A French prefecture, with its place.
        ("Au moins 12 personnes sont mortes, a indiqué la préfecture.", "Präfektur"),
        ("Selon la préfecture de Marlingen, 14 personnes sont mortes.", "Präfektur Marlingen"),
        ("La Agencia de Meteorología alertó de lluvias de 200 litros.", "Agencia de Meteorología"),
    ],
)
def test_names_after_roles_and_bodies_of_a_departement(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "text, language, origin",
    [
        # A role with whom it is of, then the name.
        ("Nie żyje 12 osób, przekazał wojewoda dolnośląski Jan Kowal.", "pl", "Jan Kowal"),
        ("Sono morte 12 persone, ha detto il sindaco di Marlinga, Paolo Verdi.", "it", "Paolo Verdi"),
        ("Zginęło 12 osób - poinformował rzecznik policji Jan Kowal.", "pl", "Polizei"),
        # A role of a place that the report names no one in: no origin, not the place.
        ("Le maire de Marlingen a annoncé 12 morts.", "fr", None),
        # A day after the verb is no name.
        ("Twelve deaths were confirmed in the county, the sheriff said Sunday evening.", "en", None),
    ],
)
def test_a_role_of_a_place_or_body_is_the_person_named_in_it(text, language, origin):
    assert _origins(text, language)[12] == origin


@pytest.mark.parametrize(
    "sentence, origin",
    [
        # South Korea's intelligence service is the NIS in every language the claims read.
        ("About 10,000 North Korean soldiers are in Russia, South Korea's spy agency said.", "NIS"),
        ("Environ 12 000 soldats ont été déployés, selon le renseignement sud-coréen.", "NIS"),
        ("Unos 12.000 soldados han sido desplegados, según la inteligencia surcoreana.", "NIS"),
        ("Circa 12.000 soldati sono stati inviati, secondo l'intelligence di Seul.", "NIS"),
        ("Według wywiadu Korei Południowej na froncie jest 12 tys. żołnierzy.", "NIS"),
        ("Segundo os serviços de inteligência sul-coreanos, 12 mil soldados foram enviados.", "NIS"),
        ("Volgens de Zuid-Koreaanse inlichtingendienst zijn er 12.000 soldaten.", "NIS"),
        ("Ukraine's military intelligence agency said 3,000 soldiers had been killed.", "HUR"),
        # A role in a German case is no part of the name.
        (
            "Nach Angaben des ukrainischen Präsidenten Wolodymyr Selenskyj sind es 12.000.",
            "Wolodymyr Selenskyj",
        ),
        # A country's armed forces by their kind, with the country; alone they name no one.
        ("The Russian military said 12 soldiers died.", "Militär (Russland)"),
        ("Selon l'armée ukrainienne, 12 soldats sont morts.", "Militär (Ukraine)"),
        ("The military said 12 soldiers died.", None),
    ],
)
def test_a_countrys_intelligence_service_and_armed_forces(sentence, origin):
    assert attribution(sentence)[0] == origin


@pytest.mark.parametrize(
    "text, language, origin",
    [
        # A verb of speech with no subject, or with the pronoun after it, is the person
        # named before, as "he said" is.
        (
            "Le président Jean Dufour a visité le front. Plus de 3 000 soldats sont morts, a-t-il déclaré.",
            "fr",
            "Jean Dufour",
        ),
        (
            "Le président Jean Dufour a visité le front. Plus de 3 000 soldats sont morts, précise-t-il.",
            "fr",
            "Jean Dufour",
        ),
        (
            "Prezydent Jan Kowal odwiedził front. Zginęło ponad 3000 żołnierzy - powiedział.",
            "pl",
            "Jan Kowal",
        ),
        (
            "Il presidente Paolo Verdi ha visitato il fronte. Più di 3.000 soldati sono morti, ha detto.",
            "it",
            "Paolo Verdi",
        ),
        # A question with the pronoun after its verb is no speech.
        ("Le président Jean Dufour a visité le front. Faut-il envoyer 3 000 soldats de plus ?", "fr", None),
        # Two names before it: who speaks is a guess, even when only one is a known person.
        (
            "In Marlingen, the home town of Tom Berger, Juan Luis Roy, a pensioner, waited. "
            "More than 3,000 died, he said.",
            "en",
            None,
        ),
    ],
)
def test_a_verb_of_speech_without_subject_is_the_one_person_named_before(text, language, origin):
    assert _origins(text, language)[3000] == origin


@pytest.mark.parametrize(
    ("sentence", "origin"),
    [
        # "as X said" opens on "as", which is no one; the body after the verb is the origin
        ("Jak podała policja, zginęło 17 osób.", "Polizei"),
        ("Jak poinformowało ministerstwo zdrowia, zginęło 17 osób.", "Gesundheitsministerium"),
        ("Como informó la policía, murieron 17 personas.", "Polizei"),
        # "laut Angaben des X" without an article before "Angaben"
        ("Laut Angaben des Roten Kreuzes wurden 17 Menschen verletzt.", "Rotes Kreuz"),
    ],
)
def test_as_x_said_and_laut_angaben_name_the_origin(sentence, origin):
    from lagebild.claims import attribution

    assert attribution(sentence)[0] == origin
