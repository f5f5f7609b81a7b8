"""Webhook notifications: a JSON POST per new declared correction or silent substantive change.

Best effort by design: delivery runs after the batch is stored, with short timeouts and
a few retries, and a failure is counted, never raised into the ingest run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newsledger.capture.sources import NotifySettings
from newsledger.store.warehouse import Warehouse, query_sql

# Which transition statuses each configurable event covers.
EVENT_STATUSES = {
    "declared_correction": ("declared_and_observed", "declared_unobserved"),
    "silent_substantive": ("silent_substantive",),
}

Deliver = Callable[[str, dict[str, Any], float, int], bool]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def build_payloads(rows: Sequence[dict[str, Any]], events: Sequence[str]) -> list[dict[str, Any]]:
    """One JSON body per transition whose status is one of the configured events."""
    wanted = {status: event for event in events for status in EVENT_STATUSES.get(event, ())}
    return [
        {"event": wanted[row["status"]], **{k: _plain(v) for k, v in row.items()}}
        for row in rows
        if row["status"] in wanted
    ]


def notify_new_transitions(
    settings: NotifySettings,
    db_path: Path,
    since_iso: str,
    deliver: Deliver | None = None,
) -> int:
    """Posts each new transition stored since `since_iso`; returns how many were delivered."""
    if not settings.webhook_url:
        return 0
    from newsledger.capture.fetch import post_json

    send = deliver or post_json
    with Warehouse.open(db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_dicts(query_sql("new_transitions"), [since_iso])
    delivered = 0
    for payload in build_payloads(rows, settings.events):
        if send(settings.webhook_url, payload, settings.timeout_s, settings.max_retries):
            delivered += 1
    return delivered
