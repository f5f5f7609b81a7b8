"""The total deadline: it covers DNS, connect, headers and body, and not the wait for a host's
turn; name lookups are bounded and asked once per run (one Fetcher).

The server sets the pace (a header line every half second, a gap between starts); the tests
assert on the classification and on what the server or resolver saw, never on a tight clock.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from newsledger.capture.fetch import Fetcher, FetchRequest
from support.loopback import LoopbackServer, Reply, loopback_policy


def test_a_server_dripping_its_headers_is_cut_at_the_total_deadline(
    loopback_server: LoopbackServer,
) -> None:
    # 40 header lines half a second apart: the headers alone take the server 20 s.
    loopback_server.route_sequence(
        "/drip", [Reply(body=b"<p>late</p>", drip_headers=40, drip_gap_s=0.5)]
    )
    started = time.monotonic()
    with Fetcher(loopback_policy(total_timeout_s=2.0, max_retries=0)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/drip"))
    waited = time.monotonic() - started
    assert (result.error_class, result.ok, result.body, result.status) == (
        "timeout",
        False,
        b"",
        None,
    )
    assert (result.error_message or "").startswith(f"{loopback_server.url('/drip')}: timed out")
    # Cut long before the server would have finished (20 s): a wide margin, not a stopwatch.
    assert waited < 15


def test_time_waiting_for_the_hosts_turn_does_not_count_against_the_deadline(
    loopback_server: LoopbackServer,
) -> None:
    """One request at a time, 1 s between starts: the fifth waits 4 s in the host's queue,
    longer than the 2.5 s deadline, and must still get its page."""
    loopback_server.route("/page", body=b"<p>ok</p>")
    requests = [FetchRequest(loopback_server.url("/page")) for _ in range(5)]
    policy = loopback_policy(
        per_host_concurrency=1, per_host_min_gap_s=1.0, total_timeout_s=2.5, max_retries=0
    )
    with Fetcher(policy) as fetcher:
        results = fetcher.fetch_many(requests, max_workers=5)
    assert [(r.ok, r.error_class) for r in results] == [(True, None)] * 5


class BlockingResolver:
    """A resolver that answers for some names and hangs for the rest until released."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        self.release = threading.Event()

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host in self.answers:
            return [self.answers[host]]
        self.release.wait(timeout=20)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


@pytest.fixture
def hanging_dns() -> Iterator[BlockingResolver]:
    resolver = BlockingResolver({"news.test": "127.0.0.1"})
    yield resolver
    resolver.release.set()


def test_a_name_that_never_resolves_is_bounded_and_asked_once_per_run(
    loopback_server: LoopbackServer, hanging_dns: BlockingResolver
) -> None:
    loopback_server.route("/ok", body=b"fine")
    # 2 s a lookup: the dead one waits it out once; the live one's thread has ample time.
    policy = loopback_policy(
        allow_hosts=frozenset({"news.test", "dead.test"}), connect_timeout_s=2.0,
        total_timeout_s=30.0, max_retries=0,
    )  # fmt: skip
    urls = [f"http://dead.test/story/{i}" for i in range(3)]
    with Fetcher(policy, resolver=hanging_dns) as fetcher:
        dead = [fetcher.fetch(url) for url in urls]
        alive = fetcher.fetch(f"http://news.test:{loopback_server.port}/ok")
    assert not hanging_dns.release.is_set()  # every fetch returned while the lookup hung
    assert [(r.error_class, r.error_message) for r in dead] == [
        ("dns_error", f"{url}: cannot resolve dead.test (no answer within 2s)") for url in urls
    ]
    assert (alive.ok, alive.body) == (True, b"fine")
    assert hanging_dns.asked == ["dead.test", "news.test"]


def test_a_lookup_longer_than_the_deadline_is_a_timeout(hanging_dns: BlockingResolver) -> None:
    policy = loopback_policy(
        allow_hosts=frozenset({"dead.test"}), connect_timeout_s=30.0, total_timeout_s=0.5,
        max_retries=0,
    )  # fmt: skip
    with Fetcher(policy, resolver=hanging_dns) as fetcher:
        result = fetcher.fetch("http://dead.test/story")
    assert not hanging_dns.release.is_set()
    assert result.error_class == "timeout"
    assert (result.error_message or "").startswith("http://dead.test/story: timed out")


def test_a_name_that_fails_to_resolve_is_asked_once_per_run() -> None:
    asked: list[str] = []

    def failing(host: str, port: int) -> list[str]:
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    requests = [FetchRequest(f"http://gone.test/{i}") for i in range(4)]
    with Fetcher(loopback_policy(), resolver=failing) as fetcher:
        results = fetcher.fetch_many(requests, max_workers=4)
    assert [r.error_class for r in results] == ["dns_error"] * 4
    assert asked == ["gone.test"]
