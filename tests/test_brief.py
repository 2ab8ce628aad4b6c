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
    assert [f.text.split(" sind es ")[0] for f in facts] == ["Laut Polizei"]
    assert not any(f.text.startswith("Berichtet werden") for f in facts)


def test_hedges_of_other_languages_are_told_in_german():
    from lagebild.numbers import find_quantities
    from lagebild.write.extractive import _german_amount

    amounts = [
        _german_amount(find_quantities(s, lang)[0])
        for s, lang in [
            ("Au moins 23 personnes sont mortes.", "fr"),
            ("Sono almeno 18 i morti.", "it"),
            ("Hay cerca de 200 heridos.", "es"),
            ("At least 7 people died.", "en"),
            ("Rund 40 Menschen starben.", "de"),
        ]
    ]
    assert amounts == ["mindestens 23", "mindestens 18", "etwa 200", "mindestens 7", "rund 40"]
