"""The newsroom the bad-input tests ingest from: the loopback server reached by name as
news.test, page and feed builders, a good article to store beside every failure, read-backs.

Names are answered from a table (`names_resolver`), so no DNS query leaves the machine.
"""

from __future__ import annotations

import html
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.capture.fetch import Fetcher
from newsledger.capture.sources import parse_sources
from newsledger.runs.live import ingest_feeds
from newsledger.runs.options import LiveCounts, LiveRunOptions
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer, loopback_policy, names_resolver

HOST = "news.test"
# The tables whose rows are the stored record; fetches are a log and grow every run.
STORED_TABLES = (
    "reports", "versions", "paragraphs", "version_paragraphs", "captures", "changes",
    "corrections", "articles", "article_aliases",
)  # fmt: skip
GOOD_PARAGRAPHS = tuple(
    f"Paragraph {i} of the report says the city council met on Tuesday and voted "
    f"{i + 4} to {i + 1} to approve the revised budget plan for the harbour district."
    for i in range(5)
)
CAP = 12_000_000


def article_page(title: str, paragraphs: tuple[str, ...], extra_html: str = "") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><nav><a href='/'>Home</a></nav><article>{body}"
        f"{extra_html}</article><footer>Contact us</footer></body></html>"
    )


def rss(items: str, before_root: str = "") -> str:
    return (
        f"<?xml version='1.0' encoding='utf-8'?>{before_root}<rss version='2.0'><channel>"
        f"<title>Wire</title>{items}</channel></rss>"
    )


def item(link: str | None, guid: str | None = None, title: str = "story") -> str:
    parts = [f"<title>{title}</title>"]
    if link is not None:
        parts.append(f"<link>{html.escape(link)}</link>")
    if guid is not None:
        parts.append(f"<guid isPermaLink='false'>{html.escape(guid)}</guid>")
    return "<item>" + "".join(parts) + "</item>"


@dataclass
class Newsroom:
    """The loopback server seen as http://news.test:<port>, with a good article at /good."""

    server: LoopbackServer
    db: Path
    feeds: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.server.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def feed(self, name: str, body: bytes | str, content_type: str = "application/rss+xml") -> str:
        path = f"/{name}.xml"
        self.server.route(path, body=body, headers={"Content-Type": content_type})
        self.feeds[name] = self.url(path)
        return self.url(path)

    def run(self, **policy: object) -> LiveCounts:
        # 5 s a fetch: the stalled cases wait it out, and everything else (a 14 MB body read to
        # the cap included) finishes well inside it however busy the machine is.
        settings: dict[str, object] = {
            "allow_hosts": frozenset({HOST}), "total_timeout_s": 5.0, "max_retries": 0,
            "max_body_bytes": CAP,
        }  # fmt: skip
        settings.update(policy)
        config = parse_sources(
            "".join(
                f'[[feeds]]\nname = "{name}"\nurl = "{url}"\noutlet = "Wire"\n'
                for name, url in self.feeds.items()
            )
        )
        options = LiveRunOptions(
            self.db, self.db.parent / "warc", processes=1, refresh_stories=False
        )
        resolver = names_resolver({HOST: "127.0.0.1", "localhost": "127.0.0.1"})
        with Fetcher(loopback_policy(**settings), resolver=resolver) as fetcher:
            return ingest_feeds(config, options, fetcher=fetcher, poll_all=True)

    def stored(self) -> dict[str, int]:
        with Warehouse.open(self.db, read_only=True) as warehouse:
            return {
                table: warehouse.fetch_all(f"SELECT count(*) FROM {table}")[0][0]
                for table in STORED_TABLES
            }

    def log(self, url: str) -> list[tuple[str | None, str | None, str]]:
        """(error_class, error_message, outcome) of each fetch of `url`, oldest first."""
        with Warehouse.open(self.db, read_only=True) as warehouse:
            return [
                (row[0], row[1], row[2])
                for row in warehouse.fetch_all(
                    "SELECT error_class, error_message, outcome FROM v_fetch_log "
                    "WHERE url = ? ORDER BY fetch_id",
                    [url],
                )
            ]

    def texts(self) -> dict[str, str]:
        """Stored text of each report's latest version, by the path of its URL."""
        with Warehouse.open(self.db, read_only=True) as warehouse:
            rows = warehouse.fetch_all(
                "SELECT url, text FROM v_versions ORDER BY report_id, version_no"
            )
        return {re.sub(r"^https?://[^/]+", "", url): text for url, text in rows}


GOOD_TEXT = "\n\n".join(GOOD_PARAGRAPHS)


def other_paragraphs(tag: str) -> tuple[str, ...]:
    return tuple(f"{tag}: {p}" for p in GOOD_PARAGRAPHS[::-1])


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


CLOSED_PORT = _closed_port()
