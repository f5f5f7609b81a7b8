"""Notifications: a new declared correction or silent substantive change, or a feed that has
failed its polls N times in a row, sent as a JSON POST to the webhook and as a title and body
to each Apprise URL (apprise_notify.py) that sources.toml's `[notify]` lists.

Best effort by design: delivery runs after the batch is stored, with short timeouts and
a few retries, and a failure is counted, never raised into the ingest run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsledger.capture.sources import NotifySettings
from newsledger.outputs.apprise_notify import send_apprise
from newsledger.store.warehouse import Warehouse, query_sql

# Which transition statuses each configurable event covers.
EVENT_STATUSES = {
    "declared_correction": ("declared_and_observed", "declared_unobserved"),
    "silent_substantive": ("silent_substantive",),
}
FEED_FAILING = "feed_failing"

Deliver = Callable[[str, dict[str, Any], float, int], bool]
SendApprise = Callable[[Sequence[str], str, str], int]


@dataclass(frozen=True)
class Notification:
    """One event: `payload` is the webhook's JSON body; Apprise gets `title` and `body`."""

    event: str
    title: str
    body: str
    payload: dict[str, Any]


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


def transition_notifications(
    rows: Sequence[dict[str, Any]], events: Sequence[str]
) -> list[Notification]:
    """A notification per new transition whose status is one of the configured events."""
    found = []
    for payload in build_payloads(rows, events):
        what = payload["event"].replace("_", " ")
        title = f"newsledger: {what} in {payload.get('title') or payload['report_id']}"
        kinds = ", ".join(payload.get("kinds") or []) or "none"
        lines = [
            f"{payload.get('outlet') or '?'}: {payload['report_id']}, "
            f"version {payload.get('from_version')} -> {payload['to_version']} "
            f"({payload['status']}; kinds: {kinds})",
            f"entry {payload['entry_id']}: newsledger diff {payload['report_id']}",
        ]
        if payload.get("url"):
            lines.append(str(payload["url"]))
        found.append(Notification(payload["event"], title, "\n".join(lines), payload))
    return found


def feed_failing_notification(
    feed_name: str, url: str, problem: str, failures_in_a_row: int
) -> Notification:
    """The alert for a feed whose polls have failed `failures_in_a_row` times running."""
    payload = {
        "event": FEED_FAILING,
        "feed": feed_name,
        "url": url,
        "failures_in_a_row": failures_in_a_row,
        "problem": problem,
    }
    title = f"newsledger: feed {feed_name} failed {failures_in_a_row} polls in a row"
    body = (
        f"{url}\nlast problem: {problem}\n"
        "Check the URL in sources.toml and the site; `newsledger ingest feeds --all` polls "
        "it again now, and v_source_health shows its failures in a row."
    )
    return Notification(FEED_FAILING, title, body, payload)


def deliver_all(
    settings: NotifySettings,
    notifications: Sequence[Notification],
    deliver: Deliver | None = None,
    send: SendApprise | None = None,
) -> int:
    """Sends each notification whose event is configured to the webhook and to every Apprise
    URL; returns how many deliveries succeeded (one per receiver that took it)."""
    wanted = [n for n in notifications if n.event in settings.events]
    if not wanted or not (settings.webhook_url or settings.apprise):
        return 0
    from newsledger.capture.fetch import post_json

    post = deliver or post_json
    to_apprise = send or send_apprise
    delivered = 0
    for notification in wanted:
        if settings.webhook_url and post(
            settings.webhook_url, notification.payload, settings.timeout_s, settings.max_retries
        ):
            delivered += 1
        delivered += to_apprise(settings.apprise, notification.title, notification.body)
    return delivered


def notify_new_transitions(
    settings: NotifySettings,
    db_path: Path,
    since_iso: str,
    deliver: Deliver | None = None,
) -> int:
    """Sends each new transition stored since `since_iso`; returns how many were delivered."""
    if not (settings.webhook_url or settings.apprise):
        return 0
    with Warehouse.open(db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_dicts(query_sql("new_transitions"), [since_iso])
    return deliver_all(settings, transition_notifications(rows, settings.events), deliver)
