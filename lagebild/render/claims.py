"""Claims and their groups as JSON (spec/claims.schema.json) and as a Markdown table."""

from __future__ import annotations

from lagebild.compare import Comparison
from lagebild.dates import reference_day

_STATUS_DE = {"corroborated": "bestätigt", "contradicted": "widersprüchlich", "single_source": "unbestätigt"}


def claims_dict(story_id, result: Comparison) -> dict:
    """The JSON of spec/claims.schema.json."""
    return {
        "story_id": story_id,
        "claims": [c.as_dict() for c in result.claims],
        "groups": [g.as_dict() for g in result.groups],
    }


def claims_markdown(title: str, result: Comparison, duplicate_of: dict[str, str] | None = None) -> str:
    """One row per fact: the sources side by side (a syndicated text once), contradictions marked."""
    duplicate_of = duplicate_of or {}
    lines = [
        f"# Zahlen im Vergleich: {title}",
        "",
        "| Was | Status | Quellen | Angaben |",
        "|---|---|---|---|",
    ]
    for g in result.groups:
        values, seen = [], set()
        for m in g.mentions:
            key = (duplicate_of.get(m.claim.doc_id, m.claim.doc_id), m.quantity.value, m.quantity.value_max)
            if key in seen:
                continue
            seen.add(key)
            who = m.claim.attributed_to or m.claim.source
            day = (reference_day(m.claim.dates, m.claim.published) or "")[:10]
            values.append(f"{who} {m.quantity.raw}" + (f" ({day})" if day else ""))
        status = _STATUS_DE[g.status] + (" ⚠" if g.status == "contradicted" else "")
        status += ", fortgeschrieben" if g.updated else ""
        lines.append(
            f"| {_cell(g.what)} | {status} | {g.independent_sources} | {_cell(' · '.join(values))} |"
        )
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
