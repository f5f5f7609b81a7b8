"""`newsledger web` over HTTP, run for real on a free port: the log and its filters, escaping,
the diff of any two versions, reviews (stored at once, or queued while a writer holds the
lock and stored when it lets go), and what it refuses: forged or cross-site posts, foreign
Host names, logins without the secret, and listening beyond loopback without one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsledger.outputs.review_journal import queued_reviews
from newsledger.runs.pipeline import ingest_seed_folder
from newsledger.runs.synthetic import HOSTILE_TITLE, add_fixture_reports
from newsledger.store.locking import writer_lock
from newsledger.store.warehouse import Warehouse
from support.web_server import WebServer, csrf_of, wait_until

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KIRBY = "ap-moscow-concert-hall-attack"
KIRBY_ENTRY = "3c2c3314fdf5"
SECRET = "correct horse battery staple"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "warehouse.duckdb"
    ingest_seed_folder(SEEDS, path)
    with Warehouse.open(path) as warehouse:
        add_fixture_reports(warehouse)
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[WebServer]:
    with WebServer(db) as running:
        yield running


@pytest.fixture
def client(server: WebServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as opened:
        yield opened


def entry_ids(html: str) -> list[str]:
    return re.findall(r'<li class="entry[^"]*" id="entry-([0-9a-f]+)"', html)


def stored_reviews(db: Path) -> list[tuple[str, str, str]]:
    with Warehouse.open(db, read_only=True, wait_s=30) as warehouse:
        rows = warehouse.fetch_all(
            "SELECT entry_id, status, reviewed_by FROM reviews ORDER BY review_no"
        )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def post_review(
    client: httpx.Client, server: WebServer, entry_id: str, **fields: str
) -> httpx.Response:
    token = csrf_of(client.get("/").text)
    form = {"csrf": token, "next": "/", **fields}
    return client.post(
        f"/entries/{entry_id}/review", data=form, headers={"Origin": server.url.rstrip("/")}
    )


def test_the_log_lists_every_entry_with_its_legend(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert len(entry_ids(page.text)) == 3
    assert 'id="legend"' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=silent_substantive", 1),
        ("outlet=Fixture+Gazette", 2),
        ("kind=numeric", 1),
        ("review=pending", 3),
        ("review=reviewed", 0),
        ("q=kirby", 1),
        ("since=2024-03-23", 2),
    ],
)
def test_filters_narrow_the_log(client: httpx.Client, query: str, expected: int) -> None:
    assert len(entry_ids(client.get(f"/?{query}").text)) == expected


def test_a_bad_filter_is_one_clear_line(client: httpx.Client) -> None:
    page = client.get("/?status=silent")
    assert page.status_code == 400
    assert "status &#39;silent&#39; is not one of silent_substantive" in page.text


def test_a_hostile_title_is_shown_as_text(client: httpx.Client) -> None:
    for path in ("/", "/reports/fixture-hostile-markup"):
        page = client.get(path).text
        assert "Bridge &lt;b&gt;opening&lt;/b&gt; &amp; &#34;ceremony&#34;" in page
        assert "<b>opening</b>" not in page
        assert "<script" not in page.lower()
        assert "javascript:" not in page
    assert HOSTILE_TITLE.startswith("Bridge <b>opening</b>")


@pytest.mark.parametrize(
    ("query", "deleted", "inserted"),
    [
        ("a=1&b=2&mode=inline", "national security adviser", "National Security Council"),
        ("a=2&b=1&mode=inline", "National Security Council", "national security adviser"),
        ("a=1&b=2&mode=side", "national security adviser", "National Security Council"),
    ],
)
def test_any_two_versions_can_be_compared(
    client: httpx.Client, query: str, deleted: str, inserted: str
) -> None:
    page = client.get(f"/reports/{KIRBY}?{query}").text
    assert f"<del>{deleted}</del>" in page
    assert f"<ins>{inserted}</ins>" in page
    assert page.count('<details class="version"') == 2  # every version's full text


def test_an_unknown_version_or_report_is_refused_in_words(client: httpx.Client) -> None:
    page = client.get(f"/reports/{KIRBY}?a=9")
    assert page.status_code == 400
    assert "version &#39;9&#39; is not one of this report&#39;s (1, 2)" in page.text
    missing = client.get("/reports/no-such-report")
    assert missing.status_code == 404
    assert "the warehouse has no report &#39;no-such-report&#39;" in missing.text


def test_the_csv_has_a_byte_order_mark_and_the_changed_sentences(client: httpx.Client) -> None:
    body = client.get("/correction-log.csv?outlet=Associated+Press").content
    assert body.startswith(b"\xef\xbb\xbf")
    header, kirby = body.decode("utf-8-sig").split("\n")[:2]
    assert header.endswith(",before_text,after_text")
    assert kirby.startswith(KIRBY_ENTRY)


def test_a_review_is_stored_and_shown(client: httpx.Client, server: WebServer, db: Path) -> None:
    entry = entry_ids(client.get("/?status=routine").text)[0]
    sent = post_review(client, server, entry, status="dismissed", reviewer="Ana", note="fine")
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/?notice=stored#entry-{entry}"
    assert (entry, "dismissed", "Ana") in stored_reviews(db)
    page = client.get("/?review=dismissed").text
    assert entry_ids(page) == [entry]
    assert "Review: dismissed by Ana" in page


def test_a_review_sent_while_a_writer_holds_the_lock_lands_afterwards(
    client: httpx.Client, server: WebServer, db: Path
) -> None:
    with writer_lock(db):  # as an ingest run holds it
        sent = post_review(client, server, KIRBY_ENTRY, status="needs-note", reviewer="Ben")
        assert sent.headers["location"] == f"/?notice=queued#entry-{KIRBY_ENTRY}"
        assert [r.reviewed_by for r in queued_reviews(db)] == ["Ben"]
        page = client.get("/?notice=queued").text
        assert "review queued" in page
        assert "Queued: needs-note by Ben" in page
    wait_until(lambda: not queued_reviews(db), "the app stored the queued review")
    assert (KIRBY_ENTRY, "needs-note", "Ben") in stored_reviews(db)
    assert "Review: needs-note by Ben" in client.get("/").text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "reviewed", "reviewer": "  "}, "a review needs a reviewer"),
        ({"status": "done", "reviewer": "Ana"}, "review status &#39;done&#39; is not one of"),
    ],
)
def test_a_bad_review_is_refused_and_not_queued(
    client: httpx.Client, server: WebServer, db: Path, fields: dict[str, str], message: str
) -> None:
    sent = post_review(client, server, KIRBY_ENTRY, **fields)
    assert sent.status_code == 400
    assert message in sent.text
    assert queued_reviews(db) == []


def forged(client: httpx.Client, server: WebServer, **headers: str) -> httpx.Response:
    token = csrf_of(client.get("/").text)
    form = {"csrf": headers.pop("token", token), "status": "reviewed", "reviewer": "Mallory"}
    return client.post(f"/entries/{KIRBY_ENTRY}/review", data=form, headers=headers)


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Origin": "SELF", "token": "0" * 64}, "security token does not match this session"),
        ({"Origin": "SELF", "token": ""}, "security token does not match this session"),
        ({"Origin": "http://evil.example"}, "came from &#39;evil.example&#39;, not from this"),
        ({"Referer": "http://evil.example/page"}, "came from &#39;evil.example&#39;"),
        ({}, "neither where it came from (Origin) nor which page sent it"),
    ],
)
def test_forged_or_cross_site_posts_are_refused(
    client: httpx.Client, server: WebServer, db: Path, headers: dict[str, str], reason: str
) -> None:
    before = stored_reviews(db)
    if headers.get("Origin") == "SELF":
        headers["Origin"] = server.url.rstrip("/")
    refused = forged(client, server, **headers)
    assert refused.status_code == 403
    assert reason in refused.text
    assert stored_reviews(db) == before
    assert queued_reviews(db) == []


def test_a_session_from_another_client_cannot_use_this_token(
    server: WebServer, client: httpx.Client
) -> None:
    token = csrf_of(client.get("/").text)
    with httpx.Client(base_url=server.url, timeout=60) as other:
        other.get("/")
        refused = other.post(
            f"/entries/{KIRBY_ENTRY}/review",
            data={"csrf": token, "status": "reviewed", "reviewer": "Mallory"},
            headers={"Origin": server.url.rstrip("/")},
        )
    assert refused.status_code == 403


def test_a_foreign_host_name_is_refused_on_loopback(server: WebServer) -> None:
    # What a page on another site reaching the app through DNS rebinding would send.
    page = httpx.get(server.url, headers={"Host": "attacker.example"}, timeout=60)
    assert page.status_code == 400
    assert "loopback names only" in page.text


def run_cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "NEWSLEDGER_WEB_SECRET"}
    return subprocess.run(
        [sys.executable, "-m", "newsledger.cli", "web", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        timeout=120,
        cwd=db.parent,
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--host", "0.0.0.0"], {}, "refusing to listen on 0.0.0.0 without a secret"),
        (["--host", "192.0.2.1"], {}, "refusing to listen on 192.0.2.1 without a secret"),
        (["--host", "0.0.0.0", "--secret", "short"], {}, "the web secret has 5 characters"),
        (["--host", "::"], {"NEWSLEDGER_WEB_SECRET": ""}, "refusing to listen on :: without"),
    ],
)
def test_listening_beyond_loopback_needs_a_secret(
    db: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    done = run_cli(db, *args, "--port", "0", env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: ") and message in line


def test_with_a_secret_it_listens_beyond_loopback_behind_a_login(db: Path) -> None:
    env = {"NEWSLEDGER_WEB_SECRET": SECRET}
    with WebServer(db, "--host", "0.0.0.0", env=env) as server:
        url = server.url.replace("0.0.0.0", "127.0.0.1")
        with httpx.Client(base_url=url, timeout=60) as client:
            first = client.get("/")
            assert (first.status_code, first.headers["location"]) == (303, "/login?next=%2F")
            login = client.get("/login").text
            origin = {"Origin": url.rstrip("/")}
            wrong = {"csrf": csrf_of(login), "password": "guess", "next": "/"}
            assert client.post("/login", data=wrong, headers=origin).status_code == 403
            right = {"csrf": csrf_of(login), "password": SECRET, "next": "/"}
            assert client.post("/login", data=right, headers=origin).status_code == 303
            assert len(entry_ids(client.get("/").text)) == 3
        refused = httpx.post(
            url + f"entries/{KIRBY_ENTRY}/review",
            data={"status": "reviewed", "reviewer": "x"},
            headers={"Origin": url.rstrip("/")},
            timeout=60,
        )
        assert refused.status_code == 403


def test_a_warehouse_gone_from_under_the_app_is_one_clear_line(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "gone.duckdb"
    copy.write_bytes(db.read_bytes())
    with WebServer(copy) as server:
        copy.unlink()
        page = httpx.get(server.url, timeout=60)
    assert page.status_code == 503
    assert f"no warehouse at {copy}" in page.text


def test_a_queued_review_the_warehouse_refuses_is_kept_and_shown(db: Path, tmp_path: Path) -> None:
    from newsledger.outputs.review_journal import queue_review

    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    # Queued while the entry could not be checked, then refused when stored (the warehouse
    # was rebuilt without it, say): the review stays in the journal and the app says so.
    refused = queue_review(copy, "000000000000", "reviewed", None, "Ana")
    with WebServer(copy) as server:
        wait_until(
            lambda: "could not be stored" in httpx.get(server.url, timeout=60).text,
            "the log names the review it could not store",
        )
        page = httpx.get(server.url, timeout=60).text
    assert "no entry &#39;000000000000&#39; in the correction log" in page
    assert queued_reviews(copy) == [refused]
