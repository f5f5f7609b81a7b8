"""Raw captures as WARC files (warcio): one gzip member per record, one file per day,
identical bodies stored once (revisit records), and reading any tool's WARC back.

The only file I/O in the ingest stages; nothing here touches the network.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import io
import logging
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

Headers = Sequence[tuple[str, str]] | Mapping[str, str]

# Extension fields (WARC 1.1 allows them) that let a revisit name the exact record holding
# its body, so reading it back is one seek rather than a search.
REFERS_TO_FILE = "NewsLedger-Refers-To-File"
REFERS_TO_OFFSET = "NewsLedger-Refers-To-Offset"
# The body handed in is already decoded (the fetcher undoes gzip and chunking), so these
# headers no longer describe it; they are kept under another name for the record.
_RENAMED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_ORIGINAL_PREFIX = "X-NewsLedger-Original-"
# TornRecordError is a ValueError, so it is among these.
# warcio meets a header cut mid-line as an AttributeError (a missing WARC-Target-URI).
_DAMAGED_TAIL_ERRORS = (
    ArchiveLoadFailed,
    EOFError,
    OSError,
    ValueError,
    IndexError,
    AttributeError,
)


@dataclass(frozen=True)
class WarcLocation:
    file: str  # relative to the archive root, with forward slashes
    offset: int
    length: int
    payload_digest: str
    is_revisit: bool


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    fetched_at: datetime
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class _Original:
    """What a revisit record names of the response holding its body, kept in memory so that
    writing a revisit never reads the original record back."""

    location: WarcLocation
    target_uri: str
    warc_date: str
    record_id: str


def _original_of(location: WarcLocation, headers: StatusAndHeaders) -> _Original:
    return _Original(
        location,
        headers.get_header("WARC-Target-URI"),
        headers.get_header("WARC-Date"),
        headers.get_header("WARC-Record-ID"),
    )


class WarcReadError(ValueError):
    """A location that does not hold a readable response or revisit record."""


class TornRecordError(WarcReadError):
    """A record cut short, as a crash mid-write leaves the last one in a file."""


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes for this body: sha1, base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _header_pairs(headers: Headers) -> list[tuple[str, str]]:
    return list(headers.items()) if isinstance(headers, Mapping) else list(headers)


def _archived_response_headers(headers: Headers, body: bytes) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for name, value in _header_pairs(headers):
        if name.lower() in _RENAMED_HEADERS:
            kept.append((_ORIGINAL_PREFIX + name, value))
        else:
            kept.append((name, value))
    kept.append(("Content-Length", str(len(body))))
    return kept


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _warc_date(moment: datetime) -> str:
    # warcio appends "Z" itself, so it is handed a naive UTC time.
    return datetime_to_iso_date(_utc(moment).replace(tzinfo=None), use_micros=True)


def _parse_warc_date(value: str) -> datetime:
    # warcio's own parser rejects the fractional seconds that WARC 1.1 allows.
    try:
        return _utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return _utc(iso_date_to_datetime(value))


def _status_line(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    return f"{status} {phrase}"


def _member_is_whole(path: Path, offset: int, length: int) -> bool:
    """True when the gzip member at offset ends exactly where its record does."""
    with path.open("rb") as stream:
        stream.seek(offset)
        raw = stream.read(length)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        inflater.decompress(raw)
    except zlib.error:
        return False
    return inflater.eof and not inflater.unused_data


class WarcArchive:
    """Writes request/response (or revisit) pairs under root/YYYY/MM/DD/.

    Duplicate bodies are found through an index of payload digests: every response this
    object wrote, every response already in a day's file (scanned once, when this object
    first appends to it), and, when given, `lookup(digest)` for older days (e.g. backed by
    the warehouse's capture table). The index keeps what a revisit names of its original
    (URI, date, record id), so only a body found through `lookup` is read back, once.
    """

    def __init__(
        self,
        root: Path,
        lookup: Callable[[str], WarcLocation | None] | None = None,
    ) -> None:
        self.root = Path(root)
        self._lookup = lookup
        self._index: dict[str, _Original] = {}
        self._opened_files: set[str] = set()
        self._lock = threading.Lock()

    def file_for(self, fetched_at: datetime) -> str:
        day = _utc(fetched_at)
        return f"{day:%Y/%m/%d}/newsledger-{day:%Y%m%d}.warc.gz"

    def write_exchange(
        self,
        url: str,
        fetched_at: datetime,
        request_headers: Headers,
        status: int,
        response_headers: Headers,
        body: bytes,
        http_version: str = "HTTP/1.1",
    ) -> WarcLocation:
        """Appends one capture; the location of its response (or revisit) record."""
        fetched_at = _utc(fetched_at)
        relative = self.file_for(fetched_at)
        digest = payload_digest(body)
        with self._lock:
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("ab") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    if relative not in self._opened_files:
                        self._adopt_file(relative, handle, _warc_date(fetched_at))
                    original = self._index.get(digest) or self._looked_up(digest)
                    location, response = self._append(
                        handle,
                        relative,
                        url,
                        fetched_at,
                        request_headers,
                        status,
                        response_headers,
                        body,
                        http_version,
                        digest,
                        original,
                    )
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
            if response is not None:
                warc_date, record_id = response
                self._index[digest] = _Original(location, url, warc_date, record_id)
            return location

    def _looked_up(self, digest: str) -> _Original | None:
        """An older day's original from `lookup`, its headers read once and then kept."""
        location = self._lookup(digest) if self._lookup else None
        if location is None:
            return None
        original = _original_of(location, _read_raw(self.root, location).rec_headers)
        self._index[digest] = original
        return original

    def _adopt_file(self, relative: str, handle: BinaryIO, warc_date: str) -> None:
        """Indexes the responses already in a day's file and cuts off a torn last record
        (left by a crash mid-write), so new records follow readable ones."""
        path = self.root / relative
        good_end = 0
        with path.open("rb") as reader:
            iterator = ArchiveIterator(reader)
            try:
                for record in iterator:
                    _check_complete(record)
                    offset = iterator.get_record_offset()
                    length = iterator.get_record_length()
                    if not _member_is_whole(path, offset, length):
                        # warcio reads a cut gzip member of an empty payload without error.
                        raise TornRecordError(f"{relative}@{offset}: gzip member cut short")
                    digest = record.rec_headers.get_header("WARC-Payload-Digest")
                    if record.rec_type == "response" and digest:
                        location = WarcLocation(relative, offset, length, digest, False)
                        self._index.setdefault(digest, _original_of(location, record.rec_headers))
                    good_end = offset + length
            except _DAMAGED_TAIL_ERRORS as exc:
                log.warning("%s: damaged record after byte %d (%s)", relative, good_end, exc)
        size = path.stat().st_size
        if size > good_end:
            log.warning("%s: cutting %d bytes of a torn last record", relative, size - good_end)
            handle.truncate(good_end)
        if size == 0 or good_end == 0:
            self._write_warcinfo(handle, relative, warc_date)
        self._opened_files.add(relative)

    def _write_warcinfo(self, handle: BinaryIO, relative: str, warc_date: str) -> None:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        info = writer.create_warcinfo_record(
            Path(relative).name, {"software": "newsledger", "format": "WARC File Format 1.1"}
        )
        info.rec_headers.replace_header("WARC-Date", warc_date)
        writer.write_record(info)

    def _append(
        self,
        handle: BinaryIO,
        relative: str,
        url: str,
        fetched_at: datetime,
        request_headers: Headers,
        status: int,
        response_headers: Headers,
        body: bytes,
        http_version: str,
        digest: str,
        original: _Original | None,
    ) -> tuple[WarcLocation, tuple[str, str] | None]:
        """Writes the response (or revisit) and request records; the location, and for a
        response its WARC-Date and WARC-Record-ID (what a later revisit names)."""
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        warc_date = _warc_date(fetched_at)
        http_headers = StatusAndHeaders(
            _status_line(status),
            _archived_response_headers(response_headers, body),
            protocol=http_version,
        )
        if original is None:
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=None,
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": warc_date},
            )
        else:
            record = writer.create_revisit_record(
                url,
                digest=digest,
                refers_to_uri=original.target_uri,
                refers_to_date=original.warc_date,
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Date": warc_date,
                    "WARC-Refers-To": original.record_id,
                    REFERS_TO_FILE: original.location.file,
                    REFERS_TO_OFFSET: str(original.location.offset),
                },
            )
        handle.seek(0, io.SEEK_END)
        offset = handle.tell()
        writer.write_record(record)
        length = handle.tell() - offset

        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_pairs = _header_pairs(request_headers)
        if not any(name.lower() == "host" for name, _ in request_pairs):
            request_pairs.insert(0, ("Host", parts.netloc))
        request = writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                f"GET {target} {http_version}", request_pairs, is_http_request=True
            ),
            warc_headers_dict={
                "WARC-Date": warc_date,
                "WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        writer.write_record(request)
        handle.flush()
        location = WarcLocation(relative, offset, length, digest, original is not None)
        if original is not None:
            return location, None
        return location, (warc_date, record.rec_headers.get_header("WARC-Record-ID"))


@dataclass(frozen=True)
class _LoadedRecord:
    rec_type: str
    rec_headers: StatusAndHeaders
    http_headers: StatusAndHeaders | None
    content: bytes


def _check_complete(record: ArcWarcRecord) -> None:
    """warcio hands back a cut-short record without complaint; its block reader still
    expects bytes then, which is how a torn record is told from a whole one."""
    record.raw_stream.read()
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise TornRecordError(
            f"{record.rec_type} record for {record.rec_headers.get_header('WARC-Target-URI')} "
            f"is missing its last {record.raw_stream.limit} bytes"
        )


def _load(record: ArcWarcRecord) -> _LoadedRecord:
    # content_stream() undoes chunking and Content-Encoding, as another tool may have
    # archived the bytes exactly as they crossed the wire.
    content = record.content_stream().read()
    _check_complete(record)
    return _LoadedRecord(record.rec_type, record.rec_headers, record.http_headers, content)


def _read_raw(root: Path, location: WarcLocation) -> _LoadedRecord:
    """The single record starting at a location."""
    path = Path(root) / location.file
    try:
        with path.open("rb") as stream:
            stream.seek(location.offset)
            return _load(next(iter(ArchiveIterator(stream))))
    except OSError as exc:
        raise WarcReadError(f"{location.file}: cannot read: {exc}") from None
    except (StopIteration, *_DAMAGED_TAIL_ERRORS) as exc:
        raise WarcReadError(
            f"{location.file}@{location.offset}: no readable WARC record ({exc!r})"
        ) from None


def _response_from(record: _LoadedRecord, body: bytes | None = None) -> ArchivedResponse:
    http = record.http_headers
    if http is None:
        raise WarcReadError(f"a {record.rec_type} record without HTTP headers")
    date = record.rec_headers.get_header("WARC-Date")
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched_at=_parse_warc_date(date),
        status=int(http.get_statuscode()),
        headers=tuple(http.headers),
        body=record.content if body is None else body,
    )


