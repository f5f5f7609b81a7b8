"""A deterministic newsroom: outlets, articles as realistic news HTML, paginated RSS feeds,
and later states in which a share of the articles change the way news changes.

Everything comes from word and sentence templates and one seed (no network, no model), so
the same (seed, n_articles) always gives the same bytes, and article i does not depend on n.
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

CHANGE_KINDS = ("death_toll", "name_fix", "developing", "typo", "headline", "nothing")
# How often each kind is drawn for a changed article (nothing = bytes change, text does not).
CHANGE_WEIGHTS = (3, 2, 3, 2, 2, 2)
FEED_PAGE_SIZE = 500
BASE_TIME = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
STATE_STEP = timedelta(hours=1)

_OUTLETS = (
    ("daily-courier", "The Daily Courier"),
    ("metro-herald", "Metro Herald"),
    ("world-wire", "World Wire"),
    ("valley-times", "Valley Times"),
    ("coast-gazette", "Coast Gazette"),
    ("national-ledger", "National Ledger"),
)
_SECTIONS = ("world", "politics", "business", "local", "science", "health", "sport", "opinion")
_FIRST = (
    "Maria",
    "James",
    "Aisha",
    "Tomasz",
    "Chen",
    "Olga",
    "Daniel",
    "Priya",
    "Kwame",
    "Sofia",
    "Henrik",
    "Lucia",
    "Omar",
    "Grace",
    "Mateo",
    "Yuki",
    "Ines",
    "Samuel",
)
_LAST = (
    "Alvarez",
    "Okafor",
    "Lindqvist",
    "Nakamura",
    "Brennan",
    "Kowalski",
    "Haddad",
    "Moreau",
    "Petrov",
    "Achterberg",
    "Mensah",
    "Castillo",
    "Ferreira",
    "Whitfield",
)
# Places are made from syllables so that each event has its own names, as real news does.
_PLACE_HEADS = (
    "Ash",
    "Bram",
    "Cal",
    "Dun",
    "El",
    "Fen",
    "Glen",
    "Hal",
    "Kes",
    "Lin",
    "Mar",
    "Nor",
    "Ox",
    "Pen",
    "Rav",
    "Sel",
    "Tor",
    "Wick",
    "Yar",
    "Zel",
)
_PLACE_TAILS = (
    "ford",
    "mere",
    "wick",
    "ton",
    "bury",
    "dale",
    "holm",
    "stead",
    "haven",
    "field",
    "more",
    "gate",
    "by",
    "cliff",
    "port",
)
_ORGS = (
    "the Ministry of Transport",
    "the regional council",
    "the Red Cross",
    "the state utility",
    "the port authority",
    "the national weather service",
    "the teachers' union",
    "the central bank",
    "the health department",
)
# (wrong, right): the titles a correction fixes.
_ROLES = (
    ("deputy mayor", "mayor"),
    ("national security adviser", "spokesman"),
    ("health minister", "deputy health minister"),
    ("police chief", "police spokeswoman"),
    ("chief executive", "chief financial officer"),
    ("fire chief", "deputy fire chief"),
)
_EVENTS = (
    "flooding",
    "a landslide",
    "a building collapse",
    "a ferry accident",
    "a fire at a market",
    "a train derailment",
    "a storm surge",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TYPOS = (
    ("government", "goverment"),
    ("received", "recieved"),
    ("their", "thier"),
    ("separate", "seperate"),
    ("accommodate", "accomodate"),
)
_SENTENCES = (
    "Officials in {place} said on {day} that the response would continue through the week.",
    "{person}, who has lived in {place} for {n2} years, said the night was the worst she could remember.",  # noqa: E501
    "Residents described roads blocked by debris and long queues at the only open petrol station.",
    "A spokesperson for {org} said crews had been working around the clock since {day}.",
    "The cost of the damage has not yet been estimated, but local businesses fear months of disruption.",  # noqa: E501
    "Schools in {place} will remain closed until at least {day}, the education office said.",
    "{person} said the warnings had come too late for many families in low-lying streets.",
    "Volunteers handed out water, blankets and hot meals at a sports hall near the town centre.",
    "The {role} of {place} called for calm and asked people to avoid unnecessary travel.",
    "Figures released by {org} on {day} showed {n2} percent of households were without power.",
    "Opposition lawmakers demanded an inquiry into why the emergency plan was not followed.",
    "Engineers were expected to inspect {n2} bridges before they could be reopened to traffic.",
    "\u201cWe have never seen anything like this,\u201d said {person}, a shop owner in {place}.",
    "The government said it would release emergency funds to help those who lost their homes.",
    "Insurance companies said they had received {n3} claims in the first {n1} days.",
    "Forecasters warned that more rain was likely over the weekend in {place} and beyond.",
    "Hospitals in the region said they had treated {n2} people, most for minor injuries.",
    "Aid groups said the hardest-hit villages could only be reached by boat or helicopter.",
    "The prime minister is expected to visit {place} on {day}, according to her office.",
    "Local radio stations stayed on air through the night, relaying messages between families.",
    "{org} said it had deployed {n2} additional teams and would review its procedures.",
    "Some residents returned on {day} to find their homes filled with mud and their cars overturned.",  # noqa: E501
    "Analysts said the disruption could weigh on the regional economy for the rest of the year.",
    "A fundraising page set up by neighbours had raised more than {n3} dollars by {day} evening.",
)
_UPDATES = (
    "Rescue teams in {place} pulled {n1} more people from the rubble overnight, officials said.",
    "{org} said on {day} evening that the search would continue for at least another day.",
    "The {role} of {place} declared a local state of emergency late on {day}.",
    "Power was restored to about {n2} percent of homes by early {day}, the utility said.",
)
_HEADLINES = (
    "{event_cap} in {place}: at least {toll} dead as rescuers search for survivors",
    "At least {toll} killed after {event} hits {place}",
    "{place} counts the cost of {event} as death toll reaches {toll}",
)
_REWRITES = (
    "Anger grows in {place} over response to deadly {event_short}",
    "{place} begins long recovery after deadly {event_short}",
    "Questions mount over warnings before {place} {event_short}",
)
_COMMENTS = (
    "Thoughts are with everyone in {place} tonight.",
    "Why were the warnings not issued earlier? Someone has to answer for this.",
    "My cousin lives there and says the roads are still closed.",
    "Good reporting, thank you for keeping us updated.",
    "This happens every year and nothing changes.",
)


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    layout: int


@dataclass(frozen=True)
class ArticleState:
    """An article as one state of the newsroom serves it."""

    title: str
    byline: str
    paragraphs: tuple[str, ...]
    changed_at: datetime
    change_kind: str | None  # what changed to reach this state (None: first state, or not)
    chrome_salt: int  # site furniture that changes without the article changing


@dataclass(frozen=True)
class Article:
    index: int
    outlet: Outlet
    section: str
    path: str
    guid: str
    published: datetime
    states: tuple[ArticleState, ...]


@dataclass(frozen=True)
class Corpus:
    seed: int
    outlets: tuple[Outlet, ...]
    articles: tuple[Article, ...]
    n_states: int
    feed_page_size: int = FEED_PAGE_SIZE

    def state_time(self, state: int) -> datetime:
        return BASE_TIME + STATE_STEP * state

    def feed_pages(self) -> list[tuple[Outlet, int, str, tuple[Article, ...]]]:
        """(outlet, page number from 1, path, articles newest first) of every feed page."""
        pages = []
        for outlet in self.outlets:
            mine = sorted(
                (a for a in self.articles if a.outlet == outlet),
                key=lambda a: (a.published, a.index),
                reverse=True,
            )
            for start in range(0, len(mine), self.feed_page_size):
                number = start // self.feed_page_size + 1
                path = f"/{outlet.slug}/rss/page-{number}.xml"
                pages.append(
                    (outlet, number, path, tuple(mine[start : start + self.feed_page_size]))
                )
        return pages

    def changed_in(self, state: int) -> list[Article]:
        """Articles whose served bytes differ in `state` from the state before."""
        return [a for a in self.articles if state > 0 and a.states[state].change_kind is not None]


_OPENERS = (
    "",
    "",
    "",
    "On {day}, ",
    "Late on {day}, ",
    "By early afternoon, ",
    "Earlier, ",
    "Meanwhile, ",
    "In a statement, ",
    "At a briefing, ",
    "Separately, ",
    "Overnight, ",
)
_TAILS = (
    "",
    "",
    "",
    " according to local media",
    " a witness told reporters",
    " officials confirmed",
    " the agency said",
    " though details remained unclear",
    " the statement added",
    " a spokesperson said later",
)
_ARTICLES_PER_EVENT = 4


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)


def _sentence(rng: random.Random, facts: dict[str, str]) -> str:
    """A template sentence with an opener and an attribution drawn around it."""
    core = _fill(rng.choice(_SENTENCES), rng, facts)
    opener = _fill(rng.choice(_OPENERS), rng, facts)
    tail = rng.choice(_TAILS)
    if core.startswith("\u201c"):
        return core
    if opener and not core.startswith(facts["place"]) and core[1:2].islower():
        core = core[0].lower() + core[1:]
    if tail and core.endswith("."):
        core = core[:-1] + "," + tail + "."
    sentence = opener + core
    return sentence[0].upper() + sentence[1:]


def _fill(template: str, rng: random.Random, facts: dict[str, str]) -> str:
    values = {
        "place": _place(rng),
        "day": rng.choice(_DAYS),
        "person": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        "org": rng.choice(_ORGS),
        "role": rng.choice(("mayor", "governor", "police chief", "fire chief")),
        "n1": str(rng.randint(2, 9)),
        "n2": str(rng.randint(11, 95)),
        "n3": f"{rng.randint(2, 40) * 1000:,}",
        **facts,
    }
    return template.format(**values)


def _body_paragraphs(rng: random.Random, facts: dict[str, str], target_chars: int) -> list[str]:
    lead = (
        f"At least {facts['toll']} people were killed and dozens more were missing after "
        f"{facts['event']} struck {facts['place']} on {facts['day']}, officials said."
    )
    official = (
        f"{facts['official']}, the {facts['wrong_role']} of {facts['place']}, said "
        f"emergency crews had reached most of the affected neighbourhoods by nightfall."
    )
    paragraphs = [lead, official]
    typo_at = rng.randint(2, 4)
    while sum(len(p) for p in paragraphs) < target_chars:
        count = rng.randint(2, 5)
        sentences = [_sentence(rng, facts) for _ in range(count)]
        if len(paragraphs) == typo_at:
            right, wrong = facts["typo_right"], facts["typo_wrong"]
            sentences.append(f"The {wrong} said it had {right} offers of help from abroad.")
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _changed(
    previous: ArticleState, kind: str, rng: random.Random, facts: dict[str, str], at: datetime
) -> ArticleState:
    paragraphs = list(previous.paragraphs)
    title = previous.title
    if kind == "death_toll":
        old_toll = facts["toll"]
        facts["toll"] = str(int(old_toll) + rng.randint(2, 30))
        paragraphs = [
            p.replace(f"At least {old_toll} people", f"At least {facts['toll']} people")
            for p in paragraphs
        ]
        title = title.replace(old_toll, facts["toll"])
    elif kind == "name_fix" and facts["wrong_role"] != facts["right_role"]:
        wrong, right = facts["wrong_role"], facts["right_role"]
        paragraphs = [p.replace(f"the {wrong} of", f"the {right} of") for p in paragraphs]
        paragraphs.append(
            f"This story was updated to correct that {facts['official']} is the {right} of "
            f"{facts['place']}, not the {wrong}."
        )
        facts["wrong_role"] = right
    elif kind == "developing":
        update = " ".join(_fill(rng.choice(_UPDATES), rng, facts) for _ in range(rng.randint(1, 3)))
        paragraphs.insert(0, update)
    elif kind == "typo" and facts["typo_wrong"] != facts["typo_right"]:
        paragraphs = [
            p.replace(f"The {facts['typo_wrong']} said", f"The {facts['typo_right']} said")
            for p in paragraphs
        ]
        facts["typo_wrong"] = facts["typo_right"]
    elif kind == "headline":
        title = _fill(rng.choice(_REWRITES), rng, facts)
    return ArticleState(
        title, previous.byline, tuple(paragraphs), at, kind, previous.chrome_salt + 1
    )


def _article(seed: int, index: int, changes: Sequence[str | None], outlet: Outlet) -> Article:
    # A few consecutive articles (different outlets) report one event: its place, day and
    # official are shared; the wording, the toll each outlet reports and the rest are not.
    event_rng = random.Random(f"{seed}:event:{index // _ARTICLES_PER_EVENT}")
    event = event_rng.choice(_EVENTS)
    facts = {
        "place": _place(event_rng),
        "day": event_rng.choice(_DAYS),
        "event": event,
        "event_short": event.split()[-1],
        "official": f"{event_rng.choice(_FIRST)} {event_rng.choice(_LAST)}",
    }
    rng = random.Random(f"{seed}:article:{index}")
    wrong_role, right_role = rng.choice(_ROLES)
    typo_right, typo_wrong = rng.choice(_TYPOS)
    facts |= {
        "toll": str(rng.randint(3, 60)),
        "wrong_role": wrong_role,
        "right_role": right_role,
        "typo_right": typo_right,
        "typo_wrong": typo_wrong,
    }
    facts["event_cap"] = event[0].upper() + event[1:]
    title = _fill(rng.choice(_HEADLINES), rng, facts)
    byline = (
        f"By {rng.choice(_FIRST)} {rng.choice(_LAST)} and {rng.choice(_FIRST)} {rng.choice(_LAST)}"  # noqa: E501
    )
    paragraphs = _body_paragraphs(rng, facts, rng.randint(3000, 12000))
    published = BASE_TIME - timedelta(minutes=rng.randint(30, 24 * 60), seconds=index)
    section = rng.choice(_SECTIONS)
    slug = "-".join(title.lower().replace(":", "").split()[:8])
    path = f"/{outlet.slug}/{section}/2024/05/{slug}-{index}"
    states = [ArticleState(title, byline, tuple(paragraphs), published, None, 0)]
    for number, kind in enumerate(changes[1:], start=1):
        at = BASE_TIME + STATE_STEP * number
        if kind is None:
            states.append(replace(states[-1], change_kind=None))
        else:
            states.append(_changed(states[-1], kind, rng, facts, at))
    guid = f"urn:{outlet.slug}:article:{index}"
    return Article(index, outlet, section, path, guid, published, tuple(states))


def change_plan(seed: int, n_articles: int, n_states: int, share: float) -> list[list[str | None]]:
    """For each article, what changes in each state (None: nothing served differently)."""
    plan: list[list[str | None]] = [[None] * n_states for _ in range(n_articles)]
    for state in range(1, n_states):
        rng = random.Random(f"{seed}:state:{state}")
        for index in rng.sample(range(n_articles), round(share * n_articles)):
            plan[index][state] = rng.choices(CHANGE_KINDS, CHANGE_WEIGHTS)[0]
    return plan


def build_corpus(
    n_articles: int,
    seed: int = 20240501,
    n_states: int = 3,
    change_share: float = 0.10,
    feed_page_size: int = FEED_PAGE_SIZE,
) -> Corpus:
    """n_articles across the outlets; state 0 is first publication, each later state
    changes round(change_share * n_articles) articles (a different draw each state)."""
    outlets = tuple(Outlet(slug, name, i % 3) for i, (slug, name) in enumerate(_OUTLETS))
    plan = change_plan(seed, n_articles, n_states, change_share)
    articles = tuple(
        _article(seed, i, plan[i], outlets[i % len(outlets)]) for i in range(n_articles)
    )
    return Corpus(seed, outlets, articles, n_states, feed_page_size)


def iter_articles(seed: int, start: int, stop: int) -> Iterator[Article]:
    """First-state articles start..stop-1 one by one, for streaming runs too big to hold."""
    outlets = tuple(Outlet(slug, name, i % 3) for i, (slug, name) in enumerate(_OUTLETS))
    for index in range(start, stop):
        yield _article(seed, index, [None], outlets[index % len(outlets)])


# ------------------------------------------------------------------------ rendering


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
            "event_short": rng.choice(_EVENTS).split()[-1],
            "toll": str(rng.randint(2, 90)),
            "event": rng.choice(_EVENTS),
        }
        facts["event_cap"] = facts["event"].capitalize()
        text = _fill(rng.choice(_HEADLINES + _REWRITES), rng, facts)
        href = f"/{outlet.slug}/{rng.choice(_SECTIONS)}/2024/04/{rng.getrandbits(32):x}"
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
    nav = "".join(f'<li><a href="/{outlet.slug}/{s}">{s.title()}</a></li>' for s in _SECTIONS)
    comments = "".join(
        f'<li class="comment"><span class="comment__author">{rng.choice(_FIRST)}'
        f"{rng.randint(1, 99)}</span><p>{html.escape(_fill(rng.choice(_COMMENTS), rng, {}))}</p>"
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
