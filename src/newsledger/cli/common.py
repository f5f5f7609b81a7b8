"""What every command shares: the consoles, the one-line user error, and how a command and
its --db option are declared (help text doubling as description, an example as epilog).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

Handler = Callable[[argparse.Namespace], int]
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

DEFAULT_SOURCES = Path("sources.toml")


class UserError(Exception):
    """Something the user can fix; printed as one line."""


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
