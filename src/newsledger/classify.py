"""What kind of change a hunk is, and which paragraphs are correction notes.

First cut: the AP form "This story was updated to correct that ...". The table it
fills (corrections) already has room for type, date, and what was wrong and right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsledger.models import Change, ChangeLabel, CorrectionNote

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
