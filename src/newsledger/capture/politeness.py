"""Per-host politeness: at most N requests in flight to a host, a minimum gap between their
starts, a pause after a 429 for as long as Retry-After asks, and the host key they share.
"""

from __future__ import annotations

import email.utils
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from urllib.parse import urlsplit

Clock = Callable[[], float]
Sleep = Callable[[float], None]


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


class HostGates:
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
