"""robots.txt: fetched through the same policy, cached per origin, Google's failure rules."""

from __future__ import annotations

import pytest

from newsledger.capture.fetch import Fetcher
from support.loopback import LoopbackServer, Reply, loopback_policy

RULES = """User-agent: *
Disallow: /

User-agent: newsledger
Disallow: /private/
Allow: /
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize(
    ("path", "allowed"),
    [("/news/story", True), ("/private/draft", False), ("/private", True), ("/", True)],
)
def test_robots_rules_for_our_agent_decide(
    loopback_server: LoopbackServer, path: str, allowed: bool
) -> None:
    loopback_server.route("/robots.txt", body=RULES, headers={"Content-Type": "text/plain"})
    loopback_server.route(path, body=b"page")
    with Fetcher(loopback_policy(respect_robots=True)) as fetcher:
        result = fetcher.fetch(loopback_server.url(path))
    assert (result.ok, result.error_class) == (
        (True, None) if allowed else (False, "robots_disallowed")
    )
    asked = [r.path for r in loopback_server.requests]
    assert asked == (["/robots.txt", path] if allowed else ["/robots.txt"])


def test_disallowed_message_names_the_origin_and_agent(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/robots.txt", body=RULES)
    with Fetcher(loopback_policy(respect_robots=True)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/private/x"))
    assert result.error_message == (
        f"{loopback_server.url('/private/x')}: robots.txt of {loopback_server.base_url} "
        "disallows it for newsledger"
    )


@pytest.mark.parametrize(
    ("robots_status", "error"),
    [(404, None), (401, None), (410, None), (500, "robots_disallowed"), (503, "robots_disallowed")],
)
def test_robots_failures_follow_googles_convention(
    loopback_server: LoopbackServer, robots_status: int, error: str | None
) -> None:
    loopback_server.route("/robots.txt", status=robots_status)
    loopback_server.route("/page", body=b"page")
    with Fetcher(loopback_policy(respect_robots=True, max_retries=0)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/page"))
    assert result.error_class == error
    assert len(loopback_server.requests_for("/page")) == (0 if error else 1)


def test_robots_is_fetched_once_per_origin_until_the_ttl(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/robots.txt", body=RULES)
    loopback_server.route("/a", body=b"a")
    clock = FakeClock()
    policy = loopback_policy(respect_robots=True, robots_ttl_s=60)
    with Fetcher(policy, clock=clock, sleep=clock.sleep) as fetcher:
        for _ in range(3):
            fetcher.fetch(loopback_server.url("/a"))
        clock.now += 61
        fetcher.fetch(loopback_server.url("/a"))
    assert [r.path for r in loopback_server.requests].count("/robots.txt") == 2


def test_robots_redirect_is_followed(loopback_server: LoopbackServer) -> None:
    loopback_server.redirect("/robots.txt", "/static/robots.txt")
    loopback_server.route("/static/robots.txt", body="User-agent: *\nDisallow: /x\n")
    with Fetcher(loopback_policy(respect_robots=True)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/x"))
    assert result.error_class == "robots_disallowed"


def test_robots_5xx_then_recovery_is_retried_like_any_fetch(
    loopback_server: LoopbackServer,
) -> None:
    loopback_server.route_sequence("/robots.txt", [Reply(status=503), Reply(body=RULES)])
    loopback_server.route("/a", body=b"a")
    with Fetcher(loopback_policy(respect_robots=True, max_retries=1)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/a"))
    assert (result.ok, [r.path for r in loopback_server.requests]) == (
        True,
        ["/robots.txt", "/robots.txt", "/a"],
    )
