"""The total deadline of one fetch attempt and the socket stream that enforces it: the clock
runs through DNS, connect, headers and body, and stands still while the request waits its turn.

httpx's timeouts bound each socket operation, so a server that drips its headers a line a second
never trips them; DeadlineStream bounds every read and write by what is left of the deadline.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpcore


class Deadline:
    """`seconds` from now on a monotonic clock, minus nothing spent inside paused()."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.perf_counter) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds
        self._paused_at: float | None = None

    def remaining(self) -> float:
        """Seconds left (negative once passed); frozen while paused."""
        now = self._paused_at if self._paused_at is not None else self._clock()
        return self._end - now

    def expired(self) -> bool:
        return self.remaining() <= 0

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Time inside does not count: waiting in the host's queue, asking for robots.txt."""
        if self._paused_at is not None:
            yield
            return
        self._paused_at = self._clock()
        try:
            yield
        finally:
            self._end += self._clock() - self._paused_at
            self._paused_at = None


def bounded_timeout(
    deadline: Deadline | None, timeout: float | None, error: type[Exception]
) -> float | None:
    """The per-operation timeout cut to what is left of the deadline; raises `error` (an
    httpcore timeout, so httpx reports it as a timeout) once nothing is left."""
    if deadline is None:
        return timeout
    left = deadline.remaining()
    if left <= 0:
        raise error(f"total deadline of {deadline.seconds:g}s passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation is bounded by the calling thread's deadline.

    `current` is looked up on each call, not when the connection was made: a kept-alive
    connection serves later requests, each with its own deadline, from any thread."""

    def __init__(
        self, stream: httpcore.NetworkStream, current: Callable[[], Deadline | None]
    ) -> None:
        self._stream = stream
        self._current = current

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        limit = bounded_timeout(self._current(), timeout, httpcore.ReadTimeout)
        return self._stream.read(max_bytes, limit)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        limit = bounded_timeout(self._current(), timeout, httpcore.WriteTimeout)
        self._stream.write(buffer, limit)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        limit = bounded_timeout(self._current(), timeout, httpcore.ConnectTimeout)
        return DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, limit), self._current
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)
