"""What a correction note says was wrong and what is right, when its wording states them.

English first (its forms came first and are the richest: "X, not Y", "misspelled X as Y",
"misidentified A as B. He is C."), then each language's phrases from `note_conventions`
("hieß es fälschlicherweise X. Richtig ist Y.", "X, e não Y").
"""

from __future__ import annotations

import re

from newsledger.changes.note_conventions import LANGUAGES
from newsledger.changes.note_conventions.english import THIS_PIECE

_QUOTED = re.compile(r"[\"“”‘’«»„]")
# ", not" and its equivalents: ", nicht", ", et non", ", y no", ", en niet", ", e non", ", e não".
_NOT = re.compile(
    r",\s+(?:not|nicht|und\s+nicht|(?:et\s+)?non(?:\s+pas)?|y\s+no|no(?=\s+[\d\"“«])"
    r"|(?:en\s+)?niet|e\s+non|(?:e\s+)?não)\s+"
    r"(?P<wrong>[^.;)]+?(?:[”\"’»][^.;)]*?)?)\s*(?:[.;)]|$)",
    re.I,
)
_CLAUSE_START = re.compile(
    r"\b(?:that|show|showing|correct|clarify|reflect|to|dass|que|qu['’]|dat|che)\s+", re.I
)
_COPULA = re.compile(
    r"\s(?:is|are|was|were|ist|sind|war|waren|est|sont|était|étaient|es|son|era|eran|fue"
    r"|fueron|è|sono|erano|é|são|foi|eram|zijn)\s+",
    re.I,
)
_MISSPELLED = re.compile(
    r"\bmisspel(?:led|t)\s+(?P<right>[^.;]+?)(?:\s+as\s+(?P<wrong>[^.;]+?))?\s*(?:[.;)]|$)", re.I
)
_SPELLING_OF = re.compile(
    r"\bcorrect\s+the\s+spelling\s+of\s+(?P<right>.+?)(?:['’]s\s+(?:sur|first\s+|last\s+)?name)?\s*(?:[.;)]|$)",
    re.I,
)
_AS_WRONG = re.compile(
    r"\b(?:misidentified|misnamed|misdescribed|wrongly\s+(?:identified|described|named|called)"
    r"|incorrectly\s+(?:identified|described|named|called|listed|referred\s+to))"
    r"\s+(?P<subject>.+?)\s+as\s+(?P<wrong>[^.;]+?)\s*(?:[.;]|$)",
    re.I,
)
_SAID_WRONG = re.compile(
    r"\b(?:(?:incorrectly|wrongly|mistakenly|erroneously)\s+(?:said|stated|reported|gave|quoted)"
    rf"|version\s+of\s+{THIS_PIECE}\s+(?:said|stated|reported))\s+(?:that\s+)?(?P<wrong>[^.;]+?)\s*(?:[.;]|$)",
    re.I,
)
_RIGHT_AFTER = re.compile(
    r"^\s*(?:It|He|She|They|The\s+correct\s+\w+)\s+(?:is|was|are|were)\s+(?P<right>[^.;]+?)\s*(?:[.;]|$)"
)
_RIGHT_ANYWHERE = re.compile(
    r"(?:^|[.;]\s+)(?:It|He|She|They|The\s+correct\s+\w+)\s+(?:is|was|are|were)\s+(?P<right>[^.;]+?)\s*(?:[.;]|$)"
)
_NAME_OF = re.compile(r"^the\s+(?:\w+\s+)?name\s+of\s+", re.I)
_SOMEONES_NAME = re.compile(
    r"^(?:an?|the|his|her|their|its)\s+(?:\w+\s+)?(?:name|surname)s?\s*$", re.I
)
# Each language's "hieß es fälschlicherweise X" and "Richtig ist Y".
_SAID_WRONG_IN = tuple(re.compile(p, re.I) for lang in LANGUAGES for p in lang.wrong)
_RIGHT_IN = tuple(re.compile(p) for lang in LANGUAGES for p in lang.right)


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip().strip(",;:").strip()
    if len(_QUOTED.findall(text)) >= 2 and _QUOTED.match(text):
        text = _QUOTED.sub("", text).strip()
    return text or None


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _right_before_not(head: str, wrong: str) -> str:
    """The contrasted phrase before ", not": after the last copula, else the clause start."""
    if head.endswith(("”", '"', "»")):
        opening = max(head.rfind("“"), head[:-1].rfind('"'), head.rfind("«"))
        if opening >= 0:
            return head[opening:]
    copulas = list(_COPULA.finditer(head))
    if copulas:
        after = head[copulas[-1].end() :]
        # "14 people were killed, not 40": a lone word is not what a number contrasts with.
        if len(after.split()) > 1 or not after.islower() or _has_digit(after) >= _has_digit(wrong):
            return after
    starts = list(_CLAUSE_START.finditer(head))
    clause = head[starts[-1].end() :] if starts else head
    # "Diferentemente do que foi publicado, o ministro tem 54 anos, e não 45": the last clause.
    return clause.rsplit(",", 1)[-1]


def _right_anywhere(body: str) -> str | None:
    for pattern in (_RIGHT_ANYWHERE, *_RIGHT_IN):
        found = pattern.search(body.strip())
        if found:
            return found.group("right")
    return None


def _english_wrong_and_right(body: str) -> tuple[str | None, str | None] | None:
    misspelled = _MISSPELLED.search(body)
    if misspelled:
        who = misspelled.group("right").strip().rstrip(",")
        if "," in who:
            right: str | None = who.rsplit(",", 1)[1]
        else:
            right = None if _NAME_OF.match(who) else who
        return _tidy(misspelled.group("wrong")), _tidy(right)
    spelling = _SPELLING_OF.search(body)
    if spelling:
        # "to correct the spelling of a name" names nobody.
        named = spelling.group("right")
        return None, None if _SOMEONES_NAME.match(named) else _tidy(named)
    for pattern in (_AS_WRONG, _SAID_WRONG):
        found = pattern.search(body)
        if found:
            after = _RIGHT_AFTER.match(body[found.end() :])
            return _tidy(found.group("wrong")), _tidy(after.group("right") if after else None)
    return None


def wrong_and_right(body: str) -> tuple[str | None, str | None]:
    """What a note says was wrong and what is right, when its wording says so."""
    not_match = _NOT.search(body)
    if not_match:
        sentence_start = max(body.rfind(". ", 0, not_match.start()) + 1, 0)
        head = body[sentence_start : not_match.start()].strip()
        wrong = not_match.group("wrong")
        return _tidy(wrong), _tidy(_right_before_not(head, wrong))
    english = _english_wrong_and_right(body)
    if english is not None:
        return english
    for pattern in _SAID_WRONG_IN:
        found = pattern.search(body)
        if found:
            return _tidy(found.group("wrong")), _tidy(_right_anywhere(body[found.end() :]))
    return None, _tidy(_right_anywhere(body))
