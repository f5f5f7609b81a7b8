"""Stored captures are evidence: re-extraction without the network, and backfill from WARC."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.capture.fetch import Fetcher
from newsledger.capture.seeds import parse_seed
from newsledger.capture.sources import parse_sources
from newsledger.runs.archive import import_warc_files, reextract_archived
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer, loopback_policy

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _page(paragraphs: tuple[str, ...], canonical: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><title>Concert hall attack</title><link rel="canonical" href="{canonical}">'
        f"</head><body><article><h1>Concert hall attack</h1>{body}</article></body></html>"
    ).encode()


def _seed(relative: str) -> tuple[str, ...]:
    return parse_seed((SEEDS / relative).read_bytes()).paragraphs


def _ingest_two_states(server: LoopbackServer, db: Path) -> None:
    config = parse_sources(
        f'[fetch]\nallow_hosts = ["127.0.0.1"]\n\n[[article_lists]]\nname = "wire"\n'
        f'outlet = "Wire"\nurls = ["{server.url("/a")}"]\n'
    )
    options = LiveRunOptions(db_path=db, archive_root=db.parent / "warc", processes=1)
    for seed in ("reconstructed/000_4298c29b566fd99a.before-correction.txt",
                 "000_4298c29b566fd99a.txt"):  # fmt: skip
        server.route("/a", body=_page(_seed(seed), server.url("/a")))
        with Fetcher(loopback_policy()) as fetcher:
            ingest_feeds(config, options, fetcher=fetcher, poll_all=True)


def test_reextract_reads_the_archive_and_adds_nothing_when_text_is_the_same(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    _ingest_two_states(loopback_server, db)
    requests_before = len(loopback_server.requests)
    counts = reextract_archived(db, tmp_path / "warc")
    assert (counts.records, counts.extracted, counts.new_versions) == (1, 1, 0)
    assert len(loopback_server.requests) == requests_before  # no network


def test_import_warc_backfills_versions_with_capture_times(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    _ingest_two_states(loopback_server, db)
    with Warehouse.open(db, read_only=True) as w:
        original = w.fetch_all("SELECT version_no, text_hash, captured_at FROM v_versions")
    warc_files = sorted((tmp_path / "warc").rglob("*.warc.gz"))
    fresh = tmp_path / "fresh.duckdb"
    counts = import_warc_files(fresh, warc_files)
    assert counts.new_versions == 2
    with Warehouse.open(fresh, read_only=True) as w:
        imported = w.fetch_all("SELECT version_no, text_hash, captured_at FROM v_versions")
        changes = w.fetch_all("SELECT op FROM v_changes ORDER BY change_no")
    assert [r[:2] for r in imported] == [r[:2] for r in original]
    # WARC-Date keeps whole seconds; the fetch time kept microseconds.
    assert [r[2].replace(microsecond=0) for r in imported] == [
        r[2].replace(microsecond=0) for r in original
    ]
    assert changes == [("changed",), ("added",)]
    assert import_warc_files(fresh, warc_files).new_versions == 0


def test_import_warc_written_by_another_tool(tmp_path: Path) -> None:
    path = tmp_path / "other.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        html = _page(_seed("003_e0a8b143a7695bce.txt"), "https://example.org/moscow")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://example.org/moscow?utm_source=x", "response",
            payload=io.BytesIO(html), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-03-22T10:00:00Z"},
        )  # fmt: skip
        writer.write_record(record)
    db = tmp_path / "w.duckdb"
    counts = import_warc_files(db, [path])
    assert (counts.records, counts.new_versions) == (1, 1)
    with Warehouse.open(db, read_only=True) as w:
        [(url, captured_at)] = w.fetch_all("SELECT url, captured_at FROM v_versions")
    assert url == "https://example.org/moscow"
    assert captured_at == datetime(2024, 3, 22, 10, tzinfo=UTC)
