"""post_json: the webhook POST, best effort with retries, never raising."""

from __future__ import annotations

import json
import socket

import pytest

from newsledger.capture.fetch import post_json
from support.loopback import LoopbackServer, Reply

PAYLOAD = {"event": "declared_correction", "title": "Caf\u00e9 fire", "changes": 2}


def test_json_body_is_posted(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/hook", status=204)
    assert post_json(loopback_server.url("/hook"), PAYLOAD, 2.0, 0) is True
    [seen] = loopback_server.requests
    assert (seen.method, seen.headers["content-type"]) == ("POST", "application/json")
    assert json.loads(seen.request_body) == PAYLOAD


@pytest.mark.parametrize(
    ("replies", "delivered", "posts"),
    [
        ([Reply(status=500), Reply(status=200)], True, 2),
        ([Reply(status=429), Reply(status=503), Reply(status=202)], True, 3),
        ([Reply(status=500)], False, 3),
        ([Reply(status=400)], False, 1),
        ([Reply(status=404)], False, 1),
    ],
)
def test_retries_only_what_can_recover(
    loopback_server: LoopbackServer, replies: list[Reply], delivered: bool, posts: int
) -> None:
    loopback_server.route_sequence("/hook", replies)
    slept: list[float] = []
    result = post_json(loopback_server.url("/hook"), PAYLOAD, 2.0, 2, sleep=slept.append)
    assert (result, len(loopback_server.requests), len(slept)) == (delivered, posts, posts - 1)


def test_unreachable_hook_is_false_not_an_exception() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        closed_port = placeholder.getsockname()[1]
    slept: list[float] = []
    assert (
        post_json(f"http://127.0.0.1:{closed_port}/", PAYLOAD, 1.0, 1, sleep=slept.append) is False
    )
    assert len(slept) == 1


@pytest.mark.parametrize("url", ["file:///tmp/hook", "ftp://example.test/hook", "not a url"])
def test_non_http_hook_is_refused(url: str) -> None:
    assert post_json(url, PAYLOAD, 1.0, 0) is False
