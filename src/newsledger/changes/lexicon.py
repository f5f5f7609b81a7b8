"""Which language a headline or sentence is written in, and that language's word lists: grammar
words, number words, dates, reporting verbs and hedges, role nouns, live-page labels.

The lists themselves are in `lexicon_germanic` and `lexicon_romance`; this module reads them
into one `Lexicon` per language and picks one for a pair of texts (English unless another
language plainly shows).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from newsledger.changes.lexicon_germanic import GERMANIC
from newsledger.changes.lexicon_romance import ROMANCE

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=8192)
def _tokens(sentence: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(sentence))


def tokenize(sentence: str) -> list[str]:
    """Words, punctuation marks and runs of whitespace; joined back they give the sentence."""
    return list(_tokens(sentence))


LISTS = {**GERMANIC, **ROMANCE}
LANGUAGES = tuple(LISTS)
DEFAULT_LANGUAGE = "en"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().splitlines() if line.strip()]


@dataclass(frozen=True)
class Lexicon:
    """One language's word lists, lowercased, as the change-kind tests read them."""

    lang: str
    function_words: frozenset[str]  # no fact of their own: articles, pronouns, auxiliaries
    grammar_words: frozenset[str]  # adding, dropping or swapping only these is polish
    auxiliaries: frozenset[str]  # the verbs that carry tense ("is", "has", "wird", "a")
    numbers: Mapping[str, str]  # number word -> digits ("two" -> "2"), or itself when vague
    soft_numbers: frozenset[str]  # ordinals, fractions, "several": a figure only if replaced
    periods: frozenset[str]  # match periods: "second half" is the clock, not a figure
    calendar_words: frozenset[str]
    verb_months: frozenset[str]  # months that are also verbs: dates only when capitalised
    speech_verbs: Mapping[str, str]  # form -> meaning ("said" -> "say", "dijo" -> "say")
    according: frozenset[str]  # "according (to)", "selon", "laut": the source follows
    hedges: tuple[tuple[str, ...], ...]  # "is said to", "reportedly": reported, not asserted
    role_nouns: frozenset[str]
    attached_roles: frozenset[str]  # roles only beside a name ("Brentford forward")
    label_words: frozenset[str]  # a live page's furniture ("live", "en direct", "Liveticker")
    same_words: Mapping[str, str]  # one word written two ways ("ex" -> "former")
    same_names: Mapping[str, str]  # one country named two ways ("Britain" -> "uk")
    nouns_capitalised: bool  # German: a capital marks a noun, not a name
    noun_markers: frozenset[str]  # German articles and determiners before a common noun

    @property
    def number_words(self) -> frozenset[str]:
        return frozenset(self.numbers) | self.soft_numbers

    def number_key(self, word: str) -> str:
        """A number word as a figure: "two" -> "2", "dozens" -> "dozens"."""
        lower = word.lower()
        return self.numbers.get(lower, lower)

    def is_according(self, words: list[str], index: int) -> bool:
        """Whether words[index] introduces a source ("according to X", "selon X"). A marker
        that is also an ordinal (Italian and Portuguese "secondo", "segundo") does so only
        before an article or a name ("segundo o ministro", not "segundo lugar")."""
        word = words[index].lower()
        if word not in self.according:
            return False
        if word not in self.number_words:
            return True
        following = words[index + 1] if index + 1 < len(words) else ""
        return following.lower() in self.function_words or following[:1].isupper()

    def hedges_in(self, text: str) -> Counter[str]:
        """Hedges a text uses ("is said to", "reportedly"), each once per use."""
        words = [w.lower() for w in tokenize(text) if any(ch.isalnum() for ch in w)]
        found: Counter[str] = Counter()
        for start in range(len(words)):
            for hedge in self.hedges:
                if tuple(words[start : start + len(hedge)]) == hedge:
                    found[" ".join(hedge)] += 1
        return found

    def closing_source(self, text: str) -> Counter[str]:
        """A headline's source after its closing dash ("… - PM", "… - Taliban", "… -
        reports"), lowercased; not a clause there ("- Kane scores") or a format label."""
        match = _CLOSING_SOURCE.search(text.strip())
        if not match:
            return Counter()
        words = [w for w in tokenize(match.group(1)) if any(ch.isalnum() for ch in w)]
        lowered = [w.lower().removesuffix("'s").removesuffix("’s") for w in words]
        if not words or len(words) > 4 or set(lowered) <= self.label_words:
            return Counter()
        allowed = self.role_nouns | self.function_words | _SOURCE_NOUNS | UNNAMED_SOURCES
        if not all(w[0].isupper() or w.isdigit() or w.lower() in allowed for w in words):
            return Counter()
        return Counter(w for w in lowered if w not in self.function_words)

    def dates_in(self, words: list[str]) -> Counter[str]:
        """Days, months and relative days among a text's words ("Tuesday", "mardi");
        a month that is also a verb counts only capitalised ("thousands march")."""
        found: Counter[str] = Counter()
        for index, word in enumerate(words):
            lower = word.lower()
            # Portuguese weekdays are hyphenated compounds: "segunda-feira".
            if index + 1 < len(words) and words[index + 1].lower() == "feira":
                lower = f"{lower}-feira"
            if lower in self.calendar_words and (
                lower not in self.verb_months or word[:1].isupper()
            ):
                found[lower] += 1
        return found


_CLOSING_SOURCE = re.compile(r"\s[-–—]\s+([^-–—:;,]{1,40})$")
_SOURCE_NOUNS = frozenset(
    "police officials media witnesses experts scientists doctors study poll survey".split()  # noqa: SIM905
)
# Unnamed sources: a headline's "… - reports" is its "reportedly".
UNNAMED_SOURCES = frozenset({"reports", "report", "sources"})


