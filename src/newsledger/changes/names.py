"""Who a sentence names and who it says is speaking, and how two versions differ in that:
`name_evidence` says "Kirby adviser → spokesman" when a name or role was replaced, inserted or
dropped (not for recapitalising, possessives, plurals, a people's form, a name written more
fully, or words inside a quotation); `attribution_evidence` says "police → witnesses" when the
source of a statement changed (a hedge, a reporting verb, or the speaker next to it)."""

from __future__ import annotations

import re
from collections import Counter

from newsledger.changes.diffing import tokenize
from newsledger.changes.figures import amounts, difference
from newsledger.changes.lexicon import (
    UNNAMED_SOURCES,
    Lexicon,
    lexicon_for,
    unnamed_source,
    without_elision,
)
from newsledger.changes.quotes import inside_quotes
from newsledger.changes.words import (
    drop_same_entities,
    inserted_words,
    is_respelling,
    is_word,
    joined_to_kept_name,
    name_key,
    same_name,
    words_of,
)

# After these a capitalised word opens a sentence, and is capitalised for that. After a colon
# or a dash it is not: headlines capitalise only names there ("Cup final: Kane scores").
_OPENERS = frozenset(".!?…")
# A headline's first word in -ed or -ing is a participle ("Exiled Catalan leader", "Leading
# Tory MP"), not a name, even before another capital.
_PARTICIPLE = re.compile(r"^[A-Z][a-z]{2,}(?:ed|ing)$")
# German common-noun endings: a capitalised word in -ung, -heit, -keit, ... is no name.
_GERMAN_NOUN = re.compile(r"(?:ung|heit|keit|schaft|tion|tät|ismus|nis|tum|ment|chen|lein)$")
_GERMAN_PLACE_PREPOSITIONS = frozenset({"in", "aus", "nach"})


def _unquoted_tokens(text: str) -> list[str]:
    """The tokens of a text outside quotations: words inside one are the quote's, not names.
    Quoted words become a gap (a space), so the words around them are not neighbours."""
    tokens = tokenize(text)
    return [" " if quoted else t for t, quoted in zip(tokens, inside_quotes(tokens), strict=True)]


def _opens_part(tokens: list[str], index: int) -> bool:
    """Whether tokens[index] opens the text or a sentence."""
    j = index - 1
    while j >= 0 and tokens[j].isspace():
        j -= 1
    return j < 0 or tokens[j] in _OPENERS


def _starts_part(tokens: list[str], index: int) -> bool:
    """Whether tokens[index] opens the text, a sentence or a part after a colon or dash."""
    j = index - 1
    while j >= 0 and tokens[j].isspace():
        j -= 1
    return j < 0 or tokens[j] in _OPENERS or tokens[j] in ":-–—|"


def _capitalised(word: str) -> bool:
    return is_word(word) and word[:1].isupper()


def capitalised_inside(*texts: str) -> set[str]:
    """Name keys of capitalised words that do not open a sentence or part: names the texts
    themselves show, so the same word opening a headline is that name too."""
    found: set[str] = set()
    for text in texts:
        tokens = _unquoted_tokens(text)
        for index, token in enumerate(tokens):
            if _capitalised(token) and not _opens_part(tokens, index):
                found.add(name_key(token))
    return found


def _known(word: str, known: set[str]) -> bool:
    key = name_key(word)
    return any(form in known for form in (key, key + "s", key.removesuffix("s")))


def _german_name(words: list[str], index: int, lex: Lexicon) -> bool:
    """German capitalises every noun: a capitalised word is a name only with other signs.
    Right after an article or determiner, or with a common-noun ending, it is a noun; it is a
    name after a role ("Kanzler Scholz"), next to another such word ("Olaf Scholz"), or bare
    after a place preposition ("in Berlin", "aus Frankreich")."""

    def bare(i: int) -> bool:
        if not 0 <= i < len(words) or not _capitalised(words[i]):
            return False
        previous = words[i - 1].lower() if i > 0 else ""
        return previous not in lex.noun_markers and not _GERMAN_NOUN.search(words[i].lower())

    if not bare(index):
        return False
    previous = words[index - 1].lower() if index > 0 else ""
    if previous in lex.role_nouns or previous in _GERMAN_PLACE_PREPOSITIONS:
        return True
    return any(bare(i) and words[i].lower() not in lex.role_nouns for i in (index - 1, index + 1))


