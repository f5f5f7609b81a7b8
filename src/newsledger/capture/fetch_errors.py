"""How a fetch can fail: ERROR_CLASSES names each way, FetchError carries one out of an
attempt, transport_error maps httpx's exceptions onto them, and cap_message keeps every stored
message (fetch log, feed state) to one bounded line.
"""

from __future__ import annotations

import ssl

import httpx

ERROR_CLASSES: dict[str, str] = {
    "refused_scheme": "the URL's scheme is not http or https (javascript:, file:, data:, ftp:)",
    "refused_address": "the host is or resolves to a non-public address (private, loopback, "
    "link-local, multicast, reserved, unspecified, or one of those inside IPv6)",
    "dns_error": "the host name did not resolve to any address",
    "connect_error": "no TCP connection could be made, or it failed before a response arrived",
    "timeout": "connecting, waiting for or reading the response took longer than the policy allows",
    "tls_error": "the TLS handshake failed (bad certificate, or not a TLS server at all)",
    "redirect_loop": "a redirect pointed back at a URL already visited in this fetch",
    "too_many_redirects": "more redirects than the policy's max_redirects",
    "body_too_large": "the decoded body (or the announced Content-Length) exceeds max_body_bytes",
    "http_4xx": "the server answered with a 4xx status (429 included, after any retries)",
    "http_5xx": "the server answered with a 5xx status on every attempt",
    "robots_disallowed": "the host's robots.txt does not allow this URL for our user agent",
    "protocol_error": "the response broke HTTP or its encoding (dropped mid-body, bad chunking, "
    "bad gzip, redirect without Location)",
    "invalid_url": "the URL cannot be parsed (no host, bad port, malformed IP literal)",
}

# A stored problem or error message never runs past this many characters: a hostile page or
# feed (a megabyte-long URL, thousands of skipped entries) must not grow the log per poll.
MESSAGE_LIMIT = 1_000


def cap_message(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """One line of at most `limit` characters plus a tail saying how much was cut."""
    line = " ".join(message.split())
    if len(line) <= limit:
        return line
    return f"{line[:limit]}… ({len(line) - limit} more characters)"


class FetchError(Exception):
    def __init__(self, error_class: str, message: str) -> None:
        # One bounded line, whatever the underlying library put in its message.
        message = cap_message(message)
        super().__init__(message)
        self.error_class = error_class
        self.message = message


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def transport_error(url: str, exc: httpx.HTTPError, reading_body: bool) -> FetchError:
    """Maps an httpx exception to one of ERROR_CLASSES with a one-line message."""
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return FetchError("timeout", f"{url}: timed out ({type(exc).__name__}: {reason})")
    if isinstance(exc, httpx.ConnectError) and _is_tls_failure(exc):
        return FetchError("tls_error", f"{url}: TLS handshake failed ({reason})")
    if isinstance(exc, httpx.ProtocolError | httpx.DecodingError) or (
        reading_body and isinstance(exc, httpx.NetworkError)
    ):
        return FetchError("protocol_error", f"{url}: broken response ({reason})")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return FetchError("refused_scheme", f"{url}: unsupported scheme ({reason})")
    if isinstance(exc, httpx.InvalidURL):
        return FetchError("invalid_url", f"{url}: invalid URL ({reason})")
    return FetchError("connect_error", f"{url}: connection failed ({reason})")
