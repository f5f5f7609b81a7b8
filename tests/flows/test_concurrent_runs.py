"""Runs that meet at the warehouse: two ingests at once, an ingest beside a report, and a
run that finds the writer busy. Real processes, a loopback newsroom, real DuckDB files.

The contract: nothing fails, and the warehouse ends holding exactly what one run alone
would have written (versions, changes, corrections), never a duplicate or a loss.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flows.ingest_feeds import ingest_feeds_flow

from newsledger.capture.sources import parse_sources
from newsledger.outputs.report import render_correction_log
from newsledger.outputs.report_data import ReportFilters
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pages import load_staged_folders
from newsledger.store.locking import writer_lock
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer
from support.newsroom import (
    KIRBY_AFTER,
    KIRBY_BEFORE,
    article_page,
    loopback_sources,
    seed_paragraphs,
    serve_feed,
)

# Each page answers after this long, so a run holds the writer lock while the other starts.
PAGE_DELAY_S = 0.2
SPAWN = multiprocessing.get_context("spawn")


def _serve_kirby(server: LoopbackServer, seed: str, etag: str) -> None:
    title = "Gunmen storm Moscow concert hall"
    body = article_page(title, seed_paragraphs(seed), server.url("/world/moscow"))
    server.route("/world/moscow", body=body, etag=etag, delay_s=PAGE_DELAY_S)


@pytest.fixture
def newsroom(loopback_server: LoopbackServer, realdata: Path) -> LoopbackServer:
    """A feed of three articles; the Moscow one is corrected when a test says so."""
    server = loopback_server
    _serve_kirby(server, KIRBY_BEFORE, '"v1"')
    for name in ("bbc-1", "guardian-1"):
        page = (realdata / "pages" / f"{name}.html").read_bytes()
        server.route(f"/pages/{name}", body=page, etag=f'"{name}"', delay_s=PAGE_DELAY_S)
    serve_feed(server, [(p, p) for p in ("/world/moscow", "/pages/bbc-1", "/pages/guardian-1")])
    return server


def _sources(server: LoopbackServer) -> str:
    return loopback_sources(server)


def _options(db: Path) -> LiveRunOptions:
    # writer_wait_s well above a run's length: the second run queues, it does not step aside.
    return LiveRunOptions(db_path=db, archive_root=db.parent / "warc", processes=1,
                          writer_wait_s=60, open_wait_s=30)  # fmt: skip


def ingest_once(sources_text: str, db: str, barrier: Any = None) -> dict[str, Any]:
    """One whole feed run (module level so a spawned process can run it)."""
    if barrier is not None:
        barrier.wait(timeout=60)
    counts = ingest_feeds(parse_sources(sources_text), _options(Path(db)), poll_all=True)
    return json.loads(json.dumps(counts.as_dict()))


@pytest.fixture(scope="module")
def processes() -> Iterator[tuple[ProcessPoolExecutor, Any]]:
    """Two spawned worker processes and a barrier they can meet at, kept for the module."""
    with SPAWN.Manager() as manager, ProcessPoolExecutor(2, mp_context=SPAWN) as pool:
        yield pool, manager.Barrier(2)


def _ingest_pair(
    processes: tuple[ProcessPoolExecutor, Any], sources_text: str, db: Path
) -> list[dict[str, Any]]:
    pool, barrier = processes
    runs = [pool.submit(ingest_once, sources_text, str(db), barrier) for _ in range(2)]
    return [run.result(timeout=120) for run in runs]


def _contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a run adds, minus what differs by the clock (capture and fetch times)."""
    with Warehouse.open(db, read_only=True, wait_s=30) as w:
        return {
            "versions": w.fetch_all(
                "SELECT report_id, version_no, text_hash FROM v_versions ORDER BY ALL"
            ),
            "changes": w.fetch_all(
                "SELECT report_id, from_version, to_version, change_no, op, kinds, before_text, "
                "after_text FROM v_changes ORDER BY ALL"
            ),
            "corrections": w.fetch_all(
                "SELECT report_id, version_no, kind, note_text FROM v_corrections ORDER BY ALL"
            ),
            "log": w.fetch_all(
                "SELECT report_id, to_version, status FROM v_correction_log ORDER BY ALL"
            ),
        }


