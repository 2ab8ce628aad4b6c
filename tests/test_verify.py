"""Verification of sentences against sources written for the tests (tests/data/stories.jsonl)."""

from __future__ import annotations

import pytest

from conftest import report, story_documents
from lagebild.embed import paraphrase_embedders
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


def _report(doc_id: str, text: str, language: str):
    return report(doc_id, text, "2025-01-10", doc_id, language)


@pytest.fixture(scope="module")
def german_sources():
    return [
        _report(
            "de-1",
            "Die Waldbrände im Osten der Stadt wüten seit Dienstag. Die Behörden meldeten am Abend, dass "
            "durch die Feuer bislang zehn Menschen ums Leben gekommen seien. "
            "Tausende Menschen mussten ihre Häuser verlassen.",
            "de",
        ),
        _report(
            "de-2",
            "Seoul (dpa) - In der Nationalversammlung stimmten 190 Abgeordnete "
            "für die Aufhebung des Kriegsrechts.",
            "de",
        ),
        _report("de-3", "Die Agentur Yonhap meldete am Abend Proteste vor dem Parlament in Seoul.", "de"),
    ]


def test_paraphrase_across_languages_sharing_the_figure(german_sources):
    semantic = Verifier(german_sources, semantic=True)
    sentence = "The wildfires in the east of the city have killed 10 people so far, local authorities said."
    v = semantic.check(sentence, "en")
    assert v.verdict == "supported" and v.evidence[0].doc_id == "de-1"
    assert Verifier(german_sources).check(sentence, "en").verdict == "unsupported"  # rules alone
    # The figure must still be carried: injured is not killed, 12 is not 10.
    for changed in ("have injured 10 people so far", "have killed 12 people so far"):
        v = semantic.check(f"The wildfires in the east of the city {changed}, local authorities said.", "en")
        assert v.verdict != "supported"


def test_the_paraphrase_step_embeds_with_use_and_with_e5_for_a_language_use_lacks(german_sources, db):
    use, e5 = paraphrase_embedders(db)
    verifier = Verifier(german_sources, semantic=True, embedders=(use, e5))
    sources = [s.text for d in german_sources for s in d.sentences]
    english = "The wildfires in the east of the city have killed 10 people so far, local authorities said."
    assert verifier.check(english, "en").verdict == "supported"
    assert db.vectors([use.key(t) for t in sources]) and not db.vectors([e5.key(t) for t in sources])
    # USE does not know Czech: the same candidates are embedded again by e5, and compared
    # only with the Czech sentence's e5 vector.
    czech = "Lesní požáry na východě města si dosud vyžádaly deset obětí, uvedly místní úřady."
    v = verifier.check(czech, "cs")
    assert v.verdict == "supported" and v.evidence[0].doc_id == "de-1"
    assert db.vectors([e5.key(t) for t in sources])


def test_an_origin_the_sources_only_infer_is_unconfirmed_not_contradicted(german_sources):
    # The source's origin comes from the vote rule, not from its words: naming another
    # origin the sources know (de-3 cites Yonhap) cannot contradict it, but the named
    # origin is not confirmed for this claim either.
    v = Verifier(german_sources).check(
        "Laut Yonhap stimmten in der Nationalversammlung 190 Abgeordnete für die Aufhebung des Kriegsrechts."
    )
    assert v.verdict == "supported" and kinds(v) == ["unconfirmed_attribution"]


def test_an_origin_no_source_names_is_unknown_and_another_report_may_back_the_origin(german_sources):
    verifier = Verifier(german_sources)
    v = verifier.check("Laut UN stimmten in der Nationalversammlung 190 Abgeordnete für die Aufhebung.")
    assert "unknown_source" in kinds(v) and "„UN“" in v.issues[0].detail
    v = verifier.check("Laut Polizei stimmten in der Nationalversammlung 190 Abgeordnete für die Aufhebung.")
    assert "unknown_source" not in kinds(v)  # a general origin need not be named by a source


