"""Hostile input for the fuzz suite (tests/test_fuzz.py) and its benchmark (bench/fuzz.py).

Hypothesis strategies for every input kind lagebild reads, each producing the hostile
classes of issue 14 (lone surrogates, invalid UTF-8, NUL bytes, control characters, deep
nesting, huge attribute counts, very long lines, bad URLs, missing fields and wrong types,
feeds without links or titles, WARC records without a target URI), the good records they
sit beside, and the harness that ingests both into a fresh store and reports what happened.

Every URL that ingest may fetch points at 127.0.0.1 or ::1 (the fixture server of
conftest.py): a link to any other host would make ingest resolve it, and fuzzing must stay
off the real network. URLs that are only stored, never fetched, may name any host.

``LAGEBILD_FUZZ=long`` raises the sizes of the pathological shapes towards the issue's.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sqlite3
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lagebild.ingest import ingest
from lagebild.settings import Settings
from lagebild.store.sqlite import SQLiteStore

PROFILE = os.environ.get("LAGEBILD_FUZZ", "ci")


@dataclass(frozen=True)
class Sizes:
    """Upper bounds of the pathological shapes."""

    json_depth: int
    html_depth: int
    attributes: int
    paragraphs: int
    line: int
    entries: int


SIZES = {
    "ci": Sizes(
        json_depth=100_000, html_depth=2_000, attributes=500, paragraphs=2_000, line=20_000, entries=4
    ),
    "long": Sizes(
        json_depth=200_000,
        html_depth=20_000,
        attributes=20_000,
        paragraphs=100_000,
        line=1_000_000,
        entries=8,
    ),
}[PROFILE]

SECONDS = 30  # per input: the goal

# -- good records --------------------------------------------------------------------------------

# Long enough (over Settings.teaser_chars) that a feed entry carrying it is not fetched.
_FILLER = (
    "Die Feuerwehr war mit rund 80 Einsatzkräften vor Ort und pumpte bis in die Nacht Keller aus. "
    "Nach Angaben der Polizei wurde niemand verletzt, mehrere Straßen blieben jedoch gesperrt. "
    "Der Bürgermeister kündigte an, die Schäden in den kommenden Tagen begutachten zu lassen. "
    "Anwohner berichteten, das Wasser sei innerhalb einer Stunde um fast einen Meter gestiegen. "
    "Der Deutsche Wetterdienst rechnet für das Wochenende mit weiteren kräftigen Regenfällen."
)
MARKERS = {
    "first": "Der Pegel der Mulde erreichte am Dienstag in Grimma einen Stand von 7,42 Metern.",
    "last": "Das Technische Hilfswerk errichtete am Mittwoch in Eilenburg einen Damm aus 9.000 Sandsäcken.",
    "beside": "Die Landesregierung sagte am Donnerstag in Dresden Soforthilfen von 3 Millionen Euro zu.",
}
SECRET_NAME = "secret.txt"
# Good records name this site; nothing fetches from it (.invalid never resolves).
GOOD_SITE = "http://good.invalid/fuzz"
SECRET = "Dieser Satz steht in einer lokalen Datei, die kein Feed und keine OPML-Liste lesen darf."
# Good records served by the fixture server (tests/data/web/README.md names the sentences).
ATOM_MARKER = "Officials said the harbour would stay closed until Friday."
GOOD_PAGE = "/artikel/kabel-schaden.html"
GOOD_PAGE_MARKER = "Nach Angaben des Betreibers ist das Datenkabel seit Sonntag unterbrochen."


def good_text(key: str) -> str:
    """A report of a few sentences whose first sentence is the marker ``key`` names."""
    return f"{MARKERS[key]} {_FILLER}"


def good_html(key: str) -> str:
    """A plain article page holding ``good_text(key)``."""
    return (
        f"<!doctype html><html lang='de'><head><title>Hochwasser {key}</title></head><body>"
        f"<article><h1>Hochwasser {key}</h1><p>{good_text(key)}</p></article></body></html>"
    )


# -- strategies: characters, text, bytes ---------------------------------------------------------

# The hostile classes of issue 14 that random characters rarely hit on their own.
SPECIALS = [
    "\x00",
    "\ud800",
    "\udfff",
    "\udcff",
    "\ufeff",
    "\u202e",
    "\u2028",
    "\x1b[31m",
    "\x7f",
    "\r",
    "\x0b",
    "\x0c",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "e" + "\u0301" * 40,
    "２",
    "٢",
    "²",
    "]]>",
    "<!--",
    "&amp;",
    "&#0;",
    "&bogus;",
    "\\",
    '"',
]
INVALID_UTF8 = [b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf"]
WORDS = ["Die", "Polizei", "meldete", "am", "Montag", "rund", "20", "Einsätze", "in", "Kursk", ".", "\n\n"]


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text mixing ordinary words with control characters, lone surrogates and other specials."""
    piece = st.one_of(
        st.sampled_from(WORDS).map(lambda w: w + " "),
        st.text(st.characters(exclude_categories=[]), max_size=6),
        st.sampled_from(SPECIALS),
    )
    return st.lists(piece, max_size=max_size).map("".join)


