import pytest

from newsledger.text.urls import canonical_url, report_id_for_url, resolve_link


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTP://Example.COM:80/a#x", "http://example.com/a"),
        ("https://Example.com:443/a/b/", "https://example.com/a/b/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com", "http://example.com/"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?fbclid=XYZ", "https://example.com/a"),
        ("https://example.com/a?gclid=1&page=2", "https://example.com/a?page=2"),
        # Remaining parameters keep their order and their spelling.
        (
            "https://example.com/a?z=1&utm_campaign=x&a=2&m=%20",
            "https://example.com/a?z=1&a=2&m=%20",
        ),
        (
            "https://www.bbc.com/news/articles/cp81?at_medium=RSS",
            "https://www.bbc.com/news/articles/cp81",
        ),
        ("  https://example.com/a#top  ", "https://example.com/a"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/Case/Kept", "https://example.com/Case/Kept"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTPS://WWW.Example.com:443/x/?b=2&utm_term=t&a=1#frag")
    assert canonical_url(once) == once == "https://www.example.com/x/?b=2&a=1"


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a", "javascript:alert(1)", "/relative", "http://"]
)
def test_canonical_url_rejects_non_web_urls(url: str) -> None:
    with pytest.raises(ValueError, match="not an http"):
        canonical_url(url)


@pytest.mark.parametrize(
    ("canonical", "report_id"),
    [
        (
            "https://www.nytimes.com/2024/01/02/world/europe/storm-hits-coast.html",
            "nytimes-com-storm-hits-coast-",
        ),
        ("https://example.com/", "example-com-"),
        ("https://example.com/news/12345", "example-com-12345-"),
        ("https://example.com/a?id=5", "example-com-a-"),
    ],
)
def test_report_id_is_a_readable_slug_then_a_hash(canonical: str, report_id: str) -> None:
    made = report_id_for_url(canonical)
    assert made.startswith(report_id)
    assert len(made) == len(report_id) + 12
    assert made == report_id_for_url(canonical)


def test_report_id_tells_apart_urls_with_the_same_slug() -> None:
    assert report_id_for_url("https://example.com/a?id=5") != report_id_for_url(
        "https://example.com/a?id=6"
    )


def test_report_id_slug_is_capped() -> None:
    made = report_id_for_url("https://example.com/" + "word-" * 40)
    assert made.rsplit("-", 1)[0] == "example-com-word-word-word-word-word-wor"


@pytest.mark.parametrize(
    ("href", "resolved"),
    [
        ("/a/b", "https://news.example.com/a/b"),
        ("c", "https://news.example.com/feeds/c"),
        ("//cdn.example.net/x", "https://cdn.example.net/x"),
        ("http://other.example.org/y", "http://other.example.org/y"),
        ("  /spaced  ", "https://news.example.com/spaced"),
        ("javascript:alert(1)", None),
        ("mailto:desk@example.com", None),
        ("data:text/html,hi", None),
        ("file:///etc/passwd", None),
        ("", None),
    ],
)
def test_resolve_link(href: str, resolved: str | None) -> None:
    assert resolve_link("https://news.example.com/feeds/rss.xml", href) == resolved
