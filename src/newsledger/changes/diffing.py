"""Aligns two versions sentence by sentence and says what changed, word by word.

Successive versions share most sentences, so difflib's matching on whole sentences
finds the unchanged ones; inside a replaced block, sentences are paired by word
similarity so that an edited sentence is one `changed` hunk, not a removal and an add.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from newsledger.changes.lexicon import lexicon_for
from newsledger.changes.lexicon import tokenize as tokenize
from newsledger.models import Change, ChangeOp, WordOp

# Below this word similarity two sentences are different sentences, not one edited.
PAIRING_THRESHOLD = 0.5
# A sentence rewritten in place keeps this share of the shorter one's content words, and at
# least half of the longer one's.
REWRITTEN_IN_PLACE = 0.75


def word_ops(before: str, after: str) -> tuple[WordOp, ...]:
    """Word-level equal/delete/insert operations that turn `before` into `after`.

    A lone space between two edits is folded into them, so "national security adviser"
    -> "National Security Council" reads as one replacement, not three.
    """
    old, new = tokenize(before), tokenize(after)
    blocks: list[tuple[str, list[str], list[str]]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        blocks.append(("equal" if opcode == "equal" else "edit", old[i1:i2], new[j1:j2]))
    merged: list[tuple[str, list[str], list[str]]] = []
    for index, (kind, old_tokens, new_tokens) in enumerate(blocks):
        between_edits = 0 < index < len(blocks) - 1 and blocks[index + 1][0] == "edit"
        if kind == "equal" and between_edits and all(t.isspace() for t in old_tokens):
            kind = "edit"
        if merged and merged[-1][0] == kind == "edit":
            merged[-1] = ("edit", merged[-1][1] + old_tokens, merged[-1][2] + new_tokens)
        else:
            merged.append((kind, list(old_tokens), list(new_tokens)))
    ops: list[WordOp] = []
    for kind, old_tokens, new_tokens in merged:
        if kind == "equal":
            ops.append(WordOp("equal", "".join(old_tokens)))
            continue
        if old_tokens:
            ops.append(WordOp("delete", "".join(old_tokens)))
        if new_tokens:
            ops.append(WordOp("insert", "".join(new_tokens)))
    return tuple(ops)


def sentence_similarity(a: str, b: str) -> float:
    words_a = [t.lower() for t in tokenize(a) if not t.isspace()]
    words_b = [t.lower() for t in tokenize(b) if not t.isspace()]
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _content_words(sentence: str, function_words: frozenset[str]) -> set[str]:
    words = {t.lower() for t in tokenize(sentence) if any(ch.isalnum() for ch in t)}
    return words - function_words


def rewritten_in_place(a: str, b: str) -> bool:
    """Whether `b` is `a` rewritten: three in four of the shorter one's content words (at
    least two), and half the longer one's, are in the other, whatever their order ("The
    minister said on Friday talks were useful" -> "Talks were useful, the minister said on
    Friday, after a night of negotiation")."""
    function_words = lexicon_for(a, b).function_words
    words_a, words_b = _content_words(a, function_words), _content_words(b, function_words)
    shared = len(words_a & words_b)
    shorter, longer = sorted((len(words_a), len(words_b)))
    return shared >= 2 and shared / shorter >= REWRITTEN_IN_PLACE and shared / longer >= 0.5


def _pair_block(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Order-preserving pairs of (old index, new index) inside a replaced block: the most
    similar sentence ahead, or else the one in the same place when it is the old one
    rewritten (most of its content words kept)."""
    pairs: list[tuple[int | None, int | None]] = []
    next_new = 0
    for i, sentence in enumerate(old):
        best_j, best_score = None, PAIRING_THRESHOLD
        for j in range(next_new, len(new)):
            score = sentence_similarity(sentence, new[j])
            if score >= best_score:
                best_j, best_score = j, score
        if best_j is None and next_new < len(new) and rewritten_in_place(sentence, new[next_new]):
            best_j = next_new
        if best_j is None:
            pairs.append((i, None))
            continue
        pairs.extend((None, j) for j in range(next_new, best_j))
        pairs.append((i, best_j))
        next_new = best_j + 1
    pairs.extend((None, j) for j in range(next_new, len(new)))
    return pairs


def diff_sentences(old: Sequence[str], new: Sequence[str], field: str = "body") -> list[Change]:
    """Sentence-level hunks (added, removed, changed) from `old` to `new`, in reading order."""
    changes: list[Change] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)

    def add(op: ChangeOp, before_pos: int | None, after_pos: int | None) -> None:
        before = old[before_pos] if before_pos is not None else None
        after = new[after_pos] if after_pos is not None else None
        ops = word_ops(before or "", after or "")
        changes.append(Change(0, op, before, after, before_pos, after_pos, ops, field))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for pi, pj in _pair_block(old[i1:i2], new[j1:j2]):
            if pi is not None and pj is not None:
                add("changed", i1 + pi, j1 + pj)
            elif pi is not None:
                add("removed", i1 + pi, None)
            elif pj is not None:
                add("added", None, j1 + pj)
    return changes


def diff_field(before: str | None, after: str | None, field: str) -> list[Change]:
    """A single-value field (title, byline, summary) as one change.

    When both versions have the field it is one `changed` pair however much was rewritten:
    a new headline is the same field edited, not a sentence removed and another added.
    """
    if before == after:
        return []
    if before and after:
        return [Change(0, "changed", before, after, 0, 0, word_ops(before, after), field)]
    return diff_sentences([before] if before else [], [after] if after else [], field)


def number_changes(changes: Sequence[Change]) -> list[Change]:
    """Gives each change its place in the transition, starting at 1."""
    return [
        Change(n, c.op, c.before_text, c.after_text, c.before_pos, c.after_pos, c.word_ops, c.field)
        for n, c in enumerate(changes, start=1)
    ]


def apply_changes(old: Sequence[str], changes: Sequence[Change]) -> list[str]:
    """Rebuilds the new sentence list from the old one and its body changes.

    Unchanged sentences keep their order, so they fill every slot no change names.
    """
    body = [c for c in changes if c.field == "body"]
    dropped = {c.before_pos for c in body if c.op in ("removed", "changed")}
    placed = {c.after_pos: c.after_text for c in body if c.op in ("added", "changed")}
    kept = iter(s for i, s in enumerate(old) if i not in dropped)
    size = len(old) - len(dropped) + len(placed)
    return [placed[i] if i in placed else next(kept) for i in range(size)]  # type: ignore[misc]
