"""HTML -> article paragraphs and metadata (trafilatura; pure, never fetches).

Also owns decoding page bytes whose declared charset is wrong, and counts extractor calls
so a re-poll can be shown to have parsed nothing.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_context
from typing import TypedDict

import charset_normalizer
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import set_date_params

from newsledger.models import StructuredCorrection
from newsledger.text.html_clean import (
    json_ld_documents,
    json_ld_texts,
    leaf_block_texts,
    parse_page,
)
from newsledger.text.paragraphs import article_paragraphs
from newsledger.text.structured import page_metadata, parse_page_date
from newsledger.text.urls import resolve_link

DEFAULT_MIN_CHARS = 200
# The largest of the 40 real pages has 2,666 elements; 10,000 leaves room, 200,000 is a cap.
DEFAULT_FAST_ABOVE_ELEMENTS = 10_000
DEFAULT_MAX_ELEMENTS = 200_000
# Above this many characters of HTML trafilatura skips its fallback extractors and the
# date search through the whole text: on a 5 MB page they cost more than half of ~16 s,
# and no real article page is that large (the biggest of 40 real ones is 1.6 MB).
DEFAULT_FAST_ABOVE_CHARS = 2_000_000

_extractor_calls = 0
_extractor_calls_lock = threading.Lock()

_WHITESPACE = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*[a-zA-Z!?]")
# Magic numbers of formats a server may send where a page was expected.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
# Charsets that browsers read as a wider superset (WHATWG Encoding), so do we.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "ascii": "cp1252"}
_SITE_SUFFIX = re.compile(r"^(.+?)\s+[|\-–—_·:]\s+([^|\-–—_·:]+)$")


class TrafilaturaOptions(TypedDict):
    include_comments: bool
    include_tables: bool
    include_formatting: bool
    include_images: bool
    include_links: bool


# What trafilatura is asked to keep; the extraction bench passes bare trafilatura the same.
TRAFILATURA_OPTIONS = TrafilaturaOptions(
    include_comments=False,
    include_tables=True,
    include_formatting=False,
    include_images=False,
    include_links=False,
)


class PageFields(TypedDict):
    """The Capture fields a page states about itself (Capture(..., **article.page_fields()))."""

    summary: str | None
    published_at: datetime | None
    modified_at: datetime | None
    page_corrections: tuple[str, ...]
    page_correction_dates: tuple[str, ...]


@dataclass(frozen=True)
class ExtractedArticle:
    title: str | None
    byline: str | None
    published: str | None  # trafilatura's date, as it gives it (a day: "2024-03-23")
    site_name: str | None
    language: str | None
    paragraphs: tuple[str, ...]
    canonical_url: str | None
    # The summary or standfirst: og:description, meta description, then JSON-LD description.
    description: str | None
    # JSON-LD datePublished / dateModified, else the article: meta tags; published falls
    # back to trafilatura's date (00:00 UTC when it is a day). See text/structured.py.
    published_at: datetime | None = None
    modified_at: datetime | None = None
    corrections: tuple[StructuredCorrection, ...] = ()

    def page_fields(self) -> PageFields:
        return PageFields(
            summary=self.description,
            published_at=self.published_at,
            modified_at=self.modified_at,
            page_corrections=tuple(c.text for c in self.corrections),
            page_correction_dates=tuple(
                c.published_at.isoformat() if c.published_at else "" for c in self.corrections
            ),
        )


@dataclass(frozen=True)
class NoArticle:
    reason: str


def extractor_calls() -> int:
    """How many times trafilatura has been asked to extract a page in this process
    (extract_many adds the calls its worker processes made)."""
    return _extractor_calls


def reset_extractor_calls() -> None:
    global _extractor_calls
    with _extractor_calls_lock:
        _extractor_calls = 0


def _count_calls(count: int) -> None:
    global _extractor_calls
    with _extractor_calls_lock:
        _extractor_calls += count


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSET.get(canonical, canonical)


def decode_html(body: bytes, encoding: str | None = None) -> str:
    """Text of page bytes, trusting the bytes over what they claim.

    Order: a byte-order mark; strict UTF-8 (valid UTF-8 with non-ASCII bytes is almost
    never anything else, and pages that declare gb2312 or latin-1 while serving UTF-8
    are common); UTF-8 with replacement characters when at least 4 in 5 non-ASCII
    letters decode; the given encoding (HTTP header) or the page's own <meta charset>
    when either names something else; UTF-8 with replacement characters when either
    names UTF-8; charset_normalizer's guess.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace")
    if body.startswith(codecs.BOM_UTF16_BE):
        return body[2:].decode("utf-16-be", errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a stray bad byte is still UTF-8: keep its good letters, mark the bad byte.
    lenient = body.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good_non_ascii = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if good_non_ascii >= 4 * bad:
        return lenient
    declared = _META_CHARSET.search(body[:4096])
    declared_name = declared.group(1).decode("ascii") if declared else None
    candidates = [_codec(encoding), _codec(declared_name)]
    for codec_name in candidates:
        if codec_name is None or codec_name == "utf-8":
            continue
        try:
            return body.decode(codec_name)
        except UnicodeDecodeError:
            continue
    if "utf-8" in candidates:
        return lenient
    best = charset_normalizer.from_bytes(body).best()
    if best is not None:
        return str(best)
    return body.decode("utf-8", errors="replace")


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _without_site_suffix(title: str | None, site_names: Sequence[str | None]) -> str | None:
    """'Headline | Outlet' -> 'Headline': the outlet's name is not part of the headline,
    and a change in it would otherwise read as a headline change. The suffix must be the
    start of the site's name or its host name, so a real headline is never cut."""
    match = _SITE_SUFFIX.match(title or "")
    if not match:
        return title
    suffix = _clean(match.group(2)).casefold()
    squeezed = suffix.replace(" ", "")
    for site_name in site_names:
        name = (site_name or "").casefold()
        if len(suffix) >= 3 and (name.startswith(suffix) or (squeezed in name and "." in name)):
            return match.group(1)
    return title


def _first_attr(tree: lxml.html.HtmlElement, xpath: str) -> str | None:
    values = tree.xpath(xpath)
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _canonical(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    for xpath in (
        "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href",
        "//meta[@property='og:url' or @name='og:url']/@content",
    ):
        href = _first_attr(tree, xpath)
        if href is None:
            continue
        resolved = resolve_link(url, href) if url else resolve_link(href, href)
        if resolved:
            return resolved
    return None


def _language(tree: lxml.html.HtmlElement) -> str | None:
    # The HTML parser keeps an XHTML page's xml:lang as a plain attribute of that name.
    lang = _first_attr(tree, "/html/@lang | /html/@*[name()='xml:lang']")
    if lang is None:
        lang = _first_attr(tree, "//meta[@http-equiv='content-language']/@content")
    if lang is None:
        locale = _first_attr(tree, "//meta[@property='og:locale']/@content")
        lang = locale.replace("_", "-") if locale else None
    return lang


def extract_article(
    html: bytes | str,
    url: str | None,
    encoding: str | None = None,
    min_chars: int = DEFAULT_MIN_CHARS,
    fast_above_chars: int = DEFAULT_FAST_ABOVE_CHARS,
    extensive_date_search: bool = True,
    fast_above_elements: int = DEFAULT_FAST_ABOVE_ELEMENTS,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
) -> ExtractedArticle | NoArticle:
    """The article in a page, or NoArticle saying why there is none.

    min_chars: fewer characters of article text than this is NoArticle (a stub or an
    index page). fast_above_chars, fast_above_elements: bigger pages skip trafilatura's
    fallback extractors. max_elements: a page with more HTML elements is NoArticle.
    extensive_date_search: also look for the date in the text (htmldate via dateparser:
    finds a date on 3 more of the 40 real pages, but its first non-English date costs a
    one-off ~8 s per process to compile dateparser's locales).
    """
    if isinstance(html, bytes):
        if html.lstrip()[:8].startswith(_BINARY_MAGIC):
            return NoArticle("not HTML: the bytes are a binary format (PDF, image or archive)")
        text = decode_html(html, encoding)
    else:
        text = html
    text = text.replace("\x00", "").lstrip("\ufeff")
    if not text.strip():
        return NoArticle("empty page")
    if not _MARKUP.search(text[:65536]):
        return NoArticle("not HTML: no markup in the page")
    try:
        tree = parse_page(text)
    except (etree.ParserError, ValueError) as exc:
        return NoArticle(f"not HTML: {exc}")
    n_elements = sum(1 for _ in tree.iter())
    if n_elements > max_elements:
        return NoArticle(
            f"page too complex to extract: {n_elements} HTML elements, more than {max_elements}"
        )
    canonical_url = _canonical(tree, url)
    language = _language(tree)
    # Read before trafilatura prunes the tree: the page's own blocks, to cut a paragraph
    # its fallbacks glued and to put back a correction note it left out.
    block_texts = leaf_block_texts(tree)
    json_documents = json_ld_documents(tree)
    json_texts = json_ld_texts(json_documents)
    metadata = page_metadata(tree, json_documents)

    # trafilatura's full mode grows with the square of the element count (80,000 <p> took
    # 48 s); its fast mode skips the fallback extractors that cost that.
    is_huge = len(text) > fast_above_chars or n_elements > fast_above_elements
    _count_calls(1)
    # trafilatura prunes the tree it is given, so it gets it only after the reads above.
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=is_huge,
        date_extraction_params=set_date_params(extensive_date_search and not is_huge),
        with_metadata=True,
        **TRAFILATURA_OPTIONS,
    )
    body = getattr(document, "body", None)
    if document is None or body is None:
        return NoArticle("no article text found")
    paragraphs = article_paragraphs(body, block_texts, json_texts)
    if not paragraphs:
        return NoArticle("no article text found")
    total = sum(len(p) for p in paragraphs)
    if total < min_chars:
        return NoArticle(f"too little article text: {total} characters, fewer than {min_chars}")

    def field(name: str) -> str | None:
        value = getattr(document, name, None)
        return _clean(value) or None if isinstance(value, str) else None

    site_name = field("sitename")
    return ExtractedArticle(
        title=_without_site_suffix(field("title"), [site_name, field("hostname")]),
        byline=field("author"),
        published=field("date"),
        site_name=site_name,
        language=language or field("language"),
        paragraphs=paragraphs,
        canonical_url=canonical_url,
        description=metadata.description or field("description"),
        published_at=metadata.published_at or parse_page_date(field("date")),
        modified_at=metadata.modified_at,
        corrections=metadata.corrections,
    )


def _extract_item(item: tuple[bytes | str, str | None, str | None]) -> ExtractedArticle | NoArticle:
    html, url, encoding = item
    return extract_article(html, url, encoding)


def _extract_item_counted(
    item: tuple[bytes | str, str | None, str | None],
) -> tuple[ExtractedArticle | NoArticle, int]:
    """Runs in a worker process: the result and the extractor calls it took."""
    before = extractor_calls()
    result = _extract_item(item)
    return result, extractor_calls() - before


def extract_many(
    items: Iterable[tuple[bytes | str, str | None, str | None]],
    processes: int,
    pool: Executor | None = None,
) -> list[ExtractedArticle | NoArticle]:
    """extract_article over (html, url, encoding) items, in input order, on `processes`
    worker processes (spawned, so it is safe beside threads); 1 or fewer runs in-process.

    A new pool pays each worker's start-up (imports, and dateparser's ~8 s first use), so
    a long-running caller should pass its own `pool` (e.g. make_extractor_pool) and keep it.
    """
    work: Sequence[tuple[bytes | str, str | None, str | None]] = list(items)
    if pool is None and (processes <= 1 or len(work) <= 1):
        return [_extract_item(item) for item in work]
    workers = max(processes, 1)
    chunksize = max(1, len(work) // (workers * 4))
    if pool is None:
        with make_extractor_pool(workers) as own_pool:
            counted = list(own_pool.map(_extract_item_counted, work, chunksize=chunksize))
    else:
        counted = list(pool.map(_extract_item_counted, work, chunksize=chunksize))
    # The workers counted in their own processes; this process's count must include them.
    _count_calls(sum(calls for _, calls in counted))
    return [result for result, _ in counted]


def make_extractor_pool(processes: int) -> ProcessPoolExecutor:
    """A process pool for extract_many; spawned workers, so no forked locks or threads.

    Every worker ends with this process, even after a kill -9 (workers.exit_with_parent).
    """
    import os  # here, with the initializer: the pool's whole concern in this module

    from newsledger.text.workers import exit_with_parent

    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=get_context("spawn"),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )
