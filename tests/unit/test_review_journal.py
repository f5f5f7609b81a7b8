"""The review journal: a review queued while the writer lock is held is on disk at once,
stored exactly once by whoever drains it (the app, `newsledger review`, the next ingest), and
nothing in the journal is lost to a crash, a torn line or an append during a drain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.outputs.review_journal import (
    DrainResult,
    QueuedReview,
    _rewrite_without,
    drain_if_writer_free,
    drain_review_journal,
    journal_path_for,
    queue_review,
    queued_reviews,
    store_queued,
)
from newsledger.outputs.reviews import ReviewError
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pages import load_staged_folders
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.locking import writer_lock
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY_ENTRY = "3c2c3314fdf5"
T1 = datetime(2024, 6, 1, 9, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("journal") / "seeded.duckdb"
    ingest_seed_folder(SEEDS, path)
    return path


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the seeded warehouse, with no reviews and no journal."""
    copy = tmp_path / "w.duckdb"
    copy.write_bytes(seeded.read_bytes())
    yield copy


def stored_reviews(db: Path) -> list[tuple[str, str, str | None, str]]:
    with Warehouse.open(db, read_only=True) as warehouse:
        rows = warehouse.fetch_all(
            "SELECT entry_id, status, note, reviewed_by FROM reviews ORDER BY review_no"
        )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_queued_review_is_on_disk_before_any_drain(db: Path) -> None:
    review = queue_review(db, KIRBY_ENTRY, "reviewed", "  note fine ", " ana ", at=T1)
    assert review == QueuedReview(review.queue_id, KIRBY_ENTRY, "reviewed", "note fine", "ana", T1)
    assert queued_reviews(db) == [review]
    assert journal_path_for(db).name == "w.duckdb.reviews.jsonl"
    assert stored_reviews(db) == []


def test_drain_stores_each_review_once_and_empties_the_journal(db: Path) -> None:
    first = queue_review(db, KIRBY_ENTRY, "needs-note", None, "ana", at=T1)
    second = queue_review(db, KIRBY_ENTRY, "reviewed", "done", "ben")
    with writer_lock(db):
        result = drain_review_journal(db)
    assert result == DrainResult(stored=(first, second))
    assert not journal_path_for(db).exists()
    with writer_lock(db):
        assert drain_review_journal(db) == DrainResult()
    assert stored_reviews(db) == [
        (KIRBY_ENTRY, "needs-note", None, "ana"),
        (KIRBY_ENTRY, "reviewed", "done", "ben"),
    ]


def test_a_drain_cut_short_after_storing_does_not_store_twice(db: Path) -> None:
    review = queue_review(db, KIRBY_ENTRY, "reviewed", "once", "ana", at=T1)
    # The reviews land, then the process dies before the journal is rewritten.
    with Warehouse.open(db) as warehouse:
        assert store_queued(warehouse, [review]) == ([review], [], [])
    assert queued_reviews(db) == [review]
    with writer_lock(db):
        result = drain_review_journal(db)
    assert result == DrainResult(already=(review,))
    assert stored_reviews(db) == [(KIRBY_ENTRY, "reviewed", "once", "ana")]
    assert queued_reviews(db) == []


def test_a_review_appended_during_a_drain_stays_queued(db: Path) -> None:
    drained = queue_review(db, KIRBY_ENTRY, "reviewed", None, "ana", at=T1)
    late = queue_review(db, KIRBY_ENTRY, "dismissed", None, "ben")
    assert _rewrite_without(db, {drained.queue_id}) == 1
    assert queued_reviews(db) == [late]


def test_a_torn_line_neither_swallows_the_next_review_nor_is_dropped(db: Path) -> None:
    journal = journal_path_for(db)
    journal.write_bytes(b'{"id": "cut-short-by-a-cra')
    review = queue_review(db, KIRBY_ENTRY, "reviewed", None, "ana", at=T1)
    assert queued_reviews(db) == [review]
    with writer_lock(db):
        assert drain_review_journal(db).stored == (review,)
    kept = journal.with_name(journal.name + ".unreadable")
    assert kept.read_bytes() == b'{"id": "cut-short-by-a-cra\n'
    assert not journal.exists()


def test_while_a_writer_holds_the_lock_nothing_is_tried(db: Path) -> None:
    review = queue_review(db, KIRBY_ENTRY, "reviewed", None, "ana", at=T1)
    with writer_lock(db):
        # Another holder of the lock (a run) is simulated by this test holding it.
        assert drain_if_writer_free(db) is None
    assert queued_reviews(db) == [review]
    result = drain_if_writer_free(db)
    assert result is not None
    assert result.stored == (review,)


def test_an_entry_the_warehouse_lacks_stays_queued_with_the_reason(db: Path) -> None:
    review = queue_review(db, "000000000000", "reviewed", None, "ana", at=T1)
    with writer_lock(db):
        result = drain_review_journal(db)
    assert [(r, reason.split(":")[0]) for r, reason in result.rejected] == [
        (review, "no entry '000000000000' in the correction log")
    ]
    assert result.waiting == 1
    assert queued_reviews(db) == [review]


def test_the_next_ingest_run_drains_the_journal(db: Path) -> None:
    queue_review(db, KIRBY_ENTRY, "reviewed", None, "ana", at=T1)
    with writer_lock(db):  # as ingest_feeds and refetch_known hold it
        load_staged_folders(LiveRunOptions(db_path=db, archive_root=None))
    assert stored_reviews(db) == [(KIRBY_ENTRY, "reviewed", None, "ana")]
    assert queued_reviews(db) == []


@pytest.mark.parametrize(
    ("status", "by", "note", "message"),
    [
        ("done", "ana", None, "review status 'done' is not one of reviewed, needs-note, "),
        ("reviewed", "  ", None, "a review needs a reviewer: "),
        ("reviewed", "ana", "x" * 4001, "the note has 4001 characters: keep it under 4000"),
    ],
)
def test_a_bad_review_is_refused_before_it_is_queued(
    db: Path, status: str, by: str, note: str | None, message: str
) -> None:
    with pytest.raises(ReviewError) as error:
        queue_review(db, KIRBY_ENTRY, status, note, by)
    assert str(error.value).startswith(message)
    assert not journal_path_for(db).exists()


def test_the_review_command_queues_while_the_writer_is_held(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsledger.cli import main

    monkeypatch.delenv("NEWSLEDGER_REVIEWER", raising=False)
    args = ["review", KIRBY_ENTRY, "--status", "reviewed", "--db", str(db)]
    assert main(args) == 2
    assert "who reviewed? pass --by NAME (or set NEWSLEDGER_REVIEWER)" in capsys.readouterr().err
    with writer_lock(db):
        assert main([*args, "--by", "ana"]) == 0
        said = capsys.readouterr().out
        assert said.startswith(f"{KIRBY_ENTRY}: reviewed by ana (queued: stored when the writer")
        assert stored_reviews(db) == []
        assert main(["review", "--list", "--db", str(db)]) == 0
        assert "1 review(s) queued: stored when the writer is free" in capsys.readouterr().out
    monkeypatch.setenv("NEWSLEDGER_REVIEWER", "ben")
    assert main(args) == 0  # the writer is free: this one, and the queued one, are stored
    assert capsys.readouterr().out.strip() == f"{KIRBY_ENTRY}: reviewed by ben"
    assert stored_reviews(db) == [
        (KIRBY_ENTRY, "reviewed", None, "ana"),
        (KIRBY_ENTRY, "reviewed", None, "ben"),
    ]
