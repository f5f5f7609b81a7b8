"""Feed polling for a live run: which feeds are due (and when the next one is), their
conditional GETs and parsing, the feed states and fetch rows to stage, the feeds that failed,
each feed's own politeness, and the page jobs the entries become.

Health means "we are getting the articles": a feed fails when its fetch fails or its bytes
lose entries; entries that simply have no link are counted, not a failure. After a failed
poll the next one asks without validators, so a 304 never stands in for a problem that is
still there (v_source_health counts failures in a row up to the last poll without an error).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsledger.capture.feeds import FeedEntry, ParsedFeed, parse_feed
from newsledger.capture.fetch import Fetcher, FetchRequest, FetchResult
from newsledger.capture.fetch_errors import cap_message
from newsledger.capture.sources import FeedSource
from newsledger.capture.warc import WarcArchive
from newsledger.models import ArticleRecord, FeedStateRecord
from newsledger.runs.fetches import PageFetch, PageJob, archive_page, fetch_record
from newsledger.runs.options import FeedFailure, LiveCounts
from newsledger.store.staging import StagedBatch
from newsledger.text.urls import canonical_url


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


def next_poll_at(
    feeds: Sequence[FeedSource], states: dict[str, FeedStateRecord]
) -> datetime | None:
    """When the first of these feeds is due again (None for a feed never polled: due now)."""
    times = []
    for feed in feeds:
        state = states.get(feed.name)
        if state is None:
            return None
        times.append(state.last_polled_at + timedelta(minutes=feed.poll_interval_minutes))
    return min(times, default=None)


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
    failed_before: dict[str, int] | None = None,
) -> FeedPoll:
    """Fetches each feed (conditional GET) and parses what changed into entries.

    `failed_before`: each feed's failed polls in a row before this run (feed_failure_streaks),
    so a feed that fails again is reported with the whole run of failures.
    """
    poll = FeedPoll()
    for feed in feeds:
        limit_feed_host(fetcher, feed, feed.url)
    requests = [_feed_request(feed, states.get(feed.name)) for feed in feeds]
    results = fetcher.fetch_many(requests, max_workers)
    for feed, request, result in zip(feeds, requests, results, strict=True):
        poll.counts.feeds_polled += 1
        page = archive_page(PageFetch(PageJob(feed.url, feed.name, feed.outlet), result), archive)
        read_before = len(poll.entries)
        problem, outcome, note = _judge(feed, request, result, poll)
        problem = _fetch_problem(result) or problem
        for _, entry in poll.entries[read_before:]:
            limit_feed_host(fetcher, feed, entry.link)
        if outcome in ("error", "feed_invalid"):
            in_a_row = 1 + (failed_before or {}).get(feed.name, 0)
            poll.counts.feed_failures.append(
                FeedFailure(feed.name, feed.url, problem or outcome, in_a_row)
            )
        record = fetch_record(run_id, "feed", feed.name, page, outcome)
        if problem and outcome in ("feed_partial", "feed_invalid"):
            record = replace(record, error_class=outcome, error_message=problem)
        elif problem and not result.error_class:  # a 304 nobody asked for
            record = replace(record, error_class="protocol_error", error_message=problem)
        elif note:
            record = replace(record, error_message=note)
        poll.staged.fetches.append(record)
        poll.staged.feed_states.append(_next_state(feed, states.get(feed.name), result, problem))
    return poll


def _feed_request(feed: FeedSource, state: FeedStateRecord | None) -> FetchRequest:
    """A conditional GET only after a clean poll: after a failure the feed is read again in
    full and judged on what it serves now."""
    if state is None or state.last_problem is not None:
        return FetchRequest(feed.url)
    return FetchRequest(feed.url, etag=state.etag, last_modified=state.last_modified)


def _fetch_problem(result: FetchResult) -> str | None:
    if not result.error_class:
        return None
    return cap_message(f"{result.error_class}: {result.error_message}")


def _judge(
    feed: FeedSource, request: FetchRequest, result: FetchResult, poll: FeedPoll
) -> tuple[str | None, str, str | None]:
    """(problem, outcome, note) of one feed fetch; the entries read go into `poll`."""
    if result.error_class:
        poll.counts.errors[result.error_class] += 1
        return None, "error", None
    if result.not_modified:
        if request.etag is None and request.last_modified is None:
            poll.counts.errors["protocol_error"] += 1
            problem = f"{result.url}: answered 304 Not Modified to a request without validators"
            return f"protocol_error: {problem}", "error", None
        poll.counts.feeds_not_modified += 1
        return None, "not_modified", None
    parsed = parse_feed(result.body, result.final_url, result.content_type)
    poll.entries.extend((feed, entry) for entry in parsed.entries)
    problems = [parsed.problem] if parsed.problem else []
    if parsed.non_web_links:
        skipped = "; ".join(f"{what} ({why})" for what, why in parsed.non_web_links)
        problems.append(f"skipped {len(parsed.non_web_links)} entries: {skipped}")
    if problems:
        outcome = "feed_partial" if parsed.entries else "feed_invalid"
        poll.counts.errors[outcome] += 1
        return cap_message("; ".join(problems + _linkless(parsed))), outcome, None
    return None, "feed_ok", cap_message("; ".join(_linkless(parsed))) or None


def _linkless(parsed: ParsedFeed) -> list[str]:
    """The count of entries without a link: worth a line, not a failure."""
    count = parsed.without_link
    if not count:
        return []
    return [f"{count} {'entry' if count == 1 else 'entries'} without a link left out"]


def _next_state(
    feed: FeedSource, previous: FeedStateRecord | None, result: FetchResult, problem: str | None
) -> FeedStateRecord:
    """Validators come from the answer only when there was one (a 2xx or 304); a failed fetch
    keeps the ones it was asked with."""
    answered = result.ok or result.not_modified
    return FeedStateRecord(
        feed_name=feed.name,
        url=feed.url,
        last_polled_at=result.fetched_at,
        etag=(result.etag if answered else None) or (previous.etag if previous else None),
        last_modified=(result.last_modified if answered else None)
        or (previous.last_modified if previous else None),
        last_problem=cap_message(problem) if problem else None,
    )


def limit_feed_host(fetcher: Fetcher, feed: FeedSource, url: str) -> None:
    """The feed's own per_host_* settings for the host of `url` (the feed itself, and each
    article it lists), when it has any."""
    if feed.per_host_concurrency is not None or feed.per_host_min_gap_s is not None:
        fetcher.limit_host(url, feed.per_host_concurrency, feed.per_host_min_gap_s)


def limit_job_hosts(fetcher: Fetcher, feeds: Sequence[FeedSource], jobs: Sequence[PageJob]) -> None:
    """Each job's host gets the politeness of the feed the job came from (a re-fetch run)."""
    by_name = {feed.name: feed for feed in feeds}
    for job in jobs:
        feed = by_name.get(job.source_name or "")
        if feed is not None:
            limit_feed_host(fetcher, feed, job.url)


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
