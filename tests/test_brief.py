"""The extractive writer and the renderers, on reports written for the tests."""

from __future__ import annotations

from conftest import report, story_documents
from lagebild.claims import story_claims
from lagebild.compare import compare
from lagebild.model import Brief, BriefSentence, Citation, Document, Story
from lagebild.render.brief import brief_html, brief_markdown
from lagebild.write.extractive import write_brief


def kellbach_docs() -> list[Document]:
    return story_documents("kb-")


def test_extractive_brief_quotes_german_sources_once_per_report():
    docs = kellbach_docs()
    duplicate_of = {"kb-agentur-2": "kb-agentur-1", "kb-agentur-1": "kb-agentur-1"}
    story = Story(
        1,
        "Kellbach: Teil der Lindenbrücke in den Rhein gestürzt",
        [d.id for d in docs],
        ["de", "en"],
        sorted({d.source for d in docs}),
        None,
        None,
    )
    brief = write_brief(story, docs, compare(story_claims(docs), duplicate_of), duplicate_of)
    sentences = brief.lead + [s for _, ss in brief.sections for s in ss]
    assert brief.lead and sentences
    by_id = {d.id: d for d in docs}
    for s in sentences:
        assert s.verdict == "supported"
        for c in s.citations:
            assert c.quote in by_id[c.doc_id].text
    cited = {c.doc_id for s in sentences for c in s.citations}
    assert "kb-agentur-2" not in cited  # the syndicated copy counts once, as its original
    texts = [s.text for s in sentences]
    assert len(texts) == len(set(texts))
    assert not any(t.startswith(("Das ", "Dies ", "Er ", "Sie ")) for t in texts)


def test_html_escapes_third_party_text():
    evil = "Böse <script>alert(1)</script> <img src=x onerror=alert(2)>"
    brief = Brief(
        story_id=1,
        headline=evil,
        lead=[BriefSentence(evil, [Citation("d1", evil, "javascript:alert(3)", evil)], "supported")],
        sections=[],
        numbers=[],
        sources=[
            {
                "doc_id": "d1",
                "source": evil,
                "url": 'https://x.example/"><script>',
                "title": evil,
                "published": None,
            }
        ],
    )
    page = brief_html(brief)
    assert "<script>" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;" in page
    assert "<script>" not in brief_markdown(brief).replace(evil, "")  # the URL is encoded
    assert "javascript:" not in page


def test_foreign_figures_without_an_origin_are_left_out():
    from lagebild.write.extractive import _foreign_facts

    bare = report("f1", "Plus de 40 personnes ont été blessées à Marlingen.", "2025-03-10", language="fr")
    named = report("f2", "Selon la police, 12 personnes sont mortes.", "2025-03-10", language="fr")
    facts = _foreign_facts(compare(story_claims([bare, named]), {}), {d.id: d for d in (bare, named)})
    assert [f.text for f in facts] == [
        "Laut Polizei sind zwölf Menschen ums Leben gekommen (Stand: 10. März 2025)."
    ]


def test_foreign_facts_are_whole_sentences_or_left_out():
    from lagebild.write.extractive import _foreign_facts

    reports = [
        # A count whose German verb follows from what is counted, in two reports without an origin.
        report(
            "g1",
            "Au moins 7 personnes sont mortes à Marlingen.",
            "2025-03-11",
            "Le Quotidien",
            "fr",
        ),
        report("g2", "Al menos 7 personas murieron en Marlingen.", "2025-03-11", "Diario Sur", "es"),
        # Households without power: no German predicate can be built for it, so it is left out.
        report(
            "g3",
            "Selon les pompiers, 5 000 foyers sont privés d'électricité.",
            "2025-03-11",
            "Radio Est",
            "fr",
        ),
        # People held where they are and people brought to safety: German predicates exist.
        report(
            "g4",
            "Volgens persbureau ANP zitten er nog zo'n 800 mensen vast op de wegen rond Marlingen.",
            "2025-03-11",
            "Het Dagblad",
            "nl",
        ),
        report("g5", "Selon la police, 2 000 personnes ont été évacuées.", "2025-03-11", "Radio Est", "fr"),
    ]
    facts = _foreign_facts(compare(story_claims(reports), {}), {d.id: d for d in reports})
    texts = [f.text for f in facts]
    assert texts == [
        "Laut Le Quotidien sind mindestens sieben Menschen ums Leben gekommen (Stand: 11. März 2025).",
        "Laut ANP waren etwa 800 Menschen eingeschlossen (Stand: 11. März 2025).",
        "Laut Polizei wurden 2.000 Menschen evakuiert (Stand: 11. März 2025).",
    ]
    assert all(len(t.split()) >= 6 for t in texts)