def long_line() -> st.SearchStrategy[str]:
    """One very long line, of one repeated character or one word without spaces."""
    return st.builds(
        lambda ch, n: ch * n, st.sampled_from(["x", "ä", " ", "\t", "😀"]), st.integers(1, SIZES.line)
    )


def encode(text: str) -> bytes:
    """UTF-8 bytes of ``text``; lone surrogates become the invalid three-byte forms."""
    return text.encode("utf-8", "surrogatepass")


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """``data`` with a few invalid UTF-8 sequences or NUL bytes put in at random places."""
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from([*INVALID_UTF8, b"\x00"]))
    return bytes(data)


def hostile_bytes(max_size: int = 200) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, or hostile text as bytes with invalid UTF-8 and NUL bytes put in."""
    return st.one_of(
        st.binary(max_size=max_size),
        hostile_text().map(encode).flatmap(damaged),
        long_line().map(encode).flatmap(damaged),
    )


# -- strategies: URLs ----------------------------------------------------------------------------

# The bad URLs of issue 14 and their relatives. None of them can reach a host: they are not
# http(s), do not parse, or name an impossible port.
UNREACHABLE_URLS = [
    "http://a:99999/",
    "http://127.0.0.1:99999/",
    "http://127.0.0.1:-1/",
    "http://127.0.0.1:x/",
    "http://[::1",
    "http://[::1]]/",
    "http://[127.0.0.1]/",
    "https://[]/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:,Hallo",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://127.0.0.1/x",
    "mailto:a@b",
    "http://",
    "http:///x",
    "//",
    "",
    " ",
    "\x00",
    "http://\ud800/",
    "http://127.0.0.1\x00.example/",
    "http://127.0.0.1:80\ud800/",
    "wiki:",
    "wiki:de:",
    "wiki:\ud800:x",
]


def stored_url() -> st.SearchStrategy[str]:
    """URLs that ingest stores or refuses but never fetches (JSONL, WARC, canonical links)."""
    host = st.sampled_from(["example.invalid", "a", "127.0.0.1", "[::1]", "[::1", "例え.invalid", "", "a b"])
    port = st.one_of(st.none(), st.integers(-10, 10**6))
    built = st.builds(
        lambda scheme, host, port, path: f"{scheme}://{host}{'' if port is None else f':{port}'}/{path}",
        st.sampled_from(["http", "https", "HTTP", "ftp", "javascript", "data"]),
        host,
        port,
        hostile_text(6),
    )
    return st.one_of(st.sampled_from(UNREACHABLE_URLS), built, hostile_text(10))


# Paths of the fixture server (conftest.py): pages, feeds and the broken cases a crawler meets.
SERVER_PATHS = [
    "/artikel/teaser-ziel.html",
    "/feeds/rdf.xml",
    "/feeds/truncated.xml",
    "/feeds/wrong-encoding.xml",
    "/pages/wrong-encoding.html",
    "/404",
    "/500",
    "/loop-a",
    "/moved",
    "/huge",
    "/never",
    "/de/w/api.php",
]


# Strategies cannot know the fixture server's port, which is chosen when it starts: they
# write these placeholders, and at_server() puts in the server's address before use.
BASE, PORT, SECRET_PATH = "{BASE}", "{PORT}", "{SECRET}"


def at_server(data: str, base: str, secret: Path | None = None) -> str:
    """``data`` with the placeholders replaced by the fixture server's address (and the path
    of the local secret file)."""
    data = data.replace(BASE, base).replace(PORT, base.rsplit(":", 1)[1])
    return data if secret is None else data.replace(SECRET_PATH, str(secret))


def bytes_at_server(data: bytes, base: str, secret: Path | None = None) -> bytes:
    """As at_server, for bytes that need not be UTF-8."""
    data = data.replace(BASE.encode(), base.encode()).replace(PORT.encode(), base.rsplit(":", 1)[1].encode())
    return data if secret is None else data.replace(SECRET_PATH.encode(), bytes(secret))


def loopback_url() -> st.SearchStrategy[str]:
    """URLs that ingest may fetch: only the fixture server (or nothing) ever answers them."""
    spellings = [
        f"http://localhost:{PORT}",
        f"http://[::1]:{PORT}",
        f"http://[::ffff:127.0.0.1]:{PORT}",
        f"http://127.1:{PORT}",
        f"http://2130706433:{PORT}",
        f"HTTP://127.0.0.1:{PORT}",
    ]
    return st.one_of(
        st.sampled_from(SERVER_PATHS).map(lambda p: BASE + p),
        st.tuples(st.sampled_from(spellings), st.sampled_from(SERVER_PATHS)).map("".join),
        # Short paths: the fixture server maps a path to a file name, which has a length limit.
        hostile_text(4).map(lambda p: f"{BASE}/{p[:20]}"),
        st.sampled_from(UNREACHABLE_URLS),
    )


# -- strategies: JSON ----------------------------------------------------------------------------

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20),
    st.floats(),
    hostile_text(12),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text(4), inner, max_size=3),
    max_leaves=8,
)
DATES = [
    "2024-13-45",
    "2024-02-30T25:61:00",
    "9999-12-31T23:59:59+99:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+01:00",
    "Tue, 10 Sep 0000 08:00:00 +0200",
    "0000",
    "-1",
    "heute",
    "1e309",
]


def field_value(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """A field's value: usually of the right kind, often of a wrong type."""
    return st.one_of(strategy, strategy, json_value)


