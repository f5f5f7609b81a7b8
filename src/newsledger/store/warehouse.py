"""The warehouse: with storage_format.py (the file format it is written in), the only
modules that import duckdb.

Schema steps in warehouse/schema are applied in order and recorded; views in
warehouse/views are the analysts' contract and are recreated on every write open.
All SQL is parameterised and lives in .sql files.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from functools import cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from newsledger.config import warehouse_sql_dir
from newsledger.models import (
    ArticleRecord,
    FeedStateRecord,
    IngestBatch,
    Version,
    VersionRecord,
)
from newsledger.store.change_rows import NO_KINDS, kinds_columns
from newsledger.store.filing import follow_filed_captures
from newsledger.store.locking import busy_message
from newsledger.store.schema_guard import schema_refusal
from newsledger.store.storage_format import (
    STORAGE_VERSION,
    connect_config,
    is_newer_than_supported,
    rewrite_in_supported_format,
    storage_version,
)
from newsledger.text.normalize import paragraph_hash

# DuckDB's own default is 80% of the machine's memory, held for the process's life; a
# long ingest then grows past a gigabyte. Past this limit DuckDB spills to disk instead.
DEFAULT_MEMORY_LIMIT = "1GB"


def memory_limit() -> str:
    return os.environ.get("NEWSLEDGER_DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)


# How long a writer that let go of the file during long work waits to get it back from readers.
REOPEN_WAIT_S = 30.0


class WarehouseError(RuntimeError):
    """The warehouse could not be opened or written; the message says what to do."""


class WarehouseLockedError(WarehouseError):
    pass


@cache
def query_sql(name: str) -> str:
    """A named query from the queries/ folder beside this module."""
    return resources.files("newsledger.store").joinpath("queries", f"{name}.sql").read_text("utf-8")


def schema_steps() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every schema step, in order."""
    steps = []
    for path in sorted((warehouse_sql_dir() / "schema").glob("[0-9][0-9][0-9]_*.sql")):
        number, _, name = path.stem.partition("_")
        steps.append((int(number), name, path.read_text("utf-8")))
    return steps


def view_definitions() -> list[tuple[str, str]]:
    """(view name, sql) for every analyst view; views that use others sort after them."""
    views = sorted((warehouse_sql_dir() / "views").glob("*.sql"))
    return [(path.stem, path.read_text("utf-8")) for path in views]


def _open_error(path: Path, error: Exception, read_only: bool = False) -> WarehouseError:
    message = str(error)
    if "lock" in message.lower():
        return WarehouseLockedError(busy_message(path, message, read_only))
    return WarehouseError(f"cannot open warehouse {path}: {message.splitlines()[0]}")


def _rewritten(connection: duckdb.DuckDBPyConnection, path: Path) -> duckdb.DuckDBPyConnection:
    """The file rewritten in the storage format older DuckDB releases read, reopened."""
    try:
        rewrite_in_supported_format(connection, path)
    except (duckdb.Error, OSError) as error:
        connection.close()
        raise WarehouseError(
            f"cannot rewrite warehouse {path} in storage format {STORAGE_VERSION}: "
            f"{str(error).splitlines()[0]} (the file is unchanged)"
        ) from None
    connection.close()
    return duckdb.connect(str(path), config={"memory_limit": memory_limit(), **connect_config()})


