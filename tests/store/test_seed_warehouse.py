from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.capture.seeds import read_seeds
from newsledger.models import Capture
from newsledger.runs.pipeline import ingest_captures, ingest_seed_folder
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AP = "ap-moscow-concert-hall-attack"


def _paragraphs(relative: str) -> tuple[str, ...]:
    from newsledger.capture.seeds import parse_seed

    return parse_seed((SEEDS / relative).read_bytes()).paragraphs


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, db)
    return db


def test_versions_per_report(seeded: Path) -> None:
    with Warehouse.open(seeded, read_only=True) as w:
        rows = w.fetch_all(
            "SELECT report_id, version_no, is_reconstructed, source FROM v_versions ORDER BY ALL"
        )
    assert rows == [
        (AP, 1, True, "seeds/reconstructed/000_4298c29b566fd99a.before-correction.txt"),
        (AP, 2, False, "seeds/000_4298c29b566fd99a.txt"),
        ("nzherald-moscow-concert-hall-attack", 1, False, "seeds/003_e0a8b143a7695bce.txt"),
    ]


def test_the_kirby_change_and_the_note_are_the_only_changes(seeded: Path) -> None:
    with Warehouse.open(seeded, read_only=True) as w:
        rows = w.fetch_all(
            "SELECT from_version, to_version, op, before_text, after_text FROM v_changes "
            "WHERE report_id = ? ORDER BY change_no",
            [AP],
        )
        others = w.fetch_all("SELECT count(*) FROM v_changes WHERE report_id <> ?", [AP])
    assert [(r[0], r[1], r[2]) for r in rows] == [(1, 2, "changed"), (1, 2, "added")]
    assert "the White House national security adviser" in rows[0][3]
    assert "spokesman for the White House National Security Council" in rows[0][4]
    assert rows[1][3] is None and rows[1][4].startswith("This story was updated to correct")
    assert others == [(0,)]


def test_the_note_is_attached_to_version_two(seeded: Path) -> None:
    with Warehouse.open(seeded, read_only=True) as w:
        rows = w.fetch_all("SELECT report_id, version_no, kind, note_text FROM v_corrections")
    assert len(rows) == 1
    assert rows[0][:3] == (AP, 2, "correction")
    assert rows[0][3].endswith("not the White House national security adviser.")


def test_text_is_rebuilt_exactly_from_paragraphs(seeded: Path) -> None:
    raw = (SEEDS / "000_4298c29b566fd99a.txt").read_text("utf-8")
    body = raw.split(" ", 3)[3]
    with Warehouse.open(seeded, read_only=True) as w:
        [(text, n_chars)] = w.fetch_all(
            "SELECT text, n_chars FROM v_versions WHERE report_id = ? AND version_no = 2", [AP]
        )
    assert text == body
    assert n_chars == len(body)


def test_reingest_adds_nothing(seeded: Path) -> None:
    with Warehouse.open(seeded) as w:
        before = w.fetch_all("SELECT count(*) FROM versions")
        counts = ingest_captures(w, read_seeds(SEEDS)[0])
        after = w.fetch_all("SELECT count(*) FROM versions")
    assert counts.new_versions == 0
    assert counts.already_seen == 3
    assert before == after == [(3,)]


def test_a_shared_paragraph_is_stored_once(seeded: Path) -> None:
    with Warehouse.open(seeded, read_only=True) as w:
        [(distinct, total)] = w.fetch_all(
            "SELECT count(DISTINCT paragraph_hash), count(*) FROM version_paragraphs "
            "WHERE report_id = ?",
            [AP],
        )
        [(stored,)] = w.fetch_all("SELECT count(*) FROM paragraphs")
    before = _paragraphs("reconstructed/000_4298c29b566fd99a.before-correction.txt")
    after = _paragraphs("000_4298c29b566fd99a.txt")
    nz = _paragraphs("003_e0a8b143a7695bce.txt")
    assert total == len(before) + len(after)
    # v2 shares every paragraph of v1 but the Kirby one, and adds the note paragraph.
    assert distinct == len(before) + 2
    assert stored == len(set(before) | set(after) | set(nz))


def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    Warehouse.open(db).close()
    with Warehouse.open(db) as w:
        assert w.migrate() == []
        names = w.fetch_all("SELECT name FROM schema_migrations ORDER BY version")
    assert names[:2] == [("core",), ("transitions",)]


def test_a_failed_batch_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    captures, _ = read_seeds(SEEDS)
    with Warehouse.open(db) as w:
        # A view that breaks every insert into versions makes the batch fail mid-way.
        w.connection.execute("ALTER TABLE versions ADD COLUMN poison INTEGER NOT NULL DEFAULT 1")
        w.connection.execute("ALTER TABLE versions ALTER COLUMN poison DROP DEFAULT")
        with pytest.raises(Exception, match="poison"):
            ingest_captures(w, captures)
        counts = w.fetch_all(
            "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM paragraphs), "
            "(SELECT count(*) FROM captures)"
        )
    assert counts == [(0, 0, 0)]


def test_locked_warehouse_is_one_clear_error(seeded: Path) -> None:
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(seeded)!r}); "
            "print('locked', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        from newsledger.store.warehouse import WarehouseLockedError

        with pytest.raises(WarehouseLockedError, match="is open in another process"):
            Warehouse.open(seeded)
    finally:
        holder.kill()
        holder.wait()


def test_capture_with_new_text_becomes_version_three(seeded: Path) -> None:
    from datetime import UTC, datetime

    with Warehouse.open(seeded) as w:
        latest = w.latest_versions([AP])[AP]
        edited = tuple(p.replace("more than 60", "more than 130") for p in latest.paragraphs)
        capture = Capture(AP, datetime(2024, 3, 24, tzinfo=UTC), "test", edited)
        counts = ingest_captures(w, [capture])
        rows = w.fetch_all(
            "SELECT to_version, op FROM v_changes WHERE report_id = ? AND to_version = 3", [AP]
        )
    assert counts.new_versions == 1
    assert rows == [(3, "changed"), (3, "changed")]
