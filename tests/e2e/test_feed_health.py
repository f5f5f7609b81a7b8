"""Feed health means "we are getting the articles", end to end through the live ingest and
v_source_health; and no message stored in the fetch log or feed state runs past 1,000
characters, whatever a feed or page holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.store.warehouse import Warehouse
from support.bad_input import GOOD_PARAGRAPHS, Newsroom, article_page, item, rss
from support.loopback import LoopbackServer

RSS = {"Content-Type": "application/rss+xml"}
CAPPED = 1_000 + len("… (100000 more characters)")


@pytest.fixture
def room(loopback_server: LoopbackServer, tmp_path: Path) -> Newsroom:
    loopback_server.route("/good", body=article_page("Council passes budget", GOOD_PARAGRAPHS))
    return Newsroom(loopback_server, tmp_path / "health.duckdb")


def serve(room: Newsroom, name: str, body: str, etag: str | None = None) -> str:
    path = f"/{name}.xml"
    headers = RSS if body.lstrip().startswith("<?xml") else {"Content-Type": "text/html"}
    room.server.route(path, body=body, headers=headers, etag=etag)
    room.feeds[name] = room.url(path)
    return path


def health(room: Newsroom, name: str) -> tuple[int, str | None]:
    """(failures_in_a_row, feed_state.last_problem) of one feed."""
    with Warehouse.open(room.db, read_only=True) as warehouse:
        [(failures,)] = warehouse.fetch_all(
            "SELECT failures_in_a_row FROM v_source_health WHERE source_name = ?", [name]
        )
        [(problem,)] = warehouse.fetch_all(
            "SELECT last_problem FROM feed_state WHERE feed_name = ?", [name]
        )
    return failures, problem


def test_a_failing_feed_that_would_answer_304_is_still_failing(room: Newsroom) -> None:
    """The feed serves a home page (with an ETag) instead of a feed. Asked again with that
    ETag it would answer 304, and a 304 used to count as a good poll."""
    path = serve(room, "wire", article_page("Home", GOOD_PARAGRAPHS), etag='"home"')
    url = room.url(path)
    room.run()
    room.run()
    assert [(c, o) for c, _, o in room.log(url)] == [("feed_invalid", "feed_invalid")] * 2
    assert "if-none-match" not in room.server.requests_for(path)[-1].headers
    assert health(room, "wire")[0] == 2

    serve(room, "wire", rss(item(room.url("/good"))), etag='"fixed"')
    room.run()
    room.run()  # a clean poll's validators are used: the next answer is a 304
    assert [(c, o) for c, _, o in room.log(url)][2:] == [(None, "feed_ok"), (None, "not_modified")]
    assert health(room, "wire") == (0, None)


def test_a_feed_whose_items_have_no_link_is_healthy(room: Newsroom) -> None:
    items = "".join(f"<item><title>Brief {i}</title></item>" for i in range(5_000))
    url = room.url(serve(room, "briefs", rss(items)))
    room.run()
    assert room.log(url) == [(None, "5000 entries without a link left out", "feed_ok")]
    assert health(room, "briefs") == (0, None)


def test_a_stray_html_entity_does_not_fail_the_feed(room: Newsroom) -> None:
    url = room.url(serve(room, "wire", rss(item(room.url("/good"), title="Storm&nbsp;hits"))))
    room.run()
    assert room.log(url) == [(None, None, "feed_ok")]
    assert room.log(room.url("/good"))[0] == (None, None, "extracted")
    assert health(room, "wire") == (0, None)


@pytest.mark.parametrize("guid", ["abc-123", "stories/42", "/world/99"])
def test_a_guid_that_is_not_a_web_address_is_never_fetched(room: Newsroom, guid: str) -> None:
    feed = f"<item><title>Wire story</title><guid>{guid}</guid></item>"
    url = room.url(serve(room, "wire", rss(feed + item(room.url("/good")))))
    room.run()
    assert {r.path for r in room.server.requests} == {"/wire.xml", "/good"}
    assert room.log(url) == [(None, "1 entry without a link left out", "feed_ok")]


def test_quadratic_entity_expansion_never_reaches_the_log(room: Newsroom) -> None:
    doctype = f"<!DOCTYPE rss [<!ENTITY laughing '{'x' * 20_000}'>]>"
    body = rss(item(room.url("/good"), title="&laughing;" * 2_000), doctype)
    url = room.url(serve(room, "laughs", body))
    room.run()
    [(error_class, message, outcome)] = room.log(url)
    assert (error_class, outcome) == ("feed_partial", "feed_partial")
    assert message == (
        "its DTD internal subset (20023 bytes) was removed unread, so the entities it defined "
        "are kept as text: &laughing;"
    )
    assert health(room, "laughs") == (1, message)


def test_every_stored_message_is_capped(room: Newsroom) -> None:
    """5,000 skipped entries on a feed, and a 50,000-character link that fails: each message
    is cut to 1,000 characters with a tail saying how much more there was."""
    odd = "".join(item(f"javascript:alert({i})", title=f"story {i}") for i in range(5_000))
    long_link = room.url("/" + "a" * 50_000)
    feed_url = room.url(serve(room, "odd", rss(odd + item(long_link))))
    room.run()
    [(feed_class, feed_message, _)] = room.log(feed_url)
    [(page_class, page_message, _)] = room.log(long_link)
    assert (feed_class, page_class) == ("feed_partial", "http_4xx")
    for message in (feed_message, page_message, health(room, "odd")[1]):
        assert message is not None and len(message) <= CAPPED
        assert message[1_000:].startswith("… (") and message.endswith(" more characters)")
    assert (feed_message or "").startswith("skipped 5000 entries: story 0 (link is not http(s)")
