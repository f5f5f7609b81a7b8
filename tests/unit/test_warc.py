import gzip
import io
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.capture.warc import (
    ArchivedResponse,
    WarcArchive,
    WarcLocation,
    WarcReadError,
    iter_responses,
    payload_digest,
    read_record,
)

AT = datetime(2024, 5, 1, 12, 30, 15, 250000, tzinfo=UTC)
URL = "https://news.example.com/world/story?id=7"
REQUEST_HEADERS = {"User-Agent": "newsledger-test", "Accept": "text/html"}
RESPONSE_HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v1"')]


def random_body(size: int, seed: int = 1) -> bytes:
    # Incompressible, so file sizes show whether a body was stored again.
    return random.Random(seed).randbytes(size)


def records_in(path: Path) -> list[tuple[str, dict[str, str]]]:
    with path.open("rb") as stream:
        return [(r.rec_type, dict(r.rec_headers.headers)) for r in ArchiveIterator(stream)]


def test_roundtrip_keeps_exact_bytes_status_headers_and_time(tmp_path: Path) -> None:
    body = random_body(50_000) + b"\x00\r\n\r\nHTTP/1.1 200 OK\r\n"
    location = WarcArchive(tmp_path).write_exchange(
        URL, AT, REQUEST_HEADERS, 200, RESPONSE_HEADERS, body
    )
    assert (location.file, location.is_revisit) == ("2024/05/01/newsledger-20240501.warc.gz", False)
    assert location.payload_digest == payload_digest(body)
    assert read_record(tmp_path, location) == ArchivedResponse(
        url=URL,
        fetched_at=AT,
        status=200,
        headers=(*RESPONSE_HEADERS, ("Content-Length", str(len(body)))),
        body=body,
    )


def test_location_spans_exactly_one_gzip_member(tmp_path: Path) -> None:
    location = WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, {}, b"<p>hello</p>")
    data = (tmp_path / location.file).read_bytes()
    member = data[location.offset : location.offset + location.length]
    record = gzip.decompress(member)
    assert record.startswith(b"WARC/1.1\r\n")
    assert b"\r\nWARC-Type: response\r\n" in record
    assert record.endswith(b"\r\n\r\n<p>hello</p>\r\n\r\n")


def test_headers_that_no_longer_describe_the_body_are_renamed(tmp_path: Path) -> None:
    headers = [("Content-Encoding", "gzip"), ("Content-Length", "12"), ("Vary", "Accept")]
    location = WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, headers, b"decoded body")
    assert read_record(tmp_path, location).headers == (
        ("X-NewsLedger-Original-Content-Encoding", "gzip"),
        ("X-NewsLedger-Original-Content-Length", "12"),
        ("Vary", "Accept"),
        ("Content-Length", "12"),
    )


def test_request_and_response_are_linked(tmp_path: Path) -> None:
    location = WarcArchive(tmp_path).write_exchange(
        URL, AT, REQUEST_HEADERS, 404, RESPONSE_HEADERS, b"gone"
    )
    records = records_in(tmp_path / location.file)
    assert [kind for kind, _ in records] == ["warcinfo", "response", "request"]
    response, request = records[1][1], records[2][1]
    assert request["WARC-Concurrent-To"] == response["WARC-Record-ID"]
    assert request["WARC-Target-URI"] == response["WARC-Target-URI"] == URL
    assert request["WARC-Date"] == response["WARC-Date"] == "2024-05-01T12:30:15.250000Z"
    with (tmp_path / location.file).open("rb") as stream:
        request_record = [r for r in ArchiveIterator(stream) if r.rec_type == "request"][0]
        http = request_record.http_headers
        assert f"{http.protocol} {http.statusline}" == "GET /world/story?id=7 HTTP/1.1"
        assert request_record.http_headers.headers == [
            ("Host", "news.example.com"),
            ("User-Agent", "newsledger-test"),
            ("Accept", "text/html"),
        ]


