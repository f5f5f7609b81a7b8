"""The address guard: what counts as public, IP literals read as browsers read them, pinning."""

from __future__ import annotations

import ipaddress
import socket
import threading
from typing import Any

import httpcore
import pytest

from newsledger.capture.fetch import Fetcher
from newsledger.capture.netguard import (
    PinnedBackend,
    address_problem,
    checked_addresses,
    parse_ip_literal,
)
from support.loopback import LoopbackServer, loopback_policy, names_resolver

TEST_NAMES = {
    "news.test": "93.184.216.34",
    "v6.test": "2606:4700:4700::1111",
    "home.test": "127.0.0.1",
    "lan.test": "192.168.1.20",
    "mixed.test": ["93.184.216.34", "10.0.0.1"],
    "v6-loopback.test": "::1",
    "metadata.test": "169.254.169.254",
}


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("012.0.0.1", "10.0.0.1"),
        ("0xa9fea9fe", "169.254.169.254"),
        ("192.168.0.1.", "192.168.0.1"),
        ("134744072", "8.8.8.8"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("example.test", None),
        ("1.example", None),
    ],
)
def test_ip_literals_are_read_as_browsers_read_them(host: str, address: str | None) -> None:
    parsed = parse_ip_literal(host)
    assert (str(parsed) if parsed is not None else None) == address


@pytest.mark.parametrize(
    "host", ["256.0.0.1", "1.2.3.4.5", "09.0.0.1", "1..2", "0x1g.1", "1.2.3.256"]
)
def test_malformed_numeric_hosts_are_invalid(host: str) -> None:
    with pytest.raises(ValueError):
        parse_ip_literal(host)


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-global"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback (embedded 127.0.0.1)"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("8.8.8.8", None),
        ("::ffff:8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_problem_names_the_reason(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f.0.0.1/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://012.0.0.1/",
        "http://167772161/",
        "http://0xa9fea9fe/latest/meta-data/",
        "https://192.168.0.1./",
        "http://172.16.0.1:8080/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://100.64.0.1/",
        "http://[2002:7f00:1::]/",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
        "http://home.test/",
        "http://lan.test/",
        "http://mixed.test/",
        "http://v6-loopback.test/",
        "http://metadata.test/latest/",
    ],
)
def test_non_public_addresses_are_refused(url: str) -> None:
    policy = loopback_policy(allow_hosts=frozenset(), respect_robots=True)
    with Fetcher(policy, resolver=names_resolver(TEST_NAMES)) as fetcher:
        result = fetcher.fetch(url)
    assert (result.error_class, result.status, result.attempts) == ("refused_address", None, 1)
    assert (result.error_message or "").startswith(f"{url}: host ")


@pytest.mark.parametrize(
    ("url", "addresses"),
    [
        ("http://8.8.8.8/", ["8.8.8.8"]),
        ("http://134744072/", ["8.8.8.8"]),
        ("http://0x08.0x08.0x08.0x08/", ["8.8.8.8"]),
        ("http://[::ffff:8.8.8.8]/", ["::ffff:808:808"]),
        ("http://[2002:808:808::1]/", ["2002:808:808::1"]),
        ("https://news.test/a", ["93.184.216.34"]),
        ("https://v6.test/a", ["2606:4700:4700::1111"]),
    ],
)
def test_public_addresses_pass_the_guard(url: str, addresses: list[str]) -> None:
    host = url.split("/")[2].strip("[]")
    got = checked_addresses(url, host, host, 443, names_resolver(TEST_NAMES), frozenset())
    assert got == addresses


def test_allowed_name_skips_the_guard_but_keeps_its_name(loopback_server: LoopbackServer) -> None:
    loopback_server.route("/a", body=b"hello")
    port = loopback_server.port
    policy = loopback_policy(allow_hosts=frozenset({"home.test"}))
    with Fetcher(policy, resolver=names_resolver(TEST_NAMES)) as fetcher:
        result = fetcher.fetch(f"http://home.test:{port}/a")
    assert (result.ok, result.body) == (True, b"hello")
    assert loopback_server.requests[0].headers["host"] == f"home.test:{port}"