def test_the_report_that_names_the_origin_backs_the_attribution():
    sources = [
        _report("nis", "Laut NIS sind rund 10.000 nordkoreanische Soldaten in Russland eingetroffen.", "de"),
        _report("pentagon", "The Pentagon said roughly 10,000 North Korean soldiers are in Russia.", "en"),
    ]
    v = Verifier(sources).check(
        "Laut Pentagon sind rund 10.000 nordkoreanische Soldaten in Russland eingetroffen."
    )
    assert v.verdict == "supported" and kinds(v) == [] and v.evidence[0].doc_id == "pentagon"
    v = Verifier(sources[:1]).check("Laut Pentagon sind rund 10.000 nordkoreanische Soldaten in Russland.")
    assert v.verdict == "contradicted" or "unknown_source" in kinds(v)


def test_a_publisher_is_spelled_one_way_while_vague_sources_name_no_one():
    sources = [
        _report("a", "Die Brücke in Kellbach ist gesperrt, teilte die Polizei mit.", "de"),
        _report("b", "Nach dem Einsturz bleibt die Brücke in Kellbach gesperrt.", "de"),
    ]
    sources[1].source = "dusseldorfnews.de"
    verifier = Verifier(sources)
    v = verifier.check("Wie dusesldorfnews berichtete, bleibt die Brücke in Kellbach gesperrt.")
    assert kinds(v)[:1] == ["misspelled_source"] and "dusseldorfnews" in v.issues[0].detail
    assert "misspelled_source" not in kinds(
        verifier.check("Wie dusseldorfnews berichtete, ist die Brücke gesperrt.")
    )
    v = verifier.check("Medienberichten zufolge bleibt die Brücke in Kellbach gesperrt.")
    assert not {"unknown_source", "misspelled_source"} & set(kinds(v))


def test_a_name_no_source_of_the_claim_carries_is_an_unsupported_detail():
    # Written for the test: a meeting the reports tell, and an article that adds its purpose.
    sources = [
        _report(
            "rom",
            "Am Sonntag empfing Papst Johannes den Vizepräsidenten der Republik Kellanien, Ivo Marak, "
            "zu einer kurzen Begegnung im Vatikan.",
            "de",
        ),
        _report(
            "wire",
            "On Sunday Pope John received Kellanian Vice President Ivo Marak at the Vatican.",
            "en",
        ),
    ]
    verifier = Verifier(sources)
    backed = verifier.check("Am Sonntag empfing Papst Johannes den Vizepräsidenten Ivo Marak im Vatikan.")
    assert backed.verdict == "supported" and kinds(backed) == []
    # The place swapped for one no report names.
    invented = verifier.check(
        "Am Sonntag empfing Papst Johannes den Vizepräsidenten Ivo Marak in Kopenhagen."
    )
    assert invented.verdict == "unsupported" and kinds(invented) == ["unsupported_detail"]
    assert "Kopenhagen" in invented.issues[0].detail
    # A common German noun that a place gazetteer also lists ("Rede") is no name detail.
    common = verifier.check("Am Sonntag war von einer Begegnung mit Ivo Marak im Vatikan die Rede.")
    assert "unsupported_detail" not in kinds(common)


def test_a_figure_changed_across_languages_is_a_number_mismatch():
    # Written for the test: the Spanish report counts 300 rescued, the article says 3.000.
    sources = [
        _report("es", "Durante la noche, los bomberos rescataron a 300 personas en Marlingen.", "es"),
        _report("de", "In Marlingen steht die Altstadt unter Wasser.", "de"),
    ]
    verifier = Verifier(sources, semantic=True)
    right = verifier.check("In der Nacht retteten die Feuerwehrleute in Marlingen 300 Menschen.", "de")
    assert right.verdict == "supported"
    changed = verifier.check("In der Nacht retteten die Feuerwehrleute in Marlingen 3.000 Menschen.", "de")
    assert changed.verdict == "contradicted" and kinds(changed) == ["number_mismatch"]
    assert changed.evidence[0].doc_id == "es"


