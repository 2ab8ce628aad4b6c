"""What every ingest source shares: the run context and the items sources yield."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lagebild.ingest.fetch import Fetcher
from lagebild.model import Failure, RawDocument
from lagebild.settings import Settings
from lagebild.store import Store


@dataclass(slots=True)
class Known:
    """An input whose URL is already stored: counted as present, not fetched again."""

    url: str
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

    def known(self, url: str) -> Known | None:
        """A Known item when ``url`` is stored already, else None."""
        normal = normalise_url(url)
        doc_id = self.store.id_for_url(normal)
        return Known(normal, doc_id) if doc_id else None


_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "wt_mc", "at_medium", "at_campaign")


def normalise_url(url: str) -> str:
    """The form a URL is stored under: lower-case scheme and host, no fragment,
    no default port, no tracking parameters, so one report is one document."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
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


def site_name(url: str | None) -> str | None:
    """The host of a URL without ``www.``, the fallback name of a publisher."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
