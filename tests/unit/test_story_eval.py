"""The evaluation sets meet their targets, so CI fails when extraction or grouping regress."""

from __future__ import annotations

import pytest

from newsledger.evaluation.stories import (
    TARGETS,
    StoryEvalResult,
    _read_jsonl,
    evaluate_stories,
    format_story_eval,
)


@pytest.fixture(scope="module")
def result() -> StoryEvalResult:
    return evaluate_stories()


@pytest.mark.parametrize("measure", sorted(TARGETS))
def test_target_holds(result: StoryEvalResult, measure: str) -> None:
    assert result.scores[measure] >= TARGETS[measure]


def test_the_sets_are_as_large_as_promised(result: StoryEvalResult) -> None:
    assert result.claims.sentences >= 60
    assert result.pairs >= 20


def test_the_seed_reports_are_a_same_story_pair() -> None:
    seed_pairs = [
        p
        for p in _read_jsonl("story_pairs.jsonl")
        if {p["a"]["report_id"], p["b"]["report_id"]}
        == {"ap-moscow-concert-hall-attack", "nzherald-moscow-concert-hall-attack"}
    ]
    assert [p["same_story"] for p in seed_pairs] == [True]


def test_the_table_says_passed(result: StoryEvalResult) -> None:
    text = format_story_eval(result)
    assert result.passed
    assert text.splitlines()[-1] == "PASSED"
