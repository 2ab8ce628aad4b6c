"""HTTP fetching with the manners and guards third-party servers call for.

Every request: a User-Agent naming lagebild, timeouts, a size cap on the body,
a redirect cap, and, unless the user allows it, no private, loopback or
link-local address, checked on every redirect hop.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from lagebild.errors import FetchError, UpstreamError
from lagebild.settings import Settings


@dataclass(slots=True)
class Response:
    """A fetched resource: the URL asked for, where it ended up, status and body."""

    url: str
    final_url: str
    status: int
    headers: httpx.Headers
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def check_address(url: str, settings: Settings) -> None:
    """Refuse non-HTTP URLs and, unless allowed, hosts that resolve to internal addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs can be fetched, not {parts.scheme or 'none'}")
    host = parts.hostname
    if not host:
        raise FetchError(url, "the URL has no host")
    if settings.allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UpstreamError(url, f"host {host} could not be resolved ({exc})") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if not addr.is_global or addr.is_multicast:
            raise FetchError(
                url,
                f"refused: {host} resolves to the non-public address {addr} "
                "(pass --allow-private to fetch from private, loopback or link-local addresses)",
            )


class Fetcher:
    """One HTTP client for a whole ingest run (connections are reused)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url``, following at most ``max_redirects`` redirects.

        Raises FetchError naming ``url`` for network errors, statuses >= 400,
        bodies over ``max_bytes`` and refused addresses. 304 is returned as is.
        """
        current = url
        for _ in range(self.settings.max_redirects + 1):
            check_address(current, self.settings)
            status, resp_headers, content = self._get_once(url, current, headers or {})
            if status in (301, 302, 303, 307, 308) and "location" in resp_headers:
                current = urljoin(current, resp_headers["location"])
                continue
            if status >= 400:
                raise UpstreamError(url, f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".strip())
            return Response(url, current, status, resp_headers, content)
        raise UpstreamError(url, f"more than {self.settings.max_redirects} redirects")

    def _get_once(self, url: str, current: str, headers: dict[str, str]):
        limit = self.settings.max_bytes
        # A read timeout alone lets a server that trickles bytes hold us forever.
        deadline = time.monotonic() + 3 * self.settings.timeout
        try:
            with self.client.stream("GET", current, headers=headers) as resp:
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise UpstreamError(url, f"response too large ({int(declared):,} bytes, limit {limit:,})")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise UpstreamError(url, f"response too large (over the limit of {limit:,} bytes)")
                    if time.monotonic() > deadline:
                        raise UpstreamError(url, "the server is too slow (response took too long)")
                    chunks.append(chunk)
                return resp.status_code, resp.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise UpstreamError(
                url, f"no answer within {self.settings.timeout:g} s ({type(exc).__name__})"
            ) from exc
        except httpx.HTTPError as exc:
            raise UpstreamError(url, f"request failed ({type(exc).__name__}: {exc})") from exc

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
