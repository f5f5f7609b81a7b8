"""Exports the analyst views as Parquet, partitioned by capture date, for lakehouse users.

One folder per view, Hive-style: DIR/v_versions/capture_date=2024-03-23/data_0.parquet.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from pathlib import Path

from newsledger.outputs.terminal import os_reason
from newsledger.store.warehouse import Warehouse


class ExportError(RuntimeError):
    """The export folder cannot be used; the message names it and the fix."""


def export_queries() -> dict[str, str]:
    """View name -> the SELECT that adds its capture_date column."""
    folder = resources.files("newsledger.store").joinpath("queries", "export")
    return {
        entry.name.removesuffix(".sql"): entry.read_text("utf-8").strip().rstrip(";")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".sql")
    }


def prepare_export_folder(out_dir: Path) -> None:
    """Creates out_dir and proves it writable before an earlier export in it is removed."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as error:
        raise ExportError(
            f"cannot export into {out_dir}: {os_reason(error)} (pass a folder you can write)"
        ) from None


def export_views_parquet(warehouse: Warehouse, out_dir: Path) -> dict[str, int]:
    """Writes every view (replacing an earlier export); returns rows written per view."""
    prepare_export_folder(out_dir)
    written: dict[str, int] = {}
    for view, select in export_queries().items():
        target = out_dir / view
        try:
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
        except OSError as error:
            raise ExportError(
                f"cannot export into {target}: {os_reason(error)} (pass a folder you can write)"
            ) from None
        [(n_rows,)] = warehouse.fetch_all(f"SELECT count(*) FROM ({select})")
        if n_rows:
            # COPY cannot take the query as a parameter; `select` comes from our own files.
            warehouse.connection.execute(
                f"COPY ({select}) TO ? (FORMAT parquet, PARTITION_BY (capture_date))",
                [str(target)],
            ).fetchall()
        written[view] = n_rows
    return written
