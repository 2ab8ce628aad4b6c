"""Briefs of every devset story with 5 or more reports, made as the product makes them.

All 143 reports are ingested into a fresh store and placed in stories; each gold story
is briefed through the story the pipeline found for most of its reports (so a headline,
a duplicate group or a split story is what a user would get).

Citation precision: share of citations whose quote occurs verbatim in its document and
that back their sentence (the quote is the sentence, or the verifier finds the sentence
supported by the cited documents alone). Gold facts carried: the gold claims of
claims.json that two or more reports state, whose figure the brief carries in its text,
its timeline or its numbers table. Near duplicates: pairs of the brief's sentences
(lead, sections, timeline) that count nothing differently (no unit with other values)
with word-set Jaccard >= 0.5, or embedding cosine >= 0.93 (paraphrases and translations). Short:
sentences under 6 words. Cut headline: one that is neither a report's title, nor a whole
sentence, nor whole clauses of one. Speed: brief, verification, timeline and the HTML
page with charts for a 60-document story (distinct texts), cold (no sentence embedded
yet) and warm (vectors in the store), timed first in the process, after a brief of another
story has loaded what every brief needs.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from _devset import DEVSET, as_document, require_devset, stories, table
from _devset import sixty as _sixty
from lagebild.claims import attribution, attributions, forget_claims, story_claims
from lagebild.compare import compare
from lagebild.embed import StoredEmbedder, embed
from lagebild.ingest import ingest
from lagebild.model import Story
from lagebild.numbers import find_quantities
from lagebild.render.brief import brief_html
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore
from lagebild.stories import story_brief, update_stories
from lagebild.verify import Verifier
from lagebild.write.extractive import write_brief

MIN_REPORTS = 5
GOLD_FIELDS = ("story", "near_dup_of")
JACCARD = 0.5
COSINE = 0.93
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


def sentences_of(brief) -> list:
    """Every sentence a reader reads: lead, sections and timeline."""
    return brief.lead + [s for _, ss in brief.sections for s in ss] + [e.sentence for e in brief.timeline]


def citation_precision(sentences, by_id) -> tuple[int, int]:
    good = total = 0
    for s in sentences:
        cited = [by_id[c.doc_id] for c in s.citations if c.doc_id in by_id]
        verifier = Verifier(cited)
        backs = (
            (len(s.citations) == 1 and s.citations[0].quote == s.text)
            or verifier.check(s.text, "de").verdict == "supported"
            or verifier.backed_by_quotes(
                s.text,
                [(c.quote, by_id[c.doc_id].language) for c in s.citations],
                tuple(by_id[c.doc_id].source for c in s.citations),
            )
        )
        for c in s.citations:
            total += 1
            good += c.doc_id in by_id and c.quote in by_id[c.doc_id].text and backs
    return good, total


def near_duplicates(texts: list[str]) -> list[tuple[str, str]]:
    words = [set(_WORD.findall(t.lower())) for t in texts]
    vectors = embed(texts) if texts else np.zeros((0, 1))
    pairs = []
    numbers = [{(q.value, q.unit) for q in find_quantities(t, "de") if q.unit} for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            units = {u for _, u in numbers[i]} & {u for _, u in numbers[j]}
            if any(
                {v for v, w in numbers[i] if w == u} != {v for v, w in numbers[j] if w == u} for u in units
            ):
                continue  # one thing counted differently: two stages of the story, not a repeat
            jaccard = len(words[i] & words[j]) / max(len(words[i] | words[j]), 1)
            if jaccard >= JACCARD or float(vectors[i] @ vectors[j]) >= COSINE:
                pairs.append((texts[i], texts[j]))
    return pairs


def figures(text: str) -> set[float]:
    """Every figure a German sentence carries: quantities, and the bare numbers of years,
    days and times of day ("1936", "23. März", "7:35 Uhr"), which are facts too."""
    found = {q.value for q in find_quantities(text, "de")}
    for token in _NUMBER.findall(text):
        if re.fullmatch(r"\d{1,2}[.:]\d{2}", token):
            found.add(float(token.replace(":", ".")))
        if ":" not in token:
            found.add(float(token.replace(".", "").replace(",", ".")))
    return found


def headline_cut(headline: str, docs) -> bool:
    """Whether the headline ends inside a clause of the sentence it was taken from."""
    norm = " ".join(headline.split())
    if "…" in norm or norm.endswith("..."):
        return True
    if any(d.title and " ".join(d.title.split()) == norm for d in docs):
        return False
    for d in docs:
        for s in d.sentences:
            text = " ".join(s.text.split())
            if text.rstrip(".!") == norm.rstrip(".!"):
                return False
            if text.startswith(norm) and re.match(r"\s*[,;:–—(-]", text[len(norm) :]):
                return False
    return True


def speed(rows: list[dict]) -> str:
    """Cold and warm brief of a 60-document story, timed before anything else in the process
    has seen its texts: the process first briefs another story (models, word lists and
    patterns loaded, as in a server that has answered before), so that cold means what a
    user meets with a new story, not caches warmed by the same sentences."""
    other = [as_document(r) for r in rows if r["story"] == "dana_valencia"]
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "warm-up.db") as store:
        story = Story(2, "dana_valencia", [d.id for d in other], [], [], None, None)
        brief_html(write_brief(story, other, compare(story_claims(other), {}), {}, StoredEmbedder(store)))
    sixty = _sixty([r for r in rows if r["story"] == "la_wildfires"])
    story = Story(1, "la_wildfires", [d.id for d in sixty], [], sorted({d.source for d in sixty}), None, None)
    timings = []
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "speed.db") as store:
        # Cold: no sentence embedded yet. Warm: the vectors are in the store, as for every
        # brief after a story's first (claims are made anew both times).
        for _ in ("cold", "warm"):
            attribution.cache_clear()
            attributions.cache_clear()
            forget_claims()
            start = time.perf_counter()
            brief = write_brief(story, sixty, compare(story_claims(sixty), {}), {}, StoredEmbedder(store))
            brief_html(brief)
            timings.append(1000 * (time.perf_counter() - start))
    return (
        f"Brief, verification, timeline and HTML page with charts for {len(sixty)} documents: "
        f"{timings[0]:.0f} ms cold, {timings[1]:.0f} ms warm"
    )


def main() -> None:
    require_devset()
    gold_claims = json.loads((DEVSET / "claims.json").read_text(encoding="utf-8"))
    rows = stories()
    timed = speed(rows)
    sizes = Counter(r["story"] for r in rows)
    out, examples = [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "devset.jsonl"
        path.write_text(
            "".join(
                json.dumps({k: v for k, v in r.items() if k not in GOLD_FIELDS}, ensure_ascii=False) + "\n"
                for r in rows
            ),
            "utf-8",
        )
        db = Path(tmp) / "brief.db"
        with SQLiteStore(db) as store:
            ingest([str(path)], store, Settings(db=str(db)))
            update_stories(store)
            found = store.stories()
            big = sorted((s for s, n in sizes.items() if n >= MIN_REPORTS), key=lambda s: -sizes[s])
            for story_id in big:
                members = {r["id"] for r in rows if r["story"] == story_id}
                story = max(found, key=lambda s: len(members & set(s.doc_ids)))
                docs = [store.get_document(i) for i in story.doc_ids]
                by_id = {d.id: d for d in docs}
                brief = story_brief(store, str(story.id))
                sentences = sentences_of(brief)
                good, total = citation_precision(sentences, by_id)
                values = {v for s in sentences for v in figures(s.text)}
                values |= {v["value"] for g in brief.numbers for v in g["values"]}
                gold = [g for g in gold_claims if len(g["doc_ids"]) >= 2 and set(g["doc_ids"]) & set(by_id)]
                carried = sum(g["value"] in values for g in gold)
                dups = near_duplicates([s.text for s in sentences])
                short = [s.text for s in sentences if len(_WORD.findall(s.text)) < 6]
                cut = headline_cut(brief.headline, docs)
                examples += [f"{story_id}: near duplicates: {a!r} / {b!r}" for a, b in dups]
                missed = [g for g in gold if g["value"] not in values]
                examples += [f"{story_id}: not carried: {g['value']:g} {g['what']}" for g in missed]
                examples += [f"{story_id}: short: {t!r}" for t in short]
                examples += [f"{story_id}: headline cut: {brief.headline!r}"] if cut else []
                out.append(
                    [
                        story_id,
                        len(docs),
                        len(sentences),
                        len(brief.timeline),
                        f"{good / max(total, 1):.3f}",
                        f"{carried}/{len(gold)}" if gold else "-",
                        len(dups),
                        len(short),
                        "yes" if cut else "no",
                    ]
                )
    print(f"Briefs of the devset stories with {MIN_REPORTS} or more reports (pipeline stories)\n")
    print(
        table(
            [
                "story",
                "docs",
                "sentences",
                "timeline",
                "citation precision",
                "gold facts carried",
                "near dups",
                "short",
                "headline cut",
            ],
            out,
        )
    )
    for line in examples:
        print(line)
    print(f"\n{timed}")


if __name__ == "__main__":
    main()
