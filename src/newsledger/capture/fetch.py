"""The only module that touches the network: one HTTP policy for every fetch in newsledger.

Timeouts, retries, Retry-After, hand-followed redirects, size caps and conditional GET are
decided here; robots.txt (robots.py), per-host politeness (politeness.py), body decoding
(decoding.py), the address guard (netguard.py), the run's name lookups (dns.py) and the total
deadline (deadline.py) are applied here, on every hop.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from newsledger.capture.deadline import Deadline
from newsledger.capture.decoding import detect_encoding, read_body
from newsledger.capture.dns import CachedResolver, LookupCut
from newsledger.capture.fetch_errors import FetchError, transport_error
from newsledger.capture.netguard import (
    ALLOWED_SCHEMES,
    PinnedBackend,
    PinnedTransport,
    Resolver,
    Target,
    checked_target,
    default_resolver,
)
from newsledger.capture.politeness import (
    Clock,
    HostGates,
    Sleep,
    canonical_host,
    parse_retry_after,
)
from newsledger.capture.robots import RobotsRules

__all__ = [
    "FetchPolicy",
    "FetchRequest",
    "FetchResult",
    "Fetcher",
    "post_json",
]

# Retrying these can help: the server or the path to it may recover. 429 is retried too.
_RETRYABLE = frozenset({"timeout", "connect_error", "protocol_error", "http_5xx"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchPolicy:
    """Every knob of the HTTP policy; the sources file uses the same keys."""

    user_agent: str = "newsledger/0.1 (+https://example.invalid/newsledger)"
    # Opening a connection; a DNS lookup gets as long (and its answer is kept for the run).
    connect_timeout_s: float = 5.0
    # One attempt (every redirect hop: DNS, connect, headers and the whole body) must finish
    # within this; time spent waiting for the host's turn (politeness) does not count.
    total_timeout_s: float = 20.0
    max_retries: int = 2
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    retry_after_max_s: float = 60.0
    max_body_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_min_gap_s: float = 1.0
    # Fetches in flight at once in fetch_many; None leaves it to the caller.
    max_workers: int | None = None
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


# --- the fetcher -----------------------------------------------------------------------------


class Fetcher:
    """Fetches URLs under one FetchPolicy; never raises for network or HTTP problems.

    Thread-safe: fetch_many runs fetches on a thread pool sharing one connection pool,
    one robots cache, one DNS cache and one set of per-host gates. Make one per run: names
    are resolved once per Fetcher. clock/sleep are injectable so tests can see every
    politeness wait without waiting."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        resolver: Resolver = default_resolver,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._dns = CachedResolver(resolver, self.policy.connect_timeout_s)
        self._clock = clock
        self._sleep = sleep
        self._backend = PinnedBackend()
        self._last_response = threading.local()
        self._client = httpx.Client(
            transport=PinnedTransport(self._backend),
            follow_redirects=False,
            trust_env=False,
            event_hooks={"response": [self._remember_response]},
            headers={
                "User-Agent": self.policy.user_agent,
                "Accept": "*/*",
                # Only codings read_body can undo under the size cap.
                "Accept-Encoding": "gzip, deflate",
            },
        )
        self._gates = HostGates(
            self.policy.per_host_concurrency, self.policy.per_host_min_gap_s, clock, sleep
        )
        self._robots = RobotsRules(
            self.policy.user_agent, self.policy.robots_ttl_s, self._fetch_robots_txt, clock
        )

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
        """Fetches on a thread pool; results in the order of `requests`.

        The policy's max_workers, when set (the sources file's [fetch] max_workers), wins
        over the caller's."""
        if not requests:
            return []
        workers = self.policy.max_workers or max_workers
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            return list(pool.map(lambda r: self.fetch(r.url, r.etag, r.last_modified), requests))

    def limit_host(self, url: str, concurrency: int | None, min_gap_s: float | None) -> None:
        """Politeness of its own for the host of `url` (a feed's per_host_* settings); None
        keeps the policy's value, and of two limits for one host the stricter holds."""
        self._gates.limit(canonical_host(url), concurrency, min_gap_s)

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

    def _fetch_robots_txt(self, url: str) -> FetchResult:
        return self._fetch(url, None, None, check_robots=False)

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
        deadline = Deadline(self.policy.total_timeout_s)
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
        except FetchError as exc:
            walk.error_class, walk.error_message = exc.error_class, exc.message
        return walk

    def _next_hop(self, current: str, location: str, walk: _Walk, visited: set[str]) -> str:
        if len(walk.redirects) >= self.policy.max_redirects:
            raise FetchError(
                "too_many_redirects",
                f"{walk.redirects[0] if walk.redirects else current}: more than "
                f"{self.policy.max_redirects} redirects (last to {location})",
            )
        try:
            # urljoin keeps hosts httpx would reject (0177.0.0.1) for the guard to judge.
            target = urljoin(current, location.strip())
        except ValueError as exc:
            raise FetchError(
                "invalid_url", f"{current}: bad redirect to {location!r} ({exc})"
            ) from exc
        if target in visited:
            raise FetchError("redirect_loop", f"{current}: redirect loop back to {target}")
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
        deadline: Deadline,
    ) -> str | None:
        """Sends one GET and fills `walk`; returns the Location to follow, if any.

        The deadline covers the DNS lookup, connect, headers and body; it stands still while
        robots.txt is consulted (a fetch with its own deadline) and while the request waits
        for its host's turn."""
        target = self._checked_target(url, deadline)
        if check_robots:
            with deadline.paused():
                self._robots.check(url)
        with deadline.paused():
            self._gates.acquire(target.host_key)
        try:
            request = self._build_request(url, target, etag, last_modified, deadline)
            walk.request_headers = tuple(request.headers.multi_items())
            self._backend.approve(target.connect_host, target.port, list(target.addresses))
            with self._backend.within_deadline(deadline):
                return self._send(url, request, target, walk, deadline)
        finally:
            self._gates.release(target.host_key)

    def _checked_target(self, url: str, deadline: Deadline) -> Target:
        def resolve(host: str, port: int) -> list[str]:
            return self._dns.resolve(host, port, budget_s=deadline.remaining())

        try:
            return checked_target(url, resolve, self.policy.allow_hosts)
        except LookupCut as exc:
            raise FetchError(
                "timeout", f"{url}: timed out ({exc}, total {self.policy.total_timeout_s:g}s)"
            ) from exc

    def _build_request(
        self,
        url: str,
        target: Target,
        etag: str | None,
        last_modified: str | None,
        deadline: Deadline,
    ) -> httpx.Request:
        # Validators are echoed back as bytes: a stored one may hold non-ASCII characters.
        headers: dict[bytes, bytes] = {}
        if etag:
            headers[b"If-None-Match"] = etag.encode("utf-8")
        if last_modified:
            headers[b"If-Modified-Since"] = last_modified.encode("utf-8")
        remaining = deadline.remaining()
        if remaining <= 0:
            raise FetchError(
                "timeout", f"{url}: timed out (total {self.policy.total_timeout_s:g}s passed)"
            )
        # Per-operation ceilings; the backend also cuts each one to the deadline's remainder.
        timeout = httpx.Timeout(remaining, connect=min(self.policy.connect_timeout_s, remaining))
        return self._client.build_request("GET", target.url, headers=headers, timeout=timeout)

    def _remember_response(self, response: httpx.Response) -> None:
        # httpx parses a redirect's Location even when not following it, and raises on a
        # host it cannot parse (0177.0.0.1) before send() returns the response.
        self._last_response.status = response.status_code
        self._last_response.location = response.headers.get("location")

    def _send(
        self, url: str, request: httpx.Request, target: Target, walk: _Walk, deadline: Deadline
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
            raise transport_error(url, exc, reading_body=response is not None) from exc
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
        self, url: str, response: httpx.Response, walk: _Walk, deadline: Deadline
    ) -> None:
        status = response.status_code
        if 200 <= status < 300:
            ends_at = time.perf_counter() + deadline.remaining()
            walk.body = read_body(
                url, response, ends_at, self.policy.max_body_bytes, self.policy.total_timeout_s
            )
        elif 400 <= status < 500:
            raise FetchError("http_4xx", f"{url}: HTTP {status} {response.reason_phrase}")
        elif status >= 500:
            raise FetchError("http_5xx", f"{url}: HTTP {status} {response.reason_phrase}")
        elif status != 304:
            raise FetchError("protocol_error", f"{url}: HTTP {status} without a Location")


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
    if urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
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
