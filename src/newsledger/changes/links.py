"""Which change(s) each correction note describes: the note's phrases and words matched
against the changes of its transition. Finding the notes is `newsledger.changes.notes`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsledger.changes.words import (
    FUNCTION_WORDS,
    is_respelling,
    is_word,
    sides_of,
    words_of,
    wordset,
)
from newsledger.models import Change, CorrectionNote, NoteLink

# Words every note uses whatever it corrects; they say nothing about which change it means.
_NOTE_BOILERPLATE = wordset(
    """
    correction corrections clarification clarifications update updates updated editor
    editor's note earlier previous prior version versions article story report piece
    post item this has have been was were is amended corrected correct corrects
    correcting clarify clarified clarifies misstated misspelled misspelt misidentified
    misquoted misnamed incorrectly wrongly mistakenly erroneously said stated reported
    gave wrong incorrect error show shows reflect to that it he she they the a an of in
    on at for with additional reporting information details latest new changed change
    edited version
    """
)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _note_words(text: str) -> set[str]:
    return {
        _stem(re.sub(r"['’]s$", "", w.lower()))
        for w in words_of(text)
        if w.lower() not in _NOTE_BOILERPLATE and w.lower() not in FUNCTION_WORDS
    }


def _lead_stripped(text: str) -> str:
    return re.sub(r"^[\s•*·_\[]+", "", text).strip()


def _is_note_text(change: Change, note: CorrectionNote) -> bool:
    """Whether the change is (part of) the note's own paragraph."""
    text = _lead_stripped(change.after_text or "")
    return bool(text) and change.op != "removed" and text in note.note_text


def _edited_words(change: Change) -> set[str]:
    if change.op != "changed":
        return set()
    return {
        _stem(w.lower())
        for side in sides_of(change)
        for t, edited in zip(side.tokens, side.edited, strict=True)
        if edited and is_word(t)
        for w in [t]
        if w.lower() not in FUNCTION_WORDS
    }


def _sentence_words(change: Change) -> set[str]:
    text = f"{change.before_text or ''} {change.after_text or ''}"
    return {_stem(w.lower()) for w in words_of(text) if w.lower() not in FUNCTION_WORDS}


def _phrase(text: str | None) -> str:
    """A note's phrase as it would read inside a sentence: lower case, no leading article."""
    return re.sub(r"^(?:the|a|an)\s+", "", (text or "").lower())


def _phrase_score(note: CorrectionNote, change: Change) -> float:
    """1.0 when the change swaps the note's wrong text for its right text (or shows either)."""
    before, after = (change.before_text or "").lower(), (change.after_text or "").lower()
    wrong, right = _phrase(note.wrong_text), _phrase(note.right_text)
    if wrong and right and wrong in before and right in after and right not in before:
        return 1.0
    if right and right in after and right not in before:
        return 0.9
    if wrong and wrong in before and wrong not in after:
        return 0.9
    return 0.0


# A sentence-only match needs this many shared content words.
MIN_SENTENCE_OVERLAP = 2


_SPELLING_NOTE = re.compile(r"\bspell|\bmisspel", re.I)


def _is_name_respelling(change: Change) -> bool:
    """A changed sentence whose only edit respells words, at least one of them a name."""
    if change.op != "changed":
        return False
    gone, came = (
        [t for t, e in zip(side.tokens, side.edited, strict=True) if e and is_word(t)]
        for side in sides_of(change)
    )
    return is_respelling(gone, came) and any(w[0].isupper() for w in gone + came)


def _link_scores(note: CorrectionNote, changes: Sequence[Change]) -> dict[int, float]:
    candidates = [c for c in changes if not _is_note_text(c, note)]
    body_words = _note_words(note.note_text)
    if note.note_date:
        body_words -= {_stem(w.lower()) for w in words_of(note.note_date)}
    if re.search(r"\bheadlines?\b", note.note_text, re.I):
        titles = {c.change_no: 1.0 for c in candidates if c.field == "title"}
        if titles:
            return titles
    phrase = {c.change_no: _phrase_score(note, c) for c in candidates}
    if any(phrase.values()):
        return {n: s for n, s in phrase.items() if s}
    if _SPELLING_NOTE.search(note.note_text):
        respelt = {c.change_no: 0.8 for c in candidates if _is_name_respelling(c)}
        if respelt:
            return respelt
    if not body_words:
        # "This story has been updated.": it declares whatever else changed.
        return {c.change_no: 0.1 for c in candidates if c.field == "body"}
    by_edit: dict[int, float] = {}
    for change in candidates:
        edited = _edited_words(change)
        shared = edited & body_words
        if shared:
            by_edit[change.change_no] = len(shared) / len(edited)
    if by_edit:
        return by_edit
    by_sentence: dict[int, float] = {}
    for change in candidates:
        shared = _sentence_words(change) & body_words
        if len(shared) >= MIN_SENTENCE_OVERLAP:
            by_sentence[change.change_no] = len(shared) / len(body_words)
    return by_sentence


def link_notes(notes: Sequence[CorrectionNote], changes: Sequence[Change]) -> list[NoteLink]:
    """Links each note to the change(s) it describes.

    Evidence, strongest first: the note mentions the headline (title changes); the change
    swaps the note's wrong text for its right text; the change's edited words appear in
    the note; the changed sentence shares content words with the note; a note saying only
    "this story has been updated" declares every other body change. Only the best-scoring
    changes (within half of the best) are kept, and never the note's own paragraph.
    """
    links: list[NoteLink] = []
    for note_no, note in enumerate(notes, start=1):
        scores = _link_scores(note, changes)
        if not scores:
            continue
        best = max(scores.values())
        links += [
            NoteLink(note_no, change_no, round(score, 3))
            for change_no, score in sorted(scores.items())
            if score >= best / 2
        ]
    return links
