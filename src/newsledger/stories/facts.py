"""Fact claims: the casualty, arrest and displacement figures a news sentence states.

Rule-based and offline, so every claim can be explained by the words that made it.

A claim is a number expression (an optional qualifier, then a number, a range or a
vague word) tied to one of QUANTITIES by the words around it:

- a casualty verb just before it, the number its object: "killing more than 60 people";
- a casualty word after it, across a short noun phrase and auxiliaries:
  "more than 60 people were killed", "145 injured", "115 of them hospitalized";
- a toll phrase before it: "the death toll rose to 157";
- "N of the M crew are missing" (the M is the whole, not a claim), and "N hostages and
  M fighters died" (both died; the first number takes the verb of the second);
- a quantity noun after it, when nothing else applies: "holding 12 hostages",
  "41 bodies", "27 arrests", "claimed 18 lives".

Choices worth knowing:
- Hostages who died count as `killed` ("129 hostages and 41 Chechen fighters died" is
  two killed claims, 129 and 41: who died is in the sentence, not the quantity).
  Freed hostages count as `rescued`; `hostages` is the count of people taken or held.
- `at_most` is "up to", "as many as", "at most", "no more than": a ceiling someone put
  on the figure. "nearly" and "almost" are `about`, not `fewer_than`.
- Vague words keep a documented lower bound, qualifier `at_least`, `vague=True`:
  a few 2, several 3, dozens 24, scores 40, hundreds 200, thousands 2,000, tens of
  thousands 20,000, hundreds of thousands 200,000, millions 2,000,000. "many" and
  "some" alone carry no number and make no claim. "a dozen" is 12 and exact.
- Not counts: ages ("a 15-year-old", "The suspect, 34,"), years, times, money,
  percentages, measures (km, mph, acres, years, hours), magnitudes and scores.
- "casualties" is not mapped: outlets use it for dead, for injured and for both.
- Number words come from a small table here. word2number has not been released
  since 2017 and raises on any non-number word; text2num rewrites whole texts, which
  would move the offsets a claim's phrase is cut from. News counts need ~40 words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsledger.text.segment import split_sentences_plain

QUANTITIES = (
    "killed",
    "injured",
    "hospitalized",
    "missing",
    "arrested",
    "evacuated",
    "displaced",
    "rescued",
    "hostages",
    "detained",
)
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "fewer_than", "about", "range")


@dataclass(frozen=True)
class FactClaim:
    """One figure a sentence states: what is counted, how firmly, and the words that say it.

    `value_high` is set for ranges only. `background` is True when the claim's paragraph
    dates itself to another time ("In October 2002, ...", "A few days ago, ..."), so the
    figure is about an earlier event the report recalls, not the one it reports.
    """

    quantity: str
    qualifier: str
    value: float
    value_high: float | None
    vague: bool
    phrase: str
    sentence: str
    sentence_no: int = 0
    background: bool = False


# --- numbers ---------------------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}
_SCALES["billion"] = 1_000_000_000
# Lower bounds for words that name no number; see the module docstring.
_VAGUE = {
    "a few": 2,
    "a handful": 2,
    "several": 3,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "millions": 2_000_000,
}

_QUALIFIER_WORDS = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "up to": "at_most",
    "as many as": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "fewer than": "fewer_than",
    "less than": "fewer_than",
    "under": "fewer_than",
    "about": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",
}


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(w.replace(" ", r"\s+") for w in ordered)


_WORD = rf"(?:(?:{_alternation(_TENS)})(?:-(?:{_alternation(_UNITS)}))?|{_alternation(_UNITS)})"
_WORD_NUMBER = (
    rf"(?:half\s+a\s+dozen|(?:a|an|{_WORD})\s+(?:{_alternation(_SCALES)})"
    rf"(?:\s+(?:and\s+)?{_WORD})?|{_WORD})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand|hundred))?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"
_NUMBER_EXPRESSION = re.compile(
    rf"""\b
    (?:(?P<qualifier>{_alternation(_QUALIFIER_WORDS)})\s+)?
    (?:(?P<extra>all|another|an\s+additional|a\s+further)\s+)?
    (?:
        between\s+(?P<between_low>{_NUMBER})\s+and\s+(?P<between_high>{_NUMBER})
      | (?P<range_low>\d[\d,]*)\s*[-–]\s*(?P<range_high>\d[\d,]*)(?![\d.-])
      | (?P<span_low>{_NUMBER})\s+(?:to|or)\s+(?P<span_high>{_NUMBER})
      | (?P<vague>{_alternation(_VAGUE)})
      | (?P<number>{_NUMBER})
    )(?![\w.,]*\d)\b""",
    re.IGNORECASE | re.VERBOSE,
)

# What follows or precedes a number that makes it a measure, an age, a time or money.
_NOT_A_COUNT_AFTER = re.compile(
    r"""\A(?:-year|-magnitude|-storey|\s*(?:%|percent|per\s+cent|km|kilomet|miles?\b|mph|
    acres?|hectares?|inch|feet|foot|metres?|meters?|degrees?|C\b|years?\b|months?\b|weeks?\b|
    days?\b|hours?\b|minutes?\b|seconds?\b|a\.m\.|p\.m\.|:\d|tonnes?|tons?|litres?|liters?|
    dollars?|euros?|pounds?|rupees|taka|lakh|crore|jobs|points?|goals?|runs?))""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_A_COUNT_BEFORE = re.compile(r"(?:[$£€]|magnitude|aged|age|No\.|number)\s*\Z", re.IGNORECASE)
