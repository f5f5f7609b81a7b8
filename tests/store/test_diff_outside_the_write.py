"""Versioning and diffing run with the warehouse file released: a reader in another process
(a report, a diff) can open it while a long text is diffed; the file is opened again to write."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.models import Capture
from newsledger.runs import pipeline
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pages import write_or_stage
from newsledger.runs.pipeline import ingest_seed_folder, store_captures
from newsledger.store.staging import StagedBatch
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AP = "ap-moscow-concert-hall-attack"


def _another_process_can_read(db: Path) -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], read_only=True)",
         str(db)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return probe.returncode == 0


def _by_store_captures(db: Path, capture: Capture) -> int:
    return store_captures(db, [capture]).new_versions


def _by_a_live_batch(db: Path, capture: Capture) -> int:
    options = LiveRunOptions(db_path=db, archive_root=None)
    return write_or_stage(StagedBatch(captures=[capture]), options).new_versions


@pytest.mark.parametrize("store", [_by_store_captures, _by_a_live_batch])
def test_a_new_version_is_diffed_while_readers_can_open_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Callable[[Path, Capture], int]
) -> None:
    db = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, db)
    with Warehouse.open(db, read_only=True) as warehouse:
        latest = warehouse.latest_versions([AP])[AP]
    edited = tuple(p.replace("more than 60", "more than 130") for p in latest.paragraphs)
    capture = Capture(AP, datetime(2024, 3, 24, tzinfo=UTC), "test", edited)

    readable_while_diffing: list[bool] = []
    diff = pipeline.build_version_record

    def probing_diff(*args: object) -> object:
        readable_while_diffing.append(_another_process_can_read(db))
        return diff(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_version_record", probing_diff)
    assert store(db, capture) == 1
    assert readable_while_diffing == [True]
    with Warehouse.open(db, read_only=True) as warehouse:
        assert warehouse.fetch_all(
            "SELECT count(*) FROM changes WHERE report_id = ? AND to_version = 3", [AP]
        ) == [(2,)]


def test_an_unchanged_capture_does_not_release_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, db)
    with Warehouse.open(db, read_only=True) as warehouse:
        latest = warehouse.latest_versions([AP])[AP]
    same = Capture(AP, datetime(2024, 3, 24, tzinfo=UTC), "test", latest.paragraphs)
    released: list[bool] = []
    original = Warehouse.released

    def counting(self: Warehouse) -> AbstractContextManager[None]:
        released.append(True)
        return original(self)

    monkeypatch.setattr(Warehouse, "released", counting)
    counts = store_captures(db, [replace(same, title=latest.title, byline=latest.byline)])
    assert (counts.unchanged, released) == (1, [])