hostile_object = st.fixed_dictionaries(
    {},
    optional={
        "id": field_value(hostile_text(6)),
        "url": field_value(stored_url()),
        "source": field_value(hostile_text(6)),
        "title": field_value(hostile_text(10)),
        "published": field_value(st.one_of(st.sampled_from(DATES), hostile_text(4))),
        "language": field_value(st.sampled_from(["de", "DE_at", "xx-yy", "deutsch", "", "\ud800"])),
        "author": field_value(hostile_text(6)),
        "text": field_value(st.one_of(hostile_text(60), long_line())),
        "html": field_value(hostile_text(60)),
        "extra": json_value,
    },
)


@st.composite
def json_line(draw, obj: st.SearchStrategy = hostile_object) -> bytes:
    """One JSONL line: lone surrogates as \\u escapes (ensure_ascii) or as their invalid bytes."""
    value = draw(obj)
    if draw(st.booleans()):
        return json.dumps(value).encode("ascii")
    return encode(json.dumps(value, ensure_ascii=False).replace("\n", "\\n").replace("\r", "\\r"))


def nested_json() -> st.SearchStrategy[bytes]:
    """Deeply nested arrays or objects, closed or not (defect 3 ran out of stack at 100,000)."""
    return st.builds(
        lambda depth, kind, closed: (
            (b"[" * depth + (b"]" * depth if closed else b""))
            if kind == "array"
            else (b'{"a":' * depth + b"1" + (b"}" * depth if closed else b""))
        ),
        st.integers(1, SIZES.json_depth),
        st.sampled_from(["array", "object"]),
        st.booleans(),
    )


