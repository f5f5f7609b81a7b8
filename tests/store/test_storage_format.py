"""The warehouse file is written in a storage format DuckDB 1.x reads, and a file an earlier
release wrote in DuckDB 2's own format is rewritten once, with every row and sequence kept."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.storage_format import STORAGE_VERSION
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TABLES = ("versions", "paragraphs", "changes", "change_kinds", "corrections", "transitions",
          "captures", "reviews", "fact_claims", "schema_migrations")  # fmt: skip
NEWEST = "v2.0.0"


def add_review(warehouse: Warehouse, status: str, by: str) -> None:
    [(entry_id,)] = warehouse.fetch_all("SELECT entry_id FROM v_correction_log")
    warehouse.fetch_all(
        "INSERT INTO reviews (entry_id, status, reviewed_by, reviewed_at) VALUES (?, ?, ?, now())",
        [entry_id, status, by],
    )


def file_storage_version(path: Path) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        [(tags,)] = con.execute(
            "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()
    return str(tags["storage_version"])


def rows_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def test_a_new_warehouse_is_written_in_the_supported_format(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, db)
    assert file_storage_version(db) == STORAGE_VERSION + "+"


@pytest.fixture
def newest_format(tmp_path: Path) -> Path:
    """A seeded warehouse with one review, copied into DuckDB's newest storage format, as
    newsledger wrote it before it chose the format."""
    if not duckdb.__version__.startswith("2."):
        pytest.skip("only DuckDB 2.x writes a format DuckDB 1.x cannot read")
    seeded = tmp_path / "seeded.duckdb"
    ingest_seed_folder(SEEDS, seeded)
    with Warehouse.open(seeded) as warehouse:
        add_review(warehouse, "reviewed", "ana")
    db = tmp_path / "w.duckdb"
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{seeded}' AS old (READ_ONLY)")
        con.execute(f"ATTACH '{db}' AS new (STORAGE_VERSION '{NEWEST}')")
        con.execute("COPY FROM DATABASE old TO new")
    assert file_storage_version(db) == NEWEST + "+"
    return db


def test_a_file_in_the_newest_format_is_rewritten_on_write_open(newest_format: Path) -> None:
    before = rows_of(newest_format)
    with Warehouse.open(newest_format) as warehouse:
        add_review(warehouse, "needs-note", "bo")
        reviews = warehouse.fetch_all("SELECT review_no, reviewed_by FROM reviews ORDER BY 1")
    assert file_storage_version(newest_format) == STORAGE_VERSION + "+"
    after = rows_of(newest_format)
    assert {t: after[t] for t in TABLES if t != "reviews"} == {
        t: before[t] for t in TABLES if t != "reviews"
    }
    # The review sequence carried on where it was: no review number is given twice.
    assert reviews == [(1, "ana"), (2, "bo")]
    assert not list(newest_format.parent.glob(".*rewrite*"))
    assert not newest_format.with_name("w.duckdb.wal").exists()


def test_a_read_only_open_leaves_the_file_as_it_is(newest_format: Path) -> None:
    with Warehouse.open(newest_format, read_only=True) as warehouse:
        assert warehouse.fetch_all("SELECT count(*) FROM v_versions") == [(3,)]
    assert file_storage_version(newest_format) == NEWEST + "+"
