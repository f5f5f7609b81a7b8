"""Webhooks: one JSON POST per new declared correction or silent substantive change, to a
receiver on 127.0.0.1; retried on 5xx; a dead or stalled receiver never fails the ingest.
"""

from __future__ import annotations

import json
import logging
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flows.ingest_feeds import ingest_feeds_flow
from prefect.states import State

from newsledger.capture.sources import NotifySettings
from newsledger.outputs.notify import notify_new_transitions
from newsledger.runs.synthetic import add_captured_report
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer, Reply
from support.newsroom import (
    KIRBY_AFTER,
    KIRBY_BEFORE,
    article_page,
    loopback_sources,
    seed_paragraphs,
    serve_feed,
)

FIRE_STORY = (
    "The fire destroyed {homes} homes in the valley on Sunday night, the county said.",
    "Firefighters from three districts worked through the night to hold the line at the river.",
    "Residents were allowed back on Monday morning, though the main road stayed closed.",
    "The cause of the fire is under investigation, a spokeswoman for the fire service said.",
)
FIRE_BEFORE = tuple(p.format(homes=12) for p in FIRE_STORY)
FIRE_AFTER = tuple(p.format(homes=120) for p in FIRE_STORY)


def _page(server: LoopbackServer, path: str, title: str, paragraphs: tuple[str, ...]) -> str:
    return article_page(title, paragraphs, server.url(path))


def _publish(server: LoopbackServer, kirby: tuple[str, ...], fire: tuple[str, ...]) -> None:
    server.route("/moscow", body=_page(server, "/moscow", "Moscow concert hall attack", kirby))
    server.route("/fire", body=_page(server, "/fire", "Valley fire", fire))


def _sources(server: LoopbackServer, webhook_url: str, timeout_s: float = 2) -> str:
    serve_feed(server, [(p, p) for p in ("/moscow", "/fire")])
    notify = (
        f'\n[notify]\nwebhook_url = "{webhook_url}"\ntimeout_s = {timeout_s}\nmax_retries = 1\n'
    )
    return loopback_sources(server, notify)


def _dead_url() -> str:
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def _summary(state: State[Any]) -> dict[str, Any]:
    """The counts a Completed ingest run returns (Prefect types them as Any)."""
    summary: dict[str, Any] = state.result()
    return summary


def _posts(server: LoopbackServer) -> list[dict[str, Any]]:
    return [json.loads(r.request_body) for r in server.requests_for("/hook")]


@pytest.mark.usefixtures("prefect_harness")
def test_an_ingest_posts_one_json_body_per_new_correction_or_silent_change(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    server = loopback_server
    server.route("/hook", status=204)
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources(server, server.url("/hook")))
    db = tmp_path / "newsledger.duckdb"
    _publish(server, seed_paragraphs(KIRBY_BEFORE), FIRE_BEFORE)
    first = _summary(ingest_feeds_flow(str(sources), str(db), poll_all=True, return_state=True))
    _publish(server, seed_paragraphs(KIRBY_AFTER), FIRE_AFTER)
    second = _summary(ingest_feeds_flow(str(sources), str(db), poll_all=True, return_state=True))

    assert (first["new_versions"], first["notifications"]) == (2, 0)
    assert (second["new_versions"], second["notifications"]) == (2, 2)
    hooks = server.requests_for("/hook")
    assert [(r.method, r.headers["content-type"]) for r in hooks] == [
        ("POST", "application/json")
    ] * 2
    posts = sorted(_posts(server), key=lambda p: p["event"])
    assert [(p["event"], p["status"], p["from_version"], p["to_version"]) for p in posts] == [
        ("declared_correction", "declared_and_observed", 1, 2),
        ("silent_substantive", "silent_substantive", 1, 2),
    ]
    assert [p["title"] for p in posts] == ["Moscow concert hall attack", "Valley fire"]


