"""The benchmark at its CI size: every measure runs on 127.0.0.1 and lands in latest.json.

No timing thresholds: only that each figure exists, is a finite positive number where it
must be, and that the re-poll of an unchanged newsroom parsed no page.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from newsledger.bench.run import TARGETS, run_bench

REQUIRED_KEYS = (
    "cold_ratio_vs_bare",
    "repoll_ratio_vs_cold",
    "repoll_extractor_calls",
    "prefect_ms_per_article",
    "extra_version_cost_ratio",
    "query_ms_max",
    "report_10k_s",
    "peak_rss_mb",
    "size",
    "machine",
)
POSITIVE_KEYS = (
    "cold_ratio_vs_bare",
    "repoll_ratio_vs_cold",
    "extra_version_cost_ratio",
    "query_ms_max",
    "report_10k_s",
    "peak_rss_mb",
    "cold_pages_per_s",
    "bare_pages_per_s",
    "diff_pairs_per_s",
    "warehouse_bytes_per_version",
)


@pytest.fixture(scope="module")
def tiny_results(
    prefect_harness: None, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    out = tmp_path_factory.mktemp("bench-results")
    return run_bench("tiny", out, log=lambda line: None), out


pytestmark = pytest.mark.slow


def test_latest_json_is_what_run_bench_returned(tiny_results: tuple[dict[str, Any], Path]) -> None:
    results, out = tiny_results
    assert json.loads((out / "latest.json").read_text("utf-8")) == json.loads(json.dumps(results))


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_every_required_key_is_present(tiny_results: tuple[dict[str, Any], Path], key: str) -> None:
    assert key in tiny_results[0]


@pytest.mark.parametrize("key", POSITIVE_KEYS)
def test_figure_is_finite_and_positive(tiny_results: tuple[dict[str, Any], Path], key: str) -> None:
    value = float(tiny_results[0][key])
    assert math.isfinite(value) and value > 0


def test_prefect_overhead_is_finite_and_not_negative(
    tiny_results: tuple[dict[str, Any], Path],
) -> None:
    value = float(tiny_results[0]["prefect_ms_per_article"])
    assert math.isfinite(value) and value >= 0


def test_repoll_of_an_unchanged_newsroom_parses_no_page(
    tiny_results: tuple[dict[str, Any], Path],
) -> None:
    results = tiny_results[0]
    assert (results["repoll_extractor_calls"], results["repoll_not_modified"]) == (0, 40)


def test_ten_percent_poll_stores_exactly_the_versions_the_generator_made(
    tiny_results: tuple[dict[str, Any], Path],
) -> None:
    results = tiny_results[0]
    assert results["changed_10pct_new_versions"] == results["changed_10pct_expected_new_versions"]
    assert results["changed_10pct_extractor_calls"] == 4


def test_tiny_size_and_machine_are_recorded(tiny_results: tuple[dict[str, Any], Path]) -> None:
    results = tiny_results[0]
    assert results["size"] == "tiny"
    assert set(results["machine"]) == {"cpu_count", "cpu_model", "python", "platform"}


def test_table_names_every_target(tiny_results: tuple[dict[str, Any], Path]) -> None:
    from newsledger.bench.run import format_table

    table = format_table(tiny_results[0])
    assert [t.label in table for t in TARGETS] == [True] * len(TARGETS)
