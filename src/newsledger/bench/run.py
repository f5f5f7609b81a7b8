"""The benchmark run: serves the generated newsroom (and the real pages, when present) on
127.0.0.1, takes every measure, prints the table beside the targets and writes
results/latest.json.

    run_bench("small", Path("bench/results"))   # or "tiny" (CI smoke) / "full"
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SEED = 20240501


@dataclass(frozen=True)
class Size:
    pages: int  # articles served and ingested cold
    scale_versions: int  # versions in the SQL-generated warehouse the queries run on
    report_entries: int  # correction-log entries in the synthetic report warehouse
    rss_articles: int  # articles streamed for peak RSS
    rss_budget_s: float  # the streamed run stops after the batch that passes this
    diff_pairs: int  # version pairs diffed
    edited_reports: int  # reports given one extra version for the storage cost
    prefect_repeats: int  # flow / direct runs, alternated, for the Prefect overhead
    rss_batch_size: int  # articles a batch in the streamed run
    stories: bool  # time the whole-warehouse story regrouping too (slow today; not in tiny)
    real_copies: int  # copies of each real page served, each its own article
    real_identical_copies: int  # byte-identical copies of each real page (body-keyed run)


SIZES: dict[str, Size] = {
    "tiny": Size(40, 1_000, 200, 200, 5.0, 10, 10, 1, 50, False, 1, 2),
    "small": Size(300, 100_000, 10_000, 2_000, 45.0, 40, 40, 5, 200, False, 5, 3),
    "full": Size(2_000, 1_000_000, 10_000, 100_000, 1_800.0, 200, 300, 5, 500, False, 15, 6),
}


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    goal: float
    higher_is_better: bool
    unit: str

    def met(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.goal if self.higher_is_better else value <= self.goal


TARGETS = (
    Target("cold_ratio_vs_bare", "cold ingest vs bare trafilatura (1 core)", 1.5, True, "x"),
    Target("real_cold_ratio_vs_bare", "  the same on real pages", 1.5, True, "x"),
    Target("repoll_ratio_vs_cold", "re-poll, nothing changed, vs cold rate", 20.0, True, "x"),
    Target("real_repoll_ratio_vs_cold", "  the same on real pages", 20.0, True, "x"),
    Target("repoll_extractor_calls", "extractor calls on that re-poll", 0, False, ""),
    Target("prefect_ms_per_article", "Prefect overhead per article", 2.0, False, "ms"),
    Target(
        "extra_version_cost_ratio", "one-sentence edit: logical bytes / text bytes", 0.15, False, ""
    ),
    Target("query_ms_max", "slowest analyst query (median of 5)", 200.0, False, "ms"),
    Target("report_10k_s", "correction-log report build", 10.0, False, "s"),
    Target("peak_rss_mb", "peak RSS of the streamed ingest", 1024.0, False, "MiB"),
)


def machine() -> dict[str, Any]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text("utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _offline_prefect(workdir: Path) -> None:
    """Prefect telemetry off and its home in the run's temp folder, unless already set."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_HOME", str(workdir / "prefect-home"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _step(name: str, log: Callable[[str], None]) -> Callable[[], None]:
    started = time.perf_counter()
    log(f"  {name} ...")

    def done() -> None:
        log(f"  {name}: {time.perf_counter() - started:.1f} s")

    return done


def run_bench(
    size: str = "small", out: Path = Path("bench/results"), log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Runs every measure at `size` ("tiny", "small" or "full"), writes out/latest.json
    and returns what it wrote. Everything is served and fetched on 127.0.0.1."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}: use one of {', '.join(SIZES)}")
    plan = SIZES[size]
    workdir = Path(tempfile.mkdtemp(prefix="newsledger-bench-"))
    try:
        _offline_prefect(workdir)
        results = _measure(size, plan, workdir, log)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", "utf-8")
    log(format_table(results))
    return results