def test_identical_body_becomes_a_revisit(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path)
    body = random_body(200_000)
    first = archive.write_exchange(URL, AT, {}, 200, RESPONSE_HEADERS, body)
    size_before = (tmp_path / first.file).stat().st_size
    later = AT + timedelta(minutes=15)
    second = archive.write_exchange(URL, later, {}, 200, [("ETag", '"v2"')], body)
    growth = (tmp_path / first.file).stat().st_size - size_before
    assert second.is_revisit and second.payload_digest == first.payload_digest
    assert growth < 2_000  # the 200 kB body is not stored again
    again = read_record(tmp_path, second)
    assert (again.body, again.fetched_at, again.headers[0]) == (body, later, ("ETag", '"v2"'))
    revisit = records_in(tmp_path / first.file)[3][1]
    original = records_in(tmp_path / first.file)[1][1]
    assert revisit["WARC-Profile"] == (
        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    )
    assert revisit["WARC-Refers-To-Target-URI"] == URL
    assert revisit["WARC-Refers-To-Date"] == original["WARC-Date"]
    assert revisit["WARC-Refers-To"] == original["WARC-Record-ID"]


def test_a_different_body_is_stored_in_full(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path)
    archive.write_exchange(URL, AT, {}, 200, {}, random_body(1000, seed=1))
    second = archive.write_exchange(URL, AT, {}, 200, {}, random_body(1000, seed=2))
    assert second.is_revisit is False


def test_a_new_archive_object_finds_bodies_already_in_the_days_file(tmp_path: Path) -> None:
    body = random_body(10_000)
    first = WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, {}, body)
    second = WarcArchive(tmp_path).write_exchange(URL, AT + timedelta(hours=1), {}, 200, {}, body)
    assert second.is_revisit
    assert read_record(tmp_path, second).body == read_record(tmp_path, first).body == body


def test_lookup_finds_bodies_archived_on_other_days(tmp_path: Path) -> None:
    body = random_body(10_000)
    first = WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, {}, body)
    known = {first.payload_digest: first}
    archive = WarcArchive(tmp_path, lookup=known.get)
    second = archive.write_exchange(URL, AT + timedelta(days=3), {}, 200, {}, body)
    assert (second.is_revisit, second.file) == (True, "2024/05/04/newsledger-20240504.warc.gz")
    assert read_record(tmp_path, second).body == body


def test_without_lookup_other_days_are_not_searched(tmp_path: Path) -> None:
    body = random_body(1_000)
    WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, {}, body)
    second = WarcArchive(tmp_path).write_exchange(URL, AT + timedelta(days=1), {}, 200, {}, body)
    assert second.is_revisit is False


@pytest.mark.parametrize(
    ("fetched_at", "file"),
    [
        (datetime(2024, 5, 1, 23, 59, 59, tzinfo=UTC), "2024/05/01/newsledger-20240501.warc.gz"),
        (datetime(2024, 5, 2, 0, 0, 0, tzinfo=UTC), "2024/05/02/newsledger-20240502.warc.gz"),
        # 01:30 in UTC+2 is still the 1st in UTC.
        (
            datetime(2024, 5, 2, 1, 30, tzinfo=timezone(timedelta(hours=2))),
            "2024/05/01/newsledger-20240501.warc.gz",
        ),
        (datetime(2024, 12, 31, 12, 0), "2024/12/31/newsledger-20241231.warc.gz"),  # naive = UTC
    ],
)
def test_files_rotate_by_the_captures_utc_day(
    tmp_path: Path, fetched_at: datetime, file: str
) -> None:
    location = WarcArchive(tmp_path).write_exchange(URL, fetched_at, {}, 200, {}, b"x")
    assert location.file == file
    assert (tmp_path / file).is_file()


def test_two_days_make_two_files_each_readable(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path)
    day_one = archive.write_exchange(URL, AT, {}, 200, {}, b"one")
    day_two = archive.write_exchange(URL, AT + timedelta(days=1), {}, 200, {}, b"two")
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.warc.gz")) == [
        day_one.file,
        day_two.file,
    ]
    assert [r.body for r in iter_responses(tmp_path / day_one.file)] == [b"one"]
    assert [r.body for r in iter_responses(tmp_path / day_two.file)] == [b"two"]


def write_three(root: Path) -> list[WarcLocation]:
    archive = WarcArchive(root)
    return [
        archive.write_exchange(f"{URL}&n={n}", AT, {}, 200, {}, random_body(20_000, seed=n))
        for n in range(3)
    ]


