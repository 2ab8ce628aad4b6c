"""Story clustering and duplicate detection on ../shared/devset/stories.jsonl.

Quality: B-cubed precision, recall and F1 against the gold `story` labels, for
a batch ingest (all reports at once) and for online ingest (one report at a
time, stories updated after each) in date order and in shuffled orders; the
same per language; whether any hard negative was merged into the story it
resembles; duplicate pairs found against `near_dup_of`.

Speed (--speed N): N documents made by reusing devset texts under new ids and
shifted dates (for timing only, never for quality), ingested and clustered in
one batch; then the latency of adding one more document to that store.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from _devset import marked, stories, table
from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore
from lagebild.stories import update_stories

# Hard negatives and confusers of the devset README: different events that share words.
HARD_NEGATIVES = {
    "hurricane_helene": "hurricane_milton",
    "mannheim_attack": "solingen_attack",
    "maui_wildfires": "la_wildfires",
    "kr_yoon_removal": "kr_martial_law",
    "conclave_leo_xiv": "pope_francis_death",
    "notre_dame_fire_2019": "notre_dame_reopening",
    "storm_boris_floods": "dana_valencia",
}


def bcubed(pred: dict[str, int], gold: dict[str, str], ids: list[str]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in pred:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in ids:
        same = by_pred[pred[i]] & by_gold[gold[i]]
        p += len(same) / len(by_pred[pred[i]])
        r += len(same) / len(by_gold[gold[i]])
    p, r = p / len(ids), r / len(ids)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run(docs: list[dict], order: list[int], online: bool, tmp: Path, name: str):
    db = tmp / f"{name}.db"
    with SQLiteStore(db) as store:
        settings = Settings(db=str(db))
        path = tmp / f"{name}.jsonl"
        if online:
            for i in order:
                path.write_text(json.dumps(docs[i], ensure_ascii=False) + "\n", encoding="utf-8")
                ingest([str(path)], store, settings)
                update_stories(store)
        else:
            path.write_text("".join(json.dumps(docs[i], ensure_ascii=False) + "\n" for i in order), "utf-8")
            ingest([str(path)], store, settings)
            update_stories(store)
        pred = {d: s.id for s in store.stories() for d in s.doc_ids}
        groups = [g for s in store.stories() for g in s.duplicate_groups]
    return pred, groups


def quality(docs: list[dict], tmp: Path, seeds: int, verbose: bool = False) -> None:
    gold = {d["id"]: d["story"] for d in docs}
    lang = {d["id"]: d["language"] for d in docs}
    by_date = sorted(
        range(len(docs)), key=lambda i: (docs[i]["published"] is None, docs[i]["published"] or "")
    )
    runs = [("batch, file order", list(range(len(docs))), False), ("online, date order", by_date, True)]
    runs += [
        (f"online, shuffled #{s}", random.Random(s).sample(range(len(docs)), len(docs)), True)
        for s in range(seeds)
    ]
    rows, lang_rows, merges, dups, time_rows = [], [], [], None, []
    dated = {d["id"] for d in docs if d["published"]}
    for name, order, online in runs:
        start = time.perf_counter()
        pred, groups = run(docs, order, online, tmp, name.replace(" ", "_").replace(",", "").replace("#", ""))
        elapsed = time.perf_counter() - start
        ids = list(pred)
        p, r, f = bcubed(pred, gold, ids)
        merged = [
            neg
            for neg, pos in HARD_NEGATIVES.items()
            if {pred[i] for i in ids if gold[i] == neg} & {pred[i] for i in ids if gold[i] == pos}
        ]
        merges.append(merged)
        if verbose:
            members = defaultdict(list)
            for i in ids:
                members[pred[i]].append(gold[i])
            print(name, sorted((dict(Counter(m)) for m in members.values()), key=str))
        rows.append(
            [
                name,
                len(ids),
                len(set(pred.values())),
                len(set(gold.values())),
                p,
                r,
                f,
                ",".join(merged) or "none",
                f"{elapsed:.1f}",
            ]
        )
        if dups is None:
            dups = groups
        for label, sub in (
            ("dated", [i for i in ids if i in dated]),
            ("undated", [i for i in ids if i not in dated]),
        ):
            time_rows.append([name, label, len(sub), *_restricted(pred, gold, ids, sub)])
        if name == "online, date order":
            for code in sorted(set(lang.values())):
                sub = [i for i in ids if lang[i] == code]
                lp, lr, lf = bcubed({i: pred[i] for i in sub}, gold, sub)
                lang_rows.append([code, len(sub), lp, lr, lf])
    print(f"Story clustering on {len(docs)} real reports of ../shared/devset (B-cubed)\n")
    print(
        table(
            ["run", "docs", "stories", "gold", "precision", "recall", "F1", "hard negatives merged", "s"],
            rows,
        )
    )
    f1s = [r[6] for r in rows]
    print(f"\nF1 over all runs: mean {sum(f1s) / len(f1s):.3f}, min {min(f1s):.3f}")
    print(
        "\nDated and undated reports (B-cubed over each report's whole story, averaged over those reports)\n"
    )
    print(table(["run", "reports", "docs", "precision", "recall"], time_rows))
    print("\n" + baseline(docs))
    print("\nPer language (online, date order; B-cubed within the language's reports)\n")
    print(table(["language", "docs", "precision", "recall", "F1"], lang_rows))
    gold_pairs = {frozenset((d["id"], d["near_dup_of"])) for d in docs if d["near_dup_of"]}
    found = {frozenset(p) for g in dups for p in _pairs(g)}
    hit = len(gold_pairs & found)
    print(
        f"\nDuplicate pairs: gold {len(gold_pairs)}, found {len(found)}, correct {hit}"
        f" (precision {hit / len(found) if found else 1:.2f}, recall {hit / len(gold_pairs):.2f})"
    )


def _restricted(pred, gold, ids, sub) -> tuple[float, float]:
    """B-cubed precision and recall averaged over the reports in ``sub`` only."""
    if not sub:
        return 0.0, 0.0
    p = r = 0.0
    for i in sub:
        mine = {j for j in ids if pred[j] == pred[i]}
        same = {j for j in mine if gold[j] == gold[i]}
        p += len(same) / len(mine)
        r += len(same) / sum(1 for j in ids if gold[j] == gold[i])
    return p / len(sub), r / len(sub)


def baseline(docs: list[dict]) -> str:
    """The naive baseline of the devset README: multilingual-e5 embeddings of each report's
    first 400 characters, average-link clustering, one threshold tuned on this very set
    (so an upper bound of what it can do)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from lagebild.embed import embed

    texts = [" ".join(((d.get("title") or "") + ". " + d["text"]).split())[:400] for d in docs]
    vectors = embed(texts)
    distances = np.clip(1 - vectors @ vectors.T, 0, None).astype(np.float64)
    np.fill_diagonal(distances, 0)
    tree = linkage(squareform(distances, checks=False), "average")
    ids = [d["id"] for d in docs]
    gold = {d["id"]: d["story"] for d in docs}
    (f, p, r), t = max(
        ((s[2], s[0], s[1]), t)
        for t in np.arange(0.05, 0.40, 0.005)
        for s in [bcubed(dict(zip(ids, fcluster(tree, t, "distance"), strict=True)), gold, ids)]
    )
    return (
        "Naive baseline (e5 on 400 characters, average link, threshold tuned on this set: "
        f"distance {t:.3f}): precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}"
    )


