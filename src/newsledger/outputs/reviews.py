"""Editors' review state for correction-log entries: record a decision, list what waits.

Reviews are append-only; the latest per entry wins (view v_reviews), the rest is history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsledger.store.warehouse import Warehouse, query_sql

REVIEW_STATUSES = ("reviewed", "needs-note", "dismissed")


class ReviewError(ValueError):
    """A review that cannot be recorded; the message names the problem and the fix."""


@dataclass(frozen=True)
class Review:
    entry_id: str
    status: str
    note: str | None
    reviewed_by: str
    reviewed_at: datetime


def _review_of(row: dict[str, Any]) -> Review:
    return Review(
        entry_id=row["entry_id"],
        status=row["status"],
        note=row["note"],
        reviewed_by=row["reviewed_by"],
        reviewed_at=row["reviewed_at"].astimezone(UTC),
    )


def check_review(status: str, by: str) -> None:
    """Refuses a status outside REVIEW_STATUSES and a blank reviewer (there is no default)."""
    if status not in REVIEW_STATUSES:
        raise ReviewError(f"review status {status!r} is not one of {', '.join(REVIEW_STATUSES)}")
    if not by.strip():
        raise ReviewError("a review needs a reviewer: pass who set it (e.g. --by your-name)")


def check_entry(warehouse: Warehouse, entry_id: str) -> None:
    """Refuses an entry id the correction log does not have (read-only is enough)."""
    found = warehouse.fetch_dicts(query_sql("review_entry_exists"), [entry_id])
    if found[0]["n"] == 0:
        raise ReviewError(
            f"no entry {entry_id!r} in the correction log: "
            "take the entry id from the report or the pending list"
        )


def review_is_stored(
    warehouse: Warehouse,
    entry_id: str,
    status: str,
    note: str | None,
    by: str,
    at: datetime,
) -> bool:
    """Whether exactly this review (same entry, status, note, reviewer and time) is stored."""
    found = warehouse.fetch_dicts(
        query_sql("review_stored"), [entry_id, status, by.strip(), at, note or None]
    )
    return bool(found[0]["n"])


def add_review(
    warehouse: Warehouse,
    entry_id: str,
    status: str,
    note: str | None,
    by: str,
    at: datetime | None = None,
) -> Review:
    """Records an editor's decision on one entry; `at` defaults to now (UTC)."""
    check_review(status, by)
    check_entry(warehouse, entry_id)
    reviewed_at = at or datetime.now(UTC)
    with warehouse.transaction() as con:
        cursor = con.execute(
            query_sql("review_insert"), [entry_id, status, note or None, by.strip(), reviewed_at]
        )
        columns = [d[0] for d in cursor.description or []]
        row = dict(zip(columns, cursor.fetchall()[0], strict=True))
    return _review_of(row)


def list_pending(warehouse: Warehouse) -> list[dict[str, Any]]:
    """Entries with no review yet, or whose latest review says a note is needed."""
    return warehouse.fetch_dicts(query_sql("review_pending"))


def review_history(warehouse: Warehouse, entry_id: str) -> list[Review]:
    """Every review of one entry, oldest first."""
    return [
        _review_of(row) for row in warehouse.fetch_dicts(query_sql("review_history"), [entry_id])
    ]
