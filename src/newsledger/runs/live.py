"""Live ingest: feeds polled, pages fetched and extracted, captures versioned and stored.

Plain functions the feed and refetch flows call batch by batch. The warehouse is opened
only to read state and to write a batch, never while the network is being waited on.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from newsledger.capture.feeds import FeedEntry, parse_feed
from newsledger.capture.fetch import Fetcher, FetchPolicy, FetchRequest, FetchResult
from newsledger.capture.sources import FeedSource, SourcesConfig, refetch_due
from newsledger.capture.warc import WarcArchive
from newsledger.models import (
    ArticleRecord,
    Capture,
    FeedStateRecord,
    FetchRecord,
    IngestBatch,
)
from newsledger.runs.pipeline import BatchCounts, plan_batch, store_captures
from newsledger.store.locking import writer_lock
from newsledger.store.staging import (
    StagedBatch,
    read_staged,
    remove_staged,
    staged_folders,
    write_staged,
)
from newsledger.store.warehouse import Warehouse, WarehouseLockedError
from newsledger.text.extract import (
    ExtractedArticle,
    NoArticle,
    extract_article,
    extract_many,
    make_extractor_pool,
)
from newsledger.text.normalize import normalize_paragraphs
from newsledger.text.urls import canonical_url, report_id_for_url

# Fewer pages than this are extracted in-process: a process pool costs more to start.
PARALLEL_EXTRACTION_MIN = 16
DEFAULT_BATCH_SIZE = 200


@dataclass(frozen=True)
class PageJob:
    """One page to fetch: where, why, and what is already known of it."""

    url: str
    source_name: str | None
    outlet: str | None
    aliases: tuple[str, ...] = ()
    known: ArticleRecord | None = None


@dataclass(frozen=True)
class PageFetch:
    job: PageJob
    result: FetchResult
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    is_revisit: bool | None = None


@dataclass
class LiveCounts:
    """What a run did, for the summary line, the Prefect artifact and the benchmark."""

    feeds_polled: int = 0
    feeds_not_modified: int = 0
    pages_fetched: int = 0
    not_modified: int = 0
    unchanged: int = 0
    no_article: int = 0
    new_versions: int = 0
    changes: int = 0
    corrections: int = 0
    extractor_calls: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    new_reports: int = 0
    staged_batches: int = 0
    loaded_batches: int = 0

    def add(self, other: LiveCounts) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(mine, Counter):
                mine.update(value)
            else:
                setattr(self, name, mine + value)

    def as_dict(self) -> dict[str, object]:
        return {
            name: dict(value) if isinstance(value, Counter) else value
            for name, value in vars(self).items()
        }


def new_run_id(kind: str) -> str:
    return f"{kind}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def make_fetcher(config: SourcesConfig, **overrides: object) -> Fetcher:
    kwargs = config.fetch.policy_kwargs()
    kwargs.pop("max_workers", None)
    if config.fetch.allow_hosts is not None:
        kwargs["allow_hosts"] = frozenset(config.fetch.allow_hosts)
    kwargs.update(overrides)
    return Fetcher(FetchPolicy(**kwargs))  # type: ignore[arg-type]


def _fetch_record(
    run_id: str, purpose: str, source: str | None, page: PageFetch | FetchResult, outcome: str
) -> FetchRecord:
    fetched = page if isinstance(page, PageFetch) else None
    result = fetched.result if fetched else page
    assert isinstance(result, FetchResult)
    return FetchRecord(
        run_id=run_id,
        purpose=purpose,
        source_name=source,
        url=result.url,
        final_url=result.final_url,
        fetched_at=result.fetched_at,
        status=result.status,
        n_bytes=len(result.body),
        elapsed_ms=round(result.elapsed_ms, 2),
        attempts=result.attempts,
        error_class=result.error_class,
        error_message=result.error_message,
        etag=result.etag,
        last_modified=result.last_modified,
        body_sha256=result.body_sha256,
        warc_file=fetched.warc_file if fetched else None,
        warc_offset=fetched.warc_offset if fetched else None,
        warc_length=fetched.warc_length if fetched else None,
        is_revisit=fetched.is_revisit if fetched else None,
        report_id=fetched.job.known.report_id if fetched and fetched.job.known else None,
        outcome=outcome,
    )


# ------------------------------------------------------------------------ feeds


def feeds_due(
    feeds: Sequence[FeedSource], states: dict[str, FeedStateRecord], now: datetime
) -> list[FeedSource]:
    """Feeds never polled, or whose poll interval has passed."""
    due = []
    for feed in feeds:
        state = states.get(feed.name)
        last = state.last_polled_at if state else None
        if last is None or (now - last).total_seconds() >= feed.poll_interval_minutes * 60:
            due.append(feed)
    return due


@dataclass
class FeedPoll:
    entries: list[tuple[FeedSource, FeedEntry]] = field(default_factory=list)
    staged: StagedBatch = field(default_factory=StagedBatch)
    counts: LiveCounts = field(default_factory=LiveCounts)


def poll_feeds(
    fetcher: Fetcher,
    feeds: Sequence[FeedSource],
    states: dict[str, FeedStateRecord],
    run_id: str,
    archive: WarcArchive | None = None,
    max_workers: int = 4,
) -> FeedPoll:
    """Fetches each feed (conditional GET) and parses what changed into entries."""
    poll = FeedPoll()
    requests = [
        FetchRequest(
            feed.url,
            etag=states[feed.name].etag if feed.name in states else None,
            last_modified=states[feed.name].last_modified if feed.name in states else None,
        )
        for feed in feeds
    ]
    for feed, result in zip(feeds, fetcher.fetch_many(requests, max_workers), strict=True):
        poll.counts.feeds_polled += 1
        page = _archived(PageFetch(PageJob(feed.url, feed.name, feed.outlet), result), archive)
        problem: str | None = None
        outcome = "feed_ok"
        if result.error_class:
            poll.counts.errors[result.error_class] += 1
            problem, outcome = f"{result.error_class}: {result.error_message}", "error"
        elif result.not_modified:
            poll.counts.feeds_not_modified += 1
            outcome = "not_modified"
            # Unchanged bytes: whatever was wrong with the feed still is.
            problem = states[feed.name].last_problem if feed.name in states else None
        else:
            parsed = parse_feed(result.body, result.final_url, result.content_type)
            poll.entries.extend((feed, entry) for entry in parsed.entries)
            problems = [parsed.problem] if parsed.problem else []
            if parsed.rejected:
                skipped = "; ".join(f"{what} ({why})" for what, why in parsed.rejected)
                problems.append(f"skipped {len(parsed.rejected)} entries: {skipped}")
            if problems:
                problem = "; ".join(problems)
                outcome = "feed_partial" if parsed.entries else "feed_invalid"
                poll.counts.errors[outcome] += 1
        record = _fetch_record(run_id, "feed", feed.name, page, outcome)
        if problem and outcome in ("feed_partial", "feed_invalid"):
            record = replace(record, error_class=outcome, error_message=problem)
        poll.staged.fetches.append(record)
        previous = states.get(feed.name)
        poll.staged.feed_states.append(
            FeedStateRecord(
                feed_name=feed.name,
                url=feed.url,
                last_polled_at=result.fetched_at,
                etag=result.etag or (previous.etag if previous else None),
                last_modified=result.last_modified
                or (previous.last_modified if previous else None),
                last_problem=problem,
            )
        )
    return poll


def jobs_for_entries(
    entries: Sequence[tuple[FeedSource, FeedEntry]], known: dict[str, ArticleRecord]
) -> list[PageJob]:
    """One job per distinct article: entries that share a link, GUID or known report merge."""
    jobs: dict[str, PageJob] = {}
    for feed, entry in entries:
        aliases = tuple(dict.fromkeys(a for a in (entry.link, entry.guid) if a))
        article = next((known[a] for a in aliases if a in known), None)
        key = article.report_id if article else canonical_url(entry.link)
        if key in jobs:
            merged = tuple(dict.fromkeys(jobs[key].aliases + aliases))
            jobs[key] = PageJob(jobs[key].url, jobs[key].source_name, jobs[key].outlet, merged,
                                jobs[key].known)  # fmt: skip
            continue
        url = article.fetch_url if article else entry.link
        jobs[key] = PageJob(url, feed.name, feed.outlet, aliases, article)
    return list(jobs.values())


# ------------------------------------------------------------------------ pages


def _archived(page: PageFetch, archive: WarcArchive | None) -> PageFetch:
    result = page.result
    if archive is None or result.status is None or result.error_class == "body_too_large":
        return page
    location = archive.write_exchange(
        url=result.final_url,
        fetched_at=result.fetched_at,
        request_headers=result.request_headers,
        status=result.status,
        response_headers=result.headers,
        body=result.body,
        http_version=result.http_version,
    )
    return PageFetch(
        page.job,
        result,
        warc_file=location.file,
        warc_offset=location.offset,
        warc_length=location.length,
        is_revisit=location.is_revisit,
    )


def fetch_pages(
    fetcher: Fetcher,
    jobs: Sequence[PageJob],
    archive: WarcArchive | None,
    max_workers: int = 8,
) -> list[PageFetch]:
    """Conditional GETs for every job, concurrently within the fetcher's politeness limits."""
    requests = [
        FetchRequest(
            job.url,
            etag=job.known.etag if job.known else None,
            last_modified=job.known.last_modified if job.known else None,
        )
        for job in jobs
    ]
    results = fetcher.fetch_many(requests, max_workers)
    return [_archived(PageFetch(job, r), archive) for job, r in zip(jobs, results, strict=True)]


