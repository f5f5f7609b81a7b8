"""Whether a DuckDB file is a newsledger warehouse this code may read or write, decided before
anything touches it: another application's file, or one a newer newsledger migrated, is refused.

A file is ours when it records our schema steps in schema_migrations (same numbers, same names).
An empty file becomes a warehouse; a file with tables of its own and no schema_migrations is
another application's; a step this code does not know means a newer newsledger wrote it, and
writing would replace its views with older ones, so it is only read.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb

_OWN_OBJECTS = """
SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT internal
UNION ALL
SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
"""


def _names(connection: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return sorted(str(row[0]) for row in connection.execute(sql).fetchall())


def _rows(connection: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """schema_migrations as {version: name}; empty when it has another shape."""
    try:
        rows = connection.execute("SELECT version, name FROM schema_migrations").fetchall()
        return {int(version): str(name) for version, name in rows}
    except (duckdb.Error, TypeError, ValueError):
        return {}


def schema_refusal(
    connection: duckdb.DuckDBPyConnection, path: Path, writing: bool, known: Mapping[int, str]
) -> str | None:
    """One line saying why this file must not be opened (for writing, when `writing`), or None.

    `known` maps each schema step number this code has to its name. Reads only.
    """
    objects = _names(connection, _OWN_OBJECTS)
    if objects == ["schema_migrations"] and not _rows(connection):
        objects = []  # a first migration that stopped before its first step: still empty
    if "schema_migrations" not in objects:
        if not writing:
            if "versions" not in objects:
                return f"{path} is not a newsledger warehouse (no versions table): check --db"
            return (
                f"{path} is not a newsledger warehouse (its versions table is another "
                "application's: there is no schema_migrations): check --db"
            )
        if objects:
            shown = ", ".join(objects[:3]) + (", ..." if len(objects) > 3 else "")
            return (
                f"{path} is another application's DuckDB file ({len(objects)} tables or views "
                f"of its own: {shown}; no schema_migrations): nothing was written; "
                "point --db at a newsledger warehouse or a new file"
            )
        return None
    recorded = _rows(connection)
    foreign = [v for v, name in recorded.items() if v in known and known[v] != name]
    if not recorded or foreign or min(recorded) != min(known):
        return (
            f"{path} is not a newsledger warehouse (its schema_migrations does not list "
            "newsledger's schema steps): check --db"
        )
    unknown = sorted(v for v in recorded if v not in known)
    if writing and unknown:
        newest = max(unknown)
        return (
            f"{path} has schema step {newest:03d}_{recorded[newest]}, newer than this "
            f"newsledger knows (up to {max(known):03d}): it was left untouched; "
            "upgrade newsledger to write to it (reading still works)"
        )
    return None
