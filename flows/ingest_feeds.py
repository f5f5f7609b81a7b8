"""Prefect flows: poll feeds and re-fetch known articles.

Thin: Prefect sees one task per run stage, not one per article (a task costs
milliseconds and server load; a 10,000-article poll must not spend its time there).
A run that finds another writer busy past the wait ends Completed, named Skipped; one whose
feeds all failed ends Failed, and a bad sources file fails it at once (flows/finish.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State

from flows.finish import finish_live_run, sources_or_failed
from newsledger.capture.sources import SourcesConfig
from newsledger.config import DEFAULT_DB
from newsledger.runs.live import ingest_feeds, refetch_known
from newsledger.runs.options import LiveCounts, LiveRunOptions
from newsledger.store.locking import WriterBusyError

DEFAULT_SOURCES = "sources.toml"


def _options(
    db_path: str, archive_root: str | None, writer_wait_s: float, refresh_stories: bool = True
) -> LiveRunOptions:
    db = Path(db_path)
    archive = Path(archive_root) if archive_root else db.parent / "warc"
    return LiveRunOptions(db_path=db, archive_root=archive, writer_wait_s=writer_wait_s,
                          refresh_stories=refresh_stories)  # fmt: skip


# Retried once: every batch is one transaction and re-fetching stored pages adds nothing.
@task(name="poll-feeds-fetch-store", retries=1, retry_delay_seconds=10, timeout_seconds=3600,
      cache_policy=NO_CACHE)  # fmt: skip
def poll_and_store(
    config: SourcesConfig, options: LiveRunOptions, poll_all: bool
) -> LiveCounts | str:
    try:
        return ingest_feeds(config, options, poll_all=poll_all)
    except WriterBusyError as busy:
        return str(busy)


@task(name="refetch-store", retries=1, retry_delay_seconds=10, timeout_seconds=3600,
      cache_policy=NO_CACHE)  # fmt: skip
def refetch_and_store(
    config: SourcesConfig,
    options: LiveRunOptions,
    report_ids: list[str] | None,
    refetch_all: bool,
) -> LiveCounts | str:
    try:
        return refetch_known(config, options, report_ids=report_ids, refetch_all=refetch_all)
    except WriterBusyError as busy:
        return str(busy)


@flow(name="ingest-feeds", flow_run_name="ingest-feeds from {sources_path}")
def ingest_feeds_flow(
    sources_path: str = DEFAULT_SOURCES,
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
    poll_all: bool = False,
    writer_wait_s: float = 60.0,
    report_dir: str | None = None,
    refresh_stories: bool = True,
) -> State[Any]:
    """Poll due feeds -> fetch new and listed articles -> extract -> version -> diff.

    report_dir: where the correction log is rebuilt after a run that stored new versions
    (the deployments set it; None: not rebuilt). refresh_stories: regroup stories when they
    are older than the newest version (whole-warehouse work; False leaves it to a later run).
    """
    from datetime import UTC, datetime

    started = datetime.now(UTC).isoformat()
    config = sources_or_failed(sources_path)
    if isinstance(config, State):
        return config
    options = _options(db_path, archive_root, writer_wait_s, refresh_stories)
    result = poll_and_store(config, options, poll_all)
    return finish_live_run(result, "ingest-feeds", config, db_path, report_dir, started)


@flow(name="refetch", flow_run_name="refetch due articles from {sources_path}")
def refetch_flow(
    sources_path: str = DEFAULT_SOURCES,
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
    writer_wait_s: float = 60.0,
    report_dir: str | None = None,
    refetch_all: bool = False,
    report_ids: list[str] | None = None,
) -> State[Any]:
    """Re-fetch the known articles the decaying schedule says are due; with refetch_all,
    every known article now, and with report_ids (whole ids) those, whatever the schedule."""
    from datetime import UTC, datetime

    started = datetime.now(UTC).isoformat()
    config = sources_or_failed(sources_path)
    if isinstance(config, State):
        return config
    options = _options(db_path, archive_root, writer_wait_s)
    result = refetch_and_store(config, options, report_ids, refetch_all)
    return finish_live_run(result, "refetch", config, db_path, report_dir, started)
