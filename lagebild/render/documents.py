"""Documents and ingest reports as terminal text and as JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

from lagebild.model import Document, IngestReport
from lagebild.store.base import DocumentSummary


def summary_dict(doc: DocumentSummary) -> dict:
    """A listing row in the field names of spec/document.schema.json, plus counts."""
    return {
        "id": doc.id,
        "url": doc.url,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "kind": doc.kind,
        "chars": doc.chars,
        "sentences": doc.sentences,
        "copy_of": doc.copy_of,
    }


def document_dict(doc: Document) -> dict:
    """A full document: schema fields, metadata and sentences with offsets."""
    return {
        "id": doc.id,
        "url": doc.url,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "author": doc.author,
        "kind": doc.kind,
        "copy_of": doc.copy_of,
        "ingested_at": doc.ingested_at,
        "meta": doc.meta,
        "text": doc.text,
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in doc.sentences
        ],
    }


def to_json(data) -> str:
    """JSON as every command prints it."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def documents_table(docs: Iterable[DocumentSummary]) -> str:
    """A fixed-width table of documents for the terminal."""
    rows = [("ID", "DATE", "LANG", "SOURCE", "TITLE")]
    for d in docs:
        title = (d.title or "(ohne Titel)") + (f"  [Kopie von {d.copy_of}]" if d.copy_of else "")
        rows.append((d.id, (d.published or "")[:10], d.language or "?", _cut(d.source, 28), _cut(title, 70)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r[:4])) + "  " + r[4] for r in rows
    )


def document_text(doc: Document) -> str:
    """A document for reading: metadata, then its sentences numbered."""
    head = [
        f"{doc.title or '(ohne Titel)'}",
        f"  id:        {doc.id}",
        f"  source:    {doc.source}",
        f"  url:       {doc.url or '-'}",
        f"  published: {doc.published or '-'}",
        f"  language:  {doc.language or '?'}",
        f"  kind:      {doc.kind}",
    ]
    if doc.copy_of:
        head.append(f"  copy of:   {doc.copy_of} (same text)")
    body = [
        textwrap.fill(s.text, width=100, initial_indent=f"[{s.index:>3}] ", subsequent_indent="      ")
        for s in doc.sentences
    ]
    return "\n".join(head + ["", *body])


def report_text(report: IngestReport) -> str:
    """The summary after an ingest run: counts, then one line per failure."""
    lines = [
        f"added {len(report.added)}, already present {len(report.present)}, "
        f"failed {len(report.failed)}"
        + (f" ({len(report.copies)} added as exact copies of stored texts)" if report.copies else "")
    ]
    lines += [f"  note: {n}" for n in report.notes]
    lines += [f"  FAILED {f.label}: {f.reason}" for f in report.failed]
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