# Adjective and participle endings: a word put before a kept headline in one of these
# describes its subject ("Dominant Australia", "Impressive Bangladesh"), it is not a name.
_DESCRIBING = re.compile(r"(?:ant|ent|ive|ous|ful|less|able|ible|ed|ing|est|ish)$")


def _prepended(before: str, after: str, lex: Lexicon) -> set[str]:
    """A new first word put before the other version's headline, whose first word it now
    follows ("England chasing 155" -> "Roy fires England in pursuit of 155"): the new
    subject of the same story, a name unless it reads as an adjective or a common word."""
    found: set[str] = set()
    for text, other in ((after, before), (before, after)):
        words, others = words_of(text), words_of(other)
        if len(words) < 2 or not others:
            continue
        first, old_first = words[0], others[0]
        key = name_key(first)
        common = lex.function_words | lex.number_words | lex.calendar_words | lex.label_words
        if not first[:1].isupper() or key in common or _DESCRIBING.search(key):
            continue
        if key in {name_key(w) for w in others} or lex.nouns_capitalised:
            continue
        # The other version's first word is a name this one keeps further on.
        if old_first[:1].isupper() and any(
            name_key(w) == name_key(old_first) for w in words[1:] if w[:1].isupper()
        ):
            found.add(key)
    return found


def _name_tokens(text: str, lex: Lexicon, known: set[str]) -> Counter[str]:
    """Name and role tokens of a sentence (see `name_key`), with how often each occurs.

    A word opening the text or a sentence is capitalised for that: it
    counts when the next word is capitalised too ("Tim Harlow said"), unless it is a
    participle, or when the texts show it capitalised elsewhere (`known`). Words inside
    quotation marks are not names; in German a capital alone does not make one.
    """
    tokens = _unquoted_tokens(text)
    places = [i for i, t in enumerate(tokens) if is_word(t)]
    words = [tokens[i] for i in places]
    inside = {
        name_key(tokens[p])
        for p in places
        if _capitalised(tokens[p]) and not _starts_part(tokens, p)
    }
    names: Counter[str] = Counter()
    for i, word in enumerate(words):
        lower = name_key(word)
        bare_word = without_elision(word)
        # An acronym is a name even when it spells a common word (US, IT, WHO).
        acronym = len(bare_word) > 1 and bare_word.isupper() and bare_word.isalpha()
        if not acronym and (
            lower in lex.function_words or lower in lex.number_words or lower in lex.calendar_words
        ):
            continue
        if lower in lex.role_nouns:
            names[lower] += 1
            continue
        if lower in lex.attached_roles:
            # Before a name ("forward Ivan Toney"), or ending a phrase after one ("the
            # Chinese premier."); not "Greyford general election".
            following = words[i + 1] if i + 1 < len(words) else ""
            ends = not following[:1].islower()
            beside = _capitalised(following) or (i > 0 and _capitalised(words[i - 1]) and ends)
            names[lower] += bool(beside)
            continue
        if not bare_word[:1].isupper():
            continue
        # A live page's furniture opening it or a part of it ("Watch: …", "- Listen"), and a
        # participle opening a part ("… - Thrilling finish"), unless written so elsewhere.
        if _starts_part(tokens, places[i]) and (
            lower in lex.label_words or (_PARTICIPLE.match(word) and lower not in inside)
        ):
            continue
        if acronym:
            names[lower] += 1
        elif lex.nouns_capitalised:
            if _german_name(words, i, lex):
                names[lower] += 1
        elif (
            not _opens_part(tokens, places[i])
            or _known(word, known)
            or (i + 1 < len(words) and _capitalised(words[i + 1]) and not _PARTICIPLE.match(word))
        ):
            names[lower] += 1
    return names


_QUALIFIER_STOPS = frozenset({"a", "an", "the", "and", "of", "to", "as", "by", "for", "with"})


