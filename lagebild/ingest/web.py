"""URLs: fetch once, then decide by content whether it is a feed, an OPML list or a page."""

from __future__ import annotations

from pathlib import Path

import httpx

from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Items
from lagebild.ingest.feeds import conditional_headers, opml_feed_urls, read_feed
from lagebild.ingest.fetch import Response
from lagebild.model import Failure, RawDocument

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def sniff(content: bytes, content_type: str = "") -> str:
    """``feed``, ``opml`` or ``page``, judged by the first bytes more than by the header,
    since servers often send feeds as text/html or text/xml."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    markers = {
        "opml": head.find(b"<opml"),
        "feed": min(
            (i for i in (head.find(b"<rss"), head.find(b"<feed"), head.find(b"<rdf:rdf")) if i >= 0),
            default=-1,
        ),
        "page": min((i for i in (head.find(b"<html"), head.find(b"<!doctype html")) if i >= 0), default=-1),
    }
    found = {kind: pos for kind, pos in markers.items() if pos >= 0}
    if found:
        return min(found, key=found.get)
    if content_type in _FEED_TYPES:
        return "feed"
    return "page"


def read_url(url: str, ctx: Context) -> Items:
    """A page, a feed (its entries) or an OPML list (its feeds) at ``url``."""
    known = ctx.known(url)
    if known:
        yield known
        return
    response = ctx.fetcher.get(url, conditional_headers(ctx.store.feed_state(url)))
    if response.status == 304:
        ctx.notes.append(f"{url}: feed unchanged since the last fetch (HTTP 304)")
        return
    yield from read_response(response, ctx)


def read_response(response: Response, ctx: Context) -> Items:
    """Dispatch fetched content by what it is."""
    kind = sniff(response.content, response.content_type)
    if kind == "feed":
        yield from read_feed(response, ctx)
    elif kind == "opml":
        yield from read_opml_urls(opml_feed_urls(response.content, response.url), ctx)
    else:
        yield RawDocument(
            label=response.url,
            kind="page",
            url=response.url,
            html=response.content,
            source=ctx.source_name,
            meta={"final_url": response.final_url} if response.final_url != response.url else {},
        )


def read_opml_urls(urls: list[str], ctx: Context) -> Items:
    """Every feed of an OPML list; a broken feed is reported and the others go on."""
    for url in urls:
        try:
            yield from read_url(url, ctx)
        except IngestError as exc:
            ctx.failures += 1
            yield Failure(exc.label, exc.reason)


def read_opml_file(path: Path, ctx: Context) -> Items:
    """A local OPML file of feed subscriptions."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc
    yield from read_opml_urls(opml_feed_urls(content, str(path)), ctx)


def read_feed_file(path: Path, ctx: Context) -> Items:
    """A feed saved to disk (.rss, .atom, .xml)."""
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc
    response = Response(str(path), str(path), 200, httpx.Headers(), content)
    yield from read_feed(response, ctx)
