"""Commands that bring captures in: `ingest seeds`, `ingest feeds`, `import warc`, `refetch`,
`reextract`, and `sources check` for the sources file they read.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from newsledger.cli.common import (
    DEFAULT_SOURCES,
    UserError,
    add_command,
    console,
    db_argument,
    print_skipped,
)
from newsledger.config import apply_prefect_offline_env, load_settings
from newsledger.outputs.terminal import literal

# ---------------------------------------------------------------- ingest seeds


def run_seed_flow(seeds_dir: Path, db_path: Path) -> dict[str, Any]:
    apply_prefect_offline_env()
    from flows.ingest_seeds import ingest_seeds_flow

    return ingest_seeds_flow(seeds_dir=str(seeds_dir), db_path=str(db_path))


def print_seed_summary(result: dict[str, Any], db_path: Path) -> None:
    for path, reason in result["problems"]:
        print_skipped(f"{path}: {reason}")
    console.print(
        f"reports read: {result['reports']}  captures: {result['captures']}  "
        f"new versions: {result['new_versions']}  changes: {result['changes']}  "
        f"corrections: {result['corrections']}"
    )
    if result["new_versions"] == 0:
        console.print("0 new versions: everything in this input is already stored")
    console.print(literal(f"warehouse: {db_path}"))


def cmd_ingest_seeds(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, seeds_dir=args.seeds)
    if not settings.seeds_dir.is_dir():
        raise UserError(f"no seed folder at {settings.seeds_dir}: pass --seeds DIR")
    from newsledger.store.warehouse import Warehouse

    # A file that is not ours to write is refused here in one line, not inside the flow.
    Warehouse.open(settings.db_path, wait_s=30).close()
    result = run_seed_flow(settings.seeds_dir, settings.db_path)
    print_seed_summary(result, settings.db_path)
    return 0


# ------------------------------------------------------------------ live ingest


def _live_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources", help="sources file (default: $NEWSLEDGER_SOURCES or sources.toml)"
    )
    parser.add_argument("--archive", help="WARC folder (default: warc/ beside the warehouse)")
    parser.add_argument(
        "--report-dir",
        type=Path,
        metavar="DIR",
        help="rebuild the correction log in DIR when the run stores new versions",
    )
    db_argument(parser)


def _load_sources(path: str | None) -> Any:
    from newsledger.capture.sources import SourcesError, load_sources

    sources_path = Path(path or os.environ.get("NEWSLEDGER_SOURCES") or DEFAULT_SOURCES)
    if not sources_path.exists():
        raise UserError(
            f"no sources file at {sources_path}: write one (see examples/sources.toml) "
            "or pass --sources FILE"
        )
    try:
        return load_sources(sources_path)
    except SourcesError as error:
        raise UserError(str(error)) from None


def _live_options(args: argparse.Namespace) -> Any:
    from newsledger.runs.options import LiveRunOptions

    settings = load_settings(db_path=args.db)
    archive = Path(args.archive) if args.archive else settings.db_path.parent / "warc"
    return LiveRunOptions(db_path=settings.db_path, archive_root=archive)


def cmd_ingest_feeds(args: argparse.Namespace) -> int:
    from newsledger.cli import live_runs
    from newsledger.runs.live import ingest_feeds

    config = _load_sources(args.sources)
    options = _live_options(args)
    started = live_runs.run_started()
    counts = live_runs.with_progress(
        lambda advance: ingest_feeds(config, options, progress=advance, poll_all=args.all),
        "fetching pages",
    )
    live_runs.print_live_summary(counts)
    live_runs.follow_up(config, options.db_path, args.report_dir, started, counts)
    return live_runs.print_feed_failures(counts, "ingest feeds")


def add_ingest_command(commands: Any) -> None:
    ingest = add_command(
        commands, "ingest", "store new versions from an input", "newsledger ingest seeds", None
    )
    ingest_commands = ingest.add_subparsers(title="inputs", metavar="INPUT")
    seeds = add_command(
        ingest_commands,
        "seeds",
        "ingest the seed folder through the Prefect flow (no server needed)",
        "newsledger ingest seeds --seeds seeds --db warehouse/newsledger.duckdb",
        cmd_ingest_seeds,
    )
    seeds.add_argument("--seeds", help="seed folder (default: seeds)")
    db_argument(seeds)

    feeds = add_command(
        ingest_commands,
        "feeds",
        "poll the feeds in the sources file, fetch their articles, store what changed",
        "newsledger ingest feeds --sources sources.toml --db warehouse/newsledger.duckdb",
        cmd_ingest_feeds,
    )
    _live_arguments(feeds)
    feeds.add_argument("--all", action="store_true", help="poll every feed, due or not")


# ---------------------------------------------------------------------- refetch


def _refetch_ids(args: argparse.Namespace, db_path: Path) -> list[str]:
    """The whole ids of the reports named (any unique prefix will do), each re-fetchable."""
    from newsledger.store.report_ids import ReportIdError, resolve_report_ids, without_article
    from newsledger.store.warehouse import Warehouse

    if args.all and args.report_ids:
        raise UserError("give report ids or --all, not both")
    if not args.report_ids:
        return []
    with Warehouse.open(db_path, read_only=True, wait_s=30) as warehouse:
        try:
            ids = resolve_report_ids(warehouse, args.report_ids)
        except ReportIdError as error:
            raise UserError(str(error)) from None
        not_web = without_article(warehouse, ids)
    if not_web:
        raise UserError(
            f"report {not_web[0]} was not fetched from the web (seeds or a WARC import): "
            "there is no page to re-fetch"
        )
    return ids


def cmd_refetch(args: argparse.Namespace) -> int:
    from newsledger.cli import live_runs
    from newsledger.runs.live import refetch_known

    config = _load_sources(args.sources)
    options = _live_options(args)
    report_ids = _refetch_ids(args, options.db_path)
    started = live_runs.run_started()
    counts = live_runs.with_progress(
        lambda advance: refetch_known(
            config, options, progress=advance, report_ids=report_ids, refetch_all=args.all
        ),
        "re-fetching",
    )
    live_runs.print_live_summary(counts)
    live_runs.follow_up(config, options.db_path, args.report_dir, started, counts)
    return 0


def add_refetch_command(commands: Any) -> None:
    refetch = add_command(
        commands,
        "refetch",
        "re-fetch known articles that the decaying schedule says are due; with --all or "
        "report ids, re-check those now whatever the schedule says",
        "newsledger refetch --sources sources.toml ap-moscow",
        cmd_refetch,
    )
    _live_arguments(refetch)
    refetch.add_argument(
        "report_ids",
        nargs="*",
        metavar="REPORT_ID",
        help="re-fetch these reports now (a whole id or any unique prefix)",
    )
    refetch.add_argument("--all", action="store_true", help="re-fetch every known article now")


# ------------------------------------------------------- reextract, import warc


def _print_archive_counts(counts: Any) -> None:
    for problem in counts.problems:
        print_skipped(problem)
    console.print(
        f"records read: {counts.records}  extracted: {counts.extracted}  "
        f"no article: {counts.no_article}  new versions: {counts.new_versions}  "
        f"changes: {counts.changes}"
    )


def cmd_reextract(args: argparse.Namespace) -> int:
    from newsledger.runs.archive import reextract_archived

    options = _live_options(args)
    _print_archive_counts(reextract_archived(options.db_path, options.archive_root))
    return 0


def add_reextract_command(commands: Any) -> None:
    reextract = add_command(
        commands,
        "reextract",
        "run extraction again over stored WARC captures (no network); version what differs",
        "newsledger reextract --db warehouse/newsledger.duckdb",
        cmd_reextract,
    )
    db_argument(reextract)
    reextract.add_argument("--archive", help="WARC folder (default: beside the warehouse)")


def cmd_import_warc(args: argparse.Namespace) -> int:
    from newsledger.runs.archive import import_warc_files

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise UserError(f"no such WARC file: {missing[0]}")
    settings = load_settings(db_path=args.db)
    counts = import_warc_files(settings.db_path, [Path(f) for f in args.files])
    _print_archive_counts(counts)
    if counts.records == 0:
        # Random bytes, an HTML page or a truncated download read as "nothing to do" before.
        named = args.files[0] if len(args.files) == 1 else f"any of the {len(args.files)} files"
        raise UserError(
            f"no WARC response records were read from {named}: "
            "is it a WARC file (.warc or .warc.gz) of web captures?"
        )
    return 0


def add_import_command(commands: Any) -> None:
    importer = add_command(
        commands, "import", "backfill from other sources", "newsledger import warc a.warc.gz", None
    )
    import_commands = importer.add_subparsers(title="formats", metavar="FORMAT")
    import_warc = add_command(
        import_commands,
        "warc",
        "backfill versions from WARC files, using each record's capture time",
        "newsledger import warc crawl-2024-03-23.warc.gz --db warehouse/newsledger.duckdb",
        cmd_import_warc,
    )
    import_warc.add_argument("files", nargs="+", metavar="FILE")
    db_argument(import_warc)


# ---------------------------------------------------------------- sources check


def cmd_sources_check(args: argparse.Namespace) -> int:
    config = _load_sources(args.sources)
    console.print(
        f"ok: {len(config.feeds)} feeds, {len(config.article_lists)} article lists, "
        f"{sum(len(a.urls) for a in config.article_lists)} article URLs"
    )
    return 0


def add_sources_command(commands: Any) -> None:
    sources = add_command(
        commands, "sources", "work with the sources file", "newsledger sources check", None
    )
    sources_commands = sources.add_subparsers(title="actions", metavar="ACTION")
    check_sources = add_command(
        sources_commands,
        "check",
        "validate the sources file without fetching anything",
        "newsledger sources check --sources sources.toml",
        cmd_sources_check,
    )
    check_sources.add_argument("--sources", help="sources file (default: sources.toml)")
