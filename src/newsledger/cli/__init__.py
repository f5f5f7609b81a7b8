"""The command line: kebab-case commands whose help ends with an example, one module per
command group, each command's options declared next to its handler.

ingest (seeds, feeds, import warc, refetch, reextract, sources check), inspect (reports, diff,
stories, story, check), publish (report, review, export), web (the editors' web app), ops
(demo, eval, serve, bench);
common holds the consoles, `UserError` and the helpers that declare a command. Errors a user
can cause end in one clear line and exit status 2, never a traceback.

May import every stage (text, capture, changes, stories, store, outputs, runs, evaluation,
bench, models, config) and flows/; nothing imports cli.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from newsledger.cli import ingest, inspect, ops, publish, web
from newsledger.cli.common import Handler, UserError, err_console
from newsledger.store.locking import WarehouseFolderError, WriterBusyError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsledger",
        description="Capture every version of every news report, diff and classify the "
        "changes, keep it all in DuckDB.",
        epilog="example:\n  newsledger demo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    # The order here is the order `newsledger --help` lists the commands in.
    ops.add_demo_command(commands)
    ingest.add_ingest_command(commands)
    ingest.add_import_command(commands)
    ingest.add_refetch_command(commands)
    ingest.add_reextract_command(commands)
    ingest.add_sources_command(commands)
    inspect.add_diff_command(commands)
    inspect.add_reports_command(commands)
    publish.add_report_command(commands)
    inspect.add_stories_command(commands)
    inspect.add_story_command(commands)
    ops.add_eval_command(commands)
    inspect.add_check_command(commands)
    publish.add_review_command(commands)
    web.add_web_command(commands)
    publish.add_export_command(commands)
    ops.add_serve_command(commands)
    ops.add_bench_command(commands)
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
