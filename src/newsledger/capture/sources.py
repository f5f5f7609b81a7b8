"""sources.toml: which feeds and article lists to follow, how politely to fetch, when to
re-fetch a report and whom to notify. Parsed and validated into frozen dataclasses.

Validation collects every problem before raising, so a user fixes the file in one go;
toml_checks.py checks each table against the key specs here.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path

from newsledger.capture.toml_checks import (
    KeySpec,
    Problems,
    array_of_tables,
    is_number,
    load_toml,
    read_table,
)

DEFAULT_POLL_INTERVAL_MINUTES = 15
# (hours since the last change, minutes between re-fetches): young reports change most.
DEFAULT_REFETCH_STEPS: tuple[tuple[float, float], ...] = (
    (3, 15),
    (24, 60),
    (72, 180),
    (168, 720),
    (720, 1440),
)
DEFAULT_STOP_AFTER_DAYS = 30.0
DEFAULT_NOTIFY_EVENTS = ("declared_correction", "silent_substantive", "feed_failing")
# A feed_failing notification goes out on the poll that makes this many failed polls in a row.
DEFAULT_ALERT_AFTER_FAILED_POLLS = 3


class SourcesError(ValueError):
    """Every problem found in a sources file, one line each."""

    def __init__(self, problems: Sequence[str], origin: str = "sources.toml") -> None:
        self.problems = list(problems)
        self.origin = origin
        super().__init__("\n".join(f"{origin}: {problem}" for problem in self.problems))


@dataclass(frozen=True)
class FetchSettings:
    """The fetcher's policy as the user set it; None means "keep the fetcher's default"."""

    allow_hosts: tuple[str, ...] | None = None
    user_agent: str | None = None
    connect_timeout_s: float | None = None
    total_timeout_s: float | None = None
    max_retries: int | None = None
    backoff_base_s: float | None = None
    backoff_max_s: float | None = None
    retry_after_max_s: float | None = None
    max_body_bytes: int | None = None
    max_redirects: int | None = None
    per_host_concurrency: int | None = None
    per_host_min_gap_s: float | None = None
    pause_after_429_s: float | None = None
    respect_robots: bool | None = None
    robots_ttl_s: float | None = None
    max_workers: int | None = None

    def policy_kwargs(self) -> dict[str, object]:
        """Only the keys the user set, named as FetchPolicy's fields."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


@dataclass(frozen=True)
class RefetchSchedule:
    """How often to re-fetch a known report, decaying with the time since it last changed.

    steps: (max_age_hours, interval_minutes) in ascending age; a report whose last
    change is younger than max_age_hours is re-fetched every interval_minutes. Past
    the last step the last interval holds, until stop_after_days after first seen.
    """

    steps: tuple[tuple[float, float], ...] = DEFAULT_REFETCH_STEPS
    stop_after_days: float = DEFAULT_STOP_AFTER_DAYS

    def interval_for_age(self, age: timedelta) -> timedelta:
        hours = age.total_seconds() / 3600
        for max_age_hours, interval_minutes in self.steps:
            if hours < max_age_hours:
                return timedelta(minutes=interval_minutes)
        return timedelta(minutes=self.steps[-1][1])


@dataclass(frozen=True)
class FeedSource:
    name: str
    url: str
    outlet: str
    poll_interval_minutes: float = DEFAULT_POLL_INTERVAL_MINUTES
    per_host_concurrency: int | None = None
    per_host_min_gap_s: float | None = None
    refetch: RefetchSchedule | None = None


@dataclass(frozen=True)
class ArticleList:
    name: str
    outlet: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class NotifySettings:
    """Where notifications go (a JSON webhook, any Apprise URLs) and which events are sent."""

    webhook_url: str | None = None
    events: tuple[str, ...] = DEFAULT_NOTIFY_EVENTS
    timeout_s: float = 10.0
    max_retries: int = 3
    apprise: tuple[str, ...] = ()
    alert_after_failed_polls: int = DEFAULT_ALERT_AFTER_FAILED_POLLS


@dataclass(frozen=True)
class SourcesConfig:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    feeds: tuple[FeedSource, ...] = ()
    article_lists: tuple[ArticleList, ...] = ()
    refetch: RefetchSchedule = field(default_factory=RefetchSchedule)
    notify: NotifySettings = field(default_factory=NotifySettings)

    def refetch_for(self, feed_name: str | None) -> RefetchSchedule:
        """The feed's own schedule if it has one, else the global one."""
        for feed in self.feeds:
            if feed.name == feed_name and feed.refetch is not None:
                return feed.refetch
        return self.refetch


# --- re-fetch schedule ---------------------------------------------------------------


