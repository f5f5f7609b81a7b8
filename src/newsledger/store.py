"""The warehouse: the only module that imports duckdb.

Schema steps in warehouse/schema are applied in order and recorded; views in
warehouse/views are the analysts' contract and are recreated on every write open.
All SQL is parameterised and lives in .sql files.
"""

from __future__ import annotations

import json
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
from newsledger.normalize import paragraph_hash


class WarehouseError(RuntimeError):
    """The warehouse could not be opened or written; the message says what to do."""


class WarehouseLockedError(WarehouseError):
    pass


@cache
def query_sql(name: str) -> str:
    """A named query from the queries/ folder beside this module."""
    return resources.files("newsledger").joinpath("queries", f"{name}.sql").read_text("utf-8")


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


def _open_error(path: Path, error: Exception) -> WarehouseError:
    message = str(error)
    if "lock" in message.lower():
        return WarehouseLockedError(
            f"warehouse {path} is in use by another process (one writer at a time): "
            "wait for the other run to finish, or read a snapshot"
        )
    return WarehouseError(f"cannot open warehouse {path}: {message.splitlines()[0]}")


class Warehouse:
    """An open DuckDB warehouse file."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.connection = connection
        self.path = path

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
                connection = duckdb.connect(str(path), read_only=read_only)
                break
            except (duckdb.Error, OSError) as error:
                failure = _open_error(path, error)
                if not isinstance(failure, WarehouseLockedError) or time.monotonic() >= deadline:
                    raise failure from None
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                delay = min(delay * 2, 1.0)
        warehouse = cls(connection, path)
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
        claims: Sequence[Sequence[Any]],
        stories: Sequence[Sequence[Any]],
        story_reports: Sequence[Sequence[Any]],
        timeline: Sequence[Sequence[Any]],
    ) -> None:
        """Swaps in a freshly computed set of claims, stories and timelines, all at once."""
        with self.transaction() as con:
            for statement in query_sql("replace_story_tables").split(";"):
                if statement.strip():
                    con.execute(statement)
            for name, rows in (
                ("insert_fact_claim", claims),
                ("insert_story", stories),
                ("insert_story_report", story_reports),
                ("insert_fact_timeline", timeline),
            ):
                if rows:
                    con.executemany(query_sql(name), [list(r) for r in rows])

    def latest_archived_fetches(self) -> list[dict[str, Any]]:
        return self.fetch_dicts(query_sql("latest_archived_fetches"))

    def write_batch(self, batch: IngestBatch) -> None:
        """Writes a whole batch in one transaction: all of it lands, or none."""
        with self.transaction() as con:
            for report in batch.reports:
                con.execute(
                    query_sql("insert_report"),
                    [
                        report.report_id,
                        report.outlet,
                        report.url,
                        report.label,
                        report.first_seen_at,
                    ],
                )
            for record in batch.versions:
                _insert_version_record(con, record)
            if batch.fetches:
                con.executemany(query_sql("insert_fetch"), [_fetch_row(f) for f in batch.fetches])
            for article in batch.articles:
                con.execute(query_sql("upsert_article"), _article_row(article))
            if batch.aliases:
                con.executemany(query_sql("upsert_alias"), [list(a) for a in batch.aliases])
            for state in batch.feed_states:
                con.execute(
                    query_sql("upsert_feed_state"),
                    [
                        state.feed_name,
                        state.url,
                        state.last_polled_at,
                        state.etag,
                        state.last_modified,
                        state.last_problem,
                    ],
                )
            for capture in batch.captures:
                con.execute(
                    query_sql("insert_capture"),
                    [
                        capture.capture_key,
                        capture.report_id,
                        capture.captured_at,
                        capture.source,
                        capture.content_hash,
                        capture.outcome,
                        capture.version_no,
                    ],
                )


def _insert_version_record(con: duckdb.DuckDBPyConnection, record: VersionRecord) -> None:
    version = record.version
    key = [version.report_id, version.version_no]
    paragraph_rows = [(paragraph_hash(p), p) for p in version.paragraphs]
    con.executemany(query_sql("insert_paragraph"), [list(r) for r in dict(paragraph_rows).items()])
    con.execute(
        query_sql("insert_version"),
        [
            *key,
            version.captured_at,
            version.source,
            version.title,
            version.byline,
            version.text_hash,
            version.content_hash,
            len(version.paragraphs),
            len(version.text),
            version.is_reconstructed,
        ],
    )
    con.executemany(
        query_sql("insert_version_paragraph"),
        [[*key, position, digest] for position, (digest, _) in enumerate(paragraph_rows)],
    )
    if record.changes:
        con.executemany(
            query_sql("insert_change"),
            [
                [
                    version.report_id,
                    record.from_version,
                    version.version_no,
                    change.change_no,
                    change.field,
                    change.op,
                    change.before_pos,
                    change.after_pos,
                    change.before_text,
                    change.after_text,
                    json.dumps([asdict(op) for op in change.word_ops], ensure_ascii=False),
                ]
                for change in record.changes
            ],
        )
    if record.labels:
        con.executemany(
            query_sql("insert_change_kind"),
            [[*key, label.change_no, label.kind, label.evidence] for label in record.labels],
        )
    if record.notes:
        con.executemany(
            query_sql("insert_correction"),
            [
                [
                    *key,
                    note_no,
                    note.note_type,
                    note.note_text,
                    note.paragraph_pos,
                    note.note_date,
                    note.wrong_text,
                    note.right_text,
                    note_no in record.new_note_nos,
                ]
                for note_no, note in enumerate(record.notes, start=1)
            ],
        )
    if record.links:
        con.executemany(
            query_sql("insert_note_link"),
            [[*key, link.note_no, link.change_no, link.score] for link in record.links],
        )
    if record.status is not None:
        con.execute(
            query_sql("insert_transition"),
            [
                version.report_id,
                record.from_version,
                version.version_no,
                record.status,
                len(record.changes),
            ],
        )


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


def _fetch_row(f: Any) -> list[Any]:
    return [
        f.run_id, f.purpose, f.source_name, f.url, f.final_url, f.fetched_at, f.status,
        f.n_bytes, f.elapsed_ms, f.attempts, f.error_class, f.error_message, f.etag,
        f.last_modified, f.body_sha256, f.warc_file, f.warc_offset, f.warc_length,
        f.is_revisit, f.report_id, f.outcome,
    ]  # fmt: skip


def _article_row(a: ArticleRecord) -> list[Any]:
    return [
        a.report_id, a.canonical_url, a.fetch_url, a.source_name, a.first_seen_at,
        a.last_fetched_at, a.last_changed_at, a.etag, a.last_modified, a.last_body_sha256,
    ]  # fmt: skip
