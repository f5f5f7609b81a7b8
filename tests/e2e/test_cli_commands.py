"""The analyst and editor commands, end to end on a warehouse built from the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.runs.pipeline import ingest_seed_folder

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "w.duckdb"
    ingest_seed_folder(SEEDS, path)
    return str(path)


def _out(capsys: pytest.CaptureFixture[str]) -> str:
    return re.sub(r"\s+", " ", capsys.readouterr().out)


def test_stories_and_story_timeline(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--db", db]) == 0
    listing = capsys.readouterr().out
    [story_id] = re.findall(r"story-[0-9a-f]{10}", listing)
    assert main(["story", story_id, "--db", db]) == 0
    shown = _out(capsys)
    assert "2 reports" in shown
    assert "nzherald-moscow-concert-hall-attack — New Zealand Herald (shares 1 sentence(s)" in shown
    assert (
        "killed: ≥ 40 (2024-03-22, New Zealand Herald) → > 60 (2024-03-23, Associated Press)"
        in shown
    )


def test_unknown_story_is_one_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["story", "story-nope", "--db", db]) == 2
    assert "no story 'story-nope'" in capsys.readouterr().err


def test_check_passes_then_fails_on_damage(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", db]) == 0
    assert "invariants hold" in capsys.readouterr().out
    import duckdb

    with duckdb.connect(db) as con:
        con.execute("DELETE FROM version_paragraphs WHERE position = 0 AND version_no = 2")
    assert main(["check", "--db", db]) == 1
    assert "version_paragraphs: ap-moscow-concert-hall-attack#2" in capsys.readouterr().out


def test_export_parquet(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "parquet", str(tmp_path / "lake"), "--db", db]) == 0
    assert "v_versions: 3 rows" in capsys.readouterr().out
    assert (tmp_path / "lake" / "v_changes" / "capture_date=2024-03-23").is_dir()


@pytest.mark.parametrize("what", ["changes", "stories"])
def test_eval_commands_pass_their_targets(what: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", what]) == 0
    assert "passed" in capsys.readouterr().out.lower().splitlines()[-1]


def test_review_set_change_and_list(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(db, read_only=True) as w:
        [(entry_id,)] = w.fetch_all(
            "SELECT entry_id FROM v_correction_log "
            "WHERE report_id = 'ap-moscow-concert-hall-attack' AND to_version = 2"
        )
    assert main(["review", "--list", "--db", db]) == 0
    assert entry_id in capsys.readouterr().out
    assert main(["review", entry_id, "--status", "needs-note", "--by", "ann", "--db", db]) == 0
    assert main(["review", entry_id, "--status", "reviewed", "--by", "bob", "--db", db]) == 0
    assert f"{entry_id}: reviewed by bob" in capsys.readouterr().out
    assert main(["review", "--list", "--db", db]) == 0
    assert entry_id not in capsys.readouterr().out
    assert main(["review", "nope", "--status", "reviewed", "--db", db]) == 2
    assert capsys.readouterr().err.strip()


def test_report_writes_every_format(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rep"
    assert main(["report", "--db", db, "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).name for p in printed) == [
        "correction-log.atom",
        "correction-log.csv",
        "correction-log.html",
        "correction-log.json",
        "correction-log.md",
    ]
    entries = json.loads((out / "correction-log.json").read_text("utf-8"))
    assert "Kirby" in json.dumps(entries)