def _describing_roles(text: str, roles: frozenset[str], lex: Lexicon) -> set[str]:
    """Role words of a text, with the words right before a role that qualify it ("US
    president", "Labour leader", "New York governor")."""
    tokens = [t for t in tokenize(text) if not t.isspace()]
    found: set[str] = set()
    for index, token in enumerate(tokens):
        if name_key(token) not in roles:
            continue
        found.add(name_key(token))
        # Back to punctuation or a grammar word: "Podolyak, an adviser" stops at the comma.
        for qualifier in reversed(tokens[max(index - 3, 0) : index]):
            key = name_key(qualifier)
            stop = key in _QUALIFIER_STOPS or key in lex.function_words
            if not is_word(qualifier) or stop or key in roles:
                break
            found.add(key)
    return found


def name_evidence(
    before: str,
    after: str,
    lex: Lexicon | None = None,
    *,
    respelt_is_polish: bool = False,
    speakers: frozenset[str] = frozenset(),
) -> str:
    """Names and roles replaced, inserted or deleted; recapitalising one, or its possessive or
    plural form, is not a change, nor is its short or long form. A respelt name is a change
    unless `respelt_is_polish` (a headline or standfirst, where the labelling guide counts
    "Zelenskiy" -> "Zelensky" as spelling). `speakers` are left out: the speaker of a
    statement the edit brings in or drops (see `new_statement`)."""
    lex = lex or lexicon_for(before, after)
    known = capitalised_inside(before, after) | _prepended(before, after, lex)
    before_names, after_names = _name_tokens(before, lex, known), _name_tokens(after, lex, known)
    # "Britain" and "the UK" are one country.
    before_names, after_names = (
        Counter({lex.same_names.get(w, w): n for w, n in names.items()})
        for names in (before_names, after_names)
    )
    before_all, after_all = (
        Counter(lex.same_names.get(name_key(w), name_key(w)) for w in words_of(text))
        for text in (before, after)
    )
    gone = Counter(
        {w: n for w, n in (before_names - after_names).items() if before_all[w] > after_all[w]}
    )
    new = Counter(
        {w: n for w, n in (after_names - before_names).items() if after_all[w] > before_all[w]}
    )
    for word in speakers:
        gone.pop(word, None)
        new.pop(word, None)
    # "Republican" -> "Republicans", "Swedes" -> "Swedish": one name in two forms.
    for word in list(gone):
        form = next((w for w in new if same_name(word, w)), None)
        if form is not None:
            del gone[word]
            del new[form]
    drop_same_entities(gone, new, before, after, respelt=respelt_is_polish)
    roles = lex.role_nouns | lex.attached_roles
    # A first name or qualifier joined to a name both versions have ("Madeley" -> "Richard
    # Madeley") names the same person more fully; a role given to them is a title added.
    # Only words inserted count: one put in place of another ("Crocus Town Hall" -> "Crocus
    # City Hall", "Mykhailo Podoliak" -> "Podolyak") replaces a name.
    inserted = inserted_words(before, after)
    new = Counter(
        {
            w: n
            for w, n in new.items()
            if w in roles or w not in inserted or not joined_to_kept_name(w, after, before, lex)
        }
    )
    # A name only dropped, or swapped for the role that still points at the same person
    # ("Governor Andrew Cuomo" -> "the governor", "President Biden" -> "the US president"),
    # tells the reader nothing new or different.
    described = _describing_roles(after, roles, lex)
    if gone and not any(w in roles for w in gone) and all(w in described for w in new):
        return ""
    if not gone and not new:
        return ""
    # Show each name as the text spells it, not lowercased.
    spelled = {name_key(w): without_elision(w) for w in words_of(after) + words_of(before)}
    gone = Counter({spelled.get(w, w): n for w, n in gone.items()})
    new = Counter({spelled.get(w, w): n for w, n in new.items()})
    return difference(gone, new)


# Where a speaker phrase stops when read away from its verb: punctuation, conjunctions and
# relative pronouns of each language.
_SPEAKER_STOPS = frozenset(',.;:“”"()—–')
_SPEAKER_STOP_WORDS = frozenset(
    "and but who which that while as when und aber et mais qui que y pero quien e ma che "  # noqa: SIM905
    "mas en maar".split()
)
# Words that join a speaker's name after the verb ("says the Bank of England").
_NAME_JOINERS = frozenset({"of", "and", "&", "for"})


