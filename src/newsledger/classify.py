"""What kind of change a hunk is, and which paragraphs are correction notes.

First cut: the AP form "This story was updated to correct that ...". The table it
fills (corrections) already has room for type, date, and what was wrong and right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsledger.models import Change, ChangeLabel, CorrectionNote, NoteLink

_AP_CORRECTION = re.compile(
    r"^This (?:story|article|report) (?:was|has been) (?:updated|corrected) to correct that\b",
    re.IGNORECASE,
)
_WRONG_RIGHT = re.compile(r"\bis (?P<right>.+?), not (?P<wrong>.+?)\.?$")


def detect_correction_notes(paragraphs: Sequence[str]) -> list[CorrectionNote]:
    """Correction notes among a version's paragraphs, in reading order."""
    notes: list[CorrectionNote] = []
    for position, paragraph in enumerate(paragraphs):
        if not _AP_CORRECTION.search(paragraph):
            continue
        wrong_right = _WRONG_RIGHT.search(paragraph)
        notes.append(
            CorrectionNote(
                note_type="correction",
                note_text=paragraph,
                paragraph_pos=position,
                wrong_text=wrong_right.group("wrong") if wrong_right else None,
                right_text=wrong_right.group("right") if wrong_right else None,
            )
        )
    return notes


def label_changes(changes: Sequence[Change]) -> list[ChangeLabel]:
    """Kinds for each change. First cut: metadata fields and pure additions/removals only."""
    labels: list[ChangeLabel] = []
    for change in changes:
        if change.field in ("title", "byline"):
            kind = "headline" if change.field == "title" else "byline"
            labels.append(ChangeLabel(change.change_no, kind))
        elif change.op in ("added", "removed"):
            labels.append(ChangeLabel(change.change_no, change.op))
    return labels


# Kinds that change what a report asserts, as opposed to growth, cuts and polish.
SUBSTANTIVE_KINDS = frozenset({"numeric", "name_or_title", "quote", "attribution"})

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def link_notes(notes: Sequence[CorrectionNote], changes: Sequence[Change]) -> list[NoteLink]:
    """Links each note to the changed sentences whose edited words the note names.

    First cut: the share of a change's deleted and inserted words that the note quotes.
    """
    links: list[NoteLink] = []
    for note_no, note in enumerate(notes, start=1):
        note_words = _words(note.note_text)
        for change in changes:
            if change.op != "changed":
                continue
            edited = _words(" ".join(op.text for op in change.word_ops if op.op != "equal"))
            if not edited:
                continue
            score = len(edited & note_words) / len(edited)
            if score >= 0.5:
                links.append(NoteLink(note_no, change.change_no, round(score, 3)))
    return links


def transition_status(
    is_first: bool,
    new_notes: Sequence[CorrectionNote],
    labels: Sequence[ChangeLabel],
    links: Sequence[NoteLink],
) -> str:
    """One status per version transition (see warehouse/README.md for each)."""
    if new_notes:
        return "declared_and_observed" if links and not is_first else "declared_unobserved"
    if any(label.kind in SUBSTANTIVE_KINDS for label in labels):
        return "silent_substantive"
    return "routine"
