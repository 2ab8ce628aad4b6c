"""What every ingest source shares: the run context, the items sources yield, and the
guards every URL and every string of a document pass."""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lagebild.errors import IngestError
from lagebild.ingest.fetch import Fetcher
from lagebild.model import Failure, RawDocument
from lagebild.settings import Settings
from lagebild.store import Store


@dataclass(slots=True)
class Known:
    """An input already stored (by URL, or by id when it has no URL): counted as present,
    not fetched again."""

    url: str | None
    doc_id: str


Item = RawDocument | Failure | Known
Items = Iterator[Item]


@dataclass
class Context:
    """Shared by the sources of one ingest run."""

    store: Store
    settings: Settings
    fetcher: Fetcher
    source_name: str | None = None
    notes: list[str] = field(default_factory=list)
    failures: int = 0

    def known(self, url: str, label: str | None = None) -> Known | Failure | None:
        """The item that settles ``url`` before anything is fetched: Known when it is stored
        already, a Failure (naming ``label``) when it cannot be a document's URL, else None."""
        try:
            normal = normalise_url(url, label)
        except IngestError as exc:
            return Failure(exc.label, exc.reason)
        doc_id = self.store.id_for_url(normal)
        return Known(normal, doc_id) if doc_id else None

    def known_id(self, doc_id: str) -> Known | None:
        """A Known item when a document with this id is stored already, else None."""
        return Known(None, doc_id) if self.store.get_document(doc_id) else None


_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "wt_mc", "at_medium", "at_campaign")
# Any code point in this range left in a str is a lone surrogate (pairs decode to one
# character); SQLite, UTF-8 output and HTTP all refuse them.
_SURROGATE = re.compile("[\ud800-\udfff]")
_QUOTE = reprlib.Repr()
_QUOTE.maxstring = 160


def normalise_url(url: str, label: str | None = None) -> str:
    """The form a URL is stored under: lower-case scheme and host, no fragment,
    no default port, no tracking parameters, so one report is one document.

    Only http and https URLs with a host can be documents' addresses (a ``javascript:``
    or ``data:`` URL is text to run, not a place); anything else, or a URL that cannot be
    parsed, raises IngestError naming ``label`` (default: the URL).
    """
    url = without_surrogates(url.strip())
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise IngestError(label or url, f"URL {_QUOTE.repr(url)} cannot be parsed ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise IngestError(label or url, f"URL {_QUOTE.repr(url)}: only http and https URLs are accepted")
    host = (parts.hostname or "").lower()
    if not host:
        raise IngestError(label or url, f"URL {_QUOTE.repr(url)} has no host")
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PARAMS)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def without_surrogates(value):
    """``value`` (a str, or lists and dicts of them) with every lone surrogate replaced by
    U+FFFD. JSON escapes like ``"\\ud800"`` and command-line bytes that are not UTF-8 bring
    them in."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_surrogates(k): without_surrogates(v) for k, v in value.items()}
    return value


def site_name(url: str | None) -> str | None:
    """The host of a URL without ``www.``, the fallback name of a publisher."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
