"""Correction, clarification, update and editor's notes: finding them in a version's text, in
English, German, French, Spanish, Dutch, Italian and Portuguese.

The wording of each language is data in `note_conventions`; dates and bare stamps are read by
`note_dates`; what a note says was wrong and right by `note_wording`. This module decides.

A note starts at the start of a paragraph or of a sentence inside one, and runs to the
paragraph's end. It starts with either
- a label: "Correction:", "Korrektur vom 3. März 2024:", "Rectificatif :", "Fe de errores:",
  "Erramos:", "Editor's note:", "UPDATE (March 24, 2024):", "Update, 10.42 Uhr:", Reuters'
  "UPDATE 2-", "Correction added 3 March:"; or
- a label-less body: "An earlier version of this article misstated ...", "This story was
  updated to correct ...", "In einer früheren Version dieses Artikels hieß es ...", "Une
  version précédente de cet article ...", "Diferentemente do que foi publicado, ...", a wire
  line "(Corrects paragraph 3 ...)".

Decided edge cases:
- A bare stamp ("Updated 10:42 GMT", "UPDATED: Tuesday, 3 March 2024 10:42", "Aktualisiert
  am 3.3.2024, 10:42 Uhr", "Mis à jour le 3 mars") says when, never what: never a note.
- An update label heads a note only when what follows says the article changed ("adds
  comment", "wurde ergänzt", "a été modifié") or is a reported sentence (it ends with a full
  stop, and is dated or runs to six words): "Update: Police said two more had died." is a
  note, the teaser "Update: Apple's new phone is here" is not.
- A label alone on its line ("Correction: March 24, 2024", "Corrections and clarifications",
  "Update:") joins the next paragraph when that one reads as its body; the two become one
  note, placed at the label. Alone, it is a footer link ("Corrections", "Erramos").
- The label decides the type ("Editor's note: This story has been updated to correct ..." is
  an editors_note); without a label the wording does (corrects / clarifies / updates).
- Mentions are not notes: a story about another paper's correction, "correction territory",
  "Clarification is being sought", "An earlier version of the bill".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsledger.changes.note_conventions import LANGUAGES
from newsledger.changes.note_conventions.shape import (
    BODY,
    BY_WORDING,
    CHANGE,
    CLARIFICATION,
    CORRECTION,
    NEWS,
    UPDATE,
    Label,
)
from newsledger.changes.note_dates import LABEL_WHEN_WORDS, date_at, find_date, is_stamp
from newsledger.changes.note_wording import wrong_and_right
from newsledger.models import CorrectionNote


def _either(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


# A date or time before the colon: "(March 24, 2024)", "vom 3. März", "at 14:05 BST".
_WHEN = r"(?P<when>(?:[^:：\n]|(?<=\d):(?=\d)){0,60}?)"
# ":" (French puts a space before it), a dash, Reuters' "UPDATE 2-", or the line's end.
_SEP = r"(?P<sep>\s*[:：](?!\d)|\s+[—–-]\s+|(?-i:(?<=[\dA-Z])-(?=[A-Z]))|\s*$)"
# Each label on its own, so that "Errata corrige" is tried after "Errata" fails.
_LABELS: tuple[tuple[Label, re.Pattern[str]], ...] = tuple(
    (label, re.compile(rf"^(?:{label.pattern})(?!\w){_WHEN}{_SEP}\s*(?P<rest>.*)$", re.I | re.S))
    for lang in LANGUAGES
    for label in lang.labels
)
# Any label at all: the cheap test before the one-by-one reading.
_ANY_LABEL = re.compile(_either([label.pattern for label, _ in _LABELS]), re.I)
# A label that asks ("Erramos?", "Correction?") is a link to a form, not a head.
_ASKS = re.compile(r"[?!]")
# "Update: 10.42am: Police said ...": a stamp and a second colon after the label.
_REST_WHEN = re.compile(rf"^{_WHEN}\s*[:：](?!\d)\s*(?P<rest>.+)$", re.S)
_OPENING = re.compile(_either([p for lang in LANGUAGES for p in lang.openings]), re.I)
_CHANGED = re.compile(_either([p for lang in LANGUAGES for p in lang.changed]), re.I)
_CORRECTING = re.compile(_either([lang.correcting for lang in LANGUAGES]), re.I)
_CLARIFYING = re.compile(_either([lang.clarifying for lang in LANGUAGES]), re.I)
_DATED = re.compile(_either([lang.dated for lang in LANGUAGES]), re.I)
# A wire line's first verb gives its type: "(Corrects ...)", "(Clarifies ...)", "(Updates ...)".
_WIRE = re.compile(r"^\((?:[^)]{0,40}?\s)?(?P<verb>corrects|clarifies)\b", re.I)

# Bullets, italics and brackets that outlets put before a note.
_LEAD = re.compile(r"^[\s•*·_\[]+")
# Where a sentence starts inside a paragraph: after an end mark (and a closing quote or
# bracket) and a space, or after a bullet or bar between two pieces of text.
_SENTENCE_START = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’»)\]]))\s+|\s[•·|]\s+")
_CLOSERS = "\"'”’»)]*_ "
# A reported sentence after a plain "Update:" runs to at least this many words.
MIN_UPDATE_WORDS = 6


@dataclass(frozen=True)
class _Head:
    """A label at the start of a text, with the date before its colon and the text after."""

    label: Label
    when: str
    colon: bool
    rest: str


def _head(text: str) -> _Head | None:
    if not _ANY_LABEL.match(text):
        return None
    for label, pattern in _LABELS:
        match = pattern.match(text)
        if match is None:
            continue
        when = match.group("when").strip()
        if not is_stamp(when, LABEL_WHEN_WORDS) or _ASKS.search(when):
            continue  # "Correction officers at ...", "Update your app ...", "Erramos?"
        colon = match.group("sep").strip() not in ("", "-")
        rest = match.group("rest").strip()
        dated = _REST_WHEN.match(rest)
        if dated and _has_digit(dated["when"]) and is_stamp(dated["when"]):
            when, rest = f"{when} {dated['when']}".strip(), dated.group("rest").strip()
        return _Head(label, when, colon, rest)
    return None


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _says_changed(text: str) -> bool:
    """Whether the text says the article itself changed, or opens like a note."""
    return bool(_CHANGED.search(text) or _OPENING.match(text))


def _reads_as_update(text: str, dated: bool) -> bool:
    """An update's body: it says what changed, or is a reported sentence, not a teaser."""
    if _says_changed(text):
        return True
    if not text.rstrip(_CLOSERS).endswith("."):
        return False
    return dated or len(text.split()) >= MIN_UPDATE_WORDS


