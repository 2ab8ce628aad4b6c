"""HTTP fetching with the manners and guards third-party servers call for.

Every request: a User-Agent naming lagebild, timeouts, a size cap on the body,
a redirect cap, and, unless the user allows it, no private, loopback or
link-local address, checked on every redirect hop.

The guard and the deadline live in the network layer (an httpcore network
backend), where every connection is opened and every byte is read: a host name
is resolved once, its addresses are checked and the connection goes to one of
them, so a DNS answer that changes between check and connect cannot reach an
internal address; and every wait is cut short by the deadline of the fetch, so a
server that trickles its headers or body a byte at a time cannot hold us.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from lagebild.errors import FetchError, UpstreamError
from lagebild.settings import Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[Address]]

# --timeout bounds each wait (connect, each read); a whole fetch (connect, TLS, headers,
# body, every redirect) gets this many times as long: a slow but steady server still
# finishes, one that trickles bytes to stay under the per-wait limit does not.
TOTAL_TIME_FACTOR = 3

# IPv6 forms that carry an IPv4 address in their last 32 bits: the well-known NAT64 prefix
# (RFC 6052), IPv4-compatible (RFC 4291, deprecated) and IPv4-translated (RFC 2765)
# addresses. A gateway or the kernel turns them into that IPv4 address, so that decides.
_LAST_32_BITS_IPV4 = tuple(ipaddress.ip_network(n) for n in ("64:ff9b::/96", "::/96", "::ffff:0:0:0/96"))
# Not globally reachable by RFC 8215, though ipaddress of Python 3.11 counts it as global.
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


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


def embedded_ipv4(addr: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, 6to4, NAT64,
    IPv4-compatible, IPv4-translated), or None."""
    if addr.version == 4 or addr.is_loopback or addr.is_unspecified:
        return None
    if addr.ipv4_mapped or addr.sixtofour:
        return addr.ipv4_mapped or addr.sixtofour
    if any(addr in net for net in _LAST_32_BITS_IPV4):
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def is_public(addr: Address) -> bool:
    """Whether ``addr`` is a global unicast address, judging IPv6 forms that embed an
    IPv4 address by that IPv4 address."""
    if addr.version == 6 and addr in _LOCAL_NAT64:
        return False
    target = embedded_ipv4(addr) or addr
    return target.is_global and not target.is_multicast


def resolve(host: str, port: int) -> list[Address]:
    """The addresses of ``host`` in the order the system resolver gives them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))


def _resolve_within(resolver: Resolver, host: str, port: int, seconds: float) -> list[Address]:
    """``resolver(host, port)``, or UpstreamError after ``seconds``.

    getaddrinfo cannot be interrupted and a slow name server may hold it for half a
    minute, so it runs in a daemon thread that is left behind when time is up.
    """
    outcome: list = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(resolver(host, port))
        except BaseException as exc:  # handed to the waiting thread, which raises it
            outcome.append(exc)
        done.set()

    threading.Thread(target=run, name=f"resolve {host}", daemon=True).start()
    if not done.wait(seconds):
        raise UpstreamError(host, f"host {host} could not be resolved within {seconds:g} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def checked_addresses(
    host: str, port: int, settings: Settings, resolver: Resolver = resolve, within: float | None = None
) -> list[Address]:
    """The addresses of ``host``, each of them public unless ``settings.allow_private``.

    The name is resolved within ``within`` seconds (default ``settings.timeout``).
    Raises FetchError (labelled with the host) for a refused address and
    UpstreamError when the name does not resolve in time.
    """
    try:
        addresses = _resolve_within(resolver, host, port, within or settings.timeout)
    except (OSError, UnicodeError, ValueError) as exc:
        raise UpstreamError(host, f"host {host} could not be resolved ({exc})") from exc
    if not addresses:
        raise UpstreamError(host, f"host {host} has no address")
    if not settings.allow_private:
        for addr in addresses:
            if not is_public(addr):
                inner = embedded_ipv4(addr)
                raise FetchError(
                    host,
                    f"refused: {host} resolves to the non-public address {addr}"
                    f"{f' (standing for {inner})' if inner else ''} "
                    "(pass --allow-private to fetch from private, loopback or link-local addresses)",
                )
    return addresses


def split_http_url(url: str) -> tuple[str, int]:
    """Host and port of an http(s) URL, or FetchError naming ``url``."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs can be fetched, not {parts.scheme or 'none'}")
    if not parts.hostname:
        raise FetchError(url, "the URL has no host")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def check_address(url: str, settings: Settings, resolver: Resolver = resolve) -> None:
    """Refuse non-HTTP URLs and, unless allowed, hosts that resolve to internal addresses.

    For an early, clear answer (the web form): fetching checks again, at connect time.
    """
    host, port = split_http_url(url)
    if not settings.allow_private:
        try:
            checked_addresses(host, port, settings, resolver)
        except FetchError as exc:
            raise type(exc)(url, exc.reason) from exc


