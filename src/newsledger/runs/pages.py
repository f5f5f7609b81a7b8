"""Page batches of a live run: fetch, extract, stage, then one transaction a batch (or Parquet
staging while readers keep the warehouse busy), and loading what earlier runs staged."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import replace
from functools import partial

from newsledger.capture.fetch import Fetcher, FetchRequest
from newsledger.capture.warc import WarcArchive
from newsledger.models import ArticleRecord, Capture, IngestBatch
from newsledger.outputs.review_journal import drain_review_journal
from newsledger.runs.extraction_cache import ExtractionCache
from newsledger.runs.fetches import PageFetch, PageJob, archive_page, fetch_record
from newsledger.runs.options import LiveCounts, LiveRunOptions, ProgressCallback
from newsledger.runs.pipeline import BatchCounts, plan_batch
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
    return [archive_page(PageFetch(job, r), archive) for job, r in zip(jobs, results, strict=True)]


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
        **article.page_fields(),
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
        record = fetch_record(run_id, "page", page.job.source_name, page, outcome)
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
    drain_review_journal(options.db_path, options.open_wait_s)  # reviews queued while we wrote
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

    One extraction pool serves the whole run, and a body it has extracted once in the run
    is not extracted again (ExtractionCache).

    `first` (the feed fetches of this run) rides with the first batch.
    """
    from newsledger.text import extract

    if archive is None and options.archive_root:
        archive = WarcArchive(options.archive_root)
    counts = LiveCounts()
    calls_before = extract.extractor_calls()
    done = 0
    batches: list[Sequence[PageJob]] = list(in_batches(jobs, options.batch_size)) or [[]]
    cache = ExtractionCache()
    with ExitStack() as resources:
        pool = None
        wants_pool = options.extract is None and options.processes > 1
        if wants_pool and len(jobs) >= PARALLEL_EXTRACTION_MIN:
            pool = resources.enter_context(make_extractor_pool(options.processes))
        for number, batch_jobs in enumerate(batches):
            counts.add(
                _run_batch(fetcher, batch_jobs, archive, pool, cache, options, run_id,
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
    cache: ExtractionCache,
    options: LiveRunOptions,
    run_id: str,
    first: StagedBatch | None,
) -> LiveCounts:
    """One batch: fetch -> extract -> stage -> one transaction (or staged for later)."""
    pages = fetch_pages(fetcher, batch_jobs, archive, options.max_workers)
    extract = options.extract or partial(extract_pages, processes=options.processes, pool=pool)
    todo = [index for index, page in enumerate(pages) if needs_extraction(page)]
    extracted = cache.extract(pages, todo, extract)
    staged, counts = stage_pages(pages, extracted, run_id)
    if first is not None:
        staged.fetches[:0] = first.fetches
        staged.feed_states.extend(first.feed_states)
    counts.add(write_or_stage(staged, options))
    return counts
