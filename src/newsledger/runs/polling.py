"""Feed polling for a live run: which feeds are due (and when the next one is), their
conditional GETs and parsing, the feed states and fetch rows to stage, the feeds that failed,
and the page jobs the entries become."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsledger.capture.feeds import FeedEntry, parse_feed
from newsledger.capture.fetch import Fetcher, FetchRequest
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
        page = archive_page(PageFetch(PageJob(feed.url, feed.name, feed.outlet), result), archive)
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
        if outcome in ("error", "feed_invalid"):
            in_a_row = 1 + (failed_before or {}).get(feed.name, 0)
            poll.counts.feed_failures.append(
                FeedFailure(feed.name, feed.url, problem or outcome, in_a_row)
            )
        record = fetch_record(run_id, "feed", feed.name, page, outcome)
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
