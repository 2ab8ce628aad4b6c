"""Claims on ../shared/devset/claims.json: numbers, origins and hedges against gold claims.

For every gold claim and every document it names: is there a claim in that
document with the gold value (and range end), and does its origin match one
of the gold's accepted names (or is it none where the gold names none)?
Recall counts (claim, document) pairs with value and origin right; origin and
hedge accuracy are measured where the value was found. Precision is measured
against the gold list, which is not exhaustive (it lists 20 facts; the
documents hold more real numbers), so it is a lower bound.
Table precision: the entries of the numbers table `lagebild claims` prints (render.claims.
table_rows) for each story with gold claims: an entry is right when a gold claim of its
report has its value, its origin is one the gold accepts (the publisher where the gold
names none) and the gold fact is the one most of its row's entries give. An entry the
gold does not list counts as wrong, unless claims_beyond_gold.json lists it with the sentence
that shows it right (bench/README.md). Entries whose origin names no one (a pronoun, a month,
a role word alone) or whose figure is broken ("000") are counted apart.
Speed: claims and groups for the largest devset story, repeated to 60 documents.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

from _devset import DEVSET, as_document, require_devset, stories, table
from _devset import sixty as _sixty
from lagebild.claims import attribution, attributions, forget_claims, story_claims
from lagebild.compare import compare
from lagebild.origins import ROLE_WORDS, is_origin, normalise_origin, same_origin
from lagebild.render.claims import table_rows

# The gold names one fact, the story's whole toll at different times, in several words.
_SAME_FACT = {
    "deaths in the Valencia region": "deaths",
    "deaths in Spain": "deaths",
    "deaths in Spain, provisional": "deaths",
    "deaths confirmed": "deaths",
    "deaths in southern and eastern Spain": "deaths",
    # 37 days in hospital in one report, 38 in others: the gold's own note calls them one fact.
    "days in hospital": "days in hospital with double pneumonia",
}


def gold_fact(claim: dict) -> str:
    """The fact a gold claim states: its description without the notes in brackets."""
    what = re.sub(r"\s*\([^)]*\)", "", claim["what"]).strip()
    return _SAME_FACT.get(what, what)


def non_origin(who: str | None) -> bool:
    """Whether a shown origin names no one: a pronoun, month, class or role word alone."""
    return who is not None and (not is_origin(who) or who.lower() in ROLE_WORDS)


def broken(entry: dict) -> bool:
    """Whether a figure was misread: a value of nothing, or digits that open with a zero
    group ("000" read from "2'000")."""
    leading_zero = entry["unit"] != "Uhrzeit" and re.match(r"^\D*0\d", entry["raw"])  # "07.35" is a time
    return entry["value"] <= 0 or bool(leading_zero)


def table_precision(gold: list[dict], rows_of: dict[str, list[dict]]) -> dict:
    """Right entries, all entries, non-origins and broken figures of the stories' tables,
    and the wrong entries for reading."""
    right = total = non_origins = broken_figures = 0
    wrong = []
    for story, rows in rows_of.items():
        for row in rows:
            matched = []
            for e in row["entries"]:
                hits = [
                    g
                    for g in gold
                    if e["doc_id"] in g["doc_ids"]
                    and g["value"] == e["value"]
                    and (g["value_max"] is None or g["value_max"] == e["value_max"])
                ]
                matched.append(hits)
            row_fact = _row_fact(row["entries"], matched)
            for e, hits in zip(row["entries"], matched, strict=True):
                total += 1
                non_origins += non_origin(e["attributed_to"])
                broken_figures += broken(e)
                ok = any(
                    gold_fact(g) == row_fact and origin_ok(e["attributed_to"], g["attributed_to"])
                    for g in hits
                )
                right += ok
                if non_origin(e["attributed_to"]) or broken(e):
                    ok = False
                if not ok:
                    why = (
                        "not in gold"
                        if not hits
                        else f"gold {gold_fact(hits[0])!r}, origin {hits[0]['attributed_to']}"
                    )
                    wrong.append(f"{story}: {row['what']}: {e['who']} {e['raw']} [{e['doc_id']}] ({why})")
    return {
        "right": right,
        "total": total,
        "non_origins": non_origins,
        "broken": broken_figures,
        "wrong": wrong,
    }


def _row_fact(entries: list[dict], matched: list[list[dict]]) -> str | None:
    """The gold fact most of a row's entries give (each entry counts every fact its value
    has in its report: a 3 may be a toll and a number of days); on a tie, the one whose
    origins are right for more entries."""
    facts = Counter(f for hits in matched for f in {gold_fact(g) for g in hits})
    if not facts:
        return None

    def right(fact: str) -> int:
        return sum(
            any(gold_fact(g) == fact and origin_ok(e["attributed_to"], g["attributed_to"]) for g in hits)
            for e, hits in zip(entries, matched, strict=True)
        )

    return max(facts, key=lambda f: (facts[f], right(f)))


def labels_of_every_story(rows: dict[str, dict]) -> str:
    """How the facts of every devset story (not only those with gold claims) are labelled:
    facts whose label names what is counted (ClaimGroup.named), facts left to the JSON, and
    the rows the tables show. Read with the tables themselves: the count says nothing of a
    label's being right."""
    facts = named = shown = 0
    for story in sorted({r["story"] for r in rows.values() if r["story"]}):
        members = [r for r in rows.values() if r["story"] == story]
        duplicate_of = {r["id"]: r["near_dup_of"] for r in members if r["near_dup_of"]}
        result = compare(story_claims([as_document(r) for r in members]), duplicate_of)
        facts += len(result.groups)
        named += sum(g.named for g in result.groups)
        shown += len(table_rows(result, duplicate_of))
    return (
        f"\nLabels of all devset stories: {facts} facts, {named} with a label that names what is "
        f"counted, {facts - named} left to the JSON; the tables show {shown} rows"
    )


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
    rows_of: dict[str, list[dict]] = {}
    for story in sorted({story_of[i] for i in docs}):
        members = [as_document(r) for r in rows.values() if r["story"] == story]
        made = story_claims(members)
        for c in made:
            if c.doc_id in claims:
                claims[c.doc_id].append(c)
        duplicate_of = {
            r["id"]: r["near_dup_of"] for r in rows.values() if r["story"] == story and r["near_dup_of"]
        }
        rows_of[story] = table_rows(compare(made, duplicate_of), duplicate_of)
    pairs = found = origin_right = hedge_right = both = 0
    misses = []
    # Per language and per story: [pairs, value found, origin right, hedge right (where found)]
    by: dict[tuple[str, str], list[int]] = {}
    for g in gold:
        for doc_id in g["doc_ids"]:
            pairs += 1
            counts = [
                by.setdefault(k, [0, 0, 0, 0])
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
            for n in counts:
                n[3] += c.hedged == g["hedged"]
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
    # Entries the gold does not list that a report shows right (bench/README.md lists them).
    beyond = json.loads((Path(__file__).parent / "claims_beyond_gold.json").read_text(encoding="utf-8"))
    extra = [dict(b, doc_ids=[b["doc_id"]], claim_id=f"beyond {b['doc_id']}") for b in beyond]
    tp = table_precision(gold + extra, rows_of)
    by_gold = table_precision(gold, rows_of)
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
                [
                    "table precision (gold list only)",
                    by_gold["right"] / max(by_gold["total"], 1),
                    f"{by_gold['right']}/{by_gold['total']}",
                ],
                [
                    "table precision (gold and beyond_gold)",
                    tp["right"] / max(tp["total"], 1),
                    f"{tp['right']}/{tp['total']}",
                ],
                ["table entries with a non-origin", tp["non_origins"], ""],
                ["table entries with a broken figure", tp["broken"], ""],
            ],
        )
    )
    print(
        "\nPer language and per story (recall: value and origin right; origin and hedge: where the value "
        "was found)\n"
    )
    print(
        table(
            ["by", "name", "pairs", "recall", "origin accuracy", "hedge accuracy"],
            [
                [kind, name, n[0], n[2] / n[0], n[2] / max(n[1], 1), n[3] / max(n[1], 1)]
                for (kind, name), n in sorted(by.items())
            ],
        )
    )
    print("\nMisses:")
    for m in misses:
        print("  " + m)
    print("\nTable entries not right by the gold:")
    for w in tp["wrong"]:
        print("  " + w)
    print(labels_of_every_story(rows))
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