@pytest.fixture(scope="module")
def dated_sources():
    # Written for the test: a meeting on a Sunday (the reports appeared on Monday, 13 January
    # 2025), told in German, English and Spanish, and where and when the pope was born.
    return Verifier(
        [
            report(
                "de",
                "Am Sonntag empfing Papst Johannes den Vizepräsidenten Ivo Marak im Vatikan. "
                "Papst Johannes wurde in Kellbach am Rhein als Sohn eines Fischers geboren.",
                "2025-01-13",
                "Rheinpost",
                "de",
            ),
            report(
                "en",
                "Pope John received Vice President Ivo Marak at the Vatican yesterday.",
                "2025-01-13",
                "Wire",
                "en",
            ),
            report(
                "kb",
                "Der 1941 geborene Johannes ist der erste Papst aus Kellbach.",
                "2025-01-13",
                "Kurier",
                "de",
            ),
            report(
                "es",
                "El papa Juan se reunió el 12 de enero de 2025 con Ivo Marak en el Vaticano.",
                "2025-01-13",
                "Diario",
                "es",
            ),
        ]
    )


def test_a_shifted_day_is_a_date_mismatch(dated_sources):
    v = dated_sources.check("Am Donnerstag empfing Papst Johannes den Vizepräsidenten Ivo Marak im Vatikan.")
    assert v.verdict == "contradicted" and kinds(v) == ["date_mismatch"]
    assert "Sonntag" in v.issues[0].detail


def test_a_day_or_year_no_source_names_is_an_unsupported_detail(dated_sources):
    v = dated_sources.check("Papst Johannes wurde 1938 in Kellbach am Rhein als Sohn eines Fischers geboren.")
    assert v.verdict == "unsupported" and kinds(v) == ["unsupported_detail"]
    assert "1938" in v.issues[0].detail
    v = dated_sources.check(
        "Papst Johannes wurde an einem Dienstag in Kellbach am Rhein als Sohn eines Fischers geboren."
    )
    assert v.verdict == "unsupported" and "Dienstag" in v.issues[0].detail


def test_a_date_told_in_other_words_or_languages_is_carried(dated_sources):
    # "yesterday" in a report of Monday, and "12 de enero de 2025" are that Sunday; the year
    # of birth is told in another sentence than the place.
    for sentence in (
        "Am 12. Januar empfing Papst Johannes den Vizepräsidenten Ivo Marak im Vatikan.",
        "Am Sonntag, dem 12. Januar 2025, traf Papst Johannes Ivo Marak im Vatikan.",
        "Papst Johannes wurde 1941 in Kellbach am Rhein als Sohn eines Fischers geboren.",
    ):
        v = dated_sources.check(sentence)
        assert v.verdict == "supported" and kinds(v) == [], sentence


def test_a_negation_is_judged_in_its_clause():
    # Written for the test: the report negates another clause than the checked one.
    verifier = Verifier(
        [
            _report(
                "de",
                "Der Polizist wurde beim Angriff in Marlingen schwer verletzt. Der Angreifer, der den "
                "Polizisten in Marlingen verletzte, ist bislang nicht vernehmungsfähig.",
                "de",
            )
        ]
    )
    v = verifier.check("Der Polizist wurde beim Angriff in Marlingen nicht schwer verletzt.", "de")
    assert v.verdict == "contradicted" and kinds(v) == ["contradiction"]
    v = verifier.check("Der Polizist wurde beim Angriff in Marlingen schwer verletzt.", "de")
    assert v.verdict == "supported"


def test_a_negation_against_evidence_in_another_language(german_sources):
    semantic = Verifier(german_sources, semantic=True)
    said = "The wildfires in the east of the city have {} 10 people so far, local authorities said."
    v = semantic.check(said.format("not killed"), "en")
    assert v.verdict == "contradicted" and "contradiction" in kinds(v)
    # "but not": a negated part, not a negated claim.
    v = semantic.check(said.format("killed, but not firefighters,"), "en")
    assert "contradiction" not in kinds(v)


