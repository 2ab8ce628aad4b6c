"""Web archives (.warc, .warc.gz): every archived HTML response is a page."""

from __future__ import annotations

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Item, Items
from lagebild.model import Failure, RawDocument

# warcio parses a record's HTTP headers inside its iterator, and a response record without
# WARC-Target-URI (AttributeError) or with a block that is no HTTP response makes it raise
# there, which ends the whole file. Iterating with no_record_parse and parsing the headers
# per record lets that record fail alone.
_LOADER = ArcWarcRecordLoader()


def read_warc(path: Path, ctx: Context) -> Items:
    """HTML response and resource records of a WARC file, streamed record by record."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc
    with handle:
        number = 0
        try:
            for record in ArchiveIterator(handle, no_record_parse=True):
                number += 1
                if record.format != "warc" or record.rec_type is None:
                    # Past a damaged header the offsets of later records cannot be trusted.
                    yield Failure(
                        f"{path}#{number}", "not a valid WARC record; the rest of the file is skipped"
                    )
                    return
                if record.length is None:
                    # warcio then reads to the end of the file (or of the gzip member).
                    yield Failure(
                        f"{path}#{number}",
                        "record has no Content-Length, so where it ends is unknown; "
                        "skipped (in a .warc, with all after it)",
                    )
                elif record.rec_type in ("response", "resource"):
                    item = _record_item(record, path, number, ctx)
                    if item:
                        yield item
        except ArchiveLoadFailed as exc:
            raise IngestError(f"{path}#{number + 1}", f"not a readable WARC record ({exc.msg})") from exc


def _record_item(record: ArcWarcRecord, path: Path, number: int, ctx: Context) -> Item | None:
    """The page of one response or resource record; None when it holds no HTML page."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    label = f"{path}#{number} ({url})" if url else f"{path}#{number}"
    if record.rec_type == "response":
        if not url:
            return Failure(label, "response record has no WARC-Target-URI")
        try:
            record.http_headers = _LOADER.load_http_headers("response", url, record.raw_stream, record.length)
        except StatusAndHeadersParserException as exc:
            return Failure(label, f"not a readable HTTP response ({exc.args[0]})")
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    if not url:
        return Failure(label, "record has no WARC-Target-URI")
    known = ctx.known(url, label)
    if known:
        return known
    body = record.content_stream().read(ctx.settings.max_bytes + 1)
    if len(body) > ctx.settings.max_bytes:
        return Failure(label, f"record too large (over {ctx.settings.max_bytes:,} bytes)")
    return RawDocument(
        label=label,
        kind="warc",
        url=url,
        html=body,
        source=ctx.source_name,
        meta={"warc_date": record.rec_headers.get_header("WARC-Date"), "path": str(path)},
    )
