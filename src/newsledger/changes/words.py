"""The words the kind tests and note links read: a change's two sides as tokens, when two
spellings are one word or two forms one name (possessive, people's form, short form, acronym,
accents), and the English word lists (every language's are in `lexicon`)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from newsledger.changes.diffing import tokenize
from newsledger.changes.lexicon import ENGLISH, Lexicon, without_elision
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


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t in tokenize(text) if is_word(t))


def words_of(text: str) -> list[str]:
    return list(_words(text))


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


# How names compare: as keys, in a people's form, a short form or an acronym, without accents.


@lru_cache(maxsize=16384)
def name_key(word: str) -> str:
    """A name as compared: lowercased, a possessive dropped ("Trump's", "Saints'" -> stem),
    an elided article dropped ("l'Élysée" -> "élysée")."""
    lower = without_elision(word).lower()
    for ending in ("'s", "’s"):
        if lower.endswith(ending):
            return lower[: -len(ending)]
    return lower


# Endings that make a people or an adjective of a place ("Swede", "Swedish", "Ukrainian").
_DEMONYM = re.compile(r"(?:ish|ian|ians|an|ans|ese|er|ers|i|is)$")
# How a place's name ends where its people's form takes over ("Russia", "Germany", "Sweden").
_PLACE_END = re.compile(r"(?:a|ia|e|y|en|land|ain|o)$")


def same_name(a: str, b: str) -> bool:
    """A name and its plural or its people's form: "Republican" and "Republicans", "Swedes"
    and "Swedish", "Ukraine" and "Ukrainian", "Germany" and "Germans". A name respelt
    ("Crewe", "Crew"; "Okafer", "Okafor") is not one of these."""
    if a == b:
        return True
    if a.removesuffix("s") == b.removesuffix("s") or a.removesuffix("es") == b.removesuffix("es"):
        return True
    for people, place in ((a, b), (b, a)):
        people, place = people.removesuffix("s"), place.removesuffix("s")
        stem = _DEMONYM.sub("", people)
        # "-er" makes people of a city ("Londoner"), and surnames of short verbs ("Walker").
        if stem == people or len(stem) < (5 if people.endswith("er") else 4):
            continue
        # The place is the stem and a place ending ("Russ" + "ia"), or the people's word is the
        # place without its ending and a people's ending ("German-y", "Scot-land", "Scott-ish").
        rest = place.removeprefix(stem) if place.startswith(stem) else None
        if rest is not None and (not rest or _PLACE_END.fullmatch(rest) or len(rest) == 1):
            return True
        place_stem = _PLACE_END.sub("", place)
        if len(place_stem) >= 4 and (
            place_stem == people
            or (stem.startswith(place_stem) and len(stem) <= len(place_stem) + 1)
        ):
            return True
    return False


def fold_accents(word: str) -> str:
    """A word without its accents: "Úsuga" -> "usuga"."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch)
    )


def abbreviates(short: str, long: str) -> bool:
    """A name's short form: its start ("Man" of "Manchester") or, four letters at most, its
    letters in order ("Utd" of "United", "T20" of "Twenty20")."""
    # A short form saves letters: "Crew" is not short for "Crewe", it is another spelling.
    if not 2 <= len(short) <= len(long) - 3 or short[0] != long[0]:
        return False
    if len(short) >= 3 and long.startswith(short):
        return True
    rest = iter(long)
    return len(short) <= 4 and all(ch in rest for ch in short)


def spelt_out(acronym: str, text: str) -> list[str]:
    """The words of `text` an acronym stands for ("NZ": New Zealand, "PM": prime minister,
    "FA": the Football Association; "SATC": Sex and the City, its small words counted)."""
    every = [name_key(w) for w in words_of(text)]
    content = [w for w in every if w not in ("of", "and", "the", "for")]
    for words in (content, every):
        for start in range(len(words) - len(acronym) + 1):
            run = words[start : start + len(acronym)]
            if "".join(w[0] for w in run) == acronym:
                return run
    return []


def inserted_words(before: str, after: str) -> set[str]:
    """Name keys of the words `after` inserts where `before` had nothing."""
    old, new = [name_key(w) for w in words_of(before)], [name_key(w) for w in words_of(after)]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return {w for tag, _, _, j1, j2 in matcher.get_opcodes() if tag == "insert" for w in new[j1:j2]}


def joined_to_kept_name(name: str, text: str, other: str, lex: Lexicon) -> bool:
    """Whether `name` sits next to a capitalised word that `other` also has, with only a space
    between them (one name written more fully; "UK, US" are two names)."""
    tokens = tokenize(text)
    kept = {
        name_key(w)
        for w in words_of(other)
        if w[0].isupper() and name_key(w) not in lex.function_words
    }
    for i, token in enumerate(tokens):
        if not is_word(token) or name_key(token) != name:
            continue
        # Right next to it ("Ada Okafor"), or across "of" ("Bank of England").
        for step in (-1, 1):
            for reach in (2, 4):
                between = tokens[i + step : i + step * reach : step]
                neighbour = i + step * reach
                if not 0 <= neighbour < len(tokens) or any(t not in (" ", "of") for t in between):
                    continue
                word = tokens[neighbour]
                if is_word(word) and word[0].isupper() and name_key(word) in kept:
                    return True
    return False


def drop_same_entities(
    gone: Counter[str], new: Counter[str], before: str, after: str, *, respelt: bool
) -> None:
    """Drops, in place, the names both sides give one entity: a short and a long form ("Man
    City", "Manchester City"), an acronym and its words ("NZ", "New Zealand"), and when
    `respelt`, a name respelt or re-accented ("Leage" -> "League", "Usuga" -> "Úsuga")."""
    for words, others, other_text, text in ((new, gone, before, after), (gone, new, after, before)):
        for word in list(words):
            if not (2 <= len(word) <= 5 and word.upper() in words_of(text)):
                continue
            run = spelt_out(word, other_text)
            if run and all(w in others or w not in words for w in run):
                del words[word]
                for w in run:
                    others.pop(w, None)
    for old in list(gone):
        for word in list(new):
            same = abbreviates(old, word) or abbreviates(word, old)
            # A digit is never spelling: "COP26" -> "COP27" is another summit.
            if respelt and re.sub(r"\D", "", old) == re.sub(r"\D", "", word):
                same = (
                    same or fold_accents(old) == fold_accents(word) or is_respelling([old], [word])
                )
            if same and old in gone and word in new:
                del gone[old]
                del new[word]