def needs_extraction(page: PageFetch) -> bool:
    """A 304, an error or a body byte-identical to the last capture cannot change anything."""
    result = page.result
    if not result.ok:
        return False
    known = page.job.known
    return not (known and known.last_body_sha256 and known.last_body_sha256 == result.body_sha256)


def extract_pages(
    pages: Sequence[PageFetch], processes: int = 2, pool: Executor | None = None
) -> dict[int, ExtractedArticle | NoArticle]:
    """Extraction results keyed by the page's index, for the pages that need it.

    Pass the run's `pool`: a fresh worker pays seconds of start-up (dateparser's tables).
    """
    todo = [i for i, page in enumerate(pages) if needs_extraction(page)]
    items = [
        (pages[i].result.body, pages[i].result.final_url, pages[i].result.encoding) for i in todo
    ]
    if processes > 1 and len(items) >= PARALLEL_EXTRACTION_MIN:
        outputs = extract_many(items, processes=processes, pool=pool)
    else:
        outputs = [extract_article(body, url, encoding) for body, url, encoding in items]
    return dict(zip(todo, outputs, strict=True))


def _page_capture(page: PageFetch, article: ExtractedArticle, report_id: str, url: str) -> Capture:
    return Capture(
        report_id=report_id,
        captured_at=page.result.fetched_at,
        source=page.result.final_url,
        paragraphs=normalize_paragraphs(article.paragraphs),
        outlet=page.job.outlet or article.site_name,
        title=article.title,
        byline=article.byline,
        url=url,
    )


