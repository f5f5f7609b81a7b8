"""A page's canonical URL may merge it into a report only from the same site, never into a
home or section front, and not against the report's headline; the claimed report's fetch URL
never moves. Two sites on one loopback server, told apart by name (wire.test, attacker.test)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveRunOptions
from newsledger.store.warehouse import Warehouse
from newsledger.text.urls import report_id_for_url
from support.loopback import LoopbackServer, loopback_policy, names_resolver
from support.newsroom import KIRBY_AFTER, KIRBY_BEFORE, article_page, seed_paragraphs

HEADLINE = "Gunmen storm Moscow concert hall"
NAMES = {"wire.test": "127.0.0.1", "attacker.test": "127.0.0.1"}


def _url(server: LoopbackServer, host: str, path: str) -> str:
    return f"http://{host}:{server.port}{path}"


def _publish(server: LoopbackServer, links: Sequence[str]) -> None:
    items = "".join(f"<item><title>t</title><link>{html.escape(u)}</link></item>" for u in links)
    server.route(
        "/feed.xml",
        body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}'
        "</channel></rss>",
        headers={"Content-Type": "application/rss+xml"},
    )


def _poll(server: LoopbackServer, db: Path) -> None:
    config = parse_sources(
        f'[[feeds]]\nname = "wire"\nurl = "{_url(server, "wire.test", "/feed.xml")}"\n'
        'outlet = "Wire"\n'
    )
    options = LiveRunOptions(db_path=db, archive_root=None, processes=1)
    policy = loopback_policy(allow_hosts=frozenset(NAMES))
    with Fetcher(policy, resolver=names_resolver(NAMES)) as fetcher:
        ingest_feeds(config, options, fetcher=fetcher, poll_all=True)


def _versions(db: Path) -> dict[str, int]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return dict(warehouse.fetch_all("SELECT report_id, count(*) FROM versions GROUP BY ALL"))


def _fetch_url(db: Path, report_id: str) -> str | None:
    with Warehouse.open(db, read_only=True) as warehouse:
        rows = warehouse.fetch_all(
            "SELECT fetch_url FROM articles WHERE report_id = ?", [report_id]
        )
    return rows[0][0] if rows else None


@pytest.fixture
def wire(loopback_server: LoopbackServer, tmp_path: Path) -> tuple[LoopbackServer, Path, str]:
    """The wire's Moscow report, ingested once: (server, warehouse, its URL)."""
    server, db = loopback_server, tmp_path / "w.duckdb"
    moscow = _url(server, "wire.test", "/world/moscow")
    server.route(
        "/world/moscow", body=article_page(HEADLINE, seed_paragraphs(KIRBY_BEFORE), moscow)
    )
    _publish(server, [moscow])
    _poll(server, db)
    assert _versions(db) == {report_id_for_url(moscow): 1}
    return server, db, moscow


def test_a_page_on_another_site_cannot_take_over_a_report(
    wire: tuple[LoopbackServer, Path, str],
) -> None:
    server, db, moscow = wire
    report = report_id_for_url(moscow)
    fake = _url(server, "attacker.test", "/x")
    # Same headline, other words, and a canonical naming the wire's report.
    server.route(
        "/x", body=article_page(HEADLINE, seed_paragraphs("003_e0a8b143a7695bce.txt"), moscow)
    )
    _publish(server, [moscow, fake])
    _poll(server, db)
    own = report_id_for_url(fake)
    assert _versions(db) == {report: 1, own: 1}
    assert (_fetch_url(db, report), _fetch_url(db, own)) == (moscow, fake)
    with Warehouse.open(db, read_only=True) as warehouse:
        assert warehouse.fetch_all("SELECT report_id FROM transitions") == []
        aliases = dict(warehouse.fetch_all("SELECT alias, report_id FROM article_aliases"))
    assert aliases[fake] == own

    # The wire's real edit is still captured, from the wire's own page.
    server.route("/world/moscow", body=article_page(HEADLINE, seed_paragraphs(KIRBY_AFTER), moscow))
    _poll(server, db)
    assert _versions(db) == {report: 2, own: 1}
    with Warehouse.open(db, read_only=True) as warehouse:
        [(source,)] = warehouse.fetch_all(
            "SELECT source FROM versions WHERE report_id = ? AND version_no = 2", [report]
        )
    assert source == moscow


@pytest.mark.parametrize(
    ("path", "canonical", "title", "merged"),
    [
        ("/world/moscow/amp", "/world/moscow", HEADLINE, True),
        ("/world/other", "/world/moscow", "Council passes budget", False),
        ("/local/fete", "/", "Village fete draws record crowd", False),
        ("/world/2024/fete", "/world/", "Village fete draws record crowd", False),
    ],
    ids=["same-site-same-headline", "another-headline", "home-page", "section-front"],
)
def test_a_same_site_claim_merges_only_into_the_same_article(
    wire: tuple[LoopbackServer, Path, str], path: str, canonical: str, title: str, merged: bool
) -> None:
    server, db, moscow = wire
    page, claimed = _url(server, "wire.test", path), _url(server, "wire.test", canonical)
    text = seed_paragraphs(KIRBY_BEFORE if merged else "003_e0a8b143a7695bce.txt")
    server.route(path, body=article_page(title, text, claimed))
    _publish(server, [moscow, page])
    _poll(server, db)
    report = report_id_for_url(moscow)
    expected = {report: 1} if merged else {report: 1, report_id_for_url(page): 1}
    assert _versions(db) == expected
    assert _fetch_url(db, report) == moscow


def test_the_second_page_with_another_headline_gets_its_own_report(
    loopback_server: LoopbackServer, tmp_path: Path
) -> None:
    server, db = loopback_server, tmp_path / "w.duckdb"
    story = _url(server, "wire.test", "/story")  # named by both pages, never fetched itself
    first, second = _url(server, "wire.test", "/p/1"), _url(server, "wire.test", "/p/2")
    server.route("/p/1", body=article_page(HEADLINE, seed_paragraphs(KIRBY_BEFORE), story))
    other = seed_paragraphs("003_e0a8b143a7695bce.txt")
    server.route("/p/2", body=article_page("Council passes budget", other, story))
    _publish(server, [first, second])
    _poll(server, db)
    assert _versions(db) == {report_id_for_url(story): 1, report_id_for_url(second): 1}
