"""Local files: .jsonl archives, .html pages, .txt and .md texts, directories."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Items, Known
from lagebild.model import Failure, RawDocument

_KNOWN_FIELDS = {"id", "url", "source", "title", "published", "language", "text", "html", "author"}
_OPTIONAL_STRINGS = ("id", "title", "published", "language", "author")


def read_jsonl(path: Path, ctx: Context) -> Items:
    """One document per line in the format of spec/document.schema.json; each line stands
    alone, so a bad one (not UTF-8, not JSON, too long) fails by its number and the rest go on."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc
    limit = ctx.settings.max_bytes
    with handle:
        for lineno, data in enumerate(_lines(handle, limit), 1):
            label = f"{path}:{lineno}"
            if data is None:
                yield Failure(label, f"line too long (over {limit:,} bytes)")
                continue
            try:
                line = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield Failure(label, f"not UTF-8 ({exc.reason} at byte {exc.start})")
                continue
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, label, ctx)
            except IngestError as exc:
                yield Failure(label, exc.reason)


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary file; None for a line over ``limit`` bytes, which is skipped
    without ever being held in memory whole."""
    while data := handle.readline(limit + 1):
        if len(data) <= limit:
            yield data
            continue
        while data and not data.endswith(b"\n"):
            data = handle.readline(limit)
        yield None


def _jsonl_document(line: str, label: str, ctx: Context) -> RawDocument | Known | Failure:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(label, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError:
        raise IngestError(label, "invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # a number of more digits than Python converts
        raise IngestError(label, f"invalid JSON ({str(exc).split(';')[0]})") from None
    if not isinstance(obj, dict):
        raise IngestError(label, "each line must be a JSON object")
    for name in ("url", "source"):
        if not isinstance(obj.get(name), str) or not obj[name].strip():
            raise IngestError(label, f"missing required field '{name}' (a non-empty string)")
    body = {k: obj.get(k) for k in ("text", "html")}
    if not any(isinstance(v, str) and v.strip() for v in body.values()):
        raise IngestError(label, "needs a non-empty 'text' or 'html' field")
    for name in _OPTIONAL_STRINGS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise IngestError(label, f"field '{name}' must be a string or null")
    known = ctx.known(obj["url"], label)
    if known:
        return known
    text = body["text"] if isinstance(body["text"], str) and body["text"].strip() else None
    return RawDocument(
        label=label,
        kind="jsonl",
        id=obj.get("id"),
        url=obj["url"],
        source=obj["source"],
        title=obj.get("title"),
        published=obj.get("published"),
        language=obj.get("language"),
        author=obj.get("author"),
        text=text,
        html=None if text else body["html"],
        meta={k: v for k, v in obj.items() if k not in _KNOWN_FIELDS},
    )


def read_html(path: Path, ctx: Context) -> Items:
    """A saved web page (.html, .htm, .html.gz); its canonical URL, if it names one,
    becomes the document URL."""
    data = _read_bytes(path, ctx)
    if path.name.lower().endswith(".gz"):
        data = _gunzip(data, path, ctx.settings.max_bytes)
    yield RawDocument(
        label=str(path),
        kind="html",
        html=data,
        source=ctx.source_name,
        meta={"path": str(path)},
    )


def read_text(path: Path, ctx: Context) -> Items:
    """A plain-text or Markdown report; a short first line is taken as its title."""
    data = _read_bytes(path, ctx)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    title = None
    lines = text.strip().splitlines()
    first = lines[0].strip() if lines else ""
    is_heading = (
        first.startswith("#")
        if path.suffix.lower() == ".md"
        else (len(first) <= 200 and not first.endswith((".", "!", "?", ":", ",")))
    )
    if len(lines) > 1 and is_heading:
        title = first.lstrip("#").strip() or None
        text = "\n".join(lines[1:])
    yield RawDocument(
        label=str(path),
        kind=path.suffix.lower().lstrip("."),
        text=text,
        title=title,
        source=ctx.source_name or path.name,
        meta={"path": str(path)},
    )


def _read_bytes(path: Path, ctx: Context) -> bytes:
    try:
        size = path.stat().st_size
        if size > ctx.settings.max_bytes:
            raise IngestError(str(path), f"file too large ({size:,} bytes, limit {ctx.settings.max_bytes:,})")
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc


def _gunzip(data: bytes, path: Path, limit: int) -> bytes:
    # Decompress in bounded steps: a small file can inflate to gigabytes.
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise IngestError(str(path), f"not a valid gzip file ({exc})") from exc
    if len(out) > limit:
        raise IngestError(str(path), f"decompressed page too large (over {limit:,} bytes)")
    return out


Reader = Callable[[Path, Context], Items]


def read_path(path: Path, ctx: Context, readers: dict[str, Reader]) -> Items:
    """A file by its type, or every known file under a directory, in name order."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            reader = reader_for(child, readers)
            if reader is None:
                continue
            try:
                yield from reader(child, ctx)
            except IngestError as exc:
                yield Failure(exc.label, exc.reason)
        return
    reader = reader_for(path, readers)
    if reader is None:
        kinds = ", ".join(sorted(readers))
        raise IngestError(str(path), f"unsupported file type (known: {kinds})")
    yield from reader(path, ctx)


def reader_for(path: Path, readers: dict[str, Reader]) -> Reader | None:
    """The reader registered for the file's suffix (two-part suffixes like .warc.gz first)."""
    name = path.name.lower()
    for suffix in sorted(readers, key=len, reverse=True):
        if name.endswith(suffix):
            return readers[suffix]
    return None