def test_the_closest_sentence_names_whose_claim_it_is():
    # Written for the test: the report quotes the mayor elsewhere, but this claim is Marak's.
    verifier = Verifier(
        [
            _report(
                "de",
                "Dort erklärte Ivo Marak vor den Gästen, die Lindenbrücke in Kellbach sei in fünf Jahren "
                "wieder aufgebaut worden. Bürgermeisterin Karin Vogt sagte, sie danke allen Helfern in "
                "Kellbach. Die Lindenbrücke wurde am Abend für den Verkehr freigegeben.",
                "de",
            )
        ]
    )
    v = verifier.check(
        "Karin Vogt sagte, die Lindenbrücke in Kellbach sei in fünf Jahren wieder aufgebaut worden.", "de"
    )
    assert v.verdict == "contradicted" and "misattribution" in kinds(v)
    v = verifier.check(
        "Ivo Marak sagte, die Lindenbrücke in Kellbach sei in fünf Jahren wieder aufgebaut worden.", "de"
    )
    assert v.verdict == "supported" and kinds(v) == []


def test_a_changed_time_of_day_is_a_number_mismatch_in_any_language():
    # Written for the test: when the dam broke, in German and French; a sentence that
    # moves it by two hours contradicts both.
    sources = [
        report("u1", "Der Damm bei Marlingen brach am Montag um 7:35 Uhr.", "2025-03-10"),
        report("u2", "La digue de Marlingen a cédé lundi à 7h35.", "2025-03-10", "Le Quotidien", "fr"),
    ]
    verifier = Verifier(sources)
    assert verifier.check("Der Damm bei Marlingen brach am Montag um 7.35 Uhr.").verdict == "supported"
    moved = verifier.check("Der Damm bei Marlingen brach am Montag um 9:35 Uhr.")
    assert moved.verdict == "contradicted" and kinds(moved) == ["number_mismatch"]
    assert moved.issues[0].detail.startswith("9:35 Uhr: die Quellen sagen 7:35")


def test_a_full_date_is_carried_by_its_day_in_a_report_that_gives_no_year():
    # Written for the test: an undated report names the day without a year; a dated one
    # names another year for it.
    checked = "Der Damm am Fluss Selle bei Marlingen brach am 21.04.2025 in den frühen Morgenstunden."
    undated = report(
        "y1", "Der Damm am Fluss Selle bei Marlingen brach am 21. April in den frühen Morgenstunden.", None
    )
    assert Verifier([undated]).check(checked).verdict == "supported"
    dated = report(
        "y2", "Der Damm am Fluss Selle bei Marlingen brach am 21. April 2024 früh am Morgen.", "2024-04-22"
    )
    other_year = Verifier([dated]).check(checked)
    assert other_year.verdict != "supported"


def test_a_person_with_a_common_first_name_is_a_detail_by_the_family_name():
    # Written for the test: the reports name the mayor; a sentence that puts another person
    # in her place, whose first name is a common word, names someone no report names.
    said = (
        "Nach dem Bruch des alten Damms an der Selle ordnete die Marlinger Bürgermeisterin Anna "
        "Voskamp am Montagabend drei Tage offizielle Trauer für die vierzehn Opfer der Flutwelle "
        "in der Altstadt an."
    )
    sources = [
        report("p1", said, "2025-03-10"),
        report("p2", "Die Stadt Marlingen hat nach dem Dammbruch drei Tage Trauer angeordnet.", "2025-03-10"),
    ]
    verifier = Verifier(sources)
    assert verifier.check(said).verdict == "supported"
    swapped = verifier.check(said.replace("Anna Voskamp", "Maria Lindqvist"))
    assert swapped.verdict == "unsupported"
    assert [(i.kind, i.detail) for i in swapped.issues] == [
        ("unsupported_detail", "keine Quelle nennt Maria Lindqvist")
    ]


def test_across_languages_only_proper_names_must_meet():
    # German capitalises every noun; "Abend", "Orchester" and "Werk" are translated in an
    # English report, so only the proper names can be asked of it.
    sources = [
        report(
            "en1",
            "The Slovak Philharmonic played a symphony by Smetana in Bratislava on Friday evening. "
            "Tickets had sold out within a week.",
            "2026-03-06",
            source="Danube Post",
            language="en",
        ),
        report(
            "en2",
            "A storm closed the ferry between Bratislava and Vienna for two days.",
            "2026-03-06",
            source="River Wire",
            language="en",
        ),
    ]
    verifier = Verifier(sources)
    carried = verifier.check("Am Abend spielte das Orchester in Bratislava ein Werk von Smetana.", "de")
    assert carried.verdict == "supported", carried
    assert carried.evidence[0].doc_id == "en1"
    # A proper name no report gives still fails the sentence.
    invented = verifier.check("Am Abend spielte das Orchester in Bratislava ein Werk von Dvořák.", "de")
    assert invented.verdict == "unsupported"