def good_line(key: str) -> bytes:
    """A JSONL line of the good record ``key``."""
    row = {"id": f"good-{key}", "url": f"{GOOD_SITE}/{key}", "source": "Testblatt", "text": good_text(key)}
    return json.dumps(row, ensure_ascii=False).encode()


# -- strategies: HTML ----------------------------------------------------------------------------

TAGS = [
    "p", "div", "span", "a", "script", "style", "svg", "math", "table", "td", "iframe", "template",
    "noscript", "title", "meta", "link", "base", "form", "img", "article", "main", "h1", "li", "br",
    "xmp", "plaintext", "textarea", "frameset", "time", "x-y", "p:q",
]  # fmt: skip
ATTRIBUTES = [
    "href", "src", "rel", "content", "charset", "property", "name", "class", "id", "style",
    "onerror", "datetime", "lang", "http-equiv", "itemprop", "xmlns", "data-x",
]  # fmt: skip

attribute = st.tuples(
    st.one_of(st.sampled_from(ATTRIBUTES), hostile_text(2)),
    st.one_of(hostile_text(8), stored_url(), st.sampled_from(DATES)),
)


def _element(tag: str, attributes: list[tuple[str, str]], children: list[str]) -> str:
    attrs = "".join(f' {name}="{value}"' for name, value in attributes)
    return f"<{tag}{attrs}>{''.join(children)}</{tag}>"


html_tree = st.recursive(
    hostile_text(12),
    lambda inner: st.builds(
        _element, st.sampled_from(TAGS), st.lists(attribute, max_size=4), st.lists(inner, max_size=3)
    ),
    max_leaves=20,
)


def many_attributes(count: int, value: str) -> str:
    """One paragraph with ``count`` attributes of ``value`` (defect 7 had 100,000)."""
    return "<p " + " ".join(f'a{i}="{value}"' for i in range(count)) + ">x</p>"


def pathological_html() -> st.SearchStrategy[str]:
    """The shapes that are costly to parse or to find dates in: deep nesting, one element with
    many attributes, many paragraphs, long lines, metadata with bad URLs and dates."""
    return st.one_of(
        st.integers(1, SIZES.html_depth).map(lambda n: "<div>" * n + "x" + "</div>" * n),
        st.integers(1, SIZES.html_depth).map(lambda n: "<b><i>" * n),
        st.builds(many_attributes, st.integers(1, SIZES.attributes), st.sampled_from(["1", "2024-01-01"])),
        st.integers(1, SIZES.paragraphs).map(lambda n: "<p>x</p>" * n),
        long_line().map(lambda s: f"<p>{s}</p>"),
        stored_url().map(lambda u: f'<link rel="canonical" href="{u}">'),
        stored_url().map(lambda u: f'<meta property="og:url" content="{u}"><base href="{u}">'),
        st.sampled_from(DATES).map(
            lambda d: f'<meta name="date" content="{d}"><time datetime="{d}">x</time>'
        ),
        hostile_text(4).map(lambda c: f'<meta charset="{c}"><meta http-equiv="content-type" content="{c}">'),
        st.integers(1, SIZES.line).map(lambda n: "<!--" + "-" * n),
    )


