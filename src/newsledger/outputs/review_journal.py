"""Reviews that wait for the writer: an append-only journal beside the warehouse
(<warehouse>.reviews.jsonl) that whoever holds the writer lock drains into `reviews`.

A review is accepted once its line is on disk (written in one call and fsync'd), so an
editor is never asked twice while an ingest writes. Each line carries a uuid and the time
the editor decided; draining stores a line only if that exact review (entry, status, note,
reviewer, time) is not stored yet, then drops the stored lines, so a drain cut short and
run again stores nothing twice. Appends and the rewrite after a drain hold a small lock
file of their own (<warehouse>.reviews.lock), never the writer lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsledger.outputs.reviews import (
    ReviewError,
    add_review,
    check_review,
    review_is_stored,
)
from newsledger.store.locking import WriterBusyError, writer_lock
from newsledger.store.warehouse import Warehouse, WarehouseLockedError

# An editor's note longer than this is refused rather than cut.
MAX_NOTE_CHARS = 4000


@dataclass(frozen=True)
class QueuedReview:
    queue_id: str
    entry_id: str
    status: str
    note: str | None
    reviewed_by: str
    reviewed_at: datetime

    def to_line(self) -> bytes:
        record = {
            "id": self.queue_id,
            "entry_id": self.entry_id,
            "status": self.status,
            "note": self.note,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at.isoformat(),
        }
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> QueuedReview:
        return cls(
            queue_id=str(record["id"]),
            entry_id=str(record["entry_id"]),
            status=str(record["status"]),
            note=record["note"] if record.get("note") else None,
            reviewed_by=str(record["reviewed_by"]),
            reviewed_at=datetime.fromisoformat(record["reviewed_at"]).astimezone(UTC),
        )


@dataclass(frozen=True)
class DrainResult:
    """What one drain did. `already` were stored by an earlier drain that stopped before it
    could drop their lines; `rejected` stay queued with the reason (e.g. an entry that a
    rebuilt warehouse no longer has); `waiting` is how many are still queued."""

    stored: tuple[QueuedReview, ...] = ()
    already: tuple[QueuedReview, ...] = ()
    rejected: tuple[tuple[QueuedReview, str], ...] = ()
    waiting: int = 0


def journal_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".reviews.jsonl")


def _lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".reviews.lock")


@contextmanager
def _journal_lock(db_path: Path) -> Iterator[None]:
    """Held for an append or a rewrite only: milliseconds, so waiting for it is fine."""
    path = _lock_path_for(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _fsync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def make_queued_review(
    entry_id: str, status: str, note: str | None, by: str, at: datetime | None = None
) -> QueuedReview:
    """A checked review with its uuid and time (now, UTC, unless given)."""
    check_review(status, by)
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise ReviewError(f"the note has {len(note)} characters: keep it under {MAX_NOTE_CHARS}")
    return QueuedReview(
        queue_id=uuid.uuid4().hex,
        entry_id=entry_id.strip(),
        status=status,
        note=note,
        reviewed_by=by.strip(),
        reviewed_at=(at or datetime.now(UTC)).astimezone(UTC),
    )


def append_queued(db_path: Path, review: QueuedReview) -> None:
    """Appends one review and returns once it is on disk."""
    path = journal_path_for(db_path)
    with _journal_lock(db_path):
        created = not path.exists()
        handle = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(handle).st_size
            # A line cut short by a crash must not swallow the next one.
            torn = size > 0 and os.pread(handle, 1, size - 1) != b"\n"
            data = (b"\n" if torn else b"") + review.to_line()
            while data:
                data = data[os.write(handle, data) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        if created:
            _fsync_folder(path.parent)


def queue_review(
    db_path: Path,
    entry_id: str,
    status: str,
    note: str | None,
    by: str,
    at: datetime | None = None,
) -> QueuedReview:
    """Checks a review and appends it to the journal; it is stored at the next drain."""
    review = make_queued_review(entry_id, status, note, by, at)
    append_queued(db_path, review)
    return review


def _read_lines(path: Path) -> tuple[list[QueuedReview], list[bytes]]:
    """(reviews, unreadable lines) of the journal; no file is an empty journal."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], []
    reviews, unreadable = [], []
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            reviews.append(QueuedReview.from_record(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            unreadable.append(line)
    return reviews, unreadable


def queued_reviews(db_path: Path) -> list[QueuedReview]:
    """Reviews waiting for the writer, oldest first."""
    path = journal_path_for(db_path)
    if not path.exists():
        return []
    with _journal_lock(db_path):
        return _read_lines(path)[0]


def _rewrite_without(db_path: Path, done: set[str]) -> int:
    """Drops the done lines (atomically: a new file renamed over the old); returns how many
    remain. A line that cannot be read (a crash cut it) goes to <journal>.unreadable."""
    path = journal_path_for(db_path)
    with _journal_lock(db_path):
        reviews, unreadable = _read_lines(path)
        remaining = [r for r in reviews if r.queue_id not in done]
        if unreadable:
            with path.with_name(path.name + ".unreadable").open("ab") as kept:
                kept.write(b"".join(line + b"\n" for line in unreadable))
                kept.flush()
                os.fsync(kept.fileno())
        if not remaining:
            path.unlink(missing_ok=True)
        else:
            scratch = path.with_name(path.name + ".tmp")
            with scratch.open("wb") as out:
                out.write(b"".join(r.to_line() for r in remaining))
                out.flush()
                os.fsync(out.fileno())
            os.replace(scratch, path)
        _fsync_folder(path.parent)
        return len(remaining)


def discard_queued(db_path: Path, queue_ids: set[str]) -> None:
    """Drops reviews from the journal unstored (one refused the moment it was sent)."""
    _rewrite_without(db_path, queue_ids)


def store_queued(
    warehouse: Warehouse, queued: list[QueuedReview]
) -> tuple[list[QueuedReview], list[QueuedReview], list[tuple[QueuedReview, str]]]:
    """(stored, already stored, rejected with the reason) of the queued reviews."""
    stored, already, rejected = [], [], []
    for review in queued:
        if review_is_stored(
            warehouse,
            review.entry_id,
            review.status,
            review.note,
            review.reviewed_by,
            review.reviewed_at,
        ):
            already.append(review)
            continue
        try:
            add_review(
                warehouse,
                review.entry_id,
                review.status,
                review.note,
                review.reviewed_by,
                at=review.reviewed_at,
            )
        except ReviewError as error:
            rejected.append((review, str(error)))
            continue
        stored.append(review)
    return stored, already, rejected


def drain_review_journal(db_path: Path, open_wait_s: float = 10.0) -> DrainResult:
    """Stores every queued review. The caller holds the writer lock (an ingest run, the web
    app, `newsledger review`); while readers keep the file busy past `open_wait_s` the
    reviews stay queued for the next drain."""
    path = journal_path_for(db_path)
    if not path.exists():
        return DrainResult()
    with _journal_lock(db_path):
        queued, unreadable = _read_lines(path)
    if not queued:
        if unreadable:
            _rewrite_without(db_path, set())
        return DrainResult()
    try:
        with Warehouse.open(db_path, wait_s=open_wait_s) as warehouse:
            stored, already, rejected = store_queued(warehouse, queued)
    except WarehouseLockedError:
        return DrainResult(waiting=len(queued))
    waiting = _rewrite_without(db_path, {r.queue_id for r in [*stored, *already]})
    return DrainResult(tuple(stored), tuple(already), tuple(rejected), waiting)


def drain_if_writer_free(
    db_path: Path, open_wait_s: float = 10.0, lock_wait_s: float = 0.0
) -> DrainResult | None:
    """Drains if the writer lock is free (within `lock_wait_s`); None, with nothing tried,
    while someone (an ingest) holds it."""
    if not journal_path_for(db_path).exists():
        return DrainResult()
    try:
        with writer_lock(db_path, wait_s=lock_wait_s):
            return drain_review_journal(db_path, open_wait_s)
    except WriterBusyError:
        return None
