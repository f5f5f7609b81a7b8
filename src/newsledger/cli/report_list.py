"""`newsledger reports` as a person reads it: every report id whole, never cut (it is what
`diff` and `refetch` take), the title wrapping instead; when the ids leave the title too
little room, one line per report, which the terminal wraps.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from newsledger.outputs.terminal import literal, safe_for_terminal

# Below this many columns for the title, the table gives way to one line per report.
MIN_TITLE_WIDTH = 20
_OUTLET_WIDTH = 16
_WHEN_WIDTH = len("2024-03-22 10:00")


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%d %H:%M}"
    return "" if value is None else str(value)


def _table(rows: Sequence[tuple[Any, ...]]) -> Table:
    id_width = max((len(safe_for_terminal(row[0])) for row in rows), default=0)
    outlet_width = max((len(safe_for_terminal(row[1] or "")) for row in rows), default=0)
    outlet_width = max(len("outlet"), min(outlet_width, _OUTLET_WIDTH))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    table.add_column("report_id", no_wrap=True, min_width=id_width)
    table.add_column("versions", no_wrap=True, justify="right")
    table.add_column("last captured", no_wrap=True, min_width=_WHEN_WIDTH)
    table.add_column("outlet", min_width=outlet_width, max_width=outlet_width, overflow="fold")
    table.add_column("title", ratio=1, min_width=MIN_TITLE_WIDTH, overflow="fold")
    for report_id, outlet, n_versions, last, title in rows:
        table.add_row(
            literal(report_id), str(n_versions), _when(last), literal(outlet or ""),
            literal(title or ""),
        )  # fmt: skip
    return table


def _lines(rows: Sequence[tuple[Any, ...]]) -> Group:
    lines = [
        Text.assemble(
            literal(report_id, style="bold"),
            f"  {n_versions} versions  last {_when(last)}  ",
            literal(f"{outlet or '?'}: {title or ''}"),
        )
        for report_id, outlet, n_versions, last, title in rows
    ]
    return Group(*lines)


def reports_listing(rows: Sequence[tuple[Any, ...]], console: Console) -> RenderableType:
    """(report_id, outlet, versions, last captured, title) rows, laid out for the console;
    capture times in UTC."""
    table = _table(rows)
    unbounded = console.options.update(width=10_000)
    needs = Measurement.get(console, unbounded, table).minimum
    return table if needs <= console.width else _lines(rows)
