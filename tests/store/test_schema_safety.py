"""Files that are not this newsledger's to write: a newer schema, another application's DuckDB
file, someone else's `versions` table. Each is refused with one line and left byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from newsledger.cli import main
from newsledger.store.warehouse import Warehouse, WarehouseError, schema_steps

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make(path: Path, *statements: str) -> Path:
    with duckdb.connect(str(path)) as con:
        for statement in statements:
            con.execute(statement)
    return path


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture
def newer(tmp_path: Path) -> Path:
    """A warehouse a later newsledger migrated: one schema step past every step known here."""
    db = tmp_path / "newer.duckdb"
    Warehouse.open(db).close()
    future = max(number for number, _, _ in schema_steps()) + 1
    return _make(
        db,
        f"INSERT INTO schema_migrations VALUES ({future}, 'from_the_future', now())",
        "CREATE OR REPLACE VIEW v_versions AS SELECT 'a newer view' AS shape",
    )


def test_a_newer_schema_is_refused_for_writing_and_left_untouched(newer: Path) -> None:
    before = _digest(newer)
    with pytest.raises(WarehouseError, match="newer than this newsledger knows") as refused:
        Warehouse.open(newer)
    assert "\n" not in str(refused.value)
    assert _digest(newer) == before
    with Warehouse.open(newer, read_only=True) as warehouse:  # reading it still works
        assert warehouse.fetch_all("SELECT shape FROM v_versions") == [("a newer view",)]


def _ingest(kind: str, db: Path) -> list[str]:
    """`ingest seeds` or `ingest feeds` into db; the feed is never fetched when db is refused."""
    if kind == "seeds":
        return ["ingest", "seeds", "--seeds", str(SEEDS), "--db", str(db)]
    sources = db.parent / "sources.toml"
    sources.write_text('[[feeds]]\nname = "n"\nurl = "http://127.0.0.1:9/feed"\noutlet = "O"\n')
    return ["ingest", "feeds", "--sources", str(sources), "--archive", str(db.parent / "w"),
            "--db", str(db)]  # fmt: skip


@pytest.mark.parametrize("kind", ["seeds", "feeds"])
def test_ingest_into_a_newer_schema_is_one_line_and_writes_nothing(
    newer: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    before = _digest(newer)
    assert main(_ingest(kind, newer)) == 2
    assert "newer than this newsledger knows" in _one_error_line(capsys)
    assert _digest(newer) == before


@pytest.mark.parametrize(
    "statements",
    [
        ("CREATE TABLE customers (id INTEGER, name VARCHAR)",
         "INSERT INTO customers VALUES (1, 'a')"),
        ("CREATE TABLE versions (id INTEGER, note VARCHAR)",),
        # Another tool's migrations table of the same name: its steps are not ours.
        ("CREATE TABLE schema_migrations (version INTEGER, name VARCHAR, applied_at TIMESTAMPTZ)",
         "INSERT INTO schema_migrations VALUES (1, 'create_users', now())",
         "CREATE TABLE users (id INTEGER)"),
    ],
    ids=["other-tables", "other-versions-table", "other-schema-migrations"],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["seeds", "feeds"])
def test_ingest_into_another_applications_file_is_refused_and_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], statements: tuple[str, ...], kind: str
) -> None:
    other = _make(tmp_path / "other.duckdb", *statements)
    before = _digest(other)
    assert main(_ingest(kind, other)) == 2
    line = _one_error_line(capsys)
    assert str(other) in line and ("another application" in line or "not a newsledger" in line)
    assert _digest(other) == before


@pytest.mark.parametrize(
    "command",
    [["reports"], ["check"], ["diff", "ap-moscow-concert-hall-attack"]],
    ids=["reports", "check", "diff"],
)
def test_read_commands_refuse_someone_elses_versions_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    other = _make(
        tmp_path / "other.duckdb",
        "CREATE TABLE versions (report_id VARCHAR, body VARCHAR)",
        "INSERT INTO versions VALUES ('ap-moscow-concert-hall-attack', 'not ours')",
    )
    assert main([*command, "--db", str(other)]) == 2
    line = _one_error_line(capsys)
    assert line == (
        f"error: {other} is not a newsledger warehouse (its versions table is another "
        "application's: there is no schema_migrations): check --db"
    )


def test_an_empty_duckdb_file_still_becomes_a_warehouse(tmp_path: Path) -> None:
    empty = _make(tmp_path / "empty.duckdb")
    with Warehouse.open(empty) as warehouse:
        assert warehouse.fetch_all("SELECT count(*) FROM versions") == [(0,)]
