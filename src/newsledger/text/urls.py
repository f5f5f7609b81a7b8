"""Canonical URLs, report ids derived from them, and resolving links against a base.

Pure string work on top of courlan; nothing here touches the network.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from courlan import normalize_url
from courlan.clean import TRACKERS_RE

WEB_SCHEMES = frozenset({"http", "https"})
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 40


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment,
    no tracking parameters (utm_*, fbclid, gclid, ... as courlan lists them).

    The remaining query parameters keep their order, because some sites route on it;
    courlan's own query cleaner sorts them, so the query is filtered here instead.
    Raises ValueError for a URL that is not http(s) with a host.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.hostname:
        raise ValueError(f"not an http(s) URL with a host: {url!r}")
    # Raw segments are kept as sent (same escapes, same order); only the key is decoded
    # to test it against courlan's tracker list.
    kept = [
        segment
        for segment in parts.query.split("&")
        if segment and not TRACKERS_RE.search(unquote_plus(segment.partition("=")[0]).lower())
    ]
    # courlan normalises scheme, host, port and path; the query is added back afterwards.
    base = normalize_url(urlunsplit((scheme, parts.netloc, parts.path, "", "")), strict=True)
    base_parts = urlsplit(base)
    path = base_parts.path or "/"
    return urlunsplit((base_parts.scheme, base_parts.netloc, path, "&".join(kept), ""))


def report_id_for_url(canonical: str) -> str:
    """A stable, readable id: host and last path segment as a slug, then 12 hex digits
    of the URL's SHA-256, e.g. `nytimes-com-storm-hits-coast-1f2e3d4c5b6a`.

    The hash keeps ids unique when slugs collide; the slug lets a person tell reports
    apart in a listing. The last path segment is usually the headline slug.
    """
    parts = urlsplit(canonical)
    host = (parts.hostname or "").removeprefix("www.")
    last_segment = next((seg for seg in reversed(parts.path.split("/")) if seg), "")
    last_segment = last_segment.rsplit(".", 1)[0] if "." in last_segment else last_segment
    slug = _SLUG_JUNK.sub("-", f"{host} {unquote_plus(last_segment)}".lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        slug = slug[:_SLUG_MAX].rstrip("-")
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    return f"{slug or 'url'}-{digest}"


def resolve_link(base: str, href: str) -> str | None:
    """href made absolute against base (relative and protocol-relative links);
    None when the result is not http(s) with a host (javascript:, mailto:, data:, file:)."""
    href = href.strip()
    if not href:
        return None
    absolute = urljoin(base, href)
    parts = urlsplit(absolute)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return absolute