def test_a_negated_figure_contradicts_the_figure():
    # A clause whose only content is a figure is compared by that figure; with no word to
    # share, only the paraphrase step finds the source sentence.
    sources = [report("a", "Die Bürgermeisterin von Linz ist tot. Sie war 71.", "2026-02-02", language="de")]
    verifier = Verifier(sources, semantic=True)
    assert verifier.check("Sie war 71.", "de").verdict == "supported"
    verdict = verifier.check("Sie war nicht 71.", "de")
    assert verdict.verdict == "contradicted"
    assert verdict.issues[0].kind == "contradiction"


def test_a_publisher_named_in_full_is_its_short_name():
    sources = [
        report(
            "kr",
            "In Kellbach ist ein Teil der Lindenbrücke in den Rhein gestürzt. Verletzt wurde niemand.",
            "2024-03-12",
            source="KR",
            language="de",
        )
    ]
    sentence = "Wie der Kellbacher Rundfunk berichtete, ist ein Teil der Lindenbrücke in den Rhein gestürzt."
    verdict = Verifier(sources).check(sentence, "de")
    assert verdict.verdict == "supported" and verdict.issues == [], verdict


def test_a_large_figure_read_under_another_word_is_the_same_figure():
    # One report's figure is read as people stranded, the other's as people: a value that
    # large is the same figure, so the origin decides (misattribution), not a mismatch.
    sources = [
        report(
            "nl",
            "Volgens persbureau ANP zaten er zo'n 1300 mensen vast op de wegen rondom Kellbach.",
            "2024-03-12",
            source="Rivierbode",
            language="nl",
        ),
        report(
            "nl2", "Bij ongeveer 90.000 mensen in Kellbach viel de stroom uit.", "2024-03-12", language="nl"
        ),
    ]
    verdict = Verifier(sources, semantic=True).check(
        "Rund 1.300 Menschen saßen laut der Polizei auf den Straßen rund um Kellbach fest.", "de"
    )
    assert verdict.verdict == "contradicted"
    assert [i.kind for i in verdict.issues] == ["misattribution"], verdict


def test_a_state_that_changed_over_days_is_no_contradiction():
    sources = [
        report(
            "d1",
            "Präsident Tomas Veld verhängte am Dienstag eine Ausgangssperre über Kellbach.",
            "2026-05-05",
        ),
        report(
            "d2",
            "Präsident Tomas Veld hat die Ausgangssperre über Kellbach am Mittwoch aufgehoben.",
            "2026-05-06",
        ),
    ]
    verifier = Verifier(sources)
    assert (
        verifier.check(
            "Präsident Tomas Veld verhängte am Dienstag eine Ausgangssperre über Kellbach.", "de"
        ).issues
        == []
    )
    lifted = verifier.check("Tomas Veld hob die Ausgangssperre über Kellbach am Mittwoch auf.", "de")
    assert lifted.verdict == "supported", lifted
    # No report says the curfew was lifted on Tuesday, and the closest one says it was imposed.
    only = Verifier(sources[:1]).check(
        "Präsident Tomas Veld hob am Dienstag die Ausgangssperre über Kellbach auf.", "de"
    )
    assert only.verdict == "contradicted" and only.issues[0].kind == "contradiction", only


