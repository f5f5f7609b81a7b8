"""The benchmark on real news pages: a folder of saved article pages (`<name>.html`, read in
place) served on 127.0.0.1 behind one RSS feed with ETag and Last-Modified, each page as
several copies, and ingested through the real pipeline beside bare trafilatura on the same
bytes.

Measured: a cold ingest where every copy names its own canonical URL (every page a new
article); the re-poll whose feed answers 304; the re-poll whose feed was rebuilt with new
validators, so every page is asked again and answers 304; and a cold ingest of byte-identical
copies (a feed listing one story under several URLs), where extraction is keyed by the body.
"""

from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsledger.bench.ingest_measures import bare_trafilatura_seconds, run_options, timed_poll
from newsledger.bench.render import etag_of, http_date
from newsledger.bench.server import FeedLink, Resource, StaticSite

PAGES_ENV = "NEWSLEDGER_REALDATA"
_BUILT = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
# Every canonical link and og:url a page has; the copy gets one canonical link of its own.
_CANONICAL_LINK = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.IGNORECASE)
_OG_URL = re.compile(rb"<meta\b[^>]*\bog:url\b[^>]*>", re.IGNORECASE)
_HEAD = re.compile(rb"<head\b[^>]*>", re.IGNORECASE)


def pages_dir() -> tuple[Path | None, str]:
    """The real pages: $NEWSLEDGER_REALDATA/pages, else pages/ of the shared real-data
    folder beside the checkout; (None, why) when neither holds any."""
    configured = os.environ.get(PAGES_ENV)
    checkout = Path(__file__).resolve().parents[3]
    folder = (Path(configured) if configured else checkout.parent / "shared" / "realdata") / "pages"
    if folder.is_dir() and any(folder.glob("*.html")):
        return folder, ""
    return None, f"no real pages at {folder} (set {PAGES_ENV} to the shared realdata folder)"


def with_canonical(body: bytes, url: str) -> bytes:
    """The page naming `url` as its only canonical address (its own links and og:url gone)."""
    body = _OG_URL.sub(b"", _CANONICAL_LINK.sub(b"", body))
    link = f'<link rel="canonical" href="{html.escape(url)}">'.encode("ascii")
    head = _HEAD.search(body)
    at = head.end() if head else 0
    return body[:at] + link + body[at:]


class RealPagesSite(StaticSite):
    """Serves copies of each page under /copy-<k>/<name>.html and one feed listing them all,
    at /feed.xml; `republish()` rebuilds the feed with new validators and the same items."""

    def __init__(self, folder: Path, copies: int, own_canonical: bool = True) -> None:
        super().__init__()
        self.republished = 0
        self.copies: dict[str, bytes] = {}
        for source in sorted(folder.glob("*.html")):
            original = source.read_bytes()
            for k in range(copies):
                path = f"/copy-{k}/{source.name}"
                url = self.base_url + path
                self.copies[path] = with_canonical(original, url) if own_canonical else original
        self._render()

    def _render(self) -> None:
        modified = http_date(_BUILT)
        resources = {
            path: Resource(body, etag_of(body), modified, "text/html; charset=utf-8")
            for path, body in self.copies.items()
        }
        built = _BUILT + timedelta(minutes=self.republished)
        items = "".join(
            f"<item><title>{html.escape(path)}</title><link>{self.base_url}{path}</link>"
            f"<guid>{self.base_url}{path}</guid></item>"
            for path in self.copies
        )
        feed = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Real pages</title><link>{self.base_url}/</link>"
            f"<description>Saved article pages</description>"
            f"<lastBuildDate>{http_date(built)}</lastBuildDate>{items}</channel></rss>\n"
        ).encode()
        resources["/feed.xml"] = Resource(feed, etag_of(feed), http_date(built),
                                          "application/rss+xml")  # fmt: skip
        self.publish(resources)

    def republish(self) -> None:
        self.republished += 1
        self._render()

    def feeds(self) -> list[FeedLink]:
        return [FeedLink("real-pages", self.base_url + "/feed.xml", "Real pages")]


@dataclass(frozen=True)
class RealPagesPlan:
    copies: int  # copies of each page, each its own article
    identical_copies: int  # byte-identical copies of each page in the body-keyed run


def measure_real_pages(folder: Path, plan: RealPagesPlan, workdir: Path) -> dict[str, Any]:
    """Every real-pages figure; plain numbers out."""
    with RealPagesSite(folder, plan.copies) as site:
        n = len(site.copies)
        db = workdir / "real.duckdb"
        cold = timed_poll(site, run_options(db, n))
        feeds_304 = timed_poll(site, run_options(db, n))
        site.republish()
        pages_304 = timed_poll(site, run_options(db, n))
        served = [(body, site.base_url + path) for path, body in site.copies.items()]
    bare_s = bare_trafilatura_seconds(served)
    with RealPagesSite(folder, plan.identical_copies, own_canonical=False) as site:
        n_identical = len(site.copies)
        identical = timed_poll(site, run_options(workdir / "identical.duckdb", n_identical))
    cold_rate, bare_rate = n / cold.seconds, n / bare_s
    return {
        "folder": str(folder),
        "pages": n // plan.copies,
        "copies": plan.copies,
        "served_pages": n,
        "cold_seconds": cold.seconds,
        "cold_pages_per_s": cold_rate,
        "bare_pages_per_s": bare_rate,
        "cold_ratio_vs_bare": cold_rate / bare_rate,
        "cold_counts": cold.counts.as_dict(),
        "repoll_feeds_304_seconds": feeds_304.seconds,
        "repoll_feeds_304_articles_per_s": n / feeds_304.seconds,
        "repoll_feeds_304_extractor_calls": feeds_304.counts.extractor_calls,
        "repoll_pages_304_pages_per_s": n / pages_304.seconds,
        "repoll_pages_304_not_modified": pages_304.counts.not_modified,
        "repoll_pages_304_extractor_calls": pages_304.counts.extractor_calls,
        "repoll_ratio_vs_cold": (n / pages_304.seconds) / cold_rate,
        "identical_copies": plan.identical_copies,
        "identical_pages": n_identical,
        "identical_pages_per_s": n_identical / identical.seconds,
        "identical_extractor_calls": identical.counts.extractor_calls,
        "identical_new_reports": identical.counts.new_reports,
    }


def real_pages_results(plan: RealPagesPlan, workdir: Path) -> dict[str, Any]:
    """measure_real_pages on the real pages, or why they were skipped."""
    folder, reason = pages_dir()
    if folder is None:
        return {"skipped": reason}
    started = time.perf_counter()
    results = measure_real_pages(folder, plan, workdir)
    results["seconds"] = time.perf_counter() - started
    return results