def unnamed_source(source: Counter[str]) -> Counter[str]:
    """A closing "- reports" as the hedge it is ("reportedly")."""
    return Counter({"reportedly": 1}) if set(source) & UNNAMED_SOURCES else Counter()


def _numbers(text: str) -> dict[str, str]:
    pairs = (item.partition("=") for item in text.split())
    return {word: value or word for word, _, value in pairs}


def _verbs(text: str) -> dict[str, str]:
    verbs: dict[str, str] = {}
    for line in _lines(text):
        meaning, _, forms = line.partition(":")
        verbs.update(dict.fromkeys(forms.split(), meaning.strip()))
    return verbs


def _build(lang: str) -> Lexicon:
    lists = LISTS[lang]
    labels = _words(lists["labels"]) | _words(LISTS["en"]["labels"])
    return Lexicon(
        lang=lang,
        function_words=_words(lists["function"]),
        grammar_words=_words(lists["grammar"]),
        auxiliaries=_words(lists["auxiliaries"]),
        numbers=_numbers(lists["numbers"]),
        soft_numbers=_words(lists["soft"]),
        periods=_words(lists["periods"]),
        calendar_words=_words(lists["calendar"]),
        verb_months=_words(lists["verb_months"]),
        speech_verbs=_verbs(lists["speech_verbs"]),
        according=_words(lists["according"]),
        hedges=tuple(tuple(line.split()) for line in _lines(lists["hedges"])),
        role_nouns=_words(lists["roles"]),
        attached_roles=_words(lists["attached_roles"]),
        label_words=labels,
        same_words=dict(item.split("=") for item in lists["same_words"].split()),
        same_names=dict(item.split("=") for item in lists["same_names"].split()),
        nouns_capitalised=lang == "de",
        noun_markers=_words(lists["noun_markers"]),
    )


LEXICONS: dict[str, Lexicon] = {lang: _build(lang) for lang in LANGUAGES}
ENGLISH = LEXICONS["en"]

# Grammar words of other languages that are also common English words ("die", "war", "will",
# "also", "see"): they say nothing about which language a text is in.
_ENGLISH_LOOKALIKES = _words(
    """
    a an am as at be but by de den die do door e en er for had hat have i in is it me men
    dies no not o on op or over per see sein so son the to u un war was we will y
    """
)
# Letters one language uses and English does not (Dutch shows by its grammar words alone).
_LETTERS = {
    "de": re.compile(r"[äöüß]", re.I),
    "fr": re.compile(r"[êëçœâîôû]|\b(?:à|où)\b", re.I),
    "es": re.compile(r"[ñ¿¡áíóú]", re.I),
    "pt": re.compile(r"[ãõáíóú]|ção|ções", re.I),
    # Italian ends words on an accent ("città", "perché", "è"); French puts it inside.
    "it": re.compile(r"\w[àèìòù]\b|\bè\b|[ìò]", re.I),
}


def _vocabulary(lexicon: Lexicon) -> frozenset[str]:
    return (
        lexicon.function_words
        | lexicon.number_words
        | lexicon.calendar_words
        | frozenset(lexicon.speech_verbs)
    )


@cache
def _markers(lang: str) -> frozenset[str]:
    """Words that show `lang`: its grammar words, number words, dates and reporting verbs,
    less any that English also writes."""
    return _vocabulary(LEXICONS[lang]) - _vocabulary(ENGLISH) - _ENGLISH_LOOKALIKES


def _grammar_tokens(text: str) -> list[str]:
    """The words that can show a language: lowercase ones, and a first word followed by a
    lowercase one. A capitalised word inside a name ("La Liga", "Los Angeles", "Una Stubbs",
    "Premier League") says nothing about the language around it."""
    words = [t for t in tokenize(text) if any(ch.isalnum() for ch in t)]
    return [
        word
        for index, word in enumerate(words)
        if word.islower() or (index == 0 and index + 1 < len(words) and words[1].islower())
    ]


@lru_cache(maxsize=4096)
def detect_language(*texts: str) -> str:
    """The language of a pair of texts from their grammar words and letters; English unless
    another language shows at least two signs and more than English does."""
    words = [w.lower() for text in texts for w in _grammar_tokens(text)]
    joined = " ".join(texts)
    best, best_score = DEFAULT_LANGUAGE, 0
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        markers = _markers(lang)
        letters = _LETTERS.get(lang)
        # A letter counts once: names keep their accents in English text ("Peña", "João").
        score = sum(w in markers for w in words) + bool(letters and letters.search(joined))
        if score > best_score:
            best, best_score = lang, score
    # English's signs are its grammar words the other language does not share ("in" is Dutch
    # and German too).
    shared = LEXICONS[best].function_words
    english = sum(w in ENGLISH.function_words and w not in shared for w in words)
    if best_score >= 2 and best_score > english:
        return best
    return DEFAULT_LANGUAGE


def lexicon_for(*texts: str) -> Lexicon:
    """The word lists for the language `texts` are written in (one pair, one language)."""
    return LEXICONS[detect_language(*texts)]


# French and Italian glue an elided article or preposition to the next word ("l'Élysée",
# "d'Emmanuel", "dell'Italia"); the name is what follows the apostrophe.
_ELISION = re.compile(r"^(?:l|d|qu|j|n|s|c|m|t|dell|all|nell|sull|dall|un)['’](?=\w)", re.I)


def without_elision(word: str) -> str:
    """ "l'Élysée" -> "Élysée"; any other word unchanged."""
    return _ELISION.sub("", word)
