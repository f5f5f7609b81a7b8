"""Commands that produce what people read: `report` (the correction log), `review` (editors'
verdicts on its entries) and `export parquet` (the analyst views).
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.cli.common import UserError, add_command, console, db_argument
from newsledger.config import load_settings
from newsledger.outputs.terminal import literal

# ---------------------------------------------------------------------- report


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (want YYYY-MM-DD)") from None


def write_report(db_path: Path, out_dir: Path, args: argparse.Namespace | None) -> list[Path]:
    from newsledger.outputs.report import render_correction_log
    from newsledger.outputs.report_data import ReportError, ReportFilters
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
    for path in write_report(settings.db_path, settings.report_dir, args):
        print(path)  # plain, so long paths are never wrapped
    return 0


def add_report_command(commands: Any) -> None:
    report = add_command(
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
    db_argument(report)


# ---------------------------------------------------------------------- review

# The reviewer when --by is not given; there is no silent default.
REVIEWER_ENV = "NEWSLEDGER_REVIEWER"


def cmd_review(args: argparse.Namespace) -> int:
    from newsledger.outputs.review_journal import (
        append_queued,
        discard_queued,
        drain_if_writer_free,
        make_queued_review,
        queued_reviews,
    )
    from newsledger.outputs.reviews import ReviewError, check_entry, list_pending
    from newsledger.store.warehouse import Warehouse, WarehouseLockedError

    settings = load_settings(db_path=args.db)
    if args.list:
        with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
            pending = list_pending(warehouse)
        for row in pending:
            console.print(
                literal(
                    f"{row['entry_id']}  {row['status']:<22} {row['report_id']} "
                    f"v{row['from_version']}→v{row['to_version']}"
                )
            )
        console.print(f"{len(pending)} pending")
        n_queued = len(queued_reviews(settings.db_path))
        if n_queued:
            console.print(f"{n_queued} review(s) queued: stored when the writer is free")
        return 0
    if not args.entry_id or not args.status:
        raise UserError("give ENTRY_ID and --status (or --list); see `newsledger review --help`")
    by = args.by or os.environ.get(REVIEWER_ENV, "")
    if not by.strip():
        raise UserError(f"who reviewed? pass --by NAME (or set {REVIEWER_ENV})")
    try:
        review = make_queued_review(args.entry_id, args.status, args.note, by)
        try:
            with Warehouse.open(settings.db_path, read_only=True, wait_s=10) as warehouse:
                check_entry(warehouse, review.entry_id)
        except WarehouseLockedError:
            pass  # a run is writing the file: the drain checks the entry when it stores it
    except ReviewError as error:
        raise UserError(str(error)) from None
    # On disk before anything else: from here on the review is not lost, whoever stores it.
    append_queued(settings.db_path, review)
    result = drain_if_writer_free(settings.db_path, open_wait_s=30, lock_wait_s=3)
    if result is not None:
        for rejected, reason in result.rejected:
            if rejected.queue_id == review.queue_id:  # never accepted, so not kept either
                discard_queued(settings.db_path, {review.queue_id})
                raise UserError(reason)
    landed = () if result is None else (*result.stored, *result.already)
    line = f"{review.entry_id}: {review.status} by {review.reviewed_by}"
    if not any(r.queue_id == review.queue_id for r in landed):
        line += (
            " (queued: stored when the writer is free; an ingest holds it, and the next "
            "ingest or a running `newsledger web` stores it)"
        )
    console.print(literal(line))
    return 0


def add_review_command(commands: Any) -> None:
    review = add_command(
        commands,
        "review",
        "record an editor's review of a correction-log entry, or list pending entries",
        "newsledger review 3c2c3314fdf5 --status reviewed --by 'J. Editor' --note 'note fine'",
        cmd_review,
    )
    review.add_argument("entry_id", nargs="?", metavar="ENTRY_ID")
    review.add_argument("--status", choices=["reviewed", "needs-note", "dismissed"])
    review.add_argument("--note", help="free text kept with the review")
    review.add_argument(
        "--by", help=f"who reviewed (required, unless ${REVIEWER_ENV} names a default)"
    )
    review.add_argument("--list", action="store_true", help="list entries pending review")
    db_argument(review)


# ---------------------------------------------------------------------- export


def cmd_export_parquet(args: argparse.Namespace) -> int:
    from newsledger.outputs.export import ExportError, export_views_parquet
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        try:
            written = export_views_parquet(warehouse, Path(args.dir))
        except ExportError as error:
            raise UserError(str(error)) from None
    for view, n_rows in written.items():
        console.print(f"{view}: {n_rows} rows")
    console.print(literal(f"written under {args.dir}"))
    return 0


def add_export_command(commands: Any) -> None:
    export = add_command(
        commands, "export", "export the analyst views", "newsledger export parquet out/", None
    )
    export_commands = export.add_subparsers(title="formats", metavar="FORMAT")
    parquet = add_command(
        export_commands,
        "parquet",
        "write each analyst view as Parquet, partitioned by capture date",
        "newsledger export parquet lake/newsledger --db warehouse/newsledger.duckdb",
        cmd_export_parquet,
    )
    parquet.add_argument("dir", metavar="DIR")
    db_argument(parquet)
