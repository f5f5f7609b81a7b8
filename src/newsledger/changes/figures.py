"""Figures in a sentence and how they differ: amounts, number words, dates, score lines;
`numeric_evidence` and `score_evidence` say "40 → 60" when two texts' figures differ."""

from __future__ import annotations

import re
from collections import Counter

from newsledger.changes.lexicon import Lexicon, lexicon_for, tokenize
from newsledger.changes.words import words_of

# Digits glued to letters before them are part of a name (Q1, COP26, G7, T20, Covid-19), not
# a figure. A unit after the digits is read as one figure with them, in any language's words.
_AMOUNT = re.compile(
    r"(?<![^\W_])(?<![^\W\d_]-)[$£€¥]?\d+(?:[,.]\d+)*"
    r"(?:\s?(?P<unit>%|per\s?cent|percent|prozent|pour\s?cent|por\s?ciento|per\s?cento"
    r"|por\s?cento|procent|[mk]\b|mn\b|bn\b|tn\b|mio\b\.?|mrd\b\.?|md\b"
    r"|millions?|billions?|trillions?|millionen|milliarden?|milliards?|millones|millón"
    r"|milioni|milione|miliardi|miliardo|milhões|milhão|bilhões|bilhão|miljoen|miljard)"
    r"(?!\w))?",
    re.I,
)
# One figure written with the unit spelt out or abbreviated: "£51m" = "£51 million".
_UNITS = {
    "m": ("m", "mn", "mio", "mio.", "million", "millions", "millionen", "millones", "millón",
          "milioni", "milione", "milhões", "milhão", "miljoen"),
    "bn": ("bn", "billion", "billions", "mrd", "mrd.", "md", "milliarde", "milliarden",
           "milliard", "milliards", "miliardi", "miliardo", "bilhões", "bilhão", "miljard"),
    "tn": ("tn", "trillion", "trillions"),
    "%": ("%", "percent", "percent", "prozent", "pourcent", "porciento", "percento",
          "porcento", "procent"),
}  # fmt: skip
_UNIT_OF = {spelling: unit for unit, spellings in _UNITS.items() for spelling in spellings}
# Not figures: a moment of a match ("half-time"), a star rating ("five-star reviews"; a
# rating is the review's label, not a count).
_NOT_FIGURES = re.compile(r"\b(?:half|full)[\s-]?time\b|\b(?:\w+|\d+)[\s-]stars?\b|[★☆]+", re.I)
# A score or tally line ("2-1", "125-7"): the same match's state, whatever the words around it.
_SCORE = re.compile(r"(?<![\w.])\d{1,3}-\d{1,3}(?![\w.])")


def _amount(match: re.Match[str]) -> str:
    unit = match.group("unit")
    text = match.group(0)
    if unit:
        key = re.sub(r"\s+", "", unit.lower())
        text = text[: match.start("unit") - match.start()].rstrip() + _UNIT_OF.get(key, key)
    return text.lower()


_YEAR = re.compile(r"(?:19|20)\d\d")


def _title_case(words: list[str]) -> bool:
    """A headline with every word capitalised (the American style): capitals say nothing."""
    long = [w for w in words if len(w) > 3 and w.isalpha()]
    return len(long) >= 3 and all(w[0].isupper() for w in long)


# Number words that name a channel, a formula or a team ("BBC Two", "Formula One"), and the
# words after a number that make it an amount, not part of a name ("Wales 20 per cent").
_NAME_NUMBER_WORDS = frozenset("one two three four five".split())  # noqa: SIM905
_UNIT_WORDS = frozenset("per percent m bn k million billion pc".split())  # noqa: SIM905


def _without_name_numbers(text: str) -> str:
    """`text` with the numbers that are part of a name blanked: right after a capitalised word,
    a capitalised number word ("BBC One", "Formula One"), digits before another capitalised
    word ("Radio 5 Live") or a lowercase noun ("Formula 1 driver"), or a year ("Euro 2020")."""
    tokens = tokenize(text)
    places = [i for i, t in enumerate(tokens) if t.strip()]
    if _title_case([tokens[i] for i in places]):
        return text
    for k in range(1, len(places)):
        place, before = places[k], tokens[places[k - 1]]
        if not (before[:1].isupper() and before.isalpha() and tokens[place - 1].isspace()):
            continue
        token = tokens[place]
        after = tokens[places[k + 1]] if k + 1 < len(places) else ""
        spaced = k + 1 < len(places) and tokens[place + 1].isspace()
        capital_word = token[:1].isupper() and token.lower() in _NAME_NUMBER_WORDS
        short = token.isdigit() and len(token) <= 2 and spaced and after.isalpha()
        # Before a lowercase noun only inside a sentence ("ex-Formula 1 driver"), not after
        # a headline's first word ("Chelsea 2 points clear").
        inside = k > 1 and tokens[places[k - 2]] not in ".!?:"
        before_word = short and (
            after[:1].isupper() or (inside and after.lower() not in _UNIT_WORDS)
        )
        year = _YEAR.fullmatch(token) is not None
        if capital_word or before_word or year:
            tokens[place] = "_" * len(token)
    return "".join(tokens)


