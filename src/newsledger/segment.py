"""Paragraphs and sentences.

Sentences come from pysbd, a rule-based segmenter that knows abbreviations ("U.S."),
initials and decimals, so a diff is not cut at every full stop.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def split_paragraphs(body: str) -> list[str]:
    """Paragraphs are separated by one or more blank lines."""
    return [p for p in _BLANK_LINE.split(body) if p.strip()]


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=language, clean=False)
    except ValueError:
        return pysbd.Segmenter(language="en", clean=False)


def split_sentences(paragraph: str, language: str = "en") -> list[str]:
    """The sentences of one paragraph, stripped, none empty."""
    if not paragraph.strip():
        return []
    pieces = _segmenter(language).segment(paragraph)
    sentences = [str(s).strip() for s in pieces]
    return [s for s in sentences if s]


def sentences_of(paragraphs: tuple[str, ...] | list[str], language: str = "en") -> list[str]:
    """Every sentence of a version, in order, paragraph boundaries dropped."""
    return [s for p in paragraphs for s in split_sentences(p, language)]
