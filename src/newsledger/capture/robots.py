"""robots.txt for the fetcher: each origin's rules, fetched through the fetcher's own policy
and kept for robots_ttl_s, and the verdict on one URL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from protego import Protego

from newsledger.capture.fetch_errors import FetchError
from newsledger.capture.politeness import Clock

if TYPE_CHECKING:
    from newsledger.capture.fetch import FetchResult


class RobotsRules:
    """The robots.txt verdicts of every origin one Fetcher has asked about; thread-safe.

    fetch_robots_txt is the fetcher's own fetch with the robots check off, so robots.txt
    gets the same timeouts, guard and politeness as any page."""

    def __init__(
        self,
        user_agent: str,
        ttl_s: float,
        fetch_robots_txt: Callable[[str], FetchResult],
        clock: Clock,
    ) -> None:
        self._user_agent = user_agent
        self._ttl_s = ttl_s
        self._fetch_robots_txt = fetch_robots_txt
        self._clock = clock
        self._cache: dict[str, tuple[Protego | bool, FetchResult, float]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _agent_token(self) -> str:
        return self._user_agent.split("/", 1)[0].split()[0]

    def check(self, url: str) -> None:
        """Raises robots_disallowed, or the robots.txt fetch's own error when the host could
        not be reached at all (a TLS or DNS failure says more than "disallowed")."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"
        with self._locks_guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        # One robots.txt fetch per origin at a time; the others wait for its verdict.
        with lock:
            rules, robots_result = self._rules_for(origin)
        if rules is True or (
            not isinstance(rules, bool) and rules.can_fetch(url, self._user_agent)
        ):
            return
        if robots_result.status is None and robots_result.error_class is not None:
            raise FetchError(
                robots_result.error_class,
                f"{url}: robots.txt unreachable, so {origin} is skipped for "
                f"{self._ttl_s:g}s ({robots_result.error_message})",
            )
        why = "disallows it" if robots_result.ok else f"answered HTTP {robots_result.status}"
        raise FetchError(
            "robots_disallowed", f"{url}: robots.txt of {origin} {why} for {self._agent_token()}"
        )

    def _rules_for(self, origin: str) -> tuple[Protego | bool, FetchResult]:
        cached = self._cache.get(origin)
        if cached is not None and cached[2] > self._clock():
            return cached[0], cached[1]
        result = self._fetch_robots_txt(origin + "/robots.txt")
        rules = _robots_verdict(result)
        self._cache[origin] = (rules, result, self._clock() + self._ttl_s)
        return rules, result


def _robots_verdict(result: FetchResult) -> Protego | bool:
    """Rules from a robots.txt fetch, or True (allow all) / False (disallow all).

    Google's convention: a 4xx means there are no rules (allow all); a 5xx, a 429 or a
    network failure means the site may be in trouble, so nothing is fetched from it until
    the entry expires (robots_ttl_s)."""
    if result.ok:
        return Protego.parse(result.body.decode("utf-8", errors="replace"))
    return result.status is not None and 400 <= result.status < 500 and result.status != 429
