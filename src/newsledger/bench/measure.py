"""The measures: each function does one piece of work on the generated newsroom and returns
plain numbers (seconds, counts, bytes) for bench/run.py to tabulate and write as JSON.

Nothing here asserts a target; the run prints each value beside its goal.
"""

from __future__ import annotations

import difflib
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from newsledger.bench.corpus import Corpus, build_corpus, iter_articles, render_article
from newsledger.bench.server import NewsroomServer
from newsledger.capture.fetch import Fetcher, FetchPolicy, FetchResult
from newsledger.capture.sources import SourcesConfig, parse_sources
from newsledger.models import Capture, Version
from newsledger.runs.live import LiveCounts, LiveRunOptions, ingest_feeds
from newsledger.text.normalize import content_hash, normalize_paragraphs, text_hash

LOOPBACK_POLICY = FetchPolicy(
    per_host_min_gap_s=0,
    per_host_concurrency=16,
    respect_robots=False,
    allow_hosts=frozenset({"127.0.0.1"}),
    backoff_base_s=0.01,
)
EXTRACT_PROCESSES = 2
FETCH_WORKERS = 16


def fast_fetcher() -> Fetcher:
    return Fetcher(LOOPBACK_POLICY)


def sources_toml(server: NewsroomServer) -> str:
    """The sources file for the served newsroom, with the loopback fetch policy."""
    feeds = "".join(
        f'\n[[feeds]]\nname = "{feed.name}"\nurl = "{feed.url}"\noutlet = "{feed.outlet}"\n'
        for feed in server.feeds()
    )
    return (
        '[fetch]\nallow_hosts = ["127.0.0.1"]\nper_host_min_gap_s = 0\n'
        "per_host_concurrency = 16\nrespect_robots = false\nbackoff_base_s = 0.01\n" + feeds
    )


def sources_config(server: NewsroomServer) -> SourcesConfig:
    return parse_sources(sources_toml(server))


def run_options(
    db_path: Path, batch_size: int, archive_root: Path | None = None, stories: bool = False
) -> LiveRunOptions:
    """The pipeline's options for a measured run. Story regrouping is whole-warehouse work
    after the run, timed on its own (measure `stories_refresh_s`), so it is off here."""
    return LiveRunOptions(
        db_path=db_path,
        archive_root=archive_root,
        batch_size=batch_size,
        processes=EXTRACT_PROCESSES,
        max_workers=FETCH_WORKERS,
        refresh_stories=stories,
    )


@dataclass(frozen=True)
class Timed:
    seconds: float
    counts: LiveCounts


def timed_poll(server: NewsroomServer, options: LiveRunOptions) -> Timed:
    """One `ingest_feeds` over every feed of the served newsroom, timed end to end."""
    config = sources_config(server)
    with fast_fetcher() as fetcher:
        started = time.perf_counter()
        counts = ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
        return Timed(time.perf_counter() - started, counts)


@contextmanager
def one_core() -> Iterator[None]:
    """Pins this process to one CPU for the block (where the OS allows it)."""
    if not hasattr(os, "sched_getaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def bare_trafilatura_seconds(pages: Sequence[tuple[bytes, str]]) -> float:
    """trafilatura.bare_extraction alone over the same pages, one process on one core,
    with the options extract.py uses; decoding is included, nothing else."""
    import trafilatura

    with one_core():
        started = time.perf_counter()
        for body, url in pages:
            trafilatura.bare_extraction(
                body.decode("utf-8"),
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_formatting=False,
                include_images=False,
                include_links=False,
            )
        return time.perf_counter() - started


def expected_new_versions(corpus: Corpus, state: int) -> int:
    """Articles whose title, byline or text differs in `state` from the state before."""

    def content(article_state: Any) -> tuple[object, ...]:
        return (article_state.title, article_state.byline, article_state.paragraphs)

    return sum(
        1 for a in corpus.articles if content(a.states[state]) != content(a.states[state - 1])
    )


# ------------------------------------------------------------------------ Prefect


def flow_and_direct_seconds(
    server: NewsroomServer, db_path: Path, repeats: int
) -> tuple[list[float], list[float]]:
    """Wall times of the same re-poll (every feed answers 304, so the work is the polling and
    bookkeeping) through `ingest_feeds_flow` and through `live.ingest_feeds` with the flow's
    own options, alternated `repeats` times. The difference is what Prefect adds per run."""
    from flows.ingest_feeds import ingest_feeds_flow

    from newsledger.runs.live import make_fetcher

    sources_path = db_path.parent / "sources.toml"
    sources_path.write_text(sources_toml(server), "utf-8")
    config = sources_config(server)
    archive_root = db_path.parent / "warc"
    flow_times: list[float] = []
    direct_times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        ingest_feeds_flow(
            sources_path=str(sources_path),
            db_path=str(db_path),
            archive_root=str(archive_root),
            poll_all=True,
        )
        flow_times.append(time.perf_counter() - started)

        started = time.perf_counter()
        fetcher = make_fetcher(config)
        try:
            ingest_feeds(
                config, LiveRunOptions(db_path, archive_root), fetcher=fetcher, poll_all=True
            )
        finally:
            fetcher.close()
        direct_times.append(time.perf_counter() - started)
    return flow_times, direct_times


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


@contextmanager
def prefect_server() -> Iterator[str]:
    """The Prefect API to run flows against: the one already configured (a test harness),
    or a throwaway local server on 127.0.0.1 for the duration of the block."""
    from prefect.settings import PREFECT_API_URL

    configured = PREFECT_API_URL.value()
    if configured:
        yield str(configured)
        return
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())


