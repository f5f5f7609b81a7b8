"""The command line as an operator meets it: exit codes when feeds fail (0 ok, 3 some, 4 all),
why nothing was polled, feed 304s counted, re-checking articles now (`refetch --all`,
`refetch REPORT_ID...`), report ids printed whole and taken by any unique prefix.

In-process `main([...])` against a loopback site, a closed loopback port as the dead feed, and
real DuckDB files.
"""

from __future__ import annotations

import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.runs.synthetic import add_captured_report
from newsledger.store.warehouse import Warehouse
from support.loopback import LoopbackServer
from support.newsroom import article_page

STORY = (
    "The council approved the budget on Tuesday after a long debate in the chamber.",
    "Spending on roads rises by a tenth, while the library budget stays where it was.",
    "The mayor said the vote showed the council could agree on hard choices.",
)
SCHOOL = (
    "The new school opens in September with places for four hundred pupils.",
    "Parents had campaigned for a decade for a secondary school on this side of town.",
    "The head teacher said the first year would be small, and the classes too.",
)


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"


def _sources(path: Path, feeds: list[tuple[str, str]], interval_minutes: int = 15) -> str:
    tables = "".join(
        f'\n[[feeds]]\nname = "{name}"\nurl = "{url}"\noutlet = "Wire"\n'
        f"poll_interval_minutes = {interval_minutes}\n"
        for name, url in feeds
    )
    path.write_text(
        '[fetch]\nallow_hosts = ["127.0.0.1"]\nper_host_min_gap_s = 0\nbackoff_base_s = 0.01\n'
        + tables
    )
    return str(path)


def _site(server: LoopbackServer) -> str:
    server.route("/budget", body=article_page("Budget passes", STORY, server.url("/budget")))
    server.route("/school", body=article_page("School opens", SCHOOL, server.url("/school")))
    server.route(
        "/feed.xml",
        body=(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<item><title>Budget</title><link>{server.url('/budget')}</link></item>"
            f"<item><title>School</title><link>{server.url('/school')}</link></item>"
            "</channel></rss>"
        ),
        headers={"Content-Type": "application/rss+xml"},
        etag='"feed-v1"',
    )
    return server.url("/feed.xml")


def _ingest(sources: str, db: Path, *extra: str) -> int:
    return main(["ingest", "feeds", "--sources", sources, "--db", str(db), *extra])


def test_every_feed_failing_exits_4_and_names_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = _closed_port_url()
    sources = _sources(tmp_path / "sources.toml", [("dead", dead)])

    assert _ingest(sources, tmp_path / "w.duckdb") == 4

    out, err = capsys.readouterr()
    assert "feeds polled: 1  feeds failed: 1  feed 304s: 0" in out
    first, last = err.splitlines()[0], err.splitlines()[-1]
    assert first.startswith(f"feed failed: dead: connect_error: {dead}: ")
    assert first.endswith(f"Connection refused)) ({dead})")
    assert last == (
        "every feed failed: check their URLs in the sources file and that the sites answer; "
        "`newsledger sources check` validates the file"
    )


