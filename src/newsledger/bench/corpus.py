"""The generated newsroom as data: outlets, articles and their later states, in which a share
of the articles change the way news changes (toll updated, title corrected, typo fixed, ...).

Everything comes from the templates in wording.py and one seed (no network, no model), so
the same (seed, n_articles) always gives the same bytes, and article i does not depend on n.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from newsledger.bench.wording import (
    DAYS,
    EVENTS,
    FIRST_NAMES,
    HEADLINES,
    LAST_NAMES,
    OUTLETS,
    REWRITES,
    ROLES,
    SECTIONS,
    TYPOS,
    UPDATES,
    draw_place,
    draw_sentence,
    fill,
)

CHANGE_KINDS = ("death_toll", "name_fix", "developing", "typo", "headline", "nothing")
# How often each kind is drawn for a changed article (nothing = bytes change, text does not).
CHANGE_WEIGHTS = (3, 2, 3, 2, 2, 2)
FEED_PAGE_SIZE = 500
BASE_TIME = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
STATE_STEP = timedelta(hours=1)


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


_ARTICLES_PER_EVENT = 4


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
        sentences = [draw_sentence(rng, facts) for _ in range(count)]
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
        update = " ".join(fill(rng.choice(UPDATES), rng, facts) for _ in range(rng.randint(1, 3)))
        paragraphs.insert(0, update)
    elif kind == "typo" and facts["typo_wrong"] != facts["typo_right"]:
        paragraphs = [
            p.replace(f"The {facts['typo_wrong']} said", f"The {facts['typo_right']} said")
            for p in paragraphs
        ]
        facts["typo_wrong"] = facts["typo_right"]
    elif kind == "headline":
        title = fill(rng.choice(REWRITES), rng, facts)
    return ArticleState(
        title, previous.byline, tuple(paragraphs), at, kind, previous.chrome_salt + 1
    )


def _article(seed: int, index: int, changes: Sequence[str | None], outlet: Outlet) -> Article:
    # A few consecutive articles (different outlets) report one event: its place, day and
    # official are shared; the wording, the toll each outlet reports and the rest are not.
    event_rng = random.Random(f"{seed}:event:{index // _ARTICLES_PER_EVENT}")
    event = event_rng.choice(EVENTS)
    facts = {
        "place": draw_place(event_rng),
        "day": event_rng.choice(DAYS),
        "event": event,
        "event_short": event.split()[-1],
        "official": f"{event_rng.choice(FIRST_NAMES)} {event_rng.choice(LAST_NAMES)}",
    }
    rng = random.Random(f"{seed}:article:{index}")
    wrong_role, right_role = rng.choice(ROLES)
    typo_right, typo_wrong = rng.choice(TYPOS)
    facts |= {
        "toll": str(rng.randint(3, 60)),
        "wrong_role": wrong_role,
        "right_role": right_role,
        "typo_right": typo_right,
        "typo_wrong": typo_wrong,
    }
    facts["event_cap"] = event[0].upper() + event[1:]
    title = fill(rng.choice(HEADLINES), rng, facts)
    byline = f"By {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} and {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"  # noqa: E501
    paragraphs = _body_paragraphs(rng, facts, rng.randint(3000, 12000))
    published = BASE_TIME - timedelta(minutes=rng.randint(30, 24 * 60), seconds=index)
    section = rng.choice(SECTIONS)
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
    outlets = tuple(Outlet(slug, name, i % 3) for i, (slug, name) in enumerate(OUTLETS))
    plan = change_plan(seed, n_articles, n_states, change_share)
    articles = tuple(
        _article(seed, i, plan[i], outlets[i % len(outlets)]) for i in range(n_articles)
    )
    return Corpus(seed, outlets, articles, n_states, feed_page_size)


def iter_articles(seed: int, start: int, stop: int) -> Iterator[Article]:
    """First-state articles start..stop-1 one by one, for streaming runs too big to hold."""
    outlets = tuple(Outlet(slug, name, i % 3) for i, (slug, name) in enumerate(OUTLETS))
    for index in range(start, stop):
        yield _article(seed, index, [None], outlets[index % len(outlets)])