def amounts(text: str, lex: Lexicon | None = None) -> Counter[str]:
    """Figures of a text: digits with their unit ("$1.5m", "40%") and number words, each
    written as digits where it is one ("two" -> "2", "a dozen" -> "12")."""
    lex = lex or lexicon_for(text)
    text = _without_name_numbers(_NOT_FIGURES.sub(" ", text))
    found = [_amount(m) for m in _AMOUNT.finditer(text)]
    # The unit words of a figure ("51 million") are read with its digits, not again alone.
    words = [w.lower() for w in words_of(_AMOUNT.sub(" ", text))]
    for i, word in enumerate(words):
        if word not in lex.number_words:
            continue
        # "scores" is a quantity only in "scores of"; in sport it is a verb.
        if word in ("score", "scores") and (i + 1 >= len(words) or words[i + 1] != "of"):
            continue
        # "segundo o ministro", "secondo il governo": according to, not second.
        if lex.is_according(words, i):
            continue
        # "second half", "zweite Halbzeit": the match clock, not a count.
        if word in lex.soft_numbers and i + 1 < len(words) and words[i + 1] in lex.periods:
            continue
        found.append(lex.number_key(word))
    return Counter(found)


def difference(before: Counter[str], after: Counter[str]) -> str:
    gone, new = before - after, after - before
    if not gone and not new:
        return ""
    return (
        f"{', '.join(sorted(gone.elements())) or '-'} → {', '.join(sorted(new.elements())) or '-'}"
    )


def numeric_evidence(
    before: str, after: str, *, replaced: bool = False, lex: Lexicon | None = None
) -> str:
    """'40 → 60' when the numbers, quantities, dates or times of two texts differ.

    A day or month counts only when one replaces another (adding "on Tuesday" dates a
    sentence, it changes no figure). Across a replaced sentence (`replaced`), figures count
    only when both sides have some, and ordinals or vague quantities alone on both sides
    ("second quarter" -> "half-time") are the state of play, not a figure that moved.
    """
    lex = lex or lexicon_for(before, after)
    figures = amounts(before, lex), amounts(after, lex)
    if replaced and not (figures[0] and figures[1]):
        figures = Counter(), Counter()
    gone, new = figures[0] - figures[1], figures[1] - figures[0]
    soft = set(gone.elements()) | set(new.elements()) <= lex.soft_numbers
    if soft and (replaced or not (gone and new)):
        figures = Counter(), Counter()
    dates = lex.dates_in(words_of(before)), lex.dates_in(words_of(after))
    if not (dates[0] - dates[1] and dates[1] - dates[0]):
        dates = Counter(), Counter()
    return difference(figures[0] + dates[0], figures[1] + dates[1])


# A fixture: two sides named either side of "v" ("Ireland v Argentina", "Roma vs Feyenoord").
FIXTURE = re.compile(
    r"\b([A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*)*)\s(?:v|vs|v\.|vs\.|versus)\s([A-Z][\w'’.]*)"
)


def same_fixture(text: str, other: str) -> str:
    """The fixture `text` names ("Tottenham v West") when `other` names both its sides too:
    the same match, whose score and tallies are its running state; else ''."""
    for match in FIXTURE.finditer(text):
        sides = match.group(1).split()[-1], match.group(2)
        if all(re.search(rf"\b{re.escape(side)}\b", other) for side in sides):
            return match.group(0)
    return ""


def score_evidence(before: str, after: str) -> str:
    """'1-1 → 2-1' when both texts carry a score or tally line and it moved, or 'v → 1-0'
    when a fixture gained (or lost) its score."""
    old, new = Counter(_SCORE.findall(before)), Counter(_SCORE.findall(after))
    if old == new:
        return ""
    if not old or not new:
        unscored, scored = (before, after) if new else (after, before)
        if not same_fixture(unscored, scored):
            return ""
        return difference(Counter(old or ["v"]), Counter(new or ["v"]))
    return difference(old - new, new - old)
