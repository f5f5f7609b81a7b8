"""Errors a user can cause end in one line naming the thing and the fix (issue 16, item 13):
report and export folders that are files or unwritable, a full disk under the WARC archive,
sources files too deeply nested or holding nan/inf, WARC files with no records, and a reader
holding the warehouse while an ingest wants to write.

Every command runs as a user runs it, in a subprocess with its output piped.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.store.warehouse import Warehouse, WarehouseLockedError
from support.bad_input import GOOD_PARAGRAPHS
from support.loopback import LoopbackServer, loopback_policy
from support.newsroom import article_page, loopback_sources, serve_feed


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli([sys.executable, "-m", "newsledger.cli", *args], cwd)


def run_cli(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "1000"}
    env.pop("NEWSLEDGER_DB", None)
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    # A progress display may leave an empty line on stderr before the error.
    assert (result.returncode, result.stderr.lstrip("\n")) == (2, f"error: {expected}\n")


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Makes the folder `path` unwritable even for root (chattr +i) where it can; skips
    otherwise."""
    path.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        path.chmod(0o755)
        pytest.skip("running as root without chattr +i: cannot make a folder unwritable")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o755)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("seeds")
    (seeds / "a.txt").write_text(" date 2024-03-22 " + "\n\n".join(GOOD_PARAGRAPHS), "utf-8")
    db = tmp_path_factory.mktemp("warehouse") / "w.duckdb"
    ingest_seed_folder(seeds, db)
    return db


# ----------------------------------------------------------- report and export folders

REPORT_FIX = "(pass --out DIR, a folder you can write)"
EXPORT_FIX = "(pass a folder you can write)"
IN_THE_WAY = "a file is in the way where a folder is needed"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["report", "--out", "taken"], f"cannot write the report into taken: {IN_THE_WAY}"),
        (["report", "--out", "taken/sub"],
         f"cannot write the report into taken/sub: {IN_THE_WAY}"),
        (["export", "parquet", "taken"], f"cannot export into taken: {IN_THE_WAY}"),
        (["export", "parquet", "taken/sub"], f"cannot export into taken/sub: {IN_THE_WAY}"),
    ],
    ids=["report-file", "report-under-file", "export-file", "export-under-file"],
)  # fmt: skip
def test_an_output_folder_that_is_a_file_is_one_line(
    warehouse: Path, tmp_path: Path, command: list[str], expected: str
) -> None:
    (tmp_path / "taken").write_text("my notes\n")
    result = cli(*command, "--db", str(warehouse), cwd=tmp_path)
    fix = REPORT_FIX if command[0] == "report" else EXPORT_FIX
    assert_one_line_error(result, f"{expected} {fix}")
    assert (tmp_path / "taken").read_text() == "my notes\n"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["report", "--out", "locked/reports"],
         f"cannot write the report into locked/reports: not writable {REPORT_FIX}"),
        (["export", "parquet", "locked"], f"cannot export into locked: not writable {EXPORT_FIX}"),
        (["export", "parquet", "locked/lake"],
         f"cannot export into locked/lake: not writable {EXPORT_FIX}"),
    ],
    ids=["report-in-unwritable", "export-into-unwritable", "export-in-unwritable"],
)  # fmt: skip
def test_an_unwritable_output_folder_is_one_line(
    warehouse: Path, tmp_path: Path, command: list[str], expected: str
) -> None:
    (tmp_path / "locked").mkdir()
    with unwritable(tmp_path / "locked"):
        result = cli(*command, "--db", str(warehouse), cwd=tmp_path)
    assert_one_line_error(result, expected)


def test_an_earlier_export_in_an_unwritable_folder_is_left_whole(
    warehouse: Path, tmp_path: Path
) -> None:
    assert cli("export", "parquet", "lake", "--db", str(warehouse), cwd=tmp_path).returncode == 0
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "lake").rglob("*"))
    with unwritable(tmp_path / "lake"):
        result = cli("export", "parquet", "lake", "--db", str(warehouse), cwd=tmp_path)
    assert_one_line_error(result, f"cannot export into lake: not writable {EXPORT_FIX}")
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "lake").rglob("*")) == before


# ------------------------------------------------------------------ the WARC archive

ARCHIVE_FULL = "cannot write the WARC archive {}: no space left on the disk"
ARCHIVE_FIX = "(free space there, or pass --archive DIR)"


def _newsroom(server: LoopbackServer, folder: Path) -> None:
    page = article_page("Council passes budget", GOOD_PARAGRAPHS, server.url("/a"))
    server.route("/a", body=page)
    serve_feed(server, [("Council passes budget", "/a")])
    (folder / "sources.toml").write_text(loopback_sources(server))


