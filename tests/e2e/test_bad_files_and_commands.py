"""Bad files and unusable warehouses end to end: seed and sources files, warehouses missing,
foreign, read-only, locked or busy, each one clear line from the CLI; and SQL safety.

SQL safety: CLI arguments never reach SQL as code, and a scan of the package finds every SQL
call composed from values. docs/RELIABILITY.md lists every case.
"""

from __future__ import annotations

import ast
import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from newsledger.capture.fetch import Fetcher, FetchPolicy
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.locking import WriterBusyError, lock_path_for
from newsledger.store.warehouse import Warehouse
from support import bad_input
from support.bad_input import (
    CLOSED_PORT,
    GOOD_PARAGRAPHS,
    GOOD_TEXT,
    Newsroom,
    article_page,
    item,
    rss,
)
from support.loopback import LoopbackServer

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "newsledger"
# Newsroom.stored counts tables with an f-string query: the SQL scan's self-check finds it.
NEWSROOM_FILE = Path(bad_input.__file__)


# ------------------------------------------------------------------- input files


def test_seed_files_that_are_not_utf8_or_hold_nul_are_skipped_with_a_reason(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(" date 2024-03-22 " + "\n\n".join(GOOD_PARAGRAPHS), "utf-8")
    (seeds / "latin1.txt").write_bytes(" date 2024-03-22 Caf\xe9 opens.".encode("latin-1"))
    (seeds / "nul.txt").write_bytes(b" date 2024-03-22 Two\x00words.")
    db = tmp_path / "seeds.duckdb"

    first = ingest_seed_folder(seeds, db)
    second = ingest_seed_folder(seeds, db)

    problems = sorted((Path(p.path).name, p.reason) for p in first.problems)
    assert problems == [
        ("latin1.txt", "not UTF-8 (byte 20: 0xe9)"),
        ("nul.txt", "contains a NUL byte"),
    ]
    assert (first.counts.new_versions, second.counts.new_versions) == (1, 0)
    assert second.counts.already_seen == 1


def cli(
    *args: str, cwd: Path, columns: str = "1000", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Runs `newsledger ARGS` as a user would, in a subprocess with its output piped."""
    env = {**os.environ, "COLUMNS": columns}
    env.pop("NEWSLEDGER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "newsledger.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert (result.returncode, result.stderr, result.stdout) == (2, f"error: {expected}\n", "")


BAD_KEY_SOURCES = (
    '[[feeds]]\nname = "a"\nurl = "http://x.test/f"\noutlet = "O"\npoll_intervall_minutes = 5\n'
)


def test_sources_file_with_a_bad_key_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(BAD_KEY_SOURCES)
    result = cli("sources", "check", "--sources", "bad.toml", cwd=tmp_path)
    assert_one_line_error(
        result,
        "bad.toml: feeds[0]: unknown key 'poll_intervall_minutes' "
        "(did you mean 'poll_interval_minutes'?)",
    )


def test_a_long_error_stays_one_line_when_piped(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(BAD_KEY_SOURCES)
    result = cli("sources", "check", "--sources", "bad.toml", cwd=tmp_path, columns="80")
    assert result.stderr.count("\n") == 1


def test_read_command_on_a_missing_warehouse_is_one_line_exit_2(tmp_path: Path) -> None:
    result = cli("diff", "some-report", "--db", "nowhere/x.duckdb", cwd=tmp_path)
    assert_one_line_error(
        result, "no warehouse at nowhere/x.duckdb: run `newsledger ingest seeds` first"
    )
    assert not (tmp_path / "nowhere").exists()


def test_read_command_on_a_file_that_is_not_duckdb_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.duckdb").write_text("these are my notes, not a database\n" * 200)
    result = cli("reports", "--db", "notes.duckdb", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert re.fullmatch(
        r"error: cannot open warehouse notes.duckdb: IO Error: The file \"/[^\"]*/notes.duckdb\" "
        r"exists, but it is not a valid DuckDB database file!\n",
        result.stderr,
    ), result.stderr


def test_read_command_on_a_duckdb_file_that_is_not_a_warehouse(tmp_path: Path) -> None:
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    result = cli("check", "--db", "other.duckdb", cwd=tmp_path)
    assert_one_line_error(
        result, "other.duckdb is not a newsledger warehouse (no versions table): check --db"
    )


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Makes `path` unwritable even for root (chattr +i) where it can; skips otherwise."""
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root without chattr +i: cannot make a path unwritable")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o755 if path.is_dir() else 0o644)


def _sources_file(folder: Path) -> None:
    (folder / "sources.toml").write_text(
        '[fetch]\nallow_hosts = ["127.0.0.1"]\n[[feeds]]\nname = "a"\n'
        f'url = "http://127.0.0.1:{CLOSED_PORT}/feed.xml"\noutlet = "O"\n'
    )


def test_write_command_on_a_read_only_warehouse_file_is_one_line_exit_2(tmp_path: Path) -> None:
    _sources_file(tmp_path)
    with Warehouse.open(tmp_path / "ro.duckdb"):
        pass
    lock_path_for(tmp_path / "ro.duckdb").touch()
    with unwritable(tmp_path / "ro.duckdb"):
        result = cli("ingest", "feeds", "--all", "--db", "ro.duckdb", cwd=tmp_path)
    # The progress display may leave an empty line on stderr before the error.
    assert result.returncode == 2 and result.stdout == ""
    assert re.fullmatch(
        r"\n?error: cannot open warehouse ro.duckdb: IO Error: Cannot open file "
        r"\"[^\"]*/ro.duckdb\": (Permission denied|Operation not permitted)\n",
        result.stderr,
    ), result.stderr


def test_write_command_in_a_read_only_folder_is_one_line_exit_2(tmp_path: Path) -> None:
    _sources_file(tmp_path)
    (tmp_path / "ro").mkdir()
    with unwritable(tmp_path / "ro"):
        result = cli("ingest", "feeds", "--all", "--db", "ro/x.duckdb", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: cannot write the warehouse folder ro: ")
    assert result.stderr.count("\n") == 1


@contextmanager
def held_writer_lock(db: Path) -> Iterator[None]:
    """Holds the writer lock the way another run would (an flock on its own open file)."""
    handle = os.open(lock_path_for(db), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
    finally:
        os.close(handle)


def test_locked_warehouse_waits_then_steps_aside_with_a_clear_message(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    room = Newsroom(loopback_server, tmp_path / "locked.duckdb")
    loopback_server.route("/good", body=article_page("Council passes budget", GOOD_PARAGRAPHS))
    room.feed("wire", rss(item(room.url("/good"))))
    config = parse_sources(f'[[feeds]]\nname = "w"\nurl = "{room.feeds["wire"]}"\noutlet = "W"\n')
    options = LiveRunOptions(room.db, None, processes=1, writer_wait_s=0.3)
    with (
        Fetcher(FetchPolicy()) as fetcher,
        held_writer_lock(room.db),
        pytest.raises(WriterBusyError) as caught,
    ):
        ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
    assert str(caught.value) == (
        f"another run is writing {room.db} and held it past 0 s: this run stepped aside "
        "(it will be picked up by the next one)"
    )
    assert (loopback_server.requests, room.db.exists()) == ([], False)
    assert room.run().new_versions == 1  # once the lock is free, the run goes through
    assert room.texts() == {"/good": GOOD_TEXT}


HOLD_OPEN = (
    "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
    "print('open', flush=True); time.sleep(60)"
)


def test_read_command_while_another_process_has_the_file_is_one_line_exit_2(tmp_path: Path) -> None:
    with Warehouse.open(tmp_path / "busy.duckdb"):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(tmp_path / "busy.duckdb")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = cli("diff", "some-report", "--db", "busy.duckdb", cwd=tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert_one_line_error(
        result,
        f"warehouse busy.duckdb is open in another process (PID {holder.pid}), writing it: "
        "wait until it closes the file, then run this again",
    )


# ---------------------------------------------------------------------- SQL safety


@pytest.fixture
def seeded_warehouse(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(" date 2024-03-22 " + "\n\n".join(GOOD_PARAGRAPHS), "utf-8")
    ingest_seed_folder(seeds, tmp_path / "w.duckdb")
    return tmp_path / "w.duckdb"


def _table_counts(db: Path) -> list[tuple[str, int]]:
    with Warehouse.open(db, read_only=True) as warehouse:
        tables = [
            r[0] for r in warehouse.fetch_all("SELECT table_name FROM duckdb_tables() ORDER BY 1")
        ]
        return [(t, warehouse.fetch_all(f"SELECT count(*) FROM {t}")[0][0]) for t in tables]


LIST_REPORTS = "list them with `newsledger reports`"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["diff", "x' OR '1'='1"], f"no report \"x' OR '1'='1\": {LIST_REPORTS}"),
        (["diff", "a' UNION SELECT 1 --"], f"no report \"a' UNION SELECT 1 --\": {LIST_REPORTS}"),
        (["story", "'; DROP TABLE versions; --"],
         "no story \"'; DROP TABLE versions; --\": list them with `newsledger stories`"),
    ],
    ids=["diff-or-true", "diff-union", "story-drop-table"],
)  # fmt: skip
def test_cli_arguments_never_reach_sql_as_code(
    seeded_warehouse: Path, args: list[str], expected: str
) -> None:
    before = _table_counts(seeded_warehouse)
    assert dict(before)["versions"] == 1
    result = cli(*args, "--db", seeded_warehouse.name, cwd=seeded_warehouse.parent)
    assert_one_line_error(result, expected)
    assert _table_counts(seeded_warehouse) == before


# Calls that run SQL, by the name they are called through.
_SQL_CALLS = frozenset({"execute", "executemany", "fetch_all", "fetch_dicts", "sql", "query"})
# (module, function) -> why its composed SQL cannot carry user input.
SQL_COMPOSITION_ALLOWED = {
    ("warehouse.py", "write_parquet"): "column names and types come from record dataclass fields "
    "(staging._columns); the values go through ? placeholders",
    ("export.py", "export_views_parquet"): "`select` is read from the package's own "
    "store/queries/export/*.sql files; COPY cannot take a query as a parameter",
    ("warehouse_measures.py", "count_rows"): "the benchmark counts its own tables by name; "
    "no page text",
    ("warehouse_measures.py", "logical_bytes"): "the benchmark sizes its own tables' columns, "
    "read from information_schema; no page text",
    ("storage_format.py", "rewrite_in_supported_format"): "database, schema and table names "
    "read from DuckDB's own catalog, quoted (identifiers cannot be parameters); the storage "
    "version is the module's constant; no page text",
}


def _composed_sql_calls(path: Path) -> list[tuple[str, str, int]]:
    """(module, enclosing function, line) of SQL calls whose SQL is not a plain literal,
    a query_sql("name") file, a variable, or a join of literals."""
    tree = ast.parse(path.read_text("utf-8"))
    found: list[tuple[str, str, int]] = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            if call.func.attr not in _SQL_CALLS or not call.args:
                continue
            sql = call.args[0]
            has_placeholder = isinstance(sql, ast.JoinedStr) and any(
                isinstance(part, ast.FormattedValue) for part in sql.values
            )
            formatted = isinstance(sql, ast.Call) and (
                isinstance(sql.func, ast.Attribute) and sql.func.attr in ("format", "join")
            )
            if has_placeholder or formatted or isinstance(sql, ast.BinOp):
                found.append((path.name, function.name, call.lineno))
    return sorted(found)


def test_no_module_composes_sql_from_values() -> None:
    found = [hit for path in sorted(SRC.rglob("*.py")) for hit in _composed_sql_calls(path)]
    unexpected = [hit for hit in found if hit[:2] not in SQL_COMPOSITION_ALLOWED]
    assert unexpected == []
    assert {hit[:2] for hit in found} == set(SQL_COMPOSITION_ALLOWED)


def test_the_sql_scan_finds_an_f_string_query() -> None:
    assert _composed_sql_calls(Path(__file__)) + _composed_sql_calls(NEWSROOM_FILE) == [
        ("test_bad_files_and_commands.py", "_table_counts", _table_counts_line()),
        ("bad_input.py", "stored", _stored_line()),
    ]


def _stored_line() -> int:
    return _line_of(NEWSROOM_FILE, 'warehouse.fetch_all(f"SELECT count(*) FROM {table}")')


def _table_counts_line() -> int:
    return _line_of(Path(__file__), 'warehouse.fetch_all(f"SELECT count(*) FROM {t}")')


def _line_of(path: Path, snippet: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if snippet in line)
