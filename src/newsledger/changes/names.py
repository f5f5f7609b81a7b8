"""Names and roles in a sentence and how they differ: `name_evidence` says "Kirby adviser →
spokesman" when a name or role was replaced, inserted or dropped, and not for recapitalising,
possessives, plurals, a name written more fully, or words inside a quotation."""

from __future__ import annotations

from collections import Counter

from newsledger.changes.diffing import tokenize
from newsledger.changes.figures import difference
from newsledger.changes.quotes import inside_quotes
from newsledger.changes.words import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    NUMBER_WORDS,
    ROLE_NOUNS,
    is_word,
    words_of,
)


def name_key(word: str) -> str:
    """A name as compared: lowercased, a possessive dropped ("Trump's", "Saints'" -> stem)."""
    lower = word.lower()
    for ending in ("'s", "’s"):
        if lower.endswith(ending):
            return lower[: -len(ending)]
    return lower


def _unquoted_words(text: str) -> list[str]:
    """The words of a text outside quotations: words inside one are the quote's, not names."""
    tokens = tokenize(text)
    return [t for t, quoted in zip(tokens, inside_quotes(tokens), strict=True) if not quoted]


def _name_tokens(text: str) -> Counter[str]:
    """Name and role tokens of a sentence (see `_name_key`), with how often each occurs.

    A capitalised first word counts only when the next word is capitalised too ("Tim
    Harlow said"), since every sentence starts with a capital. Words inside quotation marks
    are not names.
    """
    tokens = [t for t in _unquoted_words(text) if not t.isspace()]
    names: Counter[str] = Counter()
    for i, word in enumerate(tokens):
        if not is_word(word):
            continue
        lower = word.lower()
        # An acronym is a name even when it spells a common word (US, IT, WHO).
        acronym = len(word) > 1 and word.isupper() and word.isalpha()
        if not acronym and (
            lower in FUNCTION_WORDS or lower in NUMBER_WORDS or lower in CALENDAR_WORDS
        ):
            continue
        if lower in ROLE_NOUNS:
            names[name_key(word)] += 1
        elif word[0].isupper():
            next_is_capital = (
                i + 1 < len(tokens) and is_word(tokens[i + 1]) and tokens[i + 1][0].isupper()
            )
            if i > 0 or next_is_capital or acronym:
                names[name_key(word)] += 1
    return names


def _joined_to_kept_name(name: str, text: str, other: str) -> bool:
    """Whether `name` sits next to a capitalised word that `other` also has, with only a space
    between them (one name written more fully; "UK, US" are two names)."""
    tokens = tokenize(text)
    kept = {name_key(w) for w in words_of(other) if w[0].isupper()}
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


def name_evidence(before: str, after: str) -> str:
    """Names and roles replaced, inserted or deleted; recapitalising one, or its possessive or
    plural form, is not a change."""
    before_names, after_names = _name_tokens(before), _name_tokens(after)
    before_all = Counter(name_key(w) for w in words_of(before))
    after_all = Counter(name_key(w) for w in words_of(after))
    gone = Counter(
        {w: n for w, n in (before_names - after_names).items() if before_all[w] > after_all[w]}
    )
    new = Counter(
        {w: n for w, n in (after_names - before_names).items() if after_all[w] > before_all[w]}
    )
    # A name only dropped, or swapped for the role that still points at the same person
    # ("Governor Andrew Cuomo" -> "the governor"), tells the reader nothing new or different.
    if gone and not any(w in ROLE_NOUNS for w in gone) and all(w in ROLE_NOUNS for w in new):
        return ""
    # A first name or qualifier joined to a name both versions have ("Madeley" -> "Richard
    # Madeley") names the same person more fully.
    if not gone:
        new = Counter({w: n for w, n in new.items() if not _joined_to_kept_name(w, after, before)})
    # "Republican" -> "Republicans" is one name in two forms.
    for word in list(gone):
        for form in (word + "s", word + "es", word.removesuffix("s"), word.removesuffix("es")):
            if form != word and new[form]:
                del gone[word]
                del new[form]
                break
    if not gone and not new:
        return ""
    # Show each name as the text spells it, not lowercased.
    spelled = {name_key(w): w for w in words_of(after) + words_of(before)}
    gone = Counter({spelled.get(w, w): n for w, n in gone.items()})
    new = Counter({spelled.get(w, w): n for w, n in new.items()})
    return difference(gone, new)
