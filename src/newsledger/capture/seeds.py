"""Reads the seeds/ folder into captures.

`manifest.toml` says which files are captures of which report and in what order;
a .txt file the manifest does not name is a report of its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newsledger.capture.toml_checks import load_toml
from newsledger.models import Capture, SeedProblem
from newsledger.text.normalize import normalize_paragraphs
from newsledger.text.segment import split_paragraphs

MANIFEST_NAME = "manifest.toml"
_HEADER = re.compile(r"\A date (\S*) ", re.ASCII)


class SeedFormatError(ValueError):
    """A seed file's bytes do not follow the seed format."""


@dataclass(frozen=True)
class ParsedSeed:
    date: date
    paragraphs: tuple[str, ...]


def parse_seed(raw: bytes) -> ParsedSeed:
    """` date YYYY-MM-DD ` then the body on the same line; paragraphs split on blank lines."""
    if not raw.strip():
        raise SeedFormatError("file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SeedFormatError(f"not UTF-8 (byte {error.start}: {raw[error.start]:#04x})") from None
    if "\x00" in text:
        raise SeedFormatError("contains a NUL byte")
    match = _HEADER.match(text)
    if match is None:
        raise SeedFormatError("no ' date YYYY-MM-DD ' header at the start of the first line")
    try:
        seed_date = date.fromisoformat(match.group(1))
    except ValueError:
        raise SeedFormatError(f"bad date {match.group(1)!r} in the header") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", match.group(1)):
        raise SeedFormatError(f"bad date {match.group(1)!r} in the header (want YYYY-MM-DD)")
    paragraphs = normalize_paragraphs(split_paragraphs(text[match.end() :]))
    if not paragraphs:
        raise SeedFormatError("header but no body text")
    return ParsedSeed(date=seed_date, paragraphs=paragraphs)


@dataclass(frozen=True)
class _SeedEntry:
    report_id: str
    file: str
    outlet: str | None
    label: str | None
    is_reconstructed: bool


def _manifest_entries(seeds_dir: Path, problems: list[SeedProblem]) -> list[_SeedEntry]:
    manifest_path = seeds_dir / MANIFEST_NAME
    if not manifest_path.exists():
        return []
    try:
        manifest: dict[str, Any] = load_toml(manifest_path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(SeedProblem(str(manifest_path), f"manifest is not valid TOML: {error}"))
        return []
    entries: list[_SeedEntry] = []
    for report in manifest.get("reports", []):
        report_id = report.get("report_id")
        if not isinstance(report_id, str) or not report_id:
            problems.append(SeedProblem(str(manifest_path), "a [[reports]] entry has no report_id"))
            continue
        for capture in report.get("captures", []):
            entries.append(
                _SeedEntry(
                    report_id=report_id,
                    file=str(capture["file"]),
                    outlet=report.get("outlet"),
                    label=report.get("label"),
                    is_reconstructed=bool(capture.get("reconstructed", False)),
                )
            )
    return entries


def read_seeds(seeds_dir: Path) -> tuple[list[Capture], list[SeedProblem]]:
    """Every readable capture in manifest order, and every file that could not be read."""
    problems: list[SeedProblem] = []
    entries = _manifest_entries(seeds_dir, problems)
    named = {entry.file for entry in entries}
    for path in sorted(seeds_dir.rglob("*.txt")):
        relative = path.relative_to(seeds_dir).as_posix()
        if relative not in named:
            entries.append(_SeedEntry(path.stem, relative, None, None, "reconstructed" in relative))
    captures: list[Capture] = []
    for entry in entries:
        path = seeds_dir / entry.file
        try:
            parsed = parse_seed(path.read_bytes())
        except FileNotFoundError:
            problems.append(SeedProblem(str(path), "listed in the manifest but missing"))
            continue
        except SeedFormatError as error:
            problems.append(SeedProblem(str(path), str(error)))
            continue
        captures.append(
            Capture(
                report_id=entry.report_id,
                captured_at=datetime.combine(parsed.date, datetime.min.time(), tzinfo=UTC),
                source=f"seeds/{entry.file}",
                paragraphs=parsed.paragraphs,
                outlet=entry.outlet,
                label=entry.label,
                is_reconstructed=entry.is_reconstructed,
            )
        )
    return captures, problems
