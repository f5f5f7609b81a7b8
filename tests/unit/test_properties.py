"""Properties over generated input: stored diffs rebuild the new text, stored versions read
back as written, the seed reader never crashes, sentence splitting is thread-safe.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.capture.seeds import ParsedSeed, SeedFormatError, parse_seed
from newsledger.changes.diffing import apply_changes
from newsledger.models import Capture, Change, WordOp
from newsledger.runs.pipeline import ingest_captures
from newsledger.store.warehouse import Warehouse
from newsledger.text.normalize import normalize_paragraphs
from newsledger.text.segment import sentences_of, split_sentences

# Words, numbers and punctuation that make sentence boundaries and near-miss edits likely.
WORDS = st.sampled_from(
    [
        "the",
        "council",
        "voted",
        "7",
        "to",
        "3",
        "$1.5m",
        "U.S.",
        "Mr.",
        "Smith",
        "said",
        "on",
        "Tuesday",
        ".",
        ",",
        ";",
        "—",
        "café",
        "Zürich",
        "2024",
        "not",
        "never",
        "10%",
        "budget",
        "plan",
        "harbour",
    ]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
PARAGRAPHS = st.lists(PARAGRAPH, min_size=1, max_size=6)
T0 = datetime(2024, 3, 22, tzinfo=UTC)
PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@contextmanager
def temp_warehouse() -> Iterator[Warehouse]:
    with tempfile.TemporaryDirectory() as folder, Warehouse.open(Path(folder) / "p.duckdb") as w:
        yield w


def _stored_changes(warehouse: Warehouse, report_id: str) -> list[Change]:
    rows = warehouse.fetch_all(
        "SELECT change_no, op, before_text, after_text, before_pos, after_pos, word_ops, field "
        "FROM v_changes WHERE report_id = ? AND to_version = 2 ORDER BY change_no",
        [report_id],
    )
    return [
        Change(
            no, op, before, after, bpos, apos, tuple(WordOp(**o) for o in json.loads(ops)), field
        )  # fmt: skip
        for no, op, before, after, bpos, apos, ops, field in rows
    ]


@PROPERTY_SETTINGS
@given(old=PARAGRAPHS, new=PARAGRAPHS)
def test_stored_diff_applied_to_the_old_version_gives_the_new(
    old: list[str], new: list[str]
) -> None:
    with temp_warehouse() as warehouse:
        ingest_captures(warehouse, [
            Capture("r", T0, "one", tuple(normalize_paragraphs(old))),
            Capture("r", T0 + timedelta(hours=1), "two", tuple(normalize_paragraphs(new))),
        ])  # fmt: skip
        changes = _stored_changes(warehouse, "r")
    old_sentences = sentences_of(normalize_paragraphs(old))
    assert apply_changes(old_sentences, changes) == sentences_of(normalize_paragraphs(new))


@PROPERTY_SETTINGS
@given(paragraphs=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6))
def test_a_stored_version_reads_back_as_its_normalised_text(paragraphs: list[str]) -> None:
    normalised = normalize_paragraphs(paragraphs)
    if not normalised:
        return
    with temp_warehouse() as warehouse:
        ingest_captures(warehouse, [Capture("r", T0, "one", normalised)])
        [(text,)] = warehouse.fetch_all("SELECT text FROM v_versions WHERE report_id = 'r'")
    assert text == "\n\n".join(normalised)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: (" date " + t).encode()))
def test_the_seed_reader_never_crashes(raw: bytes) -> None:
    try:
        parsed = parse_seed(raw)
    except SeedFormatError as error:
        assert str(error)
    else:
        assert isinstance(parsed, ParsedSeed) and parsed.paragraphs


def test_sentence_splitting_gives_the_same_answer_from_many_threads() -> None:
    texts = [
        f"Correction: An earlier version said the vote in town {i} was 7 to 3. It was "
        f"7 to 2. Mr. Smith of the U.S. office agreed on Tuesday." * 3
        for i in range(200)
    ]
    expected = [split_sentences(text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(split_sentences, texts)) == expected