def stage_pages(
    pages: Sequence[PageFetch],
    extracted: dict[int, ExtractedArticle | NoArticle],
    run_id: str,
) -> tuple[StagedBatch, LiveCounts]:
    """Captures, fetch records and watch state of a fetched batch (pure: reads nothing)."""
    counts = LiveCounts(pages_fetched=len(pages))
    staged = StagedBatch()
    articles: dict[str, ArticleRecord] = {}
    for index, page in enumerate(pages):
        result, known = page.result, page.job.known
        article = extracted.get(index)
        outcome, report_id = _page_outcome(page, article)
        if result.error_class:
            counts.errors[result.error_class] += 1
        elif outcome == "not_modified":
            counts.not_modified += 1
        elif outcome == "same_body":
            counts.unchanged += 1
        elif outcome == "no_article":
            counts.no_article += 1
            counts.errors["no_article"] += 1
        if isinstance(article, ExtractedArticle):
            canonical = canonical_url(article.canonical_url or result.final_url)
            report_id = known.report_id if known else report_id_for_url(canonical)
            staged.captures.append(_page_capture(page, article, report_id, canonical))
            staged.aliases.extend((alias, report_id) for alias in page.job.aliases)
            staged.aliases.append((canonical, report_id))
            articles[report_id] = ArticleRecord(
                report_id=report_id,
                canonical_url=known.canonical_url if known else canonical,
                fetch_url=page.job.url,
                source_name=page.job.source_name,
                first_seen_at=known.first_seen_at if known else result.fetched_at,
                last_fetched_at=result.fetched_at,
                last_changed_at=None,
                etag=result.etag,
                last_modified=result.last_modified,
                last_body_sha256=result.body_sha256,
            )
        elif known is not None:
            articles[known.report_id] = replace(known, last_fetched_at=result.fetched_at)
        record = _fetch_record(run_id, "page", page.job.source_name, page, outcome)
        if isinstance(article, NoArticle):
            record = replace(
                record,
                error_class="no_article",
                error_message=f"{result.final_url}: {article.reason}",
            )
        staged.fetches.append(replace(record, report_id=report_id or record.report_id))
    staged.articles.extend(articles.values())
    staged.aliases[:] = list(dict.fromkeys(staged.aliases))
    return staged, counts


