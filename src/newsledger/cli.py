"""The command line: kebab-case commands whose help ends with an example.

Errors a user can cause end in one clear line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from newsledger.config import apply_prefect_offline_env, load_settings

Handler = Callable[[argparse.Namespace], int]
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class UserError(Exception):
    """Something the user can fix; printed as one line."""


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="warehouse file (default: $NEWSLEDGER_DB or warehouse/newsledger.duckdb)",
    )


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

    from newsledger.store import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True) as warehouse:
        versions = [
            row[0]
            for row in warehouse.fetch_all(
                "SELECT version_no FROM v_versions WHERE report_id = ? ORDER BY version_no",
                [args.report_id],
            )
        ]
        if not versions:
            raise UserError(f"no report {args.report_id!r}: list them with `newsledger reports`")
        to_version = args.to or versions[-1]
        from_version = args.from_ or max([v for v in versions if v < to_version], default=0)
        if from_version not in versions or to_version not in versions:
            raise UserError(f"report {args.report_id} has versions {versions}")
        changes = warehouse.fetch_dicts(
            "SELECT to_version, change_no, op, kind, field, before_text, after_text, word_ops "
            "FROM v_changes WHERE report_id = ? AND to_version > ? AND to_version <= ? "
            "ORDER BY to_version, change_no",
            [args.report_id, from_version, to_version],
        )
    console.print(f"[bold]{args.report_id}[/]: version {from_version} → {to_version}")
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

    from newsledger.store import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True) as warehouse:
        rows = warehouse.fetch_all(
            "SELECT report_id, any_value(outlet), count(*), max(captured_at), any_value(title) "
            "FROM v_versions GROUP BY report_id ORDER BY report_id"
        )
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
    from newsledger.report import ReportFilters, render_correction_log
    from newsledger.store import Warehouse

    filters = ReportFilters(
        since=getattr(args, "since", None),
        until=getattr(args, "until", None),
        outlet=getattr(args, "outlet", None),
        status=getattr(args, "status", None),
    )
    with Warehouse.open(db_path, read_only=True) as warehouse:
        paths = render_correction_log(warehouse, out_dir, filters)
    return list(paths.all())


def cmd_report(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, report_dir=args.out)
    for path in _write_report(settings.db_path, settings.report_dir, args):
        console.print(str(path))
    return 0


# ------------------------------------------------------------------------ demo


def cmd_demo(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db, seeds_dir=args.seeds, report_dir=args.out)
    console.print(f"ingesting the seed reports in {settings.seeds_dir}/ through Prefect ...")
    result = _run_seed_flow(settings.seeds_dir, settings.db_path)
    _print_seed_summary(result, settings.db_path)
    paths = _write_report(settings.db_path, settings.report_dir, None)
    console.print("correction log: " + ", ".join(str(p) for p in paths))
    console.print("see the Kirby correction: newsledger diff ap-moscow-concert-hall-attack")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from newsledger.store import WarehouseError

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except (UserError, WarehouseError) as error:
        err_console.print(f"[red]error:[/] {error}")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
