"""The numbers table as a reader sees it: a few facts, each origin's latest figure.

The brief's JSON keeps every value of every compared fact; the Markdown, HTML and web
tables show what a reader can take in: the facts that most independent sources give
(the brief lists them in that order), and per fact one figure per origin, the latest.
"""

from __future__ import annotations

from lagebild.german import german_figure
from lagebild.milestones import UNITS as MILESTONES

# A reader compares a handful of facts at a glance; a longer table is read by no one.
TABLE_FACTS = 6

_STATUS_DE = {"corroborated": "bestätigt", "contradicted": "widersprüchlich", "single_source": "unbestätigt"}


def status_de(group: dict) -> str:
    """A fact's status in German, with "fortgeschrieben" where its value changed over time
    ("bestätigt, fortgeschrieben": a toll that rose from day to day)."""
    return _STATUS_DE[group["status"]] + (", fortgeschrieben" if group.get("updated") else "")


def shown_value(value: dict) -> str:
    """A table entry's figure in German, whatever language its report gave it in ("au
    moins sept" is "mindestens 7"; the JSON keeps the wording as ``raw``), marked when its
    report gives it as an earlier state of the count or as what the count is expected to
    reach (the origin gave no other)."""
    shown = german_figure(value)
    if value.get("forecast"):
        return shown + " (erwartet)"
    return shown + (" (früherer Stand)" if value.get("earlier") else "")


def table_facts(numbers: list[dict]) -> list[dict]:
    """The facts the table shows: the first TABLE_FACTS of the brief's numbers that are
    amounts and whose label names what is counted. The day of an event and a rank
    (milestones) are left to the JSON: the table compares amounts, six at most, and a day
    shown beside counts reads as one. So is a fact whose label says no more than its unit
    ("Meter: 93", "Uhrzeit: 18:07"): a reader cannot tell what it measures (groups stored
    before labels said so count as named), and a second fact of a label already shown."""
    shown, labels = [], set()
    for g in numbers:
        # Two rows of one label are two facts a reader cannot tell apart: the one more
        # sources give stands for the label (numbers come most-sourced first).
        if g.get("unit") not in MILESTONES and g.get("named", True) and g["what"] not in labels:
            shown.append(g)
            labels.add(g["what"])
    return shown[:TABLE_FACTS]


def latest_per_origin(group: dict) -> list[dict]:
    """One value per origin (who is quoted, else the publisher): the one of the latest day
    (the day the sentence names, else the report's), the larger of one day's, as counts
    rise while a story goes on and a report gives the earlier figure as history (between a
    dated and an undated figure, the larger: see _later). A figure
    its sentence gives as an earlier state ("the previous toll stood at 11") is shown only
    for an origin that gives no other. A report's own figure (no origin named) below a
    figure the same report gives in the row is no current value of the fact ("224 dead,
    the government said ... nine victims were minors"): a part or history. Dated values
    first, oldest first, then the undated; each carries ``who``, ``day`` (ISO, "" when
    undated) and ``doc_id``."""
    values = [dict(v, doc_id=v["claim_id"].split("#")[0]) for v in group["values"]]
    top = {}
    for v in values:
        top[v["doc_id"]] = max(top.get(v["doc_id"], v["value"]), v["value"])
    values = [v for v in values if v["attributed_to"] or v["value"] >= top[v["doc_id"]]]
    best: dict[str, dict] = {}
    for v in values:
        who = v["attributed_to"] or v["source"]
        day = (v.get("refers_to") or v.get("published") or "")[:10]
        entry = {**v, "who": who, "day": day}
        if who not in best or _later(entry, best[who]):
            best[who] = entry
    return sorted(best.values(), key=lambda v: (not v["day"], v["day"], v["who"]))


def _later(a: dict, b: dict) -> bool:
    """Whether figure a of an origin is later than its figure b: a value now (not an
    earlier state, not a forecast), of a later day where both days are known, else the
    larger (counts rise while a story goes on; an undated report is as likely later as
    earlier)."""
    a_now, b_now = not (a.get("earlier") or a.get("forecast")), not (b.get("earlier") or b.get("forecast"))
    if a_now != b_now:
        return a_now
    if a["day"] and b["day"] and a["day"] != b["day"]:
        return a["day"] > b["day"]
    if a["value"] != b["value"]:
        return a["value"] > b["value"]
    return a["day"] > b["day"]  # the same figure: the entry that says its day
