"""Pieces for serving a small newsroom from the loopback server: pages, a feed, sources.

Tests that poll a newsroom share these, so a page or sources-file change happens once.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from support.loopback import LoopbackServer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY_BEFORE = "reconstructed/000_4298c29b566fd99a.before-correction.txt"
KIRBY_AFTER = "000_4298c29b566fd99a.txt"


def seed_paragraphs(relative: str) -> tuple[str, ...]:
    """A seed file's paragraphs, as the seed reader gives them."""
    from newsledger.capture.seeds import parse_seed

    return parse_seed((SEEDS / relative).read_bytes()).paragraphs


def article_page(title: str, paragraphs: Sequence[str], canonical: str) -> str:
    """An article page with site chrome around it, as outlets serve them."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Wire</title><link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="Wire"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/corrections">Corrections</a></nav>
<article><h1>{html.escape(title)}</h1><p class="byline">By Wire Staff</p>{body}</article>
<aside><h3>Related</h3><ul><li><a href="/x">Other story</a></li></ul></aside>
<footer>© Wire. <a href="/corrections">Report a correction</a></footer></body></html>"""


def rss_feed(server: LoopbackServer, items: Sequence[tuple[str, str]], title: str = "Wire") -> str:
    """RSS 2.0 listing (title, path) items, each with its absolute link as GUID."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{server.url(p)}</link>"
        f"<guid>{server.url(p)}</guid></item>"
        for t, p in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
        f"<link>{server.base_url}</link>{entries}</channel></rss>"
    )


def serve_feed(server: LoopbackServer, items: Sequence[tuple[str, str]]) -> None:
    server.route(
        "/feed.xml", body=rss_feed(server, items), headers={"Content-Type": "application/rss+xml"}
    )


def loopback_sources(server: LoopbackServer, extra: str = "") -> str:
    """A sources file with one feed at /feed.xml, loopback allowed, no politeness gaps."""
    return f"""
[fetch]
allow_hosts = ["127.0.0.1"]
per_host_min_gap_s = 0
backoff_base_s = 0.01

[[feeds]]
name = "wire"
url = "{server.url("/feed.xml")}"
outlet = "Wire"
{extra}"""
