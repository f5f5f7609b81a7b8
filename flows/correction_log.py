"""Prefect flow: write the editors' correction log from the warehouse's views.

Reads only; it waits (bounded, with back-off) while an ingest batch holds the file.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsledger.config import DEFAULT_DB, DEFAULT_REPORT_DIR
from newsledger.outputs.report import render_correction_log
from newsledger.outputs.report_data import ReportFilters
from newsledger.store.warehouse import Warehouse


@task(name="render-correction-log", retries=2, retry_delay_seconds=30, cache_policy=NO_CACHE)
def render(db_path: Path, report_dir: Path) -> list[str]:
    with Warehouse.open(db_path, read_only=True, wait_s=120) as warehouse:
        paths = render_correction_log(warehouse, report_dir, ReportFilters(None, None, None, None))
    return [str(p) for p in (paths.html, paths.markdown, paths.csv, paths.json, paths.atom)]


@flow(name="correction-log", flow_run_name="correction-log into {report_dir}")
def correction_log_flow(
    db_path: str = str(DEFAULT_DB), report_dir: str = str(DEFAULT_REPORT_DIR)
) -> list[str]:
    paths = render(Path(db_path), Path(report_dir))
    get_run_logger().info("correction log written: %s", ", ".join(paths))
    return paths
