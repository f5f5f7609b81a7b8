"""A live ingest killed with SIGKILL anywhere, then re-run, ends as if it never crashed.

Each scenario runs tests/e2e/crash_worker.py in a subprocess over its own copy of a
loopback newsroom, kills it at one deterministic point (NEWSLEDGER_CRASH_AT=stage:n),
re-runs the ingest to completion and compares the warehouse with an uncrashed one.
NEWSLEDGER_FULL=1 runs a bigger newsroom with more kill points.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsledger.capture.warc import WarcLocation, read_record
from newsledger.store.check import check_warehouse
from newsledger.store.staging import staged_folders
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer

WORKER = Path(__file__).with_name("crash_worker.py")
FULL = os.environ.get("NEWSLEDGER_FULL") == "1"
ARTICLES = 100 if FULL else 15
BATCH_SIZE = 5  # crash_worker.BATCH_SIZE
BATCHES = -(-ARTICLES // BATCH_SIZE)
CHANGED = ARTICLES // 3  # articles edited between the two polls; every 3rd carries a note


def _kill_points() -> list[tuple[str, str, int]]:
    """(poll, stage, n): the n-th call of the stage in that poll is where the worker dies."""
    n, b, changed = ARTICLES, BATCHES, CHANGED
    first = {
        "fetch": [1, n // 2, n + 1],  # 1 is the feed itself
        "extract": [1, n],
        "uncommitted": [2, b],
        "commit": [1, b],
        "warc": [1, n + 1],
        "stage": [3, 5 * b],  # five Parquet files a batch
    }
    second = {
        "fetch": [5],
        "extract": [2, changed],
        "uncommitted": [b],
        "commit": [2],
        "warc": [n // 2 + 5],
        "stage": [8],
    }
    if FULL:
        first = {stage: sorted({*ns, *(1 + i * (max(ns) - 1) // 7 for i in range(8))})
                 for stage, ns in first.items()}  # fmt: skip
    return [("first", stage, k) for stage, ns in first.items() for k in ns] + [
        ("second", stage, k) for stage, ns in second.items() for k in ns
    ]


KILL_POINTS = _kill_points()


def _paragraphs(i: int, edited: bool) -> tuple[str, ...]:
    votes = "7 to 2" if edited else "7 to 3"
    text = (
        f"The council of town {i} met on Tuesday evening to debate the harbour budget.",
        f"Members voted {votes} to approve the plan after a long and heated session.",
        f"The mayor of town {i} said the money would pay for new cranes and a ferry pier.",
        "Opponents said the cost had doubled since the plan was first put forward in spring.",
    )
    if edited and i % 3 == 0:
        return (*text, f"Correction: An earlier version of this story said the vote in town {i} "
                       "was 7 to 3. It was 7 to 2.")  # fmt: skip
    return text


def _page(i: int, edited: bool, site: str) -> str:
    # Every scenario's copy names one canonical URL on its own site, so report ids match
    # across scenarios (a canonical on another site would not be trusted).
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(i, edited))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Town {i} budget</title>"
        f"<link rel='canonical' href='{site}/story-{i}'></head>"
        f"<body><article>{body}</article></body></html>"
    )


def _publish(server: LoopbackServer, prefix: str, poll: str) -> str:
    """Serves the newsroom under prefix as it stands at that poll; returns the feed URL."""
    for i in range(ARTICLES):
        edited = poll == "second" and i < CHANGED
        page = _page(i, edited, server.base_url)
        server.route(f"{prefix}/story-{i}", body=page, etag=f'"{i}-{edited}"')
    items = "".join(
        f"<item><title>Town {i}</title><link>{server.url(f'{prefix}/story-{i}')}</link></item>"
        for i in range(ARTICLES)
    )
    feed = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>{items}</channel></rss>"
    )
    server.route(f"{prefix}/feed.xml", body=feed, headers={"Content-Type": "application/rss+xml"})
    return server.url(f"{prefix}/feed.xml")


def _run_worker(
    feed_url: str, db: Path, crash_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    """One ingest run in a subprocess (crashing at `crash_at`, or to the end).

    Every run is a process of its own, so scenarios can run side by side: the sentence
    segmenter is not thread-safe (test_properties.py shows it), processes are."""
    env = {**os.environ, "NEWSLEDGER_CRASH_AT": crash_at or ""}
    return subprocess.run(
        [sys.executable, str(WORKER), feed_url, str(db)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _run_to_completion(feed_url: str, db: Path) -> None:
    done = _run_worker(feed_url, db)
    # stderr may carry warnings, e.g. the WARC writer cutting a torn record.
    assert (done.returncode, done.stdout.split(" ")[0]) == (0, "done"), done.stderr


@dataclass(frozen=True)
class Outcome:
    versions: frozenset[tuple[Any, ...]]
    changes: frozenset[tuple[Any, ...]]
    corrections: frozenset[tuple[Any, ...]]
    violations: tuple[Any, ...]
    unreadable_warc: tuple[str, ...]
    staged_left: int
    worker_returncode: int | None


def _unreadable_warc_records(warehouse: Warehouse, archive: Path) -> list[str]:
    """Every archived fetch must read back, with the body its fetch row hashed."""
    problems = []
    rows = warehouse.fetch_all(
        "SELECT warc_file, warc_offset, warc_length, is_revisit, body_sha256, url "
        "FROM v_fetch_log WHERE warc_file IS NOT NULL"
    )
    for file, offset, length, is_revisit, sha, url in rows:
        try:
            record = read_record(archive, WarcLocation(file, offset, length, "", bool(is_revisit)))
        except Exception as error:  # noqa: BLE001 (any failure to read is the finding)
            problems.append(f"{url}: {error}")
            continue
        if sha is not None and hashlib.sha256(record.body).hexdigest() != sha:
            problems.append(f"{url}: body does not match the fetch row")
    return problems


def _outcome(db: Path, returncode: int | None) -> Outcome:
    with Warehouse.open(db, read_only=True) as warehouse:
        return Outcome(
            versions=frozenset(warehouse.fetch_all(
                "SELECT report_id, version_no, text_hash FROM versions")),
            changes=frozenset(warehouse.fetch_all(
                "SELECT report_id, from_version, to_version, change_no, field, op, before_text, "
                "after_text FROM changes")),
            corrections=frozenset(warehouse.fetch_all(
                "SELECT report_id, version_no, note_no, note_type, note_text FROM corrections")),
            violations=tuple(check_warehouse(warehouse)),
            unreadable_warc=tuple(_unreadable_warc_records(warehouse, db.parent / "warc")),
            staged_left=len(staged_folders(db.parent / "staging")),
            worker_returncode=returncode,
        )  # fmt: skip


def _scenario(
    server: LoopbackServer, root: Path, name: str, crash: tuple[str, str, int] | None
) -> Outcome:
    """Both polls over a warehouse of its own, the chosen poll killed once and re-run.

    A scenario that crashes in the second poll starts from a copy of the reference
    warehouse (and WARC folder) as the first poll left it."""
    folder = root / name
    db = folder / "crash.duckdb"
    polls = ["first", "second"]
    if crash is not None and crash[0] == "second":
        shutil.copytree(root / "after-first-poll", folder)
        polls = ["second"]
    else:
        folder.mkdir()
    returncode = None
    for poll in polls:
        feed_url = _publish(server, f"/{name}", poll)
        if crash is not None and crash[0] == poll:
            returncode = _run_worker(feed_url, db, f"{crash[1]}:{crash[2]}").returncode
        _run_to_completion(feed_url, db)
        if crash is None and poll == "first":
            shutil.copytree(folder, root / "after-first-poll")
    return _outcome(db, returncode)


@pytest.fixture(scope="module")
def newsroom() -> Any:
    with LoopbackServer() as server:
        yield server


@pytest.fixture(scope="module")
def crash_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module")
def outcomes(newsroom: LoopbackServer, crash_root: Path) -> dict[str, Outcome]:
    """The uncrashed reference and every kill point, two scenarios at a time."""
    root = crash_root
    results = {"reference": _scenario(newsroom, root, "reference", None)}
    scenarios = {f"{poll}-{stage}-{n}": (poll, stage, n) for poll, stage, n in KILL_POINTS}
    # Threads here only wait on worker processes; two at a time on two cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(_scenario, newsroom, root, name, crash)
            for name, crash in scenarios.items()
        }
        results.update({name: future.result() for name, future in futures.items()})
    return results


def test_the_reference_run_is_complete(outcomes: dict[str, Outcome]) -> None:
    reference = outcomes["reference"]
    assert len(reference.versions) == ARTICLES + CHANGED
    assert len(reference.corrections) == len(range(0, CHANGED, 3))
    assert {c[5] for c in reference.changes} == {"changed", "added"}
    assert (reference.violations, reference.unreadable_warc, reference.staged_left) == ((), (), 0)


def test_there_are_at_least_twenty_kill_points() -> None:
    assert len(KILL_POINTS) >= 20
    assert {stage for _, stage, _ in KILL_POINTS} == {
        "fetch", "extract", "uncommitted", "commit", "warc", "stage"
    }  # fmt: skip


def _point_params() -> list[Any]:
    return [pytest.param(point, id="-".join(map(str, point))) for point in KILL_POINTS]


@pytest.mark.parametrize("point", _point_params())
def test_a_killed_run_then_a_rerun_equals_the_uncrashed_warehouse(
    outcomes: dict[str, Outcome], point: tuple[str, str, int]
) -> None:
    crashed, reference = outcomes["-".join(map(str, point))], outcomes["reference"]
    assert crashed.worker_returncode == -signal.SIGKILL  # the kill point was reached
    assert crashed.violations == ()
    assert crashed.unreadable_warc == ()
    assert crashed.staged_left == 0
    assert crashed.versions == reference.versions
    assert crashed.changes == reference.changes
    assert crashed.corrections == reference.corrections


def test_check_command_passes_on_a_crashed_then_rerun_warehouse(
    outcomes: dict[str, Outcome], crash_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsledger.cli import main

    db = crash_root / "first-uncommitted-2" / "crash.duckdb"
    assert main(["check", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_a_torn_empty_record_is_cut_before_the_next_append(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from newsledger.capture.warc import WarcArchive

    now = datetime.now(UTC)
    archive = WarcArchive(tmp_path)
    archive.write_exchange("http://x.test/a", now, (), 200, (), b"<html>first</html>")
    torn = archive.write_exchange("http://x.test/b", now, (), 304, (), b"")
    with (tmp_path / torn.file).open("r+b") as handle:
        handle.truncate(torn.offset + torn.length // 2)  # a crash mid-record
    after_crash = WarcArchive(tmp_path).write_exchange("http://x.test/c", now, (), 200, (), b"c")
    WarcArchive(tmp_path).write_exchange("http://x.test/d", now, (), 200, (), b"d")
    assert after_crash.offset == torn.offset
    assert read_record(tmp_path, after_crash).body == b"c"
