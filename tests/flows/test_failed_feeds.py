"""A dead feed as the operator sees it in Prefect: a run whose every feed failed ends Failed, one
with some failed feeds ends Completed naming them (state message and summary artifact), a feed
failing N polls in a row is notified once (webhook and Apprise), a bad sources file fails the
run at once in one log line, and a run with new versions rebuilds the correction log.

Real Prefect (the session's test server), a real loopback site, a closed loopback port as the
dead feed, real DuckDB files.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flows.ingest_feeds import ingest_feeds_flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterFlowRunId,
    FlowRunFilter,
    FlowRunFilterId,
)
from prefect.states import State

from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer
from support.newsroom import article_page, serve_feed

pytestmark = pytest.mark.usefixtures("prefect_harness")

STORY = (
    "The council approved the budget on Tuesday after a long debate in the chamber.",
    "Spending on roads rises by a tenth, while the library budget stays where it was.",
    "The mayor said the vote showed the council could agree on hard choices.",
)


def _closed_port() -> int:
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _sources(feeds: list[tuple[str, str]], notify: str = "") -> str:
    tables = "".join(
        f'\n[[feeds]]\nname = "{name}"\nurl = "{url}"\noutlet = "Wire"\n' for name, url in feeds
    )
    head = '[fetch]\nallow_hosts = ["127.0.0.1"]\nper_host_min_gap_s = 0\nbackoff_base_s = 0.01\n'
    return head + tables + notify


def _site(server: LoopbackServer) -> str:
    server.route("/budget", body=article_page("Budget passes", STORY, server.url("/budget")))
    serve_feed(server, [("Budget passes", "/budget")])
    return server.url("/feed.xml")


def _run(sources: Path, db: Path, **parameters: Any) -> State[Any]:
    state: State[Any] = ingest_feeds_flow(
        str(sources), str(db), poll_all=True, return_state=True, **parameters
    )
    return state


def _summary(state: State[Any]) -> dict[str, Any]:
    summary: dict[str, Any] = state.result(raise_on_failure=False)
    return summary


def _artifact(state: State[Any]) -> str:
    run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    [artifact] = artifacts
    return str(artifact.data)


def _feed_problem(db: Path, feed: str) -> str:
    """The failed poll's problem as the fetch log keeps it: `error_class: message`."""
    with Warehouse.open(db, read_only=True) as warehouse:
        [(error_class, message)] = warehouse.fetch_all(
            "SELECT DISTINCT error_class, error_message FROM v_fetch_log WHERE source_name = ?",
            [feed],
        )
    return f"{error_class}: {message}"


def test_a_run_whose_every_feed_failed_ends_failed_and_says_which(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources([("dead", dead)]))
    db = tmp_path / "newsledger.duckdb"

    state = _run(sources, db)

    problem = _feed_problem(db, "dead")
    assert problem.startswith("connect_error: ") and "Connection refused" in problem
    assert (state.type.value, state.name) == ("FAILED", "Failed")
    assert state.message == f"ingest-feeds: every feed failed (1): dead ({problem[:159]}…)"
    assert _summary(state)["feed_failures"] == [
        {"feed_name": "dead", "url": dead, "problem": problem, "failures_in_a_row": 1}
    ]
    assert (
        "| feed | failed polls in a row | problem | url |\n|---|---:|---|---|\n"
        f"| dead | 1 | {problem} | {dead} |"
    ) in _artifact(state)


def test_a_run_with_one_dead_feed_completes_and_names_it(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources([("wire", _site(loopback_server)), ("dead", dead)]))
    db = tmp_path / "newsledger.duckdb"

    state = _run(sources, db)

    problem = _feed_problem(db, "dead")
    assert (state.type.value, state.name) == ("COMPLETED", "Completed")
    assert state.message == (
        f"ingest-feeds: 1 new versions; 1 of 2 feeds failed: dead ({problem[:159]}…)"
    )
    artifact = _artifact(state)
    assert "| feeds polled | 2 |\n| feeds failed | 1 |" in artifact
    assert f"| dead | 1 | {problem} | {dead} |" in artifact