def load_staged_batch(warehouse: Warehouse, staged: StagedBatch) -> LiveCounts:
    """Versions a staged batch against the warehouse and writes it in one transaction."""
    counts = LiveCounts()
    batch = IngestBatch(
        fetches=list(staged.fetches),
        aliases=list(staged.aliases),
        feed_states=list(staged.feed_states),
    )
    articles = {a.report_id: a for a in staged.articles}
    if staged.captures:
        batch_counts = BatchCounts()
        versions = plan_batch(warehouse, staged.captures, batch_counts)
        batch.reports, batch.captures, batch.versions = (
            versions.reports,
            versions.captures,
            versions.versions,
        )
        _count_versions(counts, batch_counts, versions)
        for record in versions.versions:
            report_id = record.version.report_id
            if report_id in articles:
                articles[report_id] = replace(
                    articles[report_id], last_changed_at=record.version.captured_at
                )
    batch.articles = list(articles.values())
    warehouse.write_batch(batch)
    return counts


def _page_outcome(
    page: PageFetch, article: ExtractedArticle | NoArticle | None
) -> tuple[str, str | None]:
    known_id = page.job.known.report_id if page.job.known else None
    if page.result.error_class:
        return "error", known_id
    if page.result.not_modified:
        return "not_modified", known_id
    if article is None:
        return "same_body", known_id
    if isinstance(article, NoArticle):
        return "no_article", known_id
    return "extracted", known_id


def _count_versions(counts: LiveCounts, batch_counts: BatchCounts, batch: IngestBatch) -> None:
    counts.unchanged += batch_counts.unchanged + batch_counts.already_seen
    counts.new_versions += batch_counts.new_versions
    counts.changes += batch_counts.changes
    counts.corrections += batch_counts.corrections
    counts.new_reports += len(batch.reports)
    for record in batch.versions:
        counts.kinds.update(label.kind for label in record.labels)
        if record.status:
            counts.statuses[record.status] += 1


