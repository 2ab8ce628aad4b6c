"""Feeds (RSS 0.9x/1.0/2.0, Atom) and OPML lists of feeds."""

from __future__ import annotations

import calendar
import hashlib
import re
import time
from datetime import UTC, datetime

import feedparser
import lxml.etree
import lxml.html

from lagebild.analyse import normalise_text, split_sentences
from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Items, site_name
from lagebild.ingest.fetch import Response
from lagebild.model import Failure, RawDocument
from lagebild.store.base import FeedState

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")
# feedparser flags these but still parses the feed correctly.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
# A teaser of this many sentences says enough to be kept when its page cannot be fetched.
_SUMMARY_SENTENCES = 2
# A news feed carries 20-100 entries; more is an archive dump or an attack, and each entry
# may cost a page fetch.
MAX_ENTRIES = 1000
# The pages one feed links to are fetched within this many times the fetch timeout (120 s at
# the default 20 s): one slow site must not hold a watch run for an hour. Entries whose page
# was not fetched in time keep their summary or wait for the next run.
FEED_PAGES_TIME_FACTOR = 6


def parse_feed(content: bytes, url: str, content_type: str = "") -> feedparser.FeedParserDict:
    """Parse feed bytes; raise IngestError naming ``url`` when nothing usable is in them."""
    # No sanitize_html: entry bodies become plain text (html_fragment_text), never markup
    # shown to anyone, and the sanitizer's comment regex takes minutes on an unclosed
    # "<!--" followed by many dashes.
    parsed = feedparser.parse(
        _valid_char_refs(_utf8_repaired(content, content_type)),
        response_headers={"content-type": content_type or "application/xml", "content-location": url},
        sanitize_html=False,
        resolve_relative_uris=True,
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, _HARMLESS) and not parsed.entries:
        raise IngestError(url, f"not a readable feed ({_describe(problem)})")
    if not parsed.entries and not (parsed.get("version") or parsed.feed.get("title")):
        raise IngestError(url, "not a feed: no channel and no entries found")
    return parsed


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""", re.IGNORECASE)


def _utf8_repaired(content: bytes, content_type: str) -> bytes:
    """A UTF-8 feed (declared so, or declaring nothing, as XML then is) with a few invalid
    bytes among valid UTF-8 characters, those bytes made U+FFFD: given one invalid byte,
    feedparser reads the whole feed as cp1252 and garbles every other entry ("Sandsäcken"
    -> "SandsÃ¤cken")."""
    declared = _DECLARED.match(content[:200])
    charset = re.search(r"charset=([\w.:-]+)", content_type or "", re.IGNORECASE)
    encoding = (charset.group(1) if charset else declared.group(1).decode() if declared else "utf-8").lower()
    if encoding.replace("-", "").replace("_", "") != "utf8":
        return content
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        repaired = content.decode("utf-8", "replace")
        broken = repaired.count("\ufffd")
        # A feed in another encoding that claims UTF-8 has no valid multi-byte characters
        # at all: that is feedparser's case (it falls back to cp1252, rightly).
        if sum(ord(c) > 127 for c in repaired) - broken > broken:
            return repaired.encode("utf-8")
    return content


def _valid_char_refs(content: bytes) -> bytes:
    """``content`` with every numeric character reference that names no character (a
    surrogate, or beyond U+10FFFF) made U+FFFD, as HTML parsers do: feedparser raises on
    them instead of flagging the feed (kurtmckee/feedparser#591)."""

    def fix(m: re.Match) -> bytes:
        hex_digits, digits = m.groups()
        number = (hex_digits or digits).lstrip(b"0")
        # Past seven digits a number is beyond U+10FFFF in either base; int() of a
        # thousand digits would itself raise.
        code = int(number or b"0", 16 if hex_digits else 10) if len(number) <= 7 else -1
        return m[0] if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else b"&#xFFFD;"

    return _CHAR_REF.sub(fix, content)


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
    if not parsed.entries:
        ctx.notes.append(f"{url}: the feed has 0 entries")
    if len(parsed.entries) > MAX_ENTRIES:
        ctx.notes.append(f"{url}: {len(parsed.entries)} entries, only the first {MAX_ENTRIES} are read")
    deadline = time.monotonic() + FEED_PAGES_TIME_FACTOR * ctx.settings.timeout
    for number, entry in enumerate(parsed.entries[:MAX_ENTRIES], 1):
        yield from _entry(entry, number, url, feed_title, ctx, deadline)
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


def _entry(entry, number: int, feed_url: str, feed_title: str | None, ctx: Context, deadline: float) -> Items:
    label = f"{feed_url} entry {number}"
    contents = [c.get("value", "") for c in entry.get("content", [])]
    body = max(contents + [entry.get("summary", "")], key=len)
    text = html_fragment_text(body) if body else ""
    raw = RawDocument(
        label=label,
        kind="feed",
        source=feed_title,
        title=entry.get("title"),
        published=_entry_date(entry),
        author=entry.get("author"),
        meta={"feed": feed_url},
    )
    link = _entry_link(entry)
    if link is None:
        yield from _unlinked_entry(raw, entry, text, ctx)
        return
    settled = ctx.known(link, label)
    if settled:
        yield settled
        return
    raw.label = raw.url = link
    if len(text) >= ctx.settings.teaser_chars:
        raw.text = text
        yield raw
        return
    if time.monotonic() > deadline:
        ctx.failures += 1
        spent = FEED_PAGES_TIME_FACTOR * ctx.settings.timeout
        yield from _summary_instead(
            raw, text, f"page not fetched: feed {feed_url} spent its {spent:g} s", ctx
        )
        return
    try:
        page = ctx.fetcher.get(link)
    except IngestError as exc:
        # Remember no validators: a 304 next time would hide this entry's page for good.
        ctx.failures += 1
        yield from _summary_instead(raw, text, f"{exc.reason} (linked from feed {feed_url})", ctx)
        return
    raw.kind, raw.html = "feed-page", page.content
    raw.meta["teaser"] = text or None
    if ctx.known_id(_summary_id(link)):
        # An earlier run stored the entry's summary when this page failed: the two are one
        # report from now on (dedup groups them), the summary is kept as it was.
        raw.meta["summary"] = _summary_id(link)
    yield raw


def _entry_link(entry) -> str | None:
    """The entry's link; None when it has none, or when feedparser took its id for one
    (an Atom entry with a ``tag:`` or ``urn:`` id and no link element)."""
    link = entry.get("link")
    if not link or not entry.get("links") and not link.startswith(("http://", "https://")):
        return None
    return link


def _unlinked_entry(raw: RawDocument, entry, text: str, ctx: Context) -> Items:
    """An entry without a link is all there is of its report: stored under an id from its
    feed and its own id (or its text), so that a later run finds it again."""
    key = f"{raw.meta['feed']} {entry.get('id') or text}"
    raw.id = "f" + hashlib.sha1(key.encode()).hexdigest()[:12]
    raw.text = text
    if entry.get("id"):
        raw.meta["entry_id"] = entry["id"]
    yield ctx.known_id(raw.id) or raw


def _summary_instead(raw: RawDocument, text: str, problem: str, ctx: Context) -> Items:
    """The entry's own summary when its page could not be fetched and the summary says
    enough; it is stored without URL, so that the next run fetches the page again."""
    link = raw.url
    if len(split_sentences(text)) < _SUMMARY_SENTENCES:
        yield Failure(link, problem)
        return
    ctx.notes.append(f"{link}: {problem}; the entry's summary is stored, the page is tried again next run")
    raw.id = _summary_id(link)
    raw.kind, raw.url, raw.text = "feed-summary", None, text
    raw.meta["link"] = link
    yield ctx.known_id(raw.id) or raw


def _summary_id(link: str) -> str:
    return "s" + hashlib.sha1(f"summary {link}".encode()).hexdigest()[:12]


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
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat(timespec="seconds")
    except (ValueError, OverflowError, OSError):  # year 0 or 10000: no date rather than no entry
        return None


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