def _find_original(root: Path, record: _LoadedRecord) -> ArchivedResponse:
    """The body a revisit record points at: by our extension fields when present, else by
    searching root's WARC files for the referred record id, or the same payload digest."""
    headers = record.rec_headers
    file_name = headers.get_header(REFERS_TO_FILE)
    offset = headers.get_header(REFERS_TO_OFFSET)
    if file_name and offset:
        original = _read_raw(root, WarcLocation(file_name, int(offset), 0, "", False))
        if original.rec_type == "response":
            return _response_from(original)
    refers_to = headers.get_header("WARC-Refers-To")
    digest = headers.get_header("WARC-Payload-Digest")
    for path in sorted(Path(root).rglob("*.warc*")):
        with path.open("rb") as stream:
            try:
                for candidate in ArchiveIterator(stream):
                    found = candidate.rec_headers
                    same = (
                        found.get_header("WARC-Record-ID") == refers_to
                        if refers_to
                        else found.get_header("WARC-Payload-Digest") == digest
                    )
                    if candidate.rec_type == "response" and same:
                        return _response_from(_load(candidate))
            except _DAMAGED_TAIL_ERRORS:
                continue
    raise WarcReadError(f"revisit of {headers.get_header('WARC-Target-URI')}: original not found")


def read_record(root: Path, location: WarcLocation) -> ArchivedResponse:
    """The capture at a location; a revisit comes back with its original's body."""
    record = _read_raw(root, location)
    if record.rec_type == "response":
        return _response_from(record)
    if record.rec_type == "revisit":
        original = _find_original(Path(root), record)
        return _response_from(record, body=original.body)
    raise WarcReadError(
        f"{location.file}@{location.offset}: a {record.rec_type} record, not a response"
    )


def iter_responses(path: Path) -> Iterator[ArchivedResponse]:
    """Every HTTP response in a WARC file (gzipped or not, ours or another tool's), with
    each record's WARC-Date as its capture time. Records other than HTTP responses are
    skipped; revisits are skipped too (their body lives elsewhere: use read_record).
    A torn last record ends the iteration with a warning, after every readable one."""
    with Path(path).open("rb") as stream:
        iterator = ArchiveIterator(stream)
        try:
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if not record.http_headers.protocol.upper().startswith("HTTP"):
                    continue
                yield _response_from(_load(record))
        except _DAMAGED_TAIL_ERRORS as exc:
            log.warning("%s: stopped at a damaged record (%s)", path, exc)