def test_a_feed_failing_n_polls_in_a_row_is_notified_once(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    server = loopback_server
    server.route("/hook", status=204)
    server.route("/apprise", status=200)
    dead = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    notify = (
        f'\n[notify]\nwebhook_url = "{server.url("/hook")}"\n'
        f'apprise = ["json://127.0.0.1:{server.port}/apprise"]\n'
        "alert_after_failed_polls = 2\ntimeout_s = 2\nmax_retries = 0\n"
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources([("wire", _site(server)), ("dead", dead)], notify))
    db = tmp_path / "newsledger.duckdb"

    states = [_run(sources, db) for _ in range(3)]

    assert [_summary(s)["notifications"] for s in states] == [0, 2, 0]
    assert [f["failures_in_a_row"] for s in states for f in _summary(s)["feed_failures"]] == [
        1, 2, 3,
    ]  # fmt: skip
    problem = _feed_problem(db, "dead")
    [hook] = server.requests_for("/hook")
    assert json.loads(hook.request_body) == {
        "event": "feed_failing",
        "feed": "dead",
        "url": dead,
        "failures_in_a_row": 2,
        "problem": problem,
    }
    [apprise] = server.requests_for("/apprise")
    sent = json.loads(apprise.request_body)
    assert (apprise.method, sent["title"], sent["type"]) == (
        "POST", "newsledger: feed dead failed 2 polls in a row", "info",
    )  # fmt: skip
    assert sent["message"].splitlines()[:2] == [dead, f"last problem: {problem}"]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def prefect_records() -> Iterator[list[logging.LogRecord]]:
    """Every record Prefect's loggers emit during the test (flow and task run logs included)."""
    handler = _Records()
    logger = logging.getLogger("prefect")
    # `make test` runs with PREFECT_LOGGING_LEVEL=WARNING; the run's own INFO lines must
    # still reach this handler, whatever level the caller chose.
    watched = [logging.getLogger(name) for name in ("prefect", "prefect.flow_runs")]
    levels = [watched_logger.level for watched_logger in watched]
    for watched_logger in watched:
        watched_logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        for watched_logger, level in zip(watched, levels, strict=True):
            watched_logger.setLevel(level)


def _task_runs(flow_run_id: UUID | None) -> list[Any]:
    with get_client(sync_client=True) as client:
        return client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        )


def test_a_bad_sources_file_fails_the_run_once_in_one_line(
    tmp_path: Path, prefect_records: list[logging.LogRecord]
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[feeds]]\nname = "wire"\nurl = "ftp://example.org/feed"\n')

    state = _run(sources, tmp_path / "newsledger.duckdb")

    expected = (
        f"{sources}: feeds[0]: 'url': URL 'ftp://example.org/feed' has scheme 'ftp'; use http "
        f"or https; {sources}: feeds[0]: missing required key 'outlet'"
    )
    assert (state.type.value, state.message) == ("FAILED", expected)
    assert _task_runs(state.state_details.flow_run_id) == []  # nothing ran, nothing retried
    told = [r for r in prefect_records if "missing required key" in r.getMessage()]
    assert [r.getMessage() for r in told] == [f"Finished in state Failed({expected!r})"]
    assert [r.exc_info for r in prefect_records if r.exc_info] == []
    assert [r.getMessage() for r in prefect_records if r.levelno >= logging.WARNING] == []


def test_a_run_with_new_versions_rebuilds_the_correction_log(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources([("wire", _site(loopback_server))]))
    db, reports = tmp_path / "newsledger.duckdb", tmp_path / "reports"

    first = _run(sources, db, report_dir=str(reports))
    log = reports / "correction-log.html"
    assert (_summary(first)["report"], log.is_file()) == (str(log), True)
    assert "Budget passes" in (reports / "correction-log.json").read_text()

    log.unlink()
    again = _run(sources, db, report_dir=str(reports))  # nothing new: nothing rewritten
    assert (_summary(again)["new_versions"], "report" in _summary(again)) == (0, False)
    assert not log.exists()
