"""The only module that touches the network: one HTTP policy for every fetch in newsledger.

Timeouts, retries, Retry-After, hand-followed redirects, size caps, conditional GET,
robots.txt, per-host politeness and the address guard (netguard.py) are all decided here.
"""

from __future__ import annotations

import codecs
import email.utils
import functools
import hashlib
import json
import math
import random
import re
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import httpcore
import httpx
from protego import Protego

from newsledger.capture.netguard import (
    GuardRefusal,
    PinnedBackend,
    Resolver,
    checked_addresses,
    default_resolver,
)

__all__ = [
    "ERROR_CLASSES",
    "FetchPolicy",
    "FetchRequest",
    "FetchResult",
    "Fetcher",
    "Resolver",
    "canonical_host",
    "default_resolver",
    "detect_encoding",
    "parse_retry_after",
    "post_json",
]

ERROR_CLASSES: dict[str, str] = {
    "refused_scheme": "the URL's scheme is not http or https (javascript:, file:, data:, ftp:)",
    "refused_address": "the host is or resolves to a non-public address (private, loopback, "
    "link-local, multicast, reserved, unspecified, or one of those inside IPv6)",
    "dns_error": "the host name did not resolve to any address",
    "connect_error": "no TCP connection could be made, or it failed before a response arrived",
    "timeout": "connecting, waiting for or reading the response took longer than the policy allows",
    "tls_error": "the TLS handshake failed (bad certificate, or not a TLS server at all)",
    "redirect_loop": "a redirect pointed back at a URL already visited in this fetch",
    "too_many_redirects": "more redirects than the policy's max_redirects",
    "body_too_large": "the decoded body (or the announced Content-Length) exceeds max_body_bytes",
    "http_4xx": "the server answered with a 4xx status (429 included, after any retries)",
    "http_5xx": "the server answered with a 5xx status on every attempt",
    "robots_disallowed": "the host's robots.txt does not allow this URL for our user agent",
    "protocol_error": "the response broke HTTP or its encoding (dropped mid-body, bad chunking, "
    "bad gzip, redirect without Location)",
    "invalid_url": "the URL cannot be parsed (no host, bad port, malformed IP literal)",
}

