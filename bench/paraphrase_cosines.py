"""The cosines the paraphrase step's thresholds (verify/paraphrase.py, COSINES) come from,
per embedding model, on the real reports of ../shared/devset.

Four sets of best cosines, each a sentence against the best of a set of source sentences:
- restated: a sentence carrying a gold claim (claims.json) that another report of its story
  states too (the sentences of bench/check.py's leave-one-out false alarms), against the
  sentences of the story's other reports;
- other stories: 60 sentences of other stories (over 60 characters, drawn with a fixed seed)
  against all sentences of a story;
- sharing a figure: a restated sentence against the sentences in another language that
  carry one of its shared figures;
- other value: a restated sentence against the sentences in another language that count a
  unit it counts with a value it does not give.
A model sees only the pairs of languages it knows, so USE's sets leave out the languages
it does not know. Percentiles, then the share of each set at
or above each model's thresholds. Takes about two minutes (most of it e5).
"""

from __future__ import annotations

import json
from collections import defaultdict

import numpy as np

from _devset import DEVSET, as_document, require_devset, stories, table
from lagebild.embed import Embedder, paraphrase_embedders
from lagebild.numbers import find_quantities
from lagebild.verify.paraphrase import COSINES

FOREIGN_PER_STORY = 60


def pairs() -> tuple[list[tuple[str, str | None]], dict[str, list[tuple[int, list[int]]]]]:
    """The devset's sentences (text, language), and per set (sentence, candidates) pairs."""
    rows = stories()
    docs = {r["id"]: as_document(r) for r in rows}
    story_of = {r["id"]: r["story"] for r in rows}
    by_story = defaultdict(list)
    for r in rows:
        by_story[r["story"]].append(r["id"])
    shared = defaultdict(set)
    for g in json.loads((DEVSET / "claims.json").read_text(encoding="utf-8")):
        if len(g["doc_ids"]) > 1:
            for d in g["doc_ids"]:
                shared[d].add(g["value"])
    owner, sentences = [], []
    for d in docs.values():
        for s in d.sentences:
            owner.append(d.id)
            sentences.append((s.text, d.language))
    counted = [{(q.value, q.unit) for q in find_quantities(t, lang)} for t, lang in sentences]
    sets = defaultdict(list)
    rng = np.random.default_rng(0)
    for story, members in by_story.items():
        if len(members) < 3:
            continue
        mine = [k for k, o in enumerate(owner) if story_of[o] == story]
        for k in mine:
            values = {v for v, _ in counted[k]} & shared[owner[k]]
            if not values:
                continue
            others = [j for j in mine if owner[j] != owner[k]]
            sets["restated"].append((k, others))
            abroad = [j for j in others if sentences[j][1] != sentences[k][1]]
            sets["sharing a figure"].append((k, [j for j in abroad if {v for v, _ in counted[j]} & values]))
            units = {u for _, u in counted[k] if u}
            mine_values = {v for v, _ in counted[k]}
            sets["other value"].append(
                (k, [j for j in abroad if any(u in units and v not in mine_values for v, u in counted[j])])
            )
        foreign = [k for k, o in enumerate(owner) if story_of[o] != story and len(sentences[k][0]) > 60]
        for k in rng.choice(foreign, size=min(FOREIGN_PER_STORY, len(foreign)), replace=False):
            sets["other stories"].append((int(k), mine))
    return sentences, sets


def knows(model: Embedder, *languages: str | None) -> bool:
    return model.languages is None or set(languages) <= model.languages


def main() -> None:
    require_devset()
    sentences, sets = pairs()
    print("Best cosines of the paraphrase step's devset sets, per model\n")
    for model in paraphrase_embedders():
        vectors = model([t for t, _ in sentences])
        best = {}
        for name, found in sets.items():
            cosines = []
            for k, candidates in found:
                used = [j for j in candidates if knows(model, sentences[k][1], sentences[j][1])]
                if used:
                    cosines.append(float(np.max(vectors[used] @ vectors[k])))
            best[name] = np.array(cosines)
        print(model.model_id)
        print(
            table(
                ["set", "sentences", "p5", "p10", "p25", "p50", "p75", "p90", "p95"],
                [[name, len(c), *np.percentile(c, [5, 10, 25, 50, 75, 90, 95])] for name, c in best.items()],
            )
        )
        cosines = COSINES[model.model_id]
        shares = [
            [name, value, *[float((best[s] >= value).mean()) for s in best]]
            for name, value in (
                ("same", cosines.same),
                ("with_figures", cosines.with_figures),
                ("changed_figure", cosines.changed_figure),
                ("sure", cosines.sure),
            )
        ]
        print("\nShare of each set at or above the model's thresholds:")
        print(table(["threshold", "cosine", *best], shares) + "\n")


if __name__ == "__main__":
    main()
