"""Live ingest end to end: a real server on 127.0.0.1 whose pages change between polls."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.warehouse import Warehouse
from newsledger.text import extract
from support.loopback import LoopbackServer, loopback_policy
from support.newsroom import (
    KIRBY_AFTER,
    KIRBY_BEFORE,
    article_page,
    loopback_sources,
    seed_paragraphs,
    serve_feed,
)


@pytest.fixture
def newsroom(loopback_server: LoopbackServer, realdata: Path) -> LoopbackServer:
    server = loopback_server
    before = seed_paragraphs(KIRBY_BEFORE)
    server.route(
        "/world/moscow-attack",
        body=article_page("Gunmen storm Moscow concert hall", before,
                           server.url("/world/moscow-attack")),
        etag='"v1"',
    )  # fmt: skip
    for name in ("bbc-1", "guardian-1"):
        server.route(
            f"/pages/{name}",
            body=(realdata / "pages" / f"{name}.html").read_bytes(),
            etag=f'"{name}"',
        )
    serve_feed(
        server,
        [
            ("Moscow", "/world/moscow-attack"),
            ("BBC", "/pages/bbc-1"),
            ("Guardian", "/pages/guardian-1"),
        ],
    )
    return server


def _poll(server: LoopbackServer, db: Path) -> dict[str, object]:
    config = parse_sources(loopback_sources(server))
    options = LiveRunOptions(db_path=db, archive_root=db.parent / "warc", processes=1)
    with Fetcher(loopback_policy()) as fetcher:
        return ingest_feeds(config, options, fetcher=fetcher, poll_all=True).as_dict()


def test_three_polls_store_each_change_once(newsroom: LoopbackServer, tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    first = _poll(newsroom, db)
    assert (first["new_versions"], first["new_reports"], first["errors"]) == (3, 3, {})

    after = seed_paragraphs(KIRBY_AFTER)
    newsroom.route(
        "/world/moscow-attack",
        body=article_page("Gunmen storm Moscow concert hall", after,
                           newsroom.url("/world/moscow-attack")),
        etag='"v2"',
    )  # fmt: skip
    second = _poll(newsroom, db)
    assert (second["new_versions"], second["not_modified"]) == (1, 2)
    with Warehouse.open(db, read_only=True) as w:
        changes = w.fetch_all(
            "SELECT op, before_text, after_text FROM v_changes ORDER BY to_version, change_no"
        )
        log = w.fetch_all("SELECT to_version, status FROM v_correction_log")
    assert [c[0] for c in changes] == ["changed", "added"]
    assert "the White House national security adviser" in changes[0][1]
    assert "spokesman for the White House National Security Council" in changes[0][2]
    assert log == [(2, "declared_and_observed")]

    extract.reset_extractor_calls()
    page_requests_before = len(newsroom.requests)
    third = _poll(newsroom, db)
    assert (third["new_versions"], third["extractor_calls"], third["not_modified"]) == (0, 0, 3)
    third_requests = newsroom.requests[page_requests_before:]
    pages = [r for r in third_requests if r.path != "/feed.xml"]
    assert sorted(r.status for r in pages) == [304, 304, 304]
    assert all(r.body_bytes == 0 for r in pages)


def test_same_body_without_validators_costs_no_extraction(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    server = loopback_server
    page = article_page("Stable", seed_paragraphs("003_e0a8b143a7695bce.txt"), server.url("/a"))
    server.route("/a", body=page)
    serve_feed(server, [("A", "/a")])
    db = tmp_path / "same.duckdb"
    assert _poll(server, db)["new_versions"] == 1
    again = _poll(server, db)
    assert (again["new_versions"], again["unchanged"], again["extractor_calls"]) == (0, 1, 0)


def test_every_fetch_is_recorded_and_failures_do_not_stop_the_run(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    server = loopback_server
    server.route("/ok", body=article_page("Fine", seed_paragraphs("003_e0a8b143a7695bce.txt"),
                                           server.url("/ok")))  # fmt: skip
    server.route("/gone", status=410, body="gone")
    server.route("/pdf", body=b"%PDF-1.4 binary", headers={"Content-Type": "application/pdf"})
    server.route("/empty", body="<html><body><nav>Home</nav></body></html>")
    serve_feed(server, [("ok", "/ok"), ("gone", "/gone"), ("pdf", "/pdf"), ("e", "/empty")])
    db = tmp_path / "errors.duckdb"
    counts = _poll(server, db)
    assert counts["new_versions"] == 1
    with Warehouse.open(db, read_only=True) as w:
        rows = w.fetch_all(
            "SELECT regexp_extract(url, '/[a-z.]+$'), status, error_class, outcome "
            "FROM v_fetch_log ORDER BY url"
        )
        health = w.fetch_all(
            "SELECT source_name, fetches, errors, failures_in_a_row FROM v_source_health"
        )
    assert rows == [
        ("/empty", 200, "no_article", "no_article"),
        ("/feed.xml", 200, None, "feed_ok"),
        ("/gone", 410, "http_4xx", "error"),
        ("/ok", 200, None, "extracted"),
        ("/pdf", 200, "no_article", "no_article"),
    ]
    assert health == [("wire", 5, 3, 0)]
