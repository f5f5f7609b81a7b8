"""The command line: kebab-case commands whose help ends with an example.

Errors a user can cause end in one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from newsledger.config import apply_prefect_offline_env, load_settings
from newsledger.store.locking import WarehouseFolderError, WriterBusyError, writer_lock
from newsledger.store.warehouse import query_sql

Handler = Callable[[argparse.Namespace], int]
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


class UserError(Exception):
    """Something the user can fix; printed as one line."""


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="warehouse file (default: $NEWSLEDGER_DB or warehouse/newsledger.duckdb)",
    )


def _live_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources", help="sources file (default: $NEWSLEDGER_SOURCES or sources.toml)"
    )
    parser.add_argument("--archive", help="WARC folder (default: warc/ beside the warehouse)")
    _db_argument(parser)


def _add_command(
    subparsers: Any, name: str, help_text: str, example: str, handler: Handler | None
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


# ---------------------------------------------------------------- ingest seeds


def _run_seed_flow(seeds_dir: Path, db_path: Path) -> dict[str, Any]:
    apply_prefect_offline_env()
    from flows.ingest_seeds import ingest_seeds_flow

    return ingest_seeds_flow(seeds_dir=str(seeds_dir), db_path=str(db_path))


def _print_seed_summary(result: dict[str, Any], db_path: Path) -> None:
    for path, reason in result["problems"]:
        err_console.print(f"[yellow]skipped[/] {path}: {reason}")
    console.print(
        f"reports read: {result['reports']}  captures: {result['captures']}  "
        f"new versions: {result['new_versions']}  changes: {result['changes']}  "
        f"corrections: {result['corrections']}"
    )
    if result["new_versions"] == 0:
        console.print("0 new versions: everything in this input is already stored")
    console.print(f"warehouse: {db_path}")


def cmd_ingest_seeds(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, seeds_dir=args.seeds)
    if not settings.seeds_dir.is_dir():
        raise UserError(f"no seed folder at {settings.seeds_dir}: pass --seeds DIR")
    result = _run_seed_flow(settings.seeds_dir, settings.db_path)
    _print_seed_summary(result, settings.db_path)
    return 0


# ------------------------------------------------------------------ live ingest

DEFAULT_SOURCES = Path("sources.toml")


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
    from newsledger.runs.live import LiveRunOptions

    settings = load_settings(db_path=args.db)
    archive = Path(args.archive) if args.archive else settings.db_path.parent / "warc"
    return LiveRunOptions(db_path=settings.db_path, archive_root=archive)


def _print_live_summary(counts: Any) -> None:
    console.print(
        f"feeds polled: {counts.feeds_polled}  pages fetched: {counts.pages_fetched}  "
        f"304s: {counts.not_modified}  unchanged: {counts.unchanged}  "
        f"new versions: {counts.new_versions}  changes: {counts.changes}  "
        f"corrections: {counts.corrections}  extractor calls: {counts.extractor_calls}"
    )
    if counts.errors:
        console.print(
            "errors by class: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.errors.items()))
        )


def _with_progress(run: Callable[[Callable[[int, int], None]], Any], label: str) -> Any:
    from rich.progress import Progress

    with Progress(
        console=err_console, transient=True, disable=not err_console.is_terminal
    ) as progress:
        task_id = progress.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task_id, completed=done, total=total)

        return run(advance)


def cmd_ingest_feeds(args: argparse.Namespace) -> int:
    from newsledger.runs.live import ingest_feeds

    config = _load_sources(args.sources)
    options = _live_options(args)
    counts = _with_progress(
        lambda advance: ingest_feeds(config, options, progress=advance, poll_all=args.all),
        "fetching pages",
    )
    _print_live_summary(counts)
    return 0


def cmd_refetch(args: argparse.Namespace) -> int:
    from newsledger.runs.live import refetch_known

    config = _load_sources(args.sources)
    options = _live_options(args)
    counts = _with_progress(
        lambda advance: refetch_known(config, options, progress=advance), "re-fetching"
    )
    _print_live_summary(counts)
    return 0


def cmd_sources_check(args: argparse.Namespace) -> int:
    config = _load_sources(args.sources)
    console.print(
        f"ok: {len(config.feeds)} feeds, {len(config.article_lists)} article lists, "
        f"{sum(len(a.urls) for a in config.article_lists)} article URLs"
    )
    return 0


def _print_archive_counts(counts: Any) -> None:
    for problem in counts.problems:
        err_console.print(f"[yellow]skipped[/] {problem}")
    console.print(
        f"records read: {counts.records}  extracted: {counts.extracted}  "
        f"no article: {counts.no_article}  new versions: {counts.new_versions}  "
        f"changes: {counts.changes}"
    )


def cmd_reextract(args: argparse.Namespace) -> int:
    from newsledger.runs.live import reextract_archived

    options = _live_options(args)
    _print_archive_counts(reextract_archived(options.db_path, options.archive_root))
    return 0


def cmd_import_warc(args: argparse.Namespace) -> int:
    from newsledger.runs.live import import_warc_files

    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise UserError(f"no such WARC file: {missing[0]}")
    settings = load_settings(db_path=args.db)
    _print_archive_counts(import_warc_files(settings.db_path, [Path(f) for f in args.files]))
    return 0


# ------------------------------------------------------------------------ diff


def _render_word_ops(word_ops: list[dict[str, str]]) -> Text:
    line = Text()
    for op in word_ops:
        if op["op"] == "delete":
            line.append(f"[-{op['text']}-]", style="bold red strike")
        elif op["op"] == "insert":
            line.append(f"{{+{op['text']}+}}", style="bold blue underline")
        else:
            line.append(op["text"])
    return line


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True) as warehouse:
        reconstructed = dict(
            warehouse.fetch_all(query_sql("cli_report_versions"), [args.report_id])
        )
        versions = list(reconstructed)
        if not versions:
            raise UserError(f"no report {args.report_id!r}: list them with `newsledger reports`")
        to_version = args.to or versions[-1]
        from_version = args.from_ or max([v for v in versions if v < to_version], default=0)
        if from_version not in versions or to_version not in versions:
            raise UserError(f"report {args.report_id} has versions {versions}")
        changes = warehouse.fetch_dicts(
            query_sql("cli_report_changes"), [args.report_id, from_version, to_version]
        )

    def label(version_no: int) -> str:
        return f"{version_no} (reconstructed)" if reconstructed.get(version_no) else str(version_no)

    console.print(f"[bold]{args.report_id}[/]: version {label(from_version)} → {label(to_version)}")
    if not changes:
        console.print("no changes")
    for change in changes:
        kind = f" ({change['kind']})" if change["kind"] else ""
        console.print(
            f"[dim]v{change['to_version']} #{change['change_no']} {change['field']} "
            f"{change['op']}{kind}[/]"
        )
        if change["op"] == "changed":
            console.print(_render_word_ops(json.loads(change["word_ops"])))
        elif change["op"] == "added":
            console.print(Text(f"{{+{change['after_text']}+}}", style="bold blue underline"))
        else:
            console.print(Text(f"[-{change['before_text']}-]", style="bold red strike"))
    return 0


# --------------------------------------------------------------------- reports


def cmd_reports(args: argparse.Namespace) -> int:
    from rich.table import Table

    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True) as warehouse:
        rows = warehouse.fetch_all(query_sql("cli_reports"))
    table = Table("report_id", "outlet", "versions", "last captured", "title")
    for report_id, outlet, n_versions, last, title in rows:
        table.add_row(report_id, outlet or "", str(n_versions), str(last), title or "")
    console.print(table)
    return 0


# ---------------------------------------------------------------------- report


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (want YYYY-MM-DD)") from None


def _write_report(db_path: Path, out_dir: Path, args: argparse.Namespace | None) -> list[Path]:
    from newsledger.outputs.report import ReportError, ReportFilters, render_correction_log
    from newsledger.store.warehouse import Warehouse

    filters = ReportFilters(
        since=getattr(args, "since", None),
        until=getattr(args, "until", None),
        outlet=getattr(args, "outlet", None),
        status=getattr(args, "status", None),
    )
    with Warehouse.open(db_path, read_only=True, wait_s=60) as warehouse:
        try:
            paths = render_correction_log(warehouse, out_dir, filters)
        except ReportError as error:
            raise UserError(str(error)) from None
    return [paths.html, paths.markdown, paths.csv, paths.json, paths.atom]


def cmd_report(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, report_dir=args.out)
    for path in _write_report(settings.db_path, settings.report_dir, args):
        print(path)  # plain, so long paths are never wrapped
    return 0


# ------------------------------------------------------------------------ demo


def cmd_demo(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, seeds_dir=args.seeds, report_dir=args.out)
    console.print(f"ingesting the seed reports in {settings.seeds_dir}/ through Prefect ...")
    result = _run_seed_flow(settings.seeds_dir, settings.db_path)
    _print_seed_summary(result, settings.db_path)
    paths = _write_report(settings.db_path, settings.report_dir, None)
    _print_log_entries(settings.db_path)
    console.print(f"correction log: {paths[0]} (also .md, .csv, .json, .atom)")
    console.print(
        "see the Kirby correction: .venv/bin/newsledger diff ap-moscow-concert-hall-attack"
    )
    return 0


def _print_log_entries(db_path: Path) -> None:
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_all(query_sql("cli_log_entries"))
    for entry_id, report_id, from_version, to_version, status, kinds in rows:
        span = f"v{from_version}→v{to_version}" if from_version else f"v{to_version}"
        console.print(f"  {entry_id}  {report_id} {span}: {status} ({', '.join(kinds or [])})")


# --------------------------------------------------------------------- stories


def cmd_stories(args: argparse.Namespace) -> int:
    from rich.table import Table

    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_all(query_sql("cli_stories"))
    table = Table("story_id", "reports", "first", "last", "outlets")
    for story_id, n, first, last, outlets in rows:
        table.add_row(story_id, str(n), str(first), str(last), ", ".join(o or "?" for o in outlets))
    console.print(table)
    return 0


def cmd_story(args: argparse.Namespace) -> int:
    from newsledger.store.warehouse import Warehouse
    from newsledger.stories.grouping import TimelineRow, format_story_timeline

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        members = warehouse.fetch_all(query_sql("cli_story_members"), [args.story_id])
        rows = warehouse.fetch_all(query_sql("cli_story_timeline"), [args.story_id])
    if not members:
        raise UserError(f"no story {args.story_id!r}: list them with `newsledger stories`")
    console.print(f"[bold]{args.story_id}[/]: {len(members)} reports")
    for report_id, outlet, source, shared in members:
        carries = f" (shares {shared} sentence(s) with {source})" if source else ""
        console.print(f"  {report_id} — {outlet or '?'}{carries}")
    console.print(format_story_timeline([TimelineRow(*row) for row in rows]))
    return 0


# ------------------------------------------------------------------------ eval


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "changes":
        from newsledger.evaluation.changes import evaluate_changes, format_change_eval

        change_result = evaluate_changes()
        console.print(format_change_eval(change_result), markup=False)
        return 0 if change_result.passed else 1
    from newsledger.evaluation.stories import evaluate_stories, format_story_eval

    story_result = evaluate_stories()
    console.print(format_story_eval(story_result), markup=False)
    return 0 if story_result.passed else 1


# ----------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from newsledger.store.check import CHECKS, check_warehouse
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        violations = check_warehouse(warehouse)
    for violation in violations:
        console.print(f"[red]{violation.check}[/]: {violation.subject}: {violation.problem}")
    if violations:
        err_console.print(f"{len(violations)} violation(s) in {settings.db_path}")
        return 1
    console.print(f"ok: {len(CHECKS)} invariants hold in {settings.db_path}")
    return 0


# ---------------------------------------------------------------------- review


def cmd_review(args: argparse.Namespace) -> int:
    from newsledger.outputs.reviews import ReviewError, add_review, list_pending
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    if args.list:
        with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
            pending = list_pending(warehouse)
        for row in pending:
            console.print(
                f"{row['entry_id']}  {row['status']:<22} {row['report_id']} "
                f"v{row['from_version']}→v{row['to_version']}"
            )
        console.print(f"{len(pending)} pending")
        return 0
    if not args.entry_id or not args.status:
        raise UserError("give ENTRY_ID and --status (or --list); see `newsledger review --help`")
    try:
        with writer_lock(settings.db_path), Warehouse.open(settings.db_path, wait_s=30) as w:
            review = add_review(w, args.entry_id, args.status, args.note, args.by)
    except ReviewError as error:
        raise UserError(str(error)) from None
    console.print(f"{review.entry_id}: {review.status} by {review.reviewed_by}")
    return 0


# ---------------------------------------------------------------------- export


def cmd_export_parquet(args: argparse.Namespace) -> int:
    from newsledger.outputs.export import export_views_parquet
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        written = export_views_parquet(warehouse, Path(args.dir))
    for view, n_rows in written.items():
        console.print(f"{view}: {n_rows} rows")
    console.print(f"written under {args.dir}")
    return 0


# ----------------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    apply_prefect_offline_env()
    from flows.serve import serve_all

    serve_all(sources_path=args.sources or str(DEFAULT_SOURCES), db_path=args.db)
    return 0


# ----------------------------------------------------------------------- bench


def cmd_bench(args: argparse.Namespace) -> int:
    apply_prefect_offline_env()
    from newsledger.bench.run import format_table, run_bench

    results = run_bench(args.size, Path(args.out))
    console.print(format_table(results), markup=False)
    return 0


# ------------------------------------------------------------------------ main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsledger",
        description="Capture every version of every news report, diff and classify the "
        "changes, keep it all in DuckDB.",
        epilog="example:\n  newsledger demo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = _add_command(
        commands,
        "demo",
        "ingest the seed reports, write the correction log and print a summary",
        "newsledger demo",
        cmd_demo,
    )
    demo.add_argument("--seeds", help="seed folder (default: seeds)")
    demo.add_argument("--out", help="report folder (default: reports)")
    _db_argument(demo)

    ingest = _add_command(
        commands, "ingest", "store new versions from an input", "newsledger ingest seeds", None
    )
    ingest_commands = ingest.add_subparsers(title="inputs", metavar="INPUT")
    seeds = _add_command(
        ingest_commands,
        "seeds",
        "ingest the seed folder through the Prefect flow (no server needed)",
        "newsledger ingest seeds --seeds seeds --db warehouse/newsledger.duckdb",
        cmd_ingest_seeds,
    )
    seeds.add_argument("--seeds", help="seed folder (default: seeds)")
    _db_argument(seeds)

    feeds = _add_command(
        ingest_commands,
        "feeds",
        "poll the feeds in the sources file, fetch their articles, store what changed",
        "newsledger ingest feeds --sources sources.toml --db warehouse/newsledger.duckdb",
        cmd_ingest_feeds,
    )
    _live_arguments(feeds)
    feeds.add_argument("--all", action="store_true", help="poll every feed, due or not")

    importer = _add_command(
        commands, "import", "backfill from other sources", "newsledger import warc a.warc.gz", None
    )
    import_commands = importer.add_subparsers(title="formats", metavar="FORMAT")
    import_warc = _add_command(
        import_commands,
        "warc",
        "backfill versions from WARC files, using each record's capture time",
        "newsledger import warc crawl-2024-03-23.warc.gz --db warehouse/newsledger.duckdb",
        cmd_import_warc,
    )
    import_warc.add_argument("files", nargs="+", metavar="FILE")
    _db_argument(import_warc)

    refetch = _add_command(
        commands,
        "refetch",
        "re-fetch known articles that the decaying schedule says are due",
        "newsledger refetch --sources sources.toml",
        cmd_refetch,
    )
    _live_arguments(refetch)

    reextract = _add_command(
        commands,
        "reextract",
        "run extraction again over stored WARC captures (no network); version what differs",
        "newsledger reextract --db warehouse/newsledger.duckdb",
        cmd_reextract,
    )
    _db_argument(reextract)
    reextract.add_argument("--archive", help="WARC folder (default: beside the warehouse)")

    sources = _add_command(
        commands, "sources", "work with the sources file", "newsledger sources check", None
    )
    sources_commands = sources.add_subparsers(title="actions", metavar="ACTION")
    check_sources = _add_command(
        sources_commands,
        "check",
        "validate the sources file without fetching anything",
        "newsledger sources check --sources sources.toml",
        cmd_sources_check,
    )
    check_sources.add_argument("--sources", help="sources file (default: sources.toml)")

    diff = _add_command(
        commands,
        "diff",
        "print what changed in a report, deletions as [-...-] and insertions as {+...+}",
        "newsledger diff ap-moscow-concert-hall-attack --from 1 --to 2",
        cmd_diff,
    )
    diff.add_argument("report_id", metavar="REPORT_ID")
    diff.add_argument("--from", dest="from_", type=int, help="older version (default: previous)")
    diff.add_argument("--to", type=int, help="newer version (default: latest)")
    _db_argument(diff)

    reports = _add_command(
        commands, "reports", "list the reports in the warehouse", "newsledger reports", cmd_reports
    )
    _db_argument(reports)

    report = _add_command(
        commands,
        "report",
        "write the correction log (HTML, Markdown, CSV, JSON, Atom) and print the paths",
        "newsledger report --since 2024-03-01 --status silent_substantive --out reports",
        cmd_report,
    )
    report.add_argument("--since", type=_parse_date, help="first capture date (YYYY-MM-DD)")
    report.add_argument("--until", type=_parse_date, help="last capture date (YYYY-MM-DD)")
    report.add_argument("--outlet", help="only this outlet")
    report.add_argument("--status", help="only this transition status")
    report.add_argument("--out", help="report folder (default: reports)")
    _db_argument(report)
    stories = _add_command(
        commands, "stories", "list stories: reports of one event", "newsledger stories", cmd_stories
    )
    _db_argument(stories)
    story = _add_command(
        commands,
        "story",
        "show a story's reports and how its key figures moved",
        "newsledger story story-8edf951855",
        cmd_story,
    )
    story.add_argument("story_id", metavar="STORY_ID")
    _db_argument(story)

    evaluate = _add_command(
        commands,
        "eval",
        "score the classifiers on the labelled sets; exit 1 when a target is missed",
        "newsledger eval changes",
        cmd_eval,
    )
    evaluate.add_argument("what", choices=["changes", "stories"])

    check = _add_command(
        commands,
        "check",
        "verify the warehouse's invariants; exit 1 and list every violation",
        "newsledger check --db warehouse/newsledger.duckdb",
        cmd_check,
    )
    _db_argument(check)

    review = _add_command(
        commands,
        "review",
        "record an editor's review of a correction-log entry, or list pending entries",
        "newsledger review 3c2c3314fdf5 --status reviewed --by 'J. Editor' --note 'note fine'",
        cmd_review,
    )
    review.add_argument("entry_id", nargs="?", metavar="ENTRY_ID")
    review.add_argument("--status", choices=["reviewed", "needs-note", "dismissed"])
    review.add_argument("--note", help="free text kept with the review")
    review.add_argument("--by", default=os.environ.get("USER", "editor"), help="who reviewed")
    review.add_argument("--list", action="store_true", help="list entries pending review")
    _db_argument(review)

    export = _add_command(
        commands, "export", "export the analyst views", "newsledger export parquet out/", None
    )
    export_commands = export.add_subparsers(title="formats", metavar="FORMAT")
    parquet = _add_command(
        export_commands,
        "parquet",
        "write each analyst view as Parquet, partitioned by capture date",
        "newsledger export parquet lake/newsledger --db warehouse/newsledger.duckdb",
        cmd_export_parquet,
    )
    parquet.add_argument("dir", metavar="DIR")
    _db_argument(parquet)

    serve = _add_command(
        commands,
        "serve",
        "run every flow on its schedule in this one process (Prefect serve; needs a server)",
        "newsledger serve --sources sources.toml",
        cmd_serve,
    )
    serve.add_argument("--sources", help="sources file (default: sources.toml)")
    _db_argument(serve)

    bench = _add_command(
        commands,
        "bench",
        "measure ingest, re-poll, diff, storage, queries and the report against baselines",
        "newsledger bench --size small",
        cmd_bench,
    )
    bench.add_argument("--size", choices=["tiny", "small", "full"], default="small")
    bench.add_argument("--out", default="bench/results", help="where latest.json goes")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from newsledger.store.warehouse import WarehouseError

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except (UserError, WarehouseError, WriterBusyError, WarehouseFolderError) as error:
        err_console.print(f"[red]error:[/] {error}")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
