"""Broken feeds end to end: each feed case of the bad-input matrix recorded on the feed's fetch
row and in feed_state, its readable entries kept; odd links, duplicates and XXE handled.

The feeds are served beside the hostile pages by the one matrix newsroom and ingested twice
(the `matrix` fixture, tests/e2e/conftest.py). docs/RELIABILITY.md lists every case.
"""

from __future__ import annotations

import re

import pytest

from support.bad_input import other_paragraphs
from support.bad_input_matrix import (
    FEED_CASES,
    FEED_FETCH_FAILURES,
    NON_WEB_LINKS,
    FeedCase,
    MatrixRun,
)


@pytest.mark.parametrize("case", FEED_CASES, ids=[c.id for c in FEED_CASES])
def test_bad_feed_is_recorded_and_its_readable_entries_kept(
    matrix: MatrixRun, case: FeedCase
) -> None:
    log = matrix.logs[matrix.room.feeds[f"feed-{case.id}"]]
    # Both runs read the feed in full: after a problem the next poll is not conditional.
    assert [(error_class, outcome) for error_class, _, outcome in log] == [
        (case.error_class, case.outcome)
    ] * 2
    message = log[-1][1]
    if case.message is None:
        assert (message, matrix.feed_problems[f"feed-{case.id}"]) == (None, None)
    else:
        assert re.fullmatch(case.message, message or ""), message
        assert matrix.feed_problems[f"feed-{case.id}"] == message
    assert (f"/kept/{case.id}" in matrix.texts) == case.keeps_entry


@pytest.mark.parametrize(
    ("name", "error_class"), [(n, c) for n, _, c in FEED_FETCH_FAILURES],
    ids=[n for n, _, _ in FEED_FETCH_FAILURES],
)  # fmt: skip
def test_feed_fetch_failure_is_recorded_in_feed_state(
    matrix: MatrixRun, name: str, error_class: str
) -> None:
    [(logged_class, message, outcome), _] = matrix.logs[matrix.room.feeds[name]]
    assert (logged_class, outcome) == (error_class, "error")
    assert matrix.feed_problems[name] == f"{error_class}: {message}"


def test_duplicate_guids_and_links_fetch_each_article_once(matrix: MatrixRun) -> None:
    assert len(matrix.logs[matrix.room.url("/dup/a")]) == 2  # once a run
    assert ("/dup/b" in matrix.requested, "/dup/a" in matrix.texts) == (False, True)


@pytest.mark.parametrize(
    "link", [link for _, link in NON_WEB_LINKS], ids=[n for n, _ in NON_WEB_LINKS]
)
def test_non_web_links_are_never_fetched(matrix: MatrixRun, link: str | None) -> None:
    fetched = set(matrix.logs)
    assert link not in fetched
    assert all(url.startswith(("http://", "https://")) for url in fetched)
    assert len(matrix.logs[matrix.room.feeds["odd-links"]]) == 2


def test_non_web_links_are_recorded_on_the_feed(matrix: MatrixRun) -> None:
    [(error_class, message, outcome), _] = matrix.logs[matrix.room.feeds["odd-links"]]
    assert (error_class, outcome) == ("feed_partial", "feed_partial")
    assert message == (
        "skipped 3 entries: story (link is not http(s): javascript:alert(document.cookie)); "
        "story (link is not http(s): file://etc/passwd); story (link is not http(s): "
        "data:text/html,<script>alert(1)</script>); 1 entry without a link left out"
    )


def test_xxe_entities_are_never_resolved(matrix: MatrixRun) -> None:
    assert "/secret" not in matrix.requested
    dump = repr(matrix.logs) + repr(matrix.feed_problems) + repr(matrix.texts)
    assert ("root:" in dump, "TOP-SECRET" in dump) == (False, False)
    assert matrix.texts["/xxe/kept"] == "\n\n".join(other_paragraphs("xxe"))
