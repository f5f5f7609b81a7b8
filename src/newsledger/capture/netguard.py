"""The address guard for fetch.py: which addresses a URL may reach, and dialling only those.

Hosts are resolved once, every address is judged, and the connection (PinnedTransport over
PinnedBackend) dials exactly those, every socket operation bounded by the attempt's deadline.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from newsledger.capture.deadline import Deadline, DeadlineStream, bounded_timeout
from newsledger.capture.fetch_errors import FetchError
from newsledger.capture.politeness import canonical_host

ALLOWED_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

Resolver = Callable[[str, int], list[str]]
"""(host, port) -> IP address strings; raises OSError when the name does not resolve."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_HEX_PART = re.compile(r"0[xX][0-9a-fA-F]*")
_OCTAL_PART = re.compile(r"0[0-7]+")
_DECIMAL_PART = re.compile(r"0|[1-9][0-9]*")
_ALL_DIGITS = re.compile(r"[0-9]+")


class GuardRefusal(Exception):
    """A URL the guard will not let the fetcher reach; error_class is one of ERROR_CLASSES."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


def default_resolver(host: str, port: int) -> list[str]:
    """The system resolver, deduplicated, in the order the system prefers."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _ipv4_number(part: str) -> int:
    """One dotted part as browsers read it: 0x.. is hex, a leading 0 is octal, else decimal."""
    if _HEX_PART.fullmatch(part):
        return int(part[2:] or "0", 16)
    if _OCTAL_PART.fullmatch(part):
        return int(part[1:], 8)
    if _DECIMAL_PART.fullmatch(part):
        return int(part)
    raise ValueError(f"not an IPv4 number: {part!r}")


def _ends_in_number(host: str) -> bool:
    last = host.rstrip(".").rsplit(".", 1)[-1] if host.strip(".") else ""
    return bool(_ALL_DIGITS.fullmatch(last) or _HEX_PART.fullmatch(last))


def parse_ipv4_literal(host: str) -> ipaddress.IPv4Address:
    """The WHATWG URL reading of a numeric host, so 2130706433, 0177.0.0.1, 0x7f.1 and 127.1
    all mean 127.0.0.1 here exactly as they do to curl, browsers and inet_aton."""
    parts = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if not 1 <= len(parts) <= 4 or "" in parts:
        raise ValueError(f"not an IPv4 address: {host!r}")
    numbers = [_ipv4_number(part) for part in parts]
    if any(number > 255 for number in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError(f"IPv4 part out of range: {host!r}")
    value = numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))
    return ipaddress.IPv4Address(value)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host written as an IP literal means, or None for a name.

    Raises ValueError for a host that ends in a number but is not a valid address (the URL
    standard calls that an invalid URL rather than a name to resolve)."""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if ":" in bare:
        return ipaddress.IPv6Address(bare.split("%", 1)[0])
    if _ends_in_number(bare):
        return parse_ipv4_literal(bare)
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries to the network (mapped, 6to4, Teredo)."""
    embedded = [address.ipv4_mapped, address.sixtofour]
    if address.teredo is not None:
        embedded.extend(address.teredo)
    return [ip for ip in embedded if ip is not None]


