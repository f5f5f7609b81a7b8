"""Size caps, timeouts and broken connections end in one error class, never an exception."""

from __future__ import annotations

import socket
import zlib

import pytest

from newsledger.capture.fetch import Fetcher
from support.loopback import LoopbackServer, loopback_policy


def gzip_of_zeros(megabytes: int) -> bytes:
    """A gzip bomb: `megabytes` MB of zeros, about a thousandth of that on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize(
    ("size", "error"), [(9_999, None), (10_000, None), (10_001, "body_too_large")]
)
def test_body_cap_is_exact(
    loopback_server: LoopbackServer, chunked: bool, size: int, error: str | None
) -> None:
    loopback_server.route("/big", body=b"a" * size, chunked=chunked)
    with Fetcher(loopback_policy(max_body_bytes=10_000)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/big"))
    assert (result.error_class, len(result.body), result.attempts) == (
        error,
        0 if error else size,
        1,
    )


def test_streamed_body_over_the_cap_says_so(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/big", body=b"a" * 200_000, chunked=True)
    with Fetcher(loopback_policy(max_body_bytes=50_000)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/big"))
    assert (
        result.error_message == f"{loopback_server.url('/big')}: body exceeds 50000 bytes decoded"
    )


def test_announced_content_length_over_the_cap_is_refused_before_reading(
    loopback_server: LoopbackServer,
) -> None:
    # The body never comes: reading it would end in a timeout, not body_too_large. The deadline
    # is generous since the answer comes with the headers; a busy machine never reaches it.
    loopback_server.route("/huge", headers={"Content-Length": "20000000"}, stall_after_headers=True)
    with Fetcher(loopback_policy(max_body_bytes=1_000_000, total_timeout_s=60)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/huge"))
    assert (result.error_class, result.status) == ("body_too_large", 200)
    assert result.error_message == (
        f"{loopback_server.url('/huge')}: Content-Length 20000000 exceeds 1000000 bytes"
    )


def test_gzip_bomb_is_stopped_at_the_decoded_cap(loopback_server: LoopbackServer) -> None:
    bomb = gzip_of_zeros(50)
    assert len(bomb) < 100_000
    loopback_server.route("/bomb", body=bomb, headers={"Content-Encoding": "gzip"})
    with Fetcher(loopback_policy(max_body_bytes=1_000_000)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/bomb"))
    assert (result.error_class, result.body, result.attempts) == ("body_too_large", b"", 1)


@pytest.mark.parametrize(
    ("route", "attempts"),
    [
        ({"delay_s": 5.0}, 1),
        ({"body": b"x" * 100, "stall_after_headers": True}, 1),
        ({"body": b"x" * 100, "stall_after_headers": True, "chunked": True}, 1),
    ],
)
def test_slow_or_stalled_server_times_out(
    loopback_server: LoopbackServer, route: dict[str, object], attempts: int
) -> None:
    loopback_server.route("/slow", **route)
    with Fetcher(loopback_policy(total_timeout_s=0.3, max_retries=0)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/slow"))
    assert (result.error_class, result.attempts, result.body) == ("timeout", attempts, b"")
    assert (result.error_message or "").startswith(f"{loopback_server.url('/slow')}: timed out")


def test_timeout_is_retried(loopback_server: LoopbackServer) -> None:
    # A second is long enough to send the request on a busy machine; the answer never comes.
    loopback_server.route("/slow", delay_s=60.0)
    with Fetcher(loopback_policy(total_timeout_s=1.0, max_retries=1)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/slow"))
    assert (result.error_class, result.attempts) == ("timeout", 2)
    # The client gave up before the server answered: the log may lag behind the client.
    assert len(loopback_server.wait_for_requests("/slow", 2)) == 2


@pytest.mark.parametrize("chunked", [False, True])
def test_connection_dropped_mid_body_is_a_protocol_error(
    loopback_server: LoopbackServer, chunked: bool
) -> None:
    loopback_server.route("/drop", body=b"x" * 100_000, drop_mid_body=True, chunked=chunked)
    with Fetcher(loopback_policy(max_retries=1)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/drop"))
    assert (result.error_class, result.status, result.attempts) == ("protocol_error", 200, 2)
    assert [r.body_bytes for r in loopback_server.requests] == [50_000, 50_000]


def test_nothing_listening_is_a_connect_error() -> None:
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        closed_port = placeholder.getsockname()[1]
    with Fetcher(loopback_policy(max_retries=1)) as fetcher:
        result = fetcher.fetch(f"http://127.0.0.1:{closed_port}/")
    assert (result.error_class, result.status, result.attempts) == ("connect_error", None, 2)


@pytest.mark.parametrize("respect_robots", [False, True])
def test_https_to_a_plain_http_port_is_a_tls_error(
    loopback_server: LoopbackServer, respect_robots: bool
) -> None:
    url = f"https://127.0.0.1:{loopback_server.port}/page"
    with Fetcher(loopback_policy(respect_robots=respect_robots, max_retries=0)) as fetcher:
        result = fetcher.fetch(url)
    assert (result.error_class, result.status) == ("tls_error", None)
    assert (result.error_message or "").startswith(f"{url}: ")
