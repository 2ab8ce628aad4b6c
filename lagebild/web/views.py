"""What the templates show, prepared from the pipeline's data: labels, numbering, grouping.

Templates only lay out; everything that counts, groups or looks things up is here.
All text stays plain: the templates escape it (autoescape). Only the charts are marked
safe: render.charts escapes every text it draws into their SVG.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from lagebild.check import CheckReport
from lagebild.model import BriefSentence
from lagebild.render.brief import german_day, safe_url, written_by
from lagebild.render.charts import reports_chart, values_chart
from lagebild.render.table import latest_per_origin, shown_value, status_de, table_facts
from lagebild.web.cache import StoryView

VERDICTS = {
    "supported": "Belegt",
    "contradicted": "Widersprochen",
    "unsupported": "Nicht belegt",
    "not_checkable": "Nicht prüfbar",
}
ISSUES = {
    "number_mismatch": "Zahl weicht ab",
    "misattribution": "Falsch zugeschrieben",
    "unconfirmed_attribution": "Zuschreibung nicht bestätigt",
    "unknown_source": "Unbekannte Quelle",
    "misspelled_source": "Quelle falsch geschrieben",
    "unsupported_claim": "Von keiner Quelle gestützt",
    "unsupported_detail": "Detail nicht belegt",
}
JOB_STATES = {
    "queued": "wartet",
    "running": "liest ein",
    "stories": "ordnet Geschichten",
    "done": "fertig",
    "failed": "abgebrochen",
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def german_date(value: str | None) -> str:
    """An ISO date or datetime as 23.10.2024 (reduced precision kept: 10.2024, 2024)."""
    match = _DATE.match(value or "")
    if not match:
        return ""
    year, month, day = match.groups()
    return ".".join(p for p in (day, month, year) if p)


@dataclass
class Cite:
    """A citation as the page shows it: its number and the quoted source sentence."""

    n: int
    doc_id: str
    source: str
    quote: str


@dataclass
class Line:
    """A sentence of the brief with its citations."""

    text: str
    cites: list[Cite]


@dataclass
class NumberRow:
    """A fact in the numbers table: what is counted and each source's figure."""

    what: str
    status: str
    label: str
    sources: int
    values: list[dict] = field(default_factory=list)
    chart: Markup | None = None


class _Numbering:
    """Citation numbers by source document, in order of first use (as in the Markdown brief)."""

    def __init__(self):
        self.order: dict[str, int] = {}

    def of(self, doc_id: str) -> int:
        return self.order.setdefault(doc_id, len(self.order) + 1)


def story_page(view: StoryView) -> dict:
    """The template context of a story page."""
    brief, numbering = view.brief, _Numbering()
    claims = {c.id: c for c in view.comparison.claims}

    def line(s: BriefSentence) -> Line:
        return Line(s.text, [Cite(numbering.of(c.doc_id), c.doc_id, c.source, c.quote) for c in s.citations])

    lead = [line(s) for s in brief.lead]
    sections = [(heading, [line(s) for s in sentences]) for heading, sentences in brief.sections]
    course = [(german_day(e.day), line(e.sentence)) for e in brief.timeline]
    numbers = [_number_row(g, claims, numbering) for g in table_facts(brief.numbers)]
    by_id = {d["doc_id"]: d for d in brief.sources}
    sources = [
        {**by_id[doc_id], "n": n, "link": safe_url(by_id[doc_id].get("url"))}
        for doc_id, n in numbering.order.items()
        if doc_id in by_id
    ]
    return {
        "story": view.story,
        "brief": brief,
        "written_by": written_by(brief),
        "lead": lead,
        "sections": sections,
        "course": course,
        "numbers": numbers,
        "sources": sources,
        "origins": _claims_by_origin(view),
        "unattributed": sum(1 for c in view.comparison.claims if not c.attributed_to),
        "timeline": _timeline(view),
        "reports_chart": _safe_chart(reports_chart(brief.sources)),
    }


def _number_row(group: dict, claims: dict, numbering: _Numbering) -> NumberRow:
    row = NumberRow(group["what"], group["status"], status_de(group), group["independent_sources"])
    row.chart = _safe_chart(values_chart(group))
    for v in latest_per_origin(group):
        claim = claims.get(v["claim_id"])
        row.values.append(
            {
                "who": v["who"],
                "raw": shown_value(v),
                "day": german_date(v["day"]),
                "cite": Cite(
                    numbering.of(v["doc_id"]), v["doc_id"], v["source"], claim.sentence if claim else ""
                ),
            }
        )
    return row


def _safe_chart(chart: str | None) -> Markup | None:
    return Markup(chart) if chart else None


def _claims_by_origin(view: StoryView) -> list[tuple[str, list]]:
    """Attributed claims grouped by who they are attributed to, the most quoted origin first."""
    groups: dict[str, list] = defaultdict(list)
    for claim in view.comparison.claims:
        if claim.attributed_to:
            groups[claim.attributed_to].append(claim)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))


def _timeline(view: StoryView) -> list[tuple[str, list[dict]]]:
    """The story's documents by day, syndicated copies marked."""
    group_of = {d: g[0] for g in view.story.duplicate_groups for d in g}
    days: dict[str, list[dict]] = {}
    for doc in view.documents:
        first = group_of.get(doc.id)
        mark = None
        if first and first != doc.id:
            mark = f"Kopie von {first}"
        elif first:
            mark = "mehrfach verbreitet"
        days.setdefault(german_date(doc.published) or "ohne Datum", []).append({"doc": doc, "mark": mark})
    return list(days.items())


def check_page(report: CheckReport) -> dict:
    """The template context of a check result."""
    counts = report.summary()
    return {
        "story": report.story,
        "sources": report.sources,
        "summary": [(k, VERDICTS[k], n) for k, n in counts.items()],
        "sentences": [
            {
                "index": i + 1,
                "text": text,
                "verdict": v.verdict,
                "label": VERDICTS[v.verdict],
                # Evidence of other verdicts is only the nearest sentence, not a backing one.
                "evidence": v.evidence[:2] if v.verdict in ("supported", "contradicted") else [],
                "issues": [(ISSUES.get(x.kind, x.kind), x.detail) for x in v.issues],
            }
            for i, (text, v) in enumerate(report.sentences)
        ],
    }
