"""What follows a live run once its batches are stored: the notifications (new corrections and
silent changes, feeds failing N polls in a row) and the correction log rebuilt, so the static
report is as current as the warehouse. The flows and the command line both call these.
"""

from __future__ import annotations

from pathlib import Path

from newsledger.capture.sources import NotifySettings
from newsledger.outputs.notify import deliver_all, feed_failing_notification, notify_new_transitions
from newsledger.outputs.report import render_correction_log
from newsledger.outputs.report_data import ReportFilters
from newsledger.runs.options import LiveCounts
from newsledger.store.warehouse import Warehouse

# How long the rebuild waits for a writer to let go of the file (it only reads).
REPORT_WAIT_S = 120.0


def notify_after_run(
    settings: NotifySettings, db_path: Path, since_iso: str, counts: LiveCounts
) -> int:
    """Sends the run's notifications; returns how many deliveries succeeded.

    A feed is reported once a run of failures, on the poll that makes it
    `alert_after_failed_polls` in a row: not again on every later poll while it stays down.
    """
    alerts = [
        feed_failing_notification(f.feed_name, f.url, f.problem, f.failures_in_a_row)
        for f in counts.feed_failures
        if f.failures_in_a_row == settings.alert_after_failed_polls
    ]
    return notify_new_transitions(settings, db_path, since_iso) + deliver_all(settings, alerts)


def rebuild_correction_log(db_path: Path, report_dir: Path) -> Path:
    """Writes the whole correction log (every format, no filter) into `report_dir`."""
    with Warehouse.open(db_path, read_only=True, wait_s=REPORT_WAIT_S) as warehouse:
        return render_correction_log(warehouse, report_dir, ReportFilters()).html


def rebuild_after_run(
    db_path: Path, report_dir: Path | None, counts: LiveCounts, stored_reviews: int = 0
) -> Path | None:
    """The correction log rebuilt when the run stored new versions or reviews (a writer that
    drains queued reviews passes how many); None when it stored neither."""
    if report_dir is None or not (counts.new_versions or stored_reviews):
        return None
    return rebuild_correction_log(db_path, report_dir)