_AGE_APPOSITION = re.compile(r",\s*\Z")
_YEAR = re.compile(r"\A(?:19|20)\d\d\Z")


@dataclass(frozen=True)
class _NumberExpression:
    start: int
    end: int
    qualifier: str
    value: float
    value_high: float | None
    vague: bool


def _word_number_value(text: str) -> float:
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    if words[:3] == ["half", "a", "dozen"]:
        return 6
    total, current = 0.0, 0.0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale >= 1_000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
    return total + current


def _number_value(text: str) -> float:
    text = " ".join(text.split())
    digits = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(million|billion|thousand|hundred))?", text)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        return value * _SCALES[digits.group(2).lower()] if digits.group(2) else value
    return _word_number_value(text)


def _is_a_count(sentence: str, match: re.Match[str], number_text: str) -> bool:
    after = sentence[match.end() :]
    before = sentence[: match.start()]
    if _NOT_A_COUNT_AFTER.match(after) or _NOT_A_COUNT_BEFORE.search(before):
        return False
    if _YEAR.match(number_text) and not re.match(r"\s+people\b", after):
        return False
    # "The suspect, 34, was arrested": a bare number set off by commas is an age.
    bare_number = re.fullmatch(r"\d{1,3}", number_text) and not match.group("qualifier")
    return not (bare_number and _AGE_APPOSITION.search(before) and after.startswith(","))


def _number_expressions(sentence: str) -> list[_NumberExpression]:
    found = []
    for match in _NUMBER_EXPRESSION.finditer(sentence):
        qualifier_words = match.group("qualifier")
        qualifier = (
            _QUALIFIER_WORDS[" ".join(qualifier_words.lower().split())]
            if qualifier_words
            else "exact"
        )
        value_high: float | None = None
        vague = False
        if match.group("vague"):
            number_text = match.group("vague")
            value = float(_VAGUE[" ".join(number_text.lower().split())])
            vague = True
            if qualifier == "exact":
                qualifier = "at_least"
        else:
            low = next(
                (
                    match.group(g)
                    for g in ("between_low", "range_low", "span_low")
                    if match.group(g)
                ),
                None,
            )
            if low is not None:
                high = match.group("between_high") or match.group("range_high")
                high = high or match.group("span_high")
                number_text = low
                value, value_high = _number_value(low), _number_value(high)
                if value >= value_high:
                    continue  # "3-1" is a score, "4-2" a vote: a range goes up
                qualifier = "range"
            else:
                number_text = match.group("number")
                value = _number_value(number_text)
        if not _is_a_count(sentence, match, number_text.strip()):
            continue
        found.append(
            _NumberExpression(match.start(), match.end(), qualifier, value, value_high, vague)
        )
    return found


# --- what is counted --------------------------------------------------------------------