# ------------------------------------------------------------------------ diffing


def version_of(
    report_id: str, version_no: int, title: str, byline: str, paragraphs: Sequence[str]
) -> Version:
    normalized = normalize_paragraphs(paragraphs)
    return Version(
        report_id=report_id,
        version_no=version_no,
        captured_at=corpus_time(version_no),
        source="bench",
        paragraphs=normalized,
        text_hash=text_hash(normalized),
        content_hash=content_hash(normalized, title, byline),
        title=title,
        byline=byline,
    )


def corpus_time(version_no: int) -> Any:
    from newsledger.bench.corpus import BASE_TIME

    return BASE_TIME + timedelta(hours=version_no)


def diff_pairs(n_articles: int, seed: int) -> list[tuple[Version, Version]]:
    """(before, after) of every article of a newsroom in which every article changes once."""
    corpus = build_corpus(n_articles, seed=seed + 1, n_states=2, change_share=1.0)
    pairs = []
    for article in corpus.articles:
        old, new = article.states[0], article.states[1]
        report_id = f"diff-{article.index}"
        pairs.append(
            (
                version_of(report_id, 1, old.title, old.byline, old.paragraphs),
                version_of(report_id, 2, new.title, new.byline, new.paragraphs),
            )
        )
    return pairs


def diff_seconds(pairs: Sequence[tuple[Version, Version]]) -> dict[str, float]:
    """Seconds for pipeline.diff_versions over the pairs, for diff_sentences on sentences
    split beforehand, and for bare difflib.SequenceMatcher on the same sentence lists."""
    from newsledger.changes.diffing import diff_sentences
    from newsledger.runs.pipeline import diff_versions
    from newsledger.text.segment import sentences_of

    started = time.perf_counter()
    for old, new in pairs:
        diff_versions(old, new)
    pipeline_s = time.perf_counter() - started

    split = [(sentences_of(old.paragraphs), sentences_of(new.paragraphs)) for old, new in pairs]
    started = time.perf_counter()
    for old_sentences, new_sentences in split:
        diff_sentences(old_sentences, new_sentences)
    sentences_s = time.perf_counter() - started

    started = time.perf_counter()
    for old_sentences, new_sentences in split:
        difflib.SequenceMatcher(None, old_sentences, new_sentences, autojunk=False).get_opcodes()
    bare_s = time.perf_counter() - started
    return {"pipeline_s": pipeline_s, "sentences_only_s": sentences_s, "bare_s": bare_s}


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
    from newsledger.outputs.report import ReportFilters, render_correction_log
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

INSERT INTO versions
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

INSERT INTO changes
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

# The README's example queries, the newest correction-log entries, and one report's history.
ANALYST_QUERIES: dict[str, str] = {
    "versions_per_report": "SELECT report_id, count(*) AS versions, "
    "max(captured_at)::DATE AS last_captured FROM v_versions GROUP BY report_id "
    "ORDER BY report_id",
    "changed_sentences": "SELECT report_id, from_version, to_version, before_text, after_text "
    "FROM v_changes WHERE op = 'changed'",
    "declared_corrections": "SELECT report_id, version_no, kind, note_text FROM v_corrections "
    "ORDER BY report_id, version_no",
    "correction_log_latest_100": "SELECT * FROM v_correction_log "
    "ORDER BY to_captured_at DESC LIMIT 100",
    "report_history_versions": "SELECT version_no, captured_at, title, text FROM v_versions "
    "WHERE report_id = 'scale-4242' ORDER BY version_no",
    "report_history_changes": "SELECT to_version, change_no, op, kind, before_text, after_text "
    "FROM v_changes WHERE report_id = 'scale-4242' ORDER BY to_version, change_no",
}


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


