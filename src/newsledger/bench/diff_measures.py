"""Diff measure: diff_versions over generated (before, after) pairs, beside diff_sentences alone
and bare difflib on the same sentences; plain seconds out, no target asserted.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from newsledger.bench.corpus import build_corpus
from newsledger.models import Version
from newsledger.text.normalize import content_hash, normalize_paragraphs, text_hash


def version_of(
    report_id: str, version_no: int, title: str, byline: str, paragraphs: Sequence[str]
) -> Version:
    normalized = normalize_paragraphs(paragraphs)
    return Version(
        report_id=report_id,
        version_no=version_no,
        captured_at=corpus_time(version_no),
        source="bench",
        paragraphs=normalized,
        text_hash=text_hash(normalized),
        content_hash=content_hash(normalized, title, byline),
        title=title,
        byline=byline,
    )


def corpus_time(version_no: int) -> Any:
    from newsledger.bench.corpus import BASE_TIME

    return BASE_TIME + timedelta(hours=version_no)


def diff_pairs(n_articles: int, seed: int) -> list[tuple[Version, Version]]:
    """(before, after) of every article of a newsroom in which every article changes once."""
    corpus = build_corpus(n_articles, seed=seed + 1, n_states=2, change_share=1.0)
    pairs = []
    for article in corpus.articles:
        old, new = article.states[0], article.states[1]
        report_id = f"diff-{article.index}"
        pairs.append(
            (
                version_of(report_id, 1, old.title, old.byline, old.paragraphs),
                version_of(report_id, 2, new.title, new.byline, new.paragraphs),
            )
        )
    return pairs


def diff_seconds(pairs: Sequence[tuple[Version, Version]]) -> dict[str, float]:
    """Seconds for pipeline.diff_versions over the pairs, for diff_sentences on sentences
    split beforehand, and for bare difflib.SequenceMatcher on the same sentence lists."""
    from newsledger.changes.diffing import diff_sentences
    from newsledger.runs.pipeline import diff_versions
    from newsledger.text.segment import sentences_of

    started = time.perf_counter()
    for old, new in pairs:
        diff_versions(old, new)
    pipeline_s = time.perf_counter() - started

    split = [(sentences_of(old.paragraphs), sentences_of(new.paragraphs)) for old, new in pairs]
    started = time.perf_counter()
    for old_sentences, new_sentences in split:
        diff_sentences(old_sentences, new_sentences)
    sentences_s = time.perf_counter() - started

    started = time.perf_counter()
    for old_sentences, new_sentences in split:
        difflib.SequenceMatcher(None, old_sentences, new_sentences, autojunk=False).get_opcodes()
    bare_s = time.perf_counter() - started
    return {"pipeline_s": pipeline_s, "sentences_only_s": sentences_s, "bare_s": bare_s}