def in_batches(items: Sequence[PageJob], size: int) -> Iterator[Sequence[PageJob]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ------------------------------------------------------------------ whole runs


ProgressCallback = Callable[[int, int], None]


PageExtractor = Callable[[Sequence[PageFetch]], dict[int, ExtractedArticle | NoArticle]]


@dataclass(frozen=True)
class LiveRunOptions:
    db_path: Path
    archive_root: Path | None
    batch_size: int = DEFAULT_BATCH_SIZE
    processes: int = 2
    max_workers: int = 8
    now: datetime | None = None
    # How long a run waits for another writer to finish before stepping aside.
    writer_wait_s: float = 60.0
    # How long a batch write waits for readers to let go of the file before staging.
    open_wait_s: float = 30.0
    # Regroup stories and fact timelines after the run (whole-warehouse work).
    refresh_stories: bool = True
    # Replaces in-process/pool extraction, e.g. with extraction on a Dask cluster.
    extract: PageExtractor | None = None

    @property
    def staging_root(self) -> Path:
        return self.db_path.parent / "staging"


def write_or_stage(staged: StagedBatch, options: LiveRunOptions) -> LiveCounts:
    """Loads the batch now, or stages it as Parquet when readers keep the file busy."""
    try:
        with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
            return load_staged_batch(warehouse, staged)
    except WarehouseLockedError:
        write_staged(options.staging_root, staged)
        counts = LiveCounts()
        counts.staged_batches = 1
        return counts


def load_staged_folders(options: LiveRunOptions) -> LiveCounts:
    """Loads batches earlier runs staged, oldest first; each folder goes once it is stored."""
    counts = LiveCounts()
    for folder in staged_folders(options.staging_root):
        staged = read_staged(folder)
        with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
            counts.add(load_staged_batch(warehouse, staged))
        remove_staged(folder)
        counts.loaded_batches += 1
    return counts


def run_pages(
    fetcher: Fetcher,
    jobs: Sequence[PageJob],
    options: LiveRunOptions,
    run_id: str,
    first: StagedBatch | None = None,
    progress: ProgressCallback | None = None,
    archive: WarcArchive | None = None,
) -> LiveCounts:
    """Fetch, extract and store jobs batch by batch; each batch is one transaction.

    One extraction pool serves the whole run.

    `first` (the feed fetches of this run) rides with the first batch.
    """
    from newsledger.text import extract

    if archive is None and options.archive_root:
        archive = WarcArchive(options.archive_root)
    counts = LiveCounts()
    calls_before = extract.extractor_calls()
    done = 0
    batches: list[Sequence[PageJob]] = list(in_batches(jobs, options.batch_size)) or [[]]
    with ExitStack() as resources:
        pool = None
        wants_pool = options.extract is None and options.processes > 1
        if wants_pool and len(jobs) >= PARALLEL_EXTRACTION_MIN:
            pool = resources.enter_context(make_extractor_pool(options.processes))
        for number, batch_jobs in enumerate(batches):
            counts.add(
                _run_batch(fetcher, batch_jobs, archive, pool, options, run_id,
                           first if number == 0 else None)
            )  # fmt: skip
            done += len(batch_jobs)
            if progress:
                progress(done, len(jobs))
    counts.extractor_calls = extract.extractor_calls() - calls_before
    return counts


def _run_batch(
    fetcher: Fetcher,
    batch_jobs: Sequence[PageJob],
    archive: WarcArchive | None,
    pool: Executor | None,
    options: LiveRunOptions,
    run_id: str,
    first: StagedBatch | None,
) -> LiveCounts:
    """One batch: fetch -> extract -> stage -> one transaction (or staged for later)."""
    pages = fetch_pages(fetcher, batch_jobs, archive, options.max_workers)
    if options.extract is not None:
        extracted = options.extract(pages)
    else:
        extracted = extract_pages(pages, options.processes, pool)
    staged, counts = stage_pages(pages, extracted, run_id)
    if first is not None:
        staged.fetches[:0] = first.fetches
        staged.feed_states.extend(first.feed_states)
    counts.add(write_or_stage(staged, options))
    return counts


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
        feeds = list(config.feeds) if poll_all else feeds_due(config.feeds, states, now)
        archive = WarcArchive(options.archive_root) if options.archive_root else None
        poll = poll_feeds(web, feeds, states, run_id, archive, options.max_workers)
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
) -> LiveCounts:
    """Re-fetch the known articles that the decaying schedule says are due."""
    run_id = new_run_id("refetch")
    now = options.now or datetime.now(UTC)
    with writer_lock(options.db_path, options.writer_wait_s), _fetcher_for(config, fetcher) as web:
        counts = load_staged_folders(options)
        with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
            articles = warehouse.all_articles()
        jobs = [
            PageJob(a.fetch_url, a.source_name, None, (), a)
            for a in articles
            if refetch_due(
                a.first_seen_at,
                a.last_changed_at or a.first_seen_at,
                a.last_fetched_at,
                now,
                config.refetch_for(a.source_name),
            )
        ]
        counts.add(run_pages(web, jobs, options, run_id, None, progress))
        _refresh_stories_after(counts, options)
        return counts


