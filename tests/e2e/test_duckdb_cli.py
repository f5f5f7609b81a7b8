"""Analysts open the warehouse with the DuckDB command line from PyPI (duckdb-cli 1.x, a dev
dependency), read-only: the file's storage format is one it reads, every view binds in it,
and the README's session gives what the README shows."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.warehouse import view_definitions

ROOT = Path(__file__).resolve().parents[2]
# Never fetch an extension from the network: the views must bind with what the CLI ships.
OFFLINE = "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;"


@pytest.fixture(scope="module")
def duckdb_cli() -> str:
    found = shutil.which("duckdb", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the duckdb-cli dev dependency is not installed: pip install -e '.[dev]'")
    return found


@pytest.fixture(scope="module")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's warehouse: the seeds, ingested as `make demo` does."""
    db = tmp_path_factory.mktemp("demo") / "newsledger.duckdb"
    ingest_seed_folder(ROOT / "seeds", db)
    return db


def run_cli(cli: str, db: Path, sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cli, "-readonly", str(db), "-cmd", OFFLINE, "-json", "-c", sql],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def query(cli: str, db: Path, sql: str) -> list[dict[str, object]]:
    result = run_cli(cli, db, sql)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout or "[]")
    return rows


def readme_session() -> list[str]:
    """The statements typed at the `D ` prompt in README.md's analysts' section."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Querying the warehouse (analysts)", 1)[1].split("\n## ", 1)[0]
    return [line[2:] for line in section.splitlines() if re.match(r"D [^.]", line)]


def test_the_cli_is_an_older_release_than_the_writer(duckdb_cli: str) -> None:
    version = subprocess.run([duckdb_cli, "--version"], capture_output=True, text=True).stdout
    assert version.startswith("v1."), version


def test_every_view_reads_in_the_cli(duckdb_cli: str, demo_warehouse: Path) -> None:
    names = [name for name, _ in view_definitions()]
    sql = " UNION ALL ".join(f"SELECT '{n}' AS view, count(*) AS n FROM {n}" for n in names)
    rows = query(duckdb_cli, demo_warehouse, sql + " ORDER BY view")
    counts = {row["view"]: row["n"] for row in rows}
    assert sorted(counts) == sorted(names)
    assert (counts["v_versions"], counts["v_changes"], counts["v_correction_log"]) == (3, 2, 1)


def test_the_readme_session_answers_as_shown(duckdb_cli: str, demo_warehouse: Path) -> None:
    changes, log = readme_session()
    assert query(duckdb_cli, demo_warehouse, changes) == [
        {"to_version": 2, "op": "changed", "kinds": ["name_or_title"],
         "names": "adviser → Council, spokesman"},
        {"to_version": 2, "op": "added", "kinds": ["added"], "names": None},
    ]  # fmt: skip
    assert query(duckdb_cli, demo_warehouse, log) == [
        {"outlet": "Associated Press", "status": "declared_and_observed",
         "kinds": ["added", "name_or_title"], "has_note": True},
    ]  # fmt: skip


def test_a_read_only_session_changes_nothing(duckdb_cli: str, demo_warehouse: Path) -> None:
    before = hashlib.sha256(demo_warehouse.read_bytes()).hexdigest()
    refused = run_cli(duckdb_cli, demo_warehouse, "CREATE TABLE scratch (i INTEGER)")
    assert refused.returncode != 0
    assert "read-only" in refused.stderr + refused.stdout
    assert hashlib.sha256(demo_warehouse.read_bytes()).hexdigest() == before
