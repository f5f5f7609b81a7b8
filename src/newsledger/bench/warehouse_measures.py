"""Warehouse measures: bytes of one more version, row counts, story regrouping, the correction
log's render and the analyst queries on a SQL-generated warehouse; plain numbers out.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from newsledger.bench.analyst_queries import ANALYST_QUERIES
from newsledger.models import Capture


def stories_refresh_seconds(db_path: Path) -> float:
    """Seconds for the whole-warehouse story regrouping a run does after new versions."""
    from newsledger.runs.storylines import refresh_stories
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db_path) as warehouse:
        started = time.perf_counter()
        refresh_stories(warehouse)
        return time.perf_counter() - started


def count_rows(db_path: Path, table: str) -> int:
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db_path, read_only=True) as warehouse:
        return int(warehouse.fetch_all(f"SELECT count(*) FROM {table}")[0][0])


# ------------------------------------------------------------------------ storage


def one_sentence_edit(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The paragraphs with one word of one sentence in the middle paragraph replaced."""
    edited = list(paragraphs)
    middle = len(edited) // 2
    words = edited[middle].split(" ")
    spot = min(3, len(words) - 1)
    words[spot] = words[spot] + "s" if not words[spot].endswith("s") else words[spot][:-1]
    edited[middle] = " ".join(words)
    return tuple(edited)


def checkpointed_bytes(db_path: Path) -> int:
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db_path) as warehouse:
        warehouse.fetch_all("CHECKPOINT")
    return db_path.stat().st_size


# Bytes a value of each DuckDB type takes before compression (VARCHAR/JSON: its UTF-8 bytes).
_FIXED_WIDTH = {"INTEGER": 4, "BIGINT": 8, "DOUBLE": 8, "BOOLEAN": 1, "TIMESTAMP WITH TIME ZONE": 8}


def logical_bytes(db_path: Path, table_filters: dict[str, str]) -> dict[str, int]:
    """Uncompressed bytes of the rows each filter selects, per table: UTF-8 bytes of text
    columns plus the fixed width of the others, NULLs free."""
    from newsledger.store.warehouse import Warehouse

    sizes: dict[str, int] = {}
    with Warehouse.open(db_path, read_only=True) as warehouse:
        for table, where in table_filters.items():
            columns = warehouse.fetch_all(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            )
            terms = [
                f"coalesce(strlen({name}::VARCHAR), 0)"
                if kind in ("VARCHAR", "JSON")
                else f"CASE WHEN {name} IS NULL THEN 0 ELSE {_FIXED_WIDTH.get(kind, 8)} END"
                for name, kind in columns
            ]
            rows = warehouse.fetch_all(
                f"SELECT coalesce(sum({' + '.join(terms)}), 0) FROM {table} WHERE {where}"
            )
            sizes[table] = int(rows[0][0])
    return sizes


def extra_version_cost(db_path: Path, limit: int) -> dict[str, Any]:
    """Adds a version with one word of one sentence edited to `limit` reports of the
    warehouse; returns the checkpointed file growth and the logical bytes of the rows added,
    each to be set against the text bytes of the edited versions."""
    from newsledger.runs.pipeline import ingest_captures
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db_path, read_only=True) as warehouse:
        rows = warehouse.fetch_all(
            "SELECT DISTINCT report_id FROM versions ORDER BY 1 LIMIT ?", [limit]
        )
        versions = warehouse.latest_versions([r[0] for r in rows])
    before = checkpointed_bytes(db_path)
    captures = [
        Capture(
            report_id=v.report_id,
            captured_at=v.captured_at + timedelta(hours=1),
            source="bench-edit",
            paragraphs=one_sentence_edit(v.paragraphs),
            title=v.title,
            byline=v.byline,
        )
        for v in versions.values()
    ]
    text_bytes = sum(len("\n\n".join(c.paragraphs).encode("utf-8")) for c in captures)
    with Warehouse.open(db_path) as warehouse:
        counts = ingest_captures(warehouse, captures)
    after = checkpointed_bytes(db_path)
    new = (
        "(report_id, {v}) IN "
        "(SELECT report_id, version_no FROM versions WHERE source = 'bench-edit')"
    )
    logical = logical_bytes(
        db_path,
        {
            "versions": "source = 'bench-edit'",
            "version_paragraphs": new.format(v="version_no"),
            "changes": new.format(v="to_version"),
            "change_kinds": new.format(v="to_version"),
            "transitions": new.format(v="to_version"),
            "captures": "source = 'bench-edit'",
            "paragraphs": "paragraph_hash IN (SELECT paragraph_hash FROM version_paragraphs WHERE "
            + new.format(v="version_no")
            + " EXCEPT SELECT paragraph_hash FROM version_paragraphs WHERE NOT "
            + new.format(v="version_no")
            + ")",
        },
    )
    return {
        "edited_reports": len(captures),
        "new_versions": counts.new_versions,
        "text_bytes": text_bytes,
        "file_growth_bytes": after - before,
        "logical_bytes": sum(logical.values()),
        "logical_by_table": logical,
    }


