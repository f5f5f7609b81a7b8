"""Exports the analyst views as Parquet, partitioned by capture date, for lakehouse users.

One folder per view, Hive-style: DIR/v_versions/capture_date=2024-03-23/data_0.parquet.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from newsledger.store.warehouse import Warehouse


def export_queries() -> dict[str, str]:
    """View name -> the SELECT that adds its capture_date column."""
    folder = resources.files("newsledger.store").joinpath("queries", "export")
    return {
        entry.name.removesuffix(".sql"): entry.read_text("utf-8").strip().rstrip(";")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".sql")
    }


def export_views_parquet(warehouse: Warehouse, out_dir: Path) -> dict[str, int]:
    """Writes every view (replacing an earlier export); returns rows written per view."""
    written: dict[str, int] = {}
    for view, select in export_queries().items():
        target = out_dir / view
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        [(n_rows,)] = warehouse.fetch_all(f"SELECT count(*) FROM ({select})")
        if n_rows:
            # COPY cannot take the query as a parameter; `select` comes from our own files.
            warehouse.connection.execute(
                f"COPY ({select}) TO ? (FORMAT parquet, PARTITION_BY (capture_date))",
                [str(target)],
            ).fetchall()
        written[view] = n_rows
    return written
