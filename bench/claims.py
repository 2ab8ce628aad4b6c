"""Claims on ../shared/devset/claims.json: numbers, origins and hedges against gold claims.

For every gold claim and every document it names: is there a claim in that
document with the gold value (and range end), and does its origin match one
of the gold's accepted names (or is it none where the gold names none)?
Recall counts (claim, document) pairs with value and origin right; origin and
hedge accuracy are measured where the value was found. Precision is measured
against the gold list, which is not exhaustive (it lists 20 facts; the
documents hold more real numbers), so it is a lower bound.
Speed: claims and groups for the largest devset story, repeated to 60 documents.
"""

from __future__ import annotations

import json
import time

from _devset import DEVSET, as_document, require_devset, stories, table
from _devset import sixty as _sixty
from lagebild.claims import attribution, attributions, forget_claims, story_claims
from lagebild.compare import compare
from lagebild.origins import normalise_origin, same_origin


def origin_ok(ours: str | None, accepted: list[str] | None) -> bool:
    if not accepted:
        return ours is None
    if ours is None:
        return False
    names = {normalise_origin(a) or a for a in accepted} | set(accepted)
    return any(same_origin(ours, n) or ours.lower() == n.lower() for n in names)


def main() -> None:
    require_devset()
    gold = json.loads((DEVSET / "claims.json").read_text(encoding="utf-8"))
    rows = {r["id"]: r for r in stories()}
    docs = {i: as_document(rows[i]) for i in {d for g in gold for d in g["doc_ids"]}}
    # Claims are made per story, as the pipeline makes them: a report's figure may take
    # its origin from another report of the same story.
    story_of = {r["id"]: r["story"] for r in rows.values()}
    claims: dict[str, list] = {i: [] for i in docs}
    for story in {story_of[i] for i in docs}:
        members = [as_document(r) for r in rows.values() if r["story"] == story]
        for c in story_claims(members):
            if c.doc_id in claims:
                claims[c.doc_id].append(c)
    pairs = found = origin_right = hedge_right = both = 0
    misses = []
    # Per language and per story: [pairs, value found, origin right where found]
    by: dict[tuple[str, str], list[int]] = {}
    for g in gold:
        for doc_id in g["doc_ids"]:
            pairs += 1
            counts = [
                by.setdefault(k, [0, 0, 0])
                for k in (("language", rows[doc_id]["language"]), ("story", story_of[doc_id]))
            ]
            for n in counts:
                n[0] += 1
            hits = [
                (c, q)
                for c in claims[doc_id]
                for q in c.quantities
                if q.value == g["value"] and (g["value_max"] is None or q.value_max == g["value_max"])
            ]
            if not hits:
                misses.append(f"value  {g['claim_id']} in {doc_id}")
                continue
            found += 1
            c = max(hits, key=lambda cq: origin_ok(cq[0].attributed_to, g["attributed_to"]))[0]
            ok = origin_ok(c.attributed_to, g["attributed_to"])
            for n in counts:
                n[1] += 1
                n[2] += ok
            origin_right += ok
            both += ok
            hedge_right += c.hedged == g["hedged"]
            if not ok:
                misses.append(
                    f"origin {g['claim_id']} in {doc_id}: ours {c.attributed_to!r}, "
                    f"gold {(g['attributed_to'] or [None])[:2]}"
                )
    gold_values = {doc_id: {g["value"] for g in gold if doc_id in g["doc_ids"]} for doc_id in docs}
    counted = [
        (d, q)
        for d, cs in claims.items()
        for c in cs
        for q in c.quantities
        if q.unit and q.unit not in ("Jahr", "%")
    ]
    precise = sum(q.value in gold_values[d] for d, q in counted)
    print(f"Claims on ../shared/devset/claims.json ({len(gold)} gold claims, {pairs} claim-document pairs)\n")
    print(
        table(
            ["measure", "value", "count"],
            [
                ["recall (value and origin)", both / pairs, f"{both}/{pairs}"],
                ["value found", found / pairs, f"{found}/{pairs}"],
                [
                    "origin accuracy (where value found)",
                    origin_right / max(found, 1),
                    f"{origin_right}/{found}",
                ],
                ["hedge accuracy (where value found)", hedge_right / max(found, 1), f"{hedge_right}/{found}"],
                [
                    "precision vs gold list (lower bound)",
                    precise / max(len(counted), 1),
                    f"{precise}/{len(counted)}",
                ],
            ],
        )
    )
    print(
        "\nPer language and per story (recall: value and origin right; origin: where the value was found)\n"
    )
    print(
        table(
            ["by", "name", "pairs", "recall", "origin accuracy"],
            [[kind, name, n[0], n[2] / n[0], n[2] / max(n[1], 1)] for (kind, name), n in sorted(by.items())],
        )
    )
    print("\nMisses:")
    for m in misses:
        print("  " + m)
    big = max({r["story"] for r in rows.values()}, key=lambda s: sum(r["story"] == s for r in rows.values()))
    sixty = _sixty([r for r in rows.values() if r["story"] == big])
    attribution.cache_clear()
    attributions.cache_clear()
    forget_claims()
    start = time.perf_counter()
    result = compare(story_claims(sixty), {})
    elapsed = time.perf_counter() - start
    print(
        f"\nSpeed: claims and groups for {len(sixty)} documents ({big}): {elapsed * 1000:.0f} ms, "
        f"{len(result.claims)} claims, {len(result.groups)} groups"
    )


if __name__ == "__main__":
    main()