@st.composite
def hostile_html(draw) -> bytes:
    """A hostile page: random markup around pathological shapes, then damaged bytes."""
    parts = draw(st.lists(st.one_of(html_tree, pathological_html()), min_size=1, max_size=4))
    prefix = draw(
        st.sampled_from(["", "\ufeff", "<?xml version='1.0' encoding='utf-16'?>", "<!doctype html>"])
    )
    page = encode(prefix + "<html><head>" + "".join(parts[:1]) + "</head><body>" + "".join(parts[1:]))
    return draw(damaged(page))


# -- strategies: WARC ----------------------------------------------------------------------------

REC_TYPES = ["response", "resource", "request", "metadata", "revisit", "warcinfo", "conversion"]
STATUS_LINES = ["200 OK", "404 Not Found", "200", "999 Bogus", "abc", "", "301 Moved Permanently"]
CONTENT_TYPES = [
    "text/html",
    "text/html; charset=utf-16",
    "application/xhtml+xml",
    "text/plain",
    "",
    "TEXT/HTML",
]


@st.composite
def warc_record(draw) -> dict:
    """The fields of one hostile WARC record (written by ``write_warc``)."""
    return {
        "uri": draw(st.one_of(st.none(), stored_url())),
        "type": draw(st.sampled_from(REC_TYPES)),
        "status": draw(st.sampled_from(STATUS_LINES)),
        "content_type": draw(st.sampled_from(CONTENT_TYPES)),
        "body": draw(st.one_of(hostile_html(), hostile_bytes())),
        "date": draw(st.one_of(st.none(), st.sampled_from(DATES))),
    }


def _header_value(value: str | None) -> str | None:
    # warcio writes headers as strict UTF-8: a lone surrogate becomes U+FFFD.
    return None if value is None else encode(value).decode("utf-8", "replace")