def test_a_confirmation_the_sources_report_only_under_reserve_is_a_detail():
    sources = [
        report(
            "a",
            "Der Bürgermeister von Kellbach soll nach Angaben aus dem Rathaus am Montag zurückgetreten sein.",
            "2026-03-09",
        )
    ]
    verifier = Verifier(sources)
    confirmed = verifier.check(
        "Der Bürgermeister von Kellbach ist am Montag zurückgetreten, bestätigte das Rathaus.", "de"
    )
    assert confirmed.verdict == "unsupported"
    assert any(i.kind == "unsupported_detail" and "Vorbehalt" in i.detail for i in confirmed.issues), (
        confirmed
    )
    # Said with the same reserve, the sentence is what the source says.
    assert (
        verifier.check("Der Bürgermeister von Kellbach soll am Montag zurückgetreten sein.", "de").issues
        == []
    )


def test_a_feast_is_its_day_in_any_language():
    # Written for the test: an English report names the feast, a German sentence names it
    # in German; a shifted feast is another day.
    sources = [
        report(
            "f1",
            "Marlingen near Vorlanza was flooded on Easter Monday after the dam upstream gave way.",
            "2025-04-22",
            language="en",
        )
    ]
    verifier = Verifier(sources)
    carried = verifier.check("Marlingen bei Vorlanza wurde am Ostermontag überflutet.", "de")
    assert carried.verdict == "supported" and kinds(carried) == []
    shifted = verifier.check("Marlingen bei Vorlanza wurde am Karfreitag überflutet.", "de")
    assert shifted.verdict == "contradicted" and kinds(shifted) == ["date_mismatch"]


def test_a_source_dating_one_of_two_days_a_sentence_names_is_no_contradiction():
    # Written for the test: the sentence dates the breach and, for another event, the
    # evening before; the source names only the breach's day, as a feast.
    sources = [
        report(
            "d1", "Der Damm von Marlingen an der Selle brach am Ostermontag und flutete die Altstadt.", None
        ),
        report("d2", "Die Feuerwehr von Vorlanza pumpte am Dienstag Keller aus.", None),
        report("d3", "In Vorlanza blieb die Schule geschlossen.", None),
    ]
    verifier = Verifier(sources)
    two = verifier.check(
        "Der Damm von Marlingen an der Selle brach am 21. April, einen Tag nach dem Ostersonntag, "
        "und flutete die Altstadt.",
        "de",
    )
    assert two.verdict == "unsupported" and kinds(two) == ["unsupported_detail"]
    assert two.issues[0].detail == "keine Quelle nennt Ostersonntag, 21. April"
    one = verifier.check(
        "Der Damm von Marlingen an der Selle brach am Ostersonntag und flutete die Altstadt.", "de"
    )
    assert one.verdict == "contradicted" and kinds(one) == ["date_mismatch"]


def test_an_acronym_its_language_writes_often_is_no_name_to_look_up():
    # Written for the test: the French sentence says "AVC" (a stroke), the English report
    # "stroke"; an acronym nobody uses is still a detail.
    sources = [
        report(
            "a1",
            "The former mayor of Marlingen, Anna Voskamp, died of a stroke on Monday at the age of 81.",
            "2025-03-10",
            language="en",
        )
    ]
    verifier = Verifier(sources)
    said = "L'ancienne maire de Marlingen, Anna Voskamp, est morte d'un AVC lundi à l'âge de 81 ans."
    assert "keine Quelle nennt AVC" not in [i.detail for i in verifier.check(said, "fr").issues]
    invented = verifier.check(said.replace("d'un AVC", "selon le SFXQ"), "fr")
    assert any("SFXQ" in i.detail for i in invented.issues)


def test_evidence_in_another_language_on_the_clauses_a_sentence_does_not_negate_is_no_contradiction():
    # Written for the test: the English report backs the stay in hospital, and says nothing
    # of the funeral the German sentence says the mayor missed; a negated stay it contradicts.
    verifier = Verifier(
        [
            report(
                "n1",
                "The mayor of Marlingen spent 12 days in the town clinic after the flood.",
                None,
                language="en",
            ),
            report(
                "n2", "Rescue teams searched the river banks near Vorlanza on Monday.", None, language="en"
            ),
        ]
    )
    missed = verifier.check(
        "Die Bürgermeisterin nahm nicht an der Trauerfeier teil, nachdem sie 12 Tage in der Klinik von "
        "Marlingen verbracht hatte.",
        "de",
    )
    assert "contradiction" not in kinds(missed)
    denied = verifier.check("Die Bürgermeisterin von Marlingen verbrachte nicht 12 Tage in der Klinik.", "de")
    assert denied.verdict == "contradicted" and kinds(denied) == ["contradiction"]


