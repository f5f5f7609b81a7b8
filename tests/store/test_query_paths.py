"""The example queries answer with the same rows through the faster path (kinds on the change
row, schema step 009; v_version_stats for counting versions) as through the views they had
before, on the demo seeds plus corrected and silently edited reports; and a warehouse from
before step 009 migrates to the same v_changes rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsledger.models import Capture
from newsledger.runs.pipeline import ingest_captures, ingest_seed_folder
from newsledger.store.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC).replace(microsecond=0)

# v_changes as it was before step 009: kinds and evidence grouped out of change_kinds.
LEGACY_V_CHANGES = """
CREATE TEMP VIEW legacy_v_changes AS
SELECT c.report_id, c.from_version, c.to_version, c.change_no, c.op, k.kinds, c.before_text,
       c.after_text, c.field, c.before_pos, c.after_pos, c.word_ops, r.outlet, v.captured_at,
       t.status, k.evidence
FROM changes c
LEFT JOIN reports r ON r.report_id = c.report_id
LEFT JOIN versions v ON v.report_id = c.report_id AND v.version_no = c.to_version
LEFT JOIN transitions t ON t.report_id = c.report_id AND t.to_version = c.to_version
LEFT JOIN (
    SELECT report_id, to_version, change_no, list(kind ORDER BY kind) AS kinds,
           map_from_entries(list({'key': kind, 'value': evidence} ORDER BY kind)
                            FILTER (WHERE coalesce(evidence, '') <> '')) AS evidence
    FROM change_kinds GROUP BY ALL
) k ON k.report_id = c.report_id AND k.to_version = c.to_version AND k.change_no = c.change_no
"""

# (new query, the same question asked of the view it used before).
EXAMPLES = {
    "versions per report": (
        "SELECT report_id, count(*) AS versions, max(captured_at)::DATE AS last_captured "
        "FROM v_version_stats GROUP BY report_id ORDER BY report_id",
        "SELECT report_id, count(*) AS versions, max(captured_at)::DATE AS last_captured "
        "FROM v_versions GROUP BY report_id ORDER BY report_id",
    ),
    "changed sentences": (
        "SELECT report_id, from_version, to_version, before_text, after_text "
        "FROM {v} WHERE op = 'changed'",
        None,
    ),
    "names in the CLI session": (
        "SELECT to_version, op, kinds, evidence['name_or_title'] AS names FROM {v} "
        "ORDER BY change_no",
        None,
    ),
    "silent changes last week, by outlet": (
        "SELECT outlet, count(*) AS changes, count(DISTINCT report_id) AS reports FROM {v} "
        "WHERE status = 'silent_substantive' AND list_has_any(kinds, ['numeric', "
        "'name_or_title', 'quote', 'attribution']) AND captured_at >= now() - INTERVAL 7 DAY "
        "GROUP BY outlet ORDER BY changes DESC, outlet",
        None,
    ),
    "numeric changes": (
        "SELECT outlet, report_id, to_version, captured_at, evidence['numeric'] AS figures, "
        "before_text, after_text FROM {v} WHERE list_contains(kinds, 'numeric') "
        "ORDER BY captured_at, report_id, change_no",
        None,
    ),
    "every change, all columns": ("SELECT * FROM {v}", None),
}


@pytest.fixture(scope="module")
def warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo seeds, then a figure corrected with a note, a silent figure change and a
    spelling fix."""
    db = tmp_path_factory.mktemp("paths") / "w.duckdb"
    ingest_seed_folder(ROOT / "seeds", db)
    at = NOW - timedelta(days=2)
    killed = "Gunmen killed {} people at the hall on Friday."
    captures = [
        Capture("a", at, "web", (killed.format("at least 40"),), outlet="Wire"),
        Capture("a", at + timedelta(hours=4), "web", (killed.format("more than 60"),
                "Correction: An earlier version misstated the number of people killed."),
                outlet="Wire"),
        Capture("c", at, "web", (killed.format("5"), "Police said Smith was there."),
                outlet="Herald"),
        Capture("c", at + timedelta(hours=1), "web", (killed.format("7"),
                "Police said Smyth was there.", "A new sentence came in."), outlet="Herald"),
        Capture("d", at, "web", ("The goverment said so on Friday.",), outlet="Wire"),
        Capture("d", at + timedelta(hours=1), "web", ("The government said so on Friday.",),
                outlet="Wire"),
    ]  # fmt: skip
    with Warehouse.open(db) as warehouse:
        ingest_captures(warehouse, captures)
    return db


def _rows(warehouse: Warehouse, sql: str) -> list[str]:
    # Sorted: some examples order by change_no alone, which ties across reports; repr, since
    # rows hold maps (dicts), which do not sort.
    return sorted(repr(row) for row in warehouse.fetch_all(sql))


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_query_has_the_same_rows_as_before(warehouse_path: Path, name: str) -> None:
    new, old = EXAMPLES[name]
    with Warehouse.open(warehouse_path) as warehouse:
        warehouse.fetch_all(LEGACY_V_CHANGES)
        before = _rows(warehouse, old or new.format(v="legacy_v_changes"))
        after = _rows(warehouse, new.format(v="v_changes"))
    assert after == before
    assert before, f"{name}: the warehouse must give the query something to return"


def test_kinds_and_evidence_are_on_the_change_rows(warehouse_path: Path) -> None:
    with Warehouse.open(warehouse_path, read_only=True) as warehouse:
        rows = warehouse.fetch_all(
            "SELECT report_id, to_version, kinds, evidence FROM changes "
            "WHERE report_id IN ('a', 'c', 'd') ORDER BY report_id, change_no"
        )
    assert rows == [
        ("a", 2, ["numeric"], {"numeric": "40 → 60"}),
        (
            "a",
            2,
            ["added"],
            {"added": "Correction: An earlier version misstated the number of people killed."},
        ),
        ("c", 2, ["numeric"], {"numeric": "5 → 7"}),
        ("c", 2, ["name_or_title"], {"name_or_title": "Smith → Smyth"}),
        ("c", 2, ["added"], {"added": "A new sentence came in."}),
        ("d", 2, ["cosmetic"], {"cosmetic": "goverment → government"}),
    ]


def test_a_warehouse_from_before_step_009_migrates_with_the_same_rows(
    warehouse_path: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(warehouse_path.read_bytes())
    with Warehouse.open(old) as warehouse:
        warehouse.fetch_all(LEGACY_V_CHANGES)
        expected = _rows(warehouse, "SELECT * FROM legacy_v_changes")
        for statement in (
            "DROP VIEW v_changes",
            "ALTER TABLE changes DROP COLUMN evidence",
            "ALTER TABLE changes DROP COLUMN kinds",
            "DELETE FROM schema_migrations WHERE version = 9",
        ):
            warehouse.fetch_all(statement)
    with Warehouse.open(old) as warehouse:
        assert _rows(warehouse, "SELECT * FROM v_changes") == expected
