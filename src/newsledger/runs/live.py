"""Live ingest: feeds polled, pages fetched and extracted, captures versioned and stored.

The two runs the feed and refetch flows call; their steps are polling.py (feeds) and
pages.py (page batches). The warehouse is opened only to read state and to write a batch,
never while the network is being waited on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from newsledger.capture.feeds import FeedEntry
from newsledger.capture.fetch import Fetcher, FetchPolicy
from newsledger.capture.sources import FeedSource, SourcesConfig, refetch_due
from newsledger.capture.warc import WarcArchive
from newsledger.models import ArticleRecord
from newsledger.runs.fetches import PageJob
from newsledger.runs.options import LiveCounts, LiveRunOptions, ProgressCallback, new_run_id
from newsledger.runs.pages import load_staged_folders, run_pages
from newsledger.runs.polling import (
    feeds_due,
    jobs_for_entries,
    limit_job_hosts,
    next_poll_at,
    poll_feeds,
)
from newsledger.store.locking import writer_lock
from newsledger.store.warehouse import Warehouse, query_sql


def make_fetcher(config: SourcesConfig, **overrides: object) -> Fetcher:
    kwargs = config.fetch.policy_kwargs()
    if config.fetch.allow_hosts is not None:
        kwargs["allow_hosts"] = frozenset(config.fetch.allow_hosts)
    kwargs.update(overrides)
    return Fetcher(FetchPolicy(**kwargs))  # type: ignore[arg-type]


def ingest_feeds(
    config: SourcesConfig,
    options: LiveRunOptions,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    poll_all: bool = False,
) -> LiveCounts:
    """Poll due feeds, fetch their new or listed articles, version what changed.

    Holds the warehouse's writer lock for the run (bounded wait; WriterBusyError past it).
    """
    run_id = new_run_id("ingest-feeds")
    with writer_lock(options.db_path, options.writer_wait_s), _fetcher_for(config, fetcher) as web:
        counts = load_staged_folders(options)
        now = options.now or datetime.now(UTC)
        with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
            states = warehouse.feed_states()
            failed_before = dict(warehouse.fetch_all(query_sql("feed_failure_streaks")))
        feeds = list(config.feeds) if poll_all else feeds_due(config.feeds, states, now)
        polled = {feed.name for feed in feeds}
        not_due = [feed for feed in config.feeds if feed.name not in polled]
        archive = WarcArchive(options.archive_root) if options.archive_root else None
        poll = poll_feeds(web, feeds, states, run_id, archive, options.max_workers, failed_before)
        poll.counts.feeds_not_due = len(not_due)
        poll.counts.next_poll_at = next_poll_at(not_due, states)
        list_entries = [
            (FeedSource(lst.name, lst.urls[0], lst.outlet), FeedEntry(url, url, None, None, None))
            for lst in config.article_lists
            for url in lst.urls
        ]
        entries = poll.entries + list_entries
        aliases = [a for _, e in entries for a in (e.link, e.guid) if a]
        with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
            known = warehouse.articles_by_alias(aliases)
        jobs = jobs_for_entries(entries, known)
        # One archive for the run: it knows which day files it has already checked.
        counts.add(run_pages(web, jobs, options, run_id, poll.staged, progress, archive))
        counts.add(poll.counts)
        _refresh_stories_after(counts, options)
        return counts


def refetch_known(
    config: SourcesConfig,
    options: LiveRunOptions,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    report_ids: Sequence[str] | None = None,
    refetch_all: bool = False,
) -> LiveCounts:
    """Re-fetch the known articles that the decaying schedule says are due.

    `refetch_all` re-checks every known article now, and `report_ids` (full ids: resolve
    prefixes with store.report_ids first) just those, whatever the schedule says.
    """
    run_id = new_run_id("refetch")
    now = options.now or datetime.now(UTC)
    with writer_lock(options.db_path, options.writer_wait_s), _fetcher_for(config, fetcher) as web:
        counts = load_staged_folders(options)
        with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
            articles = warehouse.all_articles()
        jobs = [
            PageJob(a.fetch_url, a.source_name, None, (), a)
            for a in _to_refetch(articles, config, now, report_ids, refetch_all)
        ]
        limit_job_hosts(web, config.feeds, jobs)
        counts.add(run_pages(web, jobs, options, run_id, None, progress))
        _refresh_stories_after(counts, options)
        return counts


def _to_refetch(
    articles: Sequence[ArticleRecord],
    config: SourcesConfig,
    now: datetime,
    report_ids: Sequence[str] | None,
    refetch_all: bool,
) -> list[ArticleRecord]:
    """Every article, the ones named, or the ones the decaying schedule says are due."""
    if refetch_all:
        return list(articles)
    if report_ids:
        named = set(report_ids)
        return [a for a in articles if a.report_id in named]
    return [
        a
        for a in articles
        if refetch_due(
            a.first_seen_at,
            a.last_changed_at or a.first_seen_at,
            a.last_fetched_at,
            now,
            config.refetch_for(a.source_name),
        )
    ]


def _refresh_stories_after(counts: LiveCounts, options: LiveRunOptions) -> None:
    """Rebuilds stories when they are older than the newest version: this run's new versions,
    or an earlier run's that died between its last batch and the rebuild."""
    if not options.refresh_stories:
        return
    from newsledger.runs.storylines import refresh_stories_if_stale

    with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
        refresh_stories_if_stale(warehouse)


@contextmanager
def _fetcher_for(config: SourcesConfig, given: Fetcher | None) -> Iterator[Fetcher]:
    """The caller's fetcher, or one made from the sources file and closed afterwards."""
    if given is not None:
        yield given
        return
    with make_fetcher(config) as fetcher:
        yield fetcher