def _marlingen() -> tuple[Story, list[Document]]:
    # Written for the test: a flood in a made-up town told over three days in German and
    # French, with a toll that rises, two German reports that say one thing in other words,
    # and one undated report whose text names no day.
    docs = [
        report(
            "m1",
            "In Marlingen ist der Fluss Selle nach tagelangem Regen über die Ufer getreten. "
            "Nach Angaben der Feuerwehr sind mindestens drei Menschen ums Leben gekommen. "
            "Hunderte Keller in der Altstadt von Marlingen stehen unter Wasser.",
            "2025-03-10",
            "Rheinpost",
            "de",
        ),
        report(
            "m2",
            "Die Selle hat nach tagelangem Regen die Altstadt von Marlingen überflutet. "
            "Die Feuerwehr meldet mindestens drei Tote in Marlingen. "
            "Der Bürgermeister von Marlingen hat den Katastrophenfall ausgerufen.",
            "2025-03-10",
            "Kellbacher Anzeiger",
            "de",
        ),
        report(
            "m3",
            "Selon les pompiers, au moins 9 personnes sont mortes dans les inondations de Marlingen. "
            "La rivière Selle a atteint un niveau record.",
            "2025-03-12",
            "Le Quotidien",
            "fr",
        ),
        report(
            "m4",
            "Laut Feuerwehr sind in Marlingen inzwischen mindestens neun Menschen ums Leben gekommen. "
            "Das Technische Hilfswerk pumpt in der Altstadt von Marlingen die Keller aus.",
            "2025-03-12",
            "Rheinpost",
            "de",
        ),
        report(
            "m5",
            "Die Pegel der Selle in Marlingen sinken, die Aufräumarbeiten in der Altstadt haben begonnen.",
            None,
            "Testblatt",
            "de",
        ),
    ]
    story = Story(1, "Hochwasser in Marlingen", [d.id for d in docs], ["de", "fr"], [], None, None)
    return story, docs


def test_a_repeated_statement_is_one_sentence_cited_to_every_report():
    story, docs = _marlingen()
    brief = write_brief(story, docs, compare(story_claims(docs), {}), {})
    sentences = (
        brief.lead + [s for _, ss in brief.sections for s in ss] + [e.sentence for e in brief.timeline]
    )
    texts = [s.text for s in sentences]
    # The flooding is said by m1 and m2 in other words: one sentence, cited to both.
    (flooding,) = [s for s in sentences if "Ufer" in s.text or "überflutet" in s.text]
    assert {c.doc_id for c in flooding.citations} == {"m1", "m2"}
    assert len(texts) == len(set(texts))


