"""One fetch of a live run, feed or page: the job, what came back, where the WARC archive
put it (archive_page) and its row in the fetch log (fetch_record)."""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.capture.fetch import FetchResult
from newsledger.capture.warc import WarcArchive
from newsledger.models import ArticleRecord, FetchRecord
from newsledger.outputs.terminal import os_reason


class ArchiveWriteError(RuntimeError):
    """The WARC archive could not be written (a full disk, a read-only folder): the run stops,
    as a capture without its archived bytes could not be checked later."""


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


def fetch_record(
    run_id: str, purpose: str, source: str | None, page: PageFetch | FetchResult, outcome: str
) -> FetchRecord:
    """The fetch-log row of a feed or page fetch, with its WARC location when it has one."""
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


def archive_page(page: PageFetch, archive: WarcArchive | None) -> PageFetch:
    """The fetch with its WARC location, once its exchange is written to the archive."""
    result = page.result
    if archive is None or result.status is None or result.error_class == "body_too_large":
        return page
    try:
        location = archive.write_exchange(
            url=result.final_url,
            fetched_at=result.fetched_at,
            request_headers=result.request_headers,
            status=result.status,
            response_headers=result.headers,
            body=result.body,
            http_version=result.http_version,
        )
    except OSError as error:
        raise ArchiveWriteError(
            f"cannot write the WARC archive {archive.root}: {os_reason(error)} "
            "(free space there, or pass --archive DIR)"
        ) from None
    return PageFetch(
        page.job,
        result,
        warc_file=location.file,
        warc_offset=location.offset,
        warc_length=location.length,
        is_revisit=location.is_revisit,
    )
