"""The run summary as a markdown table: what a run fetched, stored and found, and a table of
the feeds that failed."""

from __future__ import annotations

from newsledger.runs.options import LiveCounts
from newsledger.runs.outcome import failures_markdown


def summary_markdown(counts: LiveCounts, title: str) -> str:
    rows: list[tuple[str, object]] = [
        ("feeds polled", counts.feeds_polled),
        ("feeds failed", len(counts.feed_failures)),
        ("feeds 304 not modified", counts.feeds_not_modified),
        ("pages fetched", counts.pages_fetched),
        ("pages 304 not modified", counts.not_modified),
        ("unchanged", counts.unchanged),
        ("new versions", counts.new_versions),
        ("changes", counts.changes),
        ("declared corrections", counts.corrections),
        ("silent substantive", counts.statuses.get("silent_substantive", 0)),
        ("extractor calls", counts.extractor_calls),
    ]
    rows += [(f"changes: {kind}", n) for kind, n in sorted(counts.kinds.items())]
    rows += [(f"errors: {error}", n) for error, n in sorted(counts.errors.items())]
    if counts.staged_batches:
        rows.append(("batches staged for the next run", counts.staged_batches))
    lines = [f"## {title}", "", "| what | count |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    failed = failures_markdown(counts.feed_failures)
    return "\n".join([*lines, "", failed] if failed else lines)
