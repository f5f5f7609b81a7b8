"""One warehouse writer at a time, with or without a Prefect server.

DuckDB lets one process open a file for writing; a second fails at once. This lock
(an OS file lock beside the warehouse, released by the OS if its holder dies) makes
every newsledger writer queue for a bounded time instead, then step aside cleanly.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WriterBusyError(RuntimeError):
    """Another run holds the warehouse's writer lock and did not let go in time."""


class WarehouseFolderError(RuntimeError):
    """The warehouse's folder cannot be created or written."""


def busy_message(db_path: Path, duckdb_message: str, read_only: bool) -> str:
    """Who holds the DuckDB file, as far as DuckDB's own refusal tells.

    DuckDB lets one process write, or any number read, never both: a writer is refused
    by a reader too (its message then says read-only mode would work), a reader only by a
    writer. This lock file cannot see readers, so the message must not blame "a writer".
    """
    if "read-only mode" in duckdb_message:
        holder = "reading it"
    elif read_only:
        holder = "writing it"
    else:
        holder = "reading or writing it"
    pid = re.search(r"\(PID (\d+)\)", duckdb_message)
    who = f"another process (PID {pid.group(1)})" if pid else "another process"
    return (
        f"warehouse {db_path} is open in {who}, {holder}: "
        "wait until it closes the file, then run this again"
    )


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".writer.lock")


@contextmanager
def writer_lock(db_path: Path, wait_s: float = 60.0, poll_s: float = 0.2) -> Iterator[None]:
    """Holds the warehouse's writer lock; waits at most `wait_s` for it."""
    path = lock_path_for(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise WarehouseFolderError(
            f"cannot write the warehouse folder {db_path.parent}: {error.strerror} "
            "(pick a writable place with --db or NEWSLEDGER_DB)"
        ) from None
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriterBusyError(
                        f"another run is writing {db_path} and held it past {wait_s:.0f} s: "
                        "this run stepped aside (it will be picked up by the next one)"
                    ) from None
                time.sleep(poll_s)
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)
