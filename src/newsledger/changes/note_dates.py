"""Dates in correction notes, and the bare dateline stamps that are never notes, in the seven
languages of `note_conventions` ("3 March 2024", "3. März 2024", "3 de março de 2024",
"3.mar.2024"; "Updated 10:42 GMT", "Aktualisiert am 3.3.2024, 10:42 Uhr").

Decided: "24/03/2024" and "3.3.2024" are read day first unless the second number cannot be a
month; a date needs its year ("March 24" is no date).
"""

from __future__ import annotations

import re
from datetime import date

from newsledger.changes.note_conventions import LANGUAGES


def _month_numbers() -> dict[str, int]:
    numbers: dict[str, int] = {}
    for language in LANGUAGES:
        for number, names in enumerate(language.months, start=1):
            for name in names:
                # Languages share abbreviations ("mar", "set"); they must agree.
                if numbers.setdefault(name, number) != number:
                    raise ValueError(f"{name!r} names two months")
    return numbers


MONTHS = _month_numbers()
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?!\w)\.?"
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|º|°)?"
_DATE_PATTERNS = (
    # "March 24, 2024", "Sept. 5, 2024"
    re.compile(
        rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_DAY_SUFFIX},?\s+(?P<year>\d{{4}})", re.I
    ),
    # "24 March 2024", "24. März 2024", "24 de marzo de 2024", "1er mars 2024", "3.mar.2024"
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}}){_DAY_SUFFIX}\.?\s*(?:de\s+|\.)?(?P<month>{_MONTH}),?\s*"
        r"(?:de\s+|del\s+|\.)?(?P<year>\d{4})",
        re.I,
    ),
    # "24/03/2024", "3.3.2024", "24-03-2024"
    re.compile(r"(?<!\d)(?P<first>\d{1,2})([/.-])(?P<second>\d{1,2})\2(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})"),
)


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        day, month = (second, first) if second > 12 else (first, second)
    elif parts.get("nmonth"):
        day, month = int(parts["day"]), int(parts["nmonth"])
    else:
        day, month = int(parts["day"]), MONTHS[parts["month"].lower().rstrip(".")]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _first_date(text: str, before: int) -> str | None:
    found = [m for p in _DATE_PATTERNS for m in p.finditer(text) if m.start() <= before]
    for match in sorted(found, key=lambda m: m.start()):
        iso = _iso(match)
        if iso:
            return iso
    return None


def find_date(text: str) -> str | None:
    """The first full date (day, month and year) in `text`, as YYYY-MM-DD."""
    return _first_date(text, before=len(text))


# A date "at" a place may follow a weekday: "amended on Sunday, 5 May 2024".
_NEAR = 12


def date_at(text: str) -> str | None:
    """The full date that `text` starts with (after a weekday, if any), as YYYY-MM-DD."""
    return _first_date(text[: _NEAR + 40], before=_NEAR)


# ---- bare stamps ------------------------------------------------------------------------

STAMP_WORDS = frozenset(
    word
    for language in LANGUAGES
    for word in (
        *language.stamp_words,
        *language.weekdays,
        *(n for m in language.months for n in m),
    )
)
# What may sit between a label and its colon besides a date: "Correction added 3 March:".
LABEL_WHEN_WORDS = STAMP_WORDS | {"added", "appended", "issued", "made", "posted"}
_WORD = re.compile(r"[^\W\d_]+")
# Time zones are short capitals: GMT, BST, ET, CEST, MEZ, AEDT.
_ZONE = re.compile(r"[A-Z]{2,5}")


def is_stamp(text: str, words: frozenset[str] = STAMP_WORDS) -> bool:
    """Whether `text` says only when: dates, times, weekdays, zones and stamp words.

    "UPDATED: Tuesday, 3 March 2024 10:42", "Mis à jour le 3 mars 2024 à 10h42",
    "Atualizado há 2 horas" are stamps; empty text is too (there is nothing but when).
    """
    return all(w.lower() in words or _ZONE.fullmatch(w) for w in _WORD.findall(text))
