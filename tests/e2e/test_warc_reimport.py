"""`import warc` cannot rewrite history: a capture the warehouse holds (its own archive, the
same file renamed) adds nothing, a capture older than the report's newest version is refused,
and `check` names versions out of time order."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.archive import import_warc_files
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.check import check_warehouse
from newsledger.store.warehouse import Warehouse
from newsledger.text.urls import report_id_for_url
from support.loopback import LoopbackServer, loopback_policy
from support.newsroom import KIRBY_AFTER, KIRBY_BEFORE, article_page, seed_paragraphs

TITLE = "Gunmen storm Moscow concert hall"


def _history(db: Path) -> list[tuple[object, ...]]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return warehouse.fetch_all(
            "SELECT v.version_no, v.text_hash, v.captured_at, t.status FROM versions v "
            "LEFT JOIN transitions t ON t.report_id = v.report_id AND t.to_version = v.version_no "
            "ORDER BY v.version_no"
        )


@pytest.fixture
def archived(loopback_server: LoopbackServer, tmp_path: Path) -> tuple[Path, list[Path], str]:
    """A report polled through three states, its WARC archive kept: (db, WARC files, URL)."""
    server, db = loopback_server, tmp_path / "w.duckdb"
    url = server.url("/a")
    config = parse_sources(
        f'[fetch]\nallow_hosts = ["127.0.0.1"]\n\n[[article_lists]]\nname = "wire"\n'
        f'outlet = "Wire"\nurls = ["{url}"]\n'
    )
    options = LiveRunOptions(db_path=db, archive_root=tmp_path / "warc", processes=1)
    after = seed_paragraphs(KIRBY_AFTER)
    states = [seed_paragraphs(KIRBY_BEFORE), after, (*after, "A third paragraph came later.")]
    for paragraphs in states:
        server.route("/a", body=article_page(TITLE, paragraphs, url))
        with Fetcher(loopback_policy()) as fetcher:
            ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
    assert [row[0] for row in _history(db)] == [1, 2, 3]
    return db, sorted((tmp_path / "warc").rglob("*.warc.gz")), url


def test_importing_the_warehouses_own_archive_adds_nothing(
    archived: tuple[Path, list[Path], str],
) -> None:
    db, warc_files, _ = archived
    before = _history(db)
    counts = import_warc_files(db, warc_files)
    assert (counts.records, counts.new_versions, counts.already_held) == (3, 0, 3)
    assert _history(db) == before


def test_the_same_captures_renamed_add_nothing(
    archived: tuple[Path, list[Path], str], tmp_path: Path
) -> None:
    db, warc_files, _ = archived
    renamed = []
    for n, path in enumerate(warc_files):
        renamed.append(tmp_path / "copies" / f"crawl-{n}.warc.gz")
        renamed[-1].parent.mkdir(exist_ok=True)
        shutil.copy(path, renamed[-1])
    before = _history(db)
    assert import_warc_files(db, renamed).new_versions == 0
    # Into a fresh warehouse: backfilled once, then the renamed copies add nothing.
    fresh = tmp_path / "fresh.duckdb"
    assert import_warc_files(fresh, warc_files).new_versions == 3
    assert import_warc_files(fresh, renamed).new_versions == 0
    assert [row[:2] for row in _history(fresh)] == [row[:2] for row in before]
    assert _history(db) == before


def _other_tools_warc(path: Path, url: str, when: str, paragraphs: tuple[str, ...]) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(article_page(TITLE, paragraphs, url).encode()),
            http_headers=headers, warc_headers_dict={"WARC-Date": when},
        )  # fmt: skip
        writer.write_record(record)
    return path


def test_a_capture_older_than_the_newest_version_is_refused_not_appended(
    archived: tuple[Path, list[Path], str], tmp_path: Path
) -> None:
    db, _, url = archived
    before = _history(db)
    older = (*seed_paragraphs(KIRBY_BEFORE), "A paragraph only an early crawl saw.")
    warc = _other_tools_warc(tmp_path / "early.warc", url, "2024-01-01T00:00:00Z", older)
    counts = import_warc_files(db, [warc])
    assert (counts.extracted, counts.new_versions, counts.older_than_latest) == (1, 0, 1)
    assert counts.problems and "older than their report's newest version" in counts.problems[0]
    assert _history(db) == before
    with Warehouse.open(db, read_only=True) as warehouse:
        assert warehouse.fetch_all(
            "SELECT outcome, version_no FROM captures WHERE captured_at = '2024-01-01 00:00:00Z'"
        ) == [("older_than_latest", None)]
        assert check_warehouse(warehouse) == []
    assert import_warc_files(db, [warc]).older_than_latest == 0  # recorded once, then held


def test_a_newer_capture_still_extends_the_history(
    archived: tuple[Path, list[Path], str], tmp_path: Path
) -> None:
    db, _, url = archived
    newer = (*seed_paragraphs(KIRBY_AFTER), "A paragraph a later crawl saw.")
    warc = _other_tools_warc(tmp_path / "late.warc", url, "2099-01-01T00:00:00Z", newer)
    assert import_warc_files(db, [warc]).new_versions == 1
    assert [row[0] for row in _history(db)] == [1, 2, 3, 4]
    with Warehouse.open(db, read_only=True) as warehouse:
        assert warehouse.fetch_all("SELECT report_id FROM reports") == [(report_id_for_url(url),)]


def test_check_names_versions_out_of_time_order(archived: tuple[Path, list[Path], str]) -> None:
    db, _, _ = archived
    with Warehouse.open(db) as warehouse:
        warehouse.connection.execute(
            "UPDATE versions SET captured_at = TIMESTAMPTZ '2000-01-01 00:00:00Z' "
            "WHERE version_no = 3"
        )
        found = [(v.check, v.subject.rsplit("#", 1)[1]) for v in check_warehouse(warehouse)]
    assert found == [("version_times", "3")]
