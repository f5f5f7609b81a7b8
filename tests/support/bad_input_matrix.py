"""The bad-input matrix: every hostile page, odd page and broken feed as a case with what it
must record, and the one loopback newsroom that serves them all at once beside a good article.

tests/e2e/conftest.py runs the live ingest over it twice (the `matrix` fixture);
test_bad_pages.py and test_bad_feeds.py assert each case against that one run.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from support.bad_input import (
    CAP,
    CLOSED_PORT,
    GOOD_PARAGRAPHS,
    Newsroom,
    article_page,
    item,
    other_paragraphs,
    rss,
)
from support.loopback import Reply

FULL = os.environ.get("NEWSLEDGER_FULL") == "1"


# ------------------------------------------------------------------ hostile pages

Routes = Callable[[str], Mapping[str, Reply]]


@dataclass(frozen=True)
class PageCase:
    """A feed entry whose page misbehaves; `routes(path)` serves it at /bad/<id>.

    `message` is a regular expression (after {url}, {base}, {port} are filled in, escaped)
    that the whole recorded error message must match."""

    id: str
    routes: Routes
    error_class: str
    message: str
    link: str = "{base}/bad/{id}"
    xfail: str | None = None


def _reply(reply: Reply) -> Routes:
    return lambda path: {path: reply}


def _redirect(to: str) -> Routes:
    return lambda path: {path: Reply(status=302, headers={"Location": to})}


def _chain(length: int) -> Routes:
    def routes(path: str) -> Mapping[str, Reply]:
        hops = [path, *(f"{path}/hop{i}" for i in range(1, length + 1))]
        return {
            a: Reply(status=302, headers={"Location": b})
            for a, b in zip(hops, hops[1:], strict=False)
        }

    return routes


def _loop(path: str) -> Mapping[str, Reply]:
    return {
        path: Reply(status=301, headers={"Location": f"{path}/2"}),
        f"{path}/2": Reply(status=301, headers={"Location": path}),
    }


PDF = b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"
STUB_PAGE = "<html><body><nav><a href='/'>Home</a></nav><p>Short.</p></body></html>"
BOMB = gzip.compress(b"\0" * 50_000_000)
NO_ROUTES: Routes = lambda path: {}  # noqa: E731
OVER_CAP = b"a" * (CAP + 2_000_000)

PAGE_CASES = [
    PageCase("http-404", _reply(Reply(status=404, body="gone")),
             "http_4xx", "{url}: HTTP 404 Not Found"),
    PageCase("http-500", _reply(Reply(status=500)),
             "http_5xx", "{url}: HTTP 500 Internal Server Error"),
    PageCase("headers-then-stall", _reply(Reply(body="x" * 5000, stall_after_headers=True)),
             "timeout", r"{url}: timed out \(ReadTimeout: timed out\)"),
    PageCase("dropped-mid-body",
             _reply(Reply(body=article_page("Drop", GOOD_PARAGRAPHS), drop_mid_body=True)),
             "protocol_error", r"{url}: broken response \(peer closed connection without "
             r"sending complete message body \(received \d+ bytes, expected \d+\)\)"),
    PageCase("gzip-bomb", _reply(Reply(body=BOMB, headers={"Content-Encoding": "gzip"})),
             "body_too_large", f"{{url}}: body exceeds {CAP} bytes decoded"),
    PageCase("over-cap-announced", _reply(Reply(body=OVER_CAP)),
             "body_too_large", f"{{url}}: Content-Length {len(OVER_CAP)} exceeds {CAP} bytes"),
    PageCase("over-cap-chunked", _reply(Reply(body=OVER_CAP, chunked=True)),
             "body_too_large", f"{{url}}: body exceeds {CAP} bytes decoded"),
    PageCase("bad-gzip", _reply(Reply(body=b"not gzip", headers={"Content-Encoding": "gzip"})),
             "protocol_error", r"{url}: bad gzip body \(Error -3 while decompressing data: "
             r"incorrect header check\)"),
    PageCase("unsupported-encoding", _reply(Reply(body=b"xx", headers={"Content-Encoding": "br"})),
             "protocol_error", "{url}: unsupported Content-Encoding 'br'"),
    PageCase("redirect-loop", _loop,
             "redirect_loop", "{url}/2: redirect loop back to {url}"),
    PageCase("too-many-redirects", _chain(8),
             "too_many_redirects", r"{url}: more than 5 redirects \(last to {path}/hop6\)"),
    PageCase("redirect-without-location", _reply(Reply(status=302)),
             "protocol_error", "{url}: HTTP 302 without a Location"),
    PageCase("redirect-to-private", _redirect("http://10.0.0.1/admin"),
             "refused_address", "http://10.0.0.1/admin: host 10.0.0.1 is 10.0.0.1, "
             "a private address"),
    PageCase("redirect-to-metadata", _redirect("http://169.254.169.254/latest/meta-data/"),
             "refused_address", "http://169.254.169.254/latest/meta-data/: host 169.254.169.254 "
             "is 169.254.169.254, a link-local address"),
    PageCase("redirect-to-file", _redirect("file:///etc/passwd"),
             "refused_scheme", r"file:///etc/passwd: scheme file: is not http\(s\)"),
    PageCase("name-does-not-resolve", NO_ROUTES,
             "dns_error", r"{url}: cannot resolve nowhere.test \(\[Errno -2\] nowhere.test is "
             r"not in the test's name table\)", link="http://nowhere.test/story"),
    PageCase("https-to-plain-http-port", NO_ROUTES,
             "tls_error", r"{url}: TLS handshake failed \(\[SSL: WRONG_VERSION_NUMBER\] "
             r"wrong version number \(_ssl.c:\d+\)\)", link="https://news.test:{port}/bad/tls"),
    PageCase("port-out-of-range", NO_ROUTES,
             "invalid_url", "{url}: Port out of range 0-65535", link="http://news.test:99999/x"),
    PageCase("nothing-listening", NO_ROUTES,
             "connect_error", r"{url}: connection failed \(\[Errno 111\] Connection refused\)",
             link=f"http://news.test:{CLOSED_PORT}/x"),
    PageCase("pdf-content-type",
             _reply(Reply(body=PDF, headers={"Content-Type": "application/pdf"})),
             "no_article", r"{url}: not HTML: the bytes are a binary format \(PDF, image or "
             r"archive\)"),
    PageCase("no-extractable-article",
             _reply(Reply(body=STUB_PAGE)),
             "no_article", "{url}: too little article text: 11 characters, fewer than 200"),
    PageCase("empty-200", _reply(Reply(body=b"")), "no_article", "{url}: empty page"),
    PageCase("plain-text-200",
             _reply(Reply(body="just words " * 80, headers={"Content-Type": "text/plain"})),
             "no_article", "{url}: not HTML: no markup in the page"),
]  # fmt: skip
# Loopback by every spelling: each must be refused although the server really is there.
LOOPBACK_SPELLINGS = [
    ("redirect-to-loopback", "127.0.0.1", "127.0.0.1"),
    ("redirect-to-localhost-name", "localhost", "127.0.0.1"),
    ("redirect-to-decimal-ip", "2130706433", "127.0.0.1"),
    ("redirect-to-mapped-ipv6", "[::ffff:127.0.0.1]", "::ffff:7f00:1"),
]
PAGE_CASES += [
    PageCase(case_id, _redirect(f"http://{host}:{{port}}/good"), "refused_address",
             f"http://{re.escape(host)}:{{port}}/good: host {re.escape(host.strip('[]'))} "
             f"is {address}, a loopback address")
    for case_id, host, address in LOOPBACK_SPELLINGS
]  # fmt: skip
PAGE_CASES.append(
    PageCase("redirect-to-octal-ip", _redirect("http://0177.0.0.1:{port}/good"), "refused_address",
             "http://0177.0.0.1:{port}/good: host 0177.0.0.1 is 127.0.0.1, a loopback address")
)  # fmt: skip


# ------------------------------------------------------ pages whose text is stored

SCRIPT_SENTENCE = (
    "The attacker typed <script>alert('owned')</script> into the comment form, the "
    "council's security officer told the meeting on Tuesday evening."
)
CAFE = (
    "The café on the Zürich quay reopened, and the mayor's aide said the façade cost "
    "€2 million — more than the naïve estimate of the council's budget office last year."
)
HUGE_PARAGRAPHS = tuple(
    f"Section {i}: " + "the committee heard evidence. " * 330 for i in range(500)
)
INVALID_UTF8_PAGE = (
    article_page("Bytes", (*GOOD_PARAGRAPHS[:2], "The mayor said @@ twice and left the room."))
    .encode("utf-8")
    .replace(b"@@", b"\xff\xfe")
)

CAFE_PAGE = article_page("Café", (CAFE, GOOD_PARAGRAPHS[0]))
STRAY_BYTE_PAGE = (
    article_page("Café", (CAFE, GOOD_PARAGRAPHS[0])).encode("utf-8").replace(b"aide", b"ai\xffde")
)


@dataclass(frozen=True)
class TextCase:
    """A page at `path` that must be stored, with exactly `text` as its body."""

    id: str
    path: str
    reply: Reply
    text: str
    link: str = "{base}{path}"
    xfail: str | None = None


TEXT_CASES: list[TextCase] = [
    TextCase("script-in-text", "/odd/script",
             Reply(body=article_page("Form attack", (*GOOD_PARAGRAPHS[:3], SCRIPT_SENTENCE),
                                     "<script>document.title = 'executed-by-page'</script>")),
             "\n\n".join((*GOOD_PARAGRAPHS[:3], SCRIPT_SENTENCE))),
    TextCase("null-bytes", "/odd/nul",
             Reply(body=article_page("Nulls", GOOD_PARAGRAPHS[:3]).replace("aph 1", "a\x00ph 1")),
             "\n\n".join(GOOD_PARAGRAPHS[:3])),
    TextCase("utf8-served-as-latin1", "/odd/latin1",
             Reply(body=article_page("Café", (CAFE, GOOD_PARAGRAPHS[0])).encode("utf-8"),
                   headers={"Content-Type": "text/html; charset=iso-8859-1"}),
             f"{CAFE}\n\n{GOOD_PARAGRAPHS[0]}"),
    TextCase("cp1252-served-as-utf8", "/odd/cp1252",
             Reply(body=CAFE_PAGE.replace("utf-8", "windows-1252")
                   .encode("cp1252"), headers={"Content-Type": "text/html; charset=utf-8"}),
             f"{CAFE}\n\n{GOOD_PARAGRAPHS[0]}"),
    TextCase("invalid-utf8", "/odd/invalid-utf8", Reply(body=INVALID_UTF8_PAGE),
             "\n\n".join((*GOOD_PARAGRAPHS[:2],
                          "The mayor said \N{REPLACEMENT CHARACTER}\N{REPLACEMENT CHARACTER} "
                          "twice and left the room."))),
    TextCase("stray-byte-in-utf8-page", "/odd/stray", Reply(body=STRAY_BYTE_PAGE),
             CAFE.replace("aide", "ai\N{REPLACEMENT CHARACTER}de") + "\n\n" + GOOD_PARAGRAPHS[0]),
    TextCase("relative-link", "/relative/story",
             Reply(body=article_page("Rel", other_paragraphs("relative"))),
             "\n\n".join(other_paragraphs("relative")), link="/relative/story"),
    TextCase("protocol-relative-link", "/protocol/story",
             Reply(body=article_page("Proto", other_paragraphs("protocol"))),
             "\n\n".join(other_paragraphs("protocol")), link="//news.test:{port}/protocol/story"),
]  # fmt: skip
if FULL:
    # Stored whole, but storing costs ~110 s since build_version_record segments every
    # paragraph for facts (pysbd, ~20 s per MB of long paragraphs): report, finding 12.
    TEXT_CASES.append(
        TextCase(
            "5-mb-of-text",
            "/odd/huge",
            Reply(body=article_page("Transcript", HUGE_PARAGRAPHS)),
            "\n\n".join(p.strip() for p in HUGE_PARAGRAPHS),
        )
    )


# -------------------------------------------------------------------------- feeds


@dataclass(frozen=True)
class FeedCase:
    """A feed of its own, served at /feed-<id>.xml, listing /kept/<id> (a good page)."""

    id: str
    body: Callable[[str], bytes | str]
    error_class: str | None
    outcome: str
    message: str | None
    keeps_entry: bool = True


LOL_DTD = "<!DOCTYPE rss [<!ENTITY lol 'lol'>" + "".join(
    f"<!ENTITY lol{i} '{('&lol' + str(i - 1 or '') + ';') * 10}'>" for i in range(1, 10)
) + "]>"  # fmt: skip

FEED_CASES = [
    FeedCase("malformed-xml",
             lambda kept: rss(item(kept)).replace("</channel></rss>", "<item><title>cut"),
             "feed_partial", "feed_partial",
             # The cut-off entry has no link, so it is counted as left out too.
             r"malformed feed, kept 1 readable entries: <unknown>:1:\d+: no element found; "
             r"1 entry without a link left out"),
    FeedCase("html-instead-of-feed", lambda kept: article_page("Home page", GOOD_PARAGRAPHS),
             "feed_invalid", "feed_invalid",
             r"not a feed: no RSS or Atom document found \(<unknown>:\d+:\d+: syntax error\)",
             keeps_entry=False),
    FeedCase("empty-body", lambda kept: b"", "feed_invalid", "feed_invalid",
             "empty document: no feed in it", keeps_entry=False),
    FeedCase("null-byte-in-feed", lambda kept: rss(item(kept, title="a\x00b")),
             "feed_partial", "feed_partial",
             r"malformed feed, kept 1 readable entries: <unknown>:1:\d+: not well-formed "
             r"\(invalid token\)"),
    FeedCase("invalid-utf8-in-feed",
             lambda kept: rss(item(kept, title="caf\udce9")).encode("utf-8", "surrogateescape"),
             None, "feed_ok", None),
    FeedCase("billion-laughs", lambda kept: rss(item(kept, title="&lol9;"), LOL_DTD),
             "feed_partial", "feed_partial",
             r"its DTD internal subset \(\d+ bytes\) was removed unread, so the entities it "
             r"defined are kept as text: &lol9;"),
    FeedCase("hundred-thousand-entries",
             lambda kept: rss(f"<item><link>{kept}</link></item>" * 100_000),
             "feed_partial", "feed_partial",
             "feed has more than 10000 entries; read the first 10000 and skipped 90000 "
             r"\(raise max_entries to read more\)"),
]  # fmt: skip
# Feeds whose fetch fails: (id, reply, error class).
FEED_FETCH_FAILURES = [
    ("feed-404", Reply(status=404), "http_4xx"),
    ("feed-stalls", Reply(body="<rss>", stall_after_headers=True), "timeout"),
]
NON_WEB_LINKS = [
    ("javascript", "javascript:alert(document.cookie)"),
    ("file", "file:///etc/passwd"),
    ("data", "data:text/html,<script>alert(1)</script>"),
    ("no-link", None),  # no <link>, and a GUID that is not a permalink
]


# ------------------------------------------------------ one newsroom, every case at once


@dataclass
class MatrixRun:
    """Two ingest runs over a newsroom holding every case, and what they left behind."""

    room: Newsroom
    first: dict[str, int]
    second: dict[str, int]
    second_new_versions: int
    logs: dict[str, list[tuple[str | None, str | None, str]]]
    texts: dict[str, str]
    requested: set[str]
    feed_problems: dict[str, str | None]


def build_newsroom(room: Newsroom) -> None:
    """Serves every case of the matrix on the room's server and lists each in a feed."""
    server, base, port = room.server, room.base, room.server.port
    links = [room.url("/good")]
    for case in PAGE_CASES:
        path = f"/bad/{case.id}"
        for route, reply in case.routes(path).items():
            headers = {name: value.format(port=port) for name, value in reply.headers.items()}
            server.route_sequence(route, [replace(reply, headers=headers)])
        links.append(case.link.format(base=base, port=port, id=case.id))
    for text_case in TEXT_CASES:
        server.route_sequence(text_case.path, [text_case.reply])
        links.append(text_case.link.format(base=base, port=port, path=text_case.path))
    room.feed("wire", rss("".join(item(link) for link in links)))

    for feed_case in FEED_CASES:
        kept = f"/kept/{feed_case.id}"
        server.route(kept, body=article_page("Kept", other_paragraphs(feed_case.id)))
        url = room.feed(f"feed-{feed_case.id}", feed_case.body(room.url(kept)))
        if feed_case.id == "hundred-thousand-entries":
            # With an ETag, as any real server sends: the second poll still reads it in full,
            # since a feed that had a problem is never asked conditionally (a 304 would pass
            # for a good poll while 90,000 entries are still skipped).
            server.route(
                url.removeprefix(base),
                body=feed_case.body(room.url(kept)),
                headers={"Content-Type": "application/rss+xml"},
                etag='"big"',
            )
    for name, reply, _ in FEED_FETCH_FAILURES:
        server.route_sequence(f"/{name}.xml", [reply])
        room.feeds[name] = room.url(f"/{name}.xml")

    server.route("/dup/a", body=article_page("Dup", other_paragraphs("dup")))
    server.route("/dup/b", body=article_page("Dup b", other_paragraphs("dup-b")))
    room.feed("dupes", rss(item(room.url("/dup/a"), "same-guid")
                           + item(room.url("/dup/b"), "same-guid")
                           + item(room.url("/dup/a"), "other-guid")))  # fmt: skip
    odd = "".join(item(link, guid=f"odd-{name}") for name, link in NON_WEB_LINKS)
    room.feed("odd-links", rss(odd + item(room.url("/good"))))

    server.route("/secret", body="TOP-SECRET-TOKEN")
    dtd = (
        "<!DOCTYPE rss [<!ENTITY file SYSTEM 'file:///etc/passwd'>"
        f"<!ENTITY web SYSTEM '{room.url('/secret')}'>]>"
    )
    server.route("/xxe/kept", body=article_page("XXE", other_paragraphs("xxe")))
    room.feed("xxe", rss(item(room.url("/xxe/kept"), title="&file;&web;"), dtd))
