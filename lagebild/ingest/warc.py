"""Web archives (.warc, .warc.gz): every archived HTML response is a page."""

from __future__ import annotations

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Items
from lagebild.model import Failure, RawDocument


def read_warc(path: Path, ctx: Context) -> Items:
    """HTML response and resource records of a WARC file, streamed record by record."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc
    with handle:
        number = 0
        try:
            for record in ArchiveIterator(handle):
                number += 1
                if record.format != "warc" or record.rec_type is None:
                    # Past a damaged header the offsets of later records cannot be trusted.
                    yield Failure(
                        f"{path}#{number}", "not a valid WARC record; the rest of the file is skipped"
                    )
                    return
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                label = f"{path}#{number} ({url})"
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode()
                    ctype = record.http_headers.get_header("Content-Type") or ""
                    if status != "200":
                        continue
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                if not url:
                    yield Failure(label, "record has no WARC-Target-URI")
                    continue
                known = ctx.known(url)
                if known:
                    yield known
                    continue
                body = record.content_stream().read(ctx.settings.max_bytes + 1)
                if len(body) > ctx.settings.max_bytes:
                    yield Failure(label, f"record too large (over {ctx.settings.max_bytes:,} bytes)")
                    continue
                yield RawDocument(
                    label=label,
                    kind="warc",
                    url=url,
                    html=body,
                    source=ctx.source_name,
                    meta={"warc_date": record.rec_headers.get_header("WARC-Date"), "path": str(path)},
                )
        except ArchiveLoadFailed as exc:
            raise IngestError(f"{path}#{number + 1}", f"not a readable WARC record ({exc.msg})") from exc
