"""Which report a page joins when its canonical URL (<link rel=canonical>, og:url) names
another page: the claim is trusted only from the same site, never for a front page, and not
against the headlines the claimed report already has.

A page is staged under the report of the URL it names as canonical. Trusted blindly, a page
anywhere could become a new version of another outlet's report, and a site whose canonical
points at its home page would merge all its articles into one. A refused claim leaves the
page under its own URL's report; the claimed report is not touched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from courlan import extract_domain

from newsledger.models import Capture
from newsledger.store.warehouse import Warehouse, query_sql
from newsledger.text.urls import WEB_SCHEMES, canonical_url, report_id_for_url

# A last path segment that names another rendering of the same article, not an article of its
# own: `/story/amp` may claim `/story`, while `/world/story` claiming `/world` names a section.
VARIANT_SEGMENTS = frozenset({"amp", "print", "amp.html", "index.html", "index.htm"})


@dataclass
class ClaimHolder:
    """What is known of a report a canonical names: the page URLs it was read from (canonical
    spelling) and its headlines (case and spacing folded)."""

    pages: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)


def site_of(url: str) -> str:
    """The registrable domain (public-suffix aware: bbc.co.uk, someone.github.io), else the
    host (an address, an unlisted suffix)."""
    return extract_domain(url) or (urlsplit(url).hostname or "").lower()


def fold_title(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).split()).casefold()


def _web_url(url: str | None) -> str | None:
    if not url or urlsplit(url).scheme.lower() not in WEB_SCHEMES:
        return None
    try:
        return canonical_url(url)
    except ValueError:
        return None


def claimed_page(capture: Capture) -> str | None:
    """The page's own URL when the capture was filed by the canonical it claims (a page from
    its source URL, under the report of a different canonical URL); None otherwise, e.g. for a
    known article refetched at its own fetch URL, a seed, or a page that is its own canonical."""
    page = _web_url(capture.source)
    if page is None or capture.url is None or page == capture.url:
        return None
    return page if capture.report_id == report_id_for_url(capture.url) else None


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


def is_front_of(canonical: str, page: str) -> bool:
    """True when the canonical is a home page, or a section above the page (`/world/` for
    `/world/2024/story`) rather than another rendering of it (`/story` for `/story/amp`)."""
    claimed, own = urlsplit(canonical), urlsplit(page)
    if claimed.query:
        return False  # `/?p=123`: how some sites name an article
    above, below = _segments(claimed.path), _segments(own.path)
    if not above:
        return True
    if len(below) <= len(above) or below[: len(above)] != above:
        return False
    extra = below[len(above) :]
    return not (len(extra) == 1 and extra[0].lower() in VARIANT_SEGMENTS)


def refusal(page: str, canonical: str, title: str | None, holder: ClaimHolder | None) -> str | None:
    """Why a page's claim on its canonical's report is not trusted, or None."""
    if site_of(page) != site_of(canonical):
        return "another site"
    if is_front_of(canonical, page):
        return "a home or section front"
    known_page = holder is None or page in holder.pages
    if not known_page and title and holder and holder.titles:
        return None if fold_title(title) in holder.titles else "another headline"
    return None


def settle_claims(
    captures: Sequence[Capture], holders: dict[str, ClaimHolder]
) -> tuple[list[Capture], int]:
    """The captures, each claim refused by `refusal` moved to the page's own URL's report, and
    how many were moved. `holders` (what is stored of the claimed reports) learns each page
    and headline as it goes, so the second page with another headline is refused too."""
    settled: list[Capture] = []
    refused = 0
    for capture in captures:
        page = claimed_page(capture)
        holder = holders.get(capture.report_id)
        if page is not None and refusal(page, capture.url or "", capture.title, holder):
            capture = replace(capture, report_id=report_id_for_url(page), url=page)
            holder = holders.get(capture.report_id)
            refused += 1
        if holder is None:
            holder = holders[capture.report_id] = ClaimHolder()
        holder.pages.update(p for p in (page, _web_url(capture.source)) if p)
        if capture.title:
            holder.titles.add(fold_title(capture.title))
        settled.append(capture)
    return settled, refused


def _holder(url: str | None, fetch_url: str | None, sources: Iterable[str], titles: Iterable[str]
            ) -> ClaimHolder:  # fmt: skip
    pages = {p for p in (_web_url(u) for u in (url, fetch_url, *sources)) if p}
    return ClaimHolder(pages, {fold_title(t) for t in titles})


def settle_against(warehouse: Warehouse, captures: Sequence[Capture]) -> tuple[list[Capture], int]:
    """settle_claims, with what the warehouse holds of the reports the captures claim."""
    claimed = sorted({c.report_id for c in captures if claimed_page(c) is not None})
    if not claimed:
        return list(captures), 0
    rows = warehouse.fetch_all(query_sql("claim_holders"), [claimed])
    holders = {row[0]: _holder(row[1], row[2], row[3] or (), row[4] or ()) for row in rows}
    return settle_claims(captures, holders)