def _measure(size: str, plan: Size, workdir: Path, log: Callable[[str], None]) -> dict[str, Any]:
    from newsledger.bench import diff_measures, ingest_measures, real_pages, warehouse_measures
    from newsledger.bench.corpus import build_corpus
    from newsledger.bench.server import NewsroomServer

    started = time.perf_counter()
    corpus = build_corpus(plan.pages, seed=SEED, n_states=3)
    results: dict[str, Any] = {
        "size": size,
        "plan": asdict(plan),
        "machine": machine(),
        "seed": SEED,
    }
    db = workdir / "live.duckdb"
    n = plan.pages
    with NewsroomServer(corpus) as server:
        pages = [(server.page(a.path).body, server.base_url + a.path) for a in corpus.articles]
        done = _step(f"cold ingest of {n} pages", log)
        cold = ingest_measures.timed_poll(server, ingest_measures.run_options(db, n))
        done()
        done = _step("re-polls with nothing changed", log)
        feeds_304 = ingest_measures.timed_poll(server, ingest_measures.run_options(db, n))
        server.republish()
        repoll = ingest_measures.timed_poll(server, ingest_measures.run_options(db, n))
        done()
        done = _step("Prefect flow against direct call", log)
        with ingest_measures.prefect_server():
            prefect = ingest_measures.flow_and_direct_seconds(server, db, plan.prefect_repeats)
        done()
        done = _step("poll with 10% of the articles changed", log)
        server.advance()
        changed = ingest_measures.timed_poll(server, ingest_measures.run_options(db, n))
        done()
    expected = ingest_measures.expected_new_versions(corpus, 1)

    done = _step("bare trafilatura on the same pages", log)
    bare_s = ingest_measures.bare_trafilatura_seconds(pages)
    done()

    done = _step(f"real pages, {plan.real_copies} copies each, and bare trafilatura", log)
    real = real_pages.real_pages_results(
        real_pages.RealPagesPlan(plan.real_copies, plan.real_identical_copies), workdir
    )
    done()

    stories_s = None
    if plan.stories:
        done = _step("story regrouping (whole warehouse)", log)
        stories_s = warehouse_measures.stories_refresh_seconds(db)
        done()

    done = _step(f"diff of {plan.diff_pairs} version pairs", log)
    diff = diff_measures.diff_seconds(diff_measures.diff_pairs(plan.diff_pairs, SEED))
    done()

    done = _step(f"storage of one extra version on {plan.edited_reports} reports", log)
    versions_bytes = warehouse_measures.checkpointed_bytes(db)
    stored_versions = warehouse_measures.count_rows(db, "versions")
    storage = warehouse_measures.extra_version_cost(db, plan.edited_reports)
    done()

    done = _step(f"report of {plan.report_entries} entries", log)
    report_s = warehouse_measures.report_seconds(workdir, plan.report_entries)
    done()

    done = _step(f"analyst queries on {plan.scale_versions} SQL-generated versions", log)
    scale_db = workdir / "scale.duckdb"
    scale_versions = warehouse_measures.build_scale_warehouse(scale_db, plan.scale_versions)
    queries = warehouse_measures.query_latencies(scale_db)
    scale_db.unlink()
    done()

    done = _step(f"peak RSS of a streamed ingest of {plan.rss_articles} articles", log)
    rss = ingest_measures.peak_rss_run(
        workdir, SEED, plan.rss_articles, plan.rss_budget_s, plan.rss_batch_size
    )
    done()

    cold_rate = n / cold.seconds
    bare_rate = n / bare_s
    repoll_rate = n / repoll.seconds
    changed_rate = n / changed.seconds
    pairs = plan.diff_pairs
    overhead_s = _median(prefect.flow) - _median(prefect.direct)
    quiet_overhead_s = _median(prefect.flow_without_heartbeats) - _median(prefect.direct)
    results.update(
        {
            "cold_pages": n,
            "cold_seconds": cold.seconds,
            "cold_pages_per_s": cold_rate,
            "bare_pages_per_s": bare_rate,
            "cold_ratio_vs_bare": cold_rate / bare_rate,
            "cold_counts": cold.counts.as_dict(),
            "repoll_pages_per_s": repoll_rate,
            "repoll_ratio_vs_cold": repoll_rate / cold_rate,
            "repoll_extractor_calls": repoll.counts.extractor_calls,
            "repoll_not_modified": repoll.counts.not_modified,
            "repoll_feeds_304_seconds": feeds_304.seconds,
            "repoll_feeds_304_articles_per_s": n / feeds_304.seconds,
            "repoll_feeds_304_extractor_calls": feeds_304.counts.extractor_calls,
            "changed_10pct_pages_per_s": changed_rate,
            "changed_10pct_new_versions": changed.counts.new_versions,
            "changed_10pct_expected_new_versions": expected,
            "changed_10pct_extractor_calls": changed.counts.extractor_calls,
            "prefect_flow_seconds": prefect.flow,
            "prefect_flow_without_heartbeats_seconds": prefect.flow_without_heartbeats,
            "prefect_direct_seconds": prefect.direct,
            "prefect_ms_per_article": max(overhead_s, 0.0) * 1000 / n,
            "prefect_overhead_raw_ms_per_article": overhead_s * 1000 / n,
            "prefect_without_heartbeats_ms_per_article": max(quiet_overhead_s, 0.0) * 1000 / n,
            "real_pages": real,
            "real_cold_ratio_vs_bare": real.get("cold_ratio_vs_bare"),
            "real_repoll_ratio_vs_cold": real.get("repoll_ratio_vs_cold"),
            "stories_refresh_s": stories_s,
            "diff_pairs": pairs,
            "diff_pairs_per_s": pairs / diff["pipeline_s"],
            "diff_sentences_only_pairs_per_s": pairs / diff["sentences_only_s"],
            "diff_bare_difflib_pairs_per_s": pairs / diff["bare_s"],
            "warehouse_bytes_per_version": versions_bytes / max(1, stored_versions),
            "extra_version": storage,
            "extra_version_cost_ratio": storage["logical_bytes"] / storage["text_bytes"],
            "extra_version_file_growth_ratio": storage["file_growth_bytes"] / storage["text_bytes"],
            "report_entries": plan.report_entries,
            "report_10k_s": report_s,
            "scale_versions": scale_versions,
            "scale_generated_with": "SQL INSERT ... SELECT FROM range() into the real tables",
            "queries": queries,
            "query_ms_max": max(q["median_ms"] for q in queries.values()),
            "rss": rss,
            "peak_rss_mb": rss["peak_rss_mb"],
            "total_seconds": time.perf_counter() - started,
        }
    )
    return results


