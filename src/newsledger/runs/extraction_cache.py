"""No page body extracted twice in a run: extraction results keyed by the body's SHA-256.

Feeds list one story under several URLs (tracking parameters, section paths, mirrors) and
those pages come back byte-identical; extracting each copy again is the run's largest waste.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from lxml import etree
from trafilatura.metadata import extract_opengraph, extract_url

from newsledger.runs.fetches import PageFetch
from newsledger.text.extract import ExtractedArticle, NoArticle, decode_html
from newsledger.text.html_clean import parse_page

Extracted = ExtractedArticle | NoArticle
# (body sha256, declared encoding, the URL the body was extracted under)
ExtractionKey = tuple[str, str | None, str | None]
PageExtractor = Callable[[Sequence[PageFetch]], dict[int, Extracted]]

# Results kept for later batches of the run (least recently used dropped first): two and a
# half batches of the default size. A result is the article's text, ~8 KB on the generated
# pages, so the cache holds ~4 MB whatever the run's length (2,000 results held 17 MB).
DEFAULT_MAX_RESULTS = 500
# The two places extract_article reads a canonical address from the page (text/extract.py).
_CANONICAL_XPATH = (
    "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href"
    " | //meta[@property='og:url' or @name='og:url']/@content"
)
_WEB_SCHEMES = ("http", "https")


def page_names_its_address(body: bytes, encoding: str | None) -> bool:
    """True when extract_article gives this body the same result under every URL.

    extract_article reads the page's URL in two places only: to resolve the page's canonical
    link (absolute links need no base), and as trafilatura's address for the page when the
    page names none (its hostname strips a site suffix from the title, a date in its path
    can be the published date, its domain can be the site name). So the result does not
    depend on the URL when every canonical link and og:url the page has is absolute and
    trafilatura finds the page's own address (og:url, or a canonical, base or x-default
    link in the head; trafilatura.metadata's own readers are asked). The body is decoded
    and parsed the way extract_article does it.
    """
    text = decode_html(body, encoding).replace("\x00", "").lstrip("\ufeff")
    try:
        tree = parse_page(text)
    except (etree.ParserError, ValueError):
        return False
    for value in tree.xpath(_CANONICAL_XPATH):
        href = str(value).strip()
        parts = urlsplit(href)
        if href and (parts.scheme.lower() not in _WEB_SCHEMES or not parts.hostname):
            return False
    return extract_opengraph(tree)["url"] is not None or extract_url(tree, None) is not None


class ExtractionCache:
    """Results of one run's extractions, keyed by body hash, declared encoding and URL; a
    body seen again under another URL reuses its result when the page names its own
    address (page_names_its_address, checked once a body), else it is extracted again."""

    def __init__(self, max_results: int = DEFAULT_MAX_RESULTS) -> None:
        self.max_results = max_results
        self._results: OrderedDict[ExtractionKey, Extracted] = OrderedDict()
        # (sha256, encoding) -> the first URL it was extracted under, and whether it pins it.
        self._first_url: dict[tuple[str, str | None], str | None] = {}
        self._names_address: dict[tuple[str, str | None], bool] = {}

    def extract(
        self, pages: Sequence[PageFetch], todo: Sequence[int], extract: PageExtractor
    ) -> dict[int, Extracted]:
        """Results for the pages at `todo`; `extract` gets each key's first page only, the
        pages of this batch that no earlier batch of the run has extracted."""
        keys = {index: self._key(pages[index]) for index in todo}
        firsts: dict[ExtractionKey, int] = {}
        for index in todo:
            if keys[index] not in self._results:
                firsts.setdefault(keys[index], index)
        fresh_pages = [pages[index] for index in firsts.values()]
        fresh = extract(fresh_pages) if fresh_pages else {}
        found = {key: fresh[number] for number, key in enumerate(firsts)}
        results: dict[int, Extracted] = {}
        for index in todo:
            key = keys[index]
            if key in found:
                results[index] = found[key]
            else:
                results[index] = self._results[key]
                self._results.move_to_end(key)
        for key, article in found.items():
            self._remember(key, article)
        return results

    def _key(self, page: PageFetch) -> ExtractionKey:
        result = page.result
        digest = result.body_sha256 or hashlib.sha256(result.body).hexdigest()
        body_key = (digest, result.encoding)
        url = result.final_url
        first = self._first_url.setdefault(body_key, url)
        if first == url:
            return (digest, result.encoding, url)
        if body_key not in self._names_address:
            self._names_address[body_key] = page_names_its_address(result.body, result.encoding)
        return (digest, result.encoding, first if self._names_address[body_key] else url)

    def _remember(self, key: ExtractionKey, article: Extracted) -> None:
        self._results[key] = article
        while len(self._results) > self.max_results:
            (digest, encoding, _), _ = self._results.popitem(last=False)
            self._first_url.pop((digest, encoding), None)
            self._names_address.pop((digest, encoding), None)
