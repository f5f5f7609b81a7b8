"""Retries, back-off, Retry-After and per-host politeness, seen through an injected clock."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from newsledger.capture.fetch import Fetcher, FetchRequest, FetchResult
from newsledger.capture.politeness import parse_retry_after
from support.loopback import LoopbackServer, Reply, loopback_policy


class FakeClock:
    """Time stands still except when the fetcher sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def fetcher_with(clock: FakeClock, **policy: object) -> Fetcher:
    return Fetcher(loopback_policy(**policy), clock=clock, sleep=clock.sleep)


@pytest.mark.parametrize("status", [400, 403, 404, 410])
def test_client_errors_are_not_retried(loopback_server: LoopbackServer, status: int) -> None:
    loopback_server.route("/x", status=status)
    clock = FakeClock()
    with fetcher_with(clock) as fetcher:
        result = fetcher.fetch(loopback_server.url("/x"))
    assert (result.error_class, result.status, result.attempts) == ("http_4xx", status, 1)
    assert (len(loopback_server.requests), clock.sleeps) == (1, [])


def test_server_error_then_success_is_retried(loopback_server: LoopbackServer) -> None:
    loopback_server.route_sequence("/x", [Reply(status=500), Reply(body=b"fine")])
    clock = FakeClock()
    with fetcher_with(clock, backoff_base_s=0.01) as fetcher:
        result = fetcher.fetch(loopback_server.url("/x"))
    assert (result.ok, result.status, result.body, result.attempts) == (True, 200, b"fine", 2)
    assert len(clock.sleeps) == 1 and 0 <= clock.sleeps[0] <= 0.01


def test_persistent_server_error_gives_up_after_max_retries(
    loopback_server: LoopbackServer,
) -> None:
    loopback_server.route("/x", status=502)
    clock = FakeClock()
    with fetcher_with(clock, max_retries=3, backoff_base_s=1.0, backoff_max_s=3.0) as fetcher:
        result = fetcher.fetch(loopback_server.url("/x"))
    assert (result.error_class, result.status, result.attempts) == ("http_5xx", 502, 4)
    assert result.error_message == f"{loopback_server.url('/x')}: HTTP 502 Bad Gateway"
    # Full jitter under a doubling ceiling: [0, 1], [0, 2], [0, 3 (capped)].
    assert [s <= ceiling for s, ceiling in zip(clock.sleeps, [1, 2, 3], strict=True)] == [True] * 3


@pytest.mark.parametrize(
    ("status", "retry_after", "slept"),
    [
        (429, "0.05", [0.05]),
        (503, "0.05", [0.05]),
        (429, "3600", [1.0]),  # capped by retry_after_max_s
        (503, "Thu, 01 Jan 1970 00:00:00 GMT", [0.0]),  # a date already past
    ],
)
def test_retry_after_is_honoured(
    loopback_server: LoopbackServer, status: int, retry_after: str, slept: list[float]
) -> None:
    busy = Reply(status=status, headers={"Retry-After": retry_after})
    loopback_server.route_sequence("/x", [busy, Reply(body=b"ok")])
    clock = FakeClock()
    with fetcher_with(clock, retry_after_max_s=1.0) as fetcher:
        result = fetcher.fetch(loopback_server.url("/x"))
    assert (result.ok, result.attempts, clock.sleeps) == (True, 2, slept)


def test_429_pauses_the_host_for_later_requests(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/busy", status=429)
    loopback_server.route("/other", body=b"ok")
    clock = FakeClock()
    with fetcher_with(clock, pause_after_429_s=30.0, max_retries=0) as fetcher:
        first = fetcher.fetch(loopback_server.url("/busy"))
        second = fetcher.fetch(loopback_server.url("/other"))
    assert (first.error_class, first.status, second.ok) == ("http_4xx", 429, True)
    assert clock.sleeps == [30.0]


def test_requests_to_one_host_keep_the_minimum_gap(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/x", body=b"ok")
    clock = FakeClock()
    with fetcher_with(clock, per_host_min_gap_s=2.0) as fetcher:
        results = [fetcher.fetch(loopback_server.url("/x")) for _ in range(3)]
    assert ([r.ok for r in results], clock.sleeps) == ([True] * 3, [2.0, 2.0])


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_per_host_concurrency_is_respected(loopback_server: LoopbackServer, limit: int) -> None:
    """The server holds every answer until `limit` requests are in flight (however long the
    machine takes to get there) and a moment more, so the count does not depend on speed."""
    release = threading.Event()
    loopback_server.route_sequence("/x", [Reply(body=b"ok", hold=release)])
    requests = [FetchRequest(loopback_server.url("/x")) for _ in range(6)]
    results: list[FetchResult] = []
    with Fetcher(loopback_policy(per_host_concurrency=limit, total_timeout_s=60)) as fetcher:
        worker = threading.Thread(target=lambda: results.extend(fetcher.fetch_many(requests, 6)))
        worker.start()
        deadline = time.monotonic() + 30
        while loopback_server.max_in_flight < limit and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # room for a request over the limit to show up, were one let through
        release.set()
        worker.join(timeout=60)
    assert [r.ok for r in results] == [True] * 6
    assert loopback_server.max_in_flight == limit


NOW = datetime(2024, 3, 5, 10, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("0.05", 0.05),
        ("120", 120.0),
        (" 7 ", 7.0),
        ("-5", 0.0),
        ("Tue, 05 Mar 2024 10:00:30 GMT", 30.0),
        ("Tue, 05 Mar 2024 09:00:00 GMT", 0.0),
        ("nan", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, NOW) == seconds
