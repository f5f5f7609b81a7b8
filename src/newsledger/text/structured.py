"""What a page states about itself in structured form: schema.org JSON-LD (`datePublished`,
`dateModified`, `description`, `correction`) and the meta tags beside it (og:description,
article:published_time ...). Pure; reads a parsed tree and its JSON-LD, never fetches.

JSON-LD is hostile input: values of any type, nesting, @graph, lists; a bounded walk takes
what is recognisably an article's and ignores the rest.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import lxml.html

from newsledger.models import StructuredCorrection

# Nodes of JSON-LD looked at per page, however deep or wide it is.
MAX_NODES = 5_000
MAX_DEPTH = 12
# A correction's text past this is cut (with an ellipsis); more corrections than this are dropped.
MAX_CORRECTION_CHARS = 2_000
MAX_CORRECTIONS = 20
MAX_SUMMARY_CHARS = 2_000
# schema.org types whose dates and corrections are the article's (CreativeWork kinds a
# news page describes itself with); an ImageObject's or an Organization's are not.
_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle",
    "askpublicnewsarticle", "satiricalarticle", "scholarlyarticle", "techarticle",
    "blogposting", "liveblogposting", "socialmediaposting", "discussionforumposting",
    "report", "creativework", "medicalscholarlyarticle", "advertisercontentarticle",
})  # fmt: skip
_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "qapage"})
_WHITESPACE = re.compile(r"\s+")
_YEARS = range(1900, 2200)


@dataclass(frozen=True)
class PageMetadata:
    """The page's own statements about the article; None (or ()) when it makes none."""

    published_at: datetime | None
    modified_at: datetime | None
    description: str | None
    corrections: tuple[StructuredCorrection, ...]


def parse_page_date(value: object) -> datetime | None:
    """A date as pages write it (ISO 8601, or RFC 2822 in older meta tags), in UTC.

    A time without an offset is taken as UTC; a day alone is 00:00 UTC of that day.
    Anything else, or a year outside 1900-2199, is None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.year not in _YEARS:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _types(node: dict[str, object]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    # "NewsArticle", "schema:NewsArticle" and "https://schema.org/NewsArticle" are one type.
    return {re.split(r"[/:#]", v)[-1].casefold() for v in values if isinstance(v, str)}


def _nodes(documents: Sequence[object]) -> Iterator[dict[str, object]]:
    """Every JSON object in the documents, breadth first, within MAX_NODES and MAX_DEPTH."""
    queue: deque[tuple[object, int]] = deque((d, 0) for d in documents)
    seen = 0
    while queue and seen < MAX_NODES:
        node, depth = queue.popleft()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, dict):
            yield node
            children: Sequence[object] = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        queue.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _clean(value: object, limit: int) -> str | None:
    if not isinstance(value, str):
        return None
    text = _WHITESPACE.sub(" ", value).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def _corrections_of(value: object) -> list[StructuredCorrection]:
    """schema.org `correction`: text, a CorrectionComment (text and datePublished), or a list."""
    found: list[StructuredCorrection] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            text, when = _clean(item, MAX_CORRECTION_CHARS), None
        elif isinstance(item, dict):
            text = _clean(item.get("text"), MAX_CORRECTION_CHARS) or _clean(
                item.get("description"), MAX_CORRECTION_CHARS
            )
            when = parse_page_date(item.get("datePublished")) or parse_page_date(
                item.get("dateCreated")
            )
        else:
            continue
        if text:
            found.append(StructuredCorrection(text, when))
    return found


def _first(nodes: Sequence[dict[str, object]], key: str) -> object:
    return next((node[key] for node in nodes if node.get(key) not in (None, "", [])), None)


def json_ld_metadata(documents: Sequence[object]) -> PageMetadata:
    """Dates, description and corrections from the page's JSON-LD: an article's first, then
    the page's (WebPage) when no article states them."""
    articles: list[dict[str, object]] = []
    pages: list[dict[str, object]] = []
    for node in _nodes(documents):
        types = _types(node)
        if types & _ARTICLE_TYPES:
            articles.append(node)
        elif types & _PAGE_TYPES:
            pages.append(node)
    described = [*articles, *pages]
    corrections: list[StructuredCorrection] = []
    for node in described:
        for correction in _corrections_of(node.get("correction")):
            if correction not in corrections:
                corrections.append(correction)
    published = next((d for n in described if (d := parse_page_date(n.get("datePublished")))), None)
    modified = next((d for n in described if (d := parse_page_date(n.get("dateModified")))), None)
    return PageMetadata(
        published_at=published,
        modified_at=modified,
        description=_clean(_first(described, "description"), MAX_SUMMARY_CHARS),
        corrections=tuple(corrections[:MAX_CORRECTIONS]),
    )


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    """The first non-empty content of a <meta> named (property, name or itemprop) one of names."""
    for name in names:
        for element in tree.iter("meta"):
            keys = (element.get("property"), element.get("name"), element.get("itemprop"))
            if name in {(k or "").strip().casefold() for k in keys}:
                content = (element.get("content") or "").strip()
                if content:
                    return content
    return None


def page_metadata(tree: lxml.html.HtmlElement, documents: Sequence[object]) -> PageMetadata:
    """What the page states about its article, from JSON-LD first and then its meta tags.

    Summary: og:description, the description meta tag, then JSON-LD `description`.
    """
    linked = json_ld_metadata(documents)
    description = _clean(
        _meta(tree, "og:description", "description", "twitter:description"), MAX_SUMMARY_CHARS
    )
    published = linked.published_at or parse_page_date(
        _meta(tree, "article:published_time", "datepublished", "og:published_time")
    )
    modified = linked.modified_at or parse_page_date(
        _meta(tree, "article:modified_time", "datemodified", "og:updated_time")
    )
    return PageMetadata(
        published_at=published,
        modified_at=modified,
        description=description or linked.description,
        corrections=linked.corrections,
    )