# ------------------------------------------------------------------------ report + queries


def report_seconds(workdir: Path, n_entries: int) -> float:
    """Seconds to render the correction log of a synthetic warehouse of n_entries entries."""
    from newsledger.outputs.report import render_correction_log
    from newsledger.outputs.report_data import ReportFilters
    from newsledger.runs.synthetic import build_synthetic_warehouse
    from newsledger.store.warehouse import Warehouse

    db_path = workdir / f"report-{n_entries}.duckdb"
    build_synthetic_warehouse(db_path, n_entries)
    with Warehouse.open(db_path, read_only=True) as warehouse:
        started = time.perf_counter()
        render_correction_log(warehouse, workdir / "report", ReportFilters(None, None, None, None))
        return time.perf_counter() - started


def time_query(run: Callable[[], object], repeats: int = 5) -> float:
    """Median milliseconds of `repeats` runs (after one warm-up run)."""
    run()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


# Five versions a report, PARAGRAPHS_PER_VERSION paragraphs a version; each later version
# edits one paragraph (so it adds one paragraph row, one change, one transition), every
# tenth transition carries a correction note. Written with INSERT ... SELECT FROM range().
PARAGRAPHS_PER_VERSION = 12
VERSIONS_PER_REPORT = 5
_P, _V = PARAGRAPHS_PER_VERSION, VERSIONS_PER_REPORT
_SCALE_SQL = f"""
INSERT INTO reports
SELECT 'scale-' || r, 'Outlet ' || (r % 40), 'https://example.org/news/' || r,
       'Scale report ' || r, TIMESTAMPTZ '2024-01-01 00:00:00+00' + r * INTERVAL 7 SECOND
FROM range(getvariable('n_reports')) t(r);

INSERT INTO paragraphs
SELECT md5('p' || r || ':' || pos || ':0'),
       'Report ' || r || ' paragraph ' || pos || ': officials in the district said the '
       || 'response would continue through the week while engineers inspected the bridges.'
FROM range(getvariable('n_reports')) a(r), range({_P}) b(pos);

INSERT INTO paragraphs
SELECT md5('p' || r || ':' || (v % {_P}) || ':' || v),
       'Report ' || r || ' paragraph ' || (v % {_P}) || ' as of version ' || v
       || ': officials said ' || (r % 90 + v) || ' people had been taken to hospital.'
FROM range(getvariable('n_reports')) a(r), range(2, {_V} + 1) b(v);

INSERT INTO versions (
    report_id, version_no, captured_at, source, title, byline, text_hash, content_hash,
    n_paragraphs, n_chars, is_reconstructed, stored_at
)
SELECT 'scale-' || r, v,
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + r * INTERVAL 7 SECOND + v * INTERVAL 1 HOUR,
       'scale', 'Scale report ' || r || CASE WHEN v > 3 THEN ' (updated)' ELSE '' END,
       'By Staff', md5('t' || r || ':' || v), md5('c' || r || ':' || v), {_P}, 1400,
       false, now()
FROM range(getvariable('n_reports')) a(r), range(1, {_V} + 1) b(v);

-- Version v holds the latest edit of each position made at or before v.
INSERT INTO version_paragraphs
SELECT 'scale-' || r, v, pos,
       CASE WHEN v >= 2 AND pos = (v % {_P}) THEN md5('p' || r || ':' || pos || ':' || v)
            WHEN pos BETWEEN 2 AND least(v - 1, {_P} - 1) AND pos <= v
                 THEN md5('p' || r || ':' || pos || ':' || pos)
            ELSE md5('p' || r || ':' || pos || ':0') END
FROM range(getvariable('n_reports')) a(r), range(1, {_V} + 1) b(v), range({_P}) c(pos);

INSERT INTO changes (
    report_id, from_version, to_version, change_no, field, op, before_pos, after_pos,
    before_text, after_text, word_ops
)
SELECT 'scale-' || r, v - 1, v, 1, 'body', 'changed', v % {_P}, v % {_P},
       'Officials said ' || (r % 90 + v - 1) || ' people had been taken to hospital.',
       'Officials said ' || (r % 90 + v) || ' people had been taken to hospital.',
       '[{{"op":"equal","text":"Officials said "}},{{"op":"delete","text":"'
       || (r % 90 + v - 1) || '"}},{{"op":"insert","text":"' || (r % 90 + v)
       || '"}},{{"op":"equal","text":" people had been taken to hospital."}}]'
FROM range(getvariable('n_reports')) a(r), range(2, {_V} + 1) b(v);

INSERT INTO change_kinds
SELECT 'scale-' || r, v, 1, 'numeric', NULL
FROM range(getvariable('n_reports')) a(r), range(2, {_V} + 1) b(v);

INSERT INTO transitions (report_id, from_version, to_version, status, n_changes)
SELECT 'scale-' || r, v - 1, v,
       CASE WHEN (r + v) % 10 = 0 THEN 'declared_and_observed' ELSE 'silent_substantive' END, 1
FROM range(getvariable('n_reports')) a(r), range(2, {_V} + 1) b(v);

INSERT INTO corrections (report_id, version_no, note_no, note_type, note_text, is_new)
SELECT 'scale-' || r, v, 1, 'correction',
       'This story was updated to correct that ' || (r % 90 + v) || ' people were taken '
       || 'to hospital, not ' || (r % 90 + v - 1) || '.', true
FROM range(getvariable('n_reports')) a(r), range(2, {_V} + 1) b(v)
WHERE (r + v) % 10 = 0;
"""


