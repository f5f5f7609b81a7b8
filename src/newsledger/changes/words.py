"""The words the kind tests and note links read: a change's two sides as tokens, when two
spellings are one word, and the English word lists (every language's are in `lexicon`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsledger.changes.diffing import tokenize
from newsledger.changes.lexicon import ENGLISH
from newsledger.models import Change


def wordset(text: str) -> frozenset[str]:
    """A word list written as one string, one space or line break apart."""
    return frozenset(text.split())


# English lists, for the note links (English notes); the kind tests read `lexicon_for`.
NUMBER_WORDS = ENGLISH.number_words
CALENDAR_WORDS = ENGLISH.calendar_words
ROLE_NOUNS = ENGLISH.role_nouns
FUNCTION_WORDS = ENGLISH.function_words
SPEECH_VERBS = ENGLISH.speech_verbs


@dataclass(frozen=True)
class Side:
    """One side of a change as the kind tests see it."""

    text: str
    tokens: list[str]
    edited: list[bool]  # per token: deleted (before side) or inserted (after side)


def sides_of(change: Change) -> tuple[Side, Side]:
    before_tokens: list[str] = []
    before_edited: list[bool] = []
    after_tokens: list[str] = []
    after_edited: list[bool] = []
    for op in change.word_ops:
        pieces = tokenize(op.text)
        if op.op in ("equal", "delete"):
            before_tokens += pieces
            before_edited += [op.op == "delete"] * len(pieces)
        if op.op in ("equal", "insert"):
            after_tokens += pieces
            after_edited += [op.op == "insert"] * len(pieces)
    return (
        Side(change.before_text or "", before_tokens, before_edited),
        Side(change.after_text or "", after_tokens, after_edited),
    )


def is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def words_of(text: str) -> list[str]:
    return [t for t in tokenize(text) if is_word(t)]


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _is_typo(a: str, b: str) -> bool:
    """Two spellings of one word: no edit in words of up to 3 letters, 1 up to 7, else 2.

    So "goverment"/"government", "recieve"/"receive", "it's"/"its" pass, while
    "in"/"on" and "signs"/"signals" are different words.
    """
    allowed = 0 if max(len(a), len(b)) <= 3 else 1 if max(len(a), len(b)) <= 7 else 2
    return edit_distance(a.lower(), b.lower()) <= allowed


def is_respelling(gone: Iterable[str], new: Iterable[str]) -> bool:
    """Every word that went has a close spelling among the words that came, and back."""
    gone, new = list(gone), list(new)
    if len(gone) != len(new) or not gone:
        return False
    return all(any(_is_typo(g, n) for n in new) for g in gone) and all(
        any(_is_typo(n, g) for g in gone) for n in new
    )