def _reference(server: LoopbackServer, db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The same two polls (before and after the correction), one run at a time."""
    _serve_kirby(server, KIRBY_BEFORE, '"v1"')
    ingest_once(_sources(server), str(db))
    _serve_kirby(server, KIRBY_AFTER, '"v2"')
    ingest_once(_sources(server), str(db))
    return _contents(db)


def test_two_ingests_at_once_store_what_one_run_would(
    newsroom: LoopbackServer, processes: tuple[ProcessPoolExecutor, Any], tmp_path: Path
) -> None:
    shared = tmp_path / "shared" / "newsledger.duckdb"
    first_round = _ingest_pair(processes, _sources(newsroom), shared)
    _serve_kirby(newsroom, KIRBY_AFTER, '"v2"')
    second_round = _ingest_pair(processes, _sources(newsroom), shared)

    assert sorted(r["new_versions"] for r in first_round) == [0, 3]
    assert sorted(r["new_versions"] for r in second_round) == [0, 1]
    assert [r["errors"] for r in first_round + second_round] == [{}, {}, {}, {}]
    contents = _contents(shared)
    assert contents == _reference(newsroom, tmp_path / "alone" / "newsledger.duckdb")
    assert (len(contents["versions"]), len(contents["changes"])) == (4, 2)
    assert [row[1:] for row in contents["log"]] == [(2, "declared_and_observed")]


def test_a_report_while_an_ingest_writes_loses_nothing(
    newsroom: LoopbackServer, processes: tuple[ProcessPoolExecutor, Any], tmp_path: Path
) -> None:
    db = tmp_path / "busy" / "newsledger.duckdb"
    ingest_once(_sources(newsroom), str(db))
    _serve_kirby(newsroom, KIRBY_AFTER, '"v2"')
    reports: list[int] = []
    ingest = processes[0].submit(ingest_once, _sources(newsroom), str(db))
    while not ingest.done() or not reports:
        with Warehouse.open(db, read_only=True, wait_s=60) as warehouse:
            paths = render_correction_log(warehouse, tmp_path / "reports", ReportFilters())
        reports.append(len(json.loads(paths.json.read_text())["entries"]))
        time.sleep(0.05)  # an editor's pace, not a loop that never lets go of the file
    counts = ingest.result(timeout=120)
    # A batch the reader kept from the file was staged as Parquet; the next run loads it.
    loaded = load_staged_folders(_options(db))
    assert counts["errors"] == {}
    assert counts["new_versions"] + loaded.new_versions == 1
    assert counts["staged_batches"] == loaded.loaded_batches
    assert _contents(db) == _reference(newsroom, tmp_path / "alone" / "newsledger.duckdb")
    assert set(reports) <= {0, 1}


@pytest.mark.usefixtures("prefect_harness")
def test_a_flow_that_finds_the_writer_busy_ends_completed_named_skipped(
    newsroom: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources(newsroom))
    db = tmp_path / "held" / "newsledger.duckdb"
    with writer_lock(db, wait_s=1):
        state = ingest_feeds_flow(str(sources), str(db), writer_wait_s=0.2, return_state=True)
    assert (state.type.value, state.name) == ("COMPLETED", "Skipped")
    assert newsroom.requests == []


@pytest.mark.usefixtures("prefect_harness")
def test_two_flows_at_once_both_complete_and_store_once(
    newsroom: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources(newsroom))
    db = tmp_path / "flows" / "newsledger.duckdb"
    start = threading.Barrier(2)
    states: list[Any] = []

    def run() -> None:
        start.wait(timeout=30)
        states.append(ingest_feeds_flow(str(sources), str(db), poll_all=True, return_state=True))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted((s.type.value, s.name) for s in states) == [("COMPLETED", "Completed")] * 2
    assert sorted(s.result()["new_versions"] for s in states) == [0, 3]
    assert len(_contents(db)["versions"]) == 3
