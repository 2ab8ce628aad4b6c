"""Feeds (RSS 0.9x/1.0/2.0, Atom) and OPML lists of feeds."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html

from lagebild.analyse import normalise_text
from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Items, site_name
from lagebild.ingest.fetch import Response
from lagebild.model import Failure, RawDocument
from lagebild.store.base import FeedState

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")
# feedparser flags these but still parses the feed correctly.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(content: bytes, url: str, content_type: str = "") -> feedparser.FeedParserDict:
    """Parse feed bytes; raise IngestError naming ``url`` when nothing usable is in them."""
    parsed = feedparser.parse(
        content,
        response_headers={"content-type": content_type or "application/xml", "content-location": url},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, _HARMLESS) and not parsed.entries:
        raise IngestError(url, f"not a readable feed ({_describe(problem)})")
    if not parsed.entries and not parsed.feed.get("title"):
        raise IngestError(url, "not a feed: no channel and no entries found")
    return parsed


def read_feed(response: Response, ctx: Context) -> Items:
    """The entries of a fetched feed; teaser-only entries bring their linked page."""
    url = response.url
    parsed = parse_feed(response.content, url, response.headers.get("content-type", ""))
    failures_before = ctx.failures
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, _HARMLESS):
        ctx.failures += 1
        yield Failure(
            url,
            f"feed is malformed ({_describe(problem)}); "
            f"{len(parsed.entries)} entries before the damage are read",
        )
    feed_title = parsed.feed.get("title") or site_name(url)
    for number, entry in enumerate(parsed.entries, 1):
        yield from _entry(entry, number, url, feed_title, ctx)
    # Remember validators only when every entry made it in; otherwise a 304
    # next time would hide the entries that failed.
    if ctx.failures == failures_before and url.startswith(("http://", "https://")):
        ctx.store.save_feed_state(
            FeedState(
                url=url,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                title=feed_title,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )


def _entry(entry, number: int, feed_url: str, feed_title: str | None, ctx: Context) -> Items:
    link = entry.get("link")
    if not link:
        ctx.failures += 1
        yield Failure(f"{feed_url} entry {number}", "entry has no link")
        return
    link = urljoin(feed_url, link)
    known = ctx.known(link)
    if known:
        yield known
        return
    contents = [c.get("value", "") for c in entry.get("content", [])]
    body = max(contents + [entry.get("summary", "")], key=len)
    text = html_fragment_text(body) if body else ""
    raw = RawDocument(
        label=link,
        kind="feed",
        url=link,
        source=feed_title,
        title=entry.get("title"),
        published=_entry_date(entry),
        author=entry.get("author"),
        meta={"feed": feed_url},
    )
    if len(text) >= ctx.settings.teaser_chars:
        raw.text = text
        yield raw
        return
    try:
        page = ctx.fetcher.get(link)
    except IngestError as exc:
        ctx.failures += 1
        yield Failure(link, f"{exc.reason} (linked from feed {feed_url})")
        return
    raw.kind, raw.html = "feed-page", page.content
    raw.meta["teaser"] = text or None
    yield raw


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry body), paragraphs kept apart."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return normalise_text(html)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return normalise_text(root.text_content())


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat(timespec="seconds")


def opml_feed_urls(content: bytes, label: str) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML document, nested outlines included."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(content, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise IngestError(label, f"not well-formed OPML ({exc.msg})") from exc
    if root.tag.lower() != "opml":
        raise IngestError(label, f"not OPML (root element <{root.tag}>)")
    urls = [o.get("xmlUrl") or o.get("xmlurl") for o in root.iter("outline")]
    urls = [u.strip() for u in urls if u and u.strip()]
    if not urls:
        raise IngestError(label, "the OPML file lists no feeds (no outline with xmlUrl)")
    return urls


def _describe(problem: Exception) -> str:
    text = str(problem).strip() or type(problem).__name__
    return text.splitlines()[0][:200]


def conditional_headers(state: FeedState | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the feed's server said last time."""
    headers = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers
