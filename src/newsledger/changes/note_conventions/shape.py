"""The shape of one language's note conventions (`NoteLanguage`, `Label`) and the pieces of
pattern the language tables share."""

from __future__ import annotations

from dataclasses import dataclass

CORRECTION = "correction"
CLARIFICATION = "clarification"
UPDATE = "update"
EDITORS_NOTE = "editors_note"
# A generic head ("Note:", "Hinweis:") leaves the type to the note's wording.
BY_WORDING = "by_wording"

# What a label needs after it to head a note.
ANY = "any"  # the label alone says it is a note: any text after it is the body
NEWS = "news"  # an update: the text must say the article changed, or be a reported sentence
CHANGE = "change"  # an everyday word ("Précision"): the text must say the article changed
BODY = "body"  # a generic head ("Note:", "Hinweis:"): the text must open like a note body

# Up to 60 characters of the same sentence (dates keep their dots: "am 3. März 2024").
GAP = r"(?:[^!?]{0,60}?\s)?"
# The rest of a clause, as what was wrong or what is right.
WRONG = r"(?P<wrong>[^.;]+?)\s*(?:[.;]|$)"
RIGHT = r"(?P<right>[^.;]+?)\s*(?:[.;]|$)"


@dataclass(frozen=True)
class Label:
    """A word or phrase that heads a note ("Correction", "Korrektur", "Erramos").

    `needs` says what must follow it for the paragraph to be a note: ANY, NEWS, CHANGE or
    BODY. A BY_WORDING type leaves the type to the note's wording.
    """

    pattern: str
    note_type: str
    needs: str = ANY


@dataclass(frozen=True)
class NoteLanguage:
    """One language's note conventions; every pattern is a case-insensitive regex fragment.

    labels: heads of a note ("Correction:", "Korrektur vom 3. März 2024:").
    openings: how a label-less note starts, at the start of a sentence.
    changed: wording that says the article itself was changed (what makes "Update:" a note).
    correcting / clarifying: wording that makes a label-less note a correction or a
    clarification (else it is an update).
    dated: wording right before the date a note's body gives ("amended on").
    months: the 12 months, names and abbreviations; weekdays: names and abbreviations.
    stamp_words: the other words a bare dateline stamp is made of ("Updated at", "Uhr").
    wrong: phrases ending in what the article wrongly said, `(?P<wrong>...)` to the end of
    the clause; right: phrases introducing what is right, `(?P<right>...)`.
    """

    code: str
    labels: tuple[Label, ...]
    openings: tuple[str, ...]
    changed: tuple[str, ...]
    correcting: str
    clarifying: str
    dated: str
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[str, ...]
    stamp_words: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
