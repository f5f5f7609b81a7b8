"""A session-wide Prefect test server, started once, for the flow and CLI tests.

Prefect's own harness runs a real (temporary) API server on loopback with a throwaway
database, so flows run for real and leave nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
