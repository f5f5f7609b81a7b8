"""The real-data evaluation: labelled BBC headline and summary edits, read in place, scored by
half. The test half was committed before any rule changed; CI holds the targets on it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsledger.evaluation.real_changes import (
    MAIN_KINDS,
    RealChangeResult,
    RealDataMissing,
    format_real_eval,
    load_real_labels,
    score_real_pairs,
)
from newsledger.evaluation.real_sample import read_pairs


@pytest.fixture(scope="module")
def labels() -> list[dict[str, Any]]:
    return load_real_labels()


@pytest.fixture(scope="module")
def results(realdata: Path) -> dict[str, RealChangeResult]:
    return score_real_pairs(realdata)


def test_at_least_400_pairs_are_labelled_half_of_them_frozen_for_test(
    labels: list[dict[str, Any]],
) -> None:
    halves = Counter(label["split"] for label in labels)
    assert len(labels) >= 400
    assert set(halves) == {"dev", "test"}
    assert abs(halves["dev"] - halves["test"]) <= len(labels) * 0.1


def test_labels_cover_both_fields_and_every_main_kind_but_rare_ones(
    labels: list[dict[str, Any]],
) -> None:
    assert {label["field"] for label in labels} == {"title", "summary"}
    kinds = Counter(label["main_kind"] for label in labels)
    assert set(kinds) <= set(MAIN_KINDS)
    assert all(kinds[k] >= 20 for k in ("numeric", "name_or_title", "rewrite", "cosmetic"))


def test_labels_are_consistent_with_the_guide(labels: list[dict[str, Any]]) -> None:
    facts = {"numeric", "name_or_title", "quote", "attribution"}
    for label in labels:
        assert label["main_kind"] == label["kinds"][0]
        assert label["substantive"] == bool(facts & set(label["kinds"]))
        alone = {"rewrite", "cosmetic"} & set(label["kinds"])
        assert not alone or len(label["kinds"]) == 1


def test_the_label_file_holds_no_article_text(labels: list[dict[str, Any]], realdata: Path) -> None:
    pairs = {pair.line: pair for pair in read_pairs(realdata)}
    for label in labels:
        pair = pairs[label["line"]]
        stored = json.dumps(label, ensure_ascii=False)
        assert pair.before not in stored and pair.after not in stored


def test_a_label_whose_line_changed_is_refused(
    tmp_path: Path, labels: list[dict[str, Any]]
) -> None:
    (tmp_path / "versions").mkdir()
    (tmp_path / "versions" / "bbc-2021-2022.jsonl").write_text(
        json.dumps({"field": "title", "before": "a", "after": "b", "before_time": "2021-01-01",
                    "after_time": "2021-01-02"}) + "\n",
        "utf-8",
    )  # fmt: skip
    with pytest.raises(RealDataMissing, match="not the one labelled"):
        score_real_pairs(tmp_path, [{**labels[0], "line": 1}])


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RealDataMissing, match="no real headline histories"):
        score_real_pairs(tmp_path / "absent")


def test_no_headline_or_summary_edit_is_split_in_two(
    results: dict[str, RealChangeResult],
) -> None:
    assert (results["dev"].split_fields, results["test"].split_fields) == (0, 0)


def test_the_targets_hold_on_the_frozen_test_half(results: dict[str, RealChangeResult]) -> None:
    test = results["test"]
    assert test.pairs >= 200
    assert test.main_kind_agreement >= 0.85
    assert test.substantive_recall >= 0.80
    assert test.substantive_precision >= 0.85


def test_the_table_shows_both_halves_with_their_counts(
    results: dict[str, RealChangeResult],
) -> None:
    table = format_real_eval(results)
    assert f"development half: {results['dev'].pairs} pairs" in table
    assert f"test half (frozen; targets enforced): {results['test'].pairs} pairs" in table