def _tiny_filesystem_command(mount_point: Path, argv: list[str]) -> list[str] | None:
    """argv run in a private mount namespace where `mount_point` is a full 64 KiB tmpfs; None
    when this machine cannot mount one (no unshare, no user namespaces)."""
    if shutil.which("unshare") is None:
        return None
    namespace = ["unshare", "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    script = (
        'mount -t tmpfs -o size=64k newsledger-full "$0" || exit 97; '
        'head -c 1M /dev/zero > "$0/filler" 2>/dev/null; exec "$@"'
    )
    probe = subprocess.run([*namespace, "sh", "-c", script, str(mount_point), "true"])
    return None if probe.returncode else [*namespace, "sh", "-c", script, str(mount_point), *argv]


def test_a_full_disk_under_the_warc_archive_is_one_line(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    """A real full filesystem (ENOSPC from a 64 KiB tmpfs, filled before the run)."""
    _newsroom(loopback_server, tmp_path)
    (tmp_path / "archive").mkdir()
    ingest = [sys.executable, "-m", "newsledger.cli", "ingest", "feeds", "--all"]
    argv = _tiny_filesystem_command(
        tmp_path / "archive", [*ingest, "--db", "w.duckdb", "--archive", "archive"]
    )
    if argv is None:
        pytest.skip("cannot mount a tiny tmpfs here (unshare/user namespaces unavailable)")
    result = run_cli(argv, tmp_path)
    assert_one_line_error(result, f"{ARCHIVE_FULL.format('archive')} {ARCHIVE_FIX}")
    assert result.stdout == ""


def test_an_unwritable_warc_archive_is_one_line(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    _newsroom(loopback_server, tmp_path)
    (tmp_path / "archive").mkdir()
    with unwritable(tmp_path / "archive"):
        result = cli(
            "ingest", "feeds", "--all", "--db", "w.duckdb", "--archive", "archive", cwd=tmp_path
        )
    assert_one_line_error(
        result, f"cannot write the WARC archive archive: not writable {ARCHIVE_FIX}"
    )


# ---------------------------------------------------------------------- sources files


@pytest.mark.parametrize(
    "value",
    ["[" * 5000 + "]" * 5000, "{a = " * 5000 + "1" + "}" * 5000],
    ids=["arrays", "inline-tables"],
)
def test_a_deeply_nested_sources_file_is_one_line(tmp_path: Path, value: str) -> None:
    (tmp_path / "sources.toml").write_text(f"deep = {value}\n")
    result = cli("sources", "check", cwd=tmp_path)
    assert_one_line_error(
        result,
        "sources.toml: invalid TOML: arrays or inline tables nested too deeply to read "
        "(flatten them)",
    )


@pytest.mark.parametrize("value", ["nan", "+nan", "inf", "+inf", "-inf"])
def test_a_timeout_of_nan_or_inf_is_refused_naming_the_setting(tmp_path: Path, value: str) -> None:
    (tmp_path / "sources.toml").write_text(f"[fetch]\ntotal_timeout_s = {value}\n")
    result = cli("sources", "check", cwd=tmp_path)
    shown = value.lstrip("+")
    assert_one_line_error(
        result, f"sources.toml: fetch: 'total_timeout_s' must be a finite number, got {shown}"
    )


def test_a_refetch_step_of_inf_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text("[refetch]\nsteps = [[3, 15], [inf, 60]]\n")
    result = cli("sources", "check", cwd=tmp_path)
    assert_one_line_error(
        result, "sources.toml: refetch: steps[1] must be [max_age_hours, interval_minutes]"
    )


# ------------------------------------------------------------------------ import warc


def test_importing_random_bytes_exits_2_saying_no_records_were_read(tmp_path: Path) -> None:
    (tmp_path / "noise.warc").write_bytes(random.Random(16).randbytes(4096))
    result = cli("import", "warc", "noise.warc", "--db", "w.duckdb", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "error: no WARC response records were read from noise.warc: "
        "is it a WARC file (.warc or .warc.gz) of web captures?"
    )
    assert not (tmp_path / "w.duckdb").exists()


def test_importing_an_empty_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(b"")
    (tmp_path / "b.warc").write_bytes(b"")
    result = cli("import", "warc", "a.warc.gz", "b.warc", "--db", "w.duckdb", cwd=tmp_path)
    assert_one_line_error(
        result,
        "no WARC response records were read from any of the 2 files: "
        "is it a WARC file (.warc or .warc.gz) of web captures?",
    )


# -------------------------------------------------------- a reader holding the warehouse

HOLD_FOR_READING = (
    "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
    "print('open', flush=True); time.sleep(60)"
)


def test_a_reader_holding_the_warehouse_is_named_not_blamed_as_a_writer(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    with Warehouse.open(db):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_FOR_READING, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        _newsroom(loopback_server, tmp_path)
        config = parse_sources((tmp_path / "sources.toml").read_text())
        options = LiveRunOptions(db, None, processes=1, open_wait_s=0.2)
        with (
            Fetcher(loopback_policy()) as fetcher,
            pytest.raises(WarehouseLockedError) as caught,
        ):
            ingest_feeds(config, options, fetcher=fetcher, poll_all=True)
    finally:
        holder.kill()
        holder.wait()
    assert str(caught.value) == (
        f"warehouse {db} is open in another process (PID {holder.pid}), reading it: "
        "wait until it closes the file, then run this again"
    )
