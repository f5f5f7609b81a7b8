"""Hostile and odd pages end to end: each page case of the bad-input matrix is recorded in
v_fetch_log on both runs, or has its text stored exactly.

The cases (tests/support/bad_input_matrix.py) are served by one loopback newsroom reached as
news.test, next to a good article, and ingested twice through the whole live ingest (the
`matrix` fixture, tests/e2e/conftest.py): the good article is stored beside every failure and
the second run stores nothing new. docs/RELIABILITY.md lists every case.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from newsledger.text import extract
from support.bad_input import GOOD_TEXT, Newsroom, item, rss
from support.bad_input_matrix import (
    FEED_CASES,
    PAGE_CASES,
    TEXT_CASES,
    MatrixRun,
    PageCase,
    TextCase,
)
from support.loopback import LoopbackServer


def _pattern(template: str, room: Newsroom, url: str, path: str = "") -> str:
    values = {
        "url": re.escape(url), "base": re.escape(room.base), "port": str(room.server.port),
        "path": re.escape(path),
    }  # fmt: skip
    return template.format(**values)


def _params(cases: list[Any]) -> list[Any]:
    return [
        pytest.param(
            c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else []
        )
        for c in cases
    ]


@pytest.mark.parametrize("case", _params(PAGE_CASES))
def test_hostile_page_is_recorded_on_every_run(matrix: MatrixRun, case: PageCase) -> None:
    room = matrix.room
    url = case.link.format(base=room.base, port=room.server.port, id=case.id)
    log = matrix.logs[url]
    outcome = "no_article" if case.error_class == "no_article" else "error"
    assert [(error_class, kind) for error_class, _, kind in log] == [
        (case.error_class, outcome)
    ] * 2
    for _, message, _ in log:
        pattern = _pattern(case.message, room, url, f"/bad/{case.id}")
        assert re.fullmatch(pattern, message or ""), message


def test_the_good_article_beside_every_failure_is_stored(matrix: MatrixRun) -> None:
    assert matrix.texts["/good"] == GOOD_TEXT
    assert matrix.logs[matrix.room.url("/good")][0] == (None, None, "extracted")


def test_a_second_run_stores_nothing_new(matrix: MatrixRun) -> None:
    kept_feeds = sum(case.keeps_entry for case in FEED_CASES)
    reports = 1 + len(TEXT_CASES) + kept_feeds + 1 + 1  # good, texts, feeds, dup, xxe
    assert matrix.first["reports"] == matrix.first["versions"] == reports
    assert (matrix.second, matrix.second_new_versions) == (matrix.first, 0)


@pytest.mark.parametrize("case", _params(TEXT_CASES))
def test_odd_page_text_is_stored_exactly(matrix: MatrixRun, case: TextCase) -> None:
    assert matrix.texts[case.path] == case.text
    assert matrix.logs[matrix.room.url(case.path)][0] == (None, None, "extracted")


def test_script_in_a_page_is_never_run_or_kept(matrix: MatrixRun) -> None:
    stored = "".join(matrix.texts.values())
    assert ("executed-by-page" in stored, "\x00" in stored) == (False, False)


def test_a_page_with_too_many_elements_is_refused_before_extraction(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    room = Newsroom(loopback_server, tmp_path / "elements.duckdb")
    page = (
        "<html><body><article>" + "<p>Tiny line of text.</p>" * 200_100 + "</article></body></html>"
    )
    loopback_server.route("/many", body=page)
    room.feed("wire", rss(item(room.url("/many"))))
    extract.reset_extractor_calls()
    counts = room.run()
    assert counts.extractor_calls == 0
    [(error_class, message, _)] = room.log(room.url("/many"))
    assert (error_class, message) == (
        "no_article",
        f"{room.url('/many')}: page too complex to extract: 200103 HTML elements, more than 200000",
    )