def _takes_rest(head: _Head) -> bool:
    """Whether the text after a label makes the label a note."""
    if head.label.needs == NEWS:
        return _reads_as_update(head.rest, dated=_has_digit(head.when))
    if head.label.needs == CHANGE:
        return _says_changed(head.rest)
    if head.label.needs == BODY:
        return bool(_OPENING.match(head.rest))
    return True


def _takes_next(head: _Head, following: str) -> bool:
    """Whether a label alone on its line heads the next paragraph."""
    if head.label.needs == NEWS:
        # "Update:" or "Update (March 3):" on its own, never a stamp line such as
        # "Updated 10:42 GMT" or "UPDATED: Tuesday, 3 March 2024".
        return head.colon and not head.rest and _reads_as_update(following, dated=True)
    if head.label.needs in (CHANGE, BODY):
        return head.colon and not head.rest and bool(_OPENING.match(following))
    if _says_changed(following):
        return True
    # A dated heading ("Correction: March 24, 2024") also heads a body worded as a fix.
    return _has_digit(f"{head.when} {head.rest}") and bool(_CORRECTING.search(following))


def _worded_type(text: str) -> str:
    """The type a label-less note's wording gives it."""
    wire = _WIRE.match(text)
    if wire:
        return CORRECTION if wire.group("verb").lower() == "corrects" else CLARIFICATION
    if _CLARIFYING.search(text):
        return CLARIFICATION
    if _CORRECTING.search(text):
        return CORRECTION
    return UPDATE


def _labelled_type(label: Label, body: str) -> str:
    return _worded_type(body) if label.note_type == BY_WORDING else label.note_type


def _strip_lead(text: str) -> str:
    return _LEAD.sub("", text).strip()


def _starts(paragraph: str) -> list[int]:
    """Where a note could start: the paragraph's start and each sentence start inside it."""
    return [0, *(m.end() for m in _SENTENCE_START.finditer(paragraph))]


def _note_at(texts: Sequence[str], position: int) -> tuple[CorrectionNote, int] | None:
    """The note in paragraph `position`, and how many paragraphs it takes (1 or 2)."""
    paragraph = texts[position]
    following = _strip_lead(texts[position + 1]) if position + 1 < len(texts) else ""
    for start in _starts(paragraph):
        text = _strip_lead(paragraph[start:])
        head = _head(text)
        if head is None:
            if _OPENING.match(text):
                return _note(_worded_type(text), text, text, position, ""), 1
            continue
        if head.rest and not is_stamp(head.rest):
            if _takes_rest(head):
                note_type = _labelled_type(head.label, head.rest)
                return _note(note_type, text, head.rest, position, head.when), 1
        elif following and _takes_next(head, following):
            when = f"{head.when} {head.rest}"
            note_type = _labelled_type(head.label, following)
            return _note(note_type, f"{text} {following}", following, position, when), 2
    return None


def detect_correction_notes(paragraphs: Sequence[str]) -> list[CorrectionNote]:
    """Correction notes among a version's paragraphs, in reading order."""
    texts = [_strip_lead(p) for p in paragraphs]
    notes: list[CorrectionNote] = []
    position = 0
    while position < len(texts):
        found = _note_at(texts, position)
        if found is None:
            position += 1
            continue
        note, taken = found
        notes.append(note)
        position += taken
    return notes


def _note_date(when: str, body: str) -> str | None:
    """The date a label gives ("Correction (March 24, 2024):"), else the body's ("amended on")."""
    labelled = find_date(when)
    if labelled:
        return labelled
    for declared in _DATED.finditer(body):
        found = date_at(body[declared.end() :])
        if found:
            return found
    return None


def _note(note_type: str, note_text: str, body: str, position: int, when: str) -> CorrectionNote:
    wrong, right = wrong_and_right(body)
    return CorrectionNote(
        note_type=note_type,
        note_text=note_text,
        paragraph_pos=position,
        note_date=_note_date(when, body),
        wrong_text=wrong,
        right_text=right,
    )