def _real_pages_lines(real: dict[str, Any]) -> list[str]:
    if "skipped" in real:
        return [f"real pages: skipped, {real['skipped']}"]
    counts = real["cold_counts"]
    rows = [
        (f"real pages ({real['pages']} x {real['copies']}), cold, pages/s",
         real["cold_pages_per_s"]),
        ("  bare trafilatura, same pages, pages/s (1 core)", real["bare_pages_per_s"]),
        ("  new articles / pages without one", f"{counts['new_reports']} / {counts['no_article']}"),
        ("  re-poll (feed 304), articles covered/s", real["repoll_feeds_304_articles_per_s"]),
        ("  re-poll (every page 304), pages/s", real["repoll_pages_304_pages_per_s"]),
        ("  extractor calls on the two re-polls", f"{real['repoll_feeds_304_extractor_calls']}"
         f" / {real['repoll_pages_304_extractor_calls']}"),
        (f"  byte-identical copies (x {real['identical_copies']}), cold, pages/s",
         real["identical_pages_per_s"]),
        ("    extractor calls / pages", f"{real['identical_extractor_calls']}"
         f" / {real['identical_pages']}"),
    ]  # fmt: skip
    return [
        f"{label:<48} {value if isinstance(value, str) else _number(float(value)):>12}"
        for label, value in rows
    ]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e6:
        return f"{int(value)}"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"


def format_table(results: dict[str, Any]) -> str:
    """The targets, each measured value beside its goal with ✓ or ✗, then the context."""
    lines = [
        f"newsledger benchmark, size {results['size']} "
        f"({results['machine']['cpu_count']} CPUs, {results['machine']['cpu_model']})",
        f"{'measure':<48} {'value':>12} {'target':>12}  ok",
    ]
    for target in TARGETS:
        value = results.get(target.key)
        goal = ("≥ " if target.higher_is_better else "≤ ") + _number(target.goal) + target.unit
        shown = "skipped" if value is None else _number(float(value)) + target.unit
        mark = "-" if value is None else "✓" if target.met(float(value)) else "✗"
        lines.append(f"{target.label:<48} {shown:>12} {goal:>12}  {mark}")
    context = [
        ("cold ingest, pages/s", results["cold_pages_per_s"]),
        ("bare trafilatura, pages/s (1 core)", results["bare_pages_per_s"]),
        ("re-poll (every page 304), pages/s", results["repoll_pages_per_s"]),
        ("re-poll (feeds 304), articles covered/s", results["repoll_feeds_304_articles_per_s"]),
        ("poll with 10% changed, pages/s", results["changed_10pct_pages_per_s"]),
        ("  new versions stored", results["changed_10pct_new_versions"]),
        ("  new versions the generator made", results["changed_10pct_expected_new_versions"]),
        (
            "Prefect overhead, flow heartbeats off, ms",
            results["prefect_without_heartbeats_ms_per_article"],
        ),
        ("story regrouping after a run, s", results["stories_refresh_s"] or float("nan")),
        ("diff_versions, pairs/s", results["diff_pairs_per_s"]),
        ("  diff_sentences on pre-split sentences", results["diff_sentences_only_pairs_per_s"]),
        ("  bare difflib on the same sentences", results["diff_bare_difflib_pairs_per_s"]),
        ("warehouse bytes per version (file)", results["warehouse_bytes_per_version"]),
        ("one-sentence edit: file growth / text bytes", results["extra_version_file_growth_ratio"]),
        ("query warehouse versions (SQL-generated)", results["scale_versions"]),
        ("correction-log entries in the report", results["report_entries"]),
        ("streamed ingest: articles stored", results["rss"]["articles_stored"]),
        ("whole benchmark, s", results["total_seconds"]),
    ]
    lines += [f"{label:<48} {_number(float(value)):>12}" for label, value in context]
    lines += _real_pages_lines(results["real_pages"])
    lines += [
        f"  query {name:<40} {_number(q['median_ms']):>10}ms"
        for name, q in results["queries"].items()
    ]
    return "\n".join(lines)