def next_refetch_at(
    first_seen_at: datetime,
    last_changed_at: datetime | None,
    last_fetched_at: datetime | None,
    schedule: RefetchSchedule,
) -> datetime | None:
    """The earliest moment a re-fetch is due, or None once the report is past stop_after_days.

    The interval grows with age, so the candidate is pushed forward until the interval
    at the candidate's own age is satisfied (at most one push per step).
    """
    stop_at = first_seen_at + timedelta(days=schedule.stop_after_days)
    if last_fetched_at is None:
        return first_seen_at if first_seen_at < stop_at else None
    changed_at = last_changed_at or first_seen_at
    candidate = last_fetched_at + schedule.interval_for_age(last_fetched_at - changed_at)
    for _ in range(len(schedule.steps) + 1):
        pushed = last_fetched_at + schedule.interval_for_age(candidate - changed_at)
        if pushed <= candidate:
            break
        candidate = pushed
    return candidate if candidate < stop_at else None


def refetch_due(
    first_seen_at: datetime,
    last_changed_at: datetime | None,
    last_fetched_at: datetime | None,
    now: datetime,
    schedule: RefetchSchedule,
) -> bool:
    """True when the report should be fetched again at `now`."""
    if now >= first_seen_at + timedelta(days=schedule.stop_after_days):
        return False
    if last_fetched_at is None:
        return True
    changed_at = last_changed_at or first_seen_at
    return now - last_fetched_at >= schedule.interval_for_age(now - changed_at)


# --- parsing and validation ----------------------------------------------------------


_FETCH_KEYS: dict[str, KeySpec] = {
    "allow_hosts": KeySpec("str_list"),
    "user_agent": KeySpec("str"),
    "connect_timeout_s": KeySpec("number", positive=True),
    "total_timeout_s": KeySpec("number", positive=True),
    "max_retries": KeySpec("int"),
    "backoff_base_s": KeySpec("number"),
    "backoff_max_s": KeySpec("number"),
    "retry_after_max_s": KeySpec("number"),
    "max_body_bytes": KeySpec("int", minimum=1),
    "max_redirects": KeySpec("int"),
    "per_host_concurrency": KeySpec("int", minimum=1),
    "per_host_min_gap_s": KeySpec("number"),
    "pause_after_429_s": KeySpec("number"),
    "respect_robots": KeySpec("bool"),
    "robots_ttl_s": KeySpec("number"),
    "max_workers": KeySpec("int", minimum=1),
}
_FEED_KEYS: dict[str, KeySpec] = {
    "name": KeySpec("str", required=True),
    "url": KeySpec("url", required=True),
    "outlet": KeySpec("str", required=True),
    "poll_interval_minutes": KeySpec("number", positive=True),
    "per_host_concurrency": KeySpec("int", minimum=1),
    "per_host_min_gap_s": KeySpec("number"),
}
_ARTICLE_LIST_KEYS: dict[str, KeySpec] = {
    "name": KeySpec("str", required=True),
    "outlet": KeySpec("str", required=True),
    "urls": KeySpec("url_list", required=True),
}
_REFETCH_KEYS: dict[str, KeySpec] = {
    "stop_after_days": KeySpec("number", positive=True),
}
_NOTIFY_KEYS: dict[str, KeySpec] = {
    "webhook_url": KeySpec("url"),
    "events": KeySpec("str_list"),
    "timeout_s": KeySpec("number", positive=True),
    "max_retries": KeySpec("int"),
    "apprise": KeySpec("str_list"),
    "alert_after_failed_polls": KeySpec("int", minimum=1),
}
_TOP_LEVEL = ("fetch", "feeds", "article_lists", "refetch", "notify")


def _parse_steps(place: str, value: object, problems: Problems) -> tuple[tuple[float, float], ...]:
    shape = "a list of [max_age_hours, interval_minutes] pairs"
    if not isinstance(value, list) or not value:
        problems.add(place, f"'steps' must be {shape}, got {value!r}")
        return ()
    steps: list[tuple[float, float]] = []
    for index, step in enumerate(value):
        is_pair = isinstance(step, list) and len(step) == 2 and all(is_number(n) for n in step)
        if not is_pair:
            problems.add(place, f"steps[{index}] must be [max_age_hours, interval_minutes]")
            return ()
        age, interval = float(step[0]), float(step[1])
        if age <= 0 or interval <= 0:
            problems.add(place, f"steps[{index}] must hold two positive numbers, got {step!r}")
            return ()
        if steps and age <= steps[-1][0]:
            problems.add(place, f"steps[{index}]: max_age_hours must grow from step to step")
            return ()
        if steps and interval < steps[-1][1]:
            problems.add(place, f"steps[{index}]: interval_minutes must not shrink with age")
            return ()
        steps.append((age, interval))
    return tuple(steps)


def _parse_refetch(place: str, table: object, problems: Problems) -> RefetchSchedule | None:
    before = len(problems.lines)
    values = read_table(place, table, _REFETCH_KEYS, problems, raw_keys=("steps",))
    steps = _parse_steps(place, values["steps"], problems) if "steps" in values else None
    if len(problems.lines) > before:
        return None
    stop = values.get("stop_after_days", DEFAULT_STOP_AFTER_DAYS)
    assert isinstance(stop, int | float)
    return RefetchSchedule(steps=steps or DEFAULT_REFETCH_STEPS, stop_after_days=float(stop))


