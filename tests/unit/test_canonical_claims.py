"""When a page's canonical claim on another URL's report is trusted (runs/claims.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsledger.models import Capture
from newsledger.runs.claims import ClaimHolder, refusal, settle_claims, site_of
from newsledger.text.urls import report_id_for_url


@pytest.mark.parametrize(
    ("page", "canonical", "expected"),
    [
        ("https://www.bbc.co.uk/news/a", "https://news.bbc.co.uk/a", None),
        ("https://amp.theguardian.com/a", "https://www.theguardian.com/a", None),
        ("https://site.example/story/amp", "https://site.example/story", None),
        ("https://site.example/article.php", "https://site.example/?p=123", None),
        ("https://copycat.example/a", "https://www.bbc.co.uk/news/a", "another site"),
        ("https://alice.github.io/a", "https://bob.github.io/a", "another site"),
        ("http://127.0.0.1:8000/a", "http://127.0.0.2:8000/a", "another site"),
        ("https://site.example/story", "https://site.example/", "a home or section front"),
        ("https://site.example/world/2024/x", "https://site.example/world",
         "a home or section front"),
    ],
)  # fmt: skip
def test_refusal_by_site_and_front(page: str, canonical: str, expected: str | None) -> None:
    assert refusal(page, canonical, "A headline", None) == expected


@pytest.mark.parametrize(
    ("title", "known_page", "expected"),
    [
        ("Storm hits coast", False, None),
        ("  storm HITS   coast ", False, None),
        ("Council passes budget", False, "another headline"),
        ("Council passes budget", True, None),  # the report's own page, headline edited
        (None, False, None),
    ],
)
def test_refusal_by_headline(title: str | None, known_page: bool, expected: str | None) -> None:
    page = "https://site.example/b"
    holder = ClaimHolder({page} if known_page else set(), {"storm hits coast"})
    assert refusal(page, "https://site.example/a", title, holder) == expected


def _claim(page: str, canonical: str, title: str) -> Capture:
    return Capture(report_id_for_url(canonical), datetime(2024, 3, 22, tzinfo=UTC), page,
                   ("Text.",), title=title, url=canonical)  # fmt: skip


def test_settle_claims_keeps_a_refused_page_under_its_own_url() -> None:
    canonical = "https://site.example/a"
    captures = [
        _claim("https://site.example/a/amp", canonical, "Storm hits coast"),
        _claim("https://site.example/b", canonical, "Council passes budget"),
        _claim("https://copycat.example/a", canonical, "Storm hits coast"),
    ]
    settled, refused = settle_claims(captures, {})
    assert [(c.report_id, c.url) for c in settled] == [
        (report_id_for_url(canonical), canonical),
        (report_id_for_url("https://site.example/b"), "https://site.example/b"),
        (report_id_for_url("https://copycat.example/a"), "https://copycat.example/a"),
    ]
    assert refused == 2


def test_site_of_falls_back_to_the_host() -> None:
    assert [site_of(u) for u in ("http://wire.test:80/a", "https://news.bbc.co.uk/")] == [
        "wire.test",
        "bbc.co.uk",
    ]
