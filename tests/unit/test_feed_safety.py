"""Feed bytes that used to cost memory, fetch the wrong thing or fail a good feed: DTD internal
subsets (quadratic entity expansion), HTML entities, GUIDs that are not addresses, entries
without a link, and the cap on every stored message."""

from __future__ import annotations

import pytest

from newsledger.capture.feeds import parse_feed
from newsledger.capture.fetch_errors import FetchError

BASE = "https://news.example.com/feeds/world.xml"


def rss(items: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel>'
        f"<title>Wire</title>{items}</channel></rss>"
    ).encode()


def quadratic_feed() -> bytes:
    """The issue's 44 KB feed: one 20,000-character entity referenced 2,000 times, which
    feedparser's fallback parser expanded to 40 million characters."""
    doctype = f"<!DOCTYPE rss [<!ENTITY laughing '{'x' * 20_000}'>]>"
    title = "&laughing;" * 2_000
    return rss(
        f"<item><title>{title}</title><link>https://news.example.com/a</link></item>", doctype
    )


def test_quadratic_entity_expansion_is_never_done() -> None:
    body = quadratic_feed()
    assert 40_000 < len(body) < 50_000
    parsed = parse_feed(body, BASE)
    [entry] = parsed.entries
    assert (entry.link, entry.title) == ("https://news.example.com/a", "&laughing;" * 2_000)
    assert parsed.problem == (
        "its DTD internal subset (20023 bytes) was removed unread, so the entities it defined "
        "are kept as text: &laughing;"
    )


@pytest.mark.parametrize(
    ("prologue", "kept"),
    [
        ("<!DOCTYPE rss [<!ENTITY a 'b'>]>", "<!DOCTYPE rss >"),
        ('<!DOCTYPE rss SYSTEM "x.dtd" [<!ENTITY a "]>">]>', '<!DOCTYPE rss SYSTEM "x.dtd" >'),
        ("<!-- <!DOCTYPE note> --><!DOCTYPE rss [<!-- ] --><!ENTITY a 'b'>]>", "<!-- <!DOCTYPE "
         "note> --><!DOCTYPE rss >"),
        ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "u">',
         '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "u">'),
    ],
)  # fmt: skip
def test_only_the_internal_subset_of_a_doctype_is_removed(prologue: str, kept: str) -> None:
    from newsledger.capture.feed_bytes import strip_internal_subsets

    body = rss("", prologue)
    stripped, removed = strip_internal_subsets(body)
    assert stripped == rss("", kept)
    assert removed == len(body) - len(stripped)


def test_a_doctype_after_the_root_element_is_left_to_the_parser() -> None:
    from newsledger.capture.feed_bytes import strip_internal_subsets

    body = b"<rss><channel><!DOCTYPE x [<!ENTITY a 'b'>]></channel></rss>"
    assert strip_internal_subsets(body) == (body, 0)


@pytest.mark.parametrize(
    "doctype", ["<!DOCTYPE rss [<!ENTITY a 'b'>", "<!DOCTYPE rss [<!ENTITY a 'b>]>"]
)
def test_a_dtd_that_never_ends_is_refused(doctype: str) -> None:
    parsed = parse_feed(rss("<item><link>https://news.example.com/a</link></item>", doctype), BASE)
    assert (parsed.entries, parsed.format) == ((), "unknown")
    assert (parsed.problem or "").startswith("refused: its ")


def test_a_utf16_feed_has_its_dtd_removed_too() -> None:
    doctype = f"<!DOCTYPE rss [<!ENTITY big '{'x' * 1000}'>]>"
    item = "<item><title>&big;&big;</title><link>https://news.example.com/u</link></item>"
    body = rss(item, doctype).decode().replace("utf-8", "utf-16").encode("utf-16")
    parsed = parse_feed(body, BASE, "application/rss+xml; charset=utf-16")
    assert [(e.title, e.link) for e in parsed.entries] == [
        ("&big;&big;", "https://news.example.com/u")
    ]


@pytest.mark.parametrize(
    ("title", "read"),
    [
        ("Storm&nbsp;hits coast", "Storm hits coast"),  # titles have their spaces folded
        ("Caf&eacute; &amp; bar", "Café & bar"),
        ("Tom &mdash; &hellip;", "Tom — …"),
        ("<![CDATA[kept &nbsp; as written]]>", "kept &nbsp; as written"),
        ("An &undefined; name", "An &undefined; name"),
    ],
)
def test_html_entities_do_not_make_a_good_feed_malformed(title: str, read: str) -> None:
    parsed = parse_feed(
        rss(f"<item><title>{title}</title><link>https://news.example.com/a</link></item>"), BASE
    )
    assert (parsed.problem, [e.title for e in parsed.entries]) == (None, [read])


@pytest.mark.parametrize(
    ("guid", "link"),
    [
        ("<guid>abc-123</guid>", None),
        ("<guid isPermaLink='true'>stories/42</guid>", None),
        ("<guid><![CDATA[urn:uuid:1234]]></guid>", None),
        ("<guid>//news.example.com/protocol-relative</guid>", None),
        ("<guid>https://news.example.com/real</guid>", "https://news.example.com/real"),
        ("<guid> <![CDATA[http://news.example.com/cdata]]> </guid>", "http://news.example.com/cdata"),
    ],
)  # fmt: skip
def test_a_guid_becomes_a_link_only_when_it_is_an_absolute_web_address(
    guid: str, link: str | None
) -> None:
    parsed = parse_feed(rss(f"<item><title>t</title>{guid}</item>"), BASE)
    assert [e.link for e in parsed.entries] == ([link] if link else [])
    assert (parsed.without_link, parsed.problem) == (0 if link else 1, None)


def test_entries_without_a_link_are_counted_not_a_problem() -> None:
    items = "".join(f"<item><title>Brief {i}</title></item>" for i in range(5))
    parsed = parse_feed(rss(items + "<item><link>https://news.example.com/a</link></item>"), BASE)
    assert (parsed.problem, parsed.without_link, len(parsed.entries)) == (None, 5, 1)
    assert parsed.non_web_links == ()


def test_an_entry_is_named_by_at_most_80_characters() -> None:
    parsed = parse_feed(
        rss(f"<item><title>{'w' * 5000}</title><link>javascript:x</link></item>"), BASE
    )
    [(what, why)] = parsed.non_web_links
    assert (len(what), why) == (80, "link is not http(s): javascript:x")


@pytest.mark.parametrize(
    ("message", "stored"),
    [
        ("short", "short"),
        ("two\nlines  and\tspaces", "two lines and spaces"),
        ("x" * 1_000, "x" * 1_000),
        ("x" * 5_000, "x" * 1_000 + "… (4000 more characters)"),
    ],
)
def test_stored_messages_are_one_line_of_at_most_1000_characters(message: str, stored: str) -> None:
    from newsledger.capture.fetch_errors import cap_message

    assert cap_message(message) == stored


def test_a_fetch_error_message_is_capped() -> None:
    url = "https://news.example.com/" + "a" * 100_000
    error = FetchError("invalid_url", f"{url}: no host")
    assert error.message == url[:1_000] + "… (99034 more characters)"
