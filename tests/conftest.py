"""Shared fixtures: the loopback HTTP server and the real data, read in place; Prefect kept
quiet and offline for every test.

The environment is set at import, before any test module can import Prefect."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
if "PREFECT_HOME" not in os.environ:
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsledger-prefect-")

# `support` (tests/support/) is importable whatever pytest's import mode or rootdir.
_TESTS_DIR = str(Path(__file__).resolve().parent)
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

from support.loopback import LoopbackServer  # noqa: E402
from support.public_corpus import missing_reason, realdata_dir  # noqa: E402


@pytest.fixture
def loopback_server() -> Iterator[LoopbackServer]:
    """A started LoopbackServer on 127.0.0.1 (port 0), stopped with its threads after the test."""
    with LoopbackServer() as server:
        yield server


@pytest.fixture(scope="session")
def realdata() -> Path:
    """../shared/realdata (feeds/, pages/, versions/), read in place; skips when absent."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    return realdata_dir()
