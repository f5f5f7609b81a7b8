"""Staged batches: what fetch and extraction produced, kept as Parquet until loaded.

A run that cannot get the warehouse (another writer holds it) stages its batch instead of
losing it; the next run loads staged batches first. Workers on other machines can stage
the same way, leaving one loader to write the warehouse.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import astuple, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, get_type_hints

from newsledger.models import ArticleRecord, Capture, FeedStateRecord, FetchRecord
from newsledger.store.warehouse import read_parquet, write_parquet


@dataclass
class StagedBatch:
    """Everything a batch adds, before versioning: captures and their fetch trail."""

    captures: list[Capture] = field(default_factory=list)
    fetches: list[FetchRecord] = field(default_factory=list)
    articles: list[ArticleRecord] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)
    feed_states: list[FeedStateRecord] = field(default_factory=list)


_SQL_TYPES = {
    "str": "VARCHAR",
    "str | None": "VARCHAR",
    "int": "BIGINT",
    "int | None": "BIGINT",
    "float | None": "DOUBLE",
    "bool": "BOOLEAN",
    "bool | None": "BOOLEAN",
    "datetime": "TIMESTAMPTZ",
    "datetime | None": "TIMESTAMPTZ",
    "tuple[str, ...]": "VARCHAR[]",
}


def _type_key(hint: Any) -> str:
    if isinstance(hint, type):
        return hint.__name__
    return str(hint).replace("datetime.datetime", "datetime")


def _columns(kind: type) -> list[tuple[str, str]]:
    """Parquet columns for a record dataclass, from its type hints."""
    hints = get_type_hints(kind)
    return [(f.name, _SQL_TYPES[_type_key(hints[f.name])]) for f in fields(kind)]


_TABLES: dict[str, type] = {
    "captures": Capture,
    "fetches": FetchRecord,
    "articles": ArticleRecord,
    "feed_states": FeedStateRecord,
}


def write_staged(root: Path, batch: StagedBatch) -> Path:
    """Writes the batch under root/<unique id>/ and returns that folder.

    Files go to a temporary folder renamed at the end, so a crash never leaves half a batch.
    """
    name = f"{datetime.now().strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    partial = root / f".{name}.partial"
    for table, kind in _TABLES.items():
        rows = [astuple(item) for item in getattr(batch, table)]
        write_parquet(partial / f"{table}.parquet", _columns(kind), rows)
    write_parquet(
        partial / "aliases.parquet", [("alias", "VARCHAR"), ("report_id", "VARCHAR")], batch.aliases
    )
    final = root / name
    partial.rename(final)
    return final


def read_staged(folder: Path) -> StagedBatch:
    batch = StagedBatch()
    for table, kind in _TABLES.items():
        rows: list[Any] = read_parquet(folder / f"{table}.parquet")
        if kind is Capture:
            # Parquet lists come back as Python lists; a Capture holds tuples.
            rows = [tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in rows]
        getattr(batch, table).extend(kind(*row) for row in rows)
    batch.aliases.extend((a, r) for a, r in read_parquet(folder / "aliases.parquet"))
    return batch


def staged_folders(root: Path) -> list[Path]:
    """Complete staged batches, oldest first."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def remove_staged(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
