"""`newsledger web`: the correction log served from the warehouse, read on every request, with
a page per report (every version's full text, a diff of any two) and a review form on every
entry. The app (create_app) and its state live here; the routes are in web_routes.py, the
data in web_data.py, the request checks in web_security.py, the pages in templates/web/.

Reviews go through the journal beside the warehouse (review_journal): stored at once when
the writer lock is free, else queued on disk and stored by the app's drainer thread (or the
next ingest) as soon as it is. DuckDB lets a process hold one kind of connection to a file,
so this app opens the warehouse per request, one request at a time (db_lock).
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI

from newsledger.outputs.review_journal import (
    DrainResult,
    QueuedReview,
    append_queued,
    drain_if_writer_free,
    journal_path_for,
)
from newsledger.outputs.reviews import check_entry
from newsledger.outputs.web_security import Guard, is_loopback
from newsledger.store.warehouse import Warehouse, WarehouseLockedError

log = logging.getLogger("newsledger.web")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


@dataclass(frozen=True)
class WebSettings:
    db_path: Path
    secret: str | None = None
    # Loopback names only in the Host header (set from the bind address).
    loopback_only: bool = True
    # How often queued reviews are tried while an ingest holds the writer lock.
    drain_every_s: float = 2.0
    # How long a page waits for an ingest's batch write to let go of the file.
    read_wait_s: float = 20.0


class WebState:
    """What the app keeps between requests: its settings, request guard and the lock that
    lets one request at a time hold the warehouse open."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.guard = Guard(settings.secret, settings.loopback_only)
        self.db_lock = threading.Lock()
        self.last_drain: DrainResult | None = None

    @property
    def db_path(self) -> Path:
        return self.settings.db_path

    @contextmanager
    def reading(self) -> Iterator[Warehouse]:
        with (
            self.db_lock,
            Warehouse.open(self.db_path, read_only=True, wait_s=self.settings.read_wait_s) as w,
        ):
            yield w

    def drain(self) -> DrainResult | None:
        """Stores queued reviews if the writer lock is free; None while a writer holds it."""
        with self.db_lock:
            result = drain_if_writer_free(self.db_path, open_wait_s=5.0)
        if result is not None and (result.stored or result.rejected):
            self.last_drain = result
            for review, reason in result.rejected:
                log.warning("queued review %s of %s not stored: %s", review.queue_id,
                            review.entry_id, reason)  # fmt: skip
        return result

    def submit(self, review: QueuedReview) -> bool:
        """Journals a checked review, then stores it if the writer is free. True when it is
        stored, False when it waits in the journal. ReviewError for an unknown entry."""
        with self.db_lock:
            try:
                with Warehouse.open(self.db_path, read_only=True, wait_s=5.0) as warehouse:
                    check_entry(warehouse, review.entry_id)
            except WarehouseLockedError:
                pass  # an ingest is writing: the drain checks the entry when it stores it
            append_queued(self.db_path, review)
        result = self.drain()
        landed = () if result is None else (*result.stored, *result.already)
        return any(r.queue_id == review.queue_id for r in landed)


def _journal_signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _drain_loop(state: WebState, stop: threading.Event) -> None:
    # A journal holding only reviews the warehouse refused is left alone until it changes,
    # rather than opened for writing every few seconds.
    stuck: tuple[int, int] | None = None
    path = journal_path_for(state.db_path)
    while True:
        signature = _journal_signature(path)
        if signature is not None and signature != stuck:
            try:
                result = state.drain()
            except Exception:  # the thread must outlive a bad moment; the journal keeps all
                log.exception("draining queued reviews failed; retrying")
            else:
                only_refused = result is not None and result.waiting == len(result.rejected)
                stuck = _journal_signature(path) if only_refused else None
        if stop.wait(state.settings.drain_every_s):
            return


def create_app(settings: WebSettings) -> FastAPI:
    from newsledger.outputs.web_routes import add_routes

    state = WebState(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        drainer = threading.Thread(
            target=_drain_loop, args=(state, stop), name="review-drainer", daemon=True
        )
        drainer.start()
        try:
            yield
        finally:
            stop.set()
            drainer.join(timeout=30)

    app = FastAPI(
        title="newsledger", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.web = state
    add_routes(app, state)
    return app


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one, read back from the socket)."""
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(
    settings: WebSettings, host: str, port: int, on_ready: Callable[[str], None] | None = None
) -> None:
    """Serves until interrupted; `on_ready` gets the address once the socket listens."""
    import uvicorn

    settings = WebSettings(
        db_path=settings.db_path,
        secret=settings.secret,
        loopback_only=is_loopback(host),
        drain_every_s=settings.drain_every_s,
        read_wait_s=settings.read_wait_s,
    )
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    config = uvicorn.Config(
        create_app(settings), log_level="warning", access_log=False, lifespan="on"
    )
    if on_ready:
        on_ready(f"http://{shown_host}:{bound_port}/")
    uvicorn.Server(config).run(sockets=[sock])
