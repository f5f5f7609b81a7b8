"""Stories and fact timelines are rebuilt when they are older than the newest version: a run
killed right after its last batch committed leaves them stale, `check` says so, and the rerun,
though it finds nothing new, rebuilds them to what a clean run has."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.check import check_warehouse
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer, loopback_policy
from support.newsroom import (
    KIRBY_BEFORE,
    article_page,
    loopback_sources,
    seed_paragraphs,
    serve_feed,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class Killed(BaseException):
    """The run dying right after a batch committed (a kill -9 there, or a full disk)."""


@contextmanager
def killed_after_commit() -> Iterator[None]:
    """Every warehouse batch write commits, then the run dies before anything else."""
    original = Warehouse.write_batch

    def write_then_die(self: Warehouse, batch: Any) -> None:
        original(self, batch)
        raise Killed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Warehouse, "write_batch", write_then_die)
        yield


def _derived(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with Warehouse.open(db, read_only=True) as warehouse:
        stories = warehouse.fetch_all("SELECT story_id, n_reports FROM stories ORDER BY ALL")
        timeline = warehouse.fetch_all(
            "SELECT story_id, quantity, value, report_id, version_no FROM fact_timeline "
            "ORDER BY ALL"
        )
    return stories, timeline


def _stale(db: Path) -> list[str]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return [v.subject for v in check_warehouse(warehouse) if v.check == "derived_state"]


def _seeds(db: Path) -> int:
    return ingest_seed_folder(SEEDS, db).counts.new_versions


@pytest.fixture
def newsroom(loopback_server: LoopbackServer) -> LoopbackServer:
    server = loopback_server
    server.route(
        "/ap",
        body=article_page(
            "Gunmen storm Moscow concert hall", seed_paragraphs(KIRBY_BEFORE), server.url("/ap")
        ),
    )
    server.route("/nz", body=article_page("Moscow concert hall attack",
                                          seed_paragraphs("003_e0a8b143a7695bce.txt"),
                                          server.url("/nz")))  # fmt: skip
    serve_feed(server, [("AP", "/ap"), ("NZ", "/nz")])
    return server


def _live(server: LoopbackServer) -> Callable[[Path], int]:
    def run(db: Path) -> int:
        options = LiveRunOptions(db_path=db, archive_root=None, processes=1)
        with Fetcher(loopback_policy()) as fetcher:
            config = parse_sources(loopback_sources(server))
            return ingest_feeds(config, options, fetcher=fetcher, poll_all=True).new_versions

    return run


@pytest.mark.parametrize("path", ["seeds", "live"])
def test_a_rerun_after_a_crash_rebuilds_stale_stories(
    path: str, newsroom: LoopbackServer, tmp_path: Path
) -> None:
    run = _seeds if path == "seeds" else _live(newsroom)
    clean = tmp_path / "clean.duckdb"
    assert run(clean) > 0
    expected = _derived(clean)
    assert expected[0] and expected[1] and _stale(clean) == []

    crashed = tmp_path / "crashed.duckdb"
    with killed_after_commit(), pytest.raises(Killed):
        run(crashed)
    assert _derived(crashed) == ([], [])
    assert _stale(crashed) == ["stories"]

    assert run(crashed) == 0  # nothing new to store ...
    assert _derived(crashed) == expected  # ... and the stories are rebuilt all the same
    assert _stale(crashed) == []