def test_timeline_is_dated_oldest_first_and_cited():
    story, docs = _marlingen()
    brief = write_brief(story, docs, compare(story_claims(docs), {}), {})
    days = [e.day for e in brief.timeline]
    assert days == sorted(days) and days[0] == "2025-03-10"
    by_id = {d.id: d for d in docs}
    for e in brief.timeline:
        assert e.sentence.verdict == "supported"
        assert all(c.quote in by_id[c.doc_id].text for c in e.sentence.citations)
        assert "m5" not in {c.doc_id for c in e.sentence.citations}  # undated, names no day
    # The first toll is a dated step; the toll it rose to is told too (in the lead or as a step).
    assert any("drei" in e.sentence.text for e in brief.timeline if e.day == "2025-03-10")
    told = [s.text for s in brief.lead] + [e.sentence.text for e in brief.timeline]
    assert any("neun" in t or " 9 " in t for t in told)
    markdown = brief_markdown(brief)
    assert "## Verlauf" in markdown and "**10. März 2025:**" in markdown
    assert "<h2>Verlauf</h2>" in brief_html(brief)


def test_sentences_that_lean_on_an_unnamed_referent_are_not_quoted():
    from lagebild.write.extractive import _LEANS, _quotable

    # Written for the test: each one needs a sentence before it to be understood.
    leaning = [
        "Zu ihnen zählen etwa 40 Gäste aus dem Ausland, darunter mehrere Minister aus Nachbarländern.",
        '"Diese Brücke ist ein Sinnbild dafür, was eine Stadt gemeinsam schaffen kann."',
        "„Wir haben gezeigt, wozu diese Stadt in der Lage ist“, sagte er am Abend vor den Gästen.",
    ]
    assert not any(_quotable(t) and not _LEANS.search(t) for t in leaning)
    # Not in the lead nor anywhere else in the brief: a quotation without a named speaker.
    assert not any(_quotable(t) for t in leaning)
    named = "„Wir haben gezeigt, wozu diese Stadt in der Lage ist“, sagte Bürgermeisterin Karin Ott."
    assert _quotable(named) and not _LEANS.search(named)


def test_a_dispute_says_what_is_disputed_or_is_left_out():
    from lagebild.write.extractive import _disputes

    docs = [
        report(
            "d1", "Laut Polizei sind in Marlingen 12 Menschen gestorben.", "2025-03-11", "Rheinpost", "de"
        ),
        report(
            "d2", "Laut Feuerwehr sind in Marlingen 30 Menschen gestorben.", "2025-03-11", "Testblatt", "de"
        ),
        report(
            "d3",
            "Die Brücke in Marlingen ist 120 Jahre alt, sagte die Stadt.",
            "2025-03-11",
            "Rheinpost",
            "de",
        ),
        report(
            "d4", "Die Stadt Marlingen feiert 800 Jahre, sagte die Stadt.", "2025-03-11", "Testblatt", "de"
        ),
    ]
    texts = [s.text for s in _disputes(compare(story_claims(docs), {}), {d.id: d for d in docs})]
    assert texts == [
        "Wie viele Menschen ums Leben gekommen sind, ist umstritten: laut Polizei 12 Tote (11. März), "
        "laut Feuerwehr 30 Tote (11. März)."
    ]