@pytest.mark.parametrize(
    ("resolver_error", "message"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "cannot resolve"),
        (None, "resolves to no address"),
    ],
)
def test_resolution_failure_is_a_dns_error(resolver_error: OSError | None, message: str) -> None:
    def resolver(host: str, port: int) -> list[str]:
        if resolver_error is not None:
            raise resolver_error
        return []

    with Fetcher(loopback_policy(), resolver=resolver) as fetcher:
        result = fetcher.fetch("http://nowhere.test/page")
    assert (result.error_class, result.attempts) == ("dns_error", 1)
    assert (result.error_message or "").startswith("http://nowhere.test/page: ")
    assert "nowhere.test" in (result.error_message or "") and message in (
        result.error_message or ""
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://ftp.example.test/pub/x",
        "gopher://example.test/",
        "ws://example.test/socket",
    ],
)
def test_non_http_schemes_are_refused(url: str) -> None:
    with Fetcher(loopback_policy()) as fetcher:
        result = fetcher.fetch(url)
    assert (result.error_class, result.status, result.attempts) == ("refused_scheme", None, 1)


@pytest.mark.parametrize(
    "url",
    ["", "not a url", "//example.test/x", "http://", "http://h.test:99999/", "http://256.1.1.1/"],
)
def test_unparseable_urls_are_invalid(url: str) -> None:
    with Fetcher(loopback_policy(), resolver=names_resolver(TEST_NAMES)) as fetcher:
        result = fetcher.fetch(url)
    assert result.error_class == "invalid_url"


@pytest.fixture
def system_dns_forbidden(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """socket.getaddrinfo answers IP literals only; names asked of it are recorded and fail."""
    asked: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def literal_only(host: object, *args: Any, **kwargs: Any) -> Any:
        try:
            ipaddress.ip_address(str(host))
        except ValueError:
            asked.append(str(host))
            raise socket.gaierror(socket.EAI_NONAME, "system DNS is off in this test") from None
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", literal_only)
    return asked


def test_connection_goes_to_the_checked_address_not_a_second_lookup(
    loopback_server: LoopbackServer, system_dns_forbidden: list[str]
) -> None:
    """DNS rebinding: the first answer is checked; any later lookup would say 127.0.0.2,
    where nothing listens, and the system resolver is off. The fetch succeeds only if the
    connection dials the first answer without asking anyone again."""
    loopback_server.route("/a", body=b"pinned")
    answers: list[str] = []

    def rebinding_resolver(host: str, port: int) -> list[str]:
        answers.append("127.0.0.1" if not answers else "127.0.0.2")
        return [answers[-1]]

    policy = loopback_policy(allow_hosts=frozenset({"rebind.test"}), max_retries=0)
    with Fetcher(policy, resolver=rebinding_resolver) as fetcher:
        result = fetcher.fetch(f"http://rebind.test:{loopback_server.port}/a")
    assert (result.ok, result.body, answers) == (True, b"pinned", ["127.0.0.1"])
    assert system_dns_forbidden == []


def test_pinned_backend_dials_the_approved_address_without_resolving(
    loopback_server: LoopbackServer, system_dns_forbidden: list[str]
) -> None:
    backend = PinnedBackend()
    # No resolver knows this name; only the approval says where it lives.
    backend.approve("unresolvable.invalid", loopback_server.port, ["127.0.0.1"])
    stream = backend.connect_tcp("unresolvable.invalid", loopback_server.port, timeout=2)
    stream.write(b"GET /x HTTP/1.1\r\nHost: unresolvable.invalid\r\nConnection: close\r\n\r\n")
    assert stream.read(12, timeout=2) == b"HTTP/1.1 404"
    stream.close()
    assert system_dns_forbidden == []


def test_pinned_backend_refuses_a_host_nobody_checked(loopback_server: LoopbackServer) -> None:
    backend = PinnedBackend()
    with pytest.raises(httpcore.ConnectError, match="no checked address for 127.0.0.1"):
        backend.connect_tcp("127.0.0.1", loopback_server.port, timeout=2)


def test_pinned_backend_approvals_belong_to_one_thread(loopback_server: LoopbackServer) -> None:
    backend = PinnedBackend()
    backend.approve("127.0.0.1", loopback_server.port, ["127.0.0.1"])
    seen: list[list[str]] = []
    other = threading.Thread(target=lambda: seen.append(backend.approved("127.0.0.1", 1)))
    other.start()
    other.join()
    assert (seen, backend.approved("127.0.0.1", loopback_server.port)) == ([[]], ["127.0.0.1"])
