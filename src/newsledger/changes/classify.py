"""What kind of change each sentence-level hunk is, which changes a note describes, and
one status per version transition. Notes themselves are found in `newsledger.changes.notes`.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsledger.changes.diffing import tokenize
from newsledger.changes.notes import detect_correction_notes
from newsledger.models import Change, ChangeLabel, CorrectionNote, NoteLink

__all__ = [
    "SUBSTANTIVE_KINDS",
    "detect_correction_notes",
    "label_changes",
    "link_notes",
    "transition_status",
]


def _wordset(text: str) -> frozenset[str]:
    """A word list written as one string, one space or line break apart."""
    return frozenset(text.split())


# Kinds that change what a report asserts, as opposed to growth, cuts and polish.
SUBSTANTIVE_KINDS = frozenset({"numeric", "name_or_title", "quote", "attribution"})

_NUMBER_WORDS = _wordset(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred hundreds thousand thousands million millions billion
    billions trillion dozen dozens score scores half quarter first second third fourth
    fifth sixth seventh eighth ninth tenth several few many couple
    """
)
_CALENDAR_WORDS = _wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec today yesterday tomorrow tonight
    """
)
_ROLE_NOUNS = _wordset(
    """
    spokesman spokeswoman spokesperson adviser advisor minister president chief
    secretary director chairman chairwoman chair governor mayor senator officer
    commissioner ambassador general commander executive ceo head leader manager judge
    prosecutor attorney lawyer councillor councilor deputy vice premier chancellor
    editor professor coach captain founder sheriff inspector superintendent detective
    sergeant constable king queen prince princess pope bishop lawmaker congressman
    congresswoman representative envoy diplomat treasurer mp mep minister's president's
    chief's
    """
)
_FUNCTION_WORDS = _wordset(
    """
    a an the and or but if then so as at by for from in into of on onto to with without
    about after before over under than that this these those there here it its it's he
    she they we i you his her their our my your him them us who whom whose which what
    when where while why how is are was were be been being has have had do does did not
    no nor also however meanwhile but yet still more most less least very just only some
    any all each every other another such own same mr mrs ms dr
    """
)
# Inflections of attribution verbs, each to one lemma ("said" and "saying" are one verb).
# Forms that are mostly nouns ("state", "report", "post", "claim") are left out.
_SPEECH_VERBS = {
    form: forms.split()[0]
    for forms in (
        "say says said saying",
        "tell tells told telling",
        "add adds added",
        "stated",
        "claimed",
        "wrote writes",
        "posted",
        "tweeted",
        "announced announces",
        "confirmed confirms",
        "denied denies",
        "insisted insists",
        "argued argues",
        "warned warns",
        "explained",
        "reported",
        "alleged",
        "according",
        "statement",
    )
    for form in forms.split()
}
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


@dataclass(frozen=True)
class _Side:
    """One side of a change as the kind tests see it."""

    text: str
    tokens: list[str]
    edited: list[bool]  # per token: deleted (before side) or inserted (after side)


def _sides(change: Change) -> tuple[_Side, _Side]:
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
        _Side(change.before_text or "", before_tokens, before_edited),
        _Side(change.after_text or "", after_tokens, after_edited),
    )


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _words(text: str) -> list[str]:
    return [t for t in tokenize(text) if _is_word(t)]


def _amounts(text: str) -> Counter[str]:
    found = [re.sub(r"\s+", "", m.group(0).lower()) for m in _AMOUNT.finditer(text)]
    found += [w.lower() for w in _words(text) if w.lower() in _NUMBER_WORDS]
    return Counter(found)


# Months that are also verbs ("thousands march", "it may") are dates only when capitalised.
_VERB_MONTHS = frozenset({"march", "may"})


def _dates(text: str) -> Counter[str]:
    return Counter(
        w.lower()
        for w in _words(text)
        if w.lower() in _CALENDAR_WORDS and (w.lower() not in _VERB_MONTHS or w[0].isupper())
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
    words = _words(text)
    names: Counter[str] = Counter()
    for i, word in enumerate(words):
        lower = word.lower()
        if lower in _FUNCTION_WORDS or lower in _NUMBER_WORDS or lower in _CALENDAR_WORDS:
            continue
        if lower in _ROLE_NOUNS:
            names[lower] += 1
        elif word[0].isupper():
            first_of_name = i + 1 < len(words) and words[i + 1][0].isupper()
            if i > 0 or first_of_name:
                names[lower] += 1
    return names


def _name_evidence(before: str, after: str) -> str:
    """Names and roles replaced, inserted or deleted; recapitalising one is not a change."""
    before_names, after_names = _name_tokens(before), _name_tokens(after)
    before_all = Counter(w.lower() for w in _words(before))
    after_all = Counter(w.lower() for w in _words(after))
    gone = Counter(
        {w: n for w, n in (before_names - after_names).items() if before_all[w] > after_all[w]}
    )
    new = Counter(
        {w: n for w, n in (after_names - before_names).items() if after_all[w] > before_all[w]}
    )
    if not gone and not new:
        return ""
    # Show each name as the text spells it, not lowercased.
    spelled = {w.lower(): w for w in _words(after) + _words(before)}
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


def _quote_evidence(sides: tuple[_Side, _Side]) -> str:
    changed: list[list[str]] = []
    for side in sides:
        inside = _inside_quotes(side.tokens)
        changed.append(
            [
                t
                for t, edited, quoted in zip(side.tokens, side.edited, inside, strict=True)
                if edited and quoted and _is_word(t)
            ]
        )
    if not changed[0] and not changed[1]:
        return ""
    return f"{' '.join(changed[0]) or '-'} → {' '.join(changed[1]) or '-'}"


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


def _is_respelling(gone: Iterable[str], new: Iterable[str]) -> bool:
    """Every word that went has a close spelling among the words that came, and back."""
    gone, new = list(gone), list(new)
    if len(gone) != len(new) or not gone:
        return False
    return all(any(_is_typo(g, n) for n in new) for g in gone) and all(
        any(_is_typo(n, g) for g in gone) for n in new
    )


def _speaker_phrases(text: str) -> Counter[str]:
    """Words naming who speaks, read next to each speech verb.

    "X said" (one comma-delimited appositive skipped, so "John Kirby, the adviser, said"
    names John Kirby), "said Maria Gonzalez" (a capitalised name right after the verb),
    "according to X". Function words, dates and numbers are not speakers.
    """
    tokens = [t for t in tokenize(text) if not t.isspace()]
    speaker: list[str] = []
    for index, token in enumerate(tokens):
        verb = _SPEECH_VERBS.get(token.lower())
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
            if word in _SPEAKER_STOPS or word.lower() in _SPEAKER_STOP_WORDS or not _is_word(word):
                break
            speaker.append(word)
            taken += 1
            j -= 1
        for word in tokens[index + 1 : index + 4]:
            if not (_is_word(word) and word[0].isupper()):
                break
            speaker.append(word)
    return Counter(
        w.lower()
        for w in speaker
        if w.lower() not in _FUNCTION_WORDS and w.lower() not in _CALENDAR_WORDS and not _amounts(w)
    )


def _attribution_evidence(before: str, after: str) -> str:
    """Speech verbs that changed, or the speaker next to them (a respelt speaker is not)."""
    verbs = [
        Counter(_SPEECH_VERBS[w.lower()] for w in _words(text) if w.lower() in _SPEECH_VERBS)
        for text in (before, after)
    ]
    if verbs[0] != verbs[1]:
        return _difference(verbs[0], verbs[1])
    if not verbs[0]:
        return ""
    speakers = _speaker_phrases(before), _speaker_phrases(after)
    gone, new = speakers[0] - speakers[1], speakers[1] - speakers[0]
    if (not gone and not new) or _is_respelling(gone.elements(), new.elements()):
        return ""
    return _difference(gone, new)


def _is_dateline(text: str) -> bool:
    return (
        bool(_DATELINE.match(text))
        and not _DATELINE_REST.sub(
            "",
            re.sub(
                r"\b\w+\b",
                lambda m: "" if m.group(0).lower() in _CALENDAR_WORDS else m.group(0),
                text,
            ),
        ).strip()
    )


def _cosmetic_evidence(before: str, after: str) -> str:
    """'goverment → government' when only polish changed, else ''."""
    old = [w.lower() for w in _words(before)]
    new = [w.lower() for w in _words(after)]
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
        if not doubled and not _is_respelling(gone, came):
            return ""
        edits.append(f"{' '.join(gone) or '-'} → {' '.join(came) or '-'}")
    return "; ".join(edits)


def _edited_text(sides: tuple[_Side, _Side]) -> str:
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
        ("quote", _quote_evidence(_sides(change))),
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
    return [] if headline else [("rewrite", _short(_edited_text(_sides(change)), 160))]


# A removed and an added sentence sharing this share of content words are one replaced
# sentence whose facts can be compared.
REPLACEMENT_OVERLAP = 0.3


def _content_words(text: str) -> set[str]:
    return {
        w.lower()
        for w in _words(text)
        if w.lower() not in _FUNCTION_WORDS and w.lower() not in _SPEECH_VERBS
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


# ---- linking notes to changes ---------------------------------------------------------

# Words every note uses whatever it corrects; they say nothing about which change it means.
_NOTE_BOILERPLATE = _wordset(
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
        for w in _words(text)
        if w.lower() not in _NOTE_BOILERPLATE and w.lower() not in _FUNCTION_WORDS
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
        for side in _sides(change)
        for t, edited in zip(side.tokens, side.edited, strict=True)
        if edited and _is_word(t)
        for w in [t]
        if w.lower() not in _FUNCTION_WORDS
    }


def _sentence_words(change: Change) -> set[str]:
    text = f"{change.before_text or ''} {change.after_text or ''}"
    return {_stem(w.lower()) for w in _words(text) if w.lower() not in _FUNCTION_WORDS}


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
        [t for t, e in zip(side.tokens, side.edited, strict=True) if e and _is_word(t)]
        for side in _sides(change)
    )
    return _is_respelling(gone, came) and any(w[0].isupper() for w in gone + came)


def _link_scores(note: CorrectionNote, changes: Sequence[Change]) -> dict[int, float]:
    candidates = [c for c in changes if not _is_note_text(c, note)]
    body_words = _note_words(note.note_text)
    if note.note_date:
        body_words -= {_stem(w.lower()) for w in _words(note.note_date)}
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


def transition_status(
    is_first: bool,
    new_notes: Sequence[CorrectionNote],
    labels: Sequence[ChangeLabel],
    links: Sequence[NoteLink],
) -> str:
    """One status per version transition.

    - declared_and_observed: a new note, linked to at least one change it describes;
    - declared_unobserved: a new note on a first capture (nothing to compare) or with no
      change it describes;
    - silent_substantive: no new note, and a numeric, name_or_title, quote or attribution
      change (on the body or the headline);
    - routine: anything else. A `rewrite` alone is routine (reworded, no fact among the
      tested kinds changed), and so is a headline or byline change unless the headline
      also changed a number, name, quote or attribution.
    """
    if new_notes:
        return "declared_and_observed" if links and not is_first else "declared_unobserved"
    if any(label.kind in SUBSTANTIVE_KINDS for label in labels):
        return "silent_substantive"
    return "routine"