def test_one_failing_feed_exits_3_and_a_second_failure_says_how_many_in_a_row(
    loopback_server: LoopbackServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = [("wire", _site(loopback_server)), ("dead", _closed_port_url())]
    sources = _sources(tmp_path / "sources.toml", feeds)
    db = tmp_path / "w.duckdb"

    assert _ingest(sources, db) == 3
    assert "feeds polled: 2  feeds failed: 1" in capsys.readouterr().out
    assert _ingest(sources, db, "--all") == 3
    assert capsys.readouterr().err.startswith("feed failed: dead (2 polls in a row): ")


def test_healthy_feeds_exit_0_and_count_feed_304s(
    loopback_server: LoopbackServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _sources(tmp_path / "sources.toml", [("wire", _site(loopback_server))])
    db = tmp_path / "w.duckdb"

    assert _ingest(sources, db) == 0
    assert _ingest(sources, db, "--all") == 0

    second = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("feeds polled: 1  feeds failed: 0  feed 304s: 1  pages fetched: 0")
        for line in second
    ), second


def test_nothing_due_says_when_the_next_feed_is_and_how_to_poll_now(
    loopback_server: LoopbackServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = [("wire", _site(loopback_server)), ("late", _site(loopback_server))]
    sources = _sources(tmp_path / "sources.toml", feeds, interval_minutes=60)
    db = tmp_path / "w.duckdb"
    assert _ingest(sources, db) == 0
    capsys.readouterr()

    assert _ingest(sources, db) == 0

    with Warehouse.open(db, read_only=True) as warehouse:
        [(polled,)] = warehouse.fetch_all("SELECT min(last_polled_at) FROM feed_state")
    due = (polled + timedelta(minutes=60)).astimezone(UTC)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("feeds polled: 0  feeds failed: 0")
    assert re.fullmatch(
        f"none of the 2 feeds was due; the next is due at {due:%Y-%m-%d %H:%M} UTC, "
        r"in (59|60) min; --all polls every feed now",
        out[-1],
    ), out


def _page_requests(server: LoopbackServer) -> list[str]:
    return [r.path for r in server.requests if r.path in ("/budget", "/school")]


def _report_ids(db: Path) -> list[str]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return [row[0] for row in warehouse.fetch_all("SELECT report_id FROM articles ORDER BY 1")]


def test_refetch_all_and_by_report_id_recheck_now_whatever_the_schedule(
    loopback_server: LoopbackServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = loopback_server
    sources = _sources(tmp_path / "sources.toml", [("wire", _site(server))])
    db = tmp_path / "w.duckdb"
    assert _ingest(sources, db) == 0
    budget, school = _report_ids(db)
    assert "budget" in budget and "school" in school
    refetch = ["refetch", "--sources", sources, "--db", str(db)]

    before = len(_page_requests(server))
    assert main(refetch) == 0  # just fetched: nothing due
    assert len(_page_requests(server)) == before
    assert main([*refetch, "--all"]) == 0
    assert sorted(_page_requests(server)[before:]) == ["/budget", "/school"]
    before = len(_page_requests(server))
    assert main([*refetch, school[: school.index("school") + 3]]) == 0  # a unique prefix
    assert _page_requests(server)[before:] == ["/school"]
    capsys.readouterr()

    assert main([*refetch, "--all", budget]) == 2
    assert capsys.readouterr().err == "error: give report ids or --all, not both\n"


@pytest.fixture
def twins(tmp_path: Path) -> Path:
    """A warehouse with two reports whose ids share a prefix, and a seed-like report."""
    db = tmp_path / "twins.duckdb"
    start = datetime(2024, 4, 1, 9, tzinfo=UTC)
    with Warehouse.open(db) as warehouse:
        for report_id, text in (("valley-fire-east", STORY), ("valley-fire-west", SCHOOL)):
            add_captured_report(
                warehouse, report_id, [list(text), [*text, "An update followed."]],
                first_captured_at=start, outlet="Gazette", title=report_id.title(),
            )  # fmt: skip
    return db


@pytest.mark.parametrize(
    ("given", "status", "shown"),
    [
        ("valley-fire-w", 0, "valley-fire-west: version 1 → 2"),
        ("valley-fire-west", 0, "valley-fire-west: version 1 → 2"),
        (
            "valley-fire",
            2,
            "error: report id 'valley-fire' is ambiguous: it starts valley-fire-east, "
            "valley-fire-west; type more of it",
        ),
        ("nope", 2, "error: no report 'nope': list them with `newsledger reports`"),
    ],
)
def test_diff_takes_any_unique_prefix_of_a_report_id(
    twins: Path, capsys: pytest.CaptureFixture[str], given: str, status: int, shown: str
) -> None:
    assert main(["diff", given, "--db", str(twins)]) == status
    out, err = capsys.readouterr()
    assert (out if status == 0 else err).splitlines()[0] == shown


def test_refetch_refuses_a_report_that_was_never_fetched_from_the_web(
    twins: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = _sources(tmp_path / "sources.toml", [])
    assert main(["refetch", "valley-fire-e", "--sources", sources, "--db", str(twins)]) == 2
    assert capsys.readouterr().err == (
        "error: report valley-fire-east was not fetched from the web (seeds or a WARC import): "
        "there is no page to re-fetch\n"
    )


def test_reports_prints_every_id_whole(twins: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reports", "--db", str(twins)]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines() if line.startswith("valley")] == [
        "valley-fire-east",
        "valley-fire-west",
    ]
