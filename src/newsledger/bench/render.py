"""The bytes the newsroom serves: article pages (site chrome, scripts, JSON-LD, comments) and
paginated RSS 2.0 feed pages, with the HTTP dates and ETags that go with them.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import random
from collections.abc import Sequence
from datetime import UTC, datetime

from newsledger.bench.corpus import Article, Corpus, Outlet
from newsledger.bench.wording import (
    COMMENTS,
    EVENTS,
    FIRST_NAMES,
    HEADLINES,
    REWRITES,
    SECTIONS,
    fill,
)


def http_date(moment: datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(UTC), usegmt=True)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:20] + '"'


_LAYOUTS = (
    ('<div class="story-body" itemprop="articleBody">', "</div>", "story-header"),
    ('<section id="article-content" class="content__body">', "</section>", "content__head"),
    ('<div class="article__text js-article-text">', "</div>", "article-headline-block"),
)


def _script(rng: random.Random) -> str:
    token = rng.getrandbits(64)
    return (
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        f"gtag('js',new Date());gtag('config','G-{token:X}',{{anonymize_ip:true}});"
        "(function(){var s=document.createElement('script');s.async=true;"
        f"s.src='/static/ads.js?v={token % 9973}';document.head.appendChild(s);}})();"
        "var consent={necessary:true,analytics:false,marketing:false};" * 3 + "</script>"
    )


def _links(rng: random.Random, outlet: Outlet, count: int) -> str:
    items = []
    for _ in range(count):
        facts = {
            "event_short": rng.choice(EVENTS).split()[-1],
            "toll": str(rng.randint(2, 90)),
            "event": rng.choice(EVENTS),
        }
        facts["event_cap"] = facts["event"].capitalize()
        text = fill(rng.choice(HEADLINES + REWRITES), rng, facts)
        href = f"/{outlet.slug}/{rng.choice(SECTIONS)}/2024/04/{rng.getrandbits(32):x}"
        items.append(f'<li><a href="{href}">{html.escape(text)}</a></li>')
    return "".join(items)


def render_article(article: Article, state: int, base_url: str) -> bytes:
    """The full page as the outlet serves it in `state`: chrome, scripts, article, comments."""
    current = article.states[state]
    outlet = article.outlet
    rng = random.Random(f"chrome:{article.index}:{current.chrome_salt}")
    open_body, close_body, header_class = _LAYOUTS[outlet.layout]
    canonical = base_url + article.path
    paragraphs = list(current.paragraphs)
    middle = len(paragraphs) // 2
    rendered = [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    rendered.insert(
        middle,
        '<div class="inline-promo"><strong>Read more:</strong> '
        f'<a href="/{outlet.slug}/live">Follow our live coverage</a></div>',
    )
    nav = "".join(f'<li><a href="/{outlet.slug}/{s}">{s.title()}</a></li>' for s in SECTIONS)
    comments = "".join(
        f'<li class="comment"><span class="comment__author">{rng.choice(FIRST_NAMES)}'
        f"{rng.randint(1, 99)}</span><p>{html.escape(fill(rng.choice(COMMENTS), rng, {}))}</p>"
        "</li>"
        for _ in range(rng.randint(3, 12))
    )
    title = html.escape(current.title)
    published = article.published.isoformat()
    modified = current.changed_at.isoformat()
    json_ld = (
        '{"@context":"https://schema.org","@type":"NewsArticle",'
        f'"headline":"{title}","datePublished":"{published}","dateModified":"{modified}",'
        f'"author":[{{"@type":"Person","name":"{html.escape(current.byline[3:])}"}}],'
        f'"publisher":{{"@type":"Organization","name":"{outlet.name}"}}}}'
    )
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {html.escape(outlet.name)}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{title}"><meta property="og:url" content="{canonical}">
<meta property="og:site_name" content="{html.escape(outlet.name)}">
<meta property="og:type" content="article">
<meta name="author" content="{html.escape(current.byline[3:])}">
<meta property="article:published_time" content="{published}">
<meta property="article:modified_time" content="{modified}">
<link rel="stylesheet" href="/static/{outlet.slug}.css?v={current.chrome_salt}">
<script type="application/ld+json">{json_ld}</script>
{_script(rng)}
</head><body class="article-page {outlet.slug}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="logo" href="/{outlet.slug}/">{html.escape(outlet.name)}</a>
<nav class="primary-nav" aria-label="Sections"><ul>{nav}</ul></nav>
<div class="ticker"><span>Breaking:</span> <a href="/{outlet.slug}/live">Live updates</a></div>
<form class="search" action="/search"><input name="q" placeholder="Search"></form>
</header>
<div class="ad-slot" id="ad-top" data-slot="leaderboard"></div>
<main id="main"><article class="article">
<header class="{header_class}"><p class="kicker">{article.section.title()}</p>
<h1 class="headline">{title}</h1>
<p class="byline"><span class="author">{html.escape(current.byline)}</span></p>
<p class="dateline"><time datetime="{published}">{article.published:%d %B %Y, %H:%M} GMT</time>
 &middot; Updated <time datetime="{modified}">{current.changed_at:%H:%M}</time></p>
</header>
{open_body}
{chr(10).join(rendered)}
{close_body}
<div class="share"><a href="/share?fb">Share</a> <a href="/share?x">Post</a> <a href="/share?mail">Email</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{_links(rng, outlet, 8)}</ul></aside>
<aside class="most-read"><h2>Most read</h2><ol>{_links(rng, outlet, 10)}</ol></aside>
<section class="newsletter"><h2>Get the morning briefing</h2>
<form action="/subscribe"><input type="email" name="email"><button>Sign up</button></form></section>
<section class="comments" id="comments"><h2>Comments</h2><ol>{comments}</ol></section>
</main>
<footer class="site-footer"><ul>{nav}</ul>
<p>&copy; 2024 {html.escape(outlet.name)}. All rights reserved.
<a href="/terms">Terms</a> <a href="/privacy">Privacy</a> <a href="/corrections">Corrections</a></p>
</footer>{_script(rng)}</body></html>
"""  # noqa: E501
    return page.encode("utf-8")


def render_feed(
    corpus: Corpus,
    outlet: Outlet,
    number: int,
    items: Sequence[Article],
    state: int,
    base_url: str,
    has_next: bool = False,
    built: datetime | None = None,
) -> bytes:
    """One RSS 2.0 page; its lastBuildDate is `built`, or when one of its items last changed."""
    if built is None:
        built = max(a.states[state].changed_at for a in items) if items else corpus.state_time(0)
    entries = []
    for article in items:
        current = article.states[state]
        entries.append(
            f"<item><title>{html.escape(current.title)}</title>"
            f"<link>{base_url}{article.path}</link>"
            f'<guid isPermaLink="false">{article.guid}</guid>'
            f"<pubDate>{http_date(article.published)}</pubDate>"
            f"<description>{html.escape(current.paragraphs[0][:240])}</description></item>"
        )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{html.escape(outlet.name)} - page {number}</title>"
        f"<link>{base_url}/{outlet.slug}/</link><description>Latest news</description>"
        f"<lastBuildDate>{http_date(built)}</lastBuildDate>"
        + (
            f'<atom:link href="{base_url}/{outlet.slug}/rss/page-{number + 1}.xml" rel="next"/>'
            if has_next
            else ""
        )
        + "".join(entries)
        + "</channel></rss>\n"
    )
    return feed.encode("utf-8")