def write_warc(path: Path, records: list[dict], compress: bool) -> None:
    """A WARC file of ``records`` written by warcio, as a crawler writes them."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for rec in records:
            http = None
            if rec["type"] in ("response", "request", "revisit"):
                http = StatusAndHeaders(
                    rec["status"], [("Content-Type", rec["content_type"])], protocol="HTTP/1.1"
                )
            warc_headers = {"WARC-Date": _header_value(rec["date"])} if rec["date"] else None
            if rec["type"] == "resource":
                warc_headers = (warc_headers or {}) | {"Content-Type": rec["content_type"]}
            writer.write_record(
                writer.create_warc_record(
                    _header_value(rec["uri"]),
                    rec["type"],
                    payload=io.BytesIO(rec["body"]),
                    http_headers=http,
                    warc_headers_dict=warc_headers or {},
                )
            )


def warc_intact(records: list[dict]) -> bool:
    """Whether every record's headers are whole: a header value with a line break ends the
    header block early (the record's length is lost, and with it where the next one starts)."""
    return not any("\r" in v or "\n" in v for rec in records for v in (rec["uri"] or "", rec["date"] or ""))


def good_warc_record(key: str) -> dict:
    """A WARC response record of the good page ``key``."""
    return {
        "uri": f"{GOOD_SITE}/{key}",
        "type": "response",
        "status": "200 OK",
        "content_type": "text/html; charset=utf-8",
        "body": good_html(key).encode(),
        "date": None,
    }


# -- strategies: feeds and OPML ------------------------------------------------------------------


def xml_text(text: str, how: str) -> str:
    """``text`` for an XML element: escaped, in CDATA, or raw (which may break the feed)."""
    if how == "escaped":
        return escape(text)
    return f"<![CDATA[{text}]]>" if how == "cdata" else text


@st.composite
def feed_entry(draw, flavour: str, how: str) -> str:
    """One hostile feed entry: any of link, id, title, content and date may be missing or bad."""
    local = st.sampled_from([SECRET_NAME, f"../{SECRET_NAME}", f"file:///{SECRET_NAME}"])
    link = draw(st.one_of(st.none(), loopback_url(), hostile_text(4), local))
    title = draw(st.one_of(st.none(), hostile_text(10)))
    body = draw(
        st.one_of(st.none(), hostile_text(80), html_tree, pathological_html(), st.just(good_text("last")))
    )
    date = draw(st.one_of(st.none(), st.sampled_from(DATES)))
    ident = draw(st.one_of(st.none(), hostile_text(4)))
    parts = []
    if title is not None:
        parts.append(f"<title>{xml_text(title, how)}</title>")
    if flavour == "atom":
        if link is not None:
            parts.append(f"<link href={quoteattr(link)}/>")
        if ident is not None:
            parts.append(f"<id>{escape(ident)}</id>")
        if body is not None:
            parts.append(f'<content type="html">{xml_text(body, how)}</content>')
        if date is not None:
            parts.append(f"<updated>{escape(date)}</updated>")
        return "<entry>" + "".join(parts) + "</entry>"
    if link is not None:
        parts.append(f"<link>{xml_text(link, how)}</link>")
    if ident is not None and flavour == "rss":
        parts.append(f"<guid>{escape(ident)}</guid>")
    if body is not None:
        parts.append(f"<content:encoded>{xml_text(body, how)}</content:encoded>")
    if date is not None:
        parts.append(f"<pubDate>{escape(date)}</pubDate>")
    about = f" rdf:about={quoteattr(link or '')}" if flavour == "rdf" else ""
    return f"<item{about}>" + "".join(parts) + "</item>"


def good_entry(flavour: str, key: str) -> str:
    """A good feed entry: a link and full content, so it is stored without a fetch."""
    link = f"{GOOD_SITE}/{key}"
    content = escape(f"<p>{good_text(key)}</p>")
    if flavour == "atom":
        return (
            f'<entry><title>Pegel</title><link href="{link}"/><id>{link}</id>'
            f'<updated>2024-09-10T08:00:00Z</updated><content type="html">{content}</content></entry>'
        )
    about = f' rdf:about="{link}"' if flavour == "rdf" else ""
    return (
        f"<item{about}><title>Pegel</title><link>{link}</link>"
        f"<content:encoded>{content}</content:encoded></item>"
    )


_CONTENT_NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
_FEED_OPEN = {
    "rss": f'<rss version="2.0" {_CONTENT_NS}><channel>{{title}}<link>{GOOD_SITE}/</link>',
    "atom": '<feed xmlns="http://www.w3.org/2005/Atom">{title}<id>urn:lagebild:fuzz</id>',
    "rdf": '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    f'xmlns="http://purl.org/rss/1.0/" {_CONTENT_NS}>'
    '<channel rdf:about="' + GOOD_SITE + '/rdf">{title}<link>' + GOOD_SITE + "/</link></channel>",
}
_FEED_CLOSE = {"rss": "</channel></rss>", "atom": "</feed>", "rdf": "</rdf:RDF>"}


@st.composite
def hostile_feed(draw) -> tuple[bytes, bool]:
    """An RSS 2.0, Atom or RSS 1.0 (RDF) feed: a good entry, hostile entries, another good
    entry, a title that may be missing; and whether it is intact. A damaged feed (raw markup,
    invalid bytes, cut off, garbage at the end) is damaged only after the first good entry."""
    flavour = draw(st.sampled_from(["rss", "atom", "rdf"]))
    how = draw(st.sampled_from(["escaped", "escaped", "cdata", "raw"]))
    title = draw(st.one_of(st.none(), hostile_text(6)))
    head = _FEED_OPEN[flavour].format(title="" if title is None else f"<title>{escape(title)}</title>")
    entries = draw(st.lists(feed_entry(flavour, how), min_size=1, max_size=SIZES.entries))
    start = encode('<?xml version="1.0" encoding="utf-8"?>' + head + good_entry(flavour, "first"))
    rest = encode("".join(entries) + good_entry(flavour, "last") + _FEED_CLOSE[flavour])
    damage = draw(st.sampled_from(["none", "bytes", "cut", "tail"]))
    if damage == "bytes":
        rest = draw(damaged(rest))
    elif damage == "cut":
        rest = rest[: draw(st.integers(0, len(rest)))]
    elif damage == "tail":
        rest += draw(hostile_bytes())
    data = start + rest
    # Lone surrogates are invalid UTF-8 too: feedparser then reads the feed in another encoding.
    intact = how == "escaped" and damage in ("none", "tail") and _utf8(data)
    return data, intact


def feed_date() -> st.SearchStrategy[str]:
    """Dates as feeds write them, with years and offsets out of every range."""
    offset = st.sampled_from(["+0200", "-1400", "+9999", "GMT", "Z", "+14:00", ""])
    return st.one_of(
        st.sampled_from(DATES),
        st.builds(lambda y, tz: f"Tue, 10 Sep {y:04d} 08:00:00 {tz}", st.integers(0, 99_999), offset),
        st.builds(lambda y, tz: f"{y:04d}-01-01T00:00:00{tz}", st.integers(0, 99_999), offset),
        hostile_text(6),
    )


def dated_feed(flavour: str, date: str) -> bytes:
    """A feed of a good entry, an entry dated ``date`` and another good entry."""
    link, body = f"{GOOD_SITE}/dated", escape("<p>Ein Satz.</p>")
    if flavour == "atom":
        dated = f'<entry><link href="{link}"/><id>{link}</id><content type="html">{body}</content>'
        dated += f"<updated>{escape(date)}</updated></entry>"
    else:
        about = f' rdf:about="{link}"' if flavour == "rdf" else ""
        dated = f"<item{about}><link>{link}</link><content:encoded>{body}</content:encoded>"
        dated += f"<pubDate>{escape(date)}</pubDate><dc:date>{escape(date)}</dc:date></item>"
    head = (
        _FEED_OPEN[flavour]
        .format(title="<title>Pegel</title>")
        .replace(_CONTENT_NS, _CONTENT_NS + ' xmlns:dc="http://purl.org/dc/elements/1.1/"')
    )
    entries = good_entry(flavour, "first") + dated + good_entry(flavour, "last")
    return encode('<?xml version="1.0" encoding="utf-8"?>' + head + entries + _FEED_CLOSE[flavour])


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold, escaped for an attribute."""
    allowed = "".join(
        c
        for c in text
        if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff"
    )
    return quoteattr(allowed)


@st.composite
def hostile_opml(draw) -> tuple[bytes, bool]:
    """An OPML list with the good feed and hostile outlines (bad and local URLs, deep nesting,
    many attributes, entities), and whether it is still well-formed XML."""
    local = st.sampled_from([SECRET_PATH, f"file://{SECRET_PATH}", SECRET_NAME, f"../private/{SECRET_NAME}"])
    urls = st.one_of(loopback_url(), local)
    outlines = []
    for url in draw(st.lists(urls, min_size=1, max_size=SIZES.entries)):
        # Deeper than 256 levels libxml2 refuses the whole list: nesting within its limit.
        depth = draw(st.integers(1, 200))
        attrs = draw(st.integers(0, SIZES.attributes // 10))
        extra = "".join(f' a{i}="{i}"' for i in range(attrs))
        text = xml_safe(draw(hostile_text(6)))
        outlines.append(
            f"<outline text={text}>" * (depth - 1)
            + f"<outline text={text} xmlUrl={xml_safe(url)}{extra}/>"
            + "</outline>" * (depth - 1)
        )
    doctype = draw(
        st.sampled_from(
            ["", '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>']
        )
    )
    good = f'<outline text="Coastal Herald" xmlUrl="{BASE}/feeds/atom.xml"/>'
    xml = f'<?xml version="1.0"?>{doctype}<opml version="2.0"><head><title>&b;</title></head><body>'
    if not doctype:
        xml = xml.replace("&b;", "Abos")
    xml += good + "".join(outlines) + "</body></opml>"
    well_formed = draw(st.booleans())
    data = encode(xml)
    if not well_formed:
        data = draw(damaged(data)) + draw(hostile_bytes())
    return data, well_formed


# -- strategies: the web API's JSON bodies ------------------------------------------------------


def check_body() -> st.SearchStrategy[bytes]:
    """Bodies for POST /api/check: hostile fields, wrong types, raw bytes, deep nesting."""
    story = st.one_of(
        st.integers(),
        st.integers(min_value=10**20),
        st.sampled_from(["²", "２", "٢", "1e9", "-1", " 1", "0x1"]),
    )
    fields = st.fixed_dictionaries(
        {},
        optional={
            "text": field_value(st.one_of(hostile_text(60), long_line())),
            "url": field_value(loopback_url()),
            "story": field_value(story),
            "rules_only": st.one_of(st.just(True), json_value),
            "sources": field_value(st.lists(loopback_url(), max_size=2)),
        },
    )
    return st.one_of(fields.map(lambda d: json.dumps(d).encode()), hostile_bytes(), nested_json())


def ingest_inputs() -> st.SearchStrategy[list]:
    """The ``inputs`` of POST /api/ingest: loopback URLs, hostile wiki titles, wrong types."""
    wiki = st.tuples(st.sampled_from(["de", "en", "xx", "", "\ud800", "de:de"]), hostile_text(6)).map(
        lambda t: f"wiki:{t[0]}:{t[1]}"
    )
    return st.lists(st.one_of(loopback_url(), wiki, json_leaf), min_size=1, max_size=3)


# -- harness -------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Outcome:
    """What one ingest of hostile input beside good records did."""

    seconds: float
    error: str | None = None
    lost: list[str] = field(default_factory=list)
    leaked: bool = False


def escaped(exc: BaseException) -> str:
    """An escaped exception and the last frames it passed, as text.

    Kept as text because the exception itself may be a RecursionError, after which
    pytest's own traceback formatting (it parses source with ast) fails internally."""
    frames = traceback.extract_tb(exc.__traceback__)[-8:]
    where = "".join(f"\n  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    return f"{type(exc).__name__}: {str(exc)[:300]}{where}"


def stored(db: Path, marker: str) -> bool:
    """Whether a document holding ``marker`` is in the SQLite file (read as a second reader)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        row = conn.execute("SELECT 1 FROM documents WHERE instr(text, ?) > 0 LIMIT 1", (marker,)).fetchone()
    return row is not None


def sound(db: Path) -> bool:
    """Whether SQLite finds the file intact."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def fuzz_settings(folder: Path, base: str) -> Settings:
    """Settings of one example: its own store, loopback allowed (the fixture server), short timeouts."""
    return Settings(
        db=str(folder / "fuzz.db"), allow_private=True, timeout=1.0, wiki_api=base + "/{lang}/w/api.php"
    )


def ingest_beside_good(inputs: list[str], settings: Settings, goods: list[str]) -> Outcome:
    """Ingest ``inputs`` into a fresh store; record an escaping exception, the time taken, the
    good markers missing afterwards, and whether the local secret leaked into the store."""
    db = Path(settings.db)
    start = time.monotonic()
    error = None
    try:
        with SQLiteStore(db) as store:
            ingest(inputs, store, settings)
    except Exception as exc:  # noqa: BLE001 - any escaping exception is the finding
        error = escaped(exc)
    seconds = time.monotonic() - start
    if not db.exists():
        return Outcome(seconds, error, lost=list(goods))
    lost = [m for m in goods if not stored(db, m)]
    return Outcome(seconds, error, lost=lost, leaked=stored(db, SECRET) or not sound(db))