class Warehouse:
    """An open DuckDB warehouse file."""

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        path: Path,
        read_only: bool = False,
        wait_s: float = 0.0,
    ) -> None:
        self.connection = connection
        self.path = path
        self.read_only = read_only
        self.wait_s = wait_s

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, wait_s: float = 0.0) -> Warehouse:
        """Opens the file; while another process holds it, retries with back-off for `wait_s`.

        DuckDB refuses a second process at once (writer or reader); readers and writers here
        keep the file open only for a batch, so a short wait usually finds it free.
        """
        path = Path(path)
        if read_only and not path.exists():
            raise WarehouseError(f"no warehouse at {path}: run `newsledger ingest seeds` first")
        deadline = time.monotonic() + wait_s
        delay = 0.05
        while True:
            try:
                if not read_only:
                    path.parent.mkdir(parents=True, exist_ok=True)
                connection = duckdb.connect(
                    str(path),
                    read_only=read_only,
                    config={"memory_limit": memory_limit(), **connect_config()},
                )
                break
            except (duckdb.Error, OSError) as error:
                failure = _open_error(path, error, read_only)
                if not isinstance(failure, WarehouseLockedError) or time.monotonic() >= deadline:
                    raise failure from None
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                delay = min(delay * 2, 1.0)
        # Before anything can write: another application's file, or a newer schema, is refused.
        steps = {number: name for number, name, _ in schema_steps()}
        refusal = schema_refusal(connection, path, not read_only, steps)
        if refusal is not None:
            connection.close()
            raise WarehouseError(refusal)
        if not read_only and is_newer_than_supported(storage_version(connection)):
            connection = _rewritten(connection, path)
        warehouse = cls(connection, path, read_only, wait_s)
        if not read_only:
            try:
                warehouse.migrate()
            except duckdb.Error as error:
                connection.close()
                raise _open_error(path, error) from None
        return warehouse

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def released(self) -> Iterator[None]:
        """Closes the file for the block and opens it again after (waiting for readers as
        `open` does, at least REOPEN_WAIT_S), so a report or a diff can read the warehouse
        while work that needs no database runs. Never inside a transaction."""
        self.connection.close()
        yield
        wait_s = max(self.wait_s, REOPEN_WAIT_S)
        self.connection = Warehouse.open(self.path, self.read_only, wait_s).connection

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Applies unrecorded schema steps, each in its own transaction; returns their names."""
        con = self.connection
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
        )
        done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for number, name, sql in schema_steps():
            if number in done:
                continue
            with self.transaction():
                con.execute(sql)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
            applied.append(f"{number:03d}_{name}")
        with self.transaction():
            for _, sql in view_definitions():
                con.execute(sql)
        return applied

    def fetch_all(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params or []).fetchall()

    def fetch_dicts(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.connection.execute(sql, params or [])
        columns = [d[0] for d in cursor.description or []]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def latest_versions(self, report_ids: Sequence[str]) -> dict[str, Version]:
        rows = self.fetch_all(query_sql("latest_versions"), [list(report_ids)])
        return {
            row[0]: Version(
                report_id=row[0],
                version_no=row[1],
                captured_at=row[2],
                source=row[3],
                title=row[4],
                byline=row[5],
                text_hash=row[6],
                content_hash=row[7],
                is_reconstructed=row[8],
                paragraphs=tuple(row[9]),
                summary=row[10],
                published_at=row[11],
                modified_at=row[12],
            )
            for row in rows
        }

    def seen_capture_keys(self, keys: Sequence[str]) -> set[str]:
        return {row[0] for row in self.fetch_all(query_sql("seen_capture_keys"), [list(keys)])}

    def feed_states(self) -> dict[str, FeedStateRecord]:
        return {row[0]: FeedStateRecord(*row) for row in self.fetch_all(query_sql("feed_states"))}

    def articles_by_alias(self, aliases: Sequence[str]) -> dict[str, ArticleRecord]:
        rows = self.fetch_all(query_sql("articles_by_alias"), [list(aliases)])
        return {row[0]: ArticleRecord(*row[1:]) for row in rows}

    def all_articles(self) -> list[ArticleRecord]:
        return [ArticleRecord(*row[1:]) for row in self.fetch_all(query_sql("all_articles"))]

    def replace_story_tables(
        self,
        stories: Sequence[Sequence[Any]],
        story_reports: Sequence[Sequence[Any]],
        timeline: Sequence[Sequence[Any]],
        versions_seen: int | None = None,
    ) -> None:
        """Swaps in a freshly computed set of stories and timelines, all at once, and records
        that they were built from `versions_seen` versions (see check_derived_state.sql)."""
        with self.transaction() as con:
            if versions_seen is not None:
                con.execute(query_sql("mark_derived_state"), ["stories", versions_seen])
            for statement in query_sql("replace_story_tables").split(";"):
                if statement.strip():
                    con.execute(statement)
            for name, rows in (
                ("insert_story", stories),
                ("insert_story_report", story_reports),
                ("insert_fact_timeline", timeline),
            ):
                if rows:
                    con.executemany(query_sql(name), [list(r) for r in rows])

    def latest_archived_fetches(self) -> list[dict[str, Any]]:
        return self.fetch_dicts(query_sql("latest_archived_fetches"))

    def write_batch(self, batch: IngestBatch) -> None:
        """Writes a whole batch in one transaction: all of it lands, or none.

        One statement per table, each column passed as a list: DuckDB inserts a list of
        rows far faster than it runs one statement per row.
        """
        tables = batch_rows(batch)
        with self.transaction() as con:
            for name, rows in tables.items():
                if rows:
                    con.execute(
                        query_sql(name), [list(column) for column in zip(*rows, strict=True)]
                    )


def entry_id_for(report_id: str, to_version: int) -> str:
    """The correction-log entry id editors' reviews refer to: stable across rebuilds."""
    return hashlib.sha256(f"{report_id}#{to_version}".encode()).hexdigest()[:12]