@pytest.mark.parametrize("cut_into_last", [10, 5_000, 19_000])
def test_a_torn_last_record_leaves_earlier_ones_readable(
    tmp_path: Path, cut_into_last: int
) -> None:
    locations = write_three(tmp_path)
    path = tmp_path / locations[0].file
    path.write_bytes(path.read_bytes()[: locations[2].offset + cut_into_last])
    assert [r.url for r in iter_responses(path)] == [f"{URL}&n=0", f"{URL}&n=1"]
    assert read_record(tmp_path, locations[1]).body == random_body(20_000, seed=1)
    with pytest.raises(WarcReadError):
        read_record(tmp_path, locations[2])


def test_appending_after_a_crash_cuts_the_torn_record(tmp_path: Path) -> None:
    locations = write_three(tmp_path)
    path = tmp_path / locations[0].file
    path.write_bytes(path.read_bytes()[: locations[2].offset + 5_000])
    after = WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, {}, b"after the crash")
    assert after.offset == locations[2].offset
    assert [r.body[:15] for r in iter_responses(path)] == [
        random_body(20_000, seed=0)[:15],
        random_body(20_000, seed=1)[:15],
        b"after the crash",
    ]


def test_read_record_of_a_request_location_is_an_error(tmp_path: Path) -> None:
    location = WarcArchive(tmp_path).write_exchange(URL, AT, {}, 200, {}, b"x")
    request_offset = location.offset + location.length
    with pytest.raises(WarcReadError, match="a request record, not a response"):
        read_record(tmp_path, WarcLocation(location.file, request_offset, 0, "", False))


def write_foreign_warc(path: Path, *, gzipped: bool) -> None:
    """A WARC as another crawler writes it: raw wire bytes (chunked, gzip-encoded), a DNS
    record, a resource record and a metadata record between the responses."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        chunked = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
        writer.write_record(
            writer.create_warc_record(
                "http://other.example.org/chunked",
                "response",
                payload=io.BytesIO(chunked),
                http_headers=StatusAndHeaders(
                    "200 OK", [("Transfer-Encoding", "chunked")], protocol="HTTP/1.1"
                ),
                warc_headers_dict={"WARC-Date": "2019-01-02T03:04:05Z"},
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "dns:other.example.org",
                "response",
                payload=io.BytesIO(b"20190102030405\nother.example.org. 300 IN A 192.0.2.1\n"),
                warc_content_type="text/dns",
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "http://other.example.org/notes.txt",
                "resource",
                payload=io.BytesIO(b"plain notes"),
                warc_content_type="text/plain",
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "http://other.example.org/chunked",
                "metadata",
                payload=io.BytesIO(b"via: test"),
                warc_content_type="application/warc-fields",
            )
        )
        encoded = gzip.compress(b"<html>compressed page</html>")
        writer.write_record(
            writer.create_warc_record(
                "https://other.example.org/gz",
                "response",
                payload=io.BytesIO(encoded),
                http_headers=StatusAndHeaders(
                    "301 Moved Permanently",
                    [("Content-Encoding", "gzip"), ("Content-Length", str(len(encoded)))],
                    protocol="HTTP/1.0",
                ),
                warc_headers_dict={"WARC-Date": "2019-01-02T03:04:06.5Z"},
            )
        )


@pytest.mark.parametrize(("gzipped", "name"), [(False, "other.warc"), (True, "other.warc.gz")])
def test_reads_warcs_written_by_other_tools(tmp_path: Path, gzipped: bool, name: str) -> None:
    path = tmp_path / name
    write_foreign_warc(path, gzipped=gzipped)
    responses = list(iter_responses(path))
    assert [(r.url, r.status, r.body, r.fetched_at) for r in responses] == [
        (
            "http://other.example.org/chunked",
            200,
            b"hello world",
            datetime(2019, 1, 2, 3, 4, 5, tzinfo=UTC),
        ),
        (
            "https://other.example.org/gz",
            301,
            b"<html>compressed page</html>",
            datetime(2019, 1, 2, 3, 4, 6, 500000, tzinfo=UTC),
        ),
    ]
