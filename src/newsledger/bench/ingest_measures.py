"""Ingest measures on a served site: cold poll, re-polls, the 10%-changed poll, bare
trafilatura, Prefect's overhead and the streamed RSS run; plain numbers out, no target asserted.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from newsledger.bench.corpus import Corpus, iter_articles
from newsledger.bench.render import render_article
from newsledger.bench.server import FeedLink
from newsledger.capture.fetch import Fetcher, FetchPolicy, FetchResult
from newsledger.capture.sources import SourcesConfig, parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveCounts, LiveRunOptions

LOOPBACK_POLICY = FetchPolicy(
    per_host_min_gap_s=0,
    per_host_concurrency=16,
    respect_robots=False,
    allow_hosts=frozenset({"127.0.0.1"}),
    backoff_base_s=0.01,
)
EXTRACT_PROCESSES = 2
FETCH_WORKERS = 16


def fast_fetcher() -> Fetcher:
    return Fetcher(LOOPBACK_POLICY)


class ServesFeeds(Protocol):
    """A served site with feeds (NewsroomServer, the real-pages site)."""

    def feeds(self) -> list[FeedLink]: ...


def sources_toml(server: ServesFeeds) -> str:
    """The sources file for the served site's feeds, with the loopback fetch policy."""
    feeds = "".join(
        f'\n[[feeds]]\nname = "{feed.name}"\nurl = "{feed.url}"\noutlet = "{feed.outlet}"\n'
        for feed in server.feeds()
    )
    return (
        '[fetch]\nallow_hosts = ["127.0.0.1"]\nper_host_min_gap_s = 0\n'
        "per_host_concurrency = 16\nrespect_robots = false\nbackoff_base_s = 0.01\n" + feeds
    )


def sources_config(server: ServesFeeds) -> SourcesConfig:
    return parse_sources(sources_toml(server))


def run_options(
    db_path: Path, batch_size: int, archive_root: Path | None = None, stories: bool = False
) -> LiveRunOptions:
    """The pipeline's options for a measured run. Story regrouping is whole-warehouse work
    after the run, timed on its own (measure `stories_refresh_s`), so it is off here."""
    return LiveRunOptions(
        db_path=db_path,
        archive_root=archive_root,
        batch_size=batch_size,
        processes=EXTRACT_PROCESSES,
        max_workers=FETCH_WORKERS,
        refresh_stories=stories,
    )


@dataclass(frozen=True)
class Timed:
    seconds: float
    counts: LiveCounts


def timed_poll(server: ServesFeeds, options: LiveRunOptions) -> Timed:
    """One `ingest_feeds` over every feed of the served site, timed end to end."""
    config = sources_config(server)
    with fast_fetcher() as fetcher:
        started = time.perf_counter()
        counts = ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
        return Timed(time.perf_counter() - started, counts)


