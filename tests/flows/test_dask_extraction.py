"""Extraction on Dask gives the warehouse the same versions as the default path.

A LocalCluster of two worker processes on 127.0.0.1 (no dashboard) extracts a loopback
newsroom of real pages; the default in-process run into a second warehouse is the reference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
from flows.dask_extract import ingest_feeds_dask_flow

from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.warehouse import Warehouse
from newsledger.text import extract
from support.loopback import LoopbackServer
from support.newsroom import loopback_sources, serve_feed

PAGES = ("bbc-1", "guardian-1", "ars-1", "buzzfeed-1", "citylab-1", "cnn", "engadget", "heise")


@pytest.fixture
def newsroom(loopback_server: LoopbackServer, realdata: Path) -> LoopbackServer:
    for name in PAGES:
        loopback_server.route(
            f"/pages/{name}.html", body=(realdata / "pages" / f"{name}.html").read_bytes()
        )
    serve_feed(loopback_server, [(name, f"/pages/{name}.html") for name in PAGES])
    return loopback_server


def _sources(server: LoopbackServer) -> str:
    return loopback_sources(server)


def _versions(db: Path) -> list[tuple[Any, ...]]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return warehouse.fetch_all(
            "SELECT report_id, version_no, text_hash FROM v_versions ORDER BY ALL"
        )


@pytest.mark.usefixtures("prefect_harness")
def test_dask_flow_stores_the_versions_the_default_path_stores(
    newsroom: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(_sources(newsroom))
    on_dask = tmp_path / "dask" / "newsledger.duckdb"
    extract.reset_extractor_calls()
    state = ingest_feeds_dask_flow(
        str(sources), str(on_dask), poll_all=True, chunk_pages=3, return_state=True
    )
    # Trafilatura never ran in this process: the Dask workers extracted every page.
    assert extract.extractor_calls() == 0
    default = tmp_path / "default" / "newsledger.duckdb"
    options = LiveRunOptions(db_path=default, archive_root=None, processes=1)
    counts = ingest_feeds(parse_sources(_sources(newsroom)), options, poll_all=True)

    assert (state.type.value, state.name) == ("COMPLETED", "Completed")
    summary = cast(dict[str, Any], state.result())
    assert (summary["pages_fetched"], summary["errors"]) == (len(PAGES), {})
    assert summary["new_versions"] == counts.new_versions
    assert _versions(on_dask) == _versions(default)
    assert len(_versions(on_dask)) == counts.new_versions > 0
