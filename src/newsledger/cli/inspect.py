"""Commands that read the warehouse and print it: `reports`, `diff`, `stories`, `story`, and
`check` for its invariants. All open the warehouse read-only.

Everything they print from the warehouse came from pages, so it goes out as `literal(...)`.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from newsledger.cli.common import UserError, add_command, console, db_argument, err_console
from newsledger.config import load_settings
from newsledger.outputs.terminal import literal
from newsledger.store.warehouse import query_sql

# --------------------------------------------------------------------- reports


def cmd_reports(args: argparse.Namespace) -> int:
    from newsledger.cli.report_list import reports_listing
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True) as warehouse:
        rows = warehouse.fetch_all(query_sql("cli_reports"))
    console.print(reports_listing(rows, console))
    return 0


def add_reports_command(commands: Any) -> None:
    reports = add_command(
        commands, "reports", "list the reports in the warehouse", "newsledger reports", cmd_reports
    )
    db_argument(reports)


# ------------------------------------------------------------------------ diff


def _render_word_ops(word_ops: list[dict[str, str]]) -> Text:
    line = Text()
    for op in word_ops:
        if op["op"] == "delete":
            line.append(literal(f"[-{op['text']}-]", style="bold red strike"))
        elif op["op"] == "insert":
            line.append(literal(f"{{+{op['text']}+}}", style="bold blue underline"))
        else:
            line.append(literal(op["text"]))
    return line


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from newsledger.store.report_ids import ReportIdError, resolve_report_id
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True) as warehouse:
        try:
            args.report_id = resolve_report_id(warehouse, args.report_id)
        except ReportIdError as error:
            raise UserError(str(error)) from None
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

    console.print(
        literal(args.report_id, style="bold"),
        f": version {label(from_version)} → {label(to_version)}",
        sep="",
    )
    if not changes:
        console.print("no changes")
    for change in changes:
        kind = f" ({change['kind']})" if change["kind"] else ""
        console.print(
            literal(
                f"v{change['to_version']} #{change['change_no']} {change['field']} "
                f"{change['op']}{kind}",
                style="dim",
            )
        )
        if change["op"] == "changed":
            console.print(_render_word_ops(json.loads(change["word_ops"])))
        elif change["op"] == "added":
            console.print(literal(f"{{+{change['after_text']}+}}", style="bold blue underline"))
        else:
            console.print(literal(f"[-{change['before_text']}-]", style="bold red strike"))
    return 0


def add_diff_command(commands: Any) -> None:
    diff = add_command(
        commands,
        "diff",
        "print what changed in a report, deletions as [-...-] and insertions as {+...+}",
        "newsledger diff ap-moscow-concert-hall-attack --from 1 --to 2",
        cmd_diff,
    )
    diff.add_argument("report_id", metavar="REPORT_ID", help="a whole id or any unique prefix")
    diff.add_argument("--from", dest="from_", type=int, help="older version (default: previous)")
    diff.add_argument("--to", type=int, help="newer version (default: latest)")
    db_argument(diff)


# --------------------------------------------------------------------- stories


def cmd_stories(args: argparse.Namespace) -> int:
    from rich.table import Table

    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_all(query_sql("cli_stories"))
    table = Table("story_id", "reports", "first", "last", "outlets")
    for story_id, n, first, last, outlets in rows:
        table.add_row(
            literal(story_id), str(n), str(first), str(last),
            literal(", ".join(o or "?" for o in outlets)),
        )  # fmt: skip
    console.print(table)
    return 0


def add_stories_command(commands: Any) -> None:
    stories = add_command(
        commands, "stories", "list stories: reports of one event", "newsledger stories", cmd_stories
    )
    db_argument(stories)


def cmd_story(args: argparse.Namespace) -> int:
    from newsledger.store.warehouse import Warehouse
    from newsledger.stories.grouping import TimelineRow, format_story_timeline

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        members = warehouse.fetch_all(query_sql("cli_story_members"), [args.story_id])
        rows = warehouse.fetch_all(query_sql("cli_story_timeline"), [args.story_id])
    if not members:
        raise UserError(f"no story {args.story_id!r}: list them with `newsledger stories`")
    console.print(literal(args.story_id, style="bold"), f": {len(members)} reports", sep="")
    for report_id, outlet, source, shared in members:
        carries = f" (shares {shared} sentence(s) with {source})" if source else ""
        console.print(literal(f"  {report_id} — {outlet or '?'}{carries}"))
    for line in format_story_timeline([TimelineRow(*row) for row in rows]).splitlines():
        console.print(literal(line))
    return 0


def add_story_command(commands: Any) -> None:
    story = add_command(
        commands,
        "story",
        "show a story's reports and how its key figures moved",
        "newsledger story story-8edf951855",
        cmd_story,
    )
    story.add_argument("story_id", metavar="STORY_ID")
    db_argument(story)


# ----------------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from newsledger.store.check import CHECKS, check_warehouse
    from newsledger.store.warehouse import Warehouse

    settings = load_settings(db_path=args.db)
    with Warehouse.open(settings.db_path, read_only=True, wait_s=30) as warehouse:
        violations = check_warehouse(warehouse)
    for violation in violations:
        console.print(
            literal(violation.check, style="red"),
            literal(f": {violation.subject}: {violation.problem}"),
            sep="",
        )
    if violations:
        err_console.print(f"{len(violations)} violation(s) in {settings.db_path}")
        return 1
    console.print(f"ok: {len(CHECKS)} invariants hold in {settings.db_path}")
    return 0


def add_check_command(commands: Any) -> None:
    check = add_command(
        commands,
        "check",
        "verify the warehouse's invariants; exit 1 and list every violation",
        "newsledger check --db warehouse/newsledger.duckdb",
        cmd_check,
    )
    db_argument(check)