def _parse_feed(place: str, table: object, problems: Problems) -> FeedSource | None:
    before = len(problems.lines)
    values = read_table(place, table, _FEED_KEYS, problems, raw_keys=("refetch",))
    refetch = (
        _parse_refetch(f"{place}.refetch", values["refetch"], problems)
        if "refetch" in values
        else None
    )
    if len(problems.lines) > before:
        return None
    poll = values.get("poll_interval_minutes", DEFAULT_POLL_INTERVAL_MINUTES)
    assert isinstance(poll, int | float)
    return FeedSource(
        name=str(values["name"]).strip(),
        url=str(values["url"]).strip(),
        outlet=str(values["outlet"]).strip(),
        poll_interval_minutes=float(poll),
        per_host_concurrency=values.get("per_host_concurrency"),  # type: ignore[arg-type]
        per_host_min_gap_s=values.get("per_host_min_gap_s"),  # type: ignore[arg-type]
        refetch=refetch,
    )


def _parse_article_list(place: str, table: object, problems: Problems) -> ArticleList | None:
    before = len(problems.lines)
    values = read_table(place, table, _ARTICLE_LIST_KEYS, problems)
    if len(problems.lines) > before:
        return None
    urls = values["urls"]
    assert isinstance(urls, list)
    return ArticleList(
        name=str(values["name"]).strip(),
        outlet=str(values["outlet"]).strip(),
        urls=tuple(url.strip() for url in urls),
    )


def _parse_fetch(table: object, problems: Problems) -> FetchSettings:
    values = read_table("fetch", table, _FETCH_KEYS, problems)
    if "allow_hosts" in values:
        hosts = values["allow_hosts"]
        assert isinstance(hosts, list)
        values["allow_hosts"] = tuple(host.strip().lower() for host in hosts)
    return FetchSettings(**values)  # type: ignore[arg-type]


def _parse_notify(table: object, problems: Problems) -> NotifySettings:
    values = read_table("notify", table, _NOTIFY_KEYS, problems)
    if "events" in values:
        events = values["events"]
        assert isinstance(events, list)
        values["events"] = tuple(events)
        for index, event in enumerate(events):
            if not event.strip():
                problems.add(f"notify: 'events'[{index}]", "must not be empty")
    if "apprise" in values:
        urls = values["apprise"]
        assert isinstance(urls, list)
        values["apprise"] = tuple(url.strip() for url in urls)
        for index, url in enumerate(urls):
            if "://" not in url:
                problems.add(
                    f"notify: 'apprise'[{index}]",
                    f"{url!r} is not an Apprise URL: write SCHEME://..., e.g. "
                    "'mailto://user:password@example.org' or 'json://host:port/path'",
                )
    return NotifySettings(**values)  # type: ignore[arg-type]


def parse_sources(text: str, origin: str = "sources.toml") -> SourcesConfig:
    """The validated configuration, or SourcesError listing every problem."""
    try:
        document = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends in "(at line L, column C)".
        raise SourcesError([f"invalid TOML: {exc}"], origin) from None

    problems = Problems()
    for key in document:
        if key not in _TOP_LEVEL:
            close = difflib.get_close_matches(key, _TOP_LEVEL, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.add("top level", f"unknown key '{key}'{hint}")

    fetch = _parse_fetch(document.get("fetch", {}), problems)
    feeds = [
        _parse_feed(f"feeds[{index}]", table, problems)
        for index, table in enumerate(array_of_tables("feeds", document.get("feeds", []), problems))
    ]
    article_lists = [
        _parse_article_list(f"article_lists[{index}]", table, problems)
        for index, table in enumerate(
            array_of_tables("article_lists", document.get("article_lists", []), problems)
        )
    ]
    refetch = _parse_refetch("refetch", document.get("refetch", {}), problems)
    notify = _parse_notify(document.get("notify", {}), problems)

    # Names identify a source in logs and in the warehouse, across both kinds; read from
    # the raw tables so a source with other problems still counts.
    first_place: dict[str, str] = {}
    for key in ("feeds", "article_lists"):
        tables = document.get(key, [])
        for index, table in enumerate(tables if isinstance(tables, list) else []):
            name = table.get("name") if isinstance(table, dict) else None
            if not isinstance(name, str):
                continue
            place = f"{key}[{index}]"
            if name.strip() in first_place:
                problems.add(
                    place, f"duplicate name '{name}' (first used in {first_place[name.strip()]})"
                )
            else:
                first_place[name.strip()] = place

    if problems.lines:
        raise SourcesError(problems.lines, origin)
    return SourcesConfig(
        fetch=fetch,
        feeds=tuple(feed for feed in feeds if feed is not None),
        article_lists=tuple(a for a in article_lists if a is not None),
        refetch=refetch or RefetchSchedule(),
        notify=notify,
    )


def load_sources(path: str | Path) -> SourcesConfig:
    """Reads and validates a sources file; SourcesError names the file and each problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError([f"cannot read: {exc}"], str(path)) from None
    return parse_sources(text, origin=str(path))