def build_scale_warehouse(db_path: Path, n_versions: int) -> int:
    """A warehouse of about n_versions versions written straight into the real tables with
    SQL (not through the pipeline); returns the number of versions written."""
    from newsledger.store.warehouse import Warehouse, query_sql

    n_reports = max(1, n_versions // VERSIONS_PER_REPORT)
    with Warehouse.open(db_path) as warehouse:
        with warehouse.transaction() as con:
            con.execute("SET VARIABLE n_reports = ?", [n_reports])
            for statement in _SCALE_SQL.split(";\n"):
                if statement.strip():
                    con.execute(statement)
            con.execute(query_sql("fill_transition_summaries"))
            con.execute(query_sql("fill_change_kinds"))
        warehouse.fetch_all("CHECKPOINT")
        return int(warehouse.fetch_all("SELECT count(*) FROM versions")[0][0])


def query_latencies(db_path: Path, repeats: int = 5) -> dict[str, dict[str, float]]:
    """Median milliseconds of each analyst query (rows fetched into Python), read-only."""
    from newsledger.store.warehouse import Warehouse

    results: dict[str, dict[str, float]] = {}
    with Warehouse.open(db_path, read_only=True) as warehouse:
        for name, sql in ANALYST_QUERIES.items():

            def run(sql: str = sql) -> object:
                return warehouse.fetch_all(sql)

            median_ms = time_query(run, repeats)
            n_rows = len(warehouse.fetch_all(sql))
            results[name] = {"median_ms": median_ms, "rows": float(n_rows)}
    return results
