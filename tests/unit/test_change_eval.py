"""The labelled change set: what it covers, that the targets hold on it, and the table."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from newsledger.evaluation.changes import (
    KINDS,
    STATUSES,
    TARGETS,
    ChangeEvalResult,
    Score,
    evaluate_changes,
    format_change_eval,
    load_cases,
)


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return load_cases()


@pytest.fixture(scope="module")
def result() -> ChangeEvalResult:
    return evaluate_changes()


def test_the_set_has_at_least_80_version_pairs_with_unique_ids(cases: list[dict[str, Any]]) -> None:
    ids = [case["id"] for case in cases]
    assert len(ids) >= 80
    assert len(set(ids)) == len(ids)


def test_the_set_labels_every_kind_at_least_three_times(cases: list[dict[str, Any]]) -> None:
    counts = Counter(
        kind for case in cases for change in case["expected"]["changes"] for kind in change["kinds"]
    )
    assert {kind: counts[kind] >= 3 for kind in KINDS} == dict.fromkeys(KINDS, True)


def test_the_set_has_every_status_at_least_five_times(cases: list[dict[str, Any]]) -> None:
    counts = Counter(case["expected"]["status"] for case in cases)
    assert {status: counts[status] >= 5 for status in STATUSES} == dict.fromkeys(STATUSES, True)


@pytest.mark.parametrize(
    "case_id",
    [
        "story-about-correction",
        "corrections-footer-link",
        "report-a-correction-footer",
        "live-blog-timestamp",
        "correction-officers-story",
        "earlier-version-of-bill",
        "ap-death-toll-with-note",
        "ap-note-at-top",
        "guardian-misspelled-as",
        "quote-fixed-silently-curly",
        "attribution-police-to-hospital",
        "developing-top-paragraph",
        "typo-lowercase",
        "headline-rewrite",
        "ap-kirby-appended",
        "ap-kirby-first-capture",
    ],
)
def test_the_set_holds_the_cases_the_issue_asks_for(
    cases: list[dict[str, Any]], case_id: str
) -> None:
    assert case_id in {case["id"] for case in cases}


def test_hard_negatives_expect_no_note(cases: list[dict[str, Any]]) -> None:
    negatives = {
        "story-about-correction",
        "corrections-footer-link",
        "report-a-correction-footer",
        "live-blog-timestamp",
        "correction-officers-story",
        "story-quotes-editors-note",
    }
    notes = {case["id"]: case["expected"]["notes"] for case in cases if case["id"] in negatives}
    assert notes == dict.fromkeys(negatives, [])


@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_each_target_holds(result: ChangeEvalResult, metric: str) -> None:
    assert result.metrics()[metric] >= TARGETS[metric], format_change_eval(result)


def test_the_result_passes_when_every_target_holds(result: ChangeEvalResult) -> None:
    assert result.passed


def test_the_table_lists_every_kind_status_and_target(result: ChangeEvalResult) -> None:
    table = format_change_eval(result)
    for name in (*KINDS, *STATUSES, *TARGETS):
        assert f"  {name} " in table
    assert table.splitlines()[-1] == "passed"


def test_the_table_columns_line_up(result: ChangeEvalResult) -> None:
    rows = [line for line in format_change_eval(result).splitlines() if line.startswith("  ")]
    kind_rows = [line for line in rows if line.split()[0] in KINDS]
    assert {len(line) for line in kind_rows} == {len(kind_rows[0])}


@pytest.mark.parametrize(
    ("score", "precision", "recall", "f2"),
    [
        (Score(tp=8, fp=2, fn=0), 0.8, 1.0, 0.952),
        (Score(tp=0, fp=0, fn=0), 1.0, 1.0, 1.0),
        (Score(tp=0, fp=1, fn=1), 0.0, 0.0, 0.0),
    ],
)
def test_score_arithmetic(score: Score, precision: float, recall: float, f2: float) -> None:
    assert (score.precision, score.recall, round(score.f_beta(2.0), 3)) == (precision, recall, f2)


def test_a_missed_target_fails_the_result() -> None:
    missed = ChangeEvalResult()
    missed.notes = Score(tp=1, fp=1, fn=0)
    assert (missed.passed, format_change_eval(missed).splitlines()[-1]) == (
        False,
        "FAILED: a target was missed",
    )
