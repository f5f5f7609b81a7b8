"""Fact claims: the figures a sentence states, and the numbers that are not counts."""

from __future__ import annotations

import pytest

from newsledger.stories.facts import FactClaim, claims_of_paragraphs, extract_fact_claims


def figures(sentence: str) -> list[tuple[str, str, float, float | None, bool]]:
    return [
        (c.quantity, c.qualifier, c.value, c.value_high, c.vague)
        for c in extract_fact_claims(sentence)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At least 40 people were killed.", [("killed", "at_least", 40, None, False)]),
        (
            "Gunmen sprayed the crowd with gunfire, killing more than 60 people.",
            [("killed", "more_than", 60, None, False)],
        ),
        ("More than 60 people were killed.", [("killed", "more_than", 60, None, False)]),
        (
            "Health authorities published a list of 145 injured, 115 of them hospitalized, "
            "including five children.",
            [("injured", "exact", 145, None, False), ("hospitalized", "exact", 115, None, False)],
        ),
        (
            "The attack has killed at least 40 people and injured more than 145.",
            [("killed", "at_least", 40, None, False), ("injured", "more_than", 145, None, False)],
        ),
        (
            "Russian special forces stormed the building and 129 hostages and 41 Chechen "
            "fighters died.",
            [("killed", "exact", 129, None, False), ("killed", "exact", 41, None, False)],
        ),
        (
            "Several gunmen fired at the crowd, killing 40 people and injuring at least another "
            "130.",
            [("killed", "exact", 40, None, False), ("injured", "at_least", 130, None, False)],
        ),
        (
            "The group said it attacked a large gathering, killing and injuring hundreds.",
            [("killed", "at_least", 200, None, True), ("injured", "at_least", 200, None, True)],
        ),
    ],
)
def test_required_and_seed_sentences(sentence: str, expected: list[tuple]) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The death toll rose to 157 on Saturday.", ("killed", "exact", 157, None, False)),
        ("Dozens of people were killed.", ("killed", "at_least", 24, None, True)),
        ("Scores of people were injured.", ("injured", "at_least", 40, None, True)),
        ("Thousands of residents were evacuated.", ("evacuated", "at_least", 2000, None, True)),
        ("Twenty-five people have been arrested.", ("arrested", "exact", 25, None, False)),
        ("Half a dozen people were arrested.", ("arrested", "exact", 6, None, False)),
        ("At least a dozen people were injured.", ("injured", "at_least", 12, None, False)),
        (
            "The floods have displaced an estimated 1.5 million people.",
            ("displaced", "about", 1_500_000, None, False),
        ),
        (
            "The floods forced more than a million people from their homes.",
            ("displaced", "more_than", 1_000_000, None, False),
        ),
        ("Between 40 and 60 people are feared dead.", ("killed", "range", 40, 60, False)),
        ("Officials said 40-60 people were still missing.", ("missing", "range", 40, 60, False)),
        ("Up to 80 people are feared to have died.", ("killed", "at_most", 80, None, False)),
        ("As many as 30 people may have been killed.", ("killed", "at_most", 30, None, False)),
        ("Fewer than 10 people were injured.", ("injured", "fewer_than", 10, None, False)),
        ("Nearly 300 people have died.", ("killed", "about", 300, None, False)),
        ("No fewer than 70 people were hurt.", ("injured", "at_least", 70, None, False)),
        (
            "Upwards of 10,000 residents were evacuated.",
            ("evacuated", "more_than", 10_000, None, False),
        ),
        ("The militants are holding 12 hostages.", ("hostages", "exact", 12, None, False)),
        ("Security forces freed 30 hostages.", ("rescued", "exact", 30, None, False)),
        ("Four suspects have been taken into custody.", ("detained", "exact", 4, None, False)),
        ("Officers made 27 arrests.", ("arrested", "exact", 27, None, False)),
        ("The crash claimed 18 lives.", ("killed", "exact", 18, None, False)),
        (
            "Four of the 11 crew members are still unaccounted for.",
            ("missing", "exact", 4, None, False),
        ),
        ("The death toll has now passed 2,000.", ("killed", "more_than", 2000, None, False)),
    ],
)
def test_one_claim(sentence: str, expected: tuple) -> None:
    assert figures(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Investigators said the 224 people on board had all passed through security.",
        "In October 2015, a bomb brought down a Russian passenger plane over Sinai.",
        "Crocus City Hall is a large music venue that can seat 6,200 people.",
        "The war in Ukraine dragged into its third year.",
        "The suspect, 34, was arrested at his home in Leeds on Thursday morning.",
        "Police said a 15-year-old boy was among those arrested.",
        "The government pledged $50 million in emergency aid for the 12 worst-hit districts.",
        "Turnout was 67 percent, the election commission said.",
        "Manchester City beat Arsenal 3-1 on Sunday.",
        "The magnitude 7.8 quake struck at a depth of 10 kilometers shortly after 4 a.m.",
        "He was sentenced to 12 years in prison for his role in the 2019 attack.",
        "Leaving more than a million people without electricity.",
        "As many as 50 people may have been trapped under the rubble.",
        "Almost half of the 1,200 residents were evacuated by boat.",
        "Some Russian media suggested some may have been killed.",
    ],
)
def test_not_a_claim(sentence: str) -> None:
    assert extract_fact_claims(sentence) == []


def test_claim_keeps_its_words() -> None:
    [claim] = extract_fact_claims("At least 40 people were killed.")
    assert claim == FactClaim(
        quantity="killed",
        qualifier="at_least",
        value=40,
        value_high=None,
        vague=False,
        phrase="At least 40",
        sentence="At least 40 people were killed.",
        sentence_no=0,
        background=False,
    )


def test_paragraph_claims_are_numbered_across_the_text() -> None:
    paragraphs = [
        "Gunmen stormed a concert hall. More than 60 people were killed.",
        "Health authorities published a list of 145 injured.",
    ]
    assert [(c.sentence_no, c.quantity, c.value) for c in claims_of_paragraphs(paragraphs)] == [
        (1, "killed", 60),
        (2, "injured", 145),
    ]


def test_a_dated_paragraph_marks_its_claims_as_background() -> None:
    paragraphs = [
        "In October 2002, Chechen militants took about 800 people hostage in a theater in "
        "Moscow. Two days later, Russian special forces stormed the building and 129 hostages "
        "and 41 Chechen fighters died.",
        "More than 60 people were killed on Friday.",
    ]
    assert [(c.value, c.background) for c in claims_of_paragraphs(paragraphs)] == [
        (800, True),
        (129, True),
        (41, True),
        (60, False),
    ]
