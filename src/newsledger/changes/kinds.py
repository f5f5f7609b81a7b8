"""The kind of each sentence-level change: the numeric, name, quote, attribution and cosmetic
tests with their evidence, and `label_changes`, which applies them to a transition's changes.
Every test reads the word lists of the pair's language (`lexicon`: en, de, fr, es, nl, it, pt).

Kinds (a change may have several; each label carries the tokens that decided it):
- numeric: a number, quantity, date or time differs (40 -> 60, "dozens" -> "more than
  60", "$1.5m" -> "$15m", Tuesday -> Wednesday, "zwei" -> "drei"); not a star rating, the
  match clock ("half-time", "second half") or one figure written two ways ("£51m", "£51
  million");
- name_or_title: a name or a role noun (spokesman, minister, ...) is replaced, inserted or
  deleted (`names`); in the body a respelt name counts (names are facts), in a headline or
  standfirst it is spelling; a recapitalised name, a short or long form, a people's form
  and the speaker of a statement brought in whole do not count;
- quote: a word inside quotation marks changed (every style; a quotation that opened in the
  sentence before counts), unless only its capitals changed or it came with a new statement;
- attribution: a hedge ("is said to", "reportedly", a headline's "- reports") or a
  headline's closing source changed, a speech verb changed, or the speaker next to it
  changed (a respelt or re-described speaker is not a new speaker);
- cosmetic: only spelling (each word within a small edit distance), punctuation,
  capitalisation, a repeated word, word order, grammar words, a tense, a standfirst cut at
  another word, or a dateline label such as "Updated 10:42 GMT" moved (it says when);
- rewrite: the rest of the edited sentences, and a headline or standfirst written anew;
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

from newsledger.changes.diffing import tokenize, word_ops
from newsledger.changes.figures import (
    amounts,
    numeric_evidence,
    same_fixture,
    score_evidence,
)
from newsledger.changes.lexicon import Lexicon, lexicon_for
from newsledger.changes.names import (
    attribution_evidence,
    name_evidence,
    new_statement,
)
from newsledger.changes.quotes import inside_quotes
from newsledger.changes.words import Side, is_respelling, is_word, name_key, sides_of, words_of
from newsledger.models import Change, ChangeLabel

_DATELINE = re.compile(r"^(?:last\s+)?(?:updated|modified|published|posted|edited)\b", re.I)
_DATELINE_REST = re.compile(
    r"\b(?:on|at|last|updated|modified|published|posted|edited|[ap]\.?m|[A-Z]{2,4})\b"
    r"|[\d\s,.:;/()–—-]+",
    re.I,
)


def _quote_evidence(sides: tuple[Side, Side]) -> str:
    """The quoted words edited, when what the quotations say changed: the same words quoted
    with another capital or other marks ("'outrageous'" -> "'Outrageous'") is no change."""
    quoted: list[Counter[str]] = []
    changed: list[list[str]] = []
    for side in sides:
        inside = inside_quotes(side.tokens)
        words = [t for t, q in zip(side.tokens, inside, strict=True) if q and is_word(t)]
        quoted.append(Counter(w.lower() for w in words))
        changed.append(
            [
                t
                for t, edited, q in zip(side.tokens, side.edited, inside, strict=True)
                if edited and q and is_word(t)
            ]
        )
    if quoted[0] == quoted[1] or (not changed[0] and not changed[1]):
        return ""
    return f"{' '.join(changed[0]) or '-'} → {' '.join(changed[1]) or '-'}"


def _is_dateline(text: str, lex: Lexicon) -> bool:
    return (
        bool(_DATELINE.match(text))
        and not _DATELINE_REST.sub(
            "",
            re.sub(
                r"\b\w+\b",
                lambda m: "" if m.group(0).lower() in lex.calendar_words else m.group(0),
                text,
            ),
        ).strip()
    )


def _polish_key(word: str, lex: Lexicon) -> str:
    """A word as polish compares it: lowercased, possessive dropped, "one" read as "1", "ex"
    read as "former"."""
    key = name_key(word)
    key = lex.same_words.get(key, lex.same_names.get(key, key))
    return lex.numbers.get(key, key) if key in lex.numbers else key


def _verb_stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _skeleton(word: str) -> str:
    return re.sub(r"[aeiouy]+", "", word)


def _tense_only(gone: list[str], came: list[str], lex: Lexicon) -> bool:
    """One verb in another tense, its auxiliaries changing with it ("is sticking" -> "has
    stuck", "wins" -> "has won"): the same verb when the stems meet, or, in English, when only
    the vowel of a strong verb moved (stick, stuck; win, won). A headline's "to" before a verb
    is its future ("PM to visit" -> "PM visits"), not an auxiliary: that is news moving on."""
    verbs = (
        [w for w in gone if w not in lex.auxiliaries],
        [w for w in came if w not in lex.auxiliaries],
    )
    if len(verbs[0]) != 1 or len(verbs[1]) != 1 or len(gone) + len(came) == 2:
        return False
    old, new = (_verb_stem(v[0]) for v in verbs)
    if old == new:
        return True
    return lex.lang == "en" and old[:1] == new[:1] and _skeleton(old) == _skeleton(new)


def _cosmetic_evidence(before: str, after: str, lex: Lexicon) -> str:
    """'goverment → government' when only polish changed, else ''."""
    old = [_polish_key(w, lex) for w in words_of(before.replace("&", " and "))]
    new = [_polish_key(w, lex) for w in words_of(after.replace("&", " and "))]
    if _is_dateline(before, lex) and _is_dateline(after, lex):
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
        grammar_only = all(w in lex.grammar_words for w in gone + came)
        joined = "".join(gone) == "".join(came)  # "shake up" -> "shakeup"
        respelt = is_respelling(gone, came) or _tense_only(gone, came, lex)
        if not (doubled or grammar_only or joined or respelt):
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


def _has_quote(text: str) -> bool:
    tokens = tokenize(text)
    return any(q and is_word(t) for t, q in zip(tokens, inside_quotes(tokens), strict=True))


def _content_kinds(change: Change, lex: Lexicon) -> list[tuple[str, str]]:
    """numeric, name_or_title, quote and attribution of an edited sentence, with evidence."""
    before, after = change.before_text or "", change.after_text or ""
    field = change.field != "body"
    if _is_dateline(before, lex) and _is_dateline(after, lex):
        return []
    # A statement brought in or dropped whole: its speaker and its quotation come with it.
    side, speakers = new_statement(before, after, lex)
    quote = _quote_evidence(sides_of(change))
    quoted = _has_quote(before), _has_quote(after)
    if (side == "after" and quoted == (False, True)) or (
        side == "before" and quoted == (True, False)
    ):
        quote = ""
    found = [
        ("numeric", numeric_evidence(before, after, lex=lex)),
        (
            "name_or_title",
            name_evidence(before, after, lex, respelt_is_polish=field, speakers=speakers),
        ),
        ("quote", quote),
        ("attribution", attribution_evidence(before, after, edited=True, lex=lex)),
    ]
    return [(kind, evidence) for kind, evidence in found if evidence]


def _digits(text: str) -> Counter[str]:
    return Counter(m.group(0) for m in re.finditer(r"\d+", text))


# Below this share of the shorter side's content words kept, a field was written anew.
WRITTEN_ANEW_BELOW = 0.5


def written_anew(before: str, after: str) -> bool:
    """A headline or summary replaced by a different one rather than edited: fewer than half
    of the shorter version's content words survive. Its new facts contradict none of the
    old ones (a later development, another angle), so it is a rewrite, not a fact change.

    Page furniture is left out of the count: a live page's format label ("- live"), and a
    running label both versions open with ("Italian Grand Prix: ", "Ukraine war: ").
    """
    lex = lexicon_for(before, after)
    before, after = _without_shared_label(before, after)
    old, new = _stems(_without_labels(before, lex), lex), _stems(_without_labels(after, lex), lex)
    if not old or not new:
        return False
    return len(old & new) / min(len(old), len(new)) < WRITTEN_ANEW_BELOW


# A headline's format label ("- live", "- clips, radio & text", "LIVE:", "– as it happened"):
# page furniture, kept or swapped while the headline itself is rewritten.
_LABEL_SPLIT = re.compile(r"\s[-–—|]\s|^\s*(?:live|watch|video)\s*:", re.I)
# A running label before a colon ("Ukraine war: ", "Cup final: ").
_RUNNING_LABEL = re.compile(r"^([^:]{2,60}):\s+")


def _without_shared_label(before: str, after: str) -> tuple[str, str]:
    labels = _RUNNING_LABEL.match(before), _RUNNING_LABEL.match(after)
    if labels[0] and labels[1] and labels[0].group(1) == labels[1].group(1):
        return before[labels[0].end() :], after[labels[1].end() :]
    return before, after


def _without_labels(text: str, lex: Lexicon) -> str:
    parts = _LABEL_SPLIT.split(text)
    kept = [p for p in parts if not {w.lower() for w in words_of(p)} <= lex.label_words]
    return " ".join(kept) if kept else text


def _has_live_label(text: str, lex: Lexicon) -> bool:
    return _without_labels(text, lex) != text


def _stems(text: str, lex: Lexicon) -> set[str]:
    """Content words with an inflection cut off, so "apologises" and "apologise" meet, and
    "cities" and "city"."""
    stems = set()
    for word in words_of(text):
        lower = name_key(word)
        # Reporting verbs say who told it, not what the story is ("…, police say").
        if lower in lex.function_words or lower in lex.speech_verbs:
            continue
        if lower.endswith("ies") and len(lower) > 4:
            lower = lower[:-3] + "y"
        for ending in ("ing", "ed", "es", "s"):
            if lower.endswith(ending) and len(lower) - len(ending) >= 3:
                lower = lower[: -len(ending)]
                break
        stems.add(lower)
    return stems


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")


def _untruncated(before: str, after: str) -> tuple[str, str]:
    """A standfirst cut to length ends in an ellipsis: the words one version runs on with
    past the other's cut are not an edit ("… by Ricky..." -> "… by Ricky Gervais")."""
    cut = bool(_ELLIPSIS.search(before)), bool(_ELLIPSIS.search(after))
    if not any(cut):
        return before, after
    old, new = _ELLIPSIS.sub("", before), _ELLIPSIS.sub("", after)
    old_words, new_words = old.split(), new.split()
    ops = SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()
    tag, i1, i2, j1, j2 = ops[-1]
    if tag == "equal" or i2 != len(old_words) or j2 != len(new_words):
        return before, after
    # The other version runs on past the cut, or completes the word cut in two ("Ric...").
    runs_on_after = cut[0] and (
        tag == "insert"
        or (tag == "replace" and i2 - i1 == 1 and new_words[j1].startswith(old_words[i1]))
    )
    runs_on_before = cut[1] and (
        tag == "delete"
        or (tag == "replace" and j2 - j1 == 1 and old_words[i1].startswith(new_words[j1]))
    )
    # A figure the cut hid ("died aged..." -> "died aged 80") is one the reader now has.
    if runs_on_after and not amounts(" ".join(new_words[j1:j2])):
        new_words = new_words[:j1] + old_words[i1:i2]
    elif runs_on_before and not amounts(" ".join(old_words[i1:i2])):
        old_words = old_words[:i1] + new_words[j1:j2]
    else:
        return before, after
    return " ".join(old_words), " ".join(new_words)


def _kinds_of_edit(change: Change, *, headline: bool) -> list[tuple[str, str]]:
    before, after = change.before_text or "", change.after_text or ""
    lex = lexicon_for(before, after)
    if change.field != "body":
        trimmed = _untruncated(before, after)
        if trimmed != (before, after):
            before, after = trimmed
            change = Change(
                change.change_no, change.op, before, after, change.before_pos,
                change.after_pos, word_ops(before, after), change.field,
            )  # fmt: skip
            if before == after:
                return [("cosmetic", "cut to length at another word")]
    if change.field != "body" and written_anew(before, after):
        # Written anew, yet a running story's figure moved: the score line of a match, or
        # the figures of one running event (a live page's label, or the same fixture).
        live = (_has_live_label(before, lex) and _has_live_label(after, lex)) or bool(
            same_fixture(before, after) or same_fixture(after, before)
        )
        figures = score_evidence(before, after) or (
            numeric_evidence(before, after, replaced=True, lex=lex) if live else ""
        )
        if figures:
            return [("numeric", figures)]
        return [] if headline else [("rewrite", _short(f"{before} → {after}", 160))]
    cosmetic = _cosmetic_evidence(before, after, lex)
    # A respelt word is polish even when it is a number word ("milion" -> "million"); a
    # changed digit never is. A respelt name in the body is a name change (names are facts,
    # and their corrections are declared there); in a headline or standfirst it is spelling.
    if cosmetic and _digits(before) == _digits(after):
        names = name_evidence(before, after, lex, respelt_is_polish=change.field != "body")
        return [("name_or_title", names)] if names else [("cosmetic", cosmetic)]
    kinds = _content_kinds(change, lex)
    if kinds:
        return kinds
    if cosmetic:
        return [("cosmetic", cosmetic)]
    return [] if headline else [("rewrite", _short(_edited_text(sides_of(change)), 160))]


# A removed and an added sentence sharing this share of content words are one replaced
# sentence whose facts can be compared.
REPLACEMENT_OVERLAP = 0.3


def _content_words(text: str, lex: Lexicon) -> set[str]:
    return {
        w.lower()
        for w in words_of(text)
        if w.lower() not in lex.function_words and w.lower() not in lex.speech_verbs
    }


def _replaced_by(removed: Change, added: Change) -> bool:
    before, after = removed.before_text or "", added.after_text or ""
    lex = lexicon_for(before, after)
    old, new = _content_words(before, lex), _content_words(after, lex)
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
            lex = lexicon_for(before, after)
            found = [
                ("numeric", numeric_evidence(before, after, replaced=True, lex=lex)),
                ("name_or_title", name_evidence(before, after, lex)),
                ("attribution", attribution_evidence(before, after, lex=lex)),
            ]
            return [(kind, evidence) for kind, evidence in found if evidence]
    return []
