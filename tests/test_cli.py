"""The command line, run as a user runs it: real processes, a real database file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import SHARED


def validate(data, name: str) -> None:
    """Validate against shared/spec/NAME.schema.json when ../shared is beside this checkout."""
    path = SHARED / "spec" / f"{name}.schema.json"
    if path.exists():
        jsonschema.validate(data, json.loads(path.read_text()))


def run(*args, cwd=None, env_db=None):
    env = None
    if env_db:
        import os

        env = {**os.environ, "LAGEBILD_DB": str(env_db)}
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "failed 0" in result.stdout and "Exakte Kopie" in result.stdout
    return path


def test_demo_lists_its_documents(demo_db):
    result = run("docs", "--format", "json", "--db", str(demo_db))
    docs = json.loads(result.stdout)
    assert len(docs) >= 30
    assert {d["language"] for d in docs} == {"de", "en"}
    assert any(d["copy_of"] for d in docs)


def test_demo_refuses_to_replace_foreign_database(tmp_path):
    path = tmp_path / "mine.db"
    (tmp_path / "a.txt").write_text("Eigene Notiz\nEin eigener Bericht, der nicht verloren gehen darf.")
    assert run("ingest", str(tmp_path / "a.txt"), "--db", str(path)).returncode == 0
    result = run("demo", "--db", str(path))
    assert result.returncode == 1
    assert "not demo data" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Ein eigener Bericht" in run("show", "--db", str(path), *_first_id(path)).stdout


def _first_id(path: Path) -> list[str]:
    return [json.loads(run("docs", "--json", "--db", str(path)).stdout)[0]["id"]]


def test_show_json_validates_against_document_schema(demo_db):
    if not (SHARED / "spec" / "document.schema.json").exists():
        pytest.skip("../shared/spec is not beside this checkout")
    schema = json.loads((SHARED / "spec" / "document.schema.json").read_text())
    doc = json.loads(run("show", "kursk-de-01", "--json", "--db", str(demo_db)).stdout)
    jsonschema.validate(doc, schema)
    assert all(doc["text"][s["start"] : s["end"]] == s["text"] for s in doc["sentences"])


def test_show_text_and_search(demo_db):
    out = run("show", "kursk-de-01", env_db=demo_db).stdout
    assert "kursk-de-01" in out and "[  0]" in out
    found = json.loads(run("docs", "--search", "Carolabrücke", "--json", env_db=demo_db).stdout)
    assert found and all("carola" in d["id"] for d in found)


def test_errors_are_one_line_with_exit_1(tmp_path, demo_db):
    db = str(tmp_path / "x.db")
    cases = [
        (("show", "gibt-es-nicht", "--db", str(demo_db)), "gibt-es-nicht: no such document"),
        (("ingest", str(tmp_path / "fehlt.jsonl"), "--db", db), "no such file or directory"),
        (("docs", "--db", db), "no documents in"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.returncode == 1, args
        assert message in result.stdout + result.stderr
    bad = run("docs", "--format", "yaml", "--db", db)
    assert bad.returncode == 2 and "Invalid value for '--format'" in bad.stderr


def test_ingest_json_summary_and_exit_code(tmp_path):
    good = tmp_path / "a.jsonl"
    good.write_text(
        json.dumps(
            {
                "id": "x1",
                "url": "https://a.example/1",
                "source": "A",
                "text": "Ein kurzer Bericht über eine gesperrte Brücke.",
            }
        )
        + "\nkaputt\n"
    )
    result = run("ingest", str(good), "--json", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["added"] == ["x1"]
    assert summary["failed"] == [
        {"input": f"{good}:2", "reason": "invalid JSON (Expecting value at column 1)"}
    ]


def test_stories_json_validates_and_filters(demo_db):
    result = run("stories", "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    validate(found, "stories")
    assert found[0]["size"] >= found[-1]["size"]
    kursk = next(s for s in found if "kursk-de-02" in s["doc_ids"])
    assert {"de", "en"} <= set(kursk["languages"])
    assert ["kursk-de-02", "kursk-de-03"] in [sorted(g)[:2] for g in kursk["duplicate_groups"]]
    big = json.loads(run("stories", "--json", "--min-size", "5", "--db", str(demo_db)).stdout)
    assert big and all(s["size"] >= 5 for s in big)
    late = json.loads(run("stories", "--json", "--since", "2025-01-01", "--db", str(demo_db)).stdout)
    assert late and all(s["last_published"] >= "2025-01-01" for s in late)


def test_story_shows_documents_by_date(demo_db):
    found = json.loads(run("stories", "--json", "--db", str(demo_db)).stdout)
    kursk = next(s for s in found if "kursk-de-02" in s["doc_ids"])
    out = run("story", str(kursk["id"]), "--db", str(demo_db)).stdout
    assert "[Kopie von kursk-de-02]" in out and kursk["title"] in out
    data = json.loads(run("story", str(kursk["id"]), "--json", "--db", str(demo_db)).stdout)
    dates = [d["published"] for d in data["documents"]]
    assert dates == sorted(dates)
    bad = run("story", "12345", "--db", str(demo_db))
    assert bad.returncode == 1 and "story 12345: no such story" in bad.stderr
    bad = run("stories", "--since", "gestern", "--db", str(demo_db))
    assert bad.returncode == 2 and "--since" in bad.stderr


def test_claims_json_validates_and_markdown_compares(demo_db):
    found = json.loads(run("stories", "--json", "--db", str(demo_db)).stdout)
    kursk = next(s for s in found if "kursk-de-02" in s["doc_ids"])
    result = run("claims", str(kursk["id"]), "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    validate(data, "claims")
    assert any(c["attributed_to"] == "NIS" for c in data["claims"])
    assert any(g["status"] == "contradicted" for g in data["groups"])
    md = run("claims", str(kursk["id"]), "--db", str(demo_db)).stdout
    assert md.startswith("# Zahlen im Vergleich") and "| Was | Status | Quellen | Angaben |" in md
    bad = run("claims", "999", "--db", str(demo_db))
    assert bad.returncode == 1 and "story 999: no such story" in bad.stderr


def test_check_article_against_the_best_story(demo_db, tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text(
        "Laut dem südkoreanischen Geheimdienst NIS sind rund 3.000 Soldaten aus Nordkorea in Russland.\n"
        "Laut NIS sind rund 7.000 Soldaten aus Nordkorea in Russland.\n"
        "Wie Merkure berichtete, erhalten die Soldaten ca. 2.000 Dollar pro Monat.\n"
        "Die Europäische Zentralbank senkte den Leitzins um 0,25 Prozentpunkte.\n"
        "Das bleibt abzuwarten.\n",
        encoding="utf-8",
    )
    result = run("check", str(article), "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    validate(data, "check")
    verdicts = [s["verdict"] for s in data["sentences"]]
    assert verdicts == ["supported", "contradicted", "supported", "unsupported", "not_checkable"]
    assert [i["kind"] for i in data["sentences"][1]["issues"]] == ["number_mismatch"]
    assert [i["kind"] for i in data["sentences"][2]["issues"]] == ["unknown_source"]
    assert data["summary"]["supported"] == 2
    quote = data["sentences"][0]["evidence"][0]
    shown = json.loads(run("show", quote["doc_id"], "--json", "--db", str(demo_db)).stdout)
    assert quote["quote"] in [s["text"] for s in shown["sentences"]]
    md = run("check", str(article), "--story", str(data["story_id"]), "--db", str(demo_db)).stdout
    assert "**widerlegt**" in md and "number_mismatch" in md
    unrelated = tmp_path / "ezb.txt"
    unrelated.write_text("Die EZB senkte den Leitzins um 0,25 Prozentpunkte. Die Inflation sank.\n", "utf-8")
    off = run("check", str(unrelated), "--db", str(demo_db))
    assert off.returncode == 1 and "no story fits this article (closest: story" in off.stderr
    missing = run("check", str(tmp_path / "fehlt.txt"), "--db", str(demo_db))
    assert missing.returncode == 1 and "fehlt.txt: no such file" in missing.stderr


def test_check_against_given_sources(tmp_path):
    from conftest import DATA

    article = tmp_path / "article.md"
    article.write_text(
        "# Lindenbrücke\n\nIn Kellbach ist ein rund 60 Meter langes Teilstück der Lindenbrücke in den Rhein "
        "gestürzt.\nMayor Karin Vogt said corrosion of the steel tendons was the likely cause.\n",
        encoding="utf-8",
    )
    result = run(
        "check",
        str(article),
        "--sources",
        str(DATA / "stories.jsonl"),
        "--json",
        "--db",
        str(tmp_path / "x.db"),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["verdict"] for s in data["sentences"]][-2:] == ["supported", "supported"]
    assert data["story_id"] is None


def test_brief_json_markdown_and_html(demo_db, tmp_path):
    found = json.loads(run("stories", "--json", "--db", str(demo_db)).stdout)
    kursk = next(s for s in found if "kursk-de-02" in s["doc_ids"])
    result = run("brief", str(kursk["id"]), "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    validate(brief, "brief")
    assert brief["generated_by"] == "extractive" and brief["language"] == "de"
    assert 2 <= len(brief["lead"]) <= 3
    headings = [s["heading"] for s in brief["sections"]]
    assert headings[0] == "Was bekannt ist"
    sentences = brief["lead"] + [s for sec in brief["sections"] for s in sec["sentences"]]
    texts = {}
    for s in sentences:
        assert s["citations"] and s["verdict"] == "supported"
        for c in s["citations"]:
            if c["doc_id"] not in texts:
                texts[c["doc_id"]] = json.loads(
                    run("show", c["doc_id"], "--json", "--db", str(demo_db)).stdout
                )["text"]
            assert c["quote"] in texts[c["doc_id"]]  # every quote is verbatim
    assert any(g["status"] == "contradicted" for g in brief["numbers"])
    assert {d["doc_id"] for d in brief["sources"]} == set(kursk["doc_ids"])
    md = run("brief", str(kursk["id"]), "--db", str(demo_db)).stdout
    assert md.startswith("# ") and "## Quellen" in md and "[1]" in md
    page = tmp_path / "brief.html"
    assert (
        run("brief", str(kursk["id"]), "--format", "html", "-o", str(page), "--db", str(demo_db)).returncode
        == 0
    )
    html_text = page.read_text(encoding="utf-8")
    assert html_text.startswith("<!DOCTYPE html>") and 'class="quote"' in html_text
    assert run("brief", "999", "--db", str(demo_db)).returncode == 1


def test_demo_brief_matches_golden_structure(demo_db):
    """The largest demo story's brief, compared as data (headings and cited documents).
    After a deliberate change to the writer, regenerate tests/data/golden/demo-brief.json
    (see tests/data/README.md)."""
    from conftest import DATA

    golden = json.loads((DATA / "golden" / "demo-brief.json").read_text(encoding="utf-8"))
    found = json.loads(run("stories", "--json", "--db", str(demo_db)).stdout)
    brief = json.loads(run("brief", str(found[0]["id"]), "--json", "--db", str(demo_db)).stdout)
    got = {
        "headline": brief["headline"],
        "lead": [[c["doc_id"] for c in s["citations"]] for s in brief["lead"]],
        "sections": [
            [sec["heading"], [[c["doc_id"] for c in s["citations"]] for s in sec["sentences"]]]
            for sec in brief["sections"]
        ],
        "timeline": [[e["day"], [c["doc_id"] for c in e["citations"]]] for e in brief["timeline"]],
        "contradicted": sorted(g["what"] for g in brief["numbers"] if g["status"] == "contradicted"),
    }
    assert got == golden


def test_ingest_failure_reason_on_stderr(tmp_path):
    result = run(
        "ingest", str(tmp_path / "fehlt.jsonl"), str(tmp_path / "auch.txt"), "--db", str(tmp_path / "x.db")
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"lagebild: {tmp_path / 'fehlt.jsonl'}: no such file") and "1 more" in line
    assert "FAILED" in result.stdout


def test_check_finds_the_defects_of_the_article_that_motivated_the_project(demo_db, tmp_path):
    # Written for the test in the form of that article (DESIGN.md): numbers from several
    # origins, a misspelled or unknown source, "Zusätzlich beschreibt Wikipedia ...", a
    # non sequitur and a claim no source carries.
    article = tmp_path / "motiv.txt"
    article.write_text(
        "Nordkorea soll nach Angaben des südkoreanischen Geheimdienstes NIS rund 3.000 Soldaten nach "
        "Russland geschickt haben.\n"
        "Laut Pentagon sind inzwischen rund 10.000 nordkoreanische Soldaten in Russland.\n"
        "Wie Merkure berichtete, erhalten die Soldaten ca. 2.000 Dollar pro Monat.\n"
        "Zusätzlich beschreibt Wikipedia die Kämpfe im Gebiet Kursk als die größte Offensive seit 1944.\n"
        "Deshalb ist der Goldpreis in dieser Woche deutlich gestiegen.\n"
        "Laut UN sollen bereits 50.000 nordkoreanische Soldaten gefallen sein.\n",
        encoding="utf-8",
    )
    result = run("check", str(article), "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    sentences = json.loads(result.stdout)["sentences"]
    verdicts = [s["verdict"] for s in sentences]
    kinds = [[i["kind"] for i in s["issues"]] for s in sentences]
    assert verdicts[:2] == ["supported", "supported"] and kinds[:2] == [[], []]
    assert "unknown_source" in kinds[2] and "unknown_source" in kinds[3] and "unknown_source" in kinds[5]
    assert verdicts[3:5] == ["unsupported", "unsupported"] and "unsupported_claim" in kinds[4]
    assert verdicts[5] == "contradicted" and "number_mismatch" in kinds[5]


def test_demo_refuses_a_database_url(tmp_path):
    # The demo replaces its database: it never touches a server, and says how to load one.
    result = run("demo", "--db", "postgresql://nobody@127.0.0.1:1/lagebild")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("lagebild: --db postgresql://") and "lagebild ingest" in line
