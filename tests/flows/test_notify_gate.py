"""A feed run starts its notify task only when it has a receiver and something new to tell:
every task run costs Prefect time, and most runs have neither."""

from __future__ import annotations

import pytest
from flows.finish import notify_wanted

from newsledger.capture.sources import NotifySettings
from newsledger.runs.options import FeedFailure, LiveCounts

WEBHOOK = NotifySettings(webhook_url="http://127.0.0.1:9/hook")
APPRISE = NotifySettings(apprise=("json://127.0.0.1:9/hook",))
FAILING = [FeedFailure("wire", "http://127.0.0.1:9/feed.xml", "HTTP 500", 3)]


@pytest.mark.parametrize(
    ("settings", "counts", "starts_task"),
    [
        (NotifySettings(), LiveCounts(new_versions=3, feed_failures=FAILING), False),
        (WEBHOOK, LiveCounts(), False),
        (WEBHOOK, LiveCounts(not_modified=300), False),
        (WEBHOOK, LiveCounts(new_versions=1), True),
        (APPRISE, LiveCounts(feed_failures=FAILING), True),
    ],
    ids=["no-receiver", "nothing-new", "all-304", "new-version", "failing-feed"],
)
def test_notify_task_starts_only_with_a_receiver_and_news(
    settings: NotifySettings, counts: LiveCounts, starts_task: bool
) -> None:
    assert notify_wanted(settings, counts) is starts_task