# A casualty verb just before the number: the number is its object.
_VERB_BEFORE = {
    "killed": r"kill(?:s|ed|ing)?|bodies\s+of",
    "injured": r"injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|hurt(?:ing|s)?",
    "hospitalized": r"hospitali[sz](?:ed|ing)",
    "arrested": r"arrest(?:s|ed|ing)?",
    "detained": r"detain(?:s|ed|ing)?",
    "evacuated": r"evacuat(?:e|es|ed|ing)|evacuation\s+of",
    "displaced": r"displac(?:e|es|ed|ing)",
    "rescued": r"rescu(?:e|es|ed|ing)|free(?:s|d|ing)?|sav(?:e|es|ed|ing)",
}
# A casualty word after the number, its noun phrase and auxiliaries.
_WORD_AFTER = {
    "killed": r"killed|dead|died|die|deaths|perished|drowned|lost\s+their\s+lives|fatalities",
    "injured": r"injured|wounded|hurt|treated\s+for\s+(?:injuries|wounds)",
    "hospitalized": (
        r"hospitali[sz]ed|(?:(?:being\s+)?treated\s+|admitted\s+|taken\s+)?(?:in|to)\s+"
        r"(?:the\s+)?hospitals?"
    ),
    "missing": r"missing|unaccounted\s+for",
    "arrested": r"arrested",
    "detained": r"detained|taken\s+into\s+custody|in\s+custody",
    "evacuated": r"evacuated|evacuate",
    "displaced": (
        r"displaced|homeless|(?:(?:forced|driven|fled)\s+)?from\s+their\s+homes"
        r"|fled\s+their\s+homes"
    ),
    "rescued": r"rescued|saved|freed|pulled\s+(?:out\s+)?alive",
    "hostages": r"(?:taken\s+|held\s+)?hostage",
}
# Nouns that count a quantity by themselves, used only when no verb ties the number.
_NOUN_AFTER = {
    "hostages": "hostages",
    "bodies": "killed",
    "lives": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "arrests": "arrested",
    "evacuees": "evacuated",
    "detainees": "detained",
}
# A toll phrase before the number: "the death toll ... rose to".
_TOLL_BEFORE = {
    "killed": r"(?:death\s+)?toll|number\s+of\s+(?:confirmed\s+)?(?:deaths|dead|people\s+killed)",
    "injured": r"number\s+of\s+(?:people\s+)?(?:injured|wounded)",
    "missing": r"number\s+of\s+(?:people\s+)?missing",
}

_BREAKERS = (
    r"said|says|say|told|when|after|before|while|because|but|and|or|in|on|at|into|near|"
    r"during|since|by|with|from|for|than|as|which|carrying|involved|had|has|to"
)
_FILLER_WORD = rf"(?!(?:{_BREAKERS})\b)[A-Za-z][\w'’-]*"
_FILLER = rf"(?:\s+(?:on\s+board|{_FILLER_WORD})){{0,4}}?(?:\s*,[^,.;]{{1,40}},)?"
_AUXILIARY = (
    r"(?:\s+(?:were|was|are|is|have|has|had|been|being|be|remain|remained|remains|still|"
    r"reportedly|also|now|later|all|so\s+far|feared|believed|thought|confirmed|presumed|"
    r"reported|to|may|might|could|who|that|found|ordered|among\s+(?:the|those)))*"
)
_VERB_BEFORE_PATTERN = {
    q: re.compile(rf"\b(?:{p})\s+\Z", re.IGNORECASE) for q, p in _VERB_BEFORE.items()
}
_ANY_VERB_BEFORE = "|".join(_VERB_BEFORE.values())
_COORDINATED_VERBS = re.compile(
    rf"\b(?P<first>{_ANY_VERB_BEFORE})\s+and\s+(?:{_ANY_VERB_BEFORE})\s+\Z",
    re.IGNORECASE,
)
_WORD_AFTER_PATTERN = {
    q: re.compile(rf"\A{_FILLER}{_AUXILIARY}\s+(?:{p})\b", re.IGNORECASE)
    for q, p in _WORD_AFTER.items()
}
_TOLL_BEFORE_PATTERN = {
    q: re.compile(
        rf"\b(?:{p})\b[^.;\d]{{0,60}}?\b(?:to|at|of|reached|hit|passed|topped|is|was)\s+\Z",
        re.IGNORECASE,
    )
    for q, p in _TOLL_BEFORE.items()
}
# "the toll passed 2,000" says more than 2,000 without a qualifier word.
_PASSED = re.compile(r"\b(?:passed|topped|exceeded|surpassed)\s+\Z", re.IGNORECASE)
# "half of the 1,200 residents": the number is the whole, the claim is about a part of it.
_PART_OF = re.compile(
    r"\b(?:half|third|quarter|most|many|some|none|majority|rest)\s+of\s+(?:the|its|their)\s+\Z",
    re.IGNORECASE,
)
_NOUN_PHRASE = re.compile(rf"\A(?:\s+(?:of\s+)?(?:{_FILLER_WORD})){{1,3}}", re.IGNORECASE)
_PARTITIVE = re.compile(r"\A\s+of\s+(?:the|these|those)\s+\Z", re.IGNORECASE)
_COORDINATION = re.compile(rf"\A(?:\s+{_FILLER_WORD}){{0,3}}\s*,?\s+and\s+\Z", re.IGNORECASE)
_DATED_ELSEWHERE = re.compile(
    r"\b(?:(?:19|20)\d\d(?:s)?|ago|last\s+(?:year|decade)|years\s+earlier)\b", re.IGNORECASE
)


