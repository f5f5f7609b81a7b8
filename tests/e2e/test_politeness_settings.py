"""The sources file's politeness settings do what they say, seen from the server's side:
`[fetch] max_workers`, and a feed's own `per_host_concurrency` and `per_host_min_gap_s`.

Runs go through the fetcher the sources file makes (no test fetcher). Concurrency is counted
while the server holds every page until the expected number are in flight, so it does not
depend on the machine's speed; the gap is measured between arrivals with a wide margin.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsledger.capture.sources import SourcesConfig, parse_sources
from newsledger.runs.live import ingest_feeds, refetch_known
from newsledger.runs.options import LiveRunOptions
from support.bad_input import GOOD_PARAGRAPHS
from support.loopback import LoopbackServer, Reply
from support.newsroom import article_page, serve_feed


def publish(server: LoopbackServer, pages: int, hold: threading.Event | None = None) -> None:
    for i in range(pages):
        path = f"/story/{i}"
        page = article_page(f"Story {i}", (f"Story {i}.", *GOOD_PARAGRAPHS), server.url(path))
        server.route_sequence(path, [Reply(body=page, hold=hold)])
    serve_feed(server, [(f"Story {i}", f"/story/{i}") for i in range(pages)])


def sources(server: LoopbackServer, fetch: str = "", feed: str = "") -> SourcesConfig:
    return parse_sources(f"""
[fetch]
allow_hosts = ["127.0.0.1"]
respect_robots = false
per_host_concurrency = 8
per_host_min_gap_s = 0
backoff_base_s = 0.01
{fetch}

[[feeds]]
name = "wire"
url = "{server.url("/feed.xml")}"
outlet = "Wire"
{feed}
""")


def options(tmp_path: Path) -> LiveRunOptions:
    # max_workers = 8: the run's own default, which the sources file must win over.
    return LiveRunOptions(
        tmp_path / "polite.duckdb", tmp_path / "warc", processes=1, max_workers=8,
        refresh_stories=False,
    )  # fmt: skip


def most_in_flight_while_held(
    server: LoopbackServer, hold: threading.Event, run: Callable[[], object], expected: int
) -> int:
    """Runs `run` while the server holds the pages; lets them go once `expected` requests are
    in flight and a moment has passed for any request over the limit to arrive."""
    failures: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    worker = threading.Thread(target=target)
    worker.start()
    deadline = time.monotonic() + 60
    while server.max_in_flight < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    hold.set()
    worker.join(timeout=120)
    assert failures == []
    return server.max_in_flight


def test_fetch_max_workers_caps_requests_in_flight(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    hold = threading.Event()
    publish(loopback_server, pages=6, hold=hold)
    config = sources(loopback_server, fetch="max_workers = 2")
    run = lambda: ingest_feeds(config, options(tmp_path), poll_all=True)  # noqa: E731
    assert most_in_flight_while_held(loopback_server, hold, run, expected=2) == 2
    assert len(loopback_server.requests) == 1 + 6


def test_a_feeds_per_host_concurrency_caps_its_host(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    hold = threading.Event()
    publish(loopback_server, pages=6, hold=hold)
    config = sources(loopback_server, feed="per_host_concurrency = 1")
    run = lambda: ingest_feeds(config, options(tmp_path), poll_all=True)  # noqa: E731
    assert most_in_flight_while_held(loopback_server, hold, run, expected=1) == 1
    assert len(loopback_server.requests) == 1 + 6


def test_a_refetch_run_keeps_the_feeds_per_host_concurrency(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    config = sources(loopback_server, feed="per_host_concurrency = 1")
    publish(loopback_server, pages=6)
    ingest_feeds(config, options(tmp_path), poll_all=True)
    hold = threading.Event()
    publish(loopback_server, pages=6, hold=hold)
    in_flight_before = loopback_server.max_in_flight
    an_hour_on = replace(options(tmp_path), now=datetime.now(UTC) + timedelta(hours=1))
    run = lambda: refetch_known(config, an_hour_on)  # noqa: E731
    assert most_in_flight_while_held(loopback_server, hold, run, expected=1) == 1
    assert in_flight_before == 1
    assert len(loopback_server.requests) == (1 + 6) + 6


def test_a_feeds_per_host_min_gap_spaces_its_requests(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    publish(loopback_server, pages=2)
    config = sources(loopback_server, feed="per_host_min_gap_s = 2.0")
    ingest_feeds(config, options(tmp_path), poll_all=True)
    arrivals = sorted(request.arrived_at for request in loopback_server.requests)
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:], strict=False)]
    assert len(arrivals) == 3  # the feed and its two stories
    # 2 s between starts; 1.5 s leaves half a second for the machine to be slow.
    assert min(gaps) >= 1.5, gaps
