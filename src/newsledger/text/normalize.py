"""Text normalisation and content hashes.

Only whitespace and Unicode form are normalised away; every other edit is real.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_WHITESPACE = re.compile(r"\s+")


def normalize_paragraph(text: str) -> str:
    """NFC form, runs of whitespace folded to one space, ends stripped."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalize_paragraphs(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Normalise each paragraph and drop the ones left empty."""
    normalized = (normalize_paragraph(p) for p in paragraphs)
    return tuple(p for p in normalized if p)


def normalize_field(value: str | None) -> str | None:
    if value is None:
        return None
    normalized = normalize_paragraph(value)
    return normalized or None


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def paragraph_hash(paragraph: str) -> str:
    return sha256_hex(paragraph)


def text_hash(paragraphs: Iterable[str]) -> str:
    """Hash of the body text as stored: normalised paragraphs joined by a blank line."""
    return sha256_hex("\n\n".join(paragraphs))


def content_hash(paragraphs: Iterable[str], title: str | None, byline: str | None) -> str:
    """Hash of everything that makes a version: body, title and byline.

    A unit separator keeps ("ab", "c") and ("a", "bc") apart.
    """
    return sha256_hex("\x1f".join([title or "", byline or "", "\n\n".join(paragraphs)]))