def _refresh_stories_after(counts: LiveCounts, options: LiveRunOptions) -> None:
    if not (options.refresh_stories and counts.new_versions):
        return
    from newsledger.runs.storylines import refresh_stories

    with Warehouse.open(options.db_path, wait_s=options.open_wait_s) as warehouse:
        refresh_stories(warehouse)


@contextmanager
def _fetcher_for(config: SourcesConfig, given: Fetcher | None) -> Iterator[Fetcher]:
    """The caller's fetcher, or one made from the sources file and closed afterwards."""
    if given is not None:
        yield given
        return
    with make_fetcher(config) as fetcher:
        yield fetcher


# ------------------------------------------------------- captures already stored


@dataclass
class ArchiveCounts:
    records: int = 0
    extracted: int = 0
    no_article: int = 0
    new_versions: int = 0
    changes: int = 0
    unreadable: int = 0
    problems: list[str] = field(default_factory=list)


def _ingest_extracted(db_path: Path, captures: list[Capture], counts: ArchiveCounts) -> None:
    batch_counts = store_captures(db_path, captures)
    counts.new_versions += batch_counts.new_versions
    counts.changes += batch_counts.changes


def reextract_archived(db_path: Path, archive_root: Path) -> ArchiveCounts:
    """Runs extraction again over each article's newest stored capture, without the network.

    A text that comes out differently (a better extractor) becomes a new version whose
    source names the WARC record it was read from.
    """
    from newsledger.capture.warc import WarcLocation, WarcReadError, read_record

    counts = ArchiveCounts()
    with Warehouse.open(db_path, read_only=True) as warehouse:
        fetches = warehouse.latest_archived_fetches()
    captures: list[Capture] = []
    for row in fetches:
        counts.records += 1
        location = WarcLocation(row["warc_file"], row["warc_offset"], row["warc_length"], "",
                                bool(row["is_revisit"]))  # fmt: skip
        try:
            response = read_record(archive_root, location)
        except (WarcReadError, OSError) as error:
            counts.unreadable += 1
            counts.problems.append(f"{row['warc_file']}@{row['warc_offset']}: {error}")
            continue
        article = extract_article(response.body, row["final_url"])
        if isinstance(article, NoArticle):
            counts.no_article += 1
            continue
        counts.extracted += 1
        source = f"warc:{row['warc_file']}#{row['warc_offset']}"
        captures.append(_archived_capture(row["report_id"], article, response.fetched_at, source,
                                          row["final_url"]))  # fmt: skip
    if captures:
        _ingest_extracted(db_path, captures, counts)
    return counts


def _archived_capture(
    report_id: str, article: ExtractedArticle, captured_at: datetime, source: str, url: str
) -> Capture:
    return Capture(
        report_id=report_id,
        captured_at=captured_at,
        source=source,
        paragraphs=normalize_paragraphs(article.paragraphs),
        outlet=article.site_name,
        title=article.title,
        byline=article.byline,
        url=canonical_url(article.canonical_url or url),
    )


def import_warc_files(db_path: Path, paths: Sequence[Path]) -> ArchiveCounts:
    """Backfills versions from WARC files (any tool's), using each record's capture time."""
    from newsledger.capture.warc import WarcReadError, iter_responses

    counts = ArchiveCounts()
    captures: list[Capture] = []
    for path in paths:
        try:
            responses = list(iter_responses(path))
        except (WarcReadError, OSError) as error:
            counts.unreadable += 1
            counts.problems.append(f"{path}: {error}")
            continue
        for response in responses:
            counts.records += 1
            if response.status != 200:
                continue
            article = extract_article(response.body, response.url)
            if isinstance(article, NoArticle):
                counts.no_article += 1
                continue
            counts.extracted += 1
            canonical = canonical_url(article.canonical_url or response.url)
            captures.append(_archived_capture(report_id_for_url(canonical), article,
                                              response.fetched_at, f"warc:{path.name}",
                                              response.url))  # fmt: skip
    captures.sort(key=lambda c: c.captured_at)
    if captures:
        _ingest_extracted(db_path, captures, counts)
    return counts
