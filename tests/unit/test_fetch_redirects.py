"""Redirects are followed by hand: recorded, bounded, loop-checked and guarded on every hop."""

from __future__ import annotations

import pytest

from newsledger.capture.fetch import Fetcher
from support.loopback import LoopbackServer, loopback_policy, names_resolver


def test_redirect_chain_is_followed_and_recorded(loopback_server: LoopbackServer) -> None:
    server = loopback_server
    server.redirect("/r1", server.url("/r2"), status=301)
    server.redirect("/r2", "/r3", status=302)
    server.redirect("/r3", "final", status=307)
    server.route("/final", body=b"<p>landed</p>")
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(server.url("/r1"))
    assert result.redirects == (server.url("/r1"), server.url("/r2"), server.url("/r3"))
    assert (result.final_url, result.status, result.body) == (
        server.url("/final"),
        200,
        b"<p>landed</p>",
    )
    assert [r.path for r in server.requests] == ["/r1", "/r2", "/r3", "/final"]


@pytest.mark.parametrize(
    ("hops", "visited"),
    [
        ({"/a": "/a"}, ["/a"]),
        ({"/a": "/b", "/b": "/a"}, ["/a", "/b"]),
        ({"/a": "/b", "/b": "/c", "/c": "/b"}, ["/a", "/b", "/c"]),
    ],
)
def test_redirect_loop_is_detected(
    loopback_server: LoopbackServer, hops: dict[str, str], visited: list[str]
) -> None:
    for source, target in hops.items():
        loopback_server.redirect(source, target)
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/a"))
    assert (result.error_class, result.attempts, result.ok) == ("redirect_loop", 1, False)
    assert [r.path for r in loopback_server.requests] == visited


@pytest.mark.parametrize(
    ("max_redirects", "chain_length", "error"), [(3, 3, None), (3, 4, "too_many_redirects")]
)
def test_redirects_are_bounded(
    loopback_server: LoopbackServer, max_redirects: int, chain_length: int, error: str | None
) -> None:
    for hop in range(chain_length):
        loopback_server.redirect(f"/h{hop}", f"/h{hop + 1}")
    loopback_server.route(f"/h{chain_length}", body=b"end")
    with Fetcher(loopback_policy(max_redirects=max_redirects)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/h0"))
    assert result.error_class == error
    assert len(loopback_server.requests) == min(chain_length, max_redirects) + 1


def test_redirect_without_location_is_a_protocol_error(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/r", status=302)
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/r"))
    assert (result.error_class, result.status) == ("protocol_error", 302)


@pytest.mark.parametrize(
    ("location", "error"),
    [
        ("http://intranet.test:{port}/secret", "refused_address"),  # resolves to 10.0.0.1
        ("http://127.0.0.1:{port}/secret", "refused_address"),  # loopback, not allowed here
        ("http://2130706433:{port}/secret", "refused_address"),
        ("http://[::ffff:127.0.0.1]:{port}/secret", "refused_address"),
        ("http://gone.test/secret", "dns_error"),
        ("file:///etc/passwd", "refused_scheme"),
    ],
)
def test_every_redirect_hop_is_guarded(
    loopback_server: LoopbackServer, location: str, error: str
) -> None:
    port = loopback_server.port
    loopback_server.redirect("/go", location.format(port=port))
    loopback_server.route("/secret", body=b"internal")
    resolver = names_resolver({"news.test": "127.0.0.1", "intranet.test": "10.0.0.1"})
    policy = loopback_policy(allow_hosts=frozenset({"news.test"}))
    with Fetcher(policy, resolver=resolver) as fetcher:
        result = fetcher.fetch(f"http://news.test:{port}/go")
    assert (result.error_class, result.redirects) == (error, (f"http://news.test:{port}/go",))
    assert result.final_url == location.format(port=port)
    assert [r.path for r in loopback_server.requests] == ["/go"]
