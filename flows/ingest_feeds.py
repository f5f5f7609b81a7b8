"""Prefect flows: poll feeds and re-fetch known articles.

Thin: Prefect sees one task per stage and batch, not one per article (a task costs
milliseconds and server load; a 10,000-article poll must not spend its time there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsledger.config import DEFAULT_DB
from newsledger.live import LiveCounts, LiveRunOptions, ingest_feeds, refetch_known
from newsledger.sources import load_sources

DEFAULT_SOURCES = "sources.toml"


def _options(db_path: str, archive_root: str | None) -> LiveRunOptions:
    db = Path(db_path)
    return LiveRunOptions(
        db_path=db, archive_root=Path(archive_root) if archive_root else db.parent / "warc"
    )


@task(name="poll-feeds-and-store", retries=1, retry_delay_seconds=10, timeout_seconds=3600,
      cache_policy=NO_CACHE)  # fmt: skip
def poll_and_store(sources_path: Path, options: LiveRunOptions, poll_all: bool) -> LiveCounts:
    # Safe to retry: every batch is one transaction and a re-fetch of stored pages adds nothing.
    return ingest_feeds(load_sources(sources_path), options, poll_all=poll_all)


@task(name="refetch-and-store", retries=1, retry_delay_seconds=10, timeout_seconds=3600,
      cache_policy=NO_CACHE)  # fmt: skip
def refetch_and_store(sources_path: Path, options: LiveRunOptions) -> LiveCounts:
    return refetch_known(load_sources(sources_path), options)


def _log_summary(counts: LiveCounts) -> dict[str, Any]:
    summary = counts.as_dict()
    get_run_logger().info("run summary: %s", summary)
    return summary


@flow(name="ingest-feeds", flow_run_name="ingest-feeds from {sources_path}")
def ingest_feeds_flow(
    sources_path: str = DEFAULT_SOURCES,
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
    poll_all: bool = False,
) -> dict[str, Any]:
    """Poll due feeds -> fetch new and listed articles -> extract -> version -> diff."""
    counts = poll_and_store(Path(sources_path), _options(db_path, archive_root), poll_all)
    return _log_summary(counts)


@flow(name="refetch", flow_run_name="refetch known articles from {sources_path}")
def refetch_flow(
    sources_path: str = DEFAULT_SOURCES,
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
) -> dict[str, Any]:
    """Re-fetch the known articles the decaying schedule says are due."""
    counts = refetch_and_store(Path(sources_path), _options(db_path, archive_root))
    return _log_summary(counts)
