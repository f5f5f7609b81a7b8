"""Correction, clarification, update and editor's notes: finding them in a version's text.

Also what a note says was wrong and what is right, and the date it gives, when it says so.

A paragraph is a note when it *starts* like one: a label with a colon ("Correction:",
"Clarification (24/03/2024):", "Editor's note:", "UPDATE (March 24, 2024):"), a body
in the house forms ("An earlier version of this article misstated ...", "This story was
updated to correct that ...", "This article was amended on 24 March 2024 to ..."), or a
wire agency's bracketed line ("(Corrects paragraph 3 to show ...)", "(Updates with ...)").
Mentions of the words elsewhere are not notes: a story about another paper's correction,
a footer label ("Corrections", "Report a correction"), a live blog's bare timestamp.

Decided edge cases:
- A bare timestamp ("Updated 10:42 GMT", "Last updated: 24 March 2024") is a dateline
  label, not an update note: it says when, never what. "Updated at 14:05 BST: <text>"
  carries a declaration, so it is a note.
- A label alone on its line ("Correction: March 24, 2024", "Corrections and
  clarifications") is a note only together with a note body in the next paragraph; the
  two become one note, placed at the label. Alone, it is a footer link.
- The label decides the type ("Editor's note: This story has been updated to correct
  ..." is an editors_note); without a label the wording does (corrects / clarifies /
  updates).
- "24/03/2024" is read day first unless the second number cannot be a month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsledger.models import CorrectionNote

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(
        rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})", re.I
    ),
    re.compile(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})", re.I
    ),
    re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})"),
    re.compile(r"(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})"),
)

# Bullets, italics and brackets that outlets put before a note.
_LEAD = re.compile(r"^[\s•*·_\[]+")
_LABEL = re.compile(
    r"^(?P<label>corrections?(?:\s*(?:&|and)\s*clarifications?)?|clarifications?"
    r"|editor[’']?s[’']?\s+note|update[sd]?)\b(?P<when>(?:[^:]|(?<=\d):(?=\d)){0,40}?)"
    r"\s*(?::(?!\d)|\s[—–-]\s|$)\s*(?P<rest>.*)$",
    re.I | re.S,
)
_LABEL_TYPES = {"correction": "correction", "clarification": "clarification", "update": "update"}
_THIS_PIECE = r"this\s+(?:article|story|report|piece|post|item|page|headline|caption|graphic)"
_BODY = re.compile(
    rf"^\(?(?:(?:an?\s+)?(?:earlier|previous|prior)\s+version\s+of\s+{_THIS_PIECE}"
    rf"|{_THIS_PIECE}\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:updated|corrected|amended|changed|edited|revised|clarified))\b",
    re.I,
)
_WIRE = re.compile(
    r"^\((?:this\s+(?:[\w,]+\s+){0,4}?(?:story|article|report)\s+)?"
    r"(?P<verb>corrects|clarifies|updates|adds)\b",
    re.I,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?", re.I)
_WHEN_FILLER = re.compile(
    r"\b(?:on|at|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun"
    r"|[A-Z]{2,4})\b|[\s,.()/:–—-]+"
)
_CORRECTING = re.compile(
    r"\b(?:correct|misstat|misspel|misidentif|misquot|misnam|misreport|incorrect|wrong|mistaken"
    r"|erroneous|error|misattribut|attributed|amended|(?:earlier|previous|prior)\s+version)",
    re.I,
)
_CLARIFYING = re.compile(r"\bclarif|\bmake\s+clear|\bmade\s+clear|\bdid\s+not\s+make\s+clear", re.I)


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        day, month = (second, first) if second > 12 else (first, second)
    elif parts.get("nmonth"):
        day, month = int(parts["day"]), int(parts["nmonth"])
    else:
        day, month = int(parts["day"]), _MONTHS[parts["month"].lower().rstrip(".")]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _is_when(text: str) -> bool:
    """Whether `text` is nothing but a date or time ("(March 24, 2024)", "at 14:05 BST")."""
    rest = _TIME.sub(" ", text)
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return not _WHEN_FILLER.sub("", rest)


def find_date(text: str) -> str | None:
    """The first full date (day, month and year) in `text`, as YYYY-MM-DD."""
    found = [m for pattern in _DATE_PATTERNS for m in pattern.finditer(text)]
    for match in sorted(found, key=lambda m: m.start()):
        iso = _iso(match)
        if iso:
            return iso
    return None


_DECLARED_ON = re.compile(
    r"\b(?:amended|corrected|updated|changed|clarified|edited)\s+on\s+(?P<when>[^.;]{6,30}\d{4})",
    re.I,
)


@dataclass(frozen=True)
class _Label:
    note_type: str
    when: str
    rest: str


def _label(text: str) -> _Label | None:
    match = _LABEL.match(text)
    if match is None:
        return None
    when = match.group("when").strip()
    if when and not _is_when(when):
        return None  # "Correction officers at ...", "Update your app ..."
    word = match.group("label").lower()
    if word.startswith("editor"):
        note_type = "editors_note"
    elif word.startswith("correction"):
        note_type = "correction"
    elif word.startswith("clarification"):
        note_type = "clarification"
    else:
        note_type = "update"
    return _Label(note_type, when, match.group("rest").strip())


def _worded_type(text: str) -> str:
    """The type a label-less note's wording gives it."""
    wire = _WIRE.match(text)
    if wire:
        verb = wire.group("verb").lower()
        return {"corrects": "correction", "clarifies": "clarification"}.get(verb, "update")
    if _CLARIFYING.search(text):
        return "clarification"
    if _CORRECTING.search(text):
        return "correction"
    return "update"


