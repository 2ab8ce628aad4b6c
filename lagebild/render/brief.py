"""Briefs as Markdown with numbered citations, as one self-contained HTML page, and as JSON."""

from __future__ import annotations

import html
from urllib.parse import quote

from lagebild.model import Brief, BriefSentence
from lagebild.render.charts import chart_data, reports_chart, values_chart
from lagebild.render.table import TABLE_FACTS, latest_per_origin, shown_value, status_de, table_facts


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with the characters that could break out of a link percent-encoded;
    anything else (javascript:, data:) is not linked at all."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return quote(url, safe=":/?#[]@!$&()*+,;=%-._~")


def brief_dict(brief: Brief) -> dict:
    """The JSON of spec/brief.schema.json."""
    return {
        "story_id": brief.story_id,
        "language": brief.language,
        "headline": brief.headline,
        "lead": [_sentence(s) for s in brief.lead],
        "sections": [{"heading": h, "sentences": [_sentence(s) for s in ss]} for h, ss in brief.sections],
        "timeline": [{"day": e.day, **_sentence(e.sentence)} for e in brief.timeline],
        "numbers": brief.numbers,
        "charts": chart_data(brief),
        "sources": brief.sources,
        "generated_by": brief.generated_by,
        "writer": brief.writer,
        "model": brief.model,
        "gate": brief.gate,
        "dropped": brief.dropped,
    }


def _sentence(s: BriefSentence) -> dict:
    return {
        "text": s.text,
        "verdict": s.verdict,
        "citations": [
            {"doc_id": c.doc_id, "source": c.source, "url": c.url, "quote": c.quote, "support": c.support}
            for c in s.citations
        ],
    }


