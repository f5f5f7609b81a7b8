"""Fetching real pages from the loopback server: bodies, content codings, encodings, 304s."""

from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from newsledger.capture.decoding import detect_encoding
from newsledger.capture.fetch import Fetcher, FetchRequest
from newsledger.capture.fetch_errors import ERROR_CLASSES
from newsledger.capture.politeness import canonical_host
from support.loopback import LoopbackServer, loopback_policy


def without_meta_charset(page: Path) -> str:
    return re.sub(r"<meta[^>]*charset[^>]*>", "", page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["bbc-1.html", "lemonde-1.html", "qq.html", "yahoo-4.html"])
def test_real_page_arrives_byte_for_byte(
    loopback_server: LoopbackServer, realdata: Path, name: str
) -> None:
    loopback_server.serve_directory(realdata / "pages", "/pages/")
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url(f"/pages/{name}"))
    expected = (realdata / "pages" / name).read_bytes()
    assert (result.ok, result.status, result.error_class, result.attempts) == (True, 200, None, 1)
    assert result.body == expected
    assert result.body_sha256 == hashlib.sha256(expected).hexdigest()
    assert (result.content_type, result.http_version) == ("text/html", "HTTP/1.1")


def test_real_feed_is_served_with_its_content_type(
    loopback_server: LoopbackServer, realdata: Path
) -> None:
    loopback_server.serve_directory(realdata / "feeds", "/feeds/")
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/feeds/cnn.rss"))
    assert result.body == (realdata / "feeds" / "cnn.rss").read_bytes()
    assert result.content_type == "application/rss+xml"


def test_request_carries_the_policy_user_agent(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/ua", body=b"ok")
    policy = loopback_policy(user_agent="newsledger-test/9")
    with Fetcher(policy) as fetcher:
        result = fetcher.fetch(loopback_server.url("/ua"))
    sent = dict(result.request_headers)
    assert (sent["user-agent"], sent["accept-encoding"]) == ("newsledger-test/9", "gzip, deflate")
    assert loopback_server.requests[0].headers["user-agent"] == "newsledger-test/9"


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        # Many servers send raw DEFLATE without the zlib wrapper the standard asks for.
        ("deflate", lambda data: zlib.compress(data, wbits=-zlib.MAX_WBITS)),
    ],
)
def test_compressed_body_is_decoded(
    loopback_server: LoopbackServer,
    realdata: Path,
    coding: str,
    compress: Callable[[bytes], bytes],
) -> None:
    page = (realdata / "pages" / "guardian-1.html").read_bytes()
    loopback_server.route("/c", body=compress(page), headers={"Content-Encoding": coding})
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/c"))
    assert result.body == page
    assert result.body_sha256 == hashlib.sha256(page).hexdigest()


def test_gzip_flag_of_the_server_round_trips(
    loopback_server: LoopbackServer, realdata: Path
) -> None:
    page = (realdata / "pages" / "heise.html").read_bytes()
    loopback_server.route("/g", body=page, gzip=True)
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/g"))
    assert (result.body == page, result.header("content-encoding")) == (True, "gzip")


@pytest.mark.parametrize(
    ("coding", "body", "expected_message"),
    [
        ("br", b"\x0b\x02\x80hello\x03", "unsupported Content-Encoding 'br'"),
        ("gzip", b"definitely not gzip", "bad gzip body"),
        ("gzip", gzip.compress(b"x" * 5000)[:-30], "gzip body is truncated"),
    ],
)
def test_undecodable_body_is_a_protocol_error(
    loopback_server: LoopbackServer, coding: str, body: bytes, expected_message: str
) -> None:
    loopback_server.route("/bad", body=body, headers={"Content-Encoding": coding})
    with Fetcher(loopback_policy(max_retries=0)) as fetcher:
        result = fetcher.fetch(loopback_server.url("/bad"))
    assert (result.error_class, result.ok, result.body) == ("protocol_error", False, b"")
    assert expected_message in (result.error_message or "")


@pytest.mark.parametrize(
    ("name", "served_as", "content_type", "expected"),
    [
        # Declares gb2312 in <meta> but the bytes are UTF-8: the declaration is not trusted.
        ("qq.html", None, "text/html", "utf-8"),
        ("la-nacion.html", None, "text/html", "utf-8"),  # byte-order mark
        ("lemonde-1.html", None, "text/html; charset=UTF-8", "utf-8"),
        ("lemonde-1.html", "utf-8", "text/html", "utf-8"),
        ("qq.html", "gb18030", "text/html", "gb18030"),
        ("gmw.html", "gb18030", None, "gb18030"),
    ],
)
def test_detect_encoding_of_real_pages(
    realdata: Path, name: str, served_as: str | None, content_type: str | None, expected: str
) -> None:
    """served_as None: the bytes as saved; otherwise the page re-encoded without its <meta>."""
    page = realdata / "pages" / name
    body = page.read_bytes() if served_as is None else without_meta_charset(page).encode(served_as)
    assert detect_encoding(body, content_type) == expected


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("<p>caf\u00e9</p>".encode("cp1252"), "text/html; charset=ISO-8859-1", "cp1252"),
        (b'<?xml version="1.0" encoding="windows-1252"?><rss>caf\xe9</rss>', "text/xml", "cp1252"),
        ("<p>caf\u00e9</p>".encode("utf-16"), "text/html", "utf-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", None),
    ],
)
def test_detect_encoding(body: bytes, content_type: str | None, expected: str | None) -> None:
    assert detect_encoding(body, content_type) == expected