def _pairs(group: list[str]):
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def speed(docs: list[dict], n: int, tmp: Path) -> None:
    made = []
    for k in range(n):
        d = dict(docs[k % len(docs)])
        copy = k // len(docs)
        d["id"] = f"{d['id']}-{copy}"
        d["url"] = f"{d['url']}/copy{copy}"
        # Shift each copy of the devset by 40 days: same texts, different weeks.
        if d["published"] and len(d["published"]) >= 10:
            day = date.fromisoformat(d["published"][:10]) + timedelta(days=40 * copy)
            d["published"] = day.isoformat()
        if copy:
            # Copies are neither exact nor near duplicates of each other (real corpora rarely are).
            d["text"] = marked(d["text"], copy)
        made.append(d)
    path = tmp / "speed.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in made[:-1]), "utf-8")
    db = tmp / "speed.db"
    with SQLiteStore(db) as store:
        settings = Settings(db=str(db))
        t0 = time.perf_counter()
        ingest([str(path)], store, settings)
        t1 = time.perf_counter()
        update_stories(store)
        t2 = time.perf_counter()
        one = tmp / "one.jsonl"
        one.write_text(json.dumps(made[-1], ensure_ascii=False) + "\n", "utf-8")
        ingest([str(one)], store, settings)
        t3 = time.perf_counter()
        update_stories(store)
        t4 = time.perf_counter()
        count = len(store.stories())
    print(f"\nSpeed: {n - 1} documents, then one more ({count} stories)\n")
    print(
        table(
            ["step", "seconds", "docs/s"],
            [
                ["ingest (jsonl, analyse, store)", f"{t1 - t0:.1f}", f"{(n - 1) / (t1 - t0):.0f}"],
                ["stories (embed, dedup, cluster)", f"{t2 - t1:.1f}", f"{(n - 1) / (t2 - t1):.0f}"],
                ["total", f"{t2 - t0:.1f}", f"{(n - 1) / (t2 - t0):.0f}"],
                ["add one document: ingest", f"{t3 - t2:.3f}", ""],
                ["add one document: stories", f"{t4 - t3:.3f}", ""],
            ],
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8, help="shuffled online runs")
    parser.add_argument("--verbose", action="store_true", help="print each run's stories")
    parser.add_argument("--speed", type=int, default=0, help="also time N documents")
    args = parser.parse_args()
    docs = stories()
    with tempfile.TemporaryDirectory() as tmpdir:
        quality(docs, Path(tmpdir), args.seeds, args.verbose)
        if args.speed:
            speed(docs, args.speed, Path(tmpdir))


if __name__ == "__main__":
    main()
