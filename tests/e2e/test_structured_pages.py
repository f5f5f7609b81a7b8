"""A page's own statements through a live ingest: a real server on 127.0.0.1 serves an article
whose JSON-LD and meta tags give its summary, dates and a correction; the warehouse keeps
them, and a page re-stamped with a new dateModified and nothing else is no new version."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer, loopback_policy
from support.newsroom import (
    KIRBY_AFTER,
    KIRBY_BEFORE,
    article_page,
    loopback_sources,
    seed_paragraphs,
    serve_feed,
)

PATH = "/world/moscow-attack"
CORRECTION = "An earlier version of this article misstated John Kirby's title."


def _page(server: LoopbackServer, seed: str, modified: str, corrections: list[object]) -> str:
    linked = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "Wire"},
            {"@type": "NewsArticle", "headline": "Gunmen storm Moscow concert hall",
             "datePublished": "2024-03-22T18:30:00Z", "dateModified": modified,
             "correction": corrections},
        ],
    }  # fmt: skip
    head = (
        '<meta property="og:description" content="Gunmen opened fire at a concert hall.">'
        f'<script type="application/ld+json">{json.dumps(linked)}</script>'
    )
    page = article_page("Gunmen storm Moscow concert hall", seed_paragraphs(seed), server.url(PATH))
    return page.replace("</head>", head + "</head>", 1)


def _poll(server: LoopbackServer, db: Path) -> dict[str, object]:
    config = parse_sources(loopback_sources(server))
    options = LiveRunOptions(db_path=db, archive_root=db.parent / "warc", processes=1)
    with Fetcher(loopback_policy()) as fetcher:
        return ingest_feeds(config, options, fetcher=fetcher, poll_all=True).as_dict()


def test_a_page_s_statements_are_stored_and_a_new_stamp_alone_is_no_version(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    server, db = loopback_server, tmp_path / "live.duckdb"
    serve_feed(server, [("Moscow", PATH)])
    server.route(PATH, body=_page(server, KIRBY_BEFORE, "2024-03-22T19:00:00Z", []))
    assert _poll(server, db)["new_versions"] == 1

    # Re-stamped only: new bytes, so it is extracted again, but the same version.
    server.route(PATH, body=_page(server, KIRBY_BEFORE, "2024-03-23T07:00:00Z", []))
    again = _poll(server, db)
    assert (again["new_versions"], again["unchanged"]) == (0, 1)

    correction = {"@type": "CorrectionComment", "text": CORRECTION,
                  "datePublished": "2024-03-23T09:00:00Z"}  # fmt: skip
    server.route(PATH, body=_page(server, KIRBY_AFTER, "2024-03-23T09:05:00Z", [correction]))
    assert _poll(server, db)["new_versions"] == 1

    with Warehouse.open(db, read_only=True) as w:
        versions = w.fetch_all(
            "SELECT version_no, summary, published_at, modified_at FROM v_versions ORDER BY 1"
        )
        corrections = w.fetch_all(
            "SELECT version_no, detected_by, is_new, note_text, note_date, outlet "
            "FROM v_corrections WHERE detected_by = 'json_ld'"
        )
        [(log,)] = w.fetch_all(
            "SELECT structured_corrections FROM v_correction_log WHERE to_version = 2"
        )
    published = datetime(2024, 3, 22, 18, 30, tzinfo=UTC)
    assert versions == [
        (1, "Gunmen opened fire at a concert hall.", published,
         datetime(2024, 3, 22, 19, tzinfo=UTC)),
        (2, "Gunmen opened fire at a concert hall.", published,
         datetime(2024, 3, 23, 9, 5, tzinfo=UTC)),
    ]  # fmt: skip
    assert corrections == [(2, "json_ld", True, CORRECTION, "2024-03-23", "Wire")]
    assert log == [{"text": CORRECTION, "published_at": datetime(2024, 3, 23, 9, tzinfo=UTC)}]