def _speaker_after(tokens: list[str], start: int, lex: Lexicon) -> list[str]:
    """The name right after a speech verb: "said Maria Gonzalez", "says the Bank of England"
    (an article before it and "of", "and" inside it are read through)."""
    words: list[str] = []
    index = start
    # After an article, a role or a noun ends the phrase too ("says the prime minister.",
    # "sagt die Polizei", "a déclaré le ministre."), when nothing follows it.
    if index + 1 < len(tokens) and tokens[index].lower() in lex.function_words:
        phrase = []
        for word in tokens[index + 1 : index + 4]:
            if not is_word(word) or word.lower() in lex.function_words:
                break
            phrase.append(word)
        rest = tokens[index + 1 + len(phrase) :]
        if phrase and (not rest or not is_word(rest[0])):
            return phrase
        index += 1
    while index < len(tokens) and len(words) < 6:
        word = tokens[index]
        joined = word.lower() in _NAME_JOINERS and index + 1 < len(tokens)
        if joined and tokens[index + 1][:1].isupper() and words:
            index += 1
            continue
        if not (is_word(word) and word[0].isupper()):
            break
        words.append(word)
        index += 1
    # The name ends the clause ("said Maria Gonzalez, …", "says PM"); one running on into a
    # noun is the subject of the reported clause ("says Russian troops have …"), not a source.
    following = tokens[index] if index < len(tokens) else ""
    ends = not is_word(following) or following.lower() in lex.function_words
    roles = lex.role_nouns | lex.attached_roles
    return words if ends or following.lower() in roles else []


# Before these a reporting verb is an adjective ("the alleged attacker", "a reported $50m").
_ADJECTIVE_AFTER = frozenset({"a", "an", "the", "for", "of", "its", "his", "her", "their"})


def _speech_verb_places(tokens: list[str], lex: Lexicon) -> list[int]:
    """Where a text's reporting verbs are: not an adjective ("the alleged attacker"), not the
    verb of a hedge ("is said to"), and "secondo"/"segundo" only as "according to"."""
    hedge_starts = {hedge[:2] for hedge in lex.hedges if len(hedge) > 1}
    places = []
    for index, token in enumerate(tokens):
        lower = token.lower()
        if lower not in lex.speech_verbs:
            continue
        if lower in lex.according and not lex.is_according(tokens, index):
            continue
        following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
        if (lower, following) in hedge_starts:
            continue
        if index > 0 and tokens[index - 1].lower() in _ADJECTIVE_AFTER:
            continue
        places.append(index)
    return places


def _speaker_phrases(text: str, lex: Lexicon) -> tuple[Counter[str], Counter[str]]:
    """Words naming who speaks, read next to each reporting verb, and the head of each (the
    word next to the verb: "Kirby" in "John Kirby, the adviser, said").

    "X said" (one comma-delimited appositive skipped, so "John Kirby, the adviser, said"
    names John Kirby), "said Maria Gonzalez" (a capitalised name right after the verb),
    "according to X" ("selon X", "laut X"). Function words, adverbs, dates and numbers are
    not speakers.
    """
    tokens = [t for t in tokenize(text) if not t.isspace()]
    speaker: list[str] = []
    heads: list[str] = []
    for index in _speech_verb_places(tokens, lex):
        if lex.is_according(tokens, index):
            phrase = []
            for word in tokens[index + 1 : index + 7]:
                if word in _SPEAKER_STOPS:
                    break
                phrase.append(word)
            speaker += phrase
            heads += phrase[-1:]
            continue
        j = index - 1
        if j >= 0 and tokens[j] == ",":
            earlier = [i for i in range(j) if tokens[i] == ","]
            j = earlier[-1] - 1 if earlier else -1
        phrase = []
        while j >= 0 and len(phrase) < 4:
            word = tokens[j]
            if word in _SPEAKER_STOPS or word.lower() in _SPEAKER_STOP_WORDS or not is_word(word):
                break
            phrase.append(word)
            j -= 1
        after = _speaker_after(tokens, index + 1, lex)
        speaker += phrase + after
        heads += (phrase or after)[:1]

    def keep(word: str) -> bool:
        lower = word.lower()
        adverb = word.islower() and lower.endswith("ly")  # "officially announces"
        return not (
            lower in lex.function_words
            or lower in lex.calendar_words
            or adverb
            or amounts(word, lex)
        )

    return (
        Counter(name_key(w) for w in speaker if keep(w)),
        Counter(name_key(w) for w in heads),
    )