def test_numbers_table_shows_each_origins_latest_figure_and_at_most_six_facts():
    # Written for the test: a toll one origin raises over three days, a second origin's
    # count, and eight other compared facts of which the table shows the best-sourced.
    rows = [
        ("p1", "Laut Polizei sind in Marlingen 3 Menschen ums Leben gekommen.", "2025-03-10"),
        ("p2", "Laut Polizei sind in Marlingen 9 Menschen ums Leben gekommen.", "2025-03-12"),
        ("p3", "Laut Feuerwehr sind in Marlingen 8 Menschen ums Leben gekommen.", "2025-03-12"),
    ]
    things = ["Gebäude", "Fahrzeuge", "Haushalte", "Brände", "Passagiere", "Einsatzkräfte", "Gläubige"]
    for n, thing in enumerate(things):
        rows += [
            (f"x{n}a", f"Laut Stadt zählte Marlingen {20 + n} {thing}.", "2025-03-11"),
            (f"x{n}b", f"Die Stadt Marlingen zählte {20 + n} {thing}.", "2025-03-11"),
        ]
    docs = [report(i, text, day, f"Blatt {i}") for i, text, day in rows]
    story = Story(
        1, "Hochwasser in Marlingen", [d.id for d in docs], ["de"], [d.source for d in docs], None, None
    )
    brief = write_brief(story, docs, compare(story_claims(docs), {}), {})
    markdown = brief_markdown(brief)
    table = markdown.split("## Zahlen im Vergleich")[1].split("## Quellen")[0]
    facts = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| Was")]
    assert len(brief.numbers) > 6 and len(facts) == 6
    (toll,) = [line for line in facts if line.startswith("| Todesopfer")]
    assert "Polizei 9 (12. März 2025)" in toll and "Feuerwehr 8 (12. März 2025)" in toll
    assert "fortgeschrieben" in toll  # the police raised its count over two days
    assert "Polizei 3" not in toll  # the earlier figure of the same origin stays in the JSON
    assert any(v["raw"] == "3" for g in brief.numbers for v in g["values"])
    assert table.count("<tr") == 0 and "höchstens 6 Fakten" in table
    assert brief_html(brief).count('<tr class="') == 6


def test_a_foreign_count_of_one_town_says_where_and_a_part_no_place_names_is_not_told():
    from lagebild.write.extractive import _foreign_facts

    reports = [
        report(
            "t1",
            "The Red Cross said 36 of the 70 deaths were in Sagunto.",
            "2025-03-11",
            "Coast Post",
            "en",
        ),
        # A part of the toll whose place the sentence does not name: told, it would read as
        # the whole toll.
        report(
            "t2",
            "Selon les secours, au moins 92 personnes sont mortes dans la province et trois autres "
            "dans les provinces voisines, soit 95 morts.",
            "2025-03-11",
            "Radio Est",
            "fr",
        ),
        *[
            report(f"w{n}", f"Die Zahl der Todesopfer der Flut stieg auf {n + 96}.", "2025-03-13", f"W{n}")
            for n in range(4)
        ],
    ]
    texts = [f.text for f in _foreign_facts(compare(story_claims(reports), {}), {d.id: d for d in reports})]
    # (the origin's German name is the origins' matter; where the count is, this test's)
    assert any(
        t.endswith("sind in Sagunto 36 Menschen ums Leben gekommen (Stand: 11. März 2025).") for t in texts
    )
    assert not any("92" in t or "drei" in t or " 3 " in t for t in texts)


def test_laut_takes_the_dative_of_a_body_named_in_the_plural():
    from lagebild.write.extractive import _foreign_facts

    reports = [
        report(
            "r1", "Selon les services de secours, 14 personnes sont mortes.", "2025-03-11", "Radio Est", "fr"
        ),
    ]
    texts = [f.text for f in _foreign_facts(compare(story_claims(reports), {}), {d.id: d for d in reports})]
    assert texts == ["Laut Rettungsdiensten sind 14 Menschen ums Leben gekommen (Stand: 11. März 2025)."]


def test_a_foreign_count_of_a_named_part_that_is_no_place_is_not_told():
    from lagebild.write.extractive import _foreign_facts

    reports = [
        report("f1", "Nine died in the Kestrelwood Fire, officials said.", "2025-01-14", "Valley Post", "en"),
        report("f2", "Officials said 25 people have died in the fires.", "2025-01-14", "Coast Post", "en"),
        *[
            report(
                f"w{n}",
                f"Die Brände wüten weiter, meldet die Feuerwehr zum {n + 1}. Mal.",
                "2025-01-14",
                f"W{n}",
            )
            for n in range(2)
        ],
    ]
    texts = [f.text for f in _foreign_facts(compare(story_claims(reports), {}), {d.id: d for d in reports})]
    assert not any("neun" in t or "Kestrelwood" in t for t in texts)
    assert any("25 Menschen ums Leben gekommen" in t for t in texts)
