"""Claims and their groups as JSON (spec/claims.schema.json) and as a Markdown table."""

from __future__ import annotations

from lagebild.compare import Comparison
from lagebild.render.table import latest_per_origin, shown_value, status_de, table_facts


def claims_dict(story_id, result: Comparison) -> dict:
    """The JSON of spec/claims.schema.json."""
    return {
        "story_id": story_id,
        "claims": [c.as_dict() for c in result.claims],
        "groups": [g.as_dict() for g in result.groups],
    }


def table_rows(result: Comparison, duplicate_of: dict[str, str] | None = None) -> list[dict]:
    """The rows of the numbers table a reader sees: the facts that most independent
    sources give and whose label names what is counted (table_facts), each with the
    latest figure of each origin (who is quoted, else the publisher). A figure a report or
    its syndicated copy repeats is shown once. Each row has ``what``, ``status``,
    ``updated``, ``independent_sources`` and ``entries`` (the values of latest_per_origin:
    ``who``, ``raw``, ``value``, ``day``, ``doc_id`` ...)."""
    duplicate_of = duplicate_of or {}
    rows = []
    for g in table_facts([g.as_dict() for g in result.groups]):
        # A report that gives a figure once with its origin and once without (a headline, a
        # repeat) gives it as that origin's.
        kept: dict[tuple, dict] = {}
        for v in g["values"]:
            key = (duplicate_of.get(v["doc_id"], v["doc_id"]), v["value"], v["value_max"])
            if key not in kept or v["attributed_to"] and not kept[key]["attributed_to"]:
                kept[key] = v
        values = list(kept.values())
        entries = latest_per_origin({**g, "values": values})
        rows.append(
            {
                "what": g["what"],
                "status": g["status"],
                "updated": g["updated"],
                "independent_sources": g["independent_sources"],
                "entries": entries,
            }
        )
    return rows


def claims_markdown(title: str, result: Comparison, duplicate_of: dict[str, str] | None = None) -> str:
    """The numbers table (table_rows: a few facts, each origin's latest figure with its day
    and the report it is from), then who says what; every figure is in ``--format json``."""
    lines = [f"# Zahlen im Vergleich: {title}", ""]
    rows = table_rows(result, duplicate_of)
    if rows:
        lines += ["| Was | Status | Quellen | Angaben |", "|---|---|---|---|"]
    elif result.groups:
        lines.append("_Keine Zahl, deren Bezug sich benennen lässt (alle Angaben mit --format json)._")
    for row in rows:
        values = [
            f"{v['who']} {shown_value(v)}" + (f" ({v['day']})" if v["day"] else "") + f" [{v['doc_id']}]"
            for v in row["entries"]
        ]
        status = status_de(row) + (" ⚠" if row["status"] == "contradicted" else "")
        cells = [_cell(row["what"]), status, str(row["independent_sources"]), _cell(" · ".join(values))]
        lines.append(f"| {' | '.join(cells)} |")
    if rows and len(result.groups) > len(rows):
        lines += [
            "",
            f"_Je Herkunft die jüngste Angabe; {len(rows)} von {len(result.groups)} Fakten, die "
            "meistbelegten, deren Bezug sich benennen lässt (alle Angaben mit --format json)._",
        ]
    attributed = [c for c in result.claims if c.attributed_to]
    if attributed:
        lines += ["", "## Wer sagt was", ""]
        by_origin: dict[str, list] = {}
        for c in attributed:
            by_origin.setdefault(c.attributed_to, []).append(c)
        for origin, claims in sorted(by_origin.items(), key=lambda kv: -len(kv[1])):
            lines.append(
                f"- **{origin}** ({len(claims)}): "
                + " · ".join(f"„{_cell(c.sentence[:140])}“ [{c.doc_id}]" for c in claims[:3])
            )
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_VERDICT_DE = {
    "supported": "belegt",
    "contradicted": "widerlegt",
    "unsupported": "nicht belegt",
    "not_checkable": "nicht prüfbar",
}


def check_dict(report) -> dict:
    """The JSON of spec/check.schema.json."""
    return {
        "story_id": report.story.id if report.story else None,
        "sentences": [
            {
                "index": i,
                "text": text,
                "verdict": v.verdict,
                "score": round(v.score, 3),
                "evidence": [
                    {"doc_id": e.doc_id, "source": e.source, "quote": e.quote, "score": e.score}
                    for e in v.evidence
                ],
                "issues": [{"kind": x.kind, "detail": x.detail} for x in v.issues],
            }
            for i, (text, v) in enumerate(report.sentences)
        ],
        "summary": report.summary(),
    }


def check_markdown(report) -> str:
    """Each sentence with its verdict, the best evidence and the issues found."""
    title = report.story.title if report.story else "den angegebenen Quellen"
    counts = report.summary()
    lines = [
        f"# Prüfung gegen: {title}",
        "",
        ", ".join(f"{_VERDICT_DE[k]}: {n}" for k, n in counts.items()),
        "",
    ]
    for i, (text, v) in enumerate(report.sentences, 1):
        lines.append(f"{i}. **{_VERDICT_DE[v.verdict]}**: {_cell(text)}")
        if v.evidence and v.verdict in ("supported", "contradicted"):
            e = v.evidence[0]
            lines.append(f"   - Beleg ({e.source}, {e.doc_id}): „{_cell(e.quote)}“")
        for issue in v.issues:
            lines.append(f"   - {issue.kind}: {_cell(issue.detail)}")
    return "\n".join(lines)