class _Deadline(threading.local):
    """When the fetch running in this thread must be over (None while none runs)."""

    until: float | None = None

    def clamp(self, timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
        """``timeout`` shortened to the time left, or ``error`` once none is left."""
        if self.until is None:
            return timeout
        left = self.until - time.monotonic()
        if left <= 0:
            raise error("the total time limit of the fetch has passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read, write and TLS handshake ends by the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: _Deadline):
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        # server_hostname is the host name of the URL, never the address connected to:
        # the certificate is checked against the name.
        timeout = self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._deadline)

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Opens connections only to addresses it resolved and checked itself, and ends every
    wait on them by the deadline set with ``deadline()``."""

    def __init__(self, settings: Settings, resolver: Resolver = resolve):
        self.settings = settings
        self.resolver = resolver
        self._deadline = _Deadline()
        self._sockets = httpcore.SyncBackend()

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        """Within this block, every connect, read and write of this thread ends ``seconds`` from now."""
        self._deadline.until = time.monotonic() + seconds
        try:
            yield
        finally:
            self._deadline.until = None

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        error: Exception | None = None
        within = self._deadline.clamp(self.settings.timeout, httpcore.ConnectTimeout)
        for addr in checked_addresses(host, port, self.settings, self.resolver, within):
            try:
                stream = self._sockets.connect_tcp(
                    str(addr),
                    port,
                    self._deadline.clamp(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise error


def _transport(backend: GuardedBackend) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx 0.28 takes no network backend (encode/httpx#3749 would add one): its pool is
    # replaced by one built on ours, with httpx's TLS settings and keep-alive.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=backend,
    )
    return transport


class Fetcher:
    """One HTTP client for a whole ingest run (connections are reused)."""

    def __init__(self, settings: Settings, resolver: Resolver = resolve):
        self.settings = settings
        self.backend = GuardedBackend(settings, resolver)
        self.client = httpx.Client(
            transport=_transport(self.backend),
            follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout, connect=min(settings.timeout, 10.0)),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET ``url``, following at most ``max_redirects`` redirects, all within
        ``TOTAL_TIME_FACTOR`` times the timeout.

        Raises FetchError naming ``url`` for network errors, statuses >= 400,
        bodies over ``max_bytes``, refused addresses and fetches over the time
        limit. 304 is returned as is.
        """
        current = url
        with self.backend.deadline(TOTAL_TIME_FACTOR * self.settings.timeout):
            for _ in range(self.settings.max_redirects + 1):
                try:
                    split_http_url(current)
                except FetchError as exc:
                    if current == url:
                        raise
                    raise FetchError(url, f"redirected to {exc}") from exc
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
                    chunks.append(chunk)
                return resp.status_code, resp.headers, b"".join(chunks)
        except FetchError as exc:
            if exc.label == url:
                raise
            # Raised by the network backend, which knows the host but not the URL.
            raise type(exc)(url, exc.reason) from exc
        except httpx.TimeoutException as exc:
            timeout = self.settings.timeout
            raise UpstreamError(
                url,
                f"no answer within {timeout:g} s for a step or {TOTAL_TIME_FACTOR * timeout:g} s "
                f"for the whole fetch ({type(exc).__name__})",
            ) from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise UpstreamError(url, f"request failed ({type(exc).__name__}: {exc})") from exc

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
