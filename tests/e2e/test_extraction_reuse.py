"""A body served under several URLs in one run is extracted once when the page names its own
address, once per URL when it does not, and the warehouse holds the same rows as a run that
extracts every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs import pages
from newsledger.runs.extraction_cache import ExtractionCache, ExtractionKey
from newsledger.runs.fetches import PageFetch
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveCounts, LiveRunOptions
from support.loopback import LoopbackServer, loopback_policy
from support.newsroom import loopback_sources, serve_feed
from support.warehouse_rows import run_rows

# Real pages that name their own absolute address, and two that do not (bbc-1's date and
# yahoo-2's canonical link depend on the URL the page was fetched from).
NAMED = ("guardian-1", "ars-1", "cnn")
UNNAMED = ("bbc-1", "yahoo-2")
# Each page is served byte for byte under three URLs, one with a date in its path.
COPIES = ("/a/{name}", "/b/{name}?ref=feed", "/2024/01/02/{name}")


class EveryPage(ExtractionCache):
    """The reference: every URL extracted, as before bodies were keyed by their hash."""

    def _key(self, page: PageFetch) -> ExtractionKey:
        result = page.result
        return (result.body_sha256 or "", result.encoding, result.final_url)


@pytest.fixture
def copies(loopback_server: LoopbackServer, realdata: Path) -> LoopbackServer:
    items = []
    for name in NAMED + UNNAMED:
        body = (realdata / "pages" / f"{name}.html").read_bytes()
        for pattern in COPIES:
            path = pattern.format(name=name)
            loopback_server.route(path, body=body)
            items.append((name, path))
    serve_feed(loopback_server, items)
    return loopback_server


def _ingest(server: LoopbackServer, db: Path) -> LiveCounts:
    # Batches of 4 pages: copies of one body land in different batches of the run.
    options = LiveRunOptions(db_path=db, archive_root=None, processes=1, batch_size=4,
                             refresh_stories=False)  # fmt: skip
    with Fetcher(loopback_policy()) as fetcher:
        return ingest_feeds(parse_sources(loopback_sources(server)), options, fetcher=fetcher,
                            poll_all=True)  # fmt: skip


def test_copies_are_extracted_once_per_body_and_store_the_same_rows(
    copies: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reused = _ingest(copies, tmp_path / "reused.duckdb")
    monkeypatch.setattr(pages, "ExtractionCache", EveryPage)
    every = _ingest(copies, tmp_path / "every.duckdb")

    n_copies = len(COPIES)
    assert every.extractor_calls == n_copies * len(NAMED + UNNAMED)
    assert reused.extractor_calls == len(NAMED) + n_copies * len(UNNAMED)
    assert (reused.pages_fetched, reused.errors) == (every.pages_fetched, every.errors)
    assert run_rows(tmp_path / "reused.duckdb") == run_rows(tmp_path / "every.duckdb")
