"""The warehouse file's storage format: one that DuckDB 1.x reads, whatever DuckDB writes it.

DuckDB 2.0 writes its own new format by default, which every 1.x release refuses ("version
number 69 ... can only read versions between 64 and 68"): the duckdb-cli on PyPI, DBeaver's
driver and analysts' notebooks. New files are created in STORAGE_VERSION; a file an earlier
release of newsledger wrote in the newer format is rewritten once, on its next write open.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

# v1.0.0 (storage number 64) is read by every DuckDB since 0.10 and by 2.x. A newer format
# would compress a little better but shut out older readers, which is the point of this file.
STORAGE_VERSION = "v1.0.0"
_REWRITE_ALIAS = "newsledger_rewrite"


def connect_config() -> dict[str, str]:
    """Connection settings that make DuckDB create a new file in STORAGE_VERSION."""
    return {"storage_compatibility_version": STORAGE_VERSION}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _version_tuple(tag: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", tag)[:3])


def storage_version(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The open file's storage version ("v1.0.0+"), or None when DuckDB does not say (1.1)."""
    try:
        rows = connection.execute(
            "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()
    except duckdb.Error:
        return None
    tags = rows[0][0] if rows else None
    version = tags.get("storage_version") if isinstance(tags, dict) else None
    return str(version) if version else None


def is_newer_than_supported(version: str | None) -> bool:
    return version is not None and _version_tuple(version) > _version_tuple(STORAGE_VERSION)


def rewrite_in_supported_format(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Copies the open database into a new file in STORAGE_VERSION and puts it in place.

    The caller holds `connection` open for writing (DuckDB's lock keeps other processes
    out) and must close it and reconnect afterwards. The copy is checked table by table
    before it replaces the original, and a failed copy leaves the original untouched.
    """
    partial = path.with_name(f".{path.name}.rewrite")
    for leftover in (partial, partial.with_name(partial.name + ".wal")):
        leftover.unlink(missing_ok=True)
    # Identifiers cannot be bound as parameters; these come from DuckDB's own catalog, quoted.
    [(name,)] = connection.execute("SELECT current_database()").fetchall()
    current = _quoted(name)
    connection.execute("CHECKPOINT")
    try:
        connection.execute(
            f"ATTACH ? AS {_REWRITE_ALIAS} (STORAGE_VERSION '{STORAGE_VERSION}')", [str(partial)]
        )
        connection.execute(f"COPY FROM DATABASE {current} TO {_REWRITE_ALIAS}")
        tables = connection.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?",
            [name],
        ).fetchall()
        for schema, table in tables:
            qualified = f"{_quoted(schema)}.{_quoted(table)}"
            [(before,)] = connection.execute(
                f"SELECT count(*) FROM {current}.{qualified}"
            ).fetchall()
            [(after,)] = connection.execute(
                f"SELECT count(*) FROM {_REWRITE_ALIAS}.{qualified}"
            ).fetchall()
            if before != after:
                raise duckdb.Error(f"rewriting {table}: {after} rows copied of {before}")
        connection.execute(f"CHECKPOINT {_REWRITE_ALIAS}")
        connection.execute(f"DETACH {_REWRITE_ALIAS}")
    except BaseException:
        connection.execute(f"DETACH DATABASE IF EXISTS {_REWRITE_ALIAS}")
        partial.unlink(missing_ok=True)
        raise
    # Replaced while this connection still holds the old file: no other process can have
    # opened it for writing in between; they retry and open the new file.
    os.replace(partial, path)
