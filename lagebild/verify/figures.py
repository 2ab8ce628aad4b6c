"""Figures as details: whether a source's figure counts the same thing as a sentence's
and backs its value, and which figure of a sentence the sources all count otherwise."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lagebild.numbers import LOWER_BOUND, NEAR_TOLERANCE, UPPER_BOUND, Quantity
from lagebild.origins import same_origin
from lagebild.verify.model import Issue

# A large value a report states counting it with another word ("1.200 Menschen ... fest"
# beside "1200 mensen vast", read as people stranded) is the same figure read otherwise;
# small values repeat by chance across the facts of a story.
SPECIFIC_VALUE = 100

if TYPE_CHECKING:
    from lagebild.verify.index import Source, SourceIndex


def same_thing(q: Quantity, t: Quantity) -> bool:
    """Whether t may count what q counts: the same unit, or no unit and the same number,
    or the same large number counted with another word (see SPECIFIC_VALUE)."""
    if q.unit and t.unit:
        return q.unit == t.unit or q.value == t.value >= SPECIFIC_VALUE and "Jahr" not in (q.unit, t.unit)
    return q.value == t.value


def backs(t: Quantity, q: Quantity) -> bool:
    """Whether a source's number backs ours: for a bound ("mindestens 40") the same
    anchor, else their value inside what ours allows."""
    approx = (q.approx or "").lower()
    if approx in LOWER_BOUND or approx in UPPER_BOUND:
        return abs(t.value - q.value) <= NEAR_TOLERANCE * q.value
    return within(t, q)


def within(inner: Quantity, outer: Quantity) -> bool:
    """Whether the interval a figure allows lies inside another's."""
    (ilo, ihi), (olo, ohi) = inner.interval(), outer.interval()
    return ilo >= olo * 0.999 and ihi <= ohi * 1.001


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures' intervals overlap (both can hold)."""
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    return alo <= bhi * 1.001 and blo <= ahi * 1.001


def carried(quantities: list[Quantity], theirs: list[Quantity]) -> bool:
    """Whether every number is pinned by one of theirs: the same thing counted, and
    their value inside what ours allows ("mindestens 3.000" does not back "rund 7.000")."""
    return all(any(same_thing(q, t) and backs(t, q) for t in theirs) for q in quantities)


def fit(quantities: list[Quantity], theirs: list[Quantity]) -> float:
    """A bonus for the share of the sentence's numbers a source states at all, the more
    when it counts the same thing with them: "150.000 Haushalte" is better shown beside
    "150 000 foyers" than beside "150.000 mensen"."""
    if not quantities:
        return 0.0
    hits = sum(
        max((1.0 if q.unit == t.unit else 0.5 for t in theirs if q.value == t.value), default=0.0)
        for q in quantities
    )
    return 0.5 * hits / len(quantities)


def against(
    index: SourceIndex, quantities: list[Quantity], sources: list[Source], origin: str | None = None
) -> tuple[Issue, Source] | None:
    """A number that the related sources all count differently, and the one to show:
    the sentence's own origin's figure first, else the closest value (a number that
    some source states for the same thing is never a mismatch)."""
    for q in quantities:
        stated = [t for i in index.by_value.get(q.value, ()) for t in index.sources[i].quantities]
        if any(t.value == q.value and same_thing(q, t) for t in stated):
            continue
        same = [(t, s) for s in sources for t in s.quantities if q.unit and t.unit == q.unit]
        # Open bounds ("mindestens 3.000") agree with almost anything: only a pinned
        # value or range that agrees keeps the number from being a mismatch.
        pinned = [(t, s) for t, s in same if (t.approx or "").lower() not in LOWER_BOUND | UPPER_BOUND]
        unknown = [t for s in sources for t in s.quantities if t.unit is None]
        if (
            pinned
            and not any(agree(q, t) for t, _ in pinned)
            and not any(within(t, q) for t, _ in same)
            and not any(t.value == q.value for t in unknown)
        ):
            t, s = min(
                pinned,
                key=lambda ts: (
                    not (origin and ts[1].origin and same_origin(origin, ts[1].origin)),
                    abs(math.log(max(ts[0].value, 1e-9) / max(q.value, 1e-9))),
                ),
            )
            who = f", laut {s.origin}" if s.origin else ""
            # A time names itself ("9:35 Uhr"); a count says what it counts ("12 Tote").
            what = f"{q.raw} {q.unit}"
            if q.unit == "Uhrzeit":
                what = q.raw if "uhr" in q.raw.lower() else f"{q.raw} Uhr"
            detail = f"{what}: die Quellen sagen {t.raw}{who} ({s.doc.source})"
            return Issue("number_mismatch", detail), s
    return None


def missing_detail(missing: list[Quantity]) -> Issue:
    """The issue naming figures no source gives."""
    return Issue(
        "unsupported_detail",
        "keine Quelle nennt " + ", ".join(f"{q.raw} {q.unit or ''}".strip() for q in missing),
    )
