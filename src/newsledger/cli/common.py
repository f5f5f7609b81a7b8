"""What every command shares: the consoles, the one-line user error, and how a command and
its --db option are declared (help text doubling as description, an example as epilog).

Text from pages, feeds, WARC files or the user reaches the consoles only as `literal(...)`
(newsledger.outputs.terminal): never as rich markup, never with its escape sequences.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from newsledger.outputs.terminal import literal

Handler = Callable[[argparse.Namespace], int]
# No emoji codes: a title holding ":fire:" is printed as written.
console = Console(highlight=False, soft_wrap=True, emoji=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

DEFAULT_SOURCES = Path("sources.toml")


class UserError(Exception):
    """Something the user can fix; printed as one line."""


def print_error(message: object) -> None:
    """`error: MESSAGE` on stderr, each of its lines (one a problem) printed literally."""
    lines = str(message).split("\n")
    err_console.print(
        Text.assemble(("error:", "red"), " ", Text("\n").join(literal(line) for line in lines))
    )


def print_skipped(problem: object) -> None:
    """`skipped PROBLEM` on stderr, the problem (often a page's or file's words) literally."""
    err_console.print(Text.assemble(("skipped", "yellow"), " ", literal(problem)))


def db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="warehouse file (default: $NEWSLEDGER_DB or warehouse/newsledger.duckdb)",
    )


def add_command(
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
