from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsledger.capture.feeds import cap_entries, parse_feed
from support.public_corpus import realdata_names

REAL_FEEDS = realdata_names("feeds", (".xml", ".rss"))
BASE = "https://news.example.com/feeds/world.xml"

RSS_091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old News</title><link>https://news.example.com/</link>
<description>d</description><language>en</language>
<item><title>First story</title><link>https://news.example.com/first</link></item>
<item><title>Second story</title><link>https://news.example.com/second</link></item>
</channel></rss>"""

RSS_10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example.com/">
<title>RDF News</title><link>https://news.example.com/</link><description>d</description>
<items><rdf:Seq><rdf:li resource="https://news.example.com/rdf-1"/></rdf:Seq></items>
</channel>
<item rdf:about="https://news.example.com/rdf-1"><title>RDF story</title>
<link>https://news.example.com/rdf-1</link><dc:date>2024-02-03T04:05:06Z</dc:date></item>
</rdf:RDF>"""

RSS_20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World &amp; More</title><link>https://news.example.com/</link>
<item><title>Story one</title><link>https://news.example.com/one</link>
<guid isPermaLink="false">id-1</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>
<item><title>Story two</title><link>https://news.example.com/two</link>
<guid isPermaLink="false">id-2</guid><pubDate>Wed, 11 Jun 2003 09:30:00 +0200</pubDate></item>
</channel></rss>"""

ATOM_10 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<id>urn:uuid:feed</id><updated>2024-05-06T07:08:09Z</updated>
<entry><title>Atom story</title><id>urn:uuid:entry-1</id>
<link rel="alternate" href="https://news.example.com/atom-1"/>
<published>2024-05-06T07:00:00Z</published><updated>2024-05-06T07:08:09Z</updated></entry>
</feed>"""


def rss(items: str, title: str = "T") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


def item(title: str, link: str, guid: str | None = None) -> str:
    guid_xml = f'<guid isPermaLink="false">{guid}</guid>' if guid else ""
    return f"<item><title>{title}</title><link>{link}</link>{guid_xml}</item>"


@pytest.mark.parametrize(
    ("body", "feed_format", "title", "links"),
    [
        (
            RSS_091,
            "rss091n",
            "Old News",
            ["https://news.example.com/first", "https://news.example.com/second"],
        ),
        (RSS_10, "rss10", "RDF News", ["https://news.example.com/rdf-1"]),
        (
            RSS_20,
            "rss20",
            "World & More",
            ["https://news.example.com/one", "https://news.example.com/two"],
        ),
        (ATOM_10, "atom10", "Atom News", ["https://news.example.com/atom-1"]),
    ],
)
def test_each_feed_format_parses(
    body: bytes, feed_format: str, title: str, links: list[str]
) -> None:
    parsed = parse_feed(body, BASE)
    assert (parsed.format, parsed.title, parsed.problem) == (feed_format, title, None)
    assert [entry.link for entry in parsed.entries] == links


def test_rss20_guids_and_dates_in_utc() -> None:
    entries = parse_feed(RSS_20, BASE).entries
    assert [(e.guid, e.title, e.published) for e in entries] == [
        ("id-1", "Story one", datetime(2003, 6, 10, 4, 0, tzinfo=UTC)),
        ("id-2", "Story two", datetime(2003, 6, 11, 7, 30, tzinfo=UTC)),
    ]


def test_atom_ids_and_dates() -> None:
    (entry,) = parse_feed(ATOM_10, BASE).entries
    assert (entry.guid, entry.published, entry.updated) == (
        "urn:uuid:entry-1",
        datetime(2024, 5, 6, 7, 0, tzinfo=UTC),
        datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
    )


def test_rdf_dublin_core_date_is_the_updated_time() -> None:
    # feedparser files dc:date under "updated"; it is kept there.
    (entry,) = parse_feed(RSS_10, BASE).entries
    assert (entry.published, entry.updated) == (None, datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC))


@pytest.mark.parametrize("name", REAL_FEEDS)
def test_every_real_feed_parses_with_web_links(realdata: Path, name: str) -> None:
    parsed = parse_feed((realdata / "feeds" / name).read_bytes(), BASE, "application/rss+xml")
    assert parsed.problem is None
    assert parsed.format == "rss20"
    assert len(parsed.entries) > 0
    assert all(entry.link.startswith(("http://", "https://")) for entry in parsed.entries)
    assert len({entry.guid for entry in parsed.entries}) == len(parsed.entries)


@pytest.mark.parametrize(
    ("href", "link"),
    [
        ("/world/a", "https://news.example.com/world/a"),
        ("b.html", "https://news.example.com/feeds/b.html"),
        ("//cdn.example.net/c", "https://cdn.example.net/c"),
        ("../d", "https://news.example.com/d"),
    ],
)
def test_relative_links_resolve_against_the_feed_url(href: str, link: str) -> None:
    (entry,) = parse_feed(rss(item("x", href)), BASE).entries
    assert entry.link == link


def test_non_web_and_missing_links_are_rejected_with_reasons() -> None:
    body = rss(
        item("ok", "https://news.example.com/ok")
        + item("js", "javascript:alert(1)")
        + item("file", "file:///etc/passwd")
        + item("data", "data:text/html,hi")
        + item("mail", "mailto:desk@example.com")
        + "<item><title>no link</title></item>"
    )
    parsed = parse_feed(body, BASE)
    assert [entry.link for entry in parsed.entries] == ["https://news.example.com/ok"]
    assert parsed.rejected == (
        ("js", "link is not http(s): javascript:alert(1)"),
        ("file", "link is not http(s): file://etc/passwd"),  # as feedparser hands it over
        ("data", "link is not http(s): data:text/html,hi"),
        ("mail", "link is not http(s): mailto:desk@example.com"),
        ("no link", "no link"),
    )


