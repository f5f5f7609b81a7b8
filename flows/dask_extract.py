"""Prefect flow: a feed run whose article extraction, the CPU cost, runs on a Dask cluster.

Fetching (network-bound, politeness-limited) and the one warehouse write stay in the
flow's process; only chunks of fetched pages go to Dask workers and come back extracted.
The cluster is a running scheduler given by address (the `ingest-feeds-dask` deployment's
`scheduler_address`: workers on other machines), else a LocalCluster the run starts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeAlias

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State
from prefect.task_runners import TaskRunner
from prefect_dask import DaskTaskRunner

from flows.finish import finish_live_run, sources_or_failed
from newsledger.capture.sources import SourcesConfig
from newsledger.config import DEFAULT_DB
from newsledger.runs.fetches import PageFetch
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveCounts, LiveRunOptions
from newsledger.runs.pages import needs_extraction
from newsledger.store.locking import WriterBusyError
from newsledger.text.extract import ExtractedArticle, NoArticle, extract_article

# Pages per Dask task: enough to amortise a task's scheduling, few enough to spread a batch.
DEFAULT_CHUNK_PAGES = 8
Page: TypeAlias = tuple[bytes, str | None, str | None]
Extracted: TypeAlias = ExtractedArticle | NoArticle


def local_cluster(n_workers: int = 2) -> TaskRunner[Any]:
    """A LocalCluster on this box: single-threaded worker processes, every port on 127.0.0.1.

    The scheduler's HTTP routes still start (Dask always serves /health); ":0" puts them on
    a free loopback port rather than the fixed 8787 two runs on one box would fight over."""
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": n_workers,
            "threads_per_worker": 1,
            "processes": True,
            "host": "127.0.0.1",
            "dashboard_address": ":0",
        }
    )


def remote_cluster(address: str) -> TaskRunner[Any]:
    """A running Dask scheduler (e.g. tcp://10.0.0.5:8786) whose workers have newsledger."""
    return DaskTaskRunner(address=address)


@task(name="extract-pages", cache_policy=NO_CACHE)
def extract_chunk(pages: list[Page]) -> list[Extracted]:
    return [extract_article(body, url, encoding) for body, url, encoding in pages]


def extract_on_dask(
    pages: Sequence[PageFetch], chunk_pages: int, runner: TaskRunner[Any] | None = None
) -> dict[int, Extracted]:
    """Like pages.extract_pages, with chunks of the pages that need it as Dask tasks, on
    `runner` (a started Dask task runner) or else on the flow's own task runner."""
    todo = [i for i, page in enumerate(pages) if needs_extraction(page)]
    items: list[Page] = [
        (pages[i].result.body, pages[i].result.final_url, pages[i].result.encoding) for i in todo
    ]
    chunks = [items[start : start + chunk_pages] for start in range(0, len(items), chunk_pages)]
    if runner is None:
        futures = [extract_chunk.submit(chunk) for chunk in chunks]
    else:
        futures = [runner.submit(extract_chunk, {"pages": chunk}) for chunk in chunks]
    outputs = [article for future in futures for article in future.result()]
    return dict(zip(todo, outputs, strict=True))


@contextmanager
def scheduler_runner(address: str | None) -> Iterator[TaskRunner[Any] | None]:
    """A Dask task runner connected to the scheduler at `address` for the block; None (the
    flow's own LocalCluster) without one. Only the flow's client is closed at the end: the
    cluster belongs to whoever started it."""
    if not address:
        yield None
        return
    get_run_logger().info("extracting on the Dask scheduler at %s", address)
    with remote_cluster(address) as runner:
        yield runner


def ingest_feeds_on_dask(
    config: SourcesConfig,
    options: LiveRunOptions,
    poll_all: bool,
    chunk_pages: int,
    runner: TaskRunner[Any] | None = None,
) -> LiveCounts:
    """live.ingest_feeds with extraction on Dask: `runner`, else the flow's task runner."""
    extract = partial(extract_on_dask, chunk_pages=chunk_pages, runner=runner)
    return ingest_feeds(config, replace(options, extract=extract), poll_all=poll_all)


@flow(
    name="ingest-feeds-dask",
    flow_run_name="ingest-feeds-dask from {sources_path}",
    task_runner=local_cluster(),
)
def ingest_feeds_dask_flow(
    sources_path: str = "sources.toml",
    db_path: str = str(DEFAULT_DB),
    archive_root: str | None = None,
    poll_all: bool = False,
    writer_wait_s: float = 60.0,
    chunk_pages: int = DEFAULT_CHUNK_PAGES,
    report_dir: str | None = None,
    scheduler_address: str | None = None,
) -> State[Any]:
    """Poll feeds -> fetch -> extract on Dask -> version -> one writer stores each batch.

    scheduler_address: a running Dask scheduler (tcp://host:8786) whose workers have
    newsledger installed; None starts a two-process LocalCluster on 127.0.0.1 for the run.
    """
    from datetime import UTC, datetime

    started = datetime.now(UTC).isoformat()
    config = sources_or_failed(sources_path)
    if isinstance(config, State):
        return config
    db = Path(db_path)
    archive = Path(archive_root) if archive_root else db.parent / "warc"
    options = LiveRunOptions(db_path=db, archive_root=archive, writer_wait_s=writer_wait_s)
    result: LiveCounts | str
    try:
        with scheduler_runner(scheduler_address) as runner:
            result = ingest_feeds_on_dask(config, options, poll_all, chunk_pages, runner)
    except WriterBusyError as busy:
        result = str(busy)
    return finish_live_run(result, "ingest-feeds-dask", config, db_path, report_dir, started)
