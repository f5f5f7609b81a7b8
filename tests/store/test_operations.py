"""One writer at a time, staging when readers hold the file, export, and invariant checks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.models import Capture
from newsledger.outputs.export import export_views_parquet
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pages import load_staged_folders, write_or_stage
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.check import check_warehouse
from newsledger.store.locking import WriterBusyError, writer_lock
from newsledger.store.staging import StagedBatch, read_staged, staged_folders, write_staged
from newsledger.store.warehouse import Warehouse, read_parquet

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, db)
    return db


@pytest.fixture
def reader_holding(seeded: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process with the warehouse open read-only, as an analyst's session would."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb,time; c=duckdb.connect({str(seeded)!r}, read_only=True); "
         "print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    yield holder
    holder.kill()
    holder.wait()


def _capture(text: str) -> Capture:
    return Capture("r-new", datetime(2024, 3, 24, tzinfo=UTC), "test", (text,), outlet="Wire")


def test_second_writer_waits_then_steps_aside(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with (
        writer_lock(db, wait_s=0),
        pytest.raises(WriterBusyError, match="stepped aside"),
        writer_lock(db, wait_s=0.3),
    ):
        pass


def test_writer_lock_is_free_again_after_release(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with writer_lock(db, wait_s=0):
        pass
    with writer_lock(db, wait_s=0):
        pass


def test_staged_batch_roundtrips_through_parquet(tmp_path: Path) -> None:
    batch = StagedBatch(captures=[_capture("Text with “quotes” and ünïcode.")],
                        aliases=[("http://a/1", "r-new")])  # fmt: skip
    folder = write_staged(tmp_path / "staging", batch)
    again = read_staged(folder)
    assert again.captures == batch.captures
    assert again.aliases == batch.aliases
    assert staged_folders(tmp_path / "staging") == [folder]


def test_batch_is_staged_while_a_reader_holds_the_file_and_loaded_next_time(
    seeded: Path, reader_holding: subprocess.Popen[str]
) -> None:
    options = LiveRunOptions(db_path=seeded, archive_root=None, open_wait_s=0.3)
    counts = write_or_stage(StagedBatch(captures=[_capture("A new report.")]), options)
    assert (counts.staged_batches, counts.new_versions) == (1, 0)
    assert len(staged_folders(options.staging_root)) == 1
    reader_holding.kill()
    reader_holding.wait()
    loaded = load_staged_folders(options)
    assert (loaded.loaded_batches, loaded.new_versions) == (1, 1)
    assert staged_folders(options.staging_root) == []
    with Warehouse.open(seeded, read_only=True) as w:
        assert w.fetch_all("SELECT text FROM v_versions WHERE report_id = 'r-new'") == [
            ("A new report.",)
        ]


def test_report_reader_waits_for_the_writer(seeded: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb,time; c=duckdb.connect({str(seeded)!r}); "
         "print('writing', flush=True); time.sleep(1); c.close()"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        with pytest.raises(Exception, match="is open in another process"):
            Warehouse.open(seeded, read_only=True)
        with Warehouse.open(seeded, read_only=True, wait_s=20) as reader:
            assert reader.fetch_all("SELECT count(*) FROM v_versions") == [(3,)]
    finally:
        writer.kill()
        writer.wait()


def test_export_writes_partitioned_parquet(seeded: Path, tmp_path: Path) -> None:
    with Warehouse.open(seeded, read_only=True) as w:
        written = export_views_parquet(w, tmp_path / "lake")
    assert written["v_versions"] == 3 and written["v_changes"] == 2
    partitions = sorted(p.name for p in (tmp_path / "lake" / "v_versions").iterdir())
    assert partitions == ["capture_date=2024-03-22", "capture_date=2024-03-23"]
    rows = read_parquet(next((tmp_path / "lake" / "v_corrections").rglob("*.parquet")))
    assert len(rows) == 1 and "John Kirby" in rows[0][2]


def test_check_passes_on_a_sound_warehouse(seeded: Path) -> None:
    with Warehouse.open(seeded, read_only=True) as w:
        assert check_warehouse(w) == []


@pytest.mark.parametrize(
    ("damage", "check"),
    [
        ("UPDATE versions SET version_no = 5 WHERE version_no = 2", "version_numbers"),
        ("DELETE FROM version_paragraphs WHERE position = 3 AND version_no = 1",
         "version_paragraphs"),
        ("UPDATE paragraphs SET text = text || '!' WHERE text LIKE 'MOSCOW%'", "text_hashes"),
        ("UPDATE versions SET text_hash = 'x' WHERE version_no = 1", "text_hashes"),
        ("UPDATE changes SET from_version = 7", "change_versions"),
        ("INSERT INTO paragraphs VALUES (sha256('stray'), 'stray')", "orphans"),
        ("INSERT INTO change_kinds VALUES ('nope', 2, 9, 'numeric', '')", "orphans"),
        ("UPDATE versions SET content_hash = 'same'", "duplicate_versions"),
    ],
)  # fmt: skip
def test_check_names_each_broken_invariant(seeded: Path, damage: str, check: str) -> None:
    with Warehouse.open(seeded) as w:
        w.connection.execute(damage)
        found = {v.check for v in check_warehouse(w)}
    assert check in found