def test_a_year_any_report_names_is_carried_a_year_none_names_is_a_detail():
    # Written for the test: the year the dam was built is told in a sentence of its own, in
    # another language.
    verifier = Verifier(
        [
            report("y1", "Der Damm an der Selle bei Marlingen brach am Montag nach tagelangem Regen.", None),
            report("y2", "Engineers say the dam was built in 1961 of local stone.", None, language="en"),
        ]
    )
    built = verifier.check(
        "Der 1961 gebaute Damm an der Selle bei Marlingen brach am Montag nach tagelangem Regen."
    )
    assert built.verdict == "supported" and kinds(built) == []
    other = verifier.check(
        "Der 1972 gebaute Damm an der Selle bei Marlingen brach am Montag nach tagelangem Regen."
    )
    assert other.verdict == "unsupported" and [i.detail for i in other.issues] == ["keine Quelle nennt 1972"]


def test_the_authorities_are_any_public_body_a_report_names():
    # Written for the test: the report credits the toll to the Guardia Civil, the sentence
    # to the authorities; a named person is someone in particular.
    sources = [
        report(
            "g1",
            "Según la Guardia Civil, al menos 14 personas murieron en Marlinga tras la rotura de la presa.",
            None,
            language="es",
        )
    ]
    verifier = Verifier(sources)
    said = verifier.check(
        "Al menos 14 personas murieron en Marlinga tras la rotura de la presa, según las autoridades.", "es"
    )
    assert said.verdict == "supported" and kinds(said) == []
    person = [
        report(
            "g2",
            "Según el alcalde Tomás Ribera, al menos 14 personas murieron en Marlinga tras la rotura "
            "de la presa.",
            None,
            language="es",
        )
    ]
    given = Verifier(person).check(
        "Al menos 14 personas murieron en Marlinga tras la rotura de la presa, según las autoridades.", "es"
    )
    assert kinds(given) == ["misattribution"]


def test_a_tally_of_another_day_does_not_contradict_the_sentences_day():
    # Written for the test: tolls are updated over days; the report gives Tuesday's, the
    # sentence Sunday's lower bound. The same toll on another day is a date mismatch.
    verifier = Verifier(
        [
            report(
                "t1",
                "On Tuesday the county coroner confirmed 25 deaths in the Marlingen floods.",
                "2025-03-12",
                language="en",
            ),
            report("t2", "Rescue teams searched the river banks near Vorlanza.", "2025-03-12", language="en"),
        ]
    )
    bound = verifier.check(
        "On Sunday the county coroner confirmed at least 24 deaths in the Marlingen floods.", "en"
    )
    assert bound.verdict == "unsupported" and kinds(bound) == ["unsupported_detail"]
    same = verifier.check("On Sunday the county coroner confirmed 25 deaths in the Marlingen floods.", "en")
    assert same.verdict == "contradicted" and kinds(same) == ["date_mismatch"]


def test_a_few_things_referred_to_as_known_are_no_count_to_carry():
    # Written for the test: the report names both fires without counting them.
    verifier = Verifier(
        [
            report(
                "r1",
                "The Marlingen and Vorlanza fires have killed 25 people, the county coroner said on Monday.",
                "2025-03-10",
                language="en",
            )
        ]
    )
    known = verifier.check(
        "The county coroner said on Monday that the two fires have killed 25 people.", "en"
    )
    assert known.verdict == "supported" and kinds(known) == []
    counted = verifier.check(
        "The county coroner said on Monday that three fires have killed 25 people.", "en"
    )
    assert kinds(counted) == ["unsupported_detail"] and "three" in counted.issues[0].detail


