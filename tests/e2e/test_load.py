"""Load: many articles polled five times while 5% of pages fail in rotating ways.

Every success must be stored, every failure recorded in v_fetch_log with its class, and
memory must stay bounded. CI size: 300 articles; NEWSLEDGER_FULL=1: 10,000.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer, Reply, loopback_policy

FULL = os.environ.get("NEWSLEDGER_FULL") == "1"
ARTICLES = 10_000 if FULL else 300
POLLS = 5
# Each fetch gets this long: the late pages wait it out, and every other page (a few ms on
# an idle machine) finishes well inside it on a busy one, so no class depends on speed.
TIMEOUT_S = 3.0
# (how a failing page misbehaves, the error class the fetch log must show)
FAILURES = [
    (Reply(status=500), "http_5xx"),
    (Reply(body="late", delay_s=60.0), "timeout"),  # answers long after any deadline
    (Reply(body="x" * 4000, drop_mid_body=True), "protocol_error"),
    (Reply(status=404), "http_4xx"),
    (Reply(body=bytes(range(256)) * 8, headers={"Content-Type": "text/html"}), "no_article"),
]
# Peak RSS may grow by this much over the whole run (ru_maxrss is in KiB on Linux).
RSS_GROWTH_LIMIT_KIB = (1_500 if FULL else 400) * 1024


def failing(i: int, poll: int) -> bool:
    """5% of pages fail at each poll, a different 5% each time."""
    return (i + 7 * poll) % 20 == 0


def revision(i: int, poll: int) -> int:
    """How many times page i has been edited by this poll (10% are edited each poll)."""
    return sum(1 for q in range(1, poll + 1) if (i + q) % 10 == 0)


def paragraphs(i: int, rev: int) -> tuple[str, ...]:
    return (
        f"Story {i} reports that the harbour board met on Tuesday to review the budget.",
        f"Revision {rev} of story {i}: the board approved {i % 7 + 2} new cranes for the port.",
        "Opponents said the costs had doubled since the plan was first presented in spring.",
    )


def page(i: int, rev: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(i, rev))
    return (
        f"<html><head><title>Story {i}</title></head><body><article>{body}</article></body></html>"
    )


def publish(server: LoopbackServer, poll: int) -> None:
    for i in range(ARTICLES):
        if failing(i, poll):
            reply, _ = FAILURES[(i + poll) % len(FAILURES)]
            server.route_sequence(f"/s/{i}", [reply])
        else:
            rev = revision(i, poll)
            server.route(f"/s/{i}", body=page(i, rev), etag=f'"{i}-{rev}"')


@pytest.fixture
def newsroom(loopback_server: LoopbackServer) -> LoopbackServer:
    items = "".join(
        f"<item><link>{loopback_server.url(f'/s/{i}')}</link></item>" for i in range(ARTICLES)
    )
    feed = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>L</title>{items}</channel></rss>"
    )
    loopback_server.route("/feed.xml", body=feed, headers={"Content-Type": "application/rss+xml"})
    return loopback_server


def test_every_success_is_stored_and_every_failure_recorded(
    newsroom: LoopbackServer, tmp_path: Path
) -> None:
    db = tmp_path / "load.duckdb"
    config = parse_sources(
        f'[[feeds]]\nname = "load"\nurl = "{newsroom.url("/feed.xml")}"\noutlet = "L"\n'
    )
    options = LiveRunOptions(db, tmp_path / "warc", processes=1, refresh_stories=False)
    policy = loopback_policy(max_retries=0, total_timeout_s=TIMEOUT_S, per_host_concurrency=8)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Fetcher(policy) as fetcher:
        for poll in range(POLLS):
            publish(newsroom, poll)
            ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before

    with Warehouse.open(db, read_only=True) as warehouse:
        runs = [
            r[0] for r in warehouse.fetch_all("SELECT DISTINCT run_id FROM v_fetch_log ORDER BY 1")
        ]
        errors = warehouse.fetch_all(
            "SELECT run_id, url, error_class FROM v_fetch_log WHERE purpose = 'page' "
            "AND error_class IS NOT NULL"
        )
        latest = dict(warehouse.fetch_all(
            "SELECT url, text FROM v_versions QUALIFY version_no = max(version_no) "
            "OVER (PARTITION BY report_id)"
        ))  # fmt: skip
        n_versions = warehouse.fetch_all("SELECT count(*) FROM versions")[0][0]

    expected_errors = {
        (runs[poll], newsroom.url(f"/s/{i}"), FAILURES[(i + poll) % len(FAILURES)][1])
        for poll in range(POLLS) for i in range(ARTICLES) if failing(i, poll)
    }  # fmt: skip
    assert set(errors) == expected_errors and len(errors) == len(expected_errors)

    def last_success(i: int) -> int:
        return max(p for p in range(POLLS) if not failing(i, p))

    expected_text = {
        newsroom.url(f"/s/{i}"): "\n\n".join(paragraphs(i, revision(i, last_success(i))))
        for i in range(ARTICLES)
    }
    assert latest == expected_text
    seen_revisions = {
        (i, revision(i, p)) for i in range(ARTICLES) for p in range(POLLS) if not failing(i, p)
    }
    assert n_versions == len(seen_revisions)
    assert rss_growth < RSS_GROWTH_LIMIT_KIB
