"""An article checked end to end: one sentence per kind of defect the check must name,
beside sentences the sources back, in German against English reports.

The story, its outlets, people and places are invented for this test (a dam breach in
"Vallmora"); the reports are written in the forms wire and newspaper reports use.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SOURCES = [
    {
        "id": "vm-1",
        "url": "https://harbourledger.example/vallmora-dam",
        "source": "Harbour Ledger",
        "language": "en",
        "published": "2026-03-09T08:00:00+00:00",
        "title": "Vallmora dam bursts after days of rain",
        "text": "A dam above the town of Vallmora burst on Sunday night after three days of heavy rain. "
        "According to the fire brigade, 14 people were killed and 230 residents were evacuated. "
        "Governor Elena Ruskova declared a state of emergency on Monday. The dam was built in 1961.",
    },
    {
        "id": "vm-2",
        "url": "https://coastlinewire.example/vallmora-toll",
        "source": "Coastline Wire",
        "language": "en",
        "published": "2026-03-10T06:30:00+00:00",
        "title": "Vallmora toll rises to 14",
        "text": "The death toll from the Vallmora dam collapse rose to 14, the fire brigade said. "
        "Rescue teams have not yet reached the village of Pellaro, which remains cut off. "
        "Governor Elena Ruskova said the cause of the breach was still unknown.",
    },
    {
        "id": "vm-3",
        "url": "https://northgatetimes.example/vallmora-warnings",
        "source": "Northgate Times",
        "language": "en",
        "published": "2026-03-10T09:00:00+00:00",
        "title": "Engineers warned about Vallmora dam",
        "text": "Engineers had warned in 2024 that the Vallmora dam needed repairs, the engineering "
        "firm Stavik Consult told the newspaper. About 230 people spent the night in a school gym.",
    },
]

# (sentence, expected verdict, issue kind expected among its issues or None for none)
ARTICLE = [
    (
        "Nach Angaben der Feuerwehr kamen beim Dammbruch von Vallmora 14 Menschen ums Leben.",
        "supported",
        None,
    ),
    ("Gouverneurin Elena Ruskova rief am Montag den Notstand aus.", "supported", None),
    # A changed figure, a swapped origin.
    (
        "Nach Angaben der Feuerwehr kamen beim Dammbruch von Vallmora 41 Menschen ums Leben.",
        "contradicted",
        "number_mismatch",
    ),
    (
        "Laut Stavik Consult kamen beim Dammbruch von Vallmora 14 Menschen ums Leben.",
        "contradicted",
        "misattribution",
    ),
    # A place no report names, even one no gazetteer lists.
    (
        "Gouverneurin Elena Ruskova rief am Montag in Marenza den Notstand aus.",
        "unsupported",
        "unsupported_detail",
    ),
    # The opposite of what a report says, across languages.
    ("Der Damm von Vallmora wurde nicht 1961 gebaut.", "contradicted", "contradiction"),
    # The opposite state of the one the reports give, without a negation word.
    ("Gouverneurin Elena Ruskova hob am Montag den Notstand auf.", "contradicted", "contradiction"),
    # Another day than the reports give.
    ("Gouverneurin Elena Ruskova rief am Donnerstag den Notstand aus.", "contradicted", "date_mismatch"),
    # A publisher misspelled, a publisher that is none of the sources.
    (
        "Wie die Northgate Tines berichtete, wurden in Vallmora 230 Bewohner in Sicherheit gebracht.",
        "supported",
        "misspelled_source",
    ),
    (
        "Wie die Lakeside Gazette berichtete, wurden in Vallmora 230 Bewohner in Sicherheit gebracht.",
        "supported",
        "unknown_source",
    ),
    # "The authorities" name no one in particular: the claim needs a source, not the name.
    ("Nach Angaben der Behörden wurden in Vallmora 230 Bewohner in Sicherheit gebracht.", "supported", None),
    # A consequence no source draws, a claim no source makes.
    ("Deshalb müssen alle Dämme des Landes bis 2030 erneuert werden.", "unsupported", "non_sequitur"),
    (
        "Die Regierung stellte den Familien in Vallmora 50 Millionen Euro Soforthilfe bereit.",
        "unsupported",
        "unsupported_claim",
    ),
    # A word that ranks the subject, which no report gives.
    (
        "Rund 230 Bewohner von Vallmora, viele davon Elitesportler, schliefen in einer Turnhalle.",
        "unsupported",
        "unsupported_detail",
    ),
    # A backed sentence extended by an on-topic clause no source carries.
    (
        "Gouverneurin Elena Ruskova rief am Montag den Notstand aus, um die Räumung der Hauptstadt Turlin "
        "vorzubereiten.",
        "unsupported",
        "unsupported_detail",
    ),
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("check")
    sources = tmp / "sources.jsonl"
    sources.write_text("".join(json.dumps(s) + "\n" for s in SOURCES), encoding="utf-8")
    article = tmp / "artikel.txt"
    article.write_text("\n".join(text for text, _, _ in ARTICLE) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "lagebild", "check", str(article), "--sources", str(sources), "--json"]
        + ["--db", str(tmp / "check.db")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["sentences"]


def test_each_sentence_of_the_article_is_checked(checked):
    assert [s["text"] for s in checked] == [text for text, _, _ in ARTICLE]


@pytest.mark.parametrize(
    "position", range(len(ARTICLE)), ids=[kind or verdict for _, verdict, kind in ARTICLE]
)
def test_verdict_and_issue_of_each_sentence(checked, position):
    text, verdict, kind = ARTICLE[position]
    got = checked[position]
    kinds = [i["kind"] for i in got["issues"]]
    assert got["verdict"] == verdict, (text, got)
    if kind is None:
        assert kinds == [], (text, got)
    else:
        assert kind in kinds, (text, got)
    # Every supported sentence cites a source sentence verbatim.
    if verdict == "supported":
        quotes = {e["quote"] for e in got["evidence"]}
        texts = " ".join(s["text"] for s in SOURCES)
        assert quotes and all(q in texts for q in quotes)
