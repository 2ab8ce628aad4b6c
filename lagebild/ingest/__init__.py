"""Ingest: inputs (files, URLs, feeds, wiki titles) -> stored, analysed documents.

Each input kind lives in its own module and yields RawDocuments; this module
turns them into Documents (extract, analyse) and stores each in its own
transaction, so one bad document never loses or blocks the others.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from lagebild.analyse import analyse, normalise_text
from lagebild.errors import IngestError, LagebildError
from lagebild.extract import extract_html
from lagebild.ingest.base import Context, Item, Items, Known, normalise_url, site_name, without_surrogates
from lagebild.ingest.fetch import Fetcher
from lagebild.ingest.files import read_html, read_jsonl, read_path, read_text
from lagebild.ingest.warc import read_warc
from lagebild.ingest.web import read_feed_file, read_opml_file, read_url
from lagebild.ingest.wiki import read_wiki
from lagebild.model import AddResult, Document, Failure, IngestReport, RawDocument
from lagebild.settings import Settings
from lagebild.store import Store

READERS = {
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".html.gz": read_html,
    ".txt": read_text,
    ".md": read_text,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".opml": read_opml_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}

_REDUCED_DATE = re.compile(r"(19|20)\d\d(-(0[1-9]|1[0-2]))?")
_ID = re.compile(r"^[\w.:-]{1,200}$")

Progress = Callable[[str, str], None]
log = logging.getLogger("lagebild.ingest")


def resolve(spec: str, ctx: Context) -> Items:
    """The items one command-line input stands for."""
    # A path keeps its bytes (a file name need not be UTF-8); a title or URL must be text.
    if spec.startswith("wiki:"):
        return read_wiki(without_surrogates(spec), ctx)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec):
        return read_url(without_surrogates(spec), ctx)
    path = Path(spec)
    if not path.exists():
        raise IngestError(spec, "no such file or directory (nor a URL or wiki:LANG:Title)")
    return read_path(path, ctx, READERS)


def build_document(raw: RawDocument, settings: Settings) -> Document:
    """Extract (for HTML), normalise and analyse a raw document.

    Raises IngestError naming the document when it cannot be stored: no text, too large,
    a URL that is not http(s), a malformed id, language or date.
    """
    raw = _without_surrogates(raw)
    title, author, published, source, url = raw.title, raw.author, raw.published, raw.source, raw.url
    if raw.text is not None:
        text = normalise_text(raw.text)
    else:
        page = extract_html(raw.html or "", url=url, label=raw.label)
        text = page.text
        title = title or page.title
        author = author or page.author
        published = published or page.published
        source = source or page.sitename
        if url is None and page.url:
            with contextlib.suppress(IngestError):  # a broken canonical link is as good as none
                url = normalise_url(page.url)
    if not text:
        raise IngestError(raw.label, "the document has no text")
    if len(text) > settings.max_bytes:
        raise IngestError(raw.label, f"text too large ({len(text):,} characters)")
    url = normalise_url(url, raw.label) if url else None
    source = (source or site_name(url) or "unbekannt").strip()
    analysis = analyse(text, _language(raw.language, raw.label))
    text_hash = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    return Document(
        id=_doc_id(raw.id, url, text_hash, raw.label),
        url=url,
        source=source,
        title=normalise_text(title) if title else None,
        text=text,
        language=analysis.language,
        published=_iso_date(published, raw.label),
        author=author,
        kind=raw.kind,
        text_hash=text_hash,
        meta=raw.meta,
        sentences=analysis.sentences,
    )


def ingest(
    inputs: Iterable[str],
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    source_name: str | None = None,
) -> IngestReport:
    """Ingest every input; failures are collected, never raised, so the batch goes on."""
    report = IngestReport()
    with Fetcher(settings) as fetcher:
        ctx = Context(store, settings, fetcher, source_name=source_name)
        for spec, item in read_inputs(inputs, ctx):
            outcome = record(prepare(item, settings), label_of(item, spec), store, report)
            if progress:
                progress(spec, outcome)
        report.notes.extend(ctx.notes)
    return report


def read_inputs(inputs: Iterable[str], ctx: Context) -> Iterator[tuple[str, Item]]:
    """Every item of every input, with the input it came from; an input that fails as a
    whole (unreadable, unknown type, even a bug) is one Failure and the next input goes on."""
    for spec in inputs:
        try:
            for item in resolve(spec, ctx):
                yield spec, item
        except Exception as exc:
            yield spec, _failure(spec, exc)


def prepare(item: Item, settings: Settings) -> Document | Failure | Known:
    """The per-document work before storing, which needs no store: a RawDocument becomes a
    Document, or a Failure naming it; Failures and Known items pass as they are. Backfill
    runs this on Dask workers, ingest in its own process."""
    if not isinstance(item, RawDocument):
        return item
    try:
        return build_document(item, settings)
    except Exception as exc:  # the next document of the same input goes on
        return _failure(item.label, exc)


def label_of(item: Item, spec: str) -> str:
    """The name under which storing ``item`` fails: the document's label, else its input's."""
    return item.label if isinstance(item, RawDocument) else spec


def record(prepared: Document | Failure | Known, label: str, store: Store, report: IngestReport) -> str:
    """Store a prepared item and count it in ``report``; returns its outcome ("added",
    "present" or "failed"). A document the store refuses is a failure naming ``label``
    (its RawDocument's), not an exception."""
    if isinstance(prepared, Failure):
        report.failed.append(prepared)
        return "failed"
    if isinstance(prepared, Known):
        report.present.append(AddResult("present", prepared.doc_id))
        return "present"
    try:
        result = store.add_document(prepared)
    except Exception as exc:
        report.failed.append(_failure(label, exc))
        return "failed"
    (report.added if result.status == "added" else report.present).append(result)
    return result.status


def _failure(label: str, exc: Exception) -> Failure:
    if isinstance(exc, IngestError):
        return Failure(exc.label, exc.reason)
    if isinstance(exc, LagebildError):
        return Failure(label, str(exc))
    # Not an error we foresaw: the class name in the report shows it for the bug it is,
    # the traceback goes to the debug log.
    log.debug("unexpected error ingesting %s", label, exc_info=exc)
    message = (str(exc).strip().splitlines() or [""])[0][:200]
    return Failure(label, f"unexpected error ({type(exc).__name__}: {message})")


def _without_surrogates(raw: RawDocument) -> RawDocument:
    fields = dataclasses.fields(raw)
    return dataclasses.replace(raw, **{f.name: without_surrogates(getattr(raw, f.name)) for f in fields})


def _doc_id(given: str | None, url: str | None, text_hash: str, label: str) -> str:
    if given is not None:
        given = given.strip()
        if not _ID.match(given):
            raise IngestError(label, f"id {given!r} must be 1-200 letters, digits or . _ : -")
        return given
    key = f"url:{url}" if url else f"text:{text_hash}"
    return "d" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _language(language: str | None, label: str) -> str | None:
    if language is None or not language.strip():
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise IngestError(label, f"language {language!r} is not an ISO 639-1 code")
    return code


def _iso_date(value: str | None, label: str) -> str | None:
    """The date as ISO 8601; reduced precision ("2024", "2024-12") is kept as it is,
    since reports often give only the month and we must not invent a day."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if _REDUCED_DATE.fullmatch(value):
        return value
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise IngestError(label, f"published {value!r} is not an ISO 8601 date") from None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()