def _is_body(text: str) -> bool:
    return bool(_BODY.match(text) or _WIRE.match(text))


def _strip_lead(paragraph: str) -> str:
    return _LEAD.sub("", paragraph).strip()


def detect_correction_notes(paragraphs: Sequence[str]) -> list[CorrectionNote]:
    """Correction notes among a version's paragraphs, in reading order."""
    notes: list[CorrectionNote] = []
    texts = [_strip_lead(p) for p in paragraphs]
    position = 0
    while position < len(texts):
        text = texts[position]
        label = _label(text)
        following = texts[position + 1] if position + 1 < len(texts) else ""
        if label is not None and (not label.rest or _is_when(label.rest)):
            # A label on its own line is a note only with a note body after it; a bare
            # "Updated 10:42 GMT" never is.
            if label.note_type != "update" and _is_body(following):
                when = f"{label.when} {label.rest}"
                notes.append(
                    _note(label.note_type, f"{text} {following}", following, position, when)
                )
                position += 2
            else:
                position += 1
            continue
        if label is not None:
            notes.append(_note(label.note_type, text, label.rest, position, label.when))
        elif _is_body(text):
            notes.append(_note(_worded_type(text), text, text, position, ""))
        position += 1
    return notes


def _note(note_type: str, note_text: str, body: str, position: int, when: str) -> CorrectionNote:
    declared = _DECLARED_ON.search(body)
    note_date = find_date(when) or (find_date(declared.group("when")) if declared else None)
    wrong, right = wrong_and_right(body)
    return CorrectionNote(
        note_type=note_type,
        note_text=note_text,
        paragraph_pos=position,
        note_date=note_date,
        wrong_text=wrong,
        right_text=right,
    )


# ---- what was wrong, what is right ---------------------------------------------------

_QUOTED = re.compile(r"[\"“”‘’]")
_NOT = re.compile(r",\s+not\s+(?P<wrong>[^.;)]+?(?:[”\"’][^.;)]*?)?)\s*(?:[.;)]|$)")
_CLAUSE_START = re.compile(r"\b(?:that|show|showing|correct|clarify|reflect)\s+", re.I)
_COPULA = re.compile(r"\s(?:is|are|was|were)\s+", re.I)
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
    rf"|version\s+of\s+{_THIS_PIECE}\s+(?:said|stated|reported))\s+(?:that\s+)?(?P<wrong>[^.;]+?)\s*(?:[.;]|$)",
    re.I,
)
_RIGHT_AFTER = re.compile(
    r"^\s*(?:It|He|She|They|The\s+correct\s+\w+)\s+(?:is|was|are|were)\s+(?P<right>[^.;]+?)\s*(?:[.;]|$)"
)
_RIGHT_ANYWHERE = re.compile(
    r"(?:^|[.;]\s+)(?:It|He|She|They|The\s+correct\s+\w+)\s+(?:is|was|are|were)\s+(?P<right>[^.;]+?)\s*(?:[.;]|$)"
)
_NAME_OF = re.compile(r"^the\s+(?:\w+\s+)?name\s+of\s+", re.I)


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip().strip(",;:").strip()
    if len(_QUOTED.findall(text)) >= 2 and _QUOTED.match(text):
        text = _QUOTED.sub("", text).strip()
    return text or None


def _right_before_not(head: str) -> str:
    """The contrasted phrase before ", not": after the last copula, else the clause start."""
    if head.endswith(("”", '"')):
        opening = max(head.rfind("“"), head[:-1].rfind('"'))
        if opening >= 0:
            return head[opening:]
    copulas = list(_COPULA.finditer(head))
    if copulas:
        after = head[copulas[-1].end() :]
        # "14 people were killed, not 40": a lone participle is not the contrasted phrase.
        if len(after.split()) > 1 or not after.islower():
            return after
    starts = list(_CLAUSE_START.finditer(head))
    return head[starts[-1].end() :] if starts else head


def wrong_and_right(body: str) -> tuple[str | None, str | None]:
    """What a note says was wrong and what is right, when its wording says so."""
    not_match = _NOT.search(body)
    if not_match:
        sentence_start = max(body.rfind(". ", 0, not_match.start()) + 1, 0)
        head = body[sentence_start : not_match.start()].strip()
        return _tidy(not_match.group("wrong")), _tidy(_right_before_not(head))
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
        return None, _tidy(spelling.group("right"))
    for pattern in (_AS_WRONG, _SAID_WRONG):
        found = pattern.search(body)
        if found:
            after = _RIGHT_AFTER.match(body[found.end() :])
            return _tidy(found.group("wrong")), _tidy(after.group("right") if after else None)
    anywhere = _RIGHT_ANYWHERE.search(body)
    return None, _tidy(anywhere.group("right") if anywhere else None)
