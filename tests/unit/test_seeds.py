from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsledger.capture.seeds import SeedFormatError, parse_seed, read_seeds

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_header_date_and_body_on_the_same_line() -> None:
    parsed = parse_seed(b" date 2024-03-23 MOSCOW \xe2\x80\x94 Gunmen stormed.\n\nSecond one.")
    assert parsed.date == date(2024, 3, 23)
    assert parsed.paragraphs == ("MOSCOW — Gunmen stormed.", "Second one.")


def test_paragraphs_split_on_blank_lines_only() -> None:
    parsed = parse_seed(b" date 2024-01-02 one\nstill one\n\n  \n\ntwo\n\n\nthree")
    assert parsed.paragraphs == ("one still one", "two", "three")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"MOSCOW - no header here", "no ' date YYYY-MM-DD ' header"),
        (b"date 2024-03-23 missing leading space", "no ' date YYYY-MM-DD ' header"),
        (b" date 2024-13-40 body", "bad date '2024-13-40'"),
        (b" date yesterday body", "bad date 'yesterday'"),
        (b" date 20240323 body", "bad date '20240323'"),
        (b" date 2024-03-23 \xff\xfe body", "not UTF-8 (byte 17: 0xff)"),
        (b" date 2024-03-23 a\x00b", "contains a NUL byte"),
        (b" date 2024-03-23 \n\n  ", "header but no body text"),
    ],
)
def test_malformed_seed_says_why(raw: bytes, reason: str) -> None:
    with pytest.raises(SeedFormatError) as error:
        parse_seed(raw)
    assert reason in str(error.value)


def test_seed_folder_gives_ap_twice_in_order_and_nz_herald_once() -> None:
    captures, problems = read_seeds(SEEDS)
    assert problems == []
    assert [(c.report_id, c.is_reconstructed) for c in captures] == [
        ("ap-moscow-concert-hall-attack", True),
        ("ap-moscow-concert-hall-attack", False),
        ("nzherald-moscow-concert-hall-attack", False),
    ]
    assert captures[1].paragraphs[0].startswith("MOSCOW — Gunmen stormed")
    assert captures[1].source == "seeds/000_4298c29b566fd99a.txt"
    assert str(captures[2].captured_at.date()) == "2024-03-22"


def test_bad_seed_file_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(b" date 2024-03-22 Good text.")
    (tmp_path / "latin1.txt").write_bytes(b" date 2024-03-22 caf\xe9")
    (tmp_path / "nodate.txt").write_bytes(b"Just text.")
    captures, problems = read_seeds(tmp_path)
    assert [c.report_id for c in captures] == ["good"]
    assert sorted((Path(p.path).name, p.reason.split(" (")[0]) for p in problems) == [
        ("latin1.txt", "not UTF-8"),
        ("nodate.txt", "no ' date YYYY-MM-DD ' header at the start of the first line"),
    ]


def test_manifest_entry_for_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text(
        '[[reports]]\nreport_id = "r"\ncaptures = [{ file = "gone.txt" }]\n'
    )
    captures, problems = read_seeds(tmp_path)
    assert captures == []
    assert [p.reason for p in problems] == ["listed in the manifest but missing"]


def test_a_seed_manifest_nested_too_deeply_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text("x = " + "[" * 5000 + "]" * 5000, "utf-8")
    captures, problems = read_seeds(tmp_path)
    assert captures == []
    assert [p.reason for p in problems] == [
        "manifest is not valid TOML: arrays or inline tables nested too deeply to read "
        "(flatten them)"
    ]
