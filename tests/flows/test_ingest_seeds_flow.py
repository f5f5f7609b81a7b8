from __future__ import annotations

from pathlib import Path

import pytest
from flows.ingest_seeds import ingest_seeds_flow

from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.usefixtures("prefect_harness")
def test_seed_flow_stores_versions_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "flow.duckdb"
    first = ingest_seeds_flow(seeds_dir=str(SEEDS), db_path=str(db))
    second = ingest_seeds_flow(seeds_dir=str(SEEDS), db_path=str(db))
    assert (first["reports"], first["new_versions"], first["changes"], first["corrections"]) == (
        2,
        3,
        2,
        1,
    )
    assert (second["new_versions"], second["already_seen"]) == (0, 3)
    with Warehouse.open(db, read_only=True) as w:
        assert w.fetch_all("SELECT count(*) FROM v_versions") == [(3,)]


@pytest.mark.usefixtures("prefect_harness")
def test_seed_flow_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_bytes(b" date 2024-03-22 Fine text.")
    (seeds / "bad.txt").write_bytes(b" date 2024-02-30 Impossible date.")
    result = ingest_seeds_flow(seeds_dir=str(seeds), db_path=str(tmp_path / "w.duckdb"))
    assert result["new_versions"] == 1
    assert result["problems"] == [(str(seeds / "bad.txt"), "bad date '2024-02-30' in the header")]