def _own_problem(address: IPAddress) -> str | None:
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-global", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def address_problem(address: IPAddress) -> str | None:
    """Why the fetcher must not dial this address ("loopback", "private", ...), None if public.

    An IPv4-mapped address is judged by the IPv4 address it maps (Python 3.11 calls all of
    ::ffff:0:0/96 private); 6to4 and Teredo addresses are judged by both halves."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address_problem(address.ipv4_mapped)
    problem = _own_problem(address)
    if problem is None and isinstance(address, ipaddress.IPv6Address):
        for inner in _embedded_ipv4(address):
            inner_problem = _own_problem(inner)
            if inner_problem is not None:
                return f"{inner_problem} (embedded {inner})"
    return problem


def _refuse_any_non_public(url: str, host: str, addresses: Iterable[str]) -> None:
    for text in addresses:
        problem = address_problem(ipaddress.ip_address(text.split("%", 1)[0]))
        if problem is not None:
            raise GuardRefusal(
                "refused_address", f"{url}: host {host} is {text}, a {problem} address"
            )


def checked_addresses(
    url: str,
    url_host: str,
    connect_host: str,
    port: int,
    resolver: Resolver,
    allow_hosts: frozenset[str],
) -> list[str]:
    """The addresses the fetcher may dial for this host; raises GuardRefusal otherwise.

    url_host is the host as written in the URL (lowercased); connect_host is the ASCII form the
    HTTP client will ask for. Hosts in allow_hosts skip the judgement but are still pinned."""
    allowed = url_host in allow_hosts or connect_host in allow_hosts
    try:
        literal = parse_ip_literal(url_host)
    except ValueError as exc:
        raise GuardRefusal("invalid_url", f"{url}: host {url_host} is not valid ({exc})") from exc
    if literal is not None:
        addresses = [str(literal)]
    else:
        addresses = _resolve(url, connect_host, port, resolver)
    if not allowed:
        _refuse_any_non_public(url, url_host, addresses)
    return addresses


def _resolve(url: str, host: str, port: int, resolver: Resolver) -> list[str]:
    try:
        addresses = [str(ipaddress.ip_address(a.split("%", 1)[0])) for a in resolver(host, port)]
    except (OSError, UnicodeError, ValueError) as exc:
        raise GuardRefusal("dns_error", f"{url}: cannot resolve {host} ({exc})") from exc
    if not addresses:
        raise GuardRefusal("dns_error", f"{url}: {host} resolves to no address")
    return addresses


@dataclass(frozen=True)
class Target:
    """Where one hop goes: the URL as httpx sends it, the host and port httpcore will ask to
    dial, the politeness key, and the only addresses that dial may use."""

    url: httpx.URL
    connect_host: str
    port: int
    host_key: str
    addresses: tuple[str, ...]


def checked_target(url: str, resolver: Resolver, allow_hosts: frozenset[str]) -> Target:
    """Scheme, URL and address checks; the addresses returned are the only ones dialled."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError("invalid_url", f"{url}: {exc}") from exc
    scheme = parts.scheme.lower()
    if not scheme:
        raise FetchError("invalid_url", f"{url!r}: not an absolute URL")
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError("refused_scheme", f"{url[:200]}: scheme {scheme}: is not http(s)")
    try:
        url_host, port = parts.hostname, parts.port or _DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise FetchError("invalid_url", f"{url}: {exc}") from exc
    if not url_host:
        raise FetchError("invalid_url", f"{url}: no host")
    try:
        parsed: httpx.URL | None = httpx.URL(url)
    except httpx.InvalidURL as exc:
        # Judged by the guard first: httpx rejects some IP literals (0177.0.0.1) that
        # other clients accept, and those should read as refused, not merely invalid.
        parsed, parse_error = None, exc
    connect_host = parsed.raw_host.decode("ascii") if parsed is not None else url_host
    try:
        checked = checked_addresses(url, url_host, connect_host, port, resolver, allow_hosts)
    except GuardRefusal as refusal:
        raise FetchError(refusal.error_class, refusal.message) from refusal
    if parsed is None:
        raise FetchError("invalid_url", f"{url}: {parse_error}")
    return Target(parsed, connect_host, port, canonical_host(url), tuple(checked))


class PinnedBackend(httpcore.SyncBackend):
    """An httpcore network backend that dials only addresses the guard approved.

    The approval is per thread (httpcore's sync pool connects in the calling thread) and
    keyed by (host, port) as httpcore asks for it. It never resolves a name itself, so a
    DNS answer that changes between the check and the connect (rebinding) cannot move the
    connection; a host with no approval fails closed. TLS SNI and Host stay the name.

    The deadline is per thread too (within_deadline): every connect, read and write of the
    thread's request is cut to what is left of it."""

    def __init__(self) -> None:
        super().__init__()
        self._approved = threading.local()
        self._deadlines = threading.local()

    @contextmanager
    def within_deadline(self, deadline: Deadline) -> Iterator[None]:
        self._deadlines.current = deadline
        try:
            yield
        finally:
            self._deadlines.current = None

    def current_deadline(self) -> Deadline | None:
        deadline: Deadline | None = getattr(self._deadlines, "current", None)
        return deadline

    def approve(self, host: str, port: int, addresses: list[str]) -> None:
        table: dict[tuple[str, int], list[str]] = getattr(self._approved, "table", {})
        table[(host, port)] = list(addresses)
        self._approved.table = table

    def approved(self, host: str, port: int) -> list[str]:
        table: dict[tuple[str, int], list[str]] = getattr(self._approved, "table", {})
        return table.get((host, port), [])

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.approved(host, port)
        if not addresses:
            raise httpcore.ConnectError(f"no checked address for {host}:{port}; refusing to dial")
        last_error: httpcore.ConnectError | None = None
        for address in addresses:
            limit = bounded_timeout(self.current_deadline(), timeout, httpcore.ConnectTimeout)
            try:
                stream = super().connect_tcp(
                    address, port, limit, local_address, socket_options or []
                )
                return DeadlineStream(stream, self.current_deadline)
            except httpcore.ConnectError as exc:
                last_error = exc
        assert last_error is not None
        raise last_error


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying context for every Fetcher: loading the CA bundle costs ~30 ms."""
    return httpx.create_ssl_context(trust_env=False)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport, but its connection pool dials through PinnedBackend."""

    def __init__(self, backend: PinnedBackend) -> None:
        # HTTPTransport.__init__ only builds self._pool, and httpx cannot hand it a network
        # backend, so the pool is built here instead; test_netguard's pinning tests fail if
        # a new httpx stops sending requests through self._pool.
        self._pool = httpcore.ConnectionPool(
            ssl_context=_tls_context(),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=backend,
        )