def test_duplicate_guids_and_links_collapse_to_the_first() -> None:
    body = rss(
        item("a", "https://news.example.com/a", "g1")
        + item("a again", "https://news.example.com/a2", "g1")
        + item("b", "https://news.example.com/b", "g2")
        + item("b moved guid", "https://news.example.com/b", "g3")
    )
    parsed = parse_feed(body, BASE)
    assert [(e.title, e.guid) for e in parsed.entries] == [("a", "g1"), ("b", "g2")]


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (b"", None, "empty document: no feed in it"),
        (b"  \n ", None, "empty document: no feed in it"),
        (
            b"<!doctype html><html><head><title>Home</title></head>"
            b"<body><p>Not a feed</p><a href='/a'>a</a></body></html>",
            "text/html",
            "not a feed: no RSS or Atom document found (",
        ),
        (b'{"items": []}', "application/json", "not a feed: no RSS or Atom document found"),
    ],
)
def test_not_a_feed_is_a_problem_without_entries(
    body: bytes, content_type: str | None, problem: str
) -> None:
    parsed = parse_feed(body, BASE, content_type)
    assert (parsed.entries, parsed.format) == ((), "unknown")
    assert parsed.problem is not None and parsed.problem.startswith(problem)


def test_malformed_feed_keeps_its_good_entries() -> None:
    body = rss(
        item("a", "https://news.example.com/a") + item("b & c", "https://news.example.com/b")
    ).replace(b"</channel></rss>", b"<item><title>cut")
    parsed = parse_feed(body, BASE)
    assert [entry.link for entry in parsed.entries] == [
        "https://news.example.com/a",
        "https://news.example.com/b",
    ]
    assert parsed.problem is not None
    assert parsed.problem.startswith("malformed feed, kept 2 readable entries: ")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://news.example.com/laughs</link></item>
</channel></rss>"""


def test_billion_laughs_is_not_expanded() -> None:
    parsed = parse_feed(BILLION_LAUGHS, BASE)
    assert parsed.problem == (
        "its DTD internal subset (715 bytes) was removed unread, so the entities it defined "
        "are kept as text: &lol9;"
    )
    assert parsed.title == "&lol9;"
    assert [(e.title, e.link) for e in parsed.entries] == [
        ("&lol9;", "https://news.example.com/laughs")
    ]


@pytest.mark.parametrize(
    "declaration",
    [
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">',
        b'<!ENTITY xxe PUBLIC "-//x//EN" "file:///etc/passwd">',
        b'<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;',
    ],
)
def test_external_entities_are_never_read(declaration: bytes) -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [' + declaration + b"]>"
        b'<rss version="2.0"><channel><title>t &xxe;</title><item><title>&xxe;</title>'
        b"<link>https://news.example.com/x</link><description>&xxe;</description></item>"
        b"</channel></rss>"
    )
    parsed = parse_feed(body, BASE)
    seen = repr(parsed)
    assert "root:" not in seen
    assert Path("/etc/passwd").read_text().splitlines()[0] not in seen
    assert [entry.link for entry in parsed.entries] == ["https://news.example.com/x"]


def test_a_body_that_names_a_file_is_not_read() -> None:
    # feedparser opens a str or bytes argument as a file name when it can.
    parsed = parse_feed(b"/etc/passwd", BASE)
    assert parsed.entries == ()
    assert "root:" not in repr(parsed)


def big_feed(count: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://news.example.com/s/{i}</link>"
        f'<guid isPermaLink="false">g{i}</guid></item>'
        for i in range(count)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'
        f"<image><url>https://news.example.com/logo.png</url></image>{items}</channel></rss>"
    ).encode()


def test_huge_feed_is_capped_with_a_clear_problem() -> None:
    # 100,000 entries (14 MB): feedparser needs ~37 s for all of them, so the body is cut
    # after max_entries before parsing; the default cap parses in a few seconds.
    parsed = parse_feed(big_feed(100_000), BASE)
    assert len(parsed.entries) == 10_000
    assert parsed.entries[-1].link == "https://news.example.com/s/9999"
    assert parsed.problem == (
        "feed has more than 10000 entries; read the first 10000 and skipped 90000 "
        "(raise max_entries to read more)"
    )


def test_entry_cap_is_configurable() -> None:
    parsed = parse_feed(big_feed(30), BASE, max_entries=5)
    assert [entry.guid for entry in parsed.entries] == ["g0", "g1", "g2", "g3", "g4"]
    assert parsed.problem is not None and "skipped 25" in parsed.problem


@pytest.mark.parametrize(
    ("body", "closing"),
    [
        (
            b"<rss><channel><title>x</title><item>1</item><item>2</item></channel></rss>",
            b"</channel></rss>",
        ),
        (b"<feed xmlns='a'><entry>1</entry><entry>2</entry></feed>", b"</feed>"),
        (
            b"<rdf:RDF><channel><items/></channel><item>1</item><item>2</item></rdf:RDF>",
            b"</rdf:RDF>",
        ),
    ],
)
def test_cap_closes_the_open_elements(body: bytes, closing: bytes) -> None:
    capped, skipped = cap_entries(body, 1)
    assert skipped == 1
    assert capped.endswith(b">1</item>" + closing) or capped.endswith(b">1</entry>" + closing)


def test_cap_leaves_a_small_feed_alone() -> None:
    assert cap_entries(RSS_20, 2) == (RSS_20, None)
