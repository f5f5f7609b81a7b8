"""Made-up correction-log data: a large warehouse written straight into the tables for
timing the report, and small hand-written reports run through the real pipeline for tests."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from newsledger.models import Capture
from newsledger.store.warehouse import Warehouse, query_sql


def build_synthetic_warehouse(path: Path, n_entries: int) -> None:
    """Creates a new warehouse at `path` holding `n_entries` correction-log entries."""
    if path.exists():
        raise FileExistsError(f"{path} exists: the synthetic warehouse needs a new file")
    if n_entries < 0:
        raise ValueError(f"n_entries must be 0 or more, not {n_entries}")
    with Warehouse.open(path) as warehouse, warehouse.transaction() as con:
        con.execute("SET VARIABLE n_entries = ?", [n_entries])
        con.execute(query_sql("report_synthetic_warehouse"))
        con.execute(query_sql("fill_transition_summaries"))
        con.execute(query_sql("fill_change_kinds"))


def time_synthetic_report(workdir: Path, n_entries: int = 10_000) -> tuple[float, float]:
    """(seconds to build the warehouse, seconds to render the report) for n_entries."""
    # Imported here: report rendering is what is timed, not what this module needs.
    from newsledger.outputs.report import render_correction_log
    from newsledger.outputs.report_data import ReportFilters

    db_path = workdir / f"synthetic-{n_entries}.duckdb"
    started = time.perf_counter()
    build_synthetic_warehouse(db_path, n_entries)
    built = time.perf_counter()
    with Warehouse.open(db_path, read_only=True) as warehouse:
        render_correction_log(warehouse, workdir / "report", ReportFilters())
    return built - started, time.perf_counter() - built


def add_captured_report(
    warehouse: Warehouse,
    report_id: str,
    versions: Sequence[Sequence[str]],
    *,
    first_captured_at: datetime,
    outlet: str,
    title: str,
    url: str | None = None,
    status: str | None = None,
    kinds: Sequence[str] = (),
) -> None:
    """Ingests one capture per version (paragraphs), an hour apart, through the pipeline.

    `status` and `kinds`, when given, overrule the classifier on every transition of the
    report, so a test can pin e.g. a silent substantive change whatever the classifier says.
    """
    from newsledger.runs.pipeline import ingest_captures

    captures = [
        Capture(
            report_id=report_id,
            captured_at=first_captured_at + timedelta(hours=index),
            source=f"fixture:{report_id}:{index}",
            paragraphs=tuple(paragraphs),
            outlet=outlet,
            title=title,
            url=url,
            label=title,
        )
        for index, paragraphs in enumerate(versions)
    ]
    ingest_captures(warehouse, captures)
    with warehouse.transaction() as con:
        if status is not None:
            con.execute(query_sql("report_fixture_status"), [status, report_id])
        for kind in kinds:
            con.execute(query_sql("report_fixture_kind"), [report_id, kind])
        if kinds:
            con.execute(query_sql("fill_change_kinds"))


# Article text that must reach the page as text: if any of it ran, the page would set
# window.__pwned or change its title.
HOSTILE_SENTENCE = (
    "<script>window.__pwned = 1; document.title = 'pwned'</script>"
    '<img src=x onerror="window.__pwned = 2"> was posted by a reader.'
)
HOSTILE_TITLE = 'Bridge <b>opening</b> & "ceremony"'


def add_fixture_reports(warehouse: Warehouse) -> None:
    """Two reports for tests: one whose update adds hostile markup (and a javascript: URL),
    one with a silent numeric change pinned to status silent_substantive."""
    add_captured_report(
        warehouse,
        "fixture-hostile-markup",
        [
            ["The mayor opened the bridge on Monday."],
            ["The mayor opened the bridge on Monday.", HOSTILE_SENTENCE],
        ],
        first_captured_at=datetime.fromisoformat("2024-04-01T09:00:00+00:00"),
        outlet="Fixture Gazette",
        title=HOSTILE_TITLE,
        url="javascript:alert(1)",
    )
    add_captured_report(
        warehouse,
        "fixture-silent-numeric",
        [
            ["The fire destroyed 12 homes in the valley."],
            ["The fire destroyed 120 homes in the valley."],
        ],
        first_captured_at=datetime.fromisoformat("2024-03-01T09:00:00+00:00"),
        outlet="Fixture Gazette",
        title="Valley fire",
        url="https://example.org/valley-fire",
        status="silent_substantive",
        kinds=["numeric"],
    )
