"""The Dask flow as an operator runs it on several machines: a cluster someone else started
(here a LocalCluster with its scheduler and two worker processes on 127.0.0.1) and the flow
given only the scheduler's address. The warehouse holds the rows a single-process run stores.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from distributed import Client, LocalCluster
from flows.dask_extract import ingest_feeds_dask_flow

from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.text import extract
from support.loopback import LoopbackServer
from support.newsroom import loopback_sources, serve_feed
from support.warehouse_rows import run_rows

PAGES = ("bbc-1", "guardian-1", "ars-1", "buzzfeed-1", "citylab-1", "cnn", "engadget", "heise")


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    """A running cluster the flow did not start: its address is all the flow is told."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=":0",
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def newsroom(loopback_server: LoopbackServer, realdata: Path) -> LoopbackServer:
    for name in PAGES:
        loopback_server.route(
            f"/pages/{name}.html", body=(realdata / "pages" / f"{name}.html").read_bytes()
        )
    serve_feed(loopback_server, [(name, f"/pages/{name}.html") for name in PAGES])
    return loopback_server


def _calls_on_workers(address: str) -> int:
    with Client(address, set_as_default=False) as client:
        return sum(cast(dict[str, int], client.run(extract.extractor_calls)).values())


@pytest.mark.usefixtures("prefect_harness")
def test_flow_on_a_running_cluster_stores_what_a_single_process_run_stores(
    scheduler_address: str, newsroom: LoopbackServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(loopback_sources(newsroom))
    on_cluster = tmp_path / "cluster" / "newsledger.duckdb"
    calls_before = _calls_on_workers(scheduler_address)
    extract.reset_extractor_calls()

    state = ingest_feeds_dask_flow(
        str(sources),
        str(on_cluster),
        poll_all=True,
        chunk_pages=3,
        scheduler_address=scheduler_address,
        return_state=True,
    )

    # The cluster's workers extracted every page; this process (the flow's) extracted none.
    assert (extract.extractor_calls(), _calls_on_workers(scheduler_address) - calls_before) == (
        0,
        len(PAGES),
    )
    assert (state.type.value, state.name) == ("COMPLETED", "Completed")
    summary = cast(dict[str, Any], state.result())
    assert (summary["pages_fetched"], summary["errors"]) == (len(PAGES), {})
    single = tmp_path / "single" / "newsledger.duckdb"
    options = LiveRunOptions(db_path=single, archive_root=single.parent / "warc", processes=1)
    counts = ingest_feeds(parse_sources(loopback_sources(newsroom)), options, poll_all=True)
    assert summary["new_versions"] == counts.new_versions == len(PAGES)
    assert run_rows(on_cluster) == run_rows(single)
