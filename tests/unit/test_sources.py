from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsledger.capture.sources import (
    DEFAULT_REFETCH_STEPS,
    FetchSettings,
    RefetchSchedule,
    SourcesError,
    load_sources,
    next_refetch_at,
    parse_sources,
    refetch_due,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sources.toml"

MINIMAL_FEED = """
[[feeds]]
name = "bbc"
url = "https://feeds.example.com/rss.xml"
outlet = "BBC News"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(SourcesError) as caught:
        parse_sources(text)
    return caught.value.problems


def test_example_file_loads() -> None:
    config = load_sources(EXAMPLE)
    assert [feed.name for feed in config.feeds] == ["bbc-world", "npr-world"]
    assert config.feeds[1].refetch == RefetchSchedule(
        steps=((6, 30), (48, 120), (336, 1440)), stop_after_days=14
    )
    assert config.article_lists[0].urls == (
        "https://www.example.com/news/2024/01/02/a-story-worth-watching.html",
    )
    assert config.refetch.steps == DEFAULT_REFETCH_STEPS
    assert config.fetch.per_host_min_gap_s == 1.0


def test_minimal_feed_gets_defaults() -> None:
    config = parse_sources(MINIMAL_FEED)
    feed = config.feeds[0]
    assert (feed.name, feed.url, feed.outlet, feed.poll_interval_minutes) == (
        "bbc",
        "https://feeds.example.com/rss.xml",
        "BBC News",
        15.0,
    )
    assert feed.refetch is None
    assert config.refetch_for("bbc") == RefetchSchedule()
    assert config.notify.events == ("declared_correction", "silent_substantive", "feed_failing")
    assert (config.notify.webhook_url, config.notify.apprise) == (None, ())
    assert config.notify.alert_after_failed_polls == 3


def test_notify_takes_apprise_urls_and_the_failures_before_an_alert() -> None:
    config = parse_sources(
        '[notify]\napprise = [" mailto://ops:secret@example.org ", "json://127.0.0.1:9/hook"]\n'
        "alert_after_failed_polls = 5\n"
    )
    assert config.notify.apprise == ("mailto://ops:secret@example.org", "json://127.0.0.1:9/hook")
    assert config.notify.alert_after_failed_polls == 5


def test_empty_file_is_an_empty_config() -> None:
    config = parse_sources("")
    assert (config.feeds, config.article_lists, config.fetch) == ((), (), FetchSettings())


def test_policy_kwargs_holds_only_keys_the_user_set() -> None:
    config = parse_sources(
        '[fetch]\nmax_retries = 0\nallow_hosts = ["Intranet.Local", "10.0.0.5"]\n'
        "respect_robots = false\nper_host_min_gap_s = 2\n"
    )
    assert config.fetch.policy_kwargs() == {
        "allow_hosts": ("intranet.local", "10.0.0.5"),
        "max_retries": 0,
        "per_host_min_gap_s": 2,
        "respect_robots": False,
    }


def test_every_fetch_key_is_accepted() -> None:
    keys = FetchSettings.__dataclass_fields__
    assert set(keys) == {
        "allow_hosts",
        "user_agent",
        "connect_timeout_s",
        "total_timeout_s",
        "max_retries",
        "backoff_base_s",
        "backoff_max_s",
        "retry_after_max_s",
        "max_body_bytes",
        "max_redirects",
        "per_host_concurrency",
        "per_host_min_gap_s",
        "pause_after_429_s",
        "respect_robots",
        "robots_ttl_s",
        "max_workers",
    }
    assert len(load_sources(EXAMPLE).fetch.policy_kwargs()) == len(keys)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            MINIMAL_FEED.replace("https://feeds", "ftp://feeds"),
            "feeds[0]: 'url': URL 'ftp://feeds.example.com/rss.xml' has scheme 'ftp'; "
            "use http or https",
        ),
        (
            MINIMAL_FEED.replace("https://feeds.example.com/rss.xml", "feeds.example.com"),
            "feeds[0]: 'url': URL 'feeds.example.com' has scheme 'none'; use http or https",
        ),
        (MINIMAL_FEED + MINIMAL_FEED, "feeds[1]: duplicate name 'bbc' (first used in feeds[0])"),
        (
            MINIMAL_FEED + '[[article_lists]]\nname = "bbc"\noutlet = "x"\nurls = []\n',
            "article_lists[0]: duplicate name 'bbc' (first used in feeds[0])",
        ),
        (
            MINIMAL_FEED.replace('outlet = "BBC News"', ""),
            "feeds[0]: missing required key 'outlet'",
        ),
        (
            MINIMAL_FEED.replace('outlet = "BBC News"', "outlet = 7"),
            "feeds[0]: 'outlet' must be a string, got int 7",
        ),
        (
            MINIMAL_FEED + "poll_interval_minutes = -5\n",
            "feeds[0]: 'poll_interval_minutes' must be greater than 0, got -5",
        ),
        ("[fetch]\nmax_retries = -1\n", "fetch: 'max_retries' must be at least 0, got -1"),
        (
            '[fetch]\nrespect_robots = "yes"\n',
            "fetch: 'respect_robots' must be true or false, got str 'yes'",
        ),
        ("[fetch]\nmax_retries = true\n", "fetch: 'max_retries' must be an integer, got bool True"),
        (
            "[fetch]\nuser_agnt = 'x'\n",
            "fetch: unknown key 'user_agnt' (did you mean 'user_agent'?)",
        ),
        ("[feed]\n", "top level: unknown key 'feed' (did you mean 'feeds'?)"),
        ("[feeds]\nname = 'x'\n", "feeds: must be an array of tables ([[feeds]]), got dict"),
        (
            '[[article_lists]]\nname = "l"\noutlet = "o"\nurls = ["javascript:alert(1)"]\n',
            "article_lists[0]: 'urls'[0]: URL 'javascript:alert(1)' has scheme 'javascript'; "
            "use http or https",
        ),
        (
            "[refetch]\nsteps = [[3, 15], [2, 60]]\n",
            "refetch: steps[1]: max_age_hours must grow from step to step",
        ),
        (
            "[refetch]\nsteps = [[3, 60], [24, 15]]\n",
            "refetch: steps[1]: interval_minutes must not shrink with age",
        ),
        (
            "[refetch]\nsteps = [[3]]\n",
            "refetch: steps[0] must be [max_age_hours, interval_minutes]",
        ),
        (
            "[refetch]\nstop_after_days = 0\n",
            "refetch: 'stop_after_days' must be greater than 0, got 0",
        ),
        (
            MINIMAL_FEED + "[feeds.refetch]\nstep = [[1, 5]]\n",
            "feeds[0].refetch: unknown key 'step' (did you mean 'steps'?)",
        ),
        (
            '[notify]\nwebhook_url = "hooks.example.com"\n',
            "notify: 'webhook_url': URL 'hooks.example.com' has scheme 'none'; use http or https",
        ),
        ("[notify]\nevents = 'all'\n", "notify: 'events' must be a list of strings, got str 'all'"),
        (
            "[notify]\napprise = ['slack']\n",
            "notify: 'apprise'[0]: 'slack' is not an Apprise URL: write SCHEME://..., e.g. "
            "'mailto://user:password@example.org' or 'json://host:port/path'",
        ),
        (
            "[notify]\napprise = 'json://x/y'\n",
            "notify: 'apprise' must be a list of strings, got str 'json://x/y'",
        ),
        (
            "[notify]\nalert_after_failed_polls = 0\n",
            "notify: 'alert_after_failed_polls' must be at least 1, got 0",
        ),
    ],
)
def test_problem_is_named_with_its_place(text: str, problem: str) -> None:
    assert problems_of(text) == [problem]


def test_misspelt_key_gets_a_hint_and_the_required_key_is_missing() -> None:
    text = MINIMAL_FEED + MINIMAL_FEED.replace("url =", "urll =").replace('"bbc"', '"npr"')
    assert problems_of(text) == [
        "feeds[1]: unknown key 'urll' (did you mean 'url'?)",
        "feeds[1]: missing required key 'url'",
    ]


def test_all_problems_are_reported_together() -> None:
    text = (
        "[fetch]\nmax_retries = -1\nuser_agnt = 'x'\n"
        '[[feeds]]\nname = "a"\nurl = "ftp://x"\n'
        "[notify]\nevnts = []\n"
    )
    assert problems_of(text) == [
        "fetch: 'max_retries' must be at least 0, got -1",
        "fetch: unknown key 'user_agnt' (did you mean 'user_agent'?)",
        "feeds[0]: 'url': URL 'ftp://x' has scheme 'ftp'; use http or https",
        "feeds[0]: missing required key 'outlet'",
        "notify: unknown key 'evnts' (did you mean 'events'?)",
    ]


def test_error_text_is_one_line_per_problem_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text("[fetch]\nmax_retries = -1\nmax_workers = 0\n", encoding="utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert str(caught.value).splitlines() == [
        f"{path}: fetch: 'max_retries' must be at least 0, got -1",
        f"{path}: fetch: 'max_workers' must be at least 1, got 0",
    ]


def test_invalid_toml_names_line_and_column() -> None:
    assert problems_of('[[feeds]]\nname = "a\n') == [
        "invalid TOML: Illegal character '\\n' (at line 2, column 10)"
    ]


def test_missing_file_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(SourcesError) as caught:
        load_sources(tmp_path / "nope.toml")
    assert caught.value.problems[0].startswith("cannot read: [Errno 2] No such file")


T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
SCHEDULE = RefetchSchedule()


@pytest.mark.parametrize(
    ("changed_hours_ago", "fetched_minutes_ago", "due"),
    [
        (1, 14, False),  # young: every 15 min
        (1, 15, True),
        (10, 59, False),  # < 24 h: hourly
        (10, 60, True),
        (48, 179, False),  # < 72 h: every 3 h
        (48, 180, True),
        (100, 719, False),  # < 1 week: every 12 h
        (100, 720, True),
        (400, 1439, False),  # daily after that
        (400, 1440, True),
    ],
)
def test_refetch_interval_decays_with_time_since_last_change(
    changed_hours_ago: float, fetched_minutes_ago: float, due: bool
) -> None:
    now = T0 + timedelta(days=20)
    assert (
        refetch_due(
            first_seen_at=T0,
            last_changed_at=now - timedelta(hours=changed_hours_ago),
            last_fetched_at=now - timedelta(minutes=fetched_minutes_ago),
            now=now,
            schedule=SCHEDULE,
        )
        is due
    )


def test_never_fetched_report_is_due_at_once() -> None:
    assert refetch_due(T0, None, None, T0, SCHEDULE) is True
    assert next_refetch_at(T0, None, None, SCHEDULE) == T0


def test_no_refetch_after_stop_days() -> None:
    now = T0 + timedelta(days=30)
    assert (
        refetch_due(T0, now - timedelta(hours=1), now - timedelta(days=1), now, SCHEDULE) is False
    )
    assert next_refetch_at(T0, None, T0 + timedelta(days=29, hours=12), SCHEDULE) is None


def test_without_a_change_age_counts_from_first_seen() -> None:
    assert next_refetch_at(T0, None, T0 + timedelta(hours=1), SCHEDULE) == T0 + timedelta(
        hours=1, minutes=15
    )


def test_next_refetch_waits_for_the_longer_interval_past_a_step_boundary() -> None:
    # Fetched at 2h50 of age: +15 min lands at 3h05, where the interval is already 60 min.
    fetched = T0 + timedelta(hours=2, minutes=50)
    assert next_refetch_at(T0, T0, fetched, SCHEDULE) == fetched + timedelta(minutes=60)


@pytest.mark.parametrize("minutes_after_fetch", [0, 10, 59, 60, 61, 200, 2000])
def test_next_refetch_is_the_first_moment_refetch_is_due(minutes_after_fetch: int) -> None:
    fetched = T0 + timedelta(hours=2, minutes=50)
    due_at = next_refetch_at(T0, T0, fetched, SCHEDULE)
    assert due_at is not None
    now = fetched + timedelta(minutes=minutes_after_fetch)
    assert refetch_due(T0, T0, fetched, now, SCHEDULE) is (now >= due_at)
