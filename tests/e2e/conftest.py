"""Fixtures shared by the end-to-end tests: the session's Prefect server, and the bad-input
matrix run that test_bad_pages.py and test_bad_feeds.py both read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from newsledger.store.warehouse import Warehouse
from support.bad_input import GOOD_PARAGRAPHS, Newsroom, article_page
from support.loopback import LoopbackServer
from tests.support.prefect_harness import prefect_harness  # noqa: F401

if TYPE_CHECKING:
    from support.bad_input_matrix import MatrixRun


@pytest.fixture(scope="package")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MatrixRun]:
    """The live ingest run twice over the newsroom holding every bad-input case; one run for
    test_bad_pages.py and test_bad_feeds.py together, as the cases share one newsroom."""
    # Imported here, not above: the cases are built at import (a 50 MB gzip bomb among them),
    # which e2e tests that never ask for the matrix should not pay for.
    from support.bad_input_matrix import MatrixRun, build_newsroom

    with LoopbackServer() as server:
        room = Newsroom(server, tmp_path_factory.mktemp("matrix") / "matrix.duckdb")
        server.route("/good", body=article_page("Council passes budget", GOOD_PARAGRAPHS))
        build_newsroom(room)
        room.run()
        first = room.stored()
        second_counts = room.run()
        with Warehouse.open(room.db, read_only=True) as warehouse:
            logs: dict[str, list[tuple[str | None, str | None, str]]] = {}
            for url, error_class, message, outcome in warehouse.fetch_all(
                "SELECT url, error_class, error_message, outcome FROM v_fetch_log ORDER BY fetch_id"
            ):
                logs.setdefault(url, []).append((error_class, message, outcome))
            problems = dict(warehouse.fetch_all("SELECT feed_name, last_problem FROM feed_state"))
        yield MatrixRun(
            room, first, room.stored(), second_counts.new_versions, logs, room.texts(),
            {r.path for r in server.requests}, problems,
        )  # fmt: skip
