"""A real threaded HTTP/1.1 server on 127.0.0.1 for tests, with routes a test can change.

Use the `loopback_server` fixture (tests/conftest.py); it starts one per test in milliseconds:

    def test_something(loopback_server):
        loopback_server.route("/a", body=b"<html>...", headers={"Content-Type": "text/html"})
        loopback_server.route_sequence("/flaky", [Reply(status=500), Reply(body=b"ok")])
        loopback_server.redirect("/old", "/a")
        loopback_server.serve_directory(realdata / "pages", "/pages/")  # /pages/*.html
        url = loopback_server.url("/a")                 # http://127.0.0.1:<port>/a
        ...
        assert [r.path for r in loopback_server.requests] == ["/a"]

Fetch it with `Fetcher(loopback_policy())` (or any FetchPolicy whose allow_hosts holds
"127.0.0.1"): the fetcher's address guard refuses loopback addresses otherwise. To fetch by
name, pass `resolver=names_resolver({"news.test": "127.0.0.1"})` and allow "news.test".

A route answers every request with a Reply, or walks through a list of them (the last one
repeats). Reply fields:
    status, body (bytes or str, UTF-8), headers (extra or overriding response headers; a
    Content-Type of text/html; charset=utf-8 and a true Content-Length are added unless
    given), delay_s (wait before answering), stall_after_headers (send headers, then nothing
    until the server stops), drop_mid_body (send half the body, then reset the connection),
    gzip (compress the body, Content-Encoding: gzip), etag / last_modified (sent as headers;
    a request whose If-None-Match or If-Modified-Since matches gets a 304 with no body),
    chunked (Transfer-Encoding: chunked in 16 KiB chunks instead of a Content-Length),
    drip_headers (send the status line, then this many extra header lines drip_gap_s apart,
    before the real headers: a server that is slow but never silent), hold (a
    threading.Event: the handler waits for it before answering, so a test decides when).
Unknown paths answer 404. A route matches the request target with its query first, then
the path alone. GET, HEAD and POST are answered alike.

What the server saw (a request the client gave up on may be logged a moment after the client
returns: `wait_for_requests(path, n)` waits for it): `requests` (LoggedRequest: method, path,
headers with lowercase names,
status answered, body_bytes the server set out to send, request_body (what a POST sent),
arrived_at (time.monotonic() when the request was read); logged before the response body is
written
so stalled requests show up), `requests_for(path)`, `max_in_flight` (the most requests it
was handling at once). stop() wakes delayed and stalled handlers, closes open connections
and joins every handler thread, so nothing outlives the test.
"""

from __future__ import annotations

import gzip as gzip_module
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from newsledger.capture.fetch import FetchPolicy

# A stalled handler gives up after this, in case a test never stops the server.
_STALL_LIMIT_S = 30.0
_CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/json",
    ".txt": "text/plain",
    ".tsv": "text/tab-separated-values",
}