def test_the_evidence_shown_counts_what_the_sentence_counts():
    # Written for the test: two reports give the same figure, one for households, one for
    # people; the sentence counts households.
    semantic = Verifier(
        [
            report("h1", "Bij ongeveer 150.000 mensen in de regio viel de stroom uit.", None, language="nl"),
            report(
                "h2", "Près de 150 000 foyers de la région étaient privés d'électricité.", None, language="fr"
            ),
        ],
        semantic=True,
    )
    v = semantic.check("Fast 150.000 Haushalte waren zeitweise ohne Strom.", "de")
    assert v.verdict == "supported" and v.evidence[0].doc_id == "h2"


def test_a_rare_name_shared_across_languages_anchors_a_paraphrase():
    # Written for the test: the English report says it in other words; only the basilica's
    # name is shared, and few reports give it. The town's name, given by most reports,
    # anchors nothing.
    others = [
        report(f"m{k}", text, None, language="en")
        for k, text in enumerate(
            [
                "The flood in Marlingen killed 14 people on Monday.",
                "Marlingen mourned its mayor on Tuesday.",
                "Rescue teams in Marlingen searched the river banks.",
                "Schools in Marlingen stayed closed.",
            ]
        )
    ]
    basilica = report(
        "b1",
        "Her grave will be in the Basilica of St. Anne of Vorlanza, instead of the town cemetery.",
        None,
        language="en",
    )
    semantic = Verifier([basilica, *others], semantic=True)
    v = semantic.check(
        "Die Bürgermeisterin hatte verfügt, in der Basilika Sankt Anna in Vorlanza beigesetzt zu werden.",
        "de",
    )
    assert v.verdict == "supported" and v.evidence[0].doc_id == "b1"
    unrelated = semantic.check(
        "Weil Marlingen ein Fest verlegt hatte, blieb die Altstadt vom Wasser verschont.", "de"
    )
    assert unrelated.verdict == "unsupported"


def test_a_name_spelled_as_another_language_writes_it_is_the_same_name():
    # Written for the test: the Polish report writes the minister's name with "W" and "j".
    verifier = Verifier(
        [
            report(
                "c1",
                "Minister Wolodymyr Kowalenko odwiedził w poniedziałek zalane miasto Marlingen.",
                None,
                language="pl",
            )
        ]
    )
    said = verifier.check(
        "Minister Volodymyr Kovalenko visited the flooded town of Marlingen on Monday.", "en"
    )
    assert said.verdict == "supported" and kinds(said) == []
    invented = verifier.check(
        "Minister Volodymyr Petrenko visited the flooded town of Marlingen on Monday.", "en"
    )
    assert invented.verdict == "unsupported"


def test_the_storys_own_day_is_carried_for_a_sentence_naming_it_in_passing():
    # Written for the test: most reports date the breach to Monday; a sentence names Monday
    # for a warning no report dates. Another day no report names is still a detail.
    verifier = Verifier(
        [
            report("s1", "The Marlingen dam gave way on Monday.", None, language="en"),
            report("s2", "Le barrage de Marlingen a cédé lundi.", None, language="fr"),
            report("s3", "La presa de Marlingen cedió el lunes.", None, language="es"),
            report("s4", "Die Feuerwehr von Vorlanza warnt vor weiteren Überflutungen an der Selle.", None),
        ]
    )
    said = verifier.check(
        "Die Feuerwehr von Vorlanza warnte am Montag vor weiteren Überflutungen an der Selle."
    )
    assert said.verdict == "supported" and kinds(said) == []
    other = verifier.check(
        "Die Feuerwehr von Vorlanza warnte am Mittwoch vor weiteren Überflutungen an der Selle."
    )
    assert other.verdict == "unsupported" and kinds(other) == ["unsupported_detail"]


def test_a_rank_or_a_day_of_an_event_backs_no_count():
    # Written for the test: the report gives the bishop's rank in the line of Marlingen's
    # bishops; a sentence counting 112 people by that number is backed by nothing.
    verifier = Verifier(
        [
            report(
                "k1",
                "Anna Voskamp, the 112th bishop of Marlingen, opened the new dam on Monday.",
                None,
                language="en",
            )
        ]
    )
    v = verifier.check("On Monday 112 people attended the opening of the new dam in Marlingen.", "en")
    assert v.verdict != "supported" or kinds(v)
