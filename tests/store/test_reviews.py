"""Editors' reviews: append-only, the latest per entry wins, pending lists what waits,
and the correction log shows the latest state and who set it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.outputs.report import render_csv, render_json
from newsledger.outputs.report_data import ReportFilters, load_report_data
from newsledger.outputs.reviews import Review, ReviewError, add_review, list_pending, review_history
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.runs.synthetic import add_fixture_reports
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY_ENTRY = "3c2c3314fdf5"
T1 = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reviews") / "seeded.duckdb"
    ingest_seed_folder(SEEDS, path)
    with Warehouse.open(path) as warehouse:
        add_fixture_reports(warehouse)
    return path


@pytest.fixture
def warehouse(seeded: Path, tmp_path: Path) -> Iterator[Warehouse]:
    """A private copy of the seeded warehouse, so each test starts with no reviews."""
    copy = tmp_path / "w.duckdb"
    copy.write_bytes(seeded.read_bytes())
    opened = Warehouse.open(copy)
    yield opened
    opened.close()


def latest_review(warehouse: Warehouse, entry_id: str) -> dict:
    rows = warehouse.fetch_dicts("SELECT * FROM v_reviews WHERE entry_id = ?", [entry_id])
    assert len(rows) == 1
    return rows[0]


def pending_ids(warehouse: Warehouse) -> list[str]:
    return [row["entry_id"] for row in list_pending(warehouse)]


def test_add_review_returns_what_was_stored(warehouse: Warehouse) -> None:
    review = add_review(warehouse, KIRBY_ENTRY, "reviewed", "note matches the edit", "ana", at=T1)
    assert review == Review(KIRBY_ENTRY, "reviewed", "note matches the edit", "ana", T1)


def test_latest_review_wins_and_history_keeps_both(warehouse: Warehouse) -> None:
    add_review(warehouse, KIRBY_ENTRY, "needs-note", "ask the desk", "ana", at=T1)
    add_review(warehouse, KIRBY_ENTRY, "dismissed", None, "ben", at=T2)
    latest = latest_review(warehouse, KIRBY_ENTRY)
    assert (latest["review_status"], latest["reviewed_by"], latest["n_reviews"]) == (
        "dismissed",
        "ben",
        2,
    )
    assert [(r.status, r.reviewed_by) for r in review_history(warehouse, KIRBY_ENTRY)] == [
        ("needs-note", "ana"),
        ("dismissed", "ben"),
    ]


def test_same_time_reviews_go_to_the_later_one(warehouse: Warehouse) -> None:
    add_review(warehouse, KIRBY_ENTRY, "needs-note", None, "ana", at=T1)
    add_review(warehouse, KIRBY_ENTRY, "reviewed", None, "ben", at=T1)
    assert latest_review(warehouse, KIRBY_ENTRY)["review_status"] == "reviewed"


@pytest.mark.parametrize(
    ("statuses", "still_pending"),
    [
        ([], True),
        (["reviewed"], False),
        (["dismissed"], False),
        (["needs-note"], True),
        (["needs-note", "reviewed"], False),
        (["reviewed", "needs-note"], True),
    ],
)
def test_pending_follows_the_latest_review(
    warehouse: Warehouse, statuses: list[str], still_pending: bool
) -> None:
    for minute, status in enumerate(statuses):
        add_review(warehouse, KIRBY_ENTRY, status, None, "ana", at=T1.replace(minute=minute))
    assert (KIRBY_ENTRY in pending_ids(warehouse)) is still_pending
    assert len(pending_ids(warehouse)) == 2 + still_pending


def test_pending_lists_silent_substantive_first(warehouse: Warehouse) -> None:
    pending = list_pending(warehouse)
    assert [row["report_id"] for row in pending] == [
        "fixture-silent-numeric",
        "fixture-hostile-markup",
        "ap-moscow-concert-hall-attack",
    ]


@pytest.mark.parametrize(
    ("entry_id", "status", "by", "message"),
    [
        (KIRBY_ENTRY, "done", "ana", "review status 'done' is not one of reviewed, needs-note, "),
        ("000000000000", "reviewed", "ana", "no entry '000000000000' in the correction log: "),
        (KIRBY_ENTRY, "reviewed", "  ", "a review needs a reviewer: "),
    ],
)
def test_bad_reviews_are_refused_with_one_line(
    warehouse: Warehouse, entry_id: str, status: str, by: str, message: str
) -> None:
    with pytest.raises(ReviewError) as error:
        add_review(warehouse, entry_id, status, None, by)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)
    assert warehouse.fetch_all("SELECT count(*) FROM reviews") == [(0,)]


def test_report_shows_the_latest_review_and_who_set_it(warehouse: Warehouse) -> None:
    add_review(warehouse, KIRBY_ENTRY, "needs-note", None, "ana", at=T1)
    add_review(warehouse, KIRBY_ENTRY, "reviewed", "fine", "ben", at=T2)
    data = load_report_data(warehouse, ReportFilters())
    row = next(
        r for r in csv.DictReader(io.StringIO(render_csv(data))) if r["entry_id"] == KIRBY_ENTRY
    )
    assert (row["review_status"], row["reviewed_by"], row["reviewed_at"]) == (
        "reviewed",
        "ben",
        "2024-06-01T10:00:00Z",
    )
    entry = next(
        e for e in json.loads(render_json(data))["entries"] if e["entry_id"] == KIRBY_ENTRY
    )
    assert (entry["review_state"], entry["review_note"], entry["updated_at"]) == (
        "reviewed",
        "fine",
        "2024-06-01T10:00:00Z",
    )
    assert data.summary.n_pending == 2


def test_a_reviewed_silent_change_no_longer_jumps_the_queue(warehouse: Warehouse) -> None:
    silent = load_report_data(warehouse, ReportFilters()).entries[0]
    assert silent.report_id == "fixture-silent-numeric"
    add_review(warehouse, silent.entry_id, "reviewed", None, "ana", at=T1)
    order = [e.report_id for e in load_report_data(warehouse, ReportFilters()).entries]
    assert order == [
        "fixture-hostile-markup",
        "ap-moscow-concert-hall-attack",
        "fixture-silent-numeric",
    ]