class _Numbering:
    """Citation numbers by source document, in order of first use."""

    def __init__(self, brief: Brief):
        self.order = {d["doc_id"]: None for d in brief.sources}
        self.next = 1

    def of(self, doc_id: str) -> int:
        if self.order.get(doc_id) is None:
            self.order[doc_id] = self.next
            self.next += 1
        return self.order[doc_id]


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown: [n] after each sentence, the quotes in the sources list."""
    numbering = _Numbering(brief)
    lines = [f"# {brief.headline}", ""]

    def para(sentences: list[BriefSentence]) -> str:
        return " ".join(
            s.text + "".join(f" [{numbering.of(c.doc_id)}]" for c in s.citations) for s in sentences
        )

    if brief.lead:
        lines += [f"**{para(brief.lead)}**", ""]
    for i, (heading, sentences) in enumerate(brief.sections):
        lines += [f"## {heading}", ""]
        lines += [f"- {para([s])}" for s in sentences]
        lines.append("")
        if i == 0 and brief.timeline:
            lines += ["## Verlauf", ""]
            lines += [f"- **{german_day(e.day)}:** {para([e.sentence])}" for e in brief.timeline]
            lines.append("")
    if table_facts(brief.numbers):
        lines += ["## Zahlen im Vergleich", "", "| Was | Status | Quellen | Angaben |", "|---|---|---|---|"]
        for g in table_facts(brief.numbers):
            values = " · ".join(
                f"{v['who']} {shown_value(v)}{_when(v['day'])} [{numbering.of(v['doc_id'])}]"
                for v in latest_per_origin(g)
            )
            lines.append(f"| {g['what']} | {_status(g)} | {g['independent_sources']} | {values} |")
        lines += ["", _TABLE_NOTE, ""]
    lines += ["## Quellen", ""]
    by_id = {d["doc_id"]: d for d in brief.sources}
    for doc_id, n in sorted(((d, n) for d, n in numbering.order.items() if n), key=lambda x: x[1]):
        d = by_id[doc_id]
        url = safe_url(d["url"])
        lines.append(
            f"{n}. {d['source']}, {_day(d['published'])}: {d['title'] or doc_id}"
            + (f" <{url}>" if url else "")
        )
    lines += ["", f"_{written_by(brief)}_"]
    return "\n".join(lines)


def written_by(brief: Brief) -> str:
    """Who wrote the brief and what the verifier removed, in one German line."""
    if brief.writer == "extractive":
        line = "Geschrieben aus den Sätzen der Quellen (extraktiv)."
        if brief.dropped:
            line += f" {len(brief.dropped)} Sätze verworfen, weil die Prüfung sie nicht belegen konnte."
        return line
    g = brief.gate
    return (
        f"Geschrieben vom Sprachmodell {brief.model} und Satz für Satz gegen die zitierten Belege geprüft: "
        f"{g.get('written', 0)} Sätze geschrieben, {g.get('kept', 0)} behalten, "
        f"{g.get('replaced', 0)} durch den Satz der Quelle ersetzt, {g.get('dropped', 0)} verworfen."
    )


_MONTHS = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")


def german_day(day: str) -> str:
    """An ISO day as a German reader writes it: "30. Okt. 2024"; a month "Okt. 2024"."""
    try:
        if len(day) == 7:
            return f"{_MONTHS[int(day[5:7]) - 1]} {day[:4]}"
        return f"{int(day[8:10])}. {_MONTHS[int(day[5:7]) - 1]} {day[:4]}"
    except (ValueError, IndexError):
        return day


def _day(published: str | None) -> str:
    return published[:10] if published else "ohne Datum"


_TABLE_NOTE = (
    f"Je Herkunft die jüngste Angabe; höchstens {TABLE_FACTS} Fakten, deren Bezug sich benennen lässt, "
    "die meistbelegten zuerst (alle Angaben im JSON-Format)."
)


def _status(group: dict) -> str:
    return status_de(group) + (" ⚠" if group["status"] == "contradicted" else "")


def _when(day: str) -> str:
    return f" ({german_day(day)})" if day else ""


_CSS = """
body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#222}
h1{font-size:1.7rem}h2{font-size:1.2rem;margin-top:2rem}.lead{font-weight:bold}
sup.cite{cursor:pointer;color:#1a5fb4;font-size:.75em}
sup.cite .quote{display:none;position:absolute;max-width:30rem;background:#fffbe6;border:1px solid #d4b106;
padding:.5rem;font-weight:normal;font-size:.85rem;color:#222;z-index:2}
sup.cite:hover .quote,sup.cite:focus .quote{display:block}
table{border-collapse:collapse;font-size:.9rem}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
.contradicted{background:#fde8e8}
"""


def brief_html(brief: Brief) -> str:
    """One self-contained page: citations show their quoted source sentence on hover or focus."""
    numbering = _Numbering(brief)
    e = html.escape

    def sentence(s: BriefSentence) -> str:
        cites = "".join(
            f'<sup class="cite" tabindex="0">[{numbering.of(c.doc_id)}]<span class="quote">'
            f"{e(c.source)}: „{e(c.quote)}“</span></sup>"
            for c in s.citations
        )
        return f"{e(s.text)}{cites}"

    parts = [f"<h1>{e(brief.headline)}</h1>"]
    if brief.lead:
        parts.append(f'<p class="lead">{" ".join(sentence(s) for s in brief.lead)}</p>')
    for i, (heading, sentences) in enumerate(brief.sections):
        parts.append(
            f"<h2>{e(heading)}</h2><ul>" + "".join(f"<li>{sentence(s)}</li>" for s in sentences) + "</ul>"
        )
        if i == 0 and brief.timeline:
            parts.append(
                '<h2>Verlauf</h2><ul class="timeline">'
                + "".join(
                    f"<li><strong>{e(german_day(t.day))}:</strong> {sentence(t.sentence)}</li>"
                    for t in brief.timeline
                )
                + "</ul>"
            )
    if table_facts(brief.numbers):
        rows = "".join(
            f'<tr class="{e(g["status"])}"><td>{e(g["what"])}</td><td>{e(_status(g))}</td>'
            f"<td>{g['independent_sources']}</td><td>"
            + " · ".join(
                f"{e(v['who'])} {e(shown_value(v))}{e(_when(v['day']))} [{numbering.of(v['doc_id'])}]"
                for v in latest_per_origin(g)
            )
            + "</td></tr>"
            for g in table_facts(brief.numbers)
        )
        parts.append(
            "<h2>Zahlen im Vergleich</h2><table><tr><th>Was</th><th>Status</th><th>Quellen</th>"
            f"<th>Angaben</th></tr>{rows}</table><p>{e(_TABLE_NOTE)}</p>"
        )
        # charts.py escapes every text it draws, so its SVG goes in as it is.
        for g in table_facts(brief.numbers):
            svg = values_chart(g)
            if svg:
                caption = f"{e(g['what'])}: Angaben nach Herkunft und Tag (ein Punkt nennt Quelle und Satz)"
                parts.append(f"<figure><figcaption>{caption}</figcaption>{svg}</figure>")
    reports = reports_chart(brief.sources)
    if reports:
        parts.append(f"<h2>Berichte pro Tag</h2><figure>{reports}</figure>")
    by_id = {d["doc_id"]: d for d in brief.sources}
    items = []
    for doc_id, n in sorted(((d, n) for d, n in numbering.order.items() if n), key=lambda x: x[1]):
        d = by_id[doc_id]
        label = f"{e(d['source'])}, {e(_day(d['published']))}: {e(d['title'] or doc_id)}"
        url = safe_url(d["url"])
        link = f' <a href="{e(url)}" rel="noreferrer noopener">{e(url)}</a>' if url else ""
        items.append(f'<li value="{n}">{label}{link}</li>')
    parts.append(f"<h2>Quellen</h2><ol>{''.join(items)}</ol>")
    parts.append(f'<p class="written-by">{e(written_by(brief))}</p>')
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{e(brief.headline)}</title>'
        f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>"
    )
