"""The llm writer: a real OpenAI-compatible server (llama.cpp with a small Gemma model, the
``llm_server`` fixture) writes, and the gate lets through only what its citations back.
Broken endpoints are real HTTP servers on 127.0.0.1 that answer as broken ones do."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from conftest import DATA, _free_port, serving, story_documents
from lagebild.claims import story_claims
from lagebild.compare import compare
from lagebild.ingest import ingest
from lagebild.llm import ChatClient, LLMError, api_base
from lagebild.model import Brief, Story
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore
from lagebild.stories import update_stories
from lagebild.web.app import create_app
from lagebild.write import Material, write
from lagebild.write import llm as llm_writer
from lagebild.write.extractive import write_brief
from lagebild.write.gate import Gate


def kellbach() -> Material:
    docs = story_documents("kb-")
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
    return Material(story, docs, compare(story_claims(docs), duplicate_of), duplicate_of)


def printed(brief: Brief):
    return brief.lead + [s for _, ss in brief.sections for s in ss] + [e.sentence for e in brief.timeline]


def assert_backed(brief: Brief, docs) -> None:
    """Every printed sentence is a source's own sentence or backed, citation by citation,
    by what it cites (checked by a gate of its own, not the writer's)."""
    gate = Gate(docs)
    by_id = {d.id: d for d in docs}
    for s in printed(brief):
        assert s.citations, s.text
        for c in s.citations:
            assert c.quote in by_id[c.doc_id].text
        if brief.writer == "llm" and not any(s.text == c.quote for c in s.citations):
            assert gate.backing(s.text, s.citations) == s.citations, s.text
        else:
            assert gate.reason(s) is None, s.text


# -- the gate, on answers written here in the forms models give ---------------------------


def test_gate_keeps_backed_sentences_and_counts_what_it_removes():
    material = kellbach()
    gate = Gate(material.docs)
    m = material
    base = write_brief(m.story, m.docs, m.comparison, m.duplicate_of, gate=gate)
    evidence = llm_writer.evidence_of(base, {d.id: d.language for d in material.docs})
    number = {(e.citation.doc_id, e.citation.quote): e.number for e in evidence}
    collapse = next(n for (doc, quote), n in number.items() if doc == "kb-de-1" and "60 Meter" in quote)
    nobody_hurt = next(n for (_, quote), n in number.items() if "Verletzt wurde" in quote)
    answer = (
        "## Kurzfassung\n"
        # backed by [collapse]; [nobody_hurt] says something else and is removed
        "In der Nacht zum Dienstag ist in Kellbach ein rund 60 Meter langes Teilstück der Lindenbrücke "
        f"in den Rhein gestürzt. [{collapse}][{nobody_hurt}]\n"
        "## Was bekannt ist\n"
        # an invented figure: replaced by the extractive sentence for the same evidence
        f"- In Kellbach stürzte ein 300 Meter langes Teilstück der Lindenbrücke in den Rhein [{collapse}].\n"
        "- Die Brücke wurde von Außerirdischen gesprengt.\n"  # no citation: dropped
        "- Der Bürgermeister von Oberau trat zurück [99].\n"  # cites nothing there is: dropped
    )
    brief, tally = llm_writer.gated(llm_writer.parse(answer), evidence, base, gate)
    assert tally.written == 4
    assert (tally.kept, tally.replaced, tally.dropped) == (1, 1, 2)
    assert tally.citations_removed == 2  # [nobody_hurt] and [99]
    assert [c.doc_id for c in brief.lead[0].citations] == ["kb-de-1"]
    texts = [s.text for s in printed(brief)]
    assert not any("300" in t or "Außerirdischen" in t or "zurück" in t for t in texts)
    assert_backed(brief, material.docs)


def test_a_sentence_citing_another_report_than_the_one_that_carries_it_is_not_backed():
    material = kellbach()
    gate = Gate(material.docs)
    by_id = {d.id: d for d in material.docs}
    from lagebild.model import Citation

    collapse = next(s.text for s in by_id["kb-de-1"].sentences if "60 Meter" in s.text)
    cause = next(s.text for s in by_id["kb-de-2"].sentences if "Korrosion" in s.text)
    right = Citation("kb-de-1", "Rheinpost", None, collapse)
    wrong = Citation("kb-de-2", "Kellbacher Anzeiger", None, cause)
    assert gate.backing(collapse, [wrong, right]) == [right]
    assert gate.backing("Die Stadt vermutet Korrosion an den Spanngliedern als Ursache.", [right]) == []


def test_parse_reads_headings_bullets_and_citations_where_models_put_them():
    written = llm_writer.parse(
        "**Kurzfassung**\nErster Satz [1]. Zweiter Satz. [2, 3]\n\n"
        "### Widersprüche\n1. Dritter Satz [4][5]\nVierter Satz ohne Beleg."
    )
    assert [(w.part, w.text, w.numbers) for w in written] == [
        ("Kurzfassung", "Erster Satz.", [1]),
        ("Kurzfassung", "Zweiter Satz.", [2, 3]),
        ("Widersprüche und offene Fragen", "Dritter Satz", [4, 5]),
        ("Widersprüche und offene Fragen", "Vierter Satz ohne Beleg.", []),
    ]


def test_endpoint_urls_are_read_as_users_give_them():
    assert api_base("http://127.0.0.1:8080") == "http://127.0.0.1:8080/v1"
    assert api_base("http://127.0.0.1:8080/v1/") == "http://127.0.0.1:8080/v1"
    assert api_base("https://api.example/openai/v1/chat/completions") == "https://api.example/openai/v1"
    with pytest.raises(LLMError, match="not an http"):
        api_base("127.0.0.1:8080")


# -- a real model ---------------------------------------------------------------------------


def test_llm_brief_prints_only_sentences_backed_by_their_citations(llm_server):
    material = kellbach()
    warnings: list[str] = []
    settings = Settings(writer="llm", llm_url=llm_server)
    brief = write(material, settings, warn=warnings.append)
    # A model this small may write nothing the gate lets through; then the extractive brief
    # stands, said in one line. Either way nothing unbacked is printed.
    if brief.writer == "llm":
        g = brief.gate
        assert g["written"] == g["kept"] + g["replaced"] + g["dropped"]
        assert g["kept"] + g["replaced"] == len(brief.lead) + sum(len(ss) for _, ss in brief.sections)
        assert brief.model and brief.generated_by == brief.model
        assert not warnings
    else:
        assert len(warnings) == 1 and "extractive brief follows" in warnings[0]
    assert brief.lead
    assert_backed(brief, material.docs)


def test_client_streams_an_answer_with_its_cost(llm_server):
    pieces: list[int] = []
    with ChatClient(llm_server) as client:
        question = [{"role": "user", "content": "Nenne die Hauptstadt Frankreichs in einem Satz."}]
        answer = client.complete(question, 30, pieces.append)
    assert answer.text.strip() and answer.model
    assert answer.completion_tokens > 0 and answer.tokens_per_second > 0
    assert pieces and pieces == sorted(pieces)


def test_unknown_model_is_named_in_one_line(llm_server):
    with ChatClient(llm_server, model="kein-solches-modell") as client, pytest.raises(LLMError) as caught:
        client.complete([{"role": "user", "content": "Hallo"}], 5)
    message = str(caught.value)
    assert "unknown model 'kein-solches-modell'" in message and "\n" not in message


# -- broken endpoints -------------------------------------------------------------------------


class _Broken(BaseHTTPRequestHandler):
    """An endpoint that answers as a broken one does, by the model asked for."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the name http.server dispatches to
        self._send(200, json.dumps({"data": [{"id": m} for m in ("garbage", "refuses", "fails")]}))

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        model = body["model"]
        self.server.posts += 1
        if model == "fails":
            return self._send(503, json.dumps({"error": {"message": "loading model"}}))
        if model == "refuses":
            delta = {"refusal": "Dazu kann ich nichts sagen."}
            event = {"choices": [{"delta": delta, "finish_reason": "stop"}]}
            return self._send(200, f"data: {json.dumps(event)}\n\ndata: [DONE]\n\n", "text/event-stream")
        words = ["Lorem", " ipsum", " dolor", " sit", " amet."]
        stream = "".join(f"data: {json.dumps({'choices': [{'delta': {'content': w}}]})}\n\n" for w in words)
        self._send(200, stream + "data: [DONE]\n\n", "text/event-stream")

    def _send(self, status: int, body: str, ctype: str = "application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def broken_endpoint():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    server.posts = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("model", "said"),
    [
        ("garbage", "no sentence of its answer is backed by its citations: 'Lorem ipsum dolor sit amet.'"),
        ("refuses", "the model refused: Dazu kann ich nichts sagen."),
        ("fails", "server error 503: loading model"),
        ("unlisted", "unknown model 'unlisted'"),
    ],
)
def test_broken_endpoint_falls_back_to_the_extractive_brief(model, said):
    material = kellbach()
    warnings: list[str] = []
    with broken_endpoint() as (server, url):
        brief = write(material, Settings(writer="llm", llm_url=url, llm_model=model), warn=warnings.append)
    assert brief.writer == "extractive" and brief.lead
    assert len(warnings) == 1 and said in warnings[0] and "\n" not in warnings[0]
    assert warnings[0].endswith("the extractive brief follows")
    if model == "fails":
        assert server.posts == 3  # the first try and two retries
    assert_backed(brief, material.docs)


def _lagebild(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_cli_falls_back_to_the_extractive_brief_when_the_endpoint_is_unreachable(tmp_path):
    db = str(tmp_path / "b.db")
    assert _lagebild("ingest", str(DATA / "stories.jsonl"), "--db", db).returncode == 0
    stories = json.loads(_lagebild("stories", "--json", "--db", db).stdout)
    story = next(s for s in stories if "kb-de-1" in s["doc_ids"])
    closed = f"http://127.0.0.1:{_free_port()}"
    done = _lagebild("brief", str(story["id"]), "--writer", "llm", "--llm-url", closed, "--json", "--db", db)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "unreachable" in lines[0] and "the extractive brief follows" in lines[0]
    brief = json.loads(done.stdout)
    assert brief["writer"] == "extractive" and brief["lead"]
    missing = _lagebild("brief", str(story["id"]), "--writer", "llm", "--db", db)
    assert missing.returncode == 1 and missing.stderr.strip().splitlines() == [
        "lagebild: --writer llm: no endpoint; give --llm-url URL (or set LAGEBILD_LLM_URL)"
    ]


def _served(settings: Settings, story_id: int) -> tuple[dict, str]:
    """The brief JSON and the story page of a story, from lagebild serve's app on loopback."""
    app = create_app(settings, warm=False)
    with serving(app) as base, httpx.Client(base_url=base, timeout=300) as client:
        return client.get(f"/api/stories/{story_id}/brief").json(), client.get(f"/stories/{story_id}").text


def test_serve_names_the_writer_and_model_of_each_brief(llm_server, tmp_path):
    db = tmp_path / "web.db"
    with SQLiteStore(db) as store:
        assert not ingest([str(DATA / "stories.jsonl")], store, Settings(db=str(db))).failed
        update_stories(store)
        story = next(s for s in store.stories() if "kb-de-1" in s.doc_ids)
    closed = f"http://127.0.0.1:{_free_port()}"
    for url in (llm_server, closed):
        brief, page = _served(Settings(db=str(db), writer="llm", llm_url=url), story.id)
        if url == closed:
            assert brief["writer"] == "extractive" and brief["model"] is None
        if brief["writer"] == "llm":
            assert f"Geschrieben vom Sprachmodell {brief['model']}" in page
            assert f"{brief['gate']['written']} Sätze geschrieben" in page
        else:
            assert "Geschrieben aus den Sätzen der Quellen (extraktiv)." in page