def _named_only(words: Counter[str], text: str) -> bool:
    """Whether every word is capitalised in `text` where no sentence opens: a name, not a
    description."""
    capitals = capitalised_inside(text)
    return all(w in capitals for w in words)


def attribution_evidence(
    before: str, after: str, *, edited: bool = False, lex: Lexicon | None = None
) -> str:
    """Hedges or speech verbs that changed, or the speaker next to them.

    A hedge inserted or dropped ("is said to", "reportedly", a headline's "- reports")
    changes who vouches for the claim, and so does a headline's closing source ("- Taliban")
    dropped, added or replaced. In an edited sentence (`edited`), a reporting verb only
    inserted or only dropped brings in or drops a statement ("Depp faces questioning" ->
    "Depp says …"): that is the new statement's news, not the same statement given another
    source. Across a removed and an added sentence that give the same figures, the verb
    dropped is the source that changed. A respelt speaker is the same speaker, and so is a
    named one now described by role ("Downing Street says" -> "says the PM's office"), as
    for names.
    """
    lex = lex or lexicon_for(before, after)
    sources = lex.closing_source(before), lex.closing_source(after)
    hedges = (
        lex.hedges_in(before) + unnamed_source(sources[0]),
        lex.hedges_in(after) + unnamed_source(sources[1]),
    )
    if hedges[0] != hedges[1]:
        return difference(*hedges)
    # A headline's source after its closing dash dropped, added or changed; one the other
    # version still names ("… - Johnson" -> "…, says Johnson") is the same source.
    named = [Counter({w: n for w, n in s.items() if w not in UNNAMED_SOURCES}) for s in sources]
    in_after, in_before = (
        {name_key(v) for v in words_of(after)},
        {name_key(v) for v in words_of(before)},
    )
    dropped = {w for w in named[0] - named[1] if w not in in_after}
    added = {w for w in named[1] - named[0] if w not in in_before}
    if dropped or added:
        return difference(Counter(dropped), Counter(added))
    # Which reporting verbs, not how often: a second "says" dropped drops a clause, not a source.
    verbs = [
        Counter(set(lex.speech_verbs[tokens[i].lower()] for i in _speech_verb_places(tokens, lex)))
        for tokens in ([t for t in tokenize(text) if not t.isspace()] for text in (before, after))
    ]
    if verbs[0] != verbs[1]:
        if edited and not (verbs[0] and verbs[1]):
            return ""
        return difference(verbs[0], verbs[1])
    if not verbs[0]:
        return ""
    (old_words, old_heads), (new_words, new_heads) = (
        _speaker_phrases(before, lex),
        _speaker_phrases(after, lex),
    )
    gone, new = old_words - new_words, new_words - old_words
    if (not gone and not new) or is_respelling(gone.elements(), new.elements()):
        return ""
    # The same speaker described otherwise ("the country's top court" -> "Poland's top court",
    # "Incoming PM Rishi Sunak" -> "Sunak"): the word next to the verb is the same.
    if old_heads and old_heads == new_heads:
        return ""
    # The same people, now read next to the verb ("Hunt scraps X and says Y" -> "Hunt says Y").
    if set(gone) <= in_after and set(new) <= in_before:
        return ""
    described = all(w in lex.role_nouns or not _named_only(Counter([w]), after) for w in new)
    if gone and _named_only(gone, before) and described:
        return ""
    return difference(gone, new)


def new_statement(
    before: str, after: str, lex: Lexicon | None = None
) -> tuple[str, frozenset[str]]:
    """Which side alone has a statement ("before" when the edit drops one, "after" when it
    brings one in: reporting verbs on that side only, "Test abandoned as rain falls" ->
    "Captain Joe Root says rain 'robbed us'"), or "", and who says it. The speaker of a
    statement brought in or dropped, and its quotation, are its news, not a name or a quote
    changed."""
    lex = lex or lexicon_for(before, after)
    sides = [[t for t in tokenize(text) if not t.isspace()] for text in (before, after)]
    verbs = [_speech_verb_places(tokens, lex) for tokens in sides]
    if bool(verbs[0]) == bool(verbs[1]):
        return "", frozenset()
    words, _ = _speaker_phrases(after if verbs[1] else before, lex)
    return ("after" if verbs[1] else "before"), frozenset(words)
