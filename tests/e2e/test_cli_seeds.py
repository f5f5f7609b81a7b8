from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsledger.cli import build_parser, main
from newsledger.store.warehouse import Warehouse

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AP = "ap-moscow-concert-hall-attack"


@pytest.mark.usefixtures("prefect_harness")
def test_ingest_twice_then_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.duckdb")
    assert main(["ingest", "seeds", "--seeds", str(SEEDS), "--db", db]) == 0
    first = capsys.readouterr().out
    assert "new versions: 3" in first
    assert main(["ingest", "seeds", "--seeds", str(SEEDS), "--db", db]) == 0
    assert "0 new versions" in capsys.readouterr().out
    with Warehouse.open(db, read_only=True) as w:
        per_report = w.fetch_all(
            "SELECT report_id, count(*) FROM v_versions GROUP BY ALL ORDER BY ALL"
        )
    assert per_report == [(AP, 2), ("nzherald-moscow-concert-hall-attack", 1)]

    assert main(["diff", AP, "--db", db]) == 0
    shown = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert "[-national security adviser-]{+National Security Council+}" in shown
    assert "{+ spokesman for+}" in shown
    assert "{+This story was updated to correct that John Kirby" in shown


def test_unknown_report_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "empty.duckdb"
    Warehouse.open(db).close()
    assert main(["diff", "no-such-report", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "error: no report 'no-such-report': list them with `newsledger reports`"
    ]


def test_missing_warehouse_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", AP, "--db", str(tmp_path / "nowhere.duckdb")]) == 2
    assert "no warehouse at" in capsys.readouterr().err


def test_db_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from newsledger.config import load_settings

    monkeypatch.setenv("NEWSLEDGER_DB", str(tmp_path / "env.duckdb"))
    assert load_settings().db_path == tmp_path / "env.duckdb"
    assert load_settings(db_path="x.duckdb").db_path == Path("x.duckdb")


def _subcommands(parser: object) -> dict[str, object]:
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_help_ends_with_an_example() -> None:
    pending = list(_subcommands(build_parser()).items())
    assert pending
    while pending:
        name, parser = pending.pop()
        help_text = parser.format_help()  # type: ignore[attr-defined]
        assert re.search(r"example:\n  newsledger .+\n?$", help_text), name
        pending.extend(_subcommands(parser).items())
