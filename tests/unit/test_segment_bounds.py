"""Sentence splitting does bounded work per character: pysbd, whose cost grows with the square
of its input, never gets more than MAX_SEGMENT_CHARS at once, and each character once."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pysbd
import pytest

from newsledger.text.segment import MAX_SEGMENT_CHARS, segment_windows, split_sentences

SIZE = 60_000


def _sentences(rng: random.Random) -> str:
    words = ["the", "council", "said", "on", "Tuesday", "that", "Mr.", "Smith", "and", "U.S.",
             "team", "had", "3.5", "votes"]  # fmt: skip
    out: list[str] = []
    while sum(len(s) + 1 for s in out) < SIZE:
        out.append(" ".join(rng.choice(words) for _ in range(14)).capitalize() + ".")
    return " ".join(out)


def _no_end_marks(rng: random.Random) -> str:
    return " ".join(f"word{rng.randrange(1000)}" for _ in range(SIZE // 8))


def _no_spaces(rng: random.Random) -> str:
    return "".join(rng.choice("abcdef") for _ in range(SIZE))


@pytest.fixture
def handed() -> Iterator[list[int]]:
    """The length of every text pysbd is handed; a text over the bound fails at once."""
    lengths: list[int] = []
    original = pysbd.Segmenter.segment

    def segment(self: pysbd.Segmenter, text: str) -> list[str]:
        lengths.append(len(text))
        assert len(text) <= MAX_SEGMENT_CHARS, f"pysbd handed {len(text)} characters at once"
        return original(self, text)  # type: ignore[no-any-return]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pysbd.Segmenter, "segment", segment)
        yield lengths


@pytest.mark.parametrize("make", [_sentences, _no_end_marks, _no_spaces])
def test_a_long_paragraph_reaches_pysbd_in_bounded_windows(handed: list[int], make: object) -> None:
    paragraph = make(random.Random(16))  # type: ignore[operator]
    sentences = split_sentences(paragraph)
    assert max(handed) <= MAX_SEGMENT_CHARS
    assert sum(handed) == len(paragraph)  # every character handed over exactly once
    # Nothing lost or moved: the same characters in the same order, whitespace aside.
    assert "".join("".join(sentences).split()) == "".join(paragraph.split())


def test_windows_cut_after_a_sentence_end_when_there_is_one() -> None:
    paragraph = _sentences(random.Random(3))
    windows = segment_windows(paragraph)
    assert "".join(windows) == paragraph
    assert all(w.rstrip().endswith(".") for w in windows[:-1])
    assert all(MAX_SEGMENT_CHARS // 2 <= len(w) <= MAX_SEGMENT_CHARS for w in windows[:-1])


def test_a_paragraph_within_the_bound_is_split_whole() -> None:
    paragraph = "Mr. Smith went to Washington. He met the U.S. team at 3.5 p.m. on Tuesday."
    assert segment_windows(paragraph) == [paragraph]
    assert split_sentences(paragraph) == [
        "Mr. Smith went to Washington.",
        "He met the U.S. team at 3.5 p.m. on Tuesday.",
    ]
