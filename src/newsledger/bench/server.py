"""Sites served on 127.0.0.1 (port 0) with ETag and Last-Modified, 304 on a matching
conditional GET: StaticSite serves whatever resources it is given (the real-pages run), and
NewsroomServer the generated newsroom's article pages and paginated RSS feeds, with
`advance()` to the next state.

Responses are rendered before they are served, so serving costs a dictionary look-up and a write.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self

from newsledger.bench.corpus import Corpus
from newsledger.bench.render import etag_of, http_date, render_article, render_feed


@dataclass(frozen=True)
class Resource:
    body: bytes
    etag: str
    last_modified: str
    content_type: str


@dataclass(frozen=True)
class FeedLink:
    name: str
    url: str
    outlet: str


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    owner: StaticSite

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a client hanging up mid-response is not the benchmark's business."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.owner._answer(self)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the counts are in NewsroomServer.statuses."""


def _not_modified(handler: BaseHTTPRequestHandler, resource: Resource) -> bool:
    if_none_match = handler.headers.get("If-None-Match")
    if if_none_match is not None:
        return resource.etag in {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return handler.headers.get("If-Modified-Since") == resource.last_modified


class StaticSite:
    """Serves the resources last published, by path; use as a context manager."""

    def __init__(self) -> None:
        self.statuses: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._resources: dict[str, Resource] = {}
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread: threading.Thread | None = None
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def publish(self, resources: dict[str, Resource]) -> None:
        """Replaces everything served at once: no request sees half of a new state."""
        with self._lock:
            self._resources = resources

    def page(self, path: str) -> Resource:
        return self._resources[path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        resource = self._resources.get(handler.path.split("?", 1)[0])
        if resource is None:
            status, body, headers = 404, b"not found", {"Content-Type": "text/plain"}
        elif _not_modified(handler, resource):
            status, body = 304, b""
            headers = {"ETag": resource.etag, "Last-Modified": resource.last_modified}
        else:
            status, body = 200, resource.body
            headers = {
                "ETag": resource.etag,
                "Last-Modified": resource.last_modified,
                "Content-Type": resource.content_type,
            }
        with self._lock:
            self.statuses[status] += 1
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if body:
            handler.wfile.write(body)

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=self._server.serve_forever, daemon=True, kwargs={"poll_interval": 0.05}
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class NewsroomServer(StaticSite):
    """Serves `corpus` as it stands in `state`; use as a context manager."""

    def __init__(self, corpus: Corpus, state: int = 0) -> None:
        super().__init__()
        self.corpus = corpus
        self.state = state
        # Times the feeds were rebuilt with nothing changed (a CMS regenerating on a timer).
        self.republished = 0
        self._render()

    def _render(self) -> None:
        resources: dict[str, Resource] = {}
        for article in self.corpus.articles:
            body = render_article(article, self.state, self.base_url)
            modified = http_date(article.states[self.state].changed_at)
            resources[article.path] = Resource(
                body, etag_of(body), modified, "text/html; charset=utf-8"
            )
        pages = self.corpus.feed_pages()
        for outlet, number, path, items in pages:
            has_next = any(o == outlet and n == number + 1 for o, n, _, _ in pages)
            built = max(
                (a.states[self.state].changed_at for a in items), default=self.corpus.state_time(0)
            ) + timedelta(minutes=self.republished)
            body = render_feed(
                self.corpus, outlet, number, items, self.state, self.base_url, has_next, built
            )
            modified = http_date(built)
            resources[path] = Resource(body, etag_of(body), modified, "application/rss+xml")
        self.publish(resources)

    def advance(self) -> int:
        """Moves to the next state (its pages rendered before any request sees them)."""
        if self.state + 1 >= self.corpus.n_states:
            raise ValueError(f"the corpus has {self.corpus.n_states} states; no state after this")
        self.state += 1
        self._render()
        return self.state

    def republish(self) -> None:
        """Rebuilds every feed with a new lastBuildDate (new validators) and the same items,
        so the next poll parses every entry and re-checks every page."""
        self.republished += 1
        self._render()

    def feeds(self) -> list[FeedLink]:
        return [
            FeedLink(f"{outlet.slug}-p{number}", self.base_url + path, outlet.name)
            for outlet, number, path, _ in self.corpus.feed_pages()
        ]
