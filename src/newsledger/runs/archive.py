"""Captures already archived, read without the network: stored WARC records extracted again,
and versions backfilled from WARC files written by any tool."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsledger.models import Capture
from newsledger.runs.pipeline import store_captures
from newsledger.store.warehouse import Warehouse, query_sql
from newsledger.text.extract import ExtractedArticle, NoArticle, extract_article
from newsledger.text.normalize import normalize_paragraphs
from newsledger.text.urls import canonical_url, report_id_for_url


@dataclass
class ArchiveCounts:
    records: int = 0
    extracted: int = 0
    no_article: int = 0
    new_versions: int = 0
    changes: int = 0
    unreadable: int = 0
    problems: list[str] = field(default_factory=list)
    # Captures the warehouse (or an earlier record of this import) already holds.
    already_held: int = 0
    # Captured before their report's newest version: refused, never appended as newest.
    older_than_latest: int = 0


def _ingest_extracted(db_path: Path, captures: list[Capture], counts: ArchiveCounts) -> None:
    batch_counts = store_captures(db_path, captures)
    counts.new_versions += batch_counts.new_versions
    counts.changes += batch_counts.changes
    counts.already_held += batch_counts.already_seen
    counts.older_than_latest += batch_counts.older_than_latest
    if batch_counts.older_than_latest:
        counts.problems.append(
            f"{batch_counts.older_than_latest} capture(s) older than their report's newest "
            "version: history is only extended forward, so they were recorded, not versioned"
        )


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
        **article.page_fields(),
    )


# A capture's identity: its page URL (canonical spelling), capture time and payload digest.
Identity = tuple[str, datetime, str]


def _identity(url: str, captured_at: datetime, body_sha256: str) -> Identity:
    try:
        page = canonical_url(url)
    except ValueError:
        page = url
    return page, captured_at, body_sha256


def _held_identities(db_path: Path, digests: set[str]) -> set[Identity]:
    """Identities of the fetches the warehouse holds with these payloads (its own archive)."""
    if not digests or not db_path.exists():
        return set()
    with Warehouse.open(db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_all(query_sql("held_fetches"), [sorted(digests)])
    return {_identity(url, fetched_at, digest) for url, fetched_at, digest in rows}


def import_warc_files(db_path: Path, paths: Sequence[Path]) -> ArchiveCounts:
    """Backfills versions from WARC files (any tool's), using each record's capture time.

    Idempotent by capture identity (URL, capture time, payload digest): a capture the
    warehouse holds (its own archive, the same file renamed) adds nothing. A capture older
    than its report's newest version is refused (see pipeline._refuse_older), not appended.
    """
    from newsledger.capture.warc import ArchivedResponse, WarcReadError, iter_responses

    counts = ArchiveCounts()
    captures: list[Capture] = []
    read: list[tuple[ArchivedResponse, str]] = []
    for path in paths:
        try:
            responses = list(iter_responses(path))
        except (WarcReadError, OSError) as error:
            counts.unreadable += 1
            counts.problems.append(f"{path}: {error}")
            continue
        read += [(r, hashlib.sha256(r.body).hexdigest()) for r in responses]
    held = _held_identities(db_path, {digest for r, digest in read if r.status == 200})
    for response, digest in read:
        counts.records += 1
        if response.status != 200:
            continue
        identity = _identity(response.url, response.fetched_at, digest)
        if identity in held:
            counts.already_held += 1
            continue
        held.add(identity)
        article = extract_article(response.body, response.url)
        if isinstance(article, NoArticle):
            counts.no_article += 1
            continue
        counts.extracted += 1
        canonical = canonical_url(article.canonical_url or response.url)
        # The page's URL as the source, like a live capture's: the capture key is then the
        # same whatever the file is called, and the canonical claim is judged against it.
        captures.append(_archived_capture(report_id_for_url(canonical), article,
                                          response.fetched_at, response.url,
                                          response.url))  # fmt: skip
    captures.sort(key=lambda c: c.captured_at)
    if captures:
        _ingest_extracted(db_path, captures, counts)
    return counts
