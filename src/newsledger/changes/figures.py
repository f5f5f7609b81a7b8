"""Figures in a sentence and how they differ: amounts, number words, dates, score lines;
`numeric_evidence` and `score_evidence` say "40 → 60" when two texts' figures differ."""

from __future__ import annotations

import re
from collections import Counter

from newsledger.changes.words import CALENDAR_WORDS, NUMBER_WORDS, words_of

# Digits glued to letters before them are part of a name (Q1, COP26, G7, T20), not a figure.
_AMOUNT = re.compile(
    r"(?<![^\W_])[$£€¥]?\d+(?:[,.]\d+)*"
    r"(?:\s?(?:%|per\s?cent|percent|[mk]\b|bn\b|million|billion|trillion))?",
    re.I,
)
# A score or tally line ("2-1", "125-7"): the same match's state, whatever the words around it.
_SCORE = re.compile(r"(?<![\w.])\d{1,3}-\d{1,3}(?![\w.])")
# Number words that say the same figure as digits ("world number one" = "number 1").
SMALL_NUMBERS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
    )
}
# Ordinals, fractions and vague quantities: a change only when another figure replaces them
# ("third Test" dropped is a rewrite; "fifth try" -> "seventh try" is a figure).
_SOFT_NUMBERS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth half quarter "  # noqa: SIM905
    "several few many couple".split()
)


def amounts(text: str) -> Counter[str]:
    found = [re.sub(r"\s+", "", m.group(0).lower()) for m in _AMOUNT.finditer(text)]
    words = [w.lower() for w in words_of(text)]
    for i, word in enumerate(words):
        if word not in NUMBER_WORDS:
            continue
        # "scores" is a quantity only in "scores of"; in sport it is a verb.
        if word in ("score", "scores") and (i + 1 >= len(words) or words[i + 1] != "of"):
            continue
        found.append(SMALL_NUMBERS.get(word, word))
    return Counter(found)


# Months that are also verbs ("thousands march", "it may") are dates only when capitalised.
_VERB_MONTHS = frozenset({"march", "may"})


def _dates(text: str) -> Counter[str]:
    return Counter(
        w.lower()
        for w in words_of(text)
        if w.lower() in CALENDAR_WORDS and (w.lower() not in _VERB_MONTHS or w[0].isupper())
    )


def difference(before: Counter[str], after: Counter[str]) -> str:
    gone, new = before - after, after - before
    if not gone and not new:
        return ""
    return (
        f"{', '.join(sorted(gone.elements())) or '-'} → {', '.join(sorted(new.elements())) or '-'}"
    )


def numeric_evidence(before: str, after: str, *, replaced: bool = False) -> str:
    """'40 → 60' when the numbers, quantities, dates or times of two texts differ.

    A day or month counts only when one replaces another (adding "on Tuesday" dates a
    sentence, it changes no figure). Across a replaced sentence (`replaced`), figures count
    only when both sides have some: a rewrite that drops "thousands" changes no figure.
    """
    figures = amounts(before), amounts(after)
    if replaced and not (figures[0] and figures[1]):
        figures = Counter(), Counter()
    gone, new = figures[0] - figures[1], figures[1] - figures[0]
    if not (gone and new) and set(gone.elements()) | set(new.elements()) <= _SOFT_NUMBERS:
        figures = Counter(), Counter()
    dates = _dates(before), _dates(after)
    if not (dates[0] - dates[1] and dates[1] - dates[0]):
        dates = Counter(), Counter()
    return difference(figures[0] + dates[0], figures[1] + dates[1])


def score_evidence(before: str, after: str) -> str:
    """'1-1 → 2-1' when both texts carry a score or tally line and it moved."""
    old, new = Counter(_SCORE.findall(before)), Counter(_SCORE.findall(after))
    if not old or not new or old == new:
        return ""
    return difference(old - new, new - old)
