"""The kind of each sentence-level change: the numeric, name, quote, attribution and cosmetic
tests with their evidence, and `label_changes`, which applies them to a transition's changes.

Kinds (a change may have several; each label carries the tokens that decided it):
- numeric: a number, quantity, date or time differs (40 -> 60, "dozens" -> "more than
  60", "$1.5m" -> "$15m", Tuesday -> Wednesday);
- name_or_title: a capitalised name or a role noun (spokesman, minister, ...) is replaced,
  inserted or deleted; a respelt name counts (names are facts), a recapitalised one not;
- quote: a word inside quotation marks changed (straight or curly; a quotation that
  opened in the sentence before counts);
- attribution: a speech verb (said, told, according to, posted, ...) changed, or the
  words naming the speaker next to it changed (a respelt speaker is not a new speaker);
- cosmetic: only spelling (each word within a small edit distance), punctuation,
  capitalisation, a repeated word or word order changed, or a dateline label such as
  "Updated 10:42 GMT" moved (it says when, never what);
- rewrite: the rest of the edited sentences;
- added / removed: a whole sentence in or out; when a removed sentence is replaced by an
  added one about the same thing, the added one also gets the numeric, name and
  attribution kinds of the replacement;
- headline / byline: the title or byline changed; a headline also gets numeric,
  name_or_title, quote, attribution or cosmetic, never rewrite (a reworded headline
  is what `headline` already says).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from newsledger.changes.diffing import tokenize
from newsledger.changes.figures import (
    SMALL_NUMBERS,
    amounts,
    difference,
    numeric_evidence,
    score_evidence,
)
from newsledger.changes.names import name_evidence, name_key
from newsledger.changes.quotes import inside_quotes
from newsledger.changes.words import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    SPEECH_VERBS,
    Side,
    is_respelling,
    is_word,
    sides_of,
    words_of,
)
from newsledger.models import Change, ChangeLabel

# Where a speaker phrase stops when read away from its verb.
_SPEAKER_STOPS = frozenset(',.;:“”"()—–')
_SPEAKER_STOP_WORDS = frozenset(["and", "but", "who", "which", "that", "while", "as", "when"])
_DATELINE = re.compile(r"^(?:last\s+)?(?:updated|modified|published|posted|edited)\b", re.I)
_DATELINE_REST = re.compile(
    r"\b(?:on|at|last|updated|modified|published|posted|edited|[ap]\.?m|[A-Z]{2,4})\b"
    r"|[\d\s,.:;/()–—-]+",
    re.I,
)


def _quote_evidence(sides: tuple[Side, Side]) -> str:
    changed: list[list[str]] = []
    for side in sides:
        inside = inside_quotes(side.tokens)
        changed.append(
            [
                t
                for t, edited, quoted in zip(side.tokens, side.edited, inside, strict=True)
                if edited and quoted and is_word(t)
            ]
        )
    if not changed[0] and not changed[1]:
        return ""
    return f"{' '.join(changed[0]) or '-'} → {' '.join(changed[1]) or '-'}"


def _speaker_phrases(text: str) -> Counter[str]:
    """Words naming who speaks, read next to each speech verb.

    "X said" (one comma-delimited appositive skipped, so "John Kirby, the adviser, said"
    names John Kirby), "said Maria Gonzalez" (a capitalised name right after the verb),
    "according to X". Function words, dates and numbers are not speakers.
    """
    tokens = [t for t in tokenize(text) if not t.isspace()]
    speaker: list[str] = []
    for index, token in enumerate(tokens):
        verb = SPEECH_VERBS.get(token.lower())
        if verb is None:
            continue
        if verb == "according":
            for word in tokens[index + 2 : index + 7]:
                if word in _SPEAKER_STOPS:
                    break
                speaker.append(word)
            continue
        j = index - 1
        if j >= 0 and tokens[j] == ",":
            earlier = [i for i in range(j) if tokens[i] == ","]
            j = earlier[-1] - 1 if earlier else -1
        taken = 0
        while j >= 0 and taken < 4:
            word = tokens[j]
            if word in _SPEAKER_STOPS or word.lower() in _SPEAKER_STOP_WORDS or not is_word(word):
                break
            speaker.append(word)
            taken += 1
            j -= 1
        for word in tokens[index + 1 : index + 4]:
            if not (is_word(word) and word[0].isupper()):
                break
            speaker.append(word)
    return Counter(
        w.lower()
        for w in speaker
        if w.lower() not in FUNCTION_WORDS and w.lower() not in CALENDAR_WORDS and not amounts(w)
    )


def _attribution_evidence(before: str, after: str, *, edited: bool = False) -> str:
    """Speech verbs that changed, or the speaker next to them (a respelt speaker is not).

    In an edited sentence (`edited`), a reporting verb only inserted or only dropped brings
    in or drops a statement ("Depp faces questioning" -> "Depp says …"): that is the new
    statement's news, not the same statement given another source. Across a removed and an
    added sentence that give the same figures, the verb dropped is the source that changed.
    """
    verbs = [
        Counter(SPEECH_VERBS[w.lower()] for w in words_of(text) if w.lower() in SPEECH_VERBS)
        for text in (before, after)
    ]
    if verbs[0] != verbs[1]:
        if edited and not (verbs[0] and verbs[1]):
            return ""
        return difference(verbs[0], verbs[1])
    if not verbs[0]:
        return ""
    speakers = _speaker_phrases(before), _speaker_phrases(after)
    gone, new = speakers[0] - speakers[1], speakers[1] - speakers[0]
    if (not gone and not new) or is_respelling(gone.elements(), new.elements()):
        return ""
    return difference(gone, new)


def _is_dateline(text: str) -> bool:
    return (
        bool(_DATELINE.match(text))
        and not _DATELINE_REST.sub(
            "",
            re.sub(
                r"\b\w+\b",
                lambda m: "" if m.group(0).lower() in CALENDAR_WORDS else m.group(0),
                text,
            ),
        ).strip()
    )


# Words that carry grammar, not facts: adding, dropping or swapping only these is polish
# ("a raft measures" -> "a raft of measures", "reports that the club" -> "reports the club").
# Negations, quantities and comparatives are not among them: they change what is said.
GRAMMAR_WORDS = frozenset(
    "a an the of to in on at for by with from into onto that and amid as its it is are was "  # noqa: SIM905
    "were be been has have had".split()
)


def _polish_key(word: str) -> str:
    """A word as polish compares it: lowercased, possessive dropped, "one" read as "1"."""
    key = name_key(word)
    return SMALL_NUMBERS.get(key, key)


def _cosmetic_evidence(before: str, after: str) -> str:
    """'goverment → government' when only polish changed, else ''."""
    old = [_polish_key(w) for w in words_of(before.replace("&", " and "))]
    new = [_polish_key(w) for w in words_of(after.replace("&", " and "))]
    if _is_dateline(before) and _is_dateline(after):
        return f"timestamp label: {before} → {after}"
    if old == new or Counter(old) == Counter(new):
        return "punctuation, capitalisation or word order"
    edits: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        gone, came = old[i1:i2], new[j1:j2]
        doubled = tag == "delete" and all(
            w in old[max(i1 - 1, 0) : i1] + old[i2 : i2 + 1] for w in gone
        )
        grammar_only = all(w in GRAMMAR_WORDS for w in gone + came)
        joined = "".join(gone) == "".join(came)  # "shake up" -> "shakeup"
        if not (doubled or grammar_only or joined or is_respelling(gone, came)):
            return ""
        edits.append(f"{' '.join(gone) or '-'} → {' '.join(came) or '-'}")
    return "; ".join(edits)


def _edited_text(sides: tuple[Side, Side]) -> str:
    parts = [
        "".join(t for t, e in zip(side.tokens, side.edited, strict=True) if e).strip()
        for side in sides
    ]
    return f"{parts[0] or '-'} → {parts[1] or '-'}"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _content_kinds(change: Change) -> list[tuple[str, str]]:
    """numeric, name_or_title, quote and attribution of an edited sentence, with evidence."""
    before, after = change.before_text or "", change.after_text or ""
    if _is_dateline(before) and _is_dateline(after):
        return []
    found = [
        ("numeric", numeric_evidence(before, after)),
        ("name_or_title", name_evidence(before, after)),
        ("quote", _quote_evidence(sides_of(change))),
        ("attribution", _attribution_evidence(before, after, edited=True)),
    ]
    return [(kind, evidence) for kind, evidence in found if evidence]


def _digits(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in re.finditer(r"\d+", text))


# Below this share of the shorter side's content words kept, a field was written anew.
WRITTEN_ANEW_BELOW = 0.5


def written_anew(before: str, after: str) -> bool:
    """A headline or summary replaced by a different one rather than edited: fewer than half
    of the shorter version's content words survive. Its new facts contradict none of the
    old ones (a later development, another angle), so it is a rewrite, not a fact change."""
    old, new = _stems(_without_labels(before)), _stems(_without_labels(after))
    if not old or not new:
        return False
    return len(old & new) / min(len(old), len(new)) < WRITTEN_ANEW_BELOW


# A headline's format label ("- live", "- clips, radio & text", "LIVE:", "– as it happened"):
# page furniture, kept or swapped while the headline itself is rewritten.
_LABEL_WORDS = frozenset(
    "live latest updates update text radio clips video watch listen follow reaction "  # noqa: SIM905
    "commentary as it happened highlights scores and in pictures photos".split()
)
_LABEL_SPLIT = re.compile(r"\s[-–—|]\s|^\s*(?:live|watch|video)\s*:", re.I)


def _without_labels(text: str) -> str:
    parts = _LABEL_SPLIT.split(text)
    kept = [p for p in parts if not {w.lower() for w in words_of(p)} <= _LABEL_WORDS]
    return " ".join(kept) if kept else text


def _has_live_label(text: str) -> bool:
    return _without_labels(text) != text


def _stems(text: str) -> set[str]:
    """Content words with an inflection cut off, so "apologises" and "apologise" meet."""
    stems = set()
    for word in words_of(text):
        lower = name_key(word)
        if lower in FUNCTION_WORDS:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if lower.endswith(ending) and len(lower) - len(ending) >= 3:
                lower = lower[: -len(ending)]
                break
        stems.add(lower)
    return stems


def _kinds_of_edit(change: Change, *, headline: bool) -> list[tuple[str, str]]:
    before, after = change.before_text or "", change.after_text or ""
    if change.field != "body" and written_anew(before, after):
        # Written anew, yet a running story's figure moved: the score line of a match, or
        # the figures of a live page's headline (its label says it is one running event).
        live = _has_live_label(before) and _has_live_label(after)
        figures = score_evidence(before, after) or (
            numeric_evidence(before, after, replaced=True) if live else ""
        )
        if figures:
            return [("numeric", figures)]
        return [] if headline else [("rewrite", _short(f"{before} → {after}", 160))]
    cosmetic = _cosmetic_evidence(before, after)
    # A respelt word is polish even when it is a number word ("milion" -> "million"); a
    # changed digit never is, and a respelt name is a name change (names are facts).
    if cosmetic and _digits(before) == _digits(after):
        names = name_evidence(before, after)
        return [("name_or_title", names)] if names else [("cosmetic", cosmetic)]
    kinds = _content_kinds(change)
    if kinds:
        return kinds
    if cosmetic:
        return [("cosmetic", cosmetic)]
    return [] if headline else [("rewrite", _short(_edited_text(sides_of(change)), 160))]


# A removed and an added sentence sharing this share of content words are one replaced
# sentence whose facts can be compared.
REPLACEMENT_OVERLAP = 0.3


def _content_words(text: str) -> set[str]:
    return {
        w.lower()
        for w in words_of(text)
        if w.lower() not in FUNCTION_WORDS and w.lower() not in SPEECH_VERBS
    }


def _replaced_by(removed: Change, added: Change) -> bool:
    old, new = _content_words(removed.before_text or ""), _content_words(added.after_text or "")
    if not old or not new:
        return False
    return len(old & new) / min(len(old), len(new)) >= REPLACEMENT_OVERLAP


def label_changes(changes: Sequence[Change]) -> list[ChangeLabel]:
    """Kinds for each change, in change order, each with the tokens that decided it."""
    labels: list[ChangeLabel] = []
    for place, change in enumerate(changes):
        kinds: list[tuple[str, str]] = []
        if change.field == "byline":
            kinds.append(("byline", f"{change.before_text or '-'} → {change.after_text or '-'}"))
        elif change.field == "title":
            kinds.append(
                (
                    "headline",
                    _short(f"{change.before_text or '-'} → {change.after_text or '-'}", 200),
                )
            )
            if change.op == "changed":
                kinds += _kinds_of_edit(change, headline=True)
        elif change.op == "changed":
            kinds += _kinds_of_edit(change, headline=False)
        else:
            kinds.append((change.op, _short(change.after_text or change.before_text or "")))
        if change.op == "added" and change.field != "byline":
            kinds += _replacement_kinds(changes, place)
        labels += [ChangeLabel(change.change_no, kind, evidence) for kind, evidence in kinds]
    return labels


def _replacement_kinds(changes: Sequence[Change], place: int) -> list[tuple[str, str]]:
    """Facts that differ between an added sentence and the removed one it replaces."""
    added = changes[place]
    for other in reversed(changes[:place]):
        if other.field != added.field:
            continue
        if other.op != "removed":
            break
        if _replaced_by(other, added):
            before, after = other.before_text or "", added.after_text or ""
            found = [
                ("numeric", numeric_evidence(before, after, replaced=True)),
                ("name_or_title", name_evidence(before, after)),
                ("attribution", _attribution_evidence(before, after)),
            ]
            return [(kind, evidence) for kind, evidence in found if evidence]
    return []
