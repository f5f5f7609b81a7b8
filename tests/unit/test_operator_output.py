"""What operators read, as plain functions: a run's outcome (exit code, Failed or not, its one-line
message), why nothing was polled, the line `serve` prints per finished run, the progress bar's
counts and ETA, and the report list at 80 and 140 columns with every id whole."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from rich.console import Console

from newsledger.cli.live_runs import live_progress
from newsledger.cli.report_list import reports_listing
from newsledger.runs.options import FeedFailure, LiveCounts
from newsledger.runs.outcome import feed_run_outcome, finished_run_line, nothing_due

NOW = datetime(2024, 3, 22, 10, 0, tzinfo=UTC)
REFUSED = FeedFailure("wire", "http://127.0.0.1:9/feed.xml", "connect_error: refused", 3)
BAD_XML = FeedFailure("gazette", "http://127.0.0.1:9/rss", "feed_invalid: not a feed", 1)


def _counts(polled: int, failures: list[FeedFailure], new_versions: int = 0) -> LiveCounts:
    return LiveCounts(feeds_polled=polled, feed_failures=failures, new_versions=new_versions)


@pytest.mark.parametrize(
    ("counts", "failed", "exit_code", "message"),
    [
        (_counts(2, [], 4), False, 0, "ingest-feeds: 4 new versions"),
        (
            _counts(2, [REFUSED], 1),
            False,
            3,
            "ingest-feeds: 1 new versions; 1 of 2 feeds failed: "
            "wire (connect_error: refused; 3 polls in a row)",
        ),
        (
            _counts(2, [REFUSED, BAD_XML]),
            True,
            4,
            "ingest-feeds: every feed failed (2): wire (connect_error: refused; 3 polls in a row)"
            "; gazette (feed_invalid: not a feed)",
        ),
        (_counts(0, []), False, 0, "ingest-feeds: 0 new versions"),
    ],
)
def test_a_runs_outcome(counts: LiveCounts, failed: bool, exit_code: int, message: str) -> None:
    outcome = feed_run_outcome(counts, "ingest-feeds", now=NOW)
    assert (outcome.failed, outcome.exit_code, outcome.message) == (failed, exit_code, message)


def test_a_long_problem_is_cut_in_the_message_but_kept_whole_in_the_counts() -> None:
    failure = FeedFailure("wire", "http://x/feed", "connect_error: " + "x" * 300, 1)
    message = feed_run_outcome(_counts(1, [failure]), "t").message
    assert message == f"t: every feed failed (1): wire (connect_error: {'x' * 144}…)"


@pytest.mark.parametrize(
    ("not_due", "next_at", "said"),
    [
        (
            3,
            datetime(2024, 3, 22, 10, 12, 30, tzinfo=UTC),
            "none of the 3 feeds was due; the next is due at 2024-03-22 10:12 UTC, in 12 min; "
            "--all polls every feed now",
        ),
        (1, None, "the one feed was not due; --all polls every feed now"),
        (0, None, None),  # no feeds in the sources file: nothing to explain
    ],
)
def test_why_no_feed_was_polled(not_due: int, next_at: datetime | None, said: str | None) -> None:
    counts = LiveCounts(feeds_not_due=not_due, next_poll_at=next_at)
    assert nothing_due(counts, "--all", now=NOW) == said


def test_counts_keep_the_earliest_next_poll_and_every_failure() -> None:
    total = LiveCounts(feed_failures=[REFUSED], next_poll_at=datetime(2024, 3, 22, 11, tzinfo=UTC))
    total.add(LiveCounts(feed_failures=[BAD_XML], next_poll_at=NOW))
    total.add(LiveCounts())
    assert (total.feed_failures, total.next_poll_at) == ([REFUSED, BAD_XML], NOW)
    assert total.as_dict()["next_poll_at"] == "2024-03-22T10:00:00+00:00"


@pytest.mark.parametrize(
    ("message", "line"),
    [
        (
            "ingest-feeds: 2 new versions",
            "10:00:00 UTC ingest-feeds-serve: run 'calm-otter' Completed: ingest-feeds: 2 new "
            "versions",
        ),
        (None, "10:00:00 UTC ingest-feeds-serve: run 'calm-otter' Completed"),
    ],
)
def test_serve_prints_one_line_per_finished_run(message: str | None, line: str) -> None:
    assert finished_run_line(NOW, "ingest-feeds-serve", "calm-otter", "Completed", message) == line


def test_the_progress_bar_shows_counts_and_an_eta() -> None:
    out = io.StringIO()
    terminal = Console(file=out, force_terminal=True, width=100, color_system=None)
    with live_progress(terminal) as progress:
        task = progress.add_task("fetching pages", total=1200)
        progress.update(task, completed=400)
        terminal.print(progress.make_tasks_table(progress.tasks))
    shown = out.getvalue()
    assert "fetching pages" in shown and "400/1200" in shown and " eta " in shown


ROWS = [
    (
        "nzherald-moscow-concert-hall-attack-kills-dozens",
        "New Zealand Herald",
        2,
        datetime(2024, 3, 22, 10, 5, tzinfo=UTC),
        "Gunmen storm a Moscow concert hall, killing dozens, officials say",
    ),
    ("ap-short", "AP", 1, datetime(2024, 3, 22, 11, tzinfo=UTC), "Moscow attack"),
]


@pytest.mark.parametrize("width", [80, 140])
def test_report_ids_are_never_cut(width: int) -> None:
    out = io.StringIO()
    terminal = Console(file=out, width=width, soft_wrap=True, color_system=None)
    terminal.print(reports_listing(ROWS, terminal))
    lines = out.getvalue().splitlines()
    for report_id, *_ in ROWS:
        assert any(line.split()[:1] == [report_id] for line in lines), lines


def test_wide_terminals_get_a_table_whose_title_wraps() -> None:
    out = io.StringIO()
    terminal = Console(file=out, width=130, soft_wrap=True, color_system=None)
    terminal.print(reports_listing(ROWS, terminal))
    lines = out.getvalue().splitlines()
    assert lines[1].split() == ["report_id", "versions", "last", "captured", "outlet", "title"]
    assert max(len(line) for line in lines) <= 130
    assert "Gunmen storm" in lines[3] and "officials say" not in lines[3]


def test_narrow_terminals_get_one_line_per_report() -> None:
    out = io.StringIO()
    terminal = Console(file=out, width=80, soft_wrap=True, color_system=None)
    terminal.print(reports_listing(ROWS, terminal))
    assert out.getvalue().splitlines() == [
        "nzherald-moscow-concert-hall-attack-kills-dozens  2 versions  last 2024-03-22 10:05  "
        "New Zealand Herald: Gunmen storm a Moscow concert hall, killing dozens, officials say",
        "ap-short  1 versions  last 2024-03-22 11:00  AP: Moscow attack",
    ]