def _quantities_before(before: str) -> list[str]:
    coordinated = _COORDINATED_VERBS.search(before)
    if coordinated:
        first = [
            q
            for q, p in _VERB_BEFORE.items()
            if re.fullmatch(p, coordinated.group("first"), re.IGNORECASE)
        ]
        return first + [q for q, p in _VERB_BEFORE_PATTERN.items() if p.search(before)]
    for quantity, pattern in _VERB_BEFORE_PATTERN.items():
        if pattern.search(before):
            return [quantity]
    for quantity, pattern in _TOLL_BEFORE_PATTERN.items():
        if pattern.search(before):
            return [quantity]
    return []


def _quantity_after(after: str) -> str | None:
    best: tuple[int, str] | None = None
    for quantity, pattern in _WORD_AFTER_PATTERN.items():
        match = pattern.match(after)
        if match and (best is None or match.end() < best[0]):
            best = (match.end(), quantity)
    return best[1] if best else None


def _noun_quantity(after: str) -> str | None:
    phrase = _NOUN_PHRASE.match(after)
    if phrase is None:
        return None
    for word in re.findall(r"[\w'’-]+", phrase.group(0).lower()):
        if word in _NOUN_AFTER:
            return _NOUN_AFTER[word]
    return None


def extract_fact_claims(sentence: str) -> list[FactClaim]:
    """Every figure the sentence states for one of QUANTITIES, in the order it says them."""
    numbers = _number_expressions(sentence)
    numbers = [n for n in numbers if not _PART_OF.search(sentence[: n.start])]
    numbers = [
        replace(n, qualifier="more_than")
        if n.qualifier == "exact" and _PASSED.search(sentence[: n.start])
        else n
        for n in numbers
    ]
    direct: list[list[str]] = []
    for number in numbers:
        before = _quantities_before(sentence[: number.start])
        after = _quantity_after(sentence[number.end :])
        direct.append(before or ([after] if after else []))

    quantities: list[list[str]] = [list(d) for d in direct]
    wholes: set[int] = set()
    for i, number in enumerate(numbers[:-1]):
        following = numbers[i + 1]
        between = sentence[number.end : following.start]
        if _PARTITIVE.match(between):
            # "Four of the 11 crew are missing": four are, the 11 is the whole crew.
            quantities[i] = quantities[i] or direct[i + 1]
            wholes.add(i + 1)
        elif not quantities[i] and _COORDINATION.match(between) and direct[i + 1]:
            quantities[i] = direct[i + 1]
    for i, number in enumerate(numbers):
        if not quantities[i] and i not in wholes:
            noun = _noun_quantity(sentence[number.end :])
            quantities[i] = [noun] if noun else []

    background = bool(_DATED_ELSEWHERE.search(sentence))
    claims = []
    for i, number in enumerate(numbers):
        if i in wholes:
            continue
        for quantity in quantities[i]:
            claims.append(
                FactClaim(
                    quantity=quantity,
                    qualifier=number.qualifier,
                    value=number.value,
                    value_high=number.value_high,
                    vague=number.vague,
                    phrase=sentence[number.start : number.end],
                    sentence=sentence,
                    background=background,
                )
            )
    return claims


_MAY_HOLD_A_FIGURE = re.compile(
    rf"\d|\b(?:{_alternation([*_UNITS, *_TENS, *_SCALES, *_VAGUE, 'dozens', 'scores'])})",
    re.IGNORECASE,
)


def claims_of_paragraphs(paragraphs: Sequence[str], language: str = "en") -> list[FactClaim]:
    """The claims of a version's paragraphs, numbered by sentence across the whole text.

    A paragraph that dates itself to another time marks its claims from that sentence on
    as background ("In October 2002, ..." then "Two days later, 129 hostages ... died").
    """
    claims: list[FactClaim] = []
    sentence_no = 0
    for paragraph in paragraphs:
        sentences = split_sentences_plain(paragraph)
        if not _MAY_HOLD_A_FIGURE.search(paragraph):
            sentence_no += len(sentences)  # no digit and no number word: no claim
            continue
        dated = False
        for sentence in sentences:
            dated = dated or bool(_DATED_ELSEWHERE.search(sentence))
            for claim in extract_fact_claims(sentence):
                claims.append(replace(claim, sentence_no=sentence_no, background=dated))
            sentence_no += 1
    return claims
