"""One live ingest run in its own process, killed with SIGKILL at a chosen point.

Usage: crash_worker.py FEED_URL DB_PATH. NEWSLEDGER_CRASH_AT=<stage>:<n> kills the process
at the n-th call of that stage (see STAGES); without it the run completes. Serves nothing:
the newsroom is the test's loopback server.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TESTS_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS_DIR))

from newsledger.capture import warc  # noqa: E402
from newsledger.capture.fetch import Fetcher  # noqa: E402
from newsledger.capture.sources import parse_sources  # noqa: E402
from newsledger.runs import live, pages  # noqa: E402
from newsledger.runs.options import LiveCounts, LiveRunOptions  # noqa: E402
from newsledger.store import staging  # noqa: E402
from newsledger.store import warehouse as store  # noqa: E402
from support.loopback import loopback_policy  # noqa: E402

BATCH_SIZE = 5


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def killing_at(n: int, original: Callable[..., Any], after: bool = False) -> Callable[..., Any]:
    """`original`, except that its n-th call kills the process (before it runs, or after)."""
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == n and not after:
            die()
        result = original(*args, **kwargs)
        if calls == n:
            die()
        return result

    return wrapper


def _torn_warc_append(n: int) -> Callable[..., Any]:
    """WarcArchive._append whose n-th record is cut in half on disk before the kill."""
    original = warc.WarcArchive._append
    calls = 0

    def append(self: warc.WarcArchive, handle: Any, *args: Any) -> Any:
        nonlocal calls
        calls += 1
        appended = original(self, handle, *args)
        # _append returns (location, what a later revisit names); the location says where.
        location = appended[0]
        if calls == n:
            handle.truncate(location.offset + location.length // 2)
            handle.flush()
            die()
        return appended

    return append


def _dying_before_commit(n: int) -> Callable[..., Any]:
    """Warehouse.write_batch whose n-th call dies inside its transaction, after the writes."""
    original = store.Warehouse.write_batch
    calls = 0

    def write_batch(self: store.Warehouse, batch: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == n:
            begin = self.transaction

            @contextmanager
            def transaction() -> Iterator[Any]:
                with begin() as connection:
                    yield connection
                    die()

            self.transaction = transaction
        original(self, batch)

    return write_batch


def _always_stage(staged: staging.StagedBatch, options: LiveRunOptions) -> LiveCounts:
    """write_or_stage as it runs when readers keep the warehouse busy: every batch staged."""
    staging.write_staged(options.staging_root, staged)
    counts = LiveCounts()
    counts.staged_batches = 1
    return counts


def arm(stage: str, n: int) -> None:
    """Patches the stage so its n-th call kills this process."""
    if stage == "fetch":  # inside the fetch: the request may or may not have been answered
        Fetcher.fetch = killing_at(n, Fetcher.fetch)
    elif stage == "extract":  # before the n-th page is extracted
        pages.extract_article = killing_at(n, pages.extract_article)
    elif stage == "uncommitted":  # every row of the n-th batch written, no COMMIT yet
        store.Warehouse.write_batch = _dying_before_commit(n)
    elif stage == "commit":  # right after the n-th batch committed
        store.Warehouse.write_batch = killing_at(n, store.Warehouse.write_batch, after=True)
    elif stage == "warc":  # the n-th WARC record torn in half on disk
        warc.WarcArchive._append = _torn_warc_append(n)
    elif stage == "stage":  # every batch staged; killed inside the n-th Parquet write
        pages.write_or_stage = _always_stage
        staging.write_parquet = killing_at(n, staging.write_parquet)
    else:
        raise SystemExit(f"unknown crash stage {stage!r}")


def run(feed_url: str, db_path: Path) -> None:
    config = parse_sources(f'[[feeds]]\nname = "newsroom"\nurl = "{feed_url}"\noutlet = "Wire"\n')
    # Stories are rebuilt after the run, as in production: a run killed after its last batch
    # committed leaves them stale, and `check` then names them until the rerun rebuilds them.
    options = LiveRunOptions(
        db_path, db_path.parent / "warc", batch_size=BATCH_SIZE, processes=1,
    )  # fmt: skip
    with Fetcher(loopback_policy(max_retries=0)) as fetcher:
        counts = live.ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
    print(f"done {counts.new_versions}")


def main() -> None:
    crash_at = os.environ.get("NEWSLEDGER_CRASH_AT")
    if crash_at:
        stage, _, n = crash_at.partition(":")
        arm(stage, int(n))
    run(sys.argv[1], Path(sys.argv[2]))


if __name__ == "__main__":
    main()