def batch_rows(batch: IngestBatch) -> dict[str, list[tuple[Any, ...]]]:
    """Rows per insert query, in the order they are written (parents before children)."""
    batch = follow_filed_captures(batch)
    tables: dict[str, list[tuple[Any, ...]]] = {
        name: []
        for name in (
            "insert_report", "insert_paragraph", "insert_version", "insert_version_paragraph",
            "insert_structured_correction", "insert_change", "insert_change_kind",
            "insert_correction", "insert_note_link", "insert_transition", "insert_fact_claim",
            "insert_fetch", "upsert_article", "upsert_alias", "upsert_feed_state",
            "insert_capture",
        )
    }  # fmt: skip
    tables["insert_report"] = [
        (r.report_id, r.outlet, r.url, r.label, r.first_seen_at) for r in batch.reports
    ]
    paragraphs: dict[str, str] = {}
    for record in batch.versions:
        _add_version_rows(tables, paragraphs, record)
    tables["insert_paragraph"] = list(paragraphs.items())
    tables["insert_fetch"] = [
        (f.run_id, f.purpose, f.source_name, f.url, f.final_url, f.fetched_at, f.status,
         f.n_bytes, f.elapsed_ms, f.attempts, f.error_class, f.error_message, f.etag,
         f.last_modified, f.body_sha256, f.warc_file, f.warc_offset, f.warc_length,
         f.is_revisit, f.report_id, f.outcome)
        for f in batch.fetches
    ]  # fmt: skip
    # An upsert may name each key once per statement: the last record of a key wins.
    articles = {a.report_id: a for a in batch.articles}
    tables["upsert_article"] = [
        (a.report_id, a.canonical_url, a.fetch_url, a.source_name, a.first_seen_at,
         a.last_fetched_at, a.last_changed_at, a.etag, a.last_modified, a.last_body_sha256)
        for a in articles.values()
    ]  # fmt: skip
    tables["upsert_alias"] = list(dict(batch.aliases).items())
    states = {s.feed_name: s for s in batch.feed_states}
    tables["upsert_feed_state"] = [
        (s.feed_name, s.url, s.last_polled_at, s.etag, s.last_modified, s.last_problem)
        for s in states.values()
    ]
    captures = {c.capture_key: c for c in batch.captures}
    tables["insert_capture"] = [
        (c.capture_key, c.report_id, c.captured_at, c.source, c.content_hash, c.outcome,
         c.version_no)
        for c in captures.values()
    ]  # fmt: skip
    return tables


def _add_version_rows(
    tables: dict[str, list[tuple[Any, ...]]], paragraphs: dict[str, str], record: VersionRecord
) -> None:
    version = record.version
    key = (version.report_id, version.version_no)
    digests = [paragraph_hash(p) for p in version.paragraphs]
    paragraphs.update(zip(digests, version.paragraphs, strict=True))
    tables["insert_version"].append(
        (*key, version.captured_at, version.source, version.title, version.byline,
         version.text_hash, version.content_hash, len(version.paragraphs), len(version.text),
         version.is_reconstructed, version.summary, version.published_at, version.modified_at)
    )  # fmt: skip
    tables["insert_structured_correction"] += [
        (*key, n, correction.text, correction.published_at)
        for n, correction in enumerate(version.structured_corrections, start=1)
    ]
    tables["insert_version_paragraph"] += [
        (*key, position, digest) for position, digest in enumerate(digests)
    ]
    labelled = kinds_columns(record.labels)
    tables["insert_change"] += [
        (version.report_id, record.from_version, version.version_no, c.change_no, c.field, c.op,
         c.before_pos, c.after_pos, c.before_text, c.after_text,
         json.dumps([asdict(op) for op in c.word_ops], ensure_ascii=False),
         *labelled.get(c.change_no, NO_KINDS))
        for c in record.changes
    ]  # fmt: skip
    tables["insert_change_kind"] += [
        (*key, label.change_no, label.kind, label.evidence) for label in record.labels
    ]
    tables["insert_correction"] += [
        (*key, n, note.note_type, note.note_text, note.paragraph_pos, note.note_date,
         note.wrong_text, note.right_text, n in record.new_note_nos)
        for n, note in enumerate(record.notes, start=1)
    ]  # fmt: skip
    tables["insert_note_link"] += [
        (*key, link.note_no, link.change_no, link.score) for link in record.links
    ]
    if record.status is not None:
        kinds = sorted({label.kind for label in record.labels})
        notes = [n.note_text for i, n in enumerate(record.notes, 1) if i in record.new_note_nos]
        tables["insert_transition"].append(
            (version.report_id, record.from_version, version.version_no, record.status,
             len(record.changes), entry_id_for(version.report_id, version.version_no),
             kinds or None, notes or None)
        )  # fmt: skip
    tables["insert_fact_claim"] += [
        (*key, n, c.quantity, c.qualifier, c.value, c.value_high, c.vague, c.phrase, c.sentence,
         c.sentence_no, c.background)
        for n, c in enumerate(record.claims, start=1)
    ]  # fmt: skip


def write_parquet(
    path: Path, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
) -> None:
    """Rows to one Parquet file, through an in-memory DuckDB (staging between runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute("CREATE TABLE staged (" + ", ".join(f'"{n}" {t}' for n, t in columns) + ")")
        if rows:
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO staged VALUES ({marks})", [list(r) for r in rows])
        con.execute("COPY staged TO ? (FORMAT parquet)", [str(path)])


def read_parquet(path: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect() as con:
        return con.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
