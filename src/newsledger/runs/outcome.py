"""What a live run's counts mean to an operator: did feeds fail (the exit code, whether the flow
run ends Failed), the one-line message a run ends with, and why nothing was polled.

Exit codes of the command line (README "Commands", docs/OPERATIONS.md): 0 ok, 1 a check or
an evaluation below target, 2 an error the user can fix (bad file, bad config, busy warehouse),
3 some feeds failed, 4 every feed polled failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsledger.runs.options import FeedFailure, LiveCounts

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USER_ERROR = 2
EXIT_SOME_FEEDS_FAILED = 3
EXIT_EVERY_FEED_FAILED = 4

# A problem quoted in a one-line message is cut here; the artifact and the log keep it whole.
_SHORT_PROBLEM = 160


@dataclass(frozen=True)
class RunOutcome:
    """`failed`: every feed polled failed, so the flow run ends Failed rather than Completed."""

    failed: bool
    exit_code: int
    message: str


def _short(problem: str) -> str:
    line = " ".join(problem.split())
    return line if len(line) <= _SHORT_PROBLEM else line[: _SHORT_PROBLEM - 1] + "…"


def failure_phrase(failure: FeedFailure) -> str:
    """`wire (connect_error: refused; 3 polls in a row)`."""
    n = failure.failures_in_a_row
    streak = f"; {n} polls in a row" if n > 1 else ""
    return f"{failure.feed_name} ({_short(failure.problem)}{streak})"


def _when(moment: datetime, now: datetime) -> str:
    minutes = max(0, round((moment - now).total_seconds() / 60))
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC, in {minutes} min"


def nothing_due(counts: LiveCounts, poll_all_hint: str, now: datetime | None = None) -> str | None:
    """Why a run polled no feed, with when the next is due and how to poll now; None when it
    polled some, or the sources file lists none."""
    if counts.feeds_polled or not counts.feeds_not_due:
        return None
    n = counts.feeds_not_due
    which = "the one feed was not" if n == 1 else f"none of the {n} feeds was"
    next_at = (
        f"; the next is due at {_when(counts.next_poll_at, now or datetime.now(UTC))}"
        if counts.next_poll_at
        else ""
    )
    return f"{which} due{next_at}; {poll_all_hint} polls every feed now"


def feed_run_outcome(
    counts: LiveCounts, title: str, poll_all_hint: str = "--all", now: datetime | None = None
) -> RunOutcome:
    """The outcome of a run over `counts`: exit code, Failed or not, and its message."""
    failures = counts.feed_failures
    polled = counts.feeds_polled
    head = f"{title}: {counts.new_versions} new versions"
    listed = "; ".join(failure_phrase(f) for f in failures)
    if polled and len(failures) >= polled:
        return RunOutcome(
            True, EXIT_EVERY_FEED_FAILED, f"{title}: every feed failed ({polled}): {listed}"
        )
    if failures:
        return RunOutcome(
            False,
            EXIT_SOME_FEEDS_FAILED,
            f"{head}; {len(failures)} of {polled} feeds failed: {listed}",
        )
    why = nothing_due(counts, poll_all_hint, now)
    return RunOutcome(False, EXIT_OK, f"{head}; {why}" if why else head)


def _cell(text: object) -> str:
    """A markdown table cell: one line, pipes escaped, no HTML (feed errors quote servers)."""
    line = " ".join(str(text).split())
    return line.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def failures_markdown(failures: Sequence[FeedFailure]) -> str:
    """The failed feeds as a markdown table (empty when none failed)."""
    if not failures:
        return ""
    lines = [
        "### Failed feeds",
        "",
        "| feed | failed polls in a row | problem | url |",
        "|---|---:|---|---|",
    ]
    lines += [
        f"| {_cell(f.feed_name)} | {f.failures_in_a_row} | {_cell(f.problem)} | {_cell(f.url)} |"
        for f in failures
    ]
    return "\n".join(lines)


def finished_run_line(
    ended_at: datetime | None,
    deployment: str,
    run_name: str,
    state_name: str,
    message: str | None,
) -> str:
    """What `newsledger serve` prints when one of its runs ends: one line, time in UTC."""
    when = f"{ended_at.astimezone(UTC):%H:%M:%S} UTC" if ended_at else "--:--:-- UTC"
    said = " ".join((message or "").split())
    return f"{when} {deployment}: run {run_name!r} {state_name}" + (f": {said}" if said else "")