def _warehouse_with_a_silent_change(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "notify.duckdb"
    since = datetime.now(UTC).isoformat()
    with Warehouse.open(db) as warehouse:
        add_captured_report(
            warehouse, "fire", [list(FIRE_BEFORE), list(FIRE_AFTER)],
            first_captured_at=datetime(2024, 4, 1, 9, tzinfo=UTC), outlet="Gazette",
            title="Valley fire", status="silent_substantive",
        )  # fmt: skip
    return db, since


@pytest.mark.parametrize(
    ("statuses", "delivered", "attempts"),
    [
        ([200], 1, 1),
        ([500, 200], 1, 2),
        ([429, 204], 1, 2),
        ([503, 503, 503], 0, 3),
        ([404], 0, 1),  # a 4xx is the receiver's final word: not retried
    ],
)
def test_delivery_retries_server_errors_and_stops_at_client_errors(
    loopback_server: LoopbackServer,
    tmp_path: Path,
    statuses: list[int],
    delivered: int,
    attempts: int,
) -> None:
    loopback_server.route_sequence("/hook", [Reply(status=s) for s in statuses])
    db, since = _warehouse_with_a_silent_change(tmp_path)
    settings = NotifySettings(webhook_url=loopback_server.url("/hook"), max_retries=2)
    assert notify_new_transitions(settings, db, since) == delivered
    posts = _posts(loopback_server)
    assert [(p["event"], p["report_id"], p["to_version"]) for p in posts] == [
        ("silent_substantive", "fire", 2)
    ] * attempts


def test_nothing_stored_before_the_run_is_posted_again(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    loopback_server.route("/hook", status=200)
    db, _ = _warehouse_with_a_silent_change(tmp_path)
    settings = NotifySettings(webhook_url=loopback_server.url("/hook"))
    assert notify_new_transitions(settings, db, datetime.now(UTC).isoformat()) == 0
    assert loopback_server.requests_for("/hook") == []


def test_a_stalled_receiver_is_given_up_after_its_timeout(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    loopback_server.route("/hook", delay_s=10)
    db, since = _warehouse_with_a_silent_change(tmp_path)
    settings = NotifySettings(webhook_url=loopback_server.url("/hook"), timeout_s=0.3,
                              max_retries=1)  # fmt: skip
    assert notify_new_transitions(settings, db, since) == 0
    # The sender gave up before the receiver answered: the log may lag behind the sender.
    assert len(loopback_server.wait_for_requests("/hook", 2)) == 2


@pytest.mark.usefixtures("prefect_harness")
def test_a_dead_receiver_does_not_fail_the_ingest(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources(loopback_server, _dead_url(), timeout_s=0.5))
    db = tmp_path / "newsledger.duckdb"
    _publish(loopback_server, seed_paragraphs(KIRBY_BEFORE), FIRE_BEFORE)
    ingest_feeds_flow(str(sources), str(db), poll_all=True)
    _publish(loopback_server, seed_paragraphs(KIRBY_AFTER), FIRE_AFTER)
    state = ingest_feeds_flow(str(sources), str(db), poll_all=True, return_state=True)

    assert (state.type.value, state.name) == ("COMPLETED", "Completed")
    assert (_summary(state)["new_versions"], _summary(state)["notifications"]) == (2, 0)
    with Warehouse.open(db, read_only=True) as warehouse:
        assert warehouse.fetch_all("SELECT count(*) FROM v_versions") == [(4,)]


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_apprise_urls_get_a_title_and_body_per_event(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    """Apprise's json:// scheme against the loopback server; a URL Apprise does not know is
    logged by its scheme only (the rest of a URL often holds a password) and not counted."""
    loopback_server.route("/apprise", status=200)
    db, since = _warehouse_with_a_silent_change(tmp_path)
    settings = NotifySettings(
        apprise=(
            f"json://127.0.0.1:{loopback_server.port}/apprise",
            "nosuchservice://user:hunter2@example.org",
        )
    )
    handler = _Lines()
    logger = logging.getLogger("newsledger.outputs.apprise_notify")
    logger.addHandler(handler)
    try:
        assert notify_new_transitions(settings, db, since) == 1
    finally:
        logger.removeHandler(handler)
    [request] = loopback_server.requests_for("/apprise")
    sent = json.loads(request.request_body)
    assert (sent["title"], sent["type"]) == (
        "newsledger: silent substantive in Valley fire", "info",
    )  # fmt: skip
    assert sent["message"].splitlines()[0] == (
        "Gazette: fire, version 1 -> 2 (silent_substantive; kinds: numeric)"
    )
    assert handler.lines == [
        "notify: Apprise does not know apprise[1] (nosuchservice://...): check its scheme"
    ]
