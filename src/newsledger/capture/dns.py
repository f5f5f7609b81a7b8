"""Name lookups for one Fetcher, that is one run: each host is asked once, with a time limit,
and its answer or failure is kept for the rest of the run.

getaddrinfo takes no timeout and cannot be interrupted, so each lookup runs in a daemon thread
of its own and callers wait for it only as long as they may; a host that gives no answer in
the lookup timeout is dead for the run, so its other URLs fail at once instead of each waiting.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from newsledger.capture.netguard import Resolver


class LookupTimeout(OSError):
    """No answer within the lookup timeout: the netguard reports it as a dns_error."""


class LookupCut(Exception):
    """The caller's own deadline ended before the answer came (the lookup goes on)."""


@dataclass
class _Lookup:
    done: threading.Event = field(default_factory=threading.Event)
    addresses: list[str] | None = None
    error: BaseException | None = None


class CachedResolver:
    """Wraps a Resolver: one lookup per (host, port) per instance, bounded by timeout_s."""

    def __init__(self, resolver: Resolver, timeout_s: float) -> None:
        self._resolver = resolver
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        self._lookups: dict[tuple[str, int], _Lookup] = {}

    def resolve(self, host: str, port: int, budget_s: float | None = None) -> list[str]:
        """The host's addresses; raises what the resolver raised, LookupTimeout when it gave
        no answer within timeout_s, or LookupCut when budget_s (the caller's remaining
        deadline, if shorter) ran out first."""
        key = (host, port)
        with self._lock:
            lookup = self._lookups.get(key)
            if lookup is None:
                lookup = self._lookups[key] = _Lookup()
                threading.Thread(
                    target=self._run, args=(key, lookup), name=f"dns {host}", daemon=True
                ).start()
        wait_s = self._timeout_s if budget_s is None else min(self._timeout_s, budget_s)
        if not lookup.done.wait(max(0.0, wait_s)):
            if wait_s < self._timeout_s:
                raise LookupCut(f"no answer for {host} before the deadline")
            self._give_up(lookup, host)
        if lookup.error is not None:
            raise lookup.error
        assert lookup.addresses is not None
        return list(lookup.addresses)

    def _run(self, key: tuple[str, int], lookup: _Lookup) -> None:
        addresses: list[str] | None = None
        error: Exception | None = None
        try:
            addresses = self._resolver(*key)
        except Exception as exc:  # handed to every caller as it is
            error = exc
        with self._lock:
            if lookup.done.is_set():  # given up on: dead for the run
                return
            lookup.addresses, lookup.error = addresses, error
            lookup.done.set()

    def _give_up(self, lookup: _Lookup, host: str) -> None:
        with self._lock:
            if not lookup.done.is_set():
                lookup.error = LookupTimeout(f"no answer within {self._timeout_s:g}s")
                lookup.done.set()
