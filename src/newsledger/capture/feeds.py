"""Feed bytes -> entries with absolute http(s) links (feedparser; pure, never fetches).

A broken feed keeps the entries that could be read and says what was wrong in `problem`;
entries that simply have no link are left out and counted, which is not a problem. The bytes
are made safe first (feed_bytes.py: no DTD internal subset is ever read).
"""

from __future__ import annotations

import calendar
import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

import feedparser

from newsledger.capture.feed_bytes import DtdRefused, prepare_feed
from newsledger.text.urls import resolve_link

DEFAULT_MAX_ENTRIES = 10_000

# feedparser is pure Python at roughly 0.35 ms per entry; a runaway feed is cut before
# parsing rather than after, so its cost stays bounded.
_ENTRY_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>", re.IGNORECASE)
_ENTRY_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_TAG = re.compile(rb"<(/?)([\w.:-]+)[^>]*?(/?)>")
_NOT_MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!.*?>", re.DOTALL)
# Bozo reasons that do not lose any content: the bytes were read fine.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
NO_LINK = "no link"
# An entry is named in a problem by at most this much of its title or id.
_NAME_CHARS = 80


@dataclass(frozen=True)
class FeedEntry:
    link: str
    guid: str
    title: str | None
    published: datetime | None
    updated: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    problem: str | None
    format: str
    # (what, why) for each entry left out: NO_LINK, or a link that is not http(s).
    rejected: tuple[tuple[str, str], ...] = ()

    @property
    def without_link(self) -> int:
        """Entries left out only because they have no link (nor a permalink GUID)."""
        return sum(1 for _, why in self.rejected if why == NO_LINK)

    @property
    def non_web_links(self) -> tuple[tuple[str, str], ...]:
        """Entries left out for a link that is not http(s) (javascript:, file:, data:)."""
        return tuple(rejected for rejected in self.rejected if rejected[1] != NO_LINK)


def _as_datetime(parsed: time.struct_time | None) -> datetime | None:
    # feedparser hands back UTC struct_times.
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _closing_tags(prefix: bytes) -> bytes:
    """End tags for the elements still open in `prefix` (the markup before the first entry)."""
    stack: list[bytes] = []
    for closing, name, self_closing in _TAG.findall(_NOT_MARKUP.sub(b"", prefix)):
        if self_closing:
            continue
        if not closing:
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return b"".join(b"</" + name + b">" for name in reversed(stack))


def cap_entries(body: bytes, max_entries: int) -> tuple[bytes, int | None]:
    """The body cut after its max_entries-th entry and properly closed, and how many
    entries it had past the cut (None when it was not cut)."""
    ends = _ENTRY_END.finditer(body)
    last_kept = next(islice(ends, max_entries - 1, None), None) if max_entries > 0 else None
    if last_kept is None:
        return body, None
    extra = sum(1 for _ in ends)
    if extra == 0:
        return body, None
    first_start = _ENTRY_START.search(body)
    prefix = body[: first_start.start()] if first_start else b""
    return body[: last_kept.end()] + _closing_tags(prefix), extra


def _shortened(what: str) -> str:
    return what if len(what) <= _NAME_CHARS else what[: _NAME_CHARS - 1] + "…"


def _loses_content(bozo_exception: object, entries: list[FeedEntry]) -> bool:
    """Whether feedparser's complaint means something was not read. An undefined entity
    (a stray &foo;) once entries were read loses nothing: the fallback parser keeps it."""
    if bozo_exception is None or isinstance(bozo_exception, _BENIGN_BOZO):
        return False
    return not (entries and "undefined entity" in str(bozo_exception))


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    stripped = " ".join(value.split())
    return stripped or None


def parse_feed(
    body: bytes,
    base_url: str,
    content_type: str | None = None,
    max_entries: int = DEFAULT_MAX_ENTRIES,
) -> ParsedFeed:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom feed, links made absolute against base_url.

    Entries without an http(s) link are left out and listed in `rejected`; repeated
    GUIDs or links keep their first entry. Never raises on bad input.
    """
    if not body.strip():
        return ParsedFeed(None, (), "empty document: no feed in it", "unknown")
    try:
        # No DTD internal subset reaches feedparser (its fallback parser would expand the
        # entities expat refused), so neither "billion laughs", quadratic blow-up nor
        # external entities (XXE) are ever expanded. tests/unit/test_feeds.py pins each.
        prepared = prepare_feed(body, content_type)
    except DtdRefused as refused:
        problem = f"refused: {refused} (a feed's DTD is never read)"
        return ParsedFeed(None, (), problem, "unknown")
    body, cut_count = cap_entries(prepared.body, max_entries)
    # feedparser is handed a stream, never bytes or str: given a str or bytes it first
    # tries it as a URL or a file name and would fetch or read it.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={
            "content-type": prepared.content_type or "application/xml",
            "content-location": base_url,
        },
        resolve_relative_uris=True,
        sanitize_html=True,
    )
    feed_format = parsed.get("version") or "unknown"
    bozo_exception = parsed.get("bozo_exception") if parsed.get("bozo") else None

    if not parsed.get("version") and not parsed.entries:
        reason = f" ({bozo_exception})" if bozo_exception else ""
        return ParsedFeed(None, (), f"not a feed: no RSS or Atom document found{reason}", "unknown")

    entries: list[FeedEntry] = []
    rejected: list[tuple[str, str]] = []
    seen_guids: set[str] = set()
    seen_links: set[str] = set()
    for index, raw in enumerate(parsed.entries):
        what = _shortened(_text(raw.get("title")) or _text(raw.get("id")) or f"entry {index}")
        href = raw.get("link")
        if not isinstance(href, str) or not href.strip():
            rejected.append((what, NO_LINK))
            continue
        link = resolve_link(base_url, href)
        if link is None:
            rejected.append((what, f"link is not http(s): {href.strip()[:80]}"))
            continue
        guid = _text(raw.get("id")) or link
        if guid in seen_guids or link in seen_links:
            continue
        seen_guids.add(guid)
        seen_links.add(link)
        entries.append(
            FeedEntry(
                link=link,
                guid=guid,
                title=_text(raw.get("title")),
                published=_as_datetime(raw.get("published_parsed")),
                updated=_as_datetime(raw.get("updated_parsed")),
            )
        )

    problems: list[str] = []
    if prepared.removed_dtd_bytes and prepared.unread_entities:
        names = ", ".join(f"&{name};" for name in prepared.unread_entities[:5])
        more = len(prepared.unread_entities) - 5
        problems.append(
            f"its DTD internal subset ({prepared.removed_dtd_bytes} bytes) was removed unread, "
            f"so the entities it defined are kept as text: {names}"
            + (f" and {more} more" if more > 0 else "")
        )
    if _loses_content(bozo_exception, entries):
        problems.append(f"malformed feed, kept {len(entries)} readable entries: {bozo_exception}")
    if cut_count is not None:
        problems.append(
            f"feed has more than {max_entries} entries; read the first {max_entries} "
            f"and skipped {cut_count} (raise max_entries to read more)"
        )
    return ParsedFeed(
        title=_text(parsed.feed.get("title")),
        entries=tuple(entries),
        problem="; ".join(problems) or None,
        format=feed_format,
        rejected=tuple(rejected),
    )
