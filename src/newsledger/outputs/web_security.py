"""Who may use `newsledger web`, and how a form proves it came from the app's own page.

- Bind: 127.0.0.1 (or another loopback address) by default; any other address needs a
  secret (check_bind), since anyone who reaches the port could otherwise record reviews.
- Host: on loopback only loopback names are served, so a page elsewhere cannot reach the
  app through DNS rebinding (its requests would carry its own host name).
- Sessions: a cookie holding a random id and whether it has logged in, signed (HMAC) with a
  key made when the app starts; with a secret, only a logged-in session gets past the login.
- Forgery: every state-changing request carries the session's CSRF token (an HMAC of the
  session id) and an Origin (or, failing that, Referer) naming this very host.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

MIN_SECRET_CHARS = 12
SESSION_COOKIE = "newsledger_session"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


class WebConfigError(ValueError):
    """The server cannot start as asked; the message says what to change."""


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, secret: str | None) -> None:
    """Refuses a non-loopback address without a secret, and a secret too short to hold."""
    if secret is not None and len(secret) < MIN_SECRET_CHARS:
        raise WebConfigError(
            f"the web secret has {len(secret)} characters: use at least {MIN_SECRET_CHARS}"
        )
    if not is_loopback(host) and not secret:
        raise WebConfigError(
            f"refusing to listen on {host} without a secret: anyone who reaches it could "
            "record reviews; set NEWSLEDGER_WEB_SECRET (or pass --secret), or keep the "
            "default --host 127.0.0.1"
        )


@dataclass(frozen=True)
class Session:
    session_id: str
    logged_in: bool


def _host_name(netloc: str) -> str:
    """'localhost:8000' -> 'localhost'; '[::1]:80' -> '::1'."""
    if netloc.startswith("["):
        return netloc[1:].split("]", 1)[0].lower()
    return netloc.rsplit(":", 1)[0].lower() if netloc.count(":") == 1 else netloc.lower()


class Guard:
    """The checks every request goes through; one per app, with a key of its own."""

    def __init__(self, secret: str | None, loopback_only: bool) -> None:
        self.secret = secret
        self.loopback_only = loopback_only
        self._key = secrets.token_bytes(32)

    @property
    def needs_login(self) -> bool:
        return bool(self.secret)

    def _mac(self, message: str) -> str:
        return hmac.new(self._key, message.encode("utf-8"), hashlib.sha256).hexdigest()

    def new_session(self, logged_in: bool = False) -> tuple[Session, str]:
        """A fresh session and its cookie value (a new id at login: no session fixation)."""
        session = Session(secrets.token_urlsafe(24), logged_in)
        payload = f"{session.session_id}.{int(logged_in)}"
        return session, f"{payload}.{self._mac(payload)}"

    def read_session(self, cookie: str | None) -> Session | None:
        """The session a cookie names, if this app signed it; None otherwise."""
        if not cookie or cookie.count(".") != 2:
            return None
        session_id, flag, mac = cookie.split(".")
        if flag not in ("0", "1") or not hmac.compare_digest(
            mac, self._mac(f"{session_id}.{flag}")
        ):
            return None
        return Session(session_id, flag == "1")

    def csrf_token(self, session: Session) -> str:
        return self._mac(f"csrf:{session.session_id}")

    def csrf_ok(self, session: Session | None, token: str | None) -> bool:
        return bool(session and token) and hmac.compare_digest(
            self.csrf_token(session),  # type: ignore[arg-type]
            token or "",
        )

    def password_ok(self, given: str) -> bool:
        return bool(self.secret) and hmac.compare_digest(
            given.encode("utf-8"), (self.secret or "").encode("utf-8")
        )

    def host_refusal(self, host_header: str | None) -> str | None:
        """Why a request's Host is refused, or None when it may be served."""
        if not host_header:
            return "the request names no Host"
        if self.loopback_only and _host_name(host_header) not in LOOPBACK_NAMES:
            return f"this app answers on loopback names only, not {host_header!r}"
        return None

    def origin_refusal(
        self, host_header: str | None, origin: str | None, referer: str | None
    ) -> str | None:
        """Why a state-changing request looks cross-site, or None when it came from here.

        The browser's Origin (or, when it sends none, the Referer) must name the host the
        request was sent to; a request with neither is refused too."""
        claimed = origin if origin and origin != "null" else referer
        if not claimed:
            return "the request says neither where it came from (Origin) nor which page sent it"
        came_from = urlsplit(claimed).netloc.lower()
        if not host_header or came_from != host_header.lower():
            return f"the request came from {came_from or claimed!r}, not from this app"
        return None


def safe_next(target: str | None) -> str:
    """A local path to go back to after a form; anything else (another site) is '/'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
