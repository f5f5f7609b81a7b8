"""The WARC writer names a revisit's original from memory: it never reads earlier records
back to write one (a run of repeated bodies would otherwise re-read each original)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newsledger.capture.warc import WarcArchive, WarcLocation

AT = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
FIRST_URL = "https://news.example.com/world/story-1"
COPY_URL = "https://mirror.example.org/story-1"


def record_at(root: Path, location: WarcLocation) -> dict[str, str]:
    with (root / location.file).open("rb") as stream:
        stream.seek(location.offset)
        return dict(next(iter(ArchiveIterator(stream))).rec_headers.headers)


def overwrite(root: Path, location: WarcLocation) -> None:
    """Zeroes a record's bytes in place, so any attempt to read it back fails."""
    with (root / location.file).open("r+b") as stream:
        stream.seek(location.offset)
        stream.write(b"\0" * location.length)


def test_revisit_is_written_without_reading_the_original_back(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path)
    body = random.Random(7).randbytes(50_000)
    first = archive.write_exchange(FIRST_URL, AT, {}, 200, {}, body)
    original = record_at(tmp_path, first)
    overwrite(tmp_path, first)

    second = archive.write_exchange(COPY_URL, AT + timedelta(minutes=5), {}, 200, {}, body)

    revisit = record_at(tmp_path, second)
    assert second.is_revisit
    assert (
        revisit["WARC-Refers-To-Target-URI"],
        revisit["WARC-Refers-To-Date"],
        revisit["WARC-Refers-To"],
        revisit["NewsLedger-Refers-To-Offset"],
    ) == (FIRST_URL, original["WARC-Date"], original["WARC-Record-ID"], str(first.offset))


def test_an_original_found_in_the_days_file_is_named_from_its_scan(tmp_path: Path) -> None:
    body = random.Random(8).randbytes(20_000)
    first = WarcArchive(tmp_path).write_exchange(FIRST_URL, AT, {}, 200, {}, body)
    original = record_at(tmp_path, first)
    archive = WarcArchive(tmp_path)
    second = archive.write_exchange(COPY_URL, AT + timedelta(hours=1), {}, 200, {}, body)
    overwrite(tmp_path, first)

    third = archive.write_exchange(COPY_URL, AT + timedelta(hours=2), {}, 200, {}, body)

    assert (second.is_revisit, third.is_revisit) == (True, True)
    assert record_at(tmp_path, third)["WARC-Refers-To"] == original["WARC-Record-ID"]
