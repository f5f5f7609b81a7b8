"""The loopback test server itself: routes, sequences, the request log, clean shutdown."""

from __future__ import annotations

import contextlib
import threading

import httpx

from support.loopback import LoopbackServer, Reply


def get(url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    """Straight to the loopback server, whatever proxy the environment names."""
    return httpx.get(url, headers=headers, trust_env=False)


def test_unknown_path_is_404(loopback_server: LoopbackServer) -> None:
    response = get(loopback_server.url("/nothing"))
    assert (response.status_code, response.content) == (404, b"not found")


def test_sequence_walks_then_repeats_its_last_reply(loopback_server: LoopbackServer) -> None:
    loopback_server.route_sequence("/s", [Reply(status=500), Reply(status=201), Reply(body="ok")])
    statuses = [get(loopback_server.url("/s")).status_code for _ in range(5)]
    assert statuses == [500, 201, 200, 200, 200]


def test_route_with_query_wins_over_the_bare_path(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/q", body=b"bare")
    loopback_server.route("/q?page=2", body=b"second")
    bodies = [get(loopback_server.url(p)).content for p in ("/q?page=2", "/q?page=3")]
    assert bodies == [b"second", b"bare"]


def test_request_log_keeps_path_headers_status_and_bytes(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/a", body=b"12345", etag='"e"')
    get(loopback_server.url("/a"), headers={"X-Probe": "1"})
    get(loopback_server.url("/a"), headers={"If-None-Match": '"e"'})
    log = loopback_server.requests
    assert [(r.method, r.path, r.status, r.body_bytes) for r in log] == [
        ("GET", "/a", 200, 5),
        ("GET", "/a", 304, 0),
    ]
    assert log[0].headers["x-probe"] == "1"


def test_stop_leaves_no_thread_behind() -> None:
    before = set(threading.enumerate())
    server = LoopbackServer().start()
    server.route("/stall", body=b"x" * 10, stall_after_headers=True)
    server.route("/slow", delay_s=30)
    with httpx.Client(timeout=0.2, trust_env=False) as client:
        for path in ("/stall", "/slow", "/nothing"):
            with contextlib.suppress(httpx.TimeoutException):
                client.get(server.url(path))
        server.stop()
    assert set(threading.enumerate()) - before == set()
