"""sources.toml: which feeds and article lists to follow, how politely to fetch, when to
re-fetch a report and whom to notify. Parsed and validated into frozen dataclasses.

Validation collects every problem before raising, so a user fixes the file in one go.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

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
DEFAULT_NOTIFY_EVENTS = ("declared_correction", "silent_substantive")


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
    webhook_url: str | None = None
    events: tuple[str, ...] = DEFAULT_NOTIFY_EVENTS
    timeout_s: float = 10.0
    max_retries: int = 3


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


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, place: str, message: str) -> None:
        self.lines.append(f"{place}: {message}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _url_problem(value: str) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in {"http", "https"}:
        shown = parts.scheme or "none"
        return f"URL {value!r} has scheme '{shown}'; use http or https"
    if not parts.hostname:
        return f"URL {value!r} has no host"
    return None


@dataclass(frozen=True)
class _Key:
    kind: str  # "str", "int", "number", "bool", "url", "str_list", "url_list"
    required: bool = False
    minimum: float = 0  # negative numbers never make sense here
    positive: bool = False  # zero is not allowed either


_TYPE_WORDS = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "url": "a URL string",
    "str_list": "a list of strings",
    "url_list": "a list of URL strings",
}


def _check_value(place: str, key: str, value: object, spec: _Key, problems: _Problems) -> bool:
    """Checks one value against its spec; True when it can be used."""
    where = f"{place}: '{key}'"
    ok_type: bool
    if spec.kind in {"str", "url"}:
        ok_type = isinstance(value, str)
    elif spec.kind == "int":
        ok_type = _is_int(value)
    elif spec.kind == "number":
        ok_type = _is_number(value)
    elif spec.kind == "bool":
        ok_type = isinstance(value, bool)
    else:
        ok_type = isinstance(value, list) and all(isinstance(item, str) for item in value)
    if not ok_type:
        problems.lines.append(
            f"{where} must be {_TYPE_WORDS[spec.kind]}, got {type(value).__name__} {value!r}"
        )
        return False
    if spec.kind in {"int", "number"}:
        assert isinstance(value, int | float)
        if spec.positive and value <= 0:
            problems.lines.append(f"{where} must be greater than 0, got {value!r}")
            return False
        if value < spec.minimum:
            problems.lines.append(f"{where} must be at least {spec.minimum:g}, got {value!r}")
            return False
    if spec.kind == "str" and isinstance(value, str) and not value.strip():
        problems.lines.append(f"{where} must not be empty")
        return False
    if spec.kind == "url" and isinstance(value, str):
        url_problem = _url_problem(value)
        if url_problem:
            problems.lines.append(f"{where}: {url_problem}")
            return False
    if spec.kind == "url_list" and isinstance(value, list):
        good = True
        for index, item in enumerate(value):
            url_problem = _url_problem(item)
            if url_problem:
                problems.lines.append(f"{where}[{index}]: {url_problem}")
                good = False
        return good
    return True


def _read_table(
    place: str,
    table: object,
    specs: Mapping[str, _Key],
    problems: _Problems,
    raw_keys: tuple[str, ...] = (),
) -> dict[str, object]:
    """The valid values of one table; unknown, missing and ill-typed keys become problems.

    raw_keys are sub-tables the caller checks itself; they are passed through as found.
    """
    if not isinstance(table, dict):
        problems.add(place, f"must be a table, got {type(table).__name__}")
        return {}
    known = [*specs, *raw_keys]
    values: dict[str, object] = {}
    for key, value in table.items():
        if key in raw_keys:
            values[key] = value
        elif key in specs:
            if _check_value(place, key, value, specs[key], problems):
                values[key] = value
        else:
            close = difflib.get_close_matches(key, known, n=1)
            hint = (
                f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(known)}"
            )
            problems.add(place, f"unknown key '{key}'{hint}")
    for key, spec in specs.items():
        if spec.required and key not in table:
            problems.add(place, f"missing required key '{key}'")
    return values


_FETCH_KEYS: dict[str, _Key] = {
    "allow_hosts": _Key("str_list"),
    "user_agent": _Key("str"),
    "connect_timeout_s": _Key("number", positive=True),
    "total_timeout_s": _Key("number", positive=True),
    "max_retries": _Key("int"),
    "backoff_base_s": _Key("number"),
    "backoff_max_s": _Key("number"),
    "retry_after_max_s": _Key("number"),
    "max_body_bytes": _Key("int", minimum=1),
    "max_redirects": _Key("int"),
    "per_host_concurrency": _Key("int", minimum=1),
    "per_host_min_gap_s": _Key("number"),
    "pause_after_429_s": _Key("number"),
    "respect_robots": _Key("bool"),
    "robots_ttl_s": _Key("number"),
    "max_workers": _Key("int", minimum=1),
}
_FEED_KEYS: dict[str, _Key] = {
    "name": _Key("str", required=True),
    "url": _Key("url", required=True),
    "outlet": _Key("str", required=True),
    "poll_interval_minutes": _Key("number", positive=True),
    "per_host_concurrency": _Key("int", minimum=1),
    "per_host_min_gap_s": _Key("number"),
}
_ARTICLE_LIST_KEYS: dict[str, _Key] = {
    "name": _Key("str", required=True),
    "outlet": _Key("str", required=True),
    "urls": _Key("url_list", required=True),
}
_REFETCH_KEYS: dict[str, _Key] = {
    "stop_after_days": _Key("number", positive=True),
}
_NOTIFY_KEYS: dict[str, _Key] = {
    "webhook_url": _Key("url"),
    "events": _Key("str_list"),
    "timeout_s": _Key("number", positive=True),
    "max_retries": _Key("int"),
}
_TOP_LEVEL = ("fetch", "feeds", "article_lists", "refetch", "notify")


def _parse_steps(place: str, value: object, problems: _Problems) -> tuple[tuple[float, float], ...]:
    shape = "a list of [max_age_hours, interval_minutes] pairs"
    if not isinstance(value, list) or not value:
        problems.add(place, f"'steps' must be {shape}, got {value!r}")
        return ()
    steps: list[tuple[float, float]] = []
    for index, step in enumerate(value):
        is_pair = isinstance(step, list) and len(step) == 2 and all(_is_number(n) for n in step)
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


def _parse_refetch(place: str, table: object, problems: _Problems) -> RefetchSchedule | None:
    before = len(problems.lines)
    values = _read_table(place, table, _REFETCH_KEYS, problems, raw_keys=("steps",))
    steps = _parse_steps(place, values["steps"], problems) if "steps" in values else None
    if len(problems.lines) > before:
        return None
    stop = values.get("stop_after_days", DEFAULT_STOP_AFTER_DAYS)
    assert isinstance(stop, int | float)
    return RefetchSchedule(steps=steps or DEFAULT_REFETCH_STEPS, stop_after_days=float(stop))


def _parse_feed(place: str, table: object, problems: _Problems) -> FeedSource | None:
    before = len(problems.lines)
    values = _read_table(place, table, _FEED_KEYS, problems, raw_keys=("refetch",))
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


def _parse_article_list(place: str, table: object, problems: _Problems) -> ArticleList | None:
    before = len(problems.lines)
    values = _read_table(place, table, _ARTICLE_LIST_KEYS, problems)
    if len(problems.lines) > before:
        return None
    urls = values["urls"]
    assert isinstance(urls, list)
    return ArticleList(
        name=str(values["name"]).strip(),
        outlet=str(values["outlet"]).strip(),
        urls=tuple(url.strip() for url in urls),
    )


def _parse_fetch(table: object, problems: _Problems) -> FetchSettings:
    values = _read_table("fetch", table, _FETCH_KEYS, problems)
    if "allow_hosts" in values:
        hosts = values["allow_hosts"]
        assert isinstance(hosts, list)
        values["allow_hosts"] = tuple(host.strip().lower() for host in hosts)
    return FetchSettings(**values)  # type: ignore[arg-type]


def _parse_notify(table: object, problems: _Problems) -> NotifySettings:
    values = _read_table("notify", table, _NOTIFY_KEYS, problems)
    if "events" in values:
        events = values["events"]
        assert isinstance(events, list)
        values["events"] = tuple(events)
        for index, event in enumerate(events):
            if not event.strip():
                problems.add(f"notify: 'events'[{index}]", "must not be empty")
    return NotifySettings(**values)  # type: ignore[arg-type]


def _array_of_tables(key: str, value: object, problems: _Problems) -> list[object]:
    if not isinstance(value, list):
        problems.add(key, f"must be an array of tables ([[{key}]]), got {type(value).__name__}")
        return []
    return value


def parse_sources(text: str, origin: str = "sources.toml") -> SourcesConfig:
    """The validated configuration, or SourcesError listing every problem."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends in "(at line L, column C)".
        raise SourcesError([f"invalid TOML: {exc}"], origin) from None

    problems = _Problems()
    for key in document:
        if key not in _TOP_LEVEL:
            close = difflib.get_close_matches(key, _TOP_LEVEL, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.add("top level", f"unknown key '{key}'{hint}")

    fetch = _parse_fetch(document.get("fetch", {}), problems)
    feeds = [
        _parse_feed(f"feeds[{index}]", table, problems)
        for index, table in enumerate(
            _array_of_tables("feeds", document.get("feeds", []), problems)
        )
    ]
    article_lists = [
        _parse_article_list(f"article_lists[{index}]", table, problems)
        for index, table in enumerate(
            _array_of_tables("article_lists", document.get("article_lists", []), problems)
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
