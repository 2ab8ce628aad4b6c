"""Briefs of the real devset stories with gold claims (la_wildfires, kr_martial_law).

Citation precision: share of citations whose quote occurs verbatim in its
document and that back their sentence (the quote is the sentence, or the
verifier finds the sentence supported by the cited documents alone).
Coverage: share of the gold claims of claims.json whose figure the brief
carries, in its text or its numbers table. Speed: brief and verification
for a 60-document story (the reports repeated under new ids).
"""

from __future__ import annotations

import json
import time

from _devset import DEVSET, as_document, require_devset, stories, table
from _devset import sixty as _sixty
from lagebild.claims import attribution, attributions, story_claims
from lagebild.compare import compare
from lagebild.model import Story
from lagebild.numbers import find_quantities
from lagebild.verify import Verifier
from lagebild.write.extractive import write_brief


def brief_of(docs, story_id: str):
    story = Story(1, story_id, [d.id for d in docs], [], sorted({d.source for d in docs}), None, None)
    return write_brief(story, docs, compare(story_claims(docs), {}), {})


def main() -> None:
    require_devset()
    gold = json.loads((DEVSET / "claims.json").read_text(encoding="utf-8"))
    rows = stories()
    out = []
    for story_id in ("la_wildfires", "kr_martial_law"):
        docs = [as_document(r) for r in rows if r["story"] == story_id]
        by_id = {d.id: d for d in docs}
        brief = brief_of(docs, story_id)
        sentences = brief.lead + [s for _, ss in brief.sections for s in ss]
        good = total = 0
        for s in sentences:
            cited = [by_id[c.doc_id] for c in s.citations]
            verifier = Verifier(cited)
            backs = (
                (len(s.citations) == 1 and s.citations[0].quote == s.text)
                or verifier.check(s.text, "de").verdict == "supported"
                or verifier.backed_by_quotes(
                    s.text, [(c.quote, by_id[c.doc_id].language) for c in s.citations]
                )
            )
            for c in s.citations:
                total += 1
                good += c.quote in by_id[c.doc_id].text and backs
        values = {q.value for s in sentences for q in find_quantities(s.text, "de")}
        values |= {v["value"] for g in brief.numbers for v in g["values"]}
        claims = [g for g in gold if set(g["doc_ids"]) <= set(by_id)]
        covered = sum(g["value"] in values for g in claims)
        out.append(
            [
                story_id,
                len(docs),
                len(sentences),
                total,
                good / max(total, 1),
                f"{covered}/{len(claims)}",
                covered / max(len(claims), 1),
                len(brief.dropped),
            ]
        )
    print("Briefs of the devset stories with gold claims\n")
    print(
        table(
            [
                "story",
                "docs",
                "sentences",
                "citations",
                "citation precision",
                "gold claims carried",
                "coverage",
                "dropped",
            ],
            out,
        )
    )
    sixty = _sixty([r for r in rows if r["story"] == "la_wildfires"])
    attribution.cache_clear()
    attributions.cache_clear()
    start = time.perf_counter()
    brief_of(sixty, "la_wildfires")
    print(
        f"\nBrief and verification for {len(sixty)} documents: {1000 * (time.perf_counter() - start):.0f} ms"
    )


if __name__ == "__main__":
    main()