# ------------------------------------------------------------------------ memory


def max_rss_mb() -> dict[str, float]:
    """Peak resident set of this process and of its largest finished child, in MiB
    (Linux reports ru_maxrss in KiB, macOS in bytes)."""
    scale = 1 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
    return {"self_mb": own, "largest_child_mb": child}


class StreamFetcher:
    """Stands in for the Fetcher in a streamed run: answers each request with the page the
    corpus generator renders for it, so memory and throughput exclude the HTTP stack."""

    def __init__(self, seed: int, base_url: str) -> None:
        self.seed = seed
        self.base_url = base_url

    def fetch_many(self, requests: Sequence[Any], max_workers: int) -> list[FetchResult]:
        from datetime import UTC, datetime

        from newsledger.bench.corpus import etag_of

        results = []
        for request in requests:
            index = int(request.url.rsplit("-", 1)[1])
            article = next(iter_articles(self.seed, index, index + 1))
            body = render_article(article, 0, self.base_url)
            results.append(
                FetchResult(
                    url=request.url,
                    final_url=request.url,
                    status=200,
                    ok=True,
                    not_modified=False,
                    headers=(("Content-Type", "text/html; charset=utf-8"),),
                    request_headers=(),
                    body=body,
                    content_type="text/html; charset=utf-8",
                    encoding="utf-8",
                    elapsed_ms=0.0,
                    fetched_at=datetime.now(UTC),
                    etag=etag_of(body),
                    last_modified=None,
                    body_sha256=None,
                    redirects=(),
                    attempts=1,
                    error_class=None,
                    error_message=None,
                    http_version="HTTP/1.1",
                )
            )
        return results

    def close(self) -> None:
        """Nothing to close."""


class _BudgetSpent(Exception):
    pass


def stream_ingest(
    db_path: Path, seed: int, n_articles: int, batch_size: int, budget_s: float
) -> dict[str, Any]:
    """Streams first versions of articles 0..n-1 through live.run_pages (real extraction in
    worker processes, versioning and storing, batch by batch) with pages rendered by the
    generator instead of fetched; stops after the batch that passes `budget_s`."""
    from newsledger.runs.live import PageJob, new_run_id, run_pages
    from newsledger.store.warehouse import Warehouse

    base_url = "http://127.0.0.1:9"
    jobs = [PageJob(f"{base_url}/stream/article-{i}", "stream", None) for i in range(n_articles)]
    started = time.perf_counter()

    def stop_when_spent(done: int, total: int) -> None:
        if time.perf_counter() - started > budget_s and done < total:
            raise _BudgetSpent

    # Duck-typed: serves generated pages in place of the network, as Fetcher.fetch does.
    fetcher = cast(Fetcher, StreamFetcher(seed, base_url))
    options = run_options(db_path, batch_size)
    with suppress(_BudgetSpent):
        run_pages(
            fetcher,
            jobs,
            options,
            new_run_id("bench-stream"),
            progress=stop_when_spent,
        )
    seconds = time.perf_counter() - started
    with Warehouse.open(db_path, read_only=True) as warehouse:
        stored = int(warehouse.fetch_all("SELECT count(*) FROM versions")[0][0])
    return {
        "articles_asked": n_articles,
        "articles_stored": stored,
        "seconds": seconds,
        "batch_size": batch_size,
        **max_rss_mb(),
    }


def peak_rss_run(
    workdir: Path, seed: int, n_articles: int, budget_s: float, batch_size: int
) -> dict[str, Any]:
    """stream_ingest in a fresh interpreter, so its peak RSS is the ingest's alone."""
    import json
    import subprocess

    db_path = workdir / "rss.duckdb"
    code = (
        "import json; from pathlib import Path; "
        "from newsledger.bench.measure import stream_ingest; "
        f"print(json.dumps(stream_ingest(Path({str(db_path)!r}), {seed}, {n_articles}, "
        f"{batch_size}, {budget_s})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=workdir
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    # ru_maxrss of the children is the largest worker's; both workers may peak together.
    result["peak_rss_mb"] = result["self_mb"] + EXTRACT_PROCESSES * result["largest_child_mb"]
    return result
