from __future__ import annotations

import pytest

from newsledger.text.segment import split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "However, U.S. intelligence officials confirmed the claim by the affiliate, "
            "a U.S. official told the AP.",
            [
                "However, U.S. intelligence officials confirmed the claim by the affiliate, "
                "a U.S. official told the AP."
            ],
        ),
        (
            "Dmitry Medvedev, the deputy chairman of Russia's Security Council, said so. "
            "Mykhailo Podolyak denied it.",
            [
                "Dmitry Medvedev, the deputy chairman of Russia's Security Council, said so.",
                "Mykhailo Podolyak denied it.",
            ],
        ),
        (
            "Mr. Smith paid $1.5 million. Dr. Jones left.",
            ["Mr. Smith paid $1.5 million.", "Dr. Jones left."],
        ),
        ("One. Two? Three!", ["One.", "Two?", "Three!"]),
        ("", []),
    ],
)
def test_sentences_are_not_split_at_abbreviations(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences


def test_paragraphs_split_on_blank_lines_with_spaces() -> None:
    assert split_paragraphs("a\nb\n \t\nc\n\n\n\nd") == ["a\nb", "c", "d"]
