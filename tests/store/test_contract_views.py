"""The analysts' contract: warehouse/README.md's example queries answer on a warehouse built
here, kinds are lists in every view, the page's own statements are stored and shown, and a
warehouse from before schema step 007 migrates with the same rows."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from markupsafe import escape

from newsledger.capture.seeds import read_seeds
from newsledger.models import Capture
from newsledger.outputs.report import (
    format_time,
    iso_time,
    render_atom,
    render_html,
    render_json,
    render_markdown,
)
from newsledger.outputs.report_data import PageCorrection, ReportFilters, load_report_data
from newsledger.runs.pipeline import ingest_captures, ingest_seed_folder
from newsledger.store.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now(UTC).replace(microsecond=0)
HOSTILE = "Misstated <script>alert(1)</script> *14* [here](javascript:x)."


def readme_query(title: str) -> str:
    """The example query in warehouse/README.md whose first-line comment starts with title."""
    text = (ROOT / "warehouse" / "README.md").read_text("utf-8")
    section = text.split("## Example queries", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    [sql] = [block for block in blocks if block.startswith(f"-- {title}")]
    return sql


def _capture(report: str, at: datetime, *paragraphs: str, **fields: object) -> Capture:
    outlet = "Wire" if report in ("a", "d") else "Herald"
    return Capture(report, at, "web", paragraphs, outlet=outlet, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """a: a figure corrected with a note 4 h after publication (Wire, 3 days ago);
    b: a figure changed silently in the text, but a correction declared in the page's
    JSON-LD, 10 h after publication (Herald, 2 days ago); c: a silent figure change 30 days
    ago (Herald); d: a spelling fix yesterday (Wire)."""
    a0, b0, c0, d0 = (NOW - timedelta(days=n) for n in (3, 2, 30, 1))
    killed = "Gunmen killed {} people at the hall on Friday."
    note = "Correction: An earlier version of this article misstated the number of people killed."
    injured = "Police said {} people were injured in the blast at the market."
    captures = [
        _capture("a", a0, killed.format("at least 40"), published_at=a0),
        _capture("a", a0 + timedelta(hours=4), killed.format("more than 60"), note,
                 published_at=a0, modified_at=a0 + timedelta(hours=4)),
        _capture("b", b0, injured.format("12"), published_at=b0, summary="Blast at a market"),
        _capture("b", b0 + timedelta(hours=10), injured.format("14"), published_at=b0,
                 summary="Blast at a market in the old town", page_corrections=(HOSTILE,),
                 page_correction_dates=((b0 + timedelta(hours=9)).isoformat(),)),
        _capture("c", c0, killed.format("5")),
        _capture("c", c0 + timedelta(hours=1), killed.format("7")),
        _capture("d", d0, "The goverment said so on Friday."),
        _capture("d", d0 + timedelta(hours=1), "The government said so on Friday."),
    ]  # fmt: skip
    db = tmp_path_factory.mktemp("contract") / "w.duckdb"
    with Warehouse.open(db) as warehouse:
        ingest_captures(warehouse, captures)
    return db


def _run(db: Path, sql: str) -> list[tuple[object, ...]]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return warehouse.fetch_all(sql)


def test_silent_changes_last_week_by_outlet(newsroom: Path) -> None:
    sql = readme_query("Silent changes last week, by outlet")
    assert _run(newsroom, sql) == [("Herald", 1, 1)]


def test_median_time_from_publication_to_first_correction(newsroom: Path) -> None:
    sql = readme_query("Median time from publication to first correction")
    assert _run(newsroom, sql) == [(7.0, 2)]


def test_numeric_changes_carry_old_and_new_figures(newsroom: Path) -> None:
    rows = _run(newsroom, readme_query("Numeric changes"))
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("Herald", "c", 2, "5 → 7"),
        ("Wire", "a", 2, "40 → 60"),
        ("Herald", "b", 2, "12 → 14"),
    ]


def test_structured_corrections_sit_beside_the_text_notes(newsroom: Path) -> None:
    sql = readme_query("Corrections the pages declare")
    rows = _run(newsroom, sql)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("a", 2, "declared_and_observed", [
            "Correction: An earlier version of this article misstated the number of people killed."
        ]),
        ("b", 2, "silent_substantive", None),
    ]  # fmt: skip
    assert rows[1][4] == [{"text": HOSTILE, "published_at": NOW - timedelta(days=2, hours=-9)}]


def test_v_changes_has_outlet_time_status_kinds_and_evidence(newsroom: Path) -> None:
    rows = _run(
        newsroom,
        "SELECT report_id, field, outlet, captured_at, status, kinds, evidence FROM v_changes "
        "WHERE report_id = 'b' ORDER BY change_no",
    )
    b1 = NOW - timedelta(days=2, hours=-10)
    assert [r[:5] for r in rows] == [
        ("b", "summary", "Herald", b1, "silent_substantive"),
        ("b", "body", "Herald", b1, "silent_substantive"),
    ]
    assert rows[1][5:] == (["numeric"], {"numeric": "12 → 14"})


def test_kinds_are_a_list_in_every_view(newsroom: Path) -> None:
    rows = _run(
        newsroom,
        "SELECT table_name, data_type FROM duckdb_columns() "
        "WHERE column_name = 'kinds' AND table_name LIKE 'v\\_%' ESCAPE '\\' ORDER BY ALL",
    )
    assert rows == [("v_changes", "VARCHAR[]"), ("v_correction_log", "VARCHAR[]")]


def test_versions_keep_what_the_page_stated(newsroom: Path) -> None:
    rows = _run(
        newsroom,
        "SELECT report_id, version_no, summary, published_at, modified_at FROM v_versions "
        "WHERE report_id IN ('a', 'b') ORDER BY report_id, version_no",
    )
    a0, b0 = NOW - timedelta(days=3), NOW - timedelta(days=2)
    assert rows == [
        ("a", 1, None, a0, None),
        ("a", 2, None, a0, a0 + timedelta(hours=4)),
        ("b", 1, "Blast at a market", b0, None),
        ("b", 2, "Blast at a market in the old town", b0, None),
    ]


def test_v_corrections_lists_text_and_structured_corrections(newsroom: Path) -> None:
    rows = _run(
        newsroom,
        "SELECT report_id, version_no, kind, detected_by, is_new, note_text, outlet "
        "FROM v_corrections ORDER BY ALL",
    )
    assert [r[:5] for r in rows] == [
        ("a", 2, "correction", "text", True),
        ("b", 2, "correction", "json_ld", True),
    ]
    assert rows[1][5:] == (HOSTILE, "Herald")


def test_the_correction_log_shows_a_structured_correction_escaped(newsroom: Path) -> None:
    with Warehouse.open(newsroom, read_only=True) as warehouse:
        data = load_report_data(warehouse, ReportFilters())
    [entry] = [e for e in data.entries if e.report_id == "b"]
    b0 = NOW - timedelta(days=2)
    assert entry.page_corrections == (PageCorrection(HOSTILE, b0 + timedelta(hours=9)),)
    assert entry.published_at == b0
    label = "Correction in the page's structured data (schema.org)"
    markdown = render_markdown(data)
    assert label in markdown
    assert r"Misstated \<script\>alert(1)\</script\> \*14\* \[here\](javascript:x)." in markdown
    html = render_html(data)
    escaped = "Misstated &lt;script&gt;alert(1)&lt;/script&gt; *14* [here](javascript:x)."
    assert f"{label}, {format_time(b0 + timedelta(hours=9))}:</strong> {escaped}" in html
    assert f"The page says: published {format_time(b0)}</p>" in html
    assert escape(str(escape(f"{label}: {HOSTILE}"))) in render_atom(data)
    [exported] = [e for e in json.loads(render_json(data))["entries"] if e["report_id"] == "b"]
    assert exported["page_corrections"] == [
        {"text": HOSTILE, "published_at": iso_time(b0 + timedelta(hours=9))}
    ]
    for rendered in (markdown, html, render_atom(data)):
        assert "<script>alert" not in rendered


def test_a_warehouse_from_before_step_007_migrates_with_the_same_rows(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    ingest_seed_folder(ROOT / "seeds", db)
    columns = {
        "v_versions": "report_id, version_no, captured_at, source, outlet, title, text, "
        "text_hash, n_chars, is_reconstructed, byline, url",
        "v_changes": "report_id, from_version, to_version, change_no, op, "
        "array_to_string(kinds, ',') AS kind, before_text, after_text, field, before_pos, "
        "after_pos, word_ops",
        "v_corrections": "report_id, version_no, note_text, kind, note_no, note_date, "
        "wrong_text, right_text",
        "v_correction_log": "entry_id, report_id, outlet, title, from_version, to_version, "
        "from_captured_at, to_captured_at, status, kinds, notes, n_changes, url, "
        "involves_reconstructed",
    }
    snapshot = {
        view: _run(db, f"SELECT {cols} FROM {view} ORDER BY ALL") for view, cols in columns.items()
    }
    hashes = _run(db, "SELECT report_id, version_no, content_hash FROM versions ORDER BY 1, 2")
    # Back to the shape before step 007: no new columns, table, views or record of it.
    with Warehouse.open(db) as warehouse:
        con = warehouse.connection
        views = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        for (view,) in views:
            con.execute(f"DROP VIEW {view}")
        con.execute("DROP TABLE structured_corrections")
        for column in ("summary", "published_at", "modified_at"):
            con.execute(f"ALTER TABLE versions DROP COLUMN {column}")
        con.execute("DELETE FROM schema_migrations WHERE version = 7")
    with Warehouse.open(db) as warehouse:
        applied = warehouse.fetch_all("SELECT name FROM schema_migrations WHERE version = 7")
        assert applied == [("structured_fields",)]
        counts = ingest_captures(warehouse, read_seeds(ROOT / "seeds")[0])
    assert counts.new_versions == 0
    for view, cols in columns.items():
        assert _run(db, f"SELECT {cols} FROM {view} ORDER BY ALL") == snapshot[view], view
    assert (
        _run(db, "SELECT report_id, version_no, content_hash FROM versions ORDER BY 1, 2") == hashes
    )
    assert _run(db, "SELECT count(*) FROM v_versions WHERE summary IS NOT NULL") == [(0,)]
