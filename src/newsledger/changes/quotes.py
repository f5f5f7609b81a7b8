"""Which words of a sentence lie inside a quotation, in every common style: straight and curly
double and single quotes, guillemets both ways, German and Polish low-high marks.

An apostrophe is not a quotation mark: a mark is read as one only where it can open or close a
quotation (space or start before an opening mark, a word after it, and the reverse to close).
"""

from __future__ import annotations

from collections.abc import Sequence

# Opening mark -> the marks that close it. “ closes „ in German and opens in English; ‘ closes
# ‚ in German and opens in English; » opens in German and closes in French.
_CLOSERS = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‚": "‘’",
    "‘": "’",
    '"': '"',
    "'": "'",
}
# Marks that only ever close: met first in a sentence, the quotation opened in the one before.
_CLOSING_ONLY = frozenset("”’")
QUOTE_MARKS = frozenset(_CLOSERS) | _CLOSING_ONLY


def _is_word(token: str | None) -> bool:
    return token is not None and any(ch.isalnum() for ch in token)


def _neighbours(tokens: Sequence[str], index: int) -> tuple[str | None, str | None]:
    before = tokens[index - 1] if index > 0 else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return before, after


def _can_open(tokens: Sequence[str], index: int) -> bool:
    before, after = _neighbours(tokens, index)
    return not _is_word(before) and (_is_word(after) or after in QUOTE_MARKS)


def _can_close(tokens: Sequence[str], index: int) -> bool:
    before, after = _neighbours(tokens, index)
    return (before is not None and not before.isspace()) and not _is_word(after)


def inside_quotes(tokens: Sequence[str]) -> list[bool]:
    """Per token (words, spaces and marks as `tokenize` gives them), whether it is quoted.

    Quotation marks themselves are not inside. A closing-only mark met before any opening
    one closes a quotation that began in an earlier sentence, so the words before it are
    quoted. A straight apostrophe after a word ("Saints'") that closes nothing is left as
    an apostrophe.
    """
    flags = [False] * len(tokens)
    first_mark = next((i for i, t in enumerate(tokens) if t in QUOTE_MARKS), None)
    if first_mark is not None and tokens[first_mark] in _CLOSING_ONLY:
        flags[:first_mark] = [True] * first_mark
    open_marks: list[tuple[str, int]] = []  # (mark, where it opened)
    for index, token in enumerate(tokens):
        if token in QUOTE_MARKS:
            closes = open_marks and token in _CLOSERS.get(open_marks[-1][0], "")
            if closes and _can_close(tokens, index):
                open_marks.pop()
                continue
            if token in _CLOSERS and _can_open(tokens, index):
                open_marks.append((token, index))
                continue
        flags[index] = flags[index] or bool(open_marks)
    # A quotation that never closes was a stray mark or an apostrophe: nothing after it quoted.
    if open_marks:
        start = open_marks[0][1]
        flags[start:] = [False] * (len(tokens) - start)
    return flags
