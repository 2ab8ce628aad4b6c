"""The numbers table as a reader sees it: a few facts, each origin's latest figure.

The brief's JSON keeps every value of every compared fact; the Markdown, HTML and web
tables show what a reader can take in: the facts that most independent sources give
(the brief lists them in that order), and per fact one figure per origin, the latest.
"""

from __future__ import annotations

# A reader compares a handful of facts at a glance; a longer table is read by no one.
TABLE_FACTS = 6


def table_facts(numbers: list[dict]) -> list[dict]:
    """The facts the table shows: the first TABLE_FACTS of the brief's numbers."""
    return numbers[:TABLE_FACTS]


def latest_per_origin(group: dict) -> list[dict]:
    """One value per origin (who is quoted, else the publisher): the one of the latest day
    (the day the sentence names, else the report's), the larger of one day's, as counts
    rise while a story goes on and a report gives the earlier figure as history. Oldest
    first; each value carries ``who``, ``day`` (ISO, "" when undated) and ``doc_id``."""
    best: dict[str, dict] = {}
    for v in group["values"]:
        who = v["attributed_to"] or v["source"]
        day = (v.get("refers_to") or v.get("published") or "")[:10]
        entry = {**v, "who": who, "day": day, "doc_id": v["claim_id"].split("#")[0]}
        held = best.get(who)
        if held is None or (day, v["value"]) > (held["day"], held["value"]):
            best[who] = entry
    return sorted(best.values(), key=lambda v: (v["day"], v["who"]))
