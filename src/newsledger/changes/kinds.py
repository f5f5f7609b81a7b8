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
from newsledger.changes.words import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    NUMBER_WORDS,
    ROLE_NOUNS,
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
_AMOUNT = re.compile(
    r"[$£€¥]?\d+(?:[,.]\d+)*(?:\s?(?:%|per\s?cent|percent|[mk]\b|bn\b|million|billion|trillion))?",
    re.I,
)
_DATELINE = re.compile(r"^(?:last\s+)?(?:updated|modified|published|posted|edited)\b", re.I)
_DATELINE_REST = re.compile(
    r"\b(?:on|at|last|updated|modified|published|posted|edited|[ap]\.?m|[A-Z]{2,4})\b"
    r"|[\d\s,.:;/()–—-]+",
    re.I,
)


def _amounts(text: str) -> Counter[str]:
    found = [re.sub(r"\s+", "", m.group(0).lower()) for m in _AMOUNT.finditer(text)]
    found += [w.lower() for w in words_of(text) if w.lower() in NUMBER_WORDS]
    return Counter(found)


# Months that are also verbs ("thousands march", "it may") are dates only when capitalised.
_VERB_MONTHS = frozenset({"march", "may"})


def _dates(text: str) -> Counter[str]:
    return Counter(
        w.lower()
        for w in words_of(text)
        if w.lower() in CALENDAR_WORDS and (w.lower() not in _VERB_MONTHS or w[0].isupper())
    )


def _difference(before: Counter[str], after: Counter[str]) -> str:
    gone, new = before - after, after - before
    if not gone and not new:
        return ""
    return (
        f"{', '.join(sorted(gone.elements())) or '-'} → {', '.join(sorted(new.elements())) or '-'}"
    )


def numeric_evidence(before: str, after: str, *, replaced: bool = False) -> str:
    """'40 → 60' when the numbers, quantities, dates or times of two texts differ.

    A day or month counts only when one replaces another (adding "on Tuesday" dates a
    sentence, it changes no figure). Across a replaced sentence (`replaced`), figures count
    only when both sides have some: a rewrite that drops "thousands" changes no figure.
    """
    amounts = _amounts(before), _amounts(after)
    if replaced and not (amounts[0] and amounts[1]):
        amounts = Counter(), Counter()
    dates = _dates(before), _dates(after)
    if not (dates[0] - dates[1] and dates[1] - dates[0]):
        dates = Counter(), Counter()
    return _difference(amounts[0] + dates[0], amounts[1] + dates[1])


def _name_tokens(text: str) -> Counter[str]:
    """Lowercased name and role tokens of a sentence, with how often each occurs.

    A capitalised first word counts only when the next word is capitalised too ("Tim
    Harlow said"), since every sentence starts with a capital.
    """
    words = words_of(text)
    names: Counter[str] = Counter()
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in FUNCTION_WORDS or lower in NUMBER_WORDS or lower in CALENDAR_WORDS:
            continue
        if lower in ROLE_NOUNS:
            names[lower] += 1
        elif word[0].isupper():
            first_of_name = i + 1 < len(words) and words[i + 1][0].isupper()
            if i > 0 or first_of_name:
                names[lower] += 1
    return names


def _name_evidence(before: str, after: str) -> str:
    """Names and roles replaced, inserted or deleted; recapitalising one is not a change."""
    before_names, after_names = _name_tokens(before), _name_tokens(after)
    before_all = Counter(w.lower() for w in words_of(before))
    after_all = Counter(w.lower() for w in words_of(after))
    gone = Counter(
        {w: n for w, n in (before_names - after_names).items() if before_all[w] > after_all[w]}
    )
    new = Counter(
        {w: n for w, n in (after_names - before_names).items() if after_all[w] > before_all[w]}
    )
    if not gone and not new:
        return ""
    # Show each name as the text spells it, not lowercased.
    spelled = {w.lower(): w for w in words_of(after) + words_of(before)}
    gone = Counter({spelled[w]: n for w, n in gone.items()})
    new = Counter({spelled[w]: n for w, n in new.items()})
    return _difference(gone, new)


def _inside_quotes(tokens: Sequence[str]) -> list[bool]:
    """Per token, whether it lies inside a quotation (“curly” or "straight").

    A sentence whose first quotation mark closes a quotation started inside it: the
    quotation opened in the sentence before.
    """
    marks = [i for i, t in enumerate(tokens) if t in '“”"']
    inside = False
    if marks:
        first = marks[0]
        glued = first > 0 and not tokens[first - 1].isspace()
        inside = tokens[first] == "”" or (tokens[first] == '"' and glued)
    flags: list[bool] = []
    for token in tokens:
        if token in '“”"':
            inside = token == "“" or (token == '"' and not inside)
            flags.append(False)
        else:
            flags.append(inside)
    return flags


def _quote_evidence(sides: tuple[Side, Side]) -> str:
    changed: list[list[str]] = []
    for side in sides:
        inside = _inside_quotes(side.tokens)
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
        if w.lower() not in FUNCTION_WORDS and w.lower() not in CALENDAR_WORDS and not _amounts(w)
    )


def _attribution_evidence(before: str, after: str) -> str:
    """Speech verbs that changed, or the speaker next to them (a respelt speaker is not)."""
    verbs = [
        Counter(SPEECH_VERBS[w.lower()] for w in words_of(text) if w.lower() in SPEECH_VERBS)
        for text in (before, after)
    ]
    if verbs[0] != verbs[1]:
        return _difference(verbs[0], verbs[1])
    if not verbs[0]:
        return ""
    speakers = _speaker_phrases(before), _speaker_phrases(after)
    gone, new = speakers[0] - speakers[1], speakers[1] - speakers[0]
    if (not gone and not new) or is_respelling(gone.elements(), new.elements()):
        return ""
    return _difference(gone, new)


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


def _cosmetic_evidence(before: str, after: str) -> str:
    """'goverment → government' when only polish changed, else ''."""
    old = [w.lower() for w in words_of(before)]
    new = [w.lower() for w in words_of(after)]
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
        if not doubled and not is_respelling(gone, came):
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
        ("name_or_title", _name_evidence(before, after)),
        ("quote", _quote_evidence(sides_of(change))),
        ("attribution", _attribution_evidence(before, after)),
    ]
    return [(kind, evidence) for kind, evidence in found if evidence]


def _digits(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in re.finditer(r"\d+", text))


def _kinds_of_edit(change: Change, *, headline: bool) -> list[tuple[str, str]]:
    before, after = change.before_text or "", change.after_text or ""
    cosmetic = _cosmetic_evidence(before, after)
    # A respelt word is polish even when it is a number word ("milion" -> "million"); a
    # changed digit never is, and a respelt name is a name change (names are facts).
    if cosmetic and _digits(before) == _digits(after):
        names = _name_evidence(before, after)
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
                ("name_or_title", _name_evidence(before, after)),
                ("attribution", _attribution_evidence(before, after)),
            ]
            return [(kind, evidence) for kind, evidence in found if evidence]
    return []
