"""Paragraphs and sentences.

Sentences come from pysbd, a rule-based segmenter that knows abbreviations ("U.S."),
initials and decimals, so a diff is not cut at every full stop.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import pysbd

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs are separated by one or more blank lines."""
    return [p for p in _BLANK_LINE.split(body) if p.strip()]


# A pysbd Segmenter keeps the text it works on in itself, so each thread gets its own.
_local = threading.local()


def _segmenter(language: str) -> pysbd.Segmenter:
    segmenters: dict[str, pysbd.Segmenter] = _local.__dict__.setdefault("segmenters", {})
    if language not in segmenters:
        try:
            segmenters[language] = pysbd.Segmenter(language=language, clean=False)
        except ValueError:
            segmenters[language] = pysbd.Segmenter(language="en", clean=False)
    return segmenters[language]


# pysbd's work grows with the square of the text it is handed (a 50 KB paragraph took 1.7 s,
# 200 KB 31 s), so a longer paragraph reaches it in windows of at most this many characters.
# Nearly every paragraph is shorter and is split exactly as a whole.
MAX_SEGMENT_CHARS = 3_000
# Where a window may end: after an end mark (optionally closed by a quote or bracket) and the
# space after it. Looked for only in a window's second half, so each window is at least half
# the limit long and the whole paragraph is scanned a bounded number of times.
_WINDOW_END = re.compile(r"[.!?…][\"'”’)]?\s+")


def segment_windows(paragraph: str, limit: int = MAX_SEGMENT_CHARS) -> list[str]:
    """The paragraph in consecutive pieces of at most `limit` characters, cut after the last
    sentence end in each piece's second half, else at its last space, else at the limit."""
    windows: list[str] = []
    start = 0
    while len(paragraph) - start > limit:
        low, high = start + limit // 2, start + limit
        cut = 0
        for match in _WINDOW_END.finditer(paragraph, low, high):
            cut = match.end()
        if not cut:
            space = paragraph.rfind(" ", low, high)
            cut = space + 1 if space >= 0 else high
        windows.append(paragraph[start:cut])
        start = cut
    windows.append(paragraph[start:])
    return windows


# pysbd costs about a millisecond a paragraph; successive versions share most paragraphs.
@lru_cache(maxsize=50_000)
def _split_cached(paragraph: str, language: str) -> tuple[str, ...]:
    segmenter = _segmenter(language)
    pieces = (str(s).strip() for w in segment_windows(paragraph) for s in segmenter.segment(w))
    return tuple(s for s in pieces if s)


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """The sentences of one paragraph, stripped, none empty."""
    if not paragraph.strip():
        return []
    return list(_split_cached(paragraph, language))


def sentences_of(paragraphs: tuple[str, ...] | list[str], language: str = "en") -> list[str]:
    """Every sentence of a version, in order, paragraph boundaries dropped."""
    return [s for p in paragraphs for s in split_sentences(p, language)]


# A plain rule: an end mark (optionally closed by a quote or bracket), space, then a
# capital, digit or opening quote. About 1000x cheaper than pysbd; it does split after
# "Mr." or "U.S." before a capital, so it serves where a rare extra cut costs nothing
# (grouping stories, finding figures), never for the diff.
_PLAIN_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)]))\s+(?=[\"“‘'(]?[A-Z0-9À-Þ])")


def split_sentences_plain(paragraph: str) -> list[str]:
    """The sentences of one paragraph by the plain rule above, stripped, none empty."""
    return [s.strip() for s in _PLAIN_SENTENCE_END.split(paragraph) if s.strip()]
