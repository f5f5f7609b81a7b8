"""How a feed or refetch flow run begins and ends for its operator: a bad sources file fails the
run at once, in one line, with no retry; a finished run sends its notifications, rebuilds the
correction log when it stored new versions, and ends Failed when every feed failed, else
Completed with any failed feeds named in its message (and tabled in its summary artifact).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed, State

from flows.summary import publish_summary, skipped
from newsledger.capture.sources import NotifySettings, SourcesConfig, SourcesError, load_sources
from newsledger.runs.follow_up import notify_after_run, rebuild_after_run
from newsledger.runs.options import LiveCounts
from newsledger.runs.outcome import feed_run_outcome

# What the state message tells an operator who wants every feed polled now.
POLL_ALL_HINT = "the poll_all=True parameter"


def sources_or_failed(sources_path: str) -> SourcesConfig | State[Any]:
    """The sources file, or a Failed state naming each of its problems on one line.

    Read in the flow, outside any retried task: a bad file is not retried, and the only
    log line is Prefect's "Finished in state Failed(...)", with no traceback.
    """
    try:
        return load_sources(Path(sources_path))
    except SourcesError as error:
        return Failed(message="; ".join(str(error).splitlines()))


# Notifications are best effort: failures are logged and counted, never raised into the run.
@task(name="notify", retries=0, timeout_seconds=120, cache_policy=NO_CACHE)
def notify(settings: NotifySettings, db_path: Path, run_started: str, counts: LiveCounts) -> int:
    return notify_after_run(settings, db_path, run_started, counts)


@task(name="rebuild-correction-log", retries=0, timeout_seconds=600, cache_policy=NO_CACHE)
def rebuild_report(db_path: Path, report_dir: Path, counts: LiveCounts) -> str | None:
    """The correction log rewritten after new versions; a failure is logged, not raised (the
    versions are stored, and the next run or the daily correction-log run writes it)."""
    try:
        path = rebuild_after_run(db_path, report_dir, counts)
    except Exception as error:  # a full disk, a folder not writable, a warehouse kept busy
        get_run_logger().warning("correction log not rebuilt: %s", error)
        return None
    return str(path) if path else None


def notify_wanted(settings: NotifySettings, counts: LiveCounts) -> bool:
    """Whether the notify task can send anything: a task run costs Prefect tens of
    milliseconds a run, so it is not started for a run with nowhere to send or nothing new
    (a transition is stored only with a new version; a failing feed is in feed_failures)."""
    has_receiver = bool(settings.webhook_url or settings.apprise)
    return has_receiver and bool(counts.new_versions or counts.feed_failures)


def finish_live_run(
    result: LiveCounts | str,
    title: str,
    config: SourcesConfig,
    db_path: str,
    report_dir: str | None,
    started: str,
) -> State[Any]:
    if isinstance(result, str):
        return skipped(result)
    summary = publish_summary(result, title)
    summary["notifications"] = 0
    if notify_wanted(config.notify, result):
        summary["notifications"] = notify(config.notify, Path(db_path), started, result)
    if report_dir and result.new_versions:
        summary["report"] = rebuild_report(Path(db_path), Path(report_dir), result)
    outcome = feed_run_outcome(result, title, POLL_ALL_HINT)
    if outcome.failed:
        return Failed(message=outcome.message, data=summary)
    return Completed(message=outcome.message, data=summary)