@dataclass(frozen=True)
class Reply:
    """One canned response; see the module docstring for what each field does."""

    status: int = 200
    body: bytes | str = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    stall_after_headers: bool = False
    drop_mid_body: bool = False
    gzip: bool = False
    etag: str | None = None
    last_modified: str | None = None
    chunked: bool = False
    drip_headers: int = 0
    drip_gap_s: float = 1.0
    hold: threading.Event | None = None

    @property
    def body_bytes(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    headers: Mapping[str, str]
    status: int
    body_bytes: int
    request_body: bytes = b""
    arrived_at: float = 0.0


_NOT_FOUND = Reply(status=404, body=b"not found", headers={"Content-Type": "text/plain"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64
    owner: LoopbackServer

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: clients hanging up mid-response is what many tests do on purpose."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # An idle keep-alive connection is dropped after this many seconds.
    timeout = 10
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.owner._register(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._unregister(self.connection)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.owner._answer(self, send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.server.owner._answer(self, send_body=False)

    def do_POST(self) -> None:  # noqa: N802
        self.server.owner._answer(self, send_body=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the request log is `LoopbackServer.requests`."""


def _is_not_modified(request_headers: Message, reply: Reply) -> bool:
    if reply.status != 200:
        return False
    if_none_match = request_headers.get("If-None-Match")
    if reply.etag is not None and if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or reply.etag.removeprefix("W/") in tags
    if_modified_since = request_headers.get("If-Modified-Since")
    return reply.last_modified is not None and if_modified_since == reply.last_modified


def _response_headers(reply: Reply, body: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    if reply.status not in (204, 304):  # responses that never have a body or its framing
        headers["Content-Type"] = "text/html; charset=utf-8"
        if reply.chunked:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(len(body))
    if reply.gzip:
        headers["Content-Encoding"] = "gzip"
    if reply.etag is not None:
        headers["ETag"] = reply.etag
    if reply.last_modified is not None:
        headers["Last-Modified"] = reply.last_modified
    lowered = {name.lower() for name in reply.headers}
    headers = {k: v for k, v in headers.items() if k.lower() not in lowered}
    headers.update(reply.headers)
    return headers


class LoopbackServer:
    """See the module docstring. Start with start() or `with LoopbackServer() as server:`."""

    host = "127.0.0.1"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, list[Reply]] = {}
        self._log: list[LoggedRequest] = []
        self._in_flight = 0
        self._max_in_flight = 0
        self._connections: dict[socket.socket, threading.Thread] = {}
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> LoopbackServer:
        server = _Server((self.host, 0), _Handler)
        server.owner = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wakes waiting handlers, closes connections, joins every thread the server started."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        with self._lock:
            open_connections = dict(self._connections)
        for connection in open_connections:
            _shut(connection)
        self._server.server_close()
        for handler_thread in open_connections.values():
            handler_thread.join(timeout=5)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses ----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "start the server first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # --- routes -------------------------------------------------------------------------------

    def route(
        self,
        path: str,
        status: int = 200,
        body: bytes | str = b"",
        headers: Mapping[str, str] | None = None,
        delay_s: float = 0.0,
        stall_after_headers: bool = False,
        drop_mid_body: bool = False,
        gzip: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
        chunked: bool = False,
    ) -> None:
        """Every request for `path` gets this response (replacing any earlier route)."""
        reply = Reply(
            status, body, dict(headers or {}), delay_s, stall_after_headers,
            drop_mid_body, gzip, etag, last_modified, chunked,
        )  # fmt: skip
        self.route_sequence(path, [reply])

    def route_sequence(self, path: str, replies: Sequence[Reply]) -> None:
        """Requests for `path` get these responses in turn; the last one then repeats."""
        if not replies:
            raise ValueError("route_sequence needs at least one Reply")
        with self._lock:
            self._routes[path] = list(replies)

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        """`path` answers `status` with Location: `to` (absolute or relative)."""
        self.route(path, status=status, headers={"Location": to})

    def serve_directory(self, directory: Path, prefix: str = "/") -> list[str]:
        """Routes every file under `directory` at prefix + its relative path; returns the paths.

        With the real data's pages/ that gives /pages/<name>.html (prefix "/pages/"), served
        byte for byte with a Content-Type by extension and no charset (as many servers do)."""
        base = prefix.rstrip("/") + "/"
        paths = []
        for file in sorted(p for p in directory.rglob("*") if p.is_file()):
            path = base + file.relative_to(directory).as_posix()
            content_type = _CONTENT_TYPES.get(file.suffix.lower(), "application/octet-stream")
            self.route(path, body=file.read_bytes(), headers={"Content-Type": content_type})
            paths.append(path)
        return paths

    # --- what the server saw ------------------------------------------------------------------

    @property
    def requests(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._log)

    def requests_for(self, path: str) -> list[LoggedRequest]:
        return [request for request in self.requests if request.path == path]

    def wait_for_requests(
        self, path: str, count: int, limit_s: float = 30.0
    ) -> list[LoggedRequest]:
        """requests_for(path) once it holds `count` requests, or when limit_s has passed."""
        deadline = time.monotonic() + limit_s
        while len(self.requests_for(path)) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.requests_for(path)

    @property
    def max_in_flight(self) -> int:
        with self._lock:
            return self._max_in_flight

    # --- handler side -------------------------------------------------------------------------

    def _register(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections[connection] = threading.current_thread()

    def _unregister(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.pop(connection, None)

    def _next_reply(self, target: str) -> Reply:
        with self._lock:
            replies = self._routes.get(target) or self._routes.get(target.split("?", 1)[0])
            if not replies:
                return _NOT_FOUND
            return replies.pop(0) if len(replies) > 1 else replies[0]

    @contextmanager
    def _counted(self) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def _record(self, handler: _Handler, status: int, body_bytes: int) -> None:
        arrived_at = time.monotonic()
        headers = {name.lower(): value for name, value in handler.headers.items()}
        length = int(headers.get("content-length", "0") or 0)
        request_body = handler.rfile.read(length) if length > 0 else b""
        entry = LoggedRequest(
            handler.command, handler.path, headers, status, body_bytes, request_body, arrived_at
        )
        with self._lock:
            self._log.append(entry)

    def _answer(self, handler: _Handler, send_body: bool) -> None:
        """Logs the request on arrival (so delayed and stalled ones show), then answers."""
        reply = self._next_reply(handler.path)
        if _is_not_modified(handler.headers, reply):
            reply = Reply(status=304, etag=reply.etag, last_modified=reply.last_modified)
            send_body = False
        body = gzip_module.compress(reply.body_bytes) if reply.gzip else reply.body_bytes
        if reply.stall_after_headers or not send_body:
            to_send = b""
        else:
            to_send = body[: len(body) // 2] if reply.drop_mid_body else body
        self._record(handler, reply.status, len(to_send))
        with self._counted():
            if reply.delay_s and self._stopping.wait(reply.delay_s):
                handler.close_connection = True
                return
            if reply.hold is not None and not self._wait_for(reply.hold):
                handler.close_connection = True
                return
            self._send(handler, reply, body, to_send)

    def _wait_for(self, event: threading.Event) -> bool:
        """Waits for `event`; False when the server stops (or gives up) first."""
        deadline = time.monotonic() + _STALL_LIMIT_S
        while not event.wait(0.05):
            if self._stopping.is_set() or time.monotonic() > deadline:
                return False
        return True

    def _send(self, handler: _Handler, reply: Reply, body: bytes, to_send: bytes) -> None:
        handler.send_response(reply.status)
        for number in range(reply.drip_headers):
            handler.flush_headers()  # what is buffered goes now, one line at a time
            if self._stopping.wait(reply.drip_gap_s):
                handler.close_connection = True
                return
            handler.send_header(f"X-Drip-{number}", "slow")
        for name, value in _response_headers(reply, body).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(_chunks(to_send, last=to_send == body) if reply.chunked else to_send)
        handler.wfile.flush()
        if reply.stall_after_headers:
            self._stopping.wait(_STALL_LIMIT_S)
            handler.close_connection = True
        elif reply.drop_mid_body:
            _shut(handler.connection)
            handler.close_connection = True


def _chunks(data: bytes, last: bool) -> bytes:
    """HTTP/1.1 chunked framing; without `last` the terminating zero chunk is left off."""
    size = 16 * 1024
    framed = b"".join(
        b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size])
        for i in range(0, len(data), size)
    )
    return framed + (b"0\r\n\r\n" if last else b"")


def names_resolver(names: Mapping[str, str | Sequence[str]]) -> Callable[[str, int], list[str]]:
    """A fetch Resolver answering from a table (e.g. {"news.test": "127.0.0.1"}), so no test
    sends a DNS query; other names fail the way getaddrinfo does."""

    def resolve(host: str, port: int) -> list[str]:
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} is not in the test's name table")
        answer = names[host]
        return [answer] if isinstance(answer, str) else list(answer)

    return resolve


def loopback_policy(**overrides: Any) -> FetchPolicy:
    """A FetchPolicy for tests against this server: loopback allowed, no politeness gaps,
    millisecond back-off, robots.txt ignored (pass respect_robots=True to test it)."""
    settings: dict[str, Any] = {
        "allow_hosts": frozenset({LoopbackServer.host}),
        "connect_timeout_s": 2.0,
        "total_timeout_s": 5.0,
        "backoff_base_s": 0.01,
        "backoff_max_s": 0.05,
        "retry_after_max_s": 1.0,
        "per_host_min_gap_s": 0.0,
        "pause_after_429_s": 0.0,
        "respect_robots": False,
    }
    settings.update(overrides)
    return FetchPolicy(**settings)


def _shut(connection: socket.socket) -> None:
    with suppress(OSError):  # already closed by the peer
        connection.shutdown(socket.SHUT_RDWR)
