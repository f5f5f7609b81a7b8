"""Prefect flows: poll feeds and re-fetch known articles.

Thin: Prefect sees one task per run stage, not one per article (a task costs
milliseconds and server load; a 10,000-article poll must not spend its time there).
A run that finds another writer busy past the wait ends Completed, named Skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, State

from flows.summary import publish_summary, skipped
from newsledger.capture.sources import load_sources
from newsledger.config import DEFAULT_DB
from newsledger.outputs.notify import notify_new_transitions
from newsledger.runs.live import ingest_feeds, refetch_known
from newsledger.runs.options import LiveCounts, LiveRunOptions
from newsledger.store.locking import WriterBusyError

DEFAULT_SOURCES = "sources.toml"


def _options(db_path: str, archive_root: str | None, writer_wait_s: float) -> LiveRunOptions:
    db = Path(db_path)
    archive = Path(archive_root) if archive_root else db.parent / "warc"
    return LiveRunOptions(db_path=db, archive_root=archive, writer_wait_s=writer_wait_s)


# Retried once: every batch is one transaction and re-fetching stored pages adds nothing.
@task(name="poll-feeds-fetch-store", retries=1, retry_delay_seconds=10, timeout_seconds=3600,
      cache_policy=NO_CACHE)  # fmt: skip
def poll_and_store(sources_path: Path, options: LiveRunOptions, poll_all: bool) -> LiveCounts | str:
    try:
        return ingest_feeds(load_sources(sources_path), options, poll_all=poll_all)
    except WriterBusyError as busy:
        return str(busy)


@task(name="refetch-store", retries=1, retry_delay_seconds=10, timeout_seconds=3600,
      cache_policy=NO_CACHE)  # fmt: skip
def refetch_and_store(sources_path: Path, options: LiveRunOptions) -> LiveCounts | str:
    try:
        return refetch_known(load_sources(sources_path), options)
    except WriterBusyError as busy:
        return str(busy)


# Webhooks are best effort: failures are logged and counted, never raised into the run.
@task(name="notify", retries=0, timeout_seconds=120, cache_policy=NO_CACHE)
def notify(sources_path: Path, db_path: Path, run_started: str) -> int:
    return notify_new_transitions(load_sources(sources_path).notify, db_path, run_started)


def _finish(
    result: LiveCounts | str, title: str, sources_path: str, db_path: str, started: str
) -> State[Any] | dict[str, Any]:
    if isinstance(result, str):
        return skipped(result)
    summary = publish_summary(result, title)
    summary["notifications"] = notify(Path(sources_path), Path(db_path), started)
    return Completed(message=f"{title}: {result.new_versions} new versions", data=summary)


@flow(name="ingest-feeds", flow_run_name="ingest-feeds from {sources_path}")
def ingest_feeds_flow(
    sources_path: str = DEFAULT_SOURCES,
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
    poll_all: bool = False,
    writer_wait_s: float = 60.0,
) -> State[Any] | dict[str, Any]:
    """Poll due feeds -> fetch new and listed articles -> extract -> version -> diff."""
    from datetime import UTC, datetime

    started = datetime.now(UTC).isoformat()
    options = _options(db_path, archive_root, writer_wait_s)
    result = poll_and_store(Path(sources_path), options, poll_all)
    return _finish(result, "ingest-feeds", sources_path, db_path, started)


@flow(name="refetch", flow_run_name="refetch due articles from {sources_path}")
def refetch_flow(
    sources_path: str = DEFAULT_SOURCES,
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
    writer_wait_s: float = 60.0,
) -> State[Any] | dict[str, Any]:
    """Re-fetch the known articles the decaying schedule says are due."""
    from datetime import UTC, datetime

    started = datetime.now(UTC).isoformat()
    result = refetch_and_store(Path(sources_path), _options(db_path, archive_root, writer_wait_s))
    return _finish(result, "refetch", sources_path, db_path, started)
