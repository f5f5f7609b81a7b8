"""Per-host politeness: at most N requests in flight to a host, a minimum gap between their
starts, first come first served, a pause after a 429 for as long as Retry-After asks, and the
host key they share.
"""

from __future__ import annotations

import email.utils
import math
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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


@dataclass
class _HostQueue:
    """One host's line: who waits (first come, first served), how many are in flight, the
    earliest moment the next request may start, and this host's own limits if it has any."""

    waiting: deque[object] = field(default_factory=deque)
    in_flight: int = 0
    next_start: float | None = None
    concurrency: int | None = None
    min_gap_s: float | None = None


class HostGates:
    """At most N requests in flight per host and a minimum gap between their starts, served
    strictly in arrival order per host.

    First come, first served matters: a thread that has just finished a quick 304 must not
    take the slot again ahead of threads already waiting (a lock or semaphore lets it), or a
    few requests wait for the whole run. Per-host limits (limit()) override the defaults."""

    def __init__(self, concurrency: int, min_gap_s: float, clock: Clock, sleep: Sleep) -> None:
        self._concurrency = max(1, concurrency)
        self._min_gap_s = min_gap_s
        self._clock = clock
        self._sleep = sleep
        self._changed = threading.Condition()
        self._hosts: dict[str, _HostQueue] = {}

    def _host(self, host: str) -> _HostQueue:
        return self._hosts.setdefault(host, _HostQueue())

    def limit(self, host: str, concurrency: int | None, min_gap_s: float | None) -> None:
        """This host's own limits instead of the defaults (None keeps a default); asked twice
        for one host (two feeds on one site), the stricter value of each holds."""
        with self._changed:
            queue = self._host(host)
            if concurrency is not None:
                queue.concurrency = max(1, min(concurrency, queue.concurrency or concurrency))
            if min_gap_s is not None:
                queue.min_gap_s = max(min_gap_s, queue.min_gap_s or 0.0)
            self._changed.notify_all()

    def limits(self, host: str) -> tuple[int, float]:
        """(concurrency, min_gap_s) in force for this host."""
        with self._changed:
            queue = self._hosts.get(host) or _HostQueue()
            return self._limits_of(queue)

    def _limits_of(self, queue: _HostQueue) -> tuple[int, float]:
        concurrency = queue.concurrency if queue.concurrency is not None else self._concurrency
        gap = queue.min_gap_s if queue.min_gap_s is not None else self._min_gap_s
        return concurrency, gap

    def waiting(self, host: str) -> int:
        """How many requests are queued for this host (not yet in flight)."""
        with self._changed:
            queue = self._hosts.get(host)
            return len(queue.waiting) if queue else 0

    def acquire(self, host: str) -> None:
        """Returns once this request may start: first in its host's line, a slot free, and
        the gap since the previous start kept. Pair with release()."""
        ticket = object()
        with self._changed:
            queue = self._host(host)
            queue.waiting.append(ticket)
            try:
                while queue.waiting[0] is not ticket or (
                    queue.in_flight >= self._limits_of(queue)[0]
                ):
                    self._changed.wait()
            except BaseException:
                queue.waiting.remove(ticket)
                self._changed.notify_all()
                raise
            queue.waiting.popleft()
            queue.in_flight += 1
            now = self._clock()
            start = max(now, queue.next_start if queue.next_start is not None else now)
            queue.next_start = start + self._limits_of(queue)[1]
            # The next in line may already fit (concurrency above 1).
            self._changed.notify_all()
        if start > now:
            self._sleep(start - now)

    def release(self, host: str) -> None:
        with self._changed:
            self._host(host).in_flight -= 1
            self._changed.notify_all()

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        self.acquire(host)
        try:
            yield
        finally:
            self.release(host)

    def pause(self, host: str, seconds: float) -> None:
        """No request to this host starts for `seconds` from now (after a 429)."""
        with self._changed:
            queue = self._host(host)
            until = self._clock() + seconds
            queue.next_start = max(
                queue.next_start if queue.next_start is not None else until, until
            )
