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
import logging
from collections.abc import Sequence

from rich.text import Text

from newsledger.cli import ingest, inspect, ops, publish, web
from newsledger.cli.common import Handler, UserError, err_console, print_error
from newsledger.outputs.terminal import literal, os_reason
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


class _TerminalLogHandler(logging.Handler):
    """The package's warnings on stderr, literally: they quote damaged WARC records and pages."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            err_console.print(
                Text.assemble(("warning:", "yellow"), " ", literal(record.getMessage()))
            )
        except Exception:
            self.handleError(record)


def _log_to_terminal() -> None:
    package_log = logging.getLogger("newsledger")
    if not any(isinstance(h, _TerminalLogHandler) for h in package_log.handlers):
        package_log.addHandler(_TerminalLogHandler(logging.WARNING))
        package_log.propagate = False  # not printed a second time by Prefect's root handler


def main(argv: Sequence[str] | None = None) -> int:
    from newsledger.runs.fetches import ArchiveWriteError
    from newsledger.store.warehouse import WarehouseError

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    _log_to_terminal()
    try:
        return handler(args)
    except (
        UserError, WarehouseError, WriterBusyError, WarehouseFolderError, ArchiveWriteError
    ) as error:  # fmt: skip
        print_error(error)
        return 2
    except OSError as error:
        # A file the user named, or the disk under it; the specific cases are worded above.
        where = f"{error.filename}: " if error.filename else ""
        print_error(f"{where}{os_reason(error)}")
        return 2
    except KeyboardInterrupt:
        return 130