# Retrying these can help: the server or the path to it may recover. 429 is retried too.
_RETRYABLE = frozenset({"timeout", "connect_error", "protocol_error", "http_5xx"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ALLOWED_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass(frozen=True)
class FetchPolicy:
    """Every knob of the HTTP policy; the sources file uses the same keys."""

    user_agent: str = "newsledger/0.1 (+https://example.invalid/newsledger)"
    connect_timeout_s: float = 5.0
    # One attempt (all its redirect hops and the whole body) must finish within this.
    total_timeout_s: float = 20.0
    max_retries: int = 2
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    retry_after_max_s: float = 60.0
    max_body_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_min_gap_s: float = 1.0
    pause_after_429_s: float = 30.0
    respect_robots: bool = True
    robots_ttl_s: float = 3600
    # Hosts (names or IPs, as written in URLs) that skip the address guard, e.g. test servers.
    allow_hosts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced; error_class (a key of ERROR_CLASSES) is None on success.

    ok: a 2xx whose body was read in full. not_modified: a 304 (no body). redirects: the
    URLs that answered with a redirect, in order; final_url is where the chain ended.
    attempts: how many times the whole chain was tried (1 + retries)."""

    url: str
    final_url: str
    status: int | None
    ok: bool
    not_modified: bool
    headers: tuple[tuple[str, str], ...]
    request_headers: tuple[tuple[str, str], ...]
    body: bytes
    content_type: str | None
    encoding: str | None
    elapsed_ms: float
    fetched_at: datetime
    etag: str | None
    last_modified: str | None
    body_sha256: str | None
    redirects: tuple[str, ...]
    attempts: int
    error_class: str | None
    error_message: str | None
    http_version: str

    def header(self, name: str) -> str | None:
        """The first response header with this name (case-insensitive)."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def text(self) -> str:
        """The body decoded with the detected encoding; undecodable bytes become U+FFFD."""
        codec = self.encoding or "utf-8"
        # utf-8-sig drops a byte-order mark, which is not part of the text.
        return self.body.decode("utf-8-sig" if codec == "utf-8" else codec, errors="replace")


class _FetchError(Exception):
    def __init__(self, error_class: str, message: str) -> None:
        # One line, whatever the underlying library put in its message.
        message = " ".join(message.split())
        super().__init__(message)
        self.error_class = error_class
        self.message = message


@dataclass
class _Walk:
    """One attempt: the redirect chain from the asked URL to a final answer or an error."""

    final_url: str
    status: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    request_headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    http_version: str = ""
    redirects: list[str] = field(default_factory=list)
    error_class: str | None = None
    error_message: str | None = None
    retry_after_s: float | None = None


@dataclass(frozen=True)
class _Target:
    url: httpx.URL
    connect_host: str
    port: int
    host_key: str
    addresses: tuple[str, ...]


def canonical_host(url: str) -> str:
    """The lowercase ASCII host of a URL without a trailing dot: the key for politeness."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return _seconds_until(value, now)
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _seconds_until(http_date: str, now: datetime) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(http_date)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


# --- encodings -------------------------------------------------------------------------------

# Labels browsers read differently from Python's codec of the same name (WHATWG Encoding).
_WHATWG_LABELS = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
}
_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _codec_name(label: str | bytes | None) -> str | None:
    if not label:
        return None
    text = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    text = _WHATWG_LABELS.get(text.strip().lower(), text.strip())
    try:
        return codecs.lookup(text).name
    except LookupError:
        return None


def _declared_in_document(body: bytes) -> str | None:
    head = body[:4096]
    found = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return _codec_name(found.group(1)) if found else None


def _decodes_cleanly(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_textual(content_type: str | None) -> bool:
    if content_type is None:
        return True
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or any(w in kind for w in ("xml", "json", "html", "script"))


def _mostly_utf8(body: bytes) -> bool:
    lenient = body.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    return bad * 50 <= len(lenient)


def detect_encoding(body: bytes, content_type: str | None) -> str | None:
    """The body's text encoding as a Python codec name, None for non-text bodies.

    A byte-order mark wins; then the header's charset, then <meta charset> or the XML
    declaration, each only if the body really decodes with it (pages often declare one
    encoding and are served in another); then charset detection."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return bom_codec
    header_match = _CHARSET_PARAM.search((content_type or "").encode("latin-1", "ignore"))
    header_codec = _codec_name(header_match.group(1)) if header_match else None
    document_codec = _declared_in_document(body) if body else None
    for codec in (header_codec, document_codec):
        if codec is not None and (not body or _decodes_cleanly(body, codec)):
            return codec
    if not body or not _is_textual(content_type):
        return None
    # Declared UTF-8 that is almost all valid UTF-8 is UTF-8 with a few bad bytes, not
    # another encoding: a guess would turn every accented letter into mojibake.
    if "utf-8" in (header_codec, document_codec) and _mostly_utf8(body):
        return "utf-8"
    best = charset_normalizer.from_bytes(body).best()
    return _codec_name(best.encoding) if best is not None else None


# --- content decoding with a cap -------------------------------------------------------------


class _CappedDecoder:
    """Undoes Content-Encoding a chunk at a time, never producing more than it is allowed,
    so a gzip bomb stops at the cap instead of filling memory (httpx's decoders are unbounded).
    """

    def __init__(self, url: str, content_encoding: str) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if codings not in ([], ["gzip"], ["x-gzip"], ["deflate"]):
            raise _FetchError(
                "protocol_error", f"{url}: unsupported Content-Encoding {content_encoding!r}"
            )
        self._url = url
        self._coding = codings[0] if codings else None
        # gzip: wbits 16+; deflate should be zlib-wrapped but is often raw, tried on failure.
        wbits = 16 + zlib.MAX_WBITS if self._coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits) if self._coding else None
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        """At most `room` decoded bytes from this chunk (room reached means over the cap)."""
        if self._inflater is None:
            return data
        try:
            out = self._inflate(data, room)
        except zlib.error as exc:
            raise _FetchError(
                "protocol_error", f"{self._url}: bad {self._coding} body ({exc})"
            ) from exc
        self._started = self._started or bool(data)
        return out

    def _inflate(self, data: bytes, room: int) -> bytes:
        assert self._inflater is not None
        try:
            return self._inflater.decompress(data, room)
        except zlib.error:
            if self._coding != "deflate" or self._started:
                raise
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflater.decompress(data, room)

    def finish(self) -> None:
        if self._inflater is not None and self._started and not self._inflater.eof:
            raise _FetchError("protocol_error", f"{self._url}: {self._coding} body is truncated")


# --- per-host politeness ---------------------------------------------------------------------


class _HostGates:
    """At most N requests in flight per host and a minimum gap between their starts."""

    def __init__(self, concurrency: int, min_gap_s: float, clock: Clock, sleep: Sleep) -> None:
        self._concurrency = max(1, concurrency)
        self._min_gap_s = min_gap_s
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        with slot:
            self._wait_to_start(host)
            yield

    def _wait_to_start(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._min_gap_s
        if start > now:
            self._sleep(start - now)

    def pause(self, host: str, seconds: float) -> None:
        """No request to this host starts for `seconds` from now (after a 429)."""
        with self._lock:
            until = self._clock() + seconds
            self._next_start[host] = max(self._next_start.get(host, until), until)


# --- transport -------------------------------------------------------------------------------


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying context for every Fetcher: loading the CA bundle costs ~30 ms."""
    return httpx.create_ssl_context(trust_env=False)


class _PinnedTransport(httpx.HTTPTransport):
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


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _transport_error(url: str, exc: httpx.HTTPError, reading_body: bool) -> _FetchError:
    """Maps an httpx exception to one of ERROR_CLASSES with a one-line message."""
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return _FetchError("timeout", f"{url}: timed out ({type(exc).__name__}: {reason})")
    if isinstance(exc, httpx.ConnectError) and _is_tls_failure(exc):
        return _FetchError("tls_error", f"{url}: TLS handshake failed ({reason})")
    if isinstance(exc, httpx.ProtocolError | httpx.DecodingError) or (
        reading_body and isinstance(exc, httpx.NetworkError)
    ):
        return _FetchError("protocol_error", f"{url}: broken response ({reason})")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return _FetchError("refused_scheme", f"{url}: unsupported scheme ({reason})")
    if isinstance(exc, httpx.InvalidURL):
        return _FetchError("invalid_url", f"{url}: invalid URL ({reason})")
    return _FetchError("connect_error", f"{url}: connection failed ({reason})")


# --- the fetcher -----------------------------------------------------------------------------


class Fetcher:
    """Fetches URLs under one FetchPolicy; never raises for network or HTTP problems.

    Thread-safe: fetch_many runs fetches on a thread pool sharing one connection pool,
    one robots cache and one set of per-host gates. clock/sleep are injectable so tests
    can see every wait without waiting."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        resolver: Resolver = default_resolver,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._resolver = resolver
        self._clock = clock
        self._sleep = sleep
        self._backend = PinnedBackend()
        self._last_response = threading.local()
        self._client = httpx.Client(
            transport=_PinnedTransport(self._backend),
            follow_redirects=False,
            trust_env=False,
            event_hooks={"response": [self._remember_response]},
            headers={
                "User-Agent": self.policy.user_agent,
                "Accept": "*/*",
                # Only codings _CappedDecoder can undo under the size cap.
                "Accept-Encoding": "gzip, deflate",
            },
        )
        self._gates = _HostGates(
            self.policy.per_host_concurrency, self.policy.per_host_min_gap_s, clock, sleep
        )
        self._robots: dict[str, tuple[Protego | bool, FetchResult, float]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_guard = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET one URL under the policy; a problem comes back as error_class, not an exception."""
        return self._fetch(url, etag, last_modified, self.policy.respect_robots)

    def fetch_many(self, requests: Sequence[FetchRequest], max_workers: int) -> list[FetchResult]:
        """Fetches on a thread pool; results in the order of `requests`."""
        if not requests:
            return []
        with ThreadPoolExecutor(max_workers=max(1, max_workers)) as pool:
            return list(pool.map(lambda r: self.fetch(r.url, r.etag, r.last_modified), requests))

    # --- one fetch: attempts ------------------------------------------------------------------

    def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, check_robots: bool
    ) -> FetchResult:
        fetched_at = datetime.now(UTC)
        started = time.perf_counter()
        attempts = 0
        while True:
            attempts += 1
            walk = self._walk(url, etag, last_modified, check_robots)
            delay = self._retry_delay(walk, attempts)
            if delay is None or attempts > self.policy.max_retries:
                break
            self._sleep(delay)
        elapsed_ms = (time.perf_counter() - started) * 1000
        return _result(url, walk, attempts, fetched_at, elapsed_ms)

    def _retry_delay(self, walk: _Walk, attempt: int) -> float | None:
        """Seconds before the next attempt, or None when this outcome is not worth retrying."""
        if walk.error_class not in _RETRYABLE and walk.status != 429:
            return None
        if walk.retry_after_s is not None and walk.status in (429, 503):
            return min(walk.retry_after_s, self.policy.retry_after_max_s)
        # Exponential back-off with full jitter (AWS architecture blog's recommendation).
        ceiling = min(self.policy.backoff_max_s, self.policy.backoff_base_s * 2 ** (attempt - 1))
        return random.uniform(0, ceiling)

    # --- one attempt: the redirect chain ------------------------------------------------------

    def _walk(
        self, url: str, etag: str | None, last_modified: str | None, check_robots: bool
    ) -> _Walk:
        walk = _Walk(final_url=url)
        deadline = time.perf_counter() + self.policy.total_timeout_s
        visited = {url}
        current = url
        try:
            while True:
                location = self._exchange(
                    current, etag, last_modified, check_robots, walk, deadline
                )
                if location is None:
                    return walk
                current = self._next_hop(current, location, walk, visited)
        except _FetchError as exc:
            walk.error_class, walk.error_message = exc.error_class, exc.message
        return walk

    def _next_hop(self, current: str, location: str, walk: _Walk, visited: set[str]) -> str:
        if len(walk.redirects) >= self.policy.max_redirects:
            raise _FetchError(
                "too_many_redirects",
                f"{walk.redirects[0] if walk.redirects else current}: more than "
                f"{self.policy.max_redirects} redirects (last to {location})",
            )
        try:
            # urljoin keeps hosts httpx would reject (0177.0.0.1) for the guard to judge.
            target = urljoin(current, location.strip())
        except ValueError as exc:
            raise _FetchError(
                "invalid_url", f"{current}: bad redirect to {location!r} ({exc})"
            ) from exc
        if target in visited:
            raise _FetchError("redirect_loop", f"{current}: redirect loop back to {target}")
        visited.add(target)
        walk.redirects.append(current)
        walk.final_url = target
        return target

    # --- one hop ------------------------------------------------------------------------------

    def _exchange(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        check_robots: bool,
        walk: _Walk,
        deadline: float,
    ) -> str | None:
        """Sends one GET and fills `walk`; returns the Location to follow, if any."""
        target = self._checked_target(url)
        if check_robots:
            self._check_robots(url)
        request = self._build_request(target, etag, last_modified, deadline)
        walk.request_headers = tuple(request.headers.multi_items())
        with self._gates.turn(target.host_key):
            self._backend.approve(target.connect_host, target.port, list(target.addresses))
            return self._send(url, request, target, walk, deadline)

    def _checked_target(self, url: str) -> _Target:
        """Scheme, URL and address checks; the addresses returned are the only ones dialled."""
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise _FetchError("invalid_url", f"{url}: {exc}") from exc
        scheme = parts.scheme.lower()
        if not scheme:
            raise _FetchError("invalid_url", f"{url!r}: not an absolute URL")
        if scheme not in _ALLOWED_SCHEMES:
            raise _FetchError("refused_scheme", f"{url[:200]}: scheme {scheme}: is not http(s)")
        try:
            url_host, port = parts.hostname, parts.port or _DEFAULT_PORTS[scheme]
        except ValueError as exc:
            raise _FetchError("invalid_url", f"{url}: {exc}") from exc
        if not url_host:
            raise _FetchError("invalid_url", f"{url}: no host")
        try:
            parsed: httpx.URL | None = httpx.URL(url)
        except httpx.InvalidURL as exc:
            # Judged by the guard first: httpx rejects some IP literals (0177.0.0.1) that
            # other clients accept, and those should read as refused, not merely invalid.
            parsed, parse_error = None, exc
        connect_host = parsed.raw_host.decode("ascii") if parsed is not None else url_host
        try:
            checked = checked_addresses(
                url, url_host, connect_host, port, self._resolver, self.policy.allow_hosts
            )
        except GuardRefusal as refusal:
            raise _FetchError(refusal.error_class, refusal.message) from refusal
        if parsed is None:
            raise _FetchError("invalid_url", f"{url}: {parse_error}")
        return _Target(parsed, connect_host, port, canonical_host(url), tuple(checked))

    def _build_request(
        self, target: _Target, etag: str | None, last_modified: str | None, deadline: float
    ) -> httpx.Request:
        # Validators are echoed back as bytes: a stored one may hold non-ASCII characters.
        headers: dict[bytes, bytes] = {}
        if etag:
            headers[b"If-None-Match"] = etag.encode("utf-8")
        if last_modified:
            headers[b"If-Modified-Since"] = last_modified.encode("utf-8")
        remaining = max(0.001, deadline - time.perf_counter())
        timeout = httpx.Timeout(remaining, connect=min(self.policy.connect_timeout_s, remaining))
        return self._client.build_request("GET", target.url, headers=headers, timeout=timeout)

    def _remember_response(self, response: httpx.Response) -> None:
        # httpx parses a redirect's Location even when not following it, and raises on a
        # host it cannot parse (0177.0.0.1) before send() returns the response.
        self._last_response.status = response.status_code
        self._last_response.location = response.headers.get("location")

    def _send(
        self, url: str, request: httpx.Request, target: _Target, walk: _Walk, deadline: float
    ) -> str | None:
        response: httpx.Response | None = None
        self._last_response.location = None
        try:
            response = self._client.send(request, stream=True)
            self._record_response(response, walk, target.host_key)
            location = response.headers.get("location")
            if response.status_code in _REDIRECT_STATUSES and location:
                return location
            self._finish_response(url, response, walk, deadline)
            return None
        except httpx.HTTPError as exc:
            location = self._last_response.location
            if response is None and location and "location header" in str(exc).lower():
                # Hand the raw Location to the next hop, where the guard judges its host.
                return str(location)
            # Once headers have arrived, a broken connection is a broken response.
            raise _transport_error(url, exc, reading_body=response is not None) from exc
        finally:
            if response is not None:
                response.close()

    def _record_response(self, response: httpx.Response, walk: _Walk, host: str) -> None:
        walk.status = response.status_code
        walk.headers = tuple(response.headers.multi_items())
        walk.http_version = response.http_version
        walk.body = b""
        walk.retry_after_s = parse_retry_after(
            response.headers.get("retry-after"), datetime.now(UTC)
        )
        if response.status_code == 429:
            # Every later request to the host waits at its gate, this one's retry included.
            pause = max(self.policy.pause_after_429_s, self._capped_retry_after(walk))
            self._gates.pause(host, pause)

    def _capped_retry_after(self, walk: _Walk) -> float:
        return min(walk.retry_after_s or 0.0, self.policy.retry_after_max_s)

    def _finish_response(
        self, url: str, response: httpx.Response, walk: _Walk, deadline: float
    ) -> None:
        status = response.status_code
        if 200 <= status < 300:
            walk.body = self._read_body(url, response, deadline)
        elif 400 <= status < 500:
            raise _FetchError("http_4xx", f"{url}: HTTP {status} {response.reason_phrase}")
        elif status >= 500:
            raise _FetchError("http_5xx", f"{url}: HTTP {status} {response.reason_phrase}")
        elif status != 304:
            raise _FetchError("protocol_error", f"{url}: HTTP {status} without a Location")

    def _read_body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """The decoded body, stopping as soon as it passes max_body_bytes or the deadline."""
        limit = self.policy.max_body_bytes
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > limit:
            raise _FetchError(
                "body_too_large", f"{url}: Content-Length {announced} exceeds {limit} bytes"
            )
        decoder = _CappedDecoder(url, response.headers.get("content-encoding", ""))
        parts: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            chunk = decoder.decode(raw, limit - size + 1)
            size += len(chunk)
            if size > limit:
                raise _FetchError("body_too_large", f"{url}: body exceeds {limit} bytes decoded")
            parts.append(chunk)
            if time.perf_counter() > deadline:
                raise _FetchError(
                    "timeout", f"{url}: body not complete in {self.policy.total_timeout_s}s"
                )
        decoder.finish()
        return b"".join(parts)

    # --- robots.txt ---------------------------------------------------------------------------

    def _agent_token(self) -> str:
        return self.policy.user_agent.split("/", 1)[0].split()[0]

    def _check_robots(self, url: str) -> None:
        """Raises robots_disallowed, or the robots.txt fetch's own error when the host could
        not be reached at all (a TLS or DNS failure says more than "disallowed")."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"
        with self._robots_guard:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        # One robots.txt fetch per origin at a time; the others wait for its verdict.
        with lock:
            rules, robots_result = self._robots_rules(origin)
        if rules is True or (
            not isinstance(rules, bool) and rules.can_fetch(url, self.policy.user_agent)
        ):
            return
        if robots_result.status is None and robots_result.error_class is not None:
            raise _FetchError(
                robots_result.error_class,
                f"{url}: robots.txt unreachable, so {origin} is skipped for "
                f"{self.policy.robots_ttl_s:g}s ({robots_result.error_message})",
            )
        why = "disallows it" if robots_result.ok else f"answered HTTP {robots_result.status}"
        raise _FetchError(
            "robots_disallowed", f"{url}: robots.txt of {origin} {why} for {self._agent_token()}"
        )

    def _robots_rules(self, origin: str) -> tuple[Protego | bool, FetchResult]:
        cached = self._robots.get(origin)
        if cached is not None and cached[2] > self._clock():
            return cached[0], cached[1]
        result = self._fetch(origin + "/robots.txt", None, None, check_robots=False)
        rules = _robots_verdict(result)
        self._robots[origin] = (rules, result, self._clock() + self.policy.robots_ttl_s)
        return rules, result


def _robots_verdict(result: FetchResult) -> Protego | bool:
    """Rules from a robots.txt fetch, or True (allow all) / False (disallow all).

    Google's convention: a 4xx means there are no rules (allow all); a 5xx, a 429 or a
    network failure means the site may be in trouble, so nothing is fetched from it until
    the entry expires (robots_ttl_s)."""
    if result.ok:
        return Protego.parse(result.body.decode("utf-8", errors="replace"))
    return result.status is not None and 400 <= result.status < 500 and result.status != 429


def _result(
    url: str, walk: _Walk, attempts: int, fetched_at: datetime, elapsed_ms: float
) -> FetchResult:
    headers = httpx.Headers(list(walk.headers))
    ok = walk.error_class is None and walk.status is not None and 200 <= walk.status < 300
    content_type = headers.get("content-type")
    body = walk.body if ok else b""
    return FetchResult(
        url=url,
        final_url=walk.final_url,
        status=walk.status,
        ok=ok,
        not_modified=walk.error_class is None and walk.status == 304,
        headers=walk.headers,
        request_headers=walk.request_headers,
        body=body,
        content_type=content_type,
        encoding=detect_encoding(body, content_type) if ok else None,
        elapsed_ms=elapsed_ms,
        fetched_at=fetched_at,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        body_sha256=hashlib.sha256(body).hexdigest() if ok else None,
        redirects=tuple(walk.redirects),
        attempts=attempts,
        error_class=walk.error_class,
        error_message=walk.error_message,
        http_version=walk.http_version,
    )


def post_json(
    url: str,
    payload: dict[str, Any],
    timeout_s: float,
    max_retries: int,
    *,
    user_agent: str = FetchPolicy.user_agent,
    sleep: Sleep = time.sleep,
) -> bool:
    """POSTs a JSON body (webhooks); True once a 2xx comes back, False after the retries.

    No address guard: the URL is the operator's own configuration (often a relay on the
    local network), not something a feed handed us. 429, 5xx and transport errors are
    retried with full-jitter back-off; other statuses are final."""
    if urlsplit(url).scheme.lower() not in _ALLOWED_SCHEMES:
        return False
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": user_agent}
    with httpx.Client(timeout=timeout_s, trust_env=False, follow_redirects=False) as client:
        for attempt in range(max(0, max_retries) + 1):
            if attempt:
                sleep(random.uniform(0, min(30.0, 0.5 * 2 ** (attempt - 1))))
            try:
                status = client.post(url, content=body, headers=headers).status_code
            except httpx.HTTPError:
                continue
            if 200 <= status < 300:
                return True
            if status != 429 and status < 500:
                return False
    return False