@contextmanager
def one_core() -> Iterator[None]:
    """Pins this process to one CPU for the block (where the OS allows it)."""
    if not hasattr(os, "sched_getaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def bare_trafilatura_seconds(pages: Sequence[tuple[bytes, str]]) -> float:
    """trafilatura.bare_extraction alone over the same pages, one process on one core,
    with the options extract.py uses; decoding is included, nothing else."""
    import trafilatura

    with one_core():
        started = time.perf_counter()
        for body, url in pages:
            trafilatura.bare_extraction(
                body.decode("utf-8"),
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_formatting=False,
                include_images=False,
                include_links=False,
            )
        return time.perf_counter() - started


def expected_new_versions(corpus: Corpus, state: int) -> int:
    """Articles whose title, byline or text differs in `state` from the state before."""

    def content(article_state: Any) -> tuple[object, ...]:
        return (article_state.title, article_state.byline, article_state.paragraphs)

    return sum(
        1 for a in corpus.articles if content(a.states[state]) != content(a.states[state - 1])
    )


# ------------------------------------------------------------------------ Prefect


@dataclass(frozen=True)
class PrefectTimes:
    flow: list[float]  # ingest_feeds_flow as Prefect runs it by default
    flow_without_heartbeats: list[float]  # the same with flow-run heartbeats off
    direct: list[float]  # live.ingest_feeds with the flow's own options


def flow_and_direct_seconds(server: ServesFeeds, db_path: Path, repeats: int) -> PrefectTimes:
    """Wall times of the same re-poll (every feed answers 304, so the work is the polling and
    bookkeeping) through `ingest_feeds_flow` and through `live.ingest_feeds` with the flow's
    own options, alternated `repeats` times. The difference is what Prefect adds per run.

    Neither regroups stories (a first run after the cold ingest would rebuild them for the
    whole warehouse, which is not Prefect's cost; `stories_refresh_s` times it apart).
    The flow is timed a second time with Prefect's flow-run heartbeats off: Prefect 3.8 sends
    them by default (every 180 s, for crashed-run detection) from a thread that sleeps in
    1-second steps and is joined when the run ends, so every run waits up to a second for it.
    """
    from flows.ingest_feeds import ingest_feeds_flow
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from newsledger.runs.live import make_fetcher

    sources_path = db_path.parent / "sources.toml"
    sources_path.write_text(sources_toml(server), "utf-8")
    config = sources_config(server)
    archive_root = db_path.parent / "warc"

    def run_flow() -> None:
        ingest_feeds_flow(
            sources_path=str(sources_path),
            db_path=str(db_path),
            archive_root=str(archive_root),
            poll_all=True,
            refresh_stories=False,
        )

    def run_direct() -> None:
        options = LiveRunOptions(db_path, archive_root, refresh_stories=False)
        with make_fetcher(config) as fetcher:
            ingest_feeds(config, options, fetcher=fetcher, poll_all=True)

    times = PrefectTimes([], [], [])
    for _ in range(repeats):
        times.flow.append(_seconds(run_flow))
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            times.flow_without_heartbeats.append(_seconds(run_flow))
        times.direct.append(_seconds(run_direct))
    return times


def _seconds(run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


@contextmanager
def prefect_server() -> Iterator[str]:
    """The Prefect API to run flows against: the one already configured (a test harness),
    or a throwaway local server on 127.0.0.1 for the duration of the block."""
    from prefect.settings import PREFECT_API_URL

    configured = PREFECT_API_URL.value()
    if configured:
        yield str(configured)
        return
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())


# ------------------------------------------------------------------------ streamed run


class StreamFetcher:
    """Stands in for the Fetcher in a streamed run: answers each request with the page the
    corpus generator renders for it, so memory and throughput exclude the HTTP stack."""

    def __init__(self, seed: int, base_url: str) -> None:
        self.seed = seed
        self.base_url = base_url

    def fetch_many(self, requests: Sequence[Any], max_workers: int) -> list[FetchResult]:
        from datetime import UTC, datetime

        from newsledger.bench.render import etag_of

        results = []
        for request in requests:
            index = int(request.url.rsplit("-", 1)[1])
            article = next(iter_articles(self.seed, index, index + 1))
            body = render_article(article, 0, self.base_url)
            results.append(
                FetchResult(
                    url=request.url,
                    final_url=request.url,
                    status=200,
                    ok=True,
                    not_modified=False,
                    headers=(("Content-Type", "text/html; charset=utf-8"),),
                    request_headers=(),
                    body=body,
                    content_type="text/html; charset=utf-8",
                    encoding="utf-8",
                    elapsed_ms=0.0,
                    fetched_at=datetime.now(UTC),
                    etag=etag_of(body),
                    last_modified=None,
                    body_sha256=None,
                    redirects=(),
                    attempts=1,
                    error_class=None,
                    error_message=None,
                    http_version="HTTP/1.1",
                )
            )
        return results

    def close(self) -> None:
        """Nothing to close."""


class _BudgetSpent(Exception):
    pass


def stream_ingest(
    db_path: Path, seed: int, n_articles: int, batch_size: int, budget_s: float
) -> dict[str, Any]:
    """Streams first versions of articles 0..n-1 through pages.run_pages (real extraction in
    worker processes, versioning and storing, batch by batch) with pages rendered by the
    generator instead of fetched; stops after the batch that passes `budget_s`."""
    from newsledger.bench.memory import TreeMemorySampler
    from newsledger.runs.fetches import PageJob
    from newsledger.runs.options import new_run_id
    from newsledger.runs.pages import run_pages
    from newsledger.store.warehouse import Warehouse

    base_url = "http://127.0.0.1:9"
    jobs = [PageJob(f"{base_url}/stream/article-{i}", "stream", None) for i in range(n_articles)]
    started = time.perf_counter()

    def stop_when_spent(done: int, total: int) -> None:
        if time.perf_counter() - started > budget_s and done < total:
            raise _BudgetSpent

    # Duck-typed: serves generated pages in place of the network, as Fetcher.fetch does.
    fetcher = cast(Fetcher, StreamFetcher(seed, base_url))
    options = run_options(db_path, batch_size)
    with TreeMemorySampler() as memory, suppress(_BudgetSpent):
        run_pages(
            fetcher,
            jobs,
            options,
            new_run_id("bench-stream"),
            progress=stop_when_spent,
        )
    seconds = time.perf_counter() - started
    with Warehouse.open(db_path, read_only=True) as warehouse:
        stored = int(warehouse.fetch_all("SELECT count(*) FROM versions")[0][0])
    return {
        "articles_asked": n_articles,
        "articles_stored": stored,
        "seconds": seconds,
        "batch_size": batch_size,
        **memory.figures(),
    }


def peak_rss_run(
    workdir: Path, seed: int, n_articles: int, budget_s: float, batch_size: int
) -> dict[str, Any]:
    """stream_ingest in a fresh interpreter, so its peak RSS (the interpreter and its
    extraction workers, bench/memory.py) is the ingest's alone."""
    import json
    import subprocess

    db_path = workdir / "rss.duckdb"
    code = (
        "import json; from pathlib import Path; "
        "from newsledger.bench.ingest_measures import stream_ingest; "
        f"print(json.dumps(stream_ingest(Path({str(db_path)!r}), {seed}, {n_articles}, "
        f"{batch_size}, {budget_s})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=workdir
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
