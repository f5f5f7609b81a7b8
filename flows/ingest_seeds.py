"""Prefect flow: read the seed folder and store its captures as versions.

Thin: it batches, logs and names the run; every step is a plain function in newsledger.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsledger.capture.seeds import read_seeds
from newsledger.config import DEFAULT_DB, DEFAULT_SEEDS
from newsledger.models import Capture, SeedProblem
from newsledger.runs.pipeline import BatchCounts, store_captures


@task(name="read-seeds", cache_policy=NO_CACHE)
def read_seed_captures(seeds_dir: Path) -> tuple[list[Capture], list[SeedProblem]]:
    return read_seeds(seeds_dir)


@task(name="store-captures", cache_policy=NO_CACHE)
def store_seed_captures(db_path: Path, captures: list[Capture]) -> BatchCounts:
    return store_captures(db_path, captures)


@flow(name="ingest-seeds", flow_run_name="ingest-seeds from {seeds_dir}", log_prints=False)
def ingest_seeds_flow(
    seeds_dir: str = str(DEFAULT_SEEDS), db_path: str = str(DEFAULT_DB)
) -> dict[str, Any]:
    """Seeds -> versions -> diffs -> warehouse; returns the counts the CLI prints."""
    logger = get_run_logger()
    captures, problems = read_seed_captures(Path(seeds_dir))
    for problem in problems:
        logger.warning("skipped seed %s: %s", problem.path, problem.reason)
    counts = store_seed_captures(Path(db_path), captures)
    logger.info(
        "%d reports, %d captures, %d new versions, %d changes, %d corrections",
        len(counts.reports),
        counts.captures,
        counts.new_versions,
        counts.changes,
        counts.corrections,
    )
    return {
        "reports": len(counts.reports),
        "captures": counts.captures,
        "new_versions": counts.new_versions,
        "unchanged": counts.unchanged,
        "already_seen": counts.already_seen,
        "changes": counts.changes,
        "corrections": counts.corrections,
        "problems": [(p.path, p.reason) for p in problems],
    }