@pytest.mark.parametrize(
    ("name", "served_as", "title"),
    [
        ("qq.html", "utf-8", "DeepMind\u65b0\u7535\u8111\u5df2\u53ef\u5229\u7528\u8bb0\u5fc6"),
        ("qq.html", "gb18030", "DeepMind\u65b0\u7535\u8111\u5df2\u53ef\u5229\u7528\u8bb0\u5fc6"),
        ("la-nacion.html", "utf-8", "<!DOCTYPE"),
    ],
)
def test_text_decodes_with_the_detected_encoding(
    loopback_server: LoopbackServer, realdata: Path, name: str, served_as: str, title: str
) -> None:
    original = without_meta_charset(realdata / "pages" / name)
    loopback_server.route(
        "/p", body=original.encode(served_as), headers={"Content-Type": "text/html"}
    )
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/p"))
    assert result.encoding == served_as
    assert result.text() == original.removeprefix("\ufeff")
    assert title in result.text()


def test_matching_etag_gets_304_and_no_body(
    loopback_server: LoopbackServer, realdata: Path
) -> None:
    loopback_server.route("/a", body=(realdata / "pages" / "bbc-1.html").read_bytes(), etag='"v1"')
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/a"), etag='"v1"')
    assert (result.status, result.not_modified, result.ok, result.body) == (304, True, False, b"")
    assert (result.etag, result.body_sha256, result.error_class) == ('"v1"', None, None)
    [seen] = loopback_server.requests
    assert (seen.headers["if-none-match"], seen.status, seen.body_bytes) == ('"v1"', 304, 0)


def test_matching_last_modified_gets_304(loopback_server: LoopbackServer) -> None:
    stamp = "Tue, 05 Mar 2024 10:00:00 GMT"
    loopback_server.route("/a", body=b"<p>x</p>", last_modified=stamp)
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/a"), last_modified=stamp)
    assert (result.not_modified, result.last_modified) == (True, stamp)
    assert loopback_server.requests[0].headers["if-modified-since"] == stamp


def test_stale_etag_gets_the_new_body(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/a", body=b"<p>v2</p>", etag='"v2"')
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/a"), etag='"v1"')
    assert (result.status, result.not_modified, result.body, result.etag) == (
        200,
        False,
        b"<p>v2</p>",
        '"v2"',
    )


def test_fetch_many_keeps_the_order_of_requests(loopback_server: LoopbackServer) -> None:
    for name, delay in (("slow", 0.2), ("mid", 0.1), ("fast", 0.0)):
        loopback_server.route(f"/{name}", body=name.encode(), delay_s=delay)
    requests = [FetchRequest(loopback_server.url(f"/{n}")) for n in ("slow", "mid", "fast")]
    with Fetcher(loopback_policy(per_host_concurrency=3)) as fetcher:
        results = fetcher.fetch_many(requests, max_workers=3)
    assert [r.body for r in results] == [b"slow", b"mid", b"fast"]
    assert [r.url for r in results] == [r.url for r in requests]


def test_error_vocabulary_is_the_documented_one() -> None:
    assert sorted(ERROR_CLASSES) == [
        "body_too_large",
        "connect_error",
        "dns_error",
        "http_4xx",
        "http_5xx",
        "invalid_url",
        "protocol_error",
        "redirect_loop",
        "refused_address",
        "refused_scheme",
        "robots_disallowed",
        "timeout",
        "tls_error",
        "too_many_redirects",
    ]


def test_non_ascii_validator_is_sent_not_raised(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/a", body=b"fresh", etag='"v2"')
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(loopback_server.url("/a"), etag='"caf\u00e9"')
    assert (result.ok, result.body) == (True, b"fresh")
    # http.server reads header bytes as Latin-1.
    assert loopback_server.requests[0].headers["if-none-match"] == '"caf\u00c3\u00a9"'


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://News.Example.TEST./a?b", "news.example.test"),
        ("http://B\u00fccher.test:8080/", "xn--bcher-kva.test"),
        ("http://[::1]:8080/", "::1"),
    ],
)
def test_canonical_host(url: str, host: str) -> None:
    assert canonical_host(url) == host
