"""Notifications through Apprise: any of its URLs (mailto://, slack://, msteams://, json://, ...)
listed in sources.toml's `[notify] apprise`, each sent a title and a plain-text body.

Best effort, like the webhook: a URL Apprise does not know, or a service that refuses, is
logged in one line (the URL's scheme only: the rest often holds a password or token) and
counted as not delivered, never raised into the run. Timeouts are Apprise's own (4 s to
connect, 4 s to read; `?cto=SECONDS&rto=SECONDS` in a URL changes them).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

log = logging.getLogger(__name__)


def shown_url(url: str, index: int) -> str:
    """How a URL is named in the log: its place in the list and its scheme, no secrets."""
    scheme = url.split("://", 1)[0] if "://" in url else "?"
    return f"apprise[{index}] ({scheme}://...)"


def send_apprise(urls: Sequence[str], title: str, body: str) -> int:
    """Sends one notification to each URL; returns how many took it."""
    if not urls:
        return 0
    import apprise

    delivered = 0
    for index, url in enumerate(urls):
        sender = apprise.Apprise()
        if not sender.add(url):
            log.warning("notify: Apprise does not know %s: check its scheme", shown_url(url, index))
            continue
        if sender.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT):
            delivered += 1
        else:
            log.warning("notify: %s did not take the notification", shown_url(url, index))
    return delivered
