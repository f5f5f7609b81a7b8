"""Every row a live run writes, without what differs between any two runs of the same input,
so two warehouses filled two ways can be compared whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsledger.store.warehouse import Warehouse

RUN_TABLES = ("reports", "versions", "version_paragraphs", "paragraphs", "captures",
              "changes", "articles", "article_aliases", "fetches")  # fmt: skip
# Which run, how long a fetch took, the capture key (a hash over the capture time) and where
# in a WARC file a record landed (record ids are random, so gzip sizes differ by bytes).
RUN_COLUMNS = frozenset(
    {"run_id", "fetch_id", "elapsed_ms", "capture_key", "warc_offset", "warc_length"}
)


def run_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of RUN_TABLES, sorted, without timestamps and RUN_COLUMNS."""
    rows = {}
    with Warehouse.open(db, read_only=True) as warehouse:
        for table in RUN_TABLES:
            columns = [
                name
                for name, kind in warehouse.fetch_all(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                )
                if not kind.startswith("TIMESTAMP") and name not in RUN_COLUMNS
            ]
            listed = ", ".join(columns)
            rows[table] = warehouse.fetch_all(f"SELECT {listed} FROM {table} ORDER BY ALL")
    return rows
