"""When a body may be extracted once for several URLs: only when the page names its own
absolute address, so that extract_article gives the same result under any URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.runs.extraction_cache import page_names_its_address
from newsledger.text.extract import extract_article
from support.public_corpus import realdata_dir, realdata_names

TEXT = "".join(f"<p>Paragraph {n} of the story, long enough to be text.</p>" for n in range(8))
# Two URLs that differ in everything extraction could read: host, port, a date in the path.
URLS = (
    "https://www.example.org/2019/05/03/some-story.html",
    "http://copies.test:8080/x/2021-01-02/page?utm_source=feed",
)


def page(head: str) -> bytes:
    return f"<html><head><title>Story</title>{head}</head><body>{TEXT}</body></html>".encode()


@pytest.mark.parametrize(
    ("head", "names_address"),
    [
        ('<link rel="canonical" href="https://news.example.com/a/story">', True),
        ('<meta property="og:url" content="https://news.example.com/a/story">', True),
        ('<link rel="canonical" href="/a/story">', False),
        ('<link rel="canonical" href="story.html">', False),
        (
            '<link rel="canonical" href="https://news.example.com/a/story">'
            '<meta property="og:url" content="/a/story">',
            False,
        ),
        ("", False),
    ],
    ids=["absolute-canonical", "absolute-og-url", "root-relative", "relative", "mixed", "none"],
)
def test_a_page_names_its_address_only_when_every_named_address_is_absolute(
    head: str, names_address: bool
) -> None:
    assert page_names_its_address(page(head), None) is names_address


@pytest.mark.parametrize("name", realdata_names("pages", (".html",)))
def test_a_real_page_that_names_its_address_extracts_alike_under_any_url(name: str) -> None:
    body = (realdata_dir() / "pages" / name).read_bytes()
    if not page_names_its_address(body, None):
        pytest.skip(f"{name} does not name its own address: extracted once per URL")
    assert extract_article(body, URLS[0]) == extract_article(body, URLS[1])


def test_most_real_pages_name_their_address(realdata: Path) -> None:
    pages = sorted((realdata / "pages").glob("*.html"))
    named = [p.stem for p in pages if page_names_its_address(p.read_bytes(), None)]
    assert (len(named), len(pages)) == (32, 40)
