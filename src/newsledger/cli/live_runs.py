"""What `ingest feeds` and `refetch` show once their run is stored: the summary line (feed and
page 304s apart), why no feed was polled, each failed feed on stderr, the notifications sent
and the correction log rebuilt (--report-dir); and the exit code (0 ok, 3 some feeds failed,
4 every feed failed).

The progress bar they show while running (counts and an ETA) is made here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsledger.capture.sources import SourcesConfig
from newsledger.cli.common import console, err_console
from newsledger.outputs.terminal import literal
from newsledger.runs.follow_up import notify_after_run, rebuild_after_run
from newsledger.runs.options import LiveCounts
from newsledger.runs.outcome import EXIT_EVERY_FEED_FAILED, feed_run_outcome, nothing_due

POLL_ALL_HINT = "--all"


def live_progress(target: Console) -> Progress:
    """`fetching pages ━━━━━━━━━╸━━━━━ 400/1,000 0:00:41 eta 0:01:02`; off when not a terminal."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=target,
        transient=True,
        disable=not target.is_terminal,
    )


def with_progress(run: Callable[[Callable[[int, int], None]], Any], label: str) -> Any:
    """Runs `run(advance)` under a progress bar on stderr that `advance(done, total)` moves."""
    with live_progress(err_console) as progress:
        task_id = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task_id, completed=done, total=total)

        return run(advance)


def summary_line(counts: LiveCounts) -> str:
    return (
        f"feeds polled: {counts.feeds_polled}  feeds failed: {len(counts.feed_failures)}  "
        f"feed 304s: {counts.feeds_not_modified}  pages fetched: {counts.pages_fetched}  "
        f"page 304s: {counts.not_modified}  unchanged: {counts.unchanged}  "
        f"new versions: {counts.new_versions}  changes: {counts.changes}  "
        f"corrections: {counts.corrections}  extractor calls: {counts.extractor_calls}"
    )


def print_live_summary(counts: LiveCounts) -> None:
    console.print(summary_line(counts))
    if counts.errors:
        errors = ", ".join(f"{k} {v}" for k, v in sorted(counts.errors.items()))
        console.print(literal(f"errors by class: {errors}"))
    why = nothing_due(counts, POLL_ALL_HINT)
    if why:
        console.print(why)


def print_feed_failures(counts: LiveCounts, title: str) -> int:
    """Each failed feed on stderr, literally (its problem quotes a server); the exit code."""
    for failure in counts.feed_failures:
        streak = failure.failures_in_a_row
        in_a_row = f" ({streak} polls in a row)" if streak > 1 else ""
        err_console.print(
            Text.assemble(
                ("feed failed:", "red"),
                " ",
                literal(f"{failure.feed_name}{in_a_row}: {failure.problem} ({failure.url})"),
            )
        )
    outcome = feed_run_outcome(counts, title, POLL_ALL_HINT)
    if outcome.exit_code == EXIT_EVERY_FEED_FAILED:
        err_console.print(
            "every feed failed: check their URLs in the sources file and that the sites "
            "answer; `newsledger sources check` validates the file"
        )
    return outcome.exit_code


def follow_up(
    config: SourcesConfig,
    db_path: Path,
    report_dir: Path | None,
    started: datetime,
    counts: LiveCounts,
) -> None:
    """Notifications (when the sources file configures any), and the correction log rebuilt
    in `report_dir` (--report-dir) after new versions."""
    notify = config.notify
    if notify.webhook_url or notify.apprise:
        sent = notify_after_run(notify, db_path, started.isoformat(), counts)
        console.print(f"notifications delivered: {sent}")
    path = rebuild_after_run(db_path, report_dir, counts)
    if path:
        console.print(literal(f"correction log rebuilt: {path}"))


def run_started() -> datetime:
    return datetime.now(UTC)
